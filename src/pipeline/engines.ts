/**
 * The one place the pipeline meets src/dedup and src/stories. Each engine sets
 * fields on the Articles in place and saves its state as bytes, which the store
 * keeps (`state` table), so a later run joins existing duplicate groups and events.
 */
import type { Article } from '../core/article.js';
import { stageContext, statKey } from '../core/stage.js';
import { clusterOne } from './stages/cluster.js';
import type { Stats } from '../core/stats.js';
import { applyDecision, dedupText } from '../dedup/articles.js';
import { DedupIndex } from '../dedup/index.js';
import type { SignBatch } from '../dedup/sign.js';
import { Clusterer, type ClustererState } from '../stories/clusterer.js';
import type { Gazetteer } from '../stories/gazetteer/index.js';
import type { Regroup, Store } from '../store/store.js';

/** State keys; the `2` marks the switch from the early stand-in engines (their state is ignored). */
const DEDUP_STATE = 'dedup-index-2';
const CLUSTER_STATE = 'stories-clusterer-2';

export class Engines {
  private constructor(
    readonly dedup: DedupIndex,
    readonly cluster: Clusterer,
  ) {}

  static async load(store: Store, gazetteer?: Gazetteer): Promise<Engines> {
    const d = await store.getState(DEDUP_STATE);
    const c = await store.getState(CLUSTER_STATE);
    // "Today" is always the clock, never the first run's: it only flags published dates in the future.
    const now = new Date().toISOString().slice(0, 10);
    return new Engines(
      d ? DedupIndex.fromBytes(d, `state ${DEDUP_STATE}`) : new DedupIndex(),
      c
        ? Clusterer.fromJSON(JSON.parse(Buffer.from(c).toString('utf8')) as ClustererState, { now, gazetteer })
        : new Clusterer({ now, gazetteer }),
    );
  }

  /** The state to save (Store.writeArticles `state`), read back by `load`. */
  state(): Record<string, Uint8Array | string> {
    return { [DEDUP_STATE]: this.dedup.toBytes(), [CLUSTER_STATE]: JSON.stringify(this.cluster.toJSON()) };
  }

  /**
   * Sets dupGroup, duplicateOf and similarity on a date-sorted batch, with the
   * decision in each trace. Decisions are read after the whole batch, so an earlier
   * copy later in the batch still becomes the canonical. Returns groups whose
   * canonical was an article stored by an earlier batch and is now another.
   * `signed`: the batch's signatures (signTexts of dedupText, in batch order), when made elsewhere.
   */
  dedupBatch(batch: Article[], stats: Stats, signed?: SignBatch): Regroup[] {
    const items = batch.map((a) => ({
      id: a.id,
      text: dedupText(a),
      published: a.published,
      source: a.site ?? a.source,
    }));
    // signatures made elsewhere (src/scale: by the workers that cleaned the batch), or here
    const { decisions, regrouped } = signed ? this.dedup.addSigned(items, signed) : this.dedup.addSync(items);
    batch.forEach((a, i) => stats.inc(statKey('dedup', 'decided', applyDecision(a, this.dedup, decisions[i]).rule)));
    return regrouped.map(({ from, to }) => {
      const fromSlot = this.dedup.slotOf(from);
      const toSlot = this.dedup.slotOf(to);
      return { from, to, similarity: this.dedup.similarity(fromSlot, toSlot) };
    });
  }

  /** Sets event, story, eventDate, entities and why (src/stories/clusterer.ts), counted in `stats`. */
  clusterOne(a: Article, stats: Stats): void {
    clusterOne(this.cluster, a, stageContext('cluster', { stats }));
  }
}
