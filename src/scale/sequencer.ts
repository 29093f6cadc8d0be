/**
 * The sequencer: the one role that decides duplicates and events, so that they are
 * exactly what one `khabar process` over the same input would decide. Whichever worker
 * holds the PostgreSQL advisory lock SEQUENCER_LOCK_NS (a session lock: it goes with the
 * connection when the worker dies) takes cleaned documents in input order (batch, job,
 * document), does what Pipeline.add does after cleaning (exact copies → unchanged, taken
 * ids renamed), gathers windows of CLUSTER_WINDOW articles, and for each window — in date
 * order, as Pipeline.drain — deduplicates against the workers' signatures and clusters.
 *
 * Each window is written in ONE transaction with its documents' outcomes and the cursor,
 * so a window is written once or not at all. The dedup and cluster state lives in tables,
 * appended to window by window: the articles (the store's tables) and, per document,
 * scale_docs.win — which window decided it. Nothing is written back whole. A new
 * sequencer (after a crash, or a restart) rebuilds its in-memory engines by replaying
 * the windows in order from scale_docs: the same inputs in the same order give the same
 * state (see the note in README for what the replay costs).
 */
import type { Article } from '../core/article.js';
import { Stats } from '../core/stats.js';
import { reason } from '../core/trace.js';
import { dedupText } from '../dedup/articles.js';
import { batchOf, DEFAULT_SIGN, type SignBatch, type SignRow } from '../dedup/sign.js';
import { Engines } from '../pipeline/engines.js';
import { byDate, canonicalsFirst, CLUSTER_WINDOW } from '../pipeline/pipeline.js';
import type { PostgresStore } from '../store/postgres/index.js';
import type { ArticleWrite, Regroup } from '../store/store.js';
import { writeWindow } from './bulk-write.js';

export interface SeqDoc {
  job: string;
  idx: number;
  ok: boolean;
  article: Article | null;
  sha: string | null;
  cleanFrom: number;
  sig: Buffer | null;
  exact: [number, number];
  words: number;
  shingles: number;
  truncated: number;
}

type Outcome = 'stored' | 'duplicate' | 'rejected' | 'unchanged' | 'error';
interface Consumed {
  job: string;
  idx: number;
  outcome: Outcome;
  finalId: string | null;
  win: number | null;
}

interface Cursor {
  batch: number;
  ordinal: number;
  idx: number;
  windows: number;
}

type DocRow = {
  job: string;
  idx: number;
  ok: boolean;
  article: Article | null;
  bytes: Buffer | null;
  sha256: string | null;
  clean_from: number | null;
  sig: Buffer | null;
  exact_hi: string | null;
  exact_lo: string | null;
  words: number | null;
  shingles: number | null;
  truncated: number | null;
  final_id?: string | null;
};

const DOC_COLS = `job, idx, ok, article, bytes, sha256, clean_from, sig, exact_hi, exact_lo, words, shingles, truncated`;

function seqDoc(r: DocRow): SeqDoc {
  const a = r.article;
  if (a && r.bytes) a.bytes = new Uint8Array(r.bytes);
  return {
    job: String(r.job),
    idx: r.idx,
    ok: r.ok,
    article: a,
    sha: r.sha256,
    cleanFrom: r.clean_from ?? 0,
    sig: r.sig,
    exact: [Number(r.exact_hi ?? 0), Number(r.exact_lo ?? 0)],
    words: r.words ?? 0,
    shingles: r.shingles ?? 0,
    truncated: r.truncated ?? 0,
  };
}

/** The workers' signatures of a window, in window order, as signTexts would have made them. */
export function signBatchOf(docs: SeqDoc[]): SignBatch {
  const k = DEFAULT_SIGN.minhash.perms;
  const rows = docs.map((d): SignRow => ({
    sig: new Uint16Array(d.sig!.buffer.slice(d.sig!.byteOffset, d.sig!.byteOffset + k * 2)),
    exactHi: d.exact[0],
    exactLo: d.exact[1],
    words: d.words,
    shingles: d.shingles,
    truncated: d.truncated,
  }));
  return batchOf(rows, k);
}

