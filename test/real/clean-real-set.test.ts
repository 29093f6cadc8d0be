/**
 * Our own real cleaning set must not share a page with eval-dev's sets: it is measured apart from them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, validate } from '../fixtures/real/tools/validate.js';
import { evalDevFile } from './eval-dev.js';

const SET = join(process.cwd(), 'test', 'fixtures', 'real', 'clean', 'pages.jsonl');

describe('real cleaning set against eval-dev', () => {
  it('should share no url with clean_real.jsonl or events_real.jsonl', () => {
    const errors: string[] = [];
    const ours = parseJsonl(readFileSync(SET, 'utf8'), SET, errors);
    const theirs = ['clean_real.jsonl', 'events_real.jsonl'].flatMap((f) =>
      parseJsonl(readFileSync(evalDevFile(f), 'utf8'), f, errors).map((r) => String(r.url)),
    );
    expect(theirs.length).toBeGreaterThan(100);
    expect([...errors, ...validate(ours, theirs).errors]).toEqual([]);
  });
});
