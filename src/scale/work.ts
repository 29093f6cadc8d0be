/**
 * What a worker does with one job, the parallel part of `khabar process`:
 *   observe: pass 1 — count each document's distinct line keys per site, added to the
 *            batch's counts (scale_site_lines) in the transaction that completes the job;
 *   clean:   pass 2 — clean every document against the batch's complete counts and
 *            sign it (MinHash), then write one scale_docs row per input document.
 * Neither needs another document's result, so any number of workers run them at once.
 * Dedup and clustering are the sequencer's (./sequencer.ts).
 */
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type pg from 'pg';
import type { Article } from '../core/article.js';
import { khabarError } from '../core/errors.js';
import type { Stats } from '../core/stats.js';
import { lineKeys, type SiteLineIndex } from '../clean/index.js';
import { stageContext } from '../core/stage.js';
import { cleanOne } from '../pipeline/stages/clean.js';
import { SITE_LINE_MIN_DOCS, SITE_LINE_MIN_SHARE, SITE_MIN_DOCS } from '../clean/site-lines.js';
import { dedupText } from '../dedup/articles.js';
import { DEFAULT_SIGN, signTexts } from '../dedup/sign.js';
import { parseJsonlLine } from '../ingest/jsonl.js';
import { readDocuments, type IngestItem } from '../ingest/index.js';
import { sha256 } from '../pipeline/pipeline.js';
import { fnv1a32 } from '../text/hash.js';
import { keyOf } from './enqueue.js';
import { complete, stillMine, inTransaction, type Job } from './jobs.js';

/** Documents cleaned between two turns of the event loop (timers, the heartbeat). */
const YIELD_EVERY = 20;

/** The documents of a job, as `khabar process` reads them (same sources, same line numbers). */
export async function* jobItems(job: Job): AsyncIterable<IngestItem> {
  if (job.kind === 'file') {
    yield* readDocuments([job.path], { format: job.format });
    return;
  }
  const start = job.startByte ?? 0;
  const len = (job.endByte ?? 0) - start;
  const fh = await open(job.path, 'r');
  const buf = Buffer.alloc(len);
  try {
    const { bytesRead } = await fh.read(buf, 0, len, start);
    const hash = createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex');
    // the bytes the job was made from, or nothing: a file changed since `enqueue` would give other documents
    if (bytesRead !== len || keyOf('lines', resolve(job.path), start, start + len, hash) !== job.key)
      throw khabarError(
        'KHB_BAD_INPUT',
        `${job.path} bytes ${start}–${start + len} changed since they were enqueued; enqueue the file again`,
      );
  } finally {
    await fh.close();
  }
  const lines = buf.toString('utf8').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    yield parseJsonlLine(lines[i], job.path, (job.firstLine ?? 1) + i);
  }
}

/** Distinct non-empty line hashes of one document, as SiteLineIndex.observe counts them. */
function lineHashes(a: Article): number[] {
  return [...new Set(lineKeys(a).filter((k) => k !== ''))].map(fnv1a32);
}

/** Pass 1 for one job; false when the lease was lost before it could commit. */
export async function observeJob(pool: pg.Pool, job: Job, worker: string): Promise<boolean> {
  const docs = new Map<string, number>();
  const lines = new Map<string, Map<number, number>>();
  for await (const item of jobItems(job)) {
    if (!item.ok) continue;
    const site = item.article.site ?? '';
    docs.set(site, (docs.get(site) ?? 0) + 1);
    let m = lines.get(site);
    if (!m) lines.set(site, (m = new Map()));
    for (const h of lineHashes(item.article)) m.set(h, (m.get(h) ?? 0) + 1);
  }
  const sites: string[] = [];
  const hs: number[] = [];
  const ns: number[] = [];
  for (const [site, m] of [...lines].sort(([a], [b]) => (a < b ? -1 : 1)))
    for (const [h, n] of [...m].sort(([a], [b]) => a - b)) {
      sites.push(site);
      hs.push(h);
      ns.push(n);
    }
  return inTransaction(pool, async (c) => {
    if (!(await stillMine(c, job, worker))) return false;
    // sorted keys: two observe jobs of one batch lock shared rows in one order
    await c.query(
      `INSERT INTO scale_site_docs (batch, site, docs) SELECT $1, * FROM unnest($2::text[], $3::int[])
       ON CONFLICT (batch, site) DO UPDATE SET docs = scale_site_docs.docs + excluded.docs`,
      [job.batch, [...docs.keys()].sort(), [...docs.keys()].sort().map((s) => docs.get(s))],
    );
    await c.query(
      `INSERT INTO scale_site_lines (batch, site, h, docs) SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::int[])
       ON CONFLICT (batch, site, h) DO UPDATE SET docs = scale_site_lines.docs + excluded.docs`,
      [job.batch, sites, hs, ns],
    );
    await complete(c, job, worker);
    return true;
  });
}

/** The batch's pass-1 counts for the lines of these documents: what cleanArticle asks of a SiteLineIndex. */
export class CountedSiteLines {
  readonly docs = new Map<string, number>();
  readonly lines = new Map<string, Map<number, number>>();