export class Sequencer {
  private window: SeqDoc[] = [];
  private pending: ArticleWrite[] = [];
  private consumed: Consumed[] = [];
  /** sha → id and ids of documents taken since the last write (older ones are in the store). */
  private seen = new Map<string, string>();
  private ids = new Set<string>();
  readonly stats = new Stats();

  private constructor(
    private readonly store: PostgresStore,
    private readonly engines: Engines,
    private cursor: Cursor,
    private readonly windowSize: number,
    readonly runId: string,
  ) {}

  /** Loads the engines: the store's saved state, then every window sequenced so far, replayed in order. */
  static async open(store: PostgresStore, opts: { windowSize?: number } = {}): Promise<Sequencer> {
    const engines = await Engines.load(store);
    const cur = (
      await store.pool.query<Cursor>('SELECT batch, ordinal, idx, windows FROM scale_sequencer WHERE id = 1')
    ).rows[0];
    const seq = new Sequencer(store, engines, cur, opts.windowSize ?? CLUSTER_WINDOW, 'scale');
    for (let w = 0; w < cur.windows; w++) {
      const r = await store.pool.query<DocRow>(`SELECT ${DOC_COLS}, final_id FROM scale_docs WHERE win = $1`, [w]);
      const docs = r.rows.map((row) => {
        const d = seqDoc(row);
        seq.rename(d, row.final_id ?? d.article!.id);
        return d;
      });
      seq.decide(docs);
    }
    return seq;
  }

  /** The same id as `khabar process` gives (Pipeline.add's store/id-conflict), with its reason where it put it. */
  private rename(d: SeqDoc, id: string): void {
    const a = d.article!;
    if (a.id === id) return;
    a.trace.splice(
      d.cleanFrom,
      0,
      reason('store/id-conflict', 'note', `id ${a.id} is taken by other content; stored as ${id}`),
    );
    a.id = id;
  }

  /** Dedup and clustering of one window (Pipeline.drain): sets the decisions on the articles. */
  private decide(docs: SeqDoc[]): { order: SeqDoc[]; regrouped: Regroup[] } {
    docs.sort((x, y) => byDate(x.article!, y.article!));
    const articles = docs.map((d) => d.article!);
    const regrouped = this.engines.dedupBatch(articles, this.stats, signBatchOf(docs));
    const order = canonicalsFirst(docs.map((d) => ({ a: d.article!, d }))).map((x) => x.d);
    for (const d of order) if (!d.article!.rejected) this.engines.clusterOne(d.article!, this.stats);
    return { order, regrouped };
  }

  /**
   * Takes every cleaned document it can, in input order, writing each full window; at
   * the end of a batch, writes what is left. Returns how many documents it took.
   */
  async step(): Promise<number> {
    let taken = 0;
    const jobs = await this.store.pool.query<{
      id: string;
      batch: number;
      ordinal: number;
      state: string;
      phase: string;
      last: boolean;
    }>(
      `SELECT j.id, j.batch, j.ordinal, j.state, j.phase, j.ordinal = b.jobs - 1 AS last
       FROM scale_jobs j JOIN scale_batches b ON b.id = j.batch
       WHERE (j.batch, j.ordinal) >= ($1, $2) ORDER BY j.batch, j.ordinal LIMIT 100`,
      [this.cursor.batch, this.cursor.ordinal],
    );
    for (const j of jobs.rows) {
      const ready = (j.state === 'done' && j.phase === 'clean') || j.state === 'failed';
      if (!ready) break;
      const from = j.batch === this.cursor.batch && j.ordinal === this.cursor.ordinal ? this.cursor.idx : 0;
      const docs =
        j.state === 'failed'
          ? []
          : (
              await this.store.pool.query<DocRow>(
                `SELECT ${DOC_COLS} FROM scale_docs WHERE job = $1 AND idx >= $2 ORDER BY idx`,
                [j.id, from],
              )
            ).rows.map(seqDoc);
      let known = await this.prefetch(docs);
      for (const d of docs) {
        this.take(d, known);
        taken++;
        if (this.window.length >= this.windowSize) {
          await this.write({ batch: j.batch, ordinal: j.ordinal, idx: d.idx + 1 });
          known = await this.prefetch(docs.filter((x) => x.idx > d.idx));
        }
      }
      const next = j.last
        ? { batch: j.batch + 1, ordinal: 0, idx: 0 }
        : { batch: j.batch, ordinal: j.ordinal + 1, idx: 0 };
      // the end of a batch ends its last window, as the end of a `khabar process` run does;
      // with nothing held, the cursor is saved as it moves (status shows it)
      const holding = this.window.length + this.consumed.length + this.pending.length > 0;
      if (j.last || !holding) await this.write(next);
      else this.cursor = { ...this.cursor, ...next };
    }
    return taken;
  }

