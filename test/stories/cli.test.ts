import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { seedArticles } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'khabar-cluster-'));
const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('khabar cluster (in-process)', () => {
  const [s0, s3] = seedArticles();
  const input = join(dir, 'seeds.jsonl');
  writeFileSync(
    input,
    jsonl([
      { id: '000', title: s0.title, text: s0.raw, published: '2021-06-30', site: 'baghdad24' },
      '{"id": "broken", "text": ',
      { id: 'no-text', title: 'عنوان' },
      { id: '003', text: s3.raw, published: '2021-07-01' },
      { id: '003-copy', text: s3.raw, published: '2021-07-01', duplicate_of: '003' },
    ]),
  );

  it('should add event, story, entities, event_date and why to each object, and keep its own fields', async () => {
    const out = join(dir, 'out.jsonl');
    const io = memoryIO();
    expect(await main(['cluster', input, '-o', out, '--now', '2030-01-01'], io)).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['000', '003', '003-copy']);
    expect(rows[0]).toMatchObject({ site: 'baghdad24', event: 'ev_000', story: 'st_000', event_date: '2021-06-30' });
    expect(rows[1]).toMatchObject({ event: 'ev_003', story: 'st_000', event_date: '2021-07-01' });
    expect(rows[2]).toMatchObject({ event: 'ev_003', story: 'st_000', why: { decision: 'duplicate-of-canonical' } });
    expect(rows[1].why).toMatchObject({ decision: 'new-event', date_gap_days: 1 });
    expect(rows[1].entities.map((e: { key: string }) => e.key)).toContain('org:nato');
  });

  it('should report bad lines as file:line: reason, count them, and go on', async () => {
    const io = memoryIO();
    await main(['cluster', input, '-o', join(dir, 'out2.jsonl'), '--now', '2030-01-01'], io);
    expect(io.err()).toContain(`${input}:2: malformed JSON`);
    // the one JSONL reader words it as the catalogue does (KHB_JSONL_NO_TEXT), for every command
    expect(io.err()).toContain(`${input}:3: object has no "text"`);
    expect(io.err()).toMatch(/cluster: 3 articles, 2 new events, 1 new stories, 2 bad lines/);
  });

  it('should continue a saved state in a later run', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    const state = join(dir, 'state.json');
    writeFileSync(a, jsonl([{ id: '000', title: s0.title, text: s0.raw, published: '2021-06-30' }]));
    writeFileSync(b, jsonl([{ id: '003', text: s3.raw, published: '2021-07-01' }]));
    await main(
      ['cluster', a, '-o', join(dir, 'a.out.jsonl'), '--save-state', state, '--now', '2030-01-01'],
      memoryIO(),
    );
    const io = memoryIO();
    await main(['cluster', b, '-o', join(dir, 'b.out.jsonl'), '--state', state], io);
    const row = JSON.parse(readFileSync(join(dir, 'b.out.jsonl'), 'utf8').trim());
    expect(row).toMatchObject({ event: 'ev_003', story: 'st_000' });
    expect(io.err()).toContain('state now 2 articles, 2 events, 1 stories');
  });

  it('should refuse a state file that is not one, naming it', async () => {
    const bad = join(dir, 'not-state.json');
    writeFileSync(bad, '{"events": [');
    const io = memoryIO();
    expect(await main(['cluster', input, '-o', join(dir, 'out3.jsonl'), '--state', bad], io)).toBe(1);
    expect(io.err()).toMatch(new RegExp(`^khabar: KHB_BAD_INPUT: .*${bad}.* is not a clustering state`));
    const missing = memoryIO();
    expect(
      await main(['cluster', input, '-o', join(dir, 'out4.jsonl'), '--state', join(dir, 'nope.json')], missing),
    ).toBe(1);
    expect(missing.err()).toMatch(/^khabar: KHB_FILE_UNREADABLE: /);
  });
});
