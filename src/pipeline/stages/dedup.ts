/**
 * The dedup index as a stage for `khabar dedup` run alone (in `khabar process` the dedup stage
 * works in date-sorted windows: src/pipeline/pipeline.ts). Two passes over the input keep memory to
 * the index alone:
 *   1. `prepare` signs (on the worker pool, when there is one) and indexes every record;
 *   2. `run` gives each record its group as it stands at the end, so a later, earlier-published copy
 *      still becomes the canonical of the earlier ones. A record the index refused (a duplicate id)
 *      is dropped there, with the index's Reason.
 */
import type { Article } from '../../core/article.js';
import { statKey, type Stage } from '../../core/stage.js';
import { applyDecision } from '../../dedup/articles.js';
import type { DedupDecision, DedupIndex, DedupItem } from '../../dedup/index.js';
import { dedupStream, type Signer } from '../../dedup/stream.js';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** What the index reads of a record, as `khabar dedup` always has: its text, date and source as written. */
function itemOf(a: Article): DedupItem & { at: string } {
  const o = a.record?.object ?? {};
  return {
    id: a.id,
    text: a.raw,
    published: str(o.published),
    source: str(o.site) ?? str(o.url) ?? str(o.source),
    at: a.record?.at ?? a.source,
  };
}

export function dedupAll(index: DedupIndex, opts: { pool?: Signer | null } = {}): Stage {
  /** Pass-1 decision of each record, by where it was read (`file:line`). */
  const decided = new Map<string, DedupDecision>();
  return {
    name: 'dedup',
    async prepare(articles) {
      async function* items() {
        for await (const a of articles) yield itemOf(a);
      }
      for await (const { item, decision } of dedupStream(items(), index, { pool: opts.pool })) {
        decided.set(item.at, decision);
      }
    },
    async *run(articles, ctx) {
      for await (const a of articles) {
        const first = decided.get(itemOf(a).at);
        if (!first) continue; // not in pass 1: the input changed between the passes
        ctx.inc('in');
        const d = applyDecision(a, index, first);
        ctx.stats.inc(statKey('dedup', 'decided', d.rule));
        if (a.rejected) {
          ctx.count(a, a.rejected);
          continue;
        }
        ctx.inc(a.duplicateOf ? 'duplicate' : 'canonical');
        yield a;
      }
    },
  };
}
