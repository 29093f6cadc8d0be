/**
 * The clusterer as a stage (src/stories): event, story, entities and why on each article. Alone
 * (`khabar cluster`) it clusters batches of CLUSTER_BATCH in the clusterer's canonical order (by
 * date, then id) and yields them in input order; in `khabar process` the dedup stage has already
 * put each window in date order, canonicals first, and each article is clustered as it comes.
 */
import type { Article } from '../../core/article.js';
import type { Stage, StageContext } from '../../core/stage.js';
import { statKey } from '../../core/stage.js';
import { CLUSTER_BATCH, type Clusterer } from '../../stories/clusterer.js';

/** Counts what clustering put on an article since its trace was `from` long: each note once, and the decision. */
function counted(a: Article, from: number, ctx: StageContext): void {
  for (const r of a.trace.slice(from)) ctx.count(a, r);
  ctx.stats.inc(statKey(ctx.stage, 'decided', a.why?.decision ?? 'assigned'));
}

/** One article through the clusterer, counted (src/pipeline/engines.ts, the scale-out sequencer). */
export function clusterOne(clusterer: Clusterer, a: Article, ctx: StageContext): void {
  const from = a.trace.length;
  ctx.inc('in');
  ctx.stats.time('cluster', () => clusterer.add(a));
  counted(a, from, ctx);
}

/** `khabar cluster`: batches in canonical order, yielded in input order. */
export function clusterBatches(clusterer: Clusterer, batchSize = CLUSTER_BATCH): Stage {
  return {
    name: 'cluster',
    async *run(articles, ctx) {
      let batch: Article[] = [];
      const flush = function* () {
        const from = new Map(batch.map((a) => [a, a.trace.length]));
        ctx.inc('in', batch.length);
        // counted in the order clustered, as the clusterer took its notes
        ctx.stats.time('cluster', () => clusterer.addBatch(batch, (a) => counted(a, from.get(a)!, ctx)));
        yield* batch;
        batch = [];
      };
      for await (const a of articles) {
        batch.push(a);
        if (batch.length >= batchSize) yield* flush();
      }
      yield* flush();
    },
  };
}

/** `khabar process`: each article as it comes (the window's order is the dedup stage's). */
export function clusterInOrder(clusterer: () => Clusterer): Stage {
  return {
    name: 'cluster',
    async *run(articles, ctx) {
      for await (const a of articles) {
        clusterOne(clusterer(), a, ctx);
        yield a;
      }
    },
  };
}
