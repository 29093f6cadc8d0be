import { describe, expect, it } from 'vitest';
import { articleFromObject } from '../../src/ingest/jsonl.js';
import { Clusterer } from '../../src/stories/index.js';
import { loadLabelled } from '../eval/cluster.js';
import { generate } from '../../bench/cluster.js';

describe('stories: saved state continues the same clustering', () => {
  const rows = loadLabelled('test/fixtures/stories/dev.jsonl');
  const toArticle = (i: number) => articleFromObject(rows[i].obj, `dev:${i + 1}`)!;

  it('should give the same events and stories whether the run stops and resumes or not', () => {
    const whole = new Clusterer({ now: '2099-01-01' });
    const expected = rows.map((_, i) => whole.add(toArticle(i))).map((a) => `${a.event}/${a.story}`);

    const half = Math.floor(rows.length / 2);
    const first = new Clusterer({ now: '2099-01-01' });
    const got: string[] = [];
    for (let i = 0; i < half; i++) {
      const a = first.add(toArticle(i));
      got.push(`${a.event}/${a.story}`);
    }
    const saved = JSON.parse(JSON.stringify(first.toJSON()));
    const second = Clusterer.fromJSON(saved);
    for (let i = half; i < rows.length; i++) {
      const a = second.add(toArticle(i));
      got.push(`${a.event}/${a.story}`);
    }
    expect(got).toEqual(expected);
    expect(second.counts).toEqual(whole.counts);
  });

  it('should leave the same state as an uninterrupted run, stale cached norms included (kill -9 and resume)', () => {
    // 4 000 generated articles resumed at 2 500: the centroid norms cached before the stop are stale by
    // design, and a resumed run must score with the same stale values or it breaks near-ties otherwise
    const stream = [...generate(4000, 3)];
    const copy = (i: number) => ({ ...stream[i], trace: [] });
    const whole = new Clusterer({ now: '2099-01-01' });
    for (let i = 0; i < stream.length; i++) whole.add(copy(i));
    const first = new Clusterer({ now: '2099-01-01' });
    for (let i = 0; i < 2500; i++) first.add(copy(i));
    const second = Clusterer.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    const norms = (c: Clusterer) =>
      [...c.events.clusters.values(), ...c.stories.clusters.values()].map((x) => [x.id, x.normCache?.value]);
    const cached = norms(first).filter(([, v]) => v !== undefined);
    expect(cached.length).toBeGreaterThan(50);
    expect(norms(second)).toEqual(norms(first));
    for (let i = 2500; i < stream.length; i++) second.add(copy(i));
    expect(JSON.stringify(second.toJSON())).toBe(JSON.stringify(whole.toJSON()));
    expect(norms(second)).toEqual(norms(whole));
  });

  it('should resolve a duplicate against an event from the saved state', () => {
    const first = new Clusterer({ now: '2099-01-01' });
    const a = first.add(toArticle(0));
    const second = Clusterer.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    const dup = second.add({ ...toArticle(1), id: 'copy', duplicateOf: a.id, trace: [] });
    expect(dup.event).toBe(a.event);
    expect(dup.why?.decision).toBe('duplicate-of-canonical');
  });
});
