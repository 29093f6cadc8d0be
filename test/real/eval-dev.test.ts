import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalDevFile } from './eval-dev.js';

const jsonl = (name: string) =>
  readFileSync(evalDevFile(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the real development sets are where the gates look', () => {
  it('should find the labelled cleaning pages', () =>
    expect(jsonl('clean_real.jsonl').length).toBeGreaterThanOrEqual(40));
  it('should find the labelled event articles', () =>
    expect(jsonl('events_real.jsonl').length).toBeGreaterThanOrEqual(100));
});
