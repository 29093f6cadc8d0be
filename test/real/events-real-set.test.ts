/**
 * Our own held-out real events set (test/fixtures/real/events) must share no page with eval-dev's sets: it is
 * measured apart from them. `npm test` checks the set itself (test/fixtures/real/events/set.test.ts); this gate
 * adds the disjointness check, which needs ../shared/eval-dev (or $KHABAR_EVAL_DEV).
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../fixtures/real/events/validate.js';
import { evalDevFile } from './eval-dev.js';

describe('real events set against eval-dev', () => {
  it('should be valid and share no url with events_real.jsonl or clean_real.jsonl', () => {
    const dir = dirname(evalDevFile('events_real.jsonl'));
    const report = validate(undefined, dir);
    expect(report.records.length).toBeGreaterThanOrEqual(300);
    expect(report.errors).toEqual([]);
  });
});
