import { describe, expect, it } from 'vitest';
import { Clusterer } from '../../src/stories/index.js';
import { seedArticles } from './helpers.js';

describe('stories: the seeds (al-Kadhimi at NATO in Brussels)', () => {
  const c = new Clusterer({ now: '2030-01-01' });
  const [a0, a3] = seedArticles().map((a) => c.add(a));

  it('should put both seeds in one story', () => {
    expect(a0.story).toBe('st_000');
    expect(a3.story).toBe('st_000');
  });

  it('should put them in two events: Wednesday with Stoltenberg, Thursday with the permanent representatives', () => {
    expect(a0.event).toBe('ev_000');
    expect(a3.event).toBe('ev_003');
    expect(a0.eventDate).toBe('2021-06-30');
    expect(a3.eventDate).toBe('2021-07-01');
    expect(a3.why?.decision).toBe('new-event');
    expect(a3.why?.date_gap_days).toBe(1);
    expect(a3.trace.map((r) => r.rule)).toContain('stories/different-day');
  });

  it('should name الناتو, الكاظمي and بروكسل in the explanation', () => {
    const names = a3.why!.entities.join(' ');
    expect(names).toMatch(/الناتو|حلف شمال الأطلسي/);
    expect(names).toContain('الكاظمي');
    expect(names).toContain('بروكسل');
    expect(a3.why!.story_score).toBeGreaterThan(0.3);
  });

  it("should fold both sites' NATO forms to one key and keep the surfaces as written", () => {
    const n0 = a0.entities!.find((e) => e.key === 'org:nato')!;
    const n3 = a3.entities!.find((e) => e.key === 'org:nato')!;
    expect(n0.surface).toEqual(expect.arrayContaining(['الناتو', 'حلف شمال الأطلسي']));
    expect(n3.surface).toEqual(expect.arrayContaining(['ناتو']));
    expect(a0.entities!.map((e) => e.key)).toEqual(
      expect.arrayContaining(['person:kadhimi', 'person:stoltenberg', 'city:brussels']),
    );
  });
});