  static async load(pool: pg.Pool, batch: number, articles: Article[]): Promise<CountedSiteLines> {
    const out = new CountedSiteLines();
    const sites: string[] = [];
    const hs: number[] = [];
    for (const a of articles) {
      const site = a.site ?? '';
      for (const h of lineHashes(a)) {
        sites.push(site);
        hs.push(h);
      }
    }
    const d = await pool.query<{ site: string; docs: number }>(
      'SELECT site, docs FROM scale_site_docs WHERE batch = $1 AND site = ANY($2::text[])',
      [batch, [...new Set(sites)]],
    );
    for (const r of d.rows) out.docs.set(r.site, r.docs);
    const l = await pool.query<{ site: string; h: string; docs: number }>(
      `SELECT l.site, l.h, l.docs FROM (SELECT DISTINCT * FROM unnest($2::text[], $3::bigint[]) AS k(site, h)) k
       JOIN scale_site_lines l ON l.batch = $1 AND l.site = k.site AND l.h = k.h`,
      [batch, sites, hs],
    );
    for (const r of l.rows) {
      let m = out.lines.get(r.site);
      if (!m) out.lines.set(r.site, (m = new Map()));
      m.set(Number(r.h), r.docs);
    }
    return out;
  }

  frequency(site: string | null, lineKey: string): { docs: number; siteDocs: number } {
    const s = site ?? '';
    return { docs: this.lines.get(s)?.get(fnv1a32(lineKey)) ?? 0, siteDocs: this.docs.get(s) ?? 0 };
  }

  /** The rule of SiteLineIndex.isBoilerplate (src/clean/site-lines.ts), on counts read from the database. */
  isBoilerplate(site: string | null, lineKey: string): { docs: number; siteDocs: number } | null {
    const f = this.frequency(site, lineKey);
    if (f.siteDocs < SITE_MIN_DOCS) return null;
    return f.docs >= SITE_LINE_MIN_DOCS && f.docs / f.siteDocs >= SITE_LINE_MIN_SHARE ? f : null;
  }

  asIndex(): SiteLineIndex {
    return this as unknown as SiteLineIndex;
  }
}

/** The article as kept in scale_docs: JSON without its original bytes (a bytea column). */
export function articleJson(a: Article): string {
  return JSON.stringify({ ...a, bytes: undefined });
}

/** Pass 2 for one job; false when the lease was lost before it could commit. */
export async function cleanJob(pool: pg.Pool, job: Job, worker: string, stats: Stats): Promise<boolean> {
  const items: IngestItem[] = [];
  for await (const item of jobItems(job)) items.push(item);
  const articles = items.flatMap((i) => (i.ok ? [i.article] : []));
  const siteLines = (await CountedSiteLines.load(pool, job.batch, articles)).asIndex();
  const rows: { item: IngestItem; sha: string | null; cleanFrom: number | null }[] = [];
  const cleaning = stageContext('clean', { stats });
  for (const item of items) {
    // let the heartbeat renew this worker's leases between documents
    if (rows.length % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    if (!item.ok) {
      rows.push({ item, sha: null, cleanFrom: null });
      continue;
    }
    const a = item.article;
    const sha = sha256(a.raw);
    const cleanFrom = a.trace.length;
    cleanOne(a, cleaning, { index: siteLines });
    rows.push({ item, sha, cleanFrom });
  }
  const signed = stats.time('sign', () =>
    signTexts(
      items.map((i) => (i.ok && !i.article.rejected ? dedupText(i.article) : '')),
      DEFAULT_SIGN,
    ),
  );
  const k = DEFAULT_SIGN.minhash.perms;
  const col = <T>(f: (r: (typeof rows)[number], i: number) => T) => rows.map(f);
  return inTransaction(pool, async (c) => {
    if (!(await stillMine(c, job, worker))) return false;
    await c.query(
      `INSERT INTO scale_docs (job, idx, source, ok, error_code, error_message, article, bytes, sha256, clean_from,
         sig, exact_hi, exact_lo, words, shingles, truncated)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::json[], $8::bytea[],
         $9::text[], $10::int[], $11::bytea[], $12::bigint[], $13::bigint[], $14::int[], $15::int[], $16::smallint[])
       ON CONFLICT (job, idx) DO NOTHING`,
      [
        job.id,
        col((_, i) => i),
        col((r) => (r.item.ok ? r.item.article.source : r.item.source)),
        col((r) => r.item.ok),
        col((r) => (r.item.ok ? null : r.item.error.code)),
        col((r) => (r.item.ok ? null : r.item.error.message)),
        col((r) => (r.item.ok ? articleJson(r.item.article) : null)),
        col((r) => (r.item.ok && r.item.article.bytes ? Buffer.from(r.item.article.bytes) : null)),
        col((r) => r.sha),
        col((r) => r.cleanFrom),
        col((r, i) => (r.item.ok ? Buffer.from(signed.sigs.buffer, signed.sigs.byteOffset + i * k * 2, k * 2) : null)),
        col((_, i) => signed.exact[2 * i]),
        col((_, i) => signed.exact[2 * i + 1]),
        col((_, i) => signed.words[i]),
        col((_, i) => signed.shingles[i]),
        col((_, i) => signed.truncated[i]),
      ],
    );
    await complete(c, job, worker);
    return true;
  });
}
