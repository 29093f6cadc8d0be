import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { SEEDS_DIR } from '../support/seeds.js';

describe('the seeds through `khabar clean` then `khabar cluster`, no dates given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-seeds-'));
  const cleaned = join(dir, 'clean.jsonl');
  const clustered = join(dir, 'cluster.jsonl');
  const run = async () => {
    expect(await main(['clean', SEEDS_DIR, '-o', cleaned], memoryIO())).toBe(0);
    expect(await main(['cluster', cleaned, '-o', clustered, '--now', '2030-01-01'], memoryIO())).toBe(0);
    return readFileSync(clustered, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('should give one story and two events: Wednesday with Stoltenberg, Thursday with the permanent representatives', async () => {
    const rows = await run();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.published === null)).toBe(true);
    expect(new Set(rows.map((r) => r.story)).size).toBe(1);
    expect(new Set(rows.map((r) => r.event)).size).toBe(2);
    // the second is split off by the weekdays its text names (الأربعاء vs الخميس), then joins the story
    expect(rows[1].why.decision).toBe('new-event');
    expect(rows[1].why.reasons.map((r: { rule: string }) => r.rule)).toEqual(
      expect.arrayContaining(['stories/no-date', 'stories/different-day']),
    );
    const names = rows[1].why.entities.join(' ');
    expect(names).toMatch(/الناتو|حلف شمال الأطلسي/);
    expect(names).toContain('الكاظمي');
    expect(names).toContain('بروكسل');
  });
});
