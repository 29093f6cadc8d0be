/**
 * None of our own real cleaning sets may share a page with eval-dev's sets: they are measured apart from them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonl, validate } from '../fixtures/real/tools/validate.js';
import { evalDevFile } from './eval-dev.js';

const SETS = [
  'pages',
  'fresh',
  'dev2',
  'dev3',
  'dev4',
  'dev5',
  'dev6',
  'dev7',
  'dev8',
  'heldout',
  'heldout2',
  'heldout3',
];

describe('real cleaning sets against eval-dev', () => {
  for (const name of SETS)
    it(`should share no url with clean_real.jsonl or events_real.jsonl: ${name}.jsonl`, () => {
      const errors: string[] = [];
      const file = join(process.cwd(), 'test', 'fixtures', 'real', 'clean', `${name}.jsonl`);
      const ours = parseJsonl(readFileSync(file, 'utf8'), file, errors);
      const theirs = ['clean_real.jsonl', 'events_real.jsonl'].flatMap((f) =>
        parseJsonl(readFileSync(evalDevFile(f), 'utf8'), f, errors).map((r) => String(r.url)),
      );
      expect(theirs.length).toBeGreaterThan(100);
      expect([...errors, ...validate(ours, theirs).errors]).toEqual([]);
    });
});
