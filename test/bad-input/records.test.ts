/**
 * One bad record never costs another (issue 15): a JSONL line nested 20 000 deep between two
 * good ones is reported with its line number, and `clean` and `process` keep the good ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { nestingDepth } from '../../src/ingest/jsonl.js';
import { openStore } from '../../src/store/index.js';
import { SAMPLE_DIR, tmpDir } from '../support/sample-db.js';

const good = (id: string, file: string, site: string) =>
  JSON.stringify({ id, site, text: readFileSync(join(SAMPLE_DIR, file), 'utf8') });
const DEEP = `{"id":"deep","text":"نص","meta":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`;

describe('a bad JSONL record among good ones', () => {
  const dir = tmpDir();
  const input = join(dir, 'mixed.jsonl');
  writeFileSync(
    input,
    [
      good('g1', 'alrafidain/alrafidain-iraq-curfew.txt', 'alrafidain'),
      DEEP,
      good('g2', 'alrafidain/alrafidain-summit-agreements.txt', 'alrafidain'),
    ].join('\n') + '\n',
  );

  it('should count nesting outside strings only', () => {
    expect(nestingDepth('{"a":[{"b":"[[[{{{"}]}', 99)).toBe(3);
    expect(nestingDepth('{"a":"\\"[[["}', 99)).toBe(1);
    expect(nestingDepth('['.repeat(1000), 64)).toBe(65); // stops counting past the bound
  });

  it('should let khabar clean write both good lines and report line 2 as KHB_JSONL_MALFORMED', async () => {
    const io = memoryIO();
    expect(await main(['clean', input], io)).toBe(0);
    expect(
      io
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['g1', 'g2']);
    expect(io.err()).toMatch(
      /KHB_JSONL_MALFORMED: .*mixed\.jsonl:2: malformed JSON line \(nested deeper than 64 levels\)/,
    );
  });

  it("should let khabar process store both good lines, not lose the window's transaction", async () => {
    const db = join(dir, 'k.db');
    const io = memoryIO();
    expect(await main(['process', input, '--db', db, '--runs', join(dir, 'runs')], io)).toBe(0);
    expect(io.err()).toMatch(/mixed\.jsonl:2/);
    const store = await openStore(db);
    expect((await store.getArticle('g1'))?.status).toBe('stored');
    expect((await store.getArticle('g2'))?.status).toBe('stored');
    expect(await store.getArticle('deep')).toBeNull();
    await store.close();
  });
});
