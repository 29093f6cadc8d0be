/**
 * src/core/stage.ts: a drop or a note is one Reason in the trace, counted once under
 * `<stage>/<outcome>/<rule>`; a drop goes to the rejects sink. src/pipeline/runner.ts: stages
 * pull from one another, a prepare pass sees the input as read and is counted apart.
 */
import { describe, expect, it } from 'vitest';
import { newArticle, type Article } from '../../src/core/article.js';
import { stageContext, statKey, type Rejection, type Stage } from '../../src/core/stage.js';
import { Stats } from '../../src/core/stats.js';
import { reason } from '../../src/core/trace.js';
import { runPipeline } from '../../src/pipeline/runner.js';

const article = (id: string, raw = 'نص') => newArticle({ id, source: `in.jsonl:${id}`, raw });

describe('stage context', () => {
  it('should build stats keys as <stage>/<outcome>/<rule>, without the stage’s own prefix', () => {
    expect(statKey('clean', 'drop-line', 'clean/navigation')).toBe('clean/drop-line/navigation');
    expect(statKey('clean', 'note', 'html/other-candidate')).toBe('clean/note/html/other-candidate');
    expect(statKey('ingest', 'error', 'KHB_EMPTY')).toBe('ingest/error/KHB_EMPTY');
    expect(statKey('dedup', 'in')).toBe('dedup/in');
  });

  it('should record a drop as one Reason: rejected, in the trace once, counted once, sent to the sink', () => {
    const stats = new Stats();
    const sunk: Rejection[] = [];
    const ctx = stageContext('clean', { stats, rejects: (r) => sunk.push(r) });
    const a = article('a');
    const r = ctx.drop(a, 'clean/not-arabic', 'document language is en, not Arabic', { evidence: { lang: 'en' } });
    expect(a.rejected).toBe(r);
    expect(a.trace).toEqual([r]);
    expect(r).toEqual({
      rule: 'clean/not-arabic',
      action: 'drop-article',
      message: 'document language is en, not Arabic',
      evidence: { lang: 'en' },
    });
    expect(Object.fromEntries(stats.counts)).toEqual({ 'clean/drop-article/not-arabic': 1 });
    expect(sunk).toEqual([{ source: 'in.jsonl:a', reason: r, article: a }]);
  });

  it('should record a note as one Reason with its action, counted once, and never sink it', () => {
    const stats = new Stats();
    const sunk: Rejection[] = [];
    const ctx = stageContext('cluster', { stats, rejects: (r) => sunk.push(r) });
    const a = article('a');
    ctx.note(a, 'stories/no-date', 'no published date');
    ctx.note(a, 'stories/joined-event', 'ev_1 in st_1', { action: 'join', evidence: { event: 'ev_1' } });
    expect(a.trace.map((r) => [r.rule, r.action])).toEqual([
      ['stories/no-date', 'note'],
      ['stories/joined-event', 'join'],
    ]);
    expect(a.rejected).toBeNull();
    expect(stats.get('cluster/note/stories/no-date')).toBe(1);
    expect(stats.get('cluster/join/stories/joined-event')).toBe(1);
    expect(stats.counts.size).toBe(2);
    expect(sunk).toEqual([]);
  });

  it('should count a Reason a library step made, once, and report unreadable input by its code', () => {
    const stats = new Stats();
    const sunk: Rejection[] = [];
    const ctx = stageContext('ingest', { stats, rejects: (r) => sunk.push(r) });
    const a = article('a');
    ctx.count(a, reason('ingest/odd', 'note', 'a note'));
    ctx.unreadable('in.jsonl:2', 'KHB_JSONL_MALFORMED', 'in.jsonl:2: malformed JSON line', 2);
    expect(Object.fromEntries(stats.counts)).toEqual({ 'ingest/note/odd': 1, 'ingest/error/KHB_JSONL_MALFORMED': 1 });
    expect(sunk).toHaveLength(1);
    expect(sunk[0]).toMatchObject({ source: 'in.jsonl:2', line: 2, article: null });
    expect(sunk[0].reason.rule).toBe('KHB_JSONL_MALFORMED');
  });

  it('should read counts back by rule across prefixes, most first, ties in first-counted order', () => {
    const stats = new Stats();
    stats.inc('ingest/error/KHB_BINARY');
    stats.inc('clean/drop-article/empty-body');
    stats.inc('clean/drop-article/not-arabic', 2);
    stats.inc('clean/drop-line/navigation');
    expect(Object.entries(stats.byRule(['ingest/error', 'clean/drop-article']))).toEqual([
      ['not-arabic', 2],
      ['KHB_BINARY', 1],
      ['empty-body', 1],
    ]);
  });
});

describe('runPipeline', () => {
  const source = (ids: string[]): Stage => ({
    name: 'ingest',
    async *run(_none, ctx) {
      for (const id of ids) {
        ctx.inc('in');
        yield article(id);
      }
    },
  });

  it('should run the stages in order, each pulling from the one before, and drop what a stage drops', async () => {
    const seen: string[] = [];
    const dropOdd: Stage = {
      name: 'filter',
      async *run(articles, ctx) {
        for await (const a of articles) {
          if (Number(a.id) % 2) ctx.drop(a, 'filter/odd', `${a.id} is odd`);
          else yield a;
        }
      },
    };
    const collect: Stage = {
      name: 'write',
      async *run(articles) {
        for await (const a of articles) {
          seen.push(a.id);
          yield a;
        }
      },
    };
    const rejected: string[] = [];
    const stats = await runPipeline([source(['1', '2', '3', '4']), dropOdd, collect], {
      stats: new Stats(),
      rejects: (r) => rejected.push(`${r.source} ${r.reason.rule}`),
    });
    expect(seen).toEqual(['2', '4']);
    expect(rejected).toEqual(['in.jsonl:1 filter/odd', 'in.jsonl:3 filter/odd']);
    expect(stats.get('filter/drop-article/odd')).toBe(2);
    expect(stats.get('ingest/in')).toBe(4);
  });

  it('should give a prepare pass the input as read, counted apart, and size the progress from it', async () => {
    const prepared: string[] = [];
    const order: string[] = [];
    const twoPass: Stage = {
      name: 'count',
      async prepare(articles) {
        for await (const a of articles) prepared.push(a.id);
      },
      async *run(articles: AsyncIterable<Article>) {
        for await (const a of articles) {
          order.push(`${a.id} after ${prepared.length}`);
          yield a;
        }
      },
    };
    const progress: string[] = [];
    const stats = await runPipeline([source(['a', 'b']), twoPass], {
      stats: new Stats(),
      progress: { start: (n) => progress.push(`start ${n}`), tick: () => {}, stop: () => progress.push('stop') },
    });
    expect(prepared).toEqual(['a', 'b']);
    expect(order).toEqual(['a after 2', 'b after 2']);
    expect(stats.get('ingest/in')).toBe(2); // pass 1 is not counted in the run's stats
    expect(progress).toEqual(['start 2', 'stop']);
  });
});