  /** What the store already holds of these documents' hashes and ids. */
  private async prefetch(docs: SeqDoc[]): Promise<{ shas: Map<string, string>; ids: Set<string> }> {
    const ok = docs.filter((d) => d.ok);
    return {
      shas: ok.length ? await this.store.findByHash(ok.map((d) => d.sha!)) : new Map(),
      ids: ok.length ? await this.store.idsTaken(ok.map((d) => d.article!.id)) : new Set(),
    };
  }

  /** Pipeline.add after cleaning: one document's outcome, or its place in the window. */
  private take(d: SeqDoc, known: { shas: Map<string, string>; ids: Set<string> }): void {
    if (!d.ok) {
      this.consumed.push({ job: d.job, idx: d.idx, outcome: 'error', finalId: null, win: null });
      return;
    }
    const a = d.article!;
    const sha = d.sha!;
    const same = this.seen.get(sha) ?? known.shas.get(sha);
    if (same) {
      this.consumed.push({ job: d.job, idx: d.idx, outcome: 'unchanged', finalId: same, win: null });
      return;
    }
    if (this.ids.has(a.id) || known.ids.has(a.id)) this.rename(d, `${a.id}-${sha.slice(0, 8)}`);
    this.seen.set(sha, a.id);
    this.ids.add(a.id);
    if (a.rejected) {
      this.pending.push({ article: a, status: 'rejected', sha256: sha, runId: this.runId });
      this.consumed.push({ job: d.job, idx: d.idx, outcome: 'rejected', finalId: a.id, win: null });
      return;
    }
    this.window.push(d);
  }

  /** Decides the window and writes it, its documents' outcomes and the cursor in one transaction. */
  private async write(next: Omit<Cursor, 'windows'>): Promise<void> {
    const docs = this.window.splice(0);
    const win = docs.length ? this.cursor.windows : null;
    const { order, regrouped } = docs.length
      ? this.stats.time('decide', () => this.decide(docs))
      : { order: [], regrouped: [] };
    for (const d of order) {
      const a = d.article!;
      const status = a.rejected ? 'rejected' : a.duplicateOf ? 'duplicate' : 'stored';
      this.pending.push({ article: a, status, sha256: d.sha!, runId: this.runId });
      this.consumed.push({ job: d.job, idx: d.idx, outcome: status, finalId: a.id, win });
    }
    const rows = this.pending.splice(0);
    const consumed = this.consumed.splice(0);
    const cursor: Cursor = { ...next, windows: this.cursor.windows + (win === null ? 0 : 1) };
    const c = await this.store.pool.connect();
    try {
      await c.query('BEGIN');
      const t0 = performance.now();
      await writeWindow(c, rows, regrouped);
      this.stats.timings.set('store', (this.stats.timings.get('store') ?? 0) + performance.now() - t0);
      await c.query(
        `UPDATE scale_docs s SET outcome = u.outcome, final_id = u.final_id, win = u.win
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::int[]) AS u(job, idx, outcome, final_id, win)
         WHERE s.job = u.job AND s.idx = u.idx`,
        [
          consumed.map((x) => x.job),
          consumed.map((x) => x.idx),
          consumed.map((x) => x.outcome),
          consumed.map((x) => x.finalId),
          consumed.map((x) => x.win),
        ],
      );
      await c.query(
        `UPDATE scale_sequencer SET batch = $1, ordinal = $2, idx = $3, windows = $4, updated_at = now() WHERE id = 1`,
        [cursor.batch, cursor.ordinal, cursor.idx, cursor.windows],
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
    this.cursor = cursor;
    this.seen.clear();
    this.ids.clear();
    this.stats.inc('sequencer/documents', consumed.length);
    this.stats.inc('sequencer/windows', win === null ? 0 : 1);
  }
}

/** The window's dedup text (exported for tests that sign a window themselves). */
export const windowText = (a: Article) => dedupText(a);
