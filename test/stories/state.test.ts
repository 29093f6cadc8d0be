import { describe, expect, it } from 'vitest';
import { articleFromObject } from '../../src/ingest/jsonl.js';
import { Clusterer } from '../../src/stories/index.js';
import { loadLabelled } from '../eval/cluster.js';

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

  it('should resolve a duplicate against an event from the saved state', () => {
    const first = new Clusterer({ now: '2099-01-01' });
    const a = first.add(toArticle(0));
    const second = Clusterer.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    const dup = second.add({ ...toArticle(1), id: 'copy', duplicateOf: a.id, trace: [] });
    expect(dup.event).toBe(a.event);
    expect(dup.why?.decision).toBe('duplicate-of-canonical');
  });
});
