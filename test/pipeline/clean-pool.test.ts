/**
 * Cleaning in worker threads (src/pipeline/clean-pool.ts) gives what cleaning on the main thread gives:
 * the same articles in the same order, the same Reasons, the same counts, with the run's cross-document
 * index sent to the worker. A run long enough to start the pool (CLEAN_POOL_MIN_DOCS) is cleaned both ways.
 */
import { describe, expect, it } from 'vitest';
import { generateRawDocs } from '../../bench/gen-raw.js';
import { newArticle, type Article } from '../../src/core/article.js';
import type { Stage } from '../../src/core/stage.js';
import { Stats } from '../../src/core/stats.js';
import { dedupText } from '../../src/dedup/articles.js';
import { DEFAULT_SIGN, rowsOf, signTexts, type SignRow } from '../../src/dedup/sign.js';
import { CLEAN_BATCH, CLEAN_IN_FLIGHT, CLEAN_POOL_MIN_DOCS } from '../../src/pipeline/clean-pool.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { cleanStage } from '../../src/pipeline/stages/clean.js';

// past the pool's threshold by a few batches and a part batch
const N = CLEAN_POOL_MIN_DOCS + 5 * CLEAN_BATCH + 17;
const docs = [...generateRawDocs(N, 5)];

/** Articles the reader has handed on so far. */
let read = 0;

function reader(): Stage {
  read = 0;
  return {
    name: 'ingest',
    async *run(_in, ctx) {
      for (const d of docs) {
        ctx.inc('in');
        read++;
        // each site's own slogan under every article: the cross-document index's work
        const slogan = `${d.site} صوتك الحر في كل مكان وكل زمان منذ عشرين عاما`;
        yield newArticle({ id: d.id, source: d.id, raw: `${d.text}\n${slogan}`, site: d.site });
      }
    },
  };
}

async function cleanAll(
  workers: number,
  ahead?: number,
  siteLines = true,
): Promise<{ out: Article[]; stats: Stats; readAt: number[] }> {
  const out: Article[] = [];
  const readAt: number[] = []; // for each article out, how many the reader had read by then
  const collect: Stage = {
    name: 'collect',
    async *run(articles) {
      for await (const a of articles) {
        out.push(a);
        readAt.push(read);
        yield a;
      }
    },
  };
  const stats = await runPipeline([reader(), cleanStage({ workers, ahead, siteLines }), collect], {
    stats: new Stats(),
  });
  return { out, stats, readAt };
}

describe('cleaning in worker threads', () => {
  it('should give the same articles, Reasons and counts as the main thread', async () => {
    const here = await cleanAll(0);
    const pooled = await cleanAll(1);
    expect(pooled.out.length).toBe(here.out.length);
    expect(pooled.out.map((a) => a.id)).toEqual(here.out.map((a) => a.id));
    const view = (a: Article) => ({
      raw: a.raw,
      bytes: a.bytes,
      title: a.title,
      dateline: a.dateline,
      paragraphs: a.paragraphs,
      removed: a.removed,
      trace: a.trace,
      rejected: a.rejected,
    });
    expect(pooled.out.map(view)).toEqual(here.out.map(view));
    expect(pooled.stats.toJSON().counts).toEqual(here.stats.toJSON().counts);
    // the corpus exercises the cross-document index: some lines go as site boilerplate
    expect(here.stats.get('clean/drop-line/site-boilerplate')).toBeGreaterThan(N / 4);
  }, 120_000);

  it('should keep `ahead` articles sent to the workers, so they clean while the caller works on a block', async () => {
    const ahead = 5 * CLEAN_BATCH; // past the default (CLEAN_IN_FLIGHT batches a worker)
    const first = CLEAN_POOL_MIN_DOCS; // the first article cleaned in the pool
    // no first pass over the input (siteLines off): the reader's count is the cleaning pass's alone
    const deep = await cleanAll(1, ahead, false);
    expect(deep.readAt[first]).toBeGreaterThanOrEqual(first + ahead);
    const shallow = await cleanAll(1, undefined, false);
    expect(shallow.readAt[first]).toBeLessThanOrEqual(first + CLEAN_IN_FLIGHT * CLEAN_BATCH);
    expect(deep.out.map((a) => a.id)).toEqual(shallow.out.map((a) => a.id));
  }, 120_000);

  it('should sign each text it cleans as the dedup stage signs it on the main thread', async () => {
    const rows = new Map<string, SignRow>();
    const out: Article[] = [];
    const collect: Stage = {
      name: 'collect',
      async *run(articles) {
        for await (const a of articles) yield (out.push(a), a);
      },
    };
    const sign = { params: DEFAULT_SIGN, onSigned: (a: Article, r: SignRow) => rows.set(a.id, r) };
    await runPipeline([reader(), cleanStage({ workers: 1, sign }), collect], { stats: new Stats() });
    // the first pass counted more than CLEAN_POOL_MIN_DOCS: every article is cleaned, so signed, in the worker
    expect(rows.size).toBe(N);
    const pooled = out;
    const here = rowsOf(signTexts(pooled.map(dedupText), DEFAULT_SIGN));
    expect(pooled.map((a) => rows.get(a.id))).toEqual(here);
    expect(here[0].words).toBeGreaterThan(50);
  }, 120_000);
});
