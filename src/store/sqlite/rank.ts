/**
 * Ranking a search without FTS5 recounting the index: bm25() weighs each phrase of a query by the number
 * of rows that hold it, and counts them on every query over the whole index (~6 ms a query on 100 000
 * articles, most of a search's cost, whatever the window ranked). The same bm25, with the counts kept
 * here between queries, is `khabar_bm25` (native/khabar_rank.c, built into dist/native by `npm run
 * build`). Where the extension could not be built or loaded, search ranks with bm25() as before: the same
 * order and scores, slower.
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexTerm } from '../search/highlight.js';

/** The extension: dist/native of the package, from src/store/sqlite (tests) as from dist/store/sqlite. */
export const RANK_EXTENSION = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../dist/native',
  process.platform === 'darwin' ? 'khabar_rank.dylib' : 'khabar_rank.so',
);

/** Column weights, title then body: the table's own rank setting, bm25(4.0, 1.0) (migrations 001 and 004). */
export const RANK_WEIGHTS = [4.0, 1.0];

/**
 * A phrase's count is used again until the index has grown by this share since it was taken. 1 % more
 * rows leaves a phrase's IDF, log((N − n + 0.5) / (n + 0.5)), where it was when the phrase keeps its share
 * of rows, and moves it by about 0.01 when none of the new rows hold it: far below what reorders two hits.
 */
export const COUNT_STALE_GROWTH = 0.01;
/** …and at least this often, so that deleted or replaced articles are counted out too (milliseconds). */
export const COUNT_MAX_AGE_MS = 10 * 60_000;
/** Phrases whose counts are kept; past this the oldest is forgotten (a phrase costs ~100 bytes). */
export const COUNTS_KEPT = 20_000;

/** Loads khabar_bm25 into the connection: false when the extension is not built or will not load. */
export function loadRankExtension(db: Database.Database): boolean {
  if (!existsSync(RANK_EXTENSION)) return false;
  try {
    db.loadExtension(RANK_EXTENSION);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every phrase of a `toFtsQuery` expression, in the order FTS5 numbers them (left to right, the
 * excluded ones after ` NOT (` included): `"وزير الخارجية" "بغداد"*` → ['"وزير الخارجية"', '"بغداد"*'].
 */
export function ftsPhrases(match: string): string[] {
  return [...match.matchAll(/"(?:[^"]|"")*"\*?/g)].map((m) => m[0]);
}

/** A phrase's row count as taken: [phrase, rows, the newest rowid then, when (ms)]. */
export type PhraseCount = [string, number, number, number];

/**
 * The number of rows each phrase matches alone, counted once and kept (see COUNT_STALE_GROWTH). A one-word
 * phrase is read off the index's term list (fts5vocab: 0.7 ms for a word in 35 000 of 100 000 articles,
 * against 3.2 ms for counting its matches); a longer phrase or a prefix is counted as a query.
 */
export class PhraseCounts {
  private readonly kept = new Map<string, { rows: number; newest: number; at: number }>();
  /** Counts taken here since `drain()`: the reader threads pass them on, so a phrase is counted once. */
  private taken: PhraseCount[] = [];
  private readonly count;
  private readonly termRows;

  /** `shared`: keep the counts taken for drain(). */
  constructor(
    db: Database.Database,
    private readonly shared = false,
  ) {
    this.count = db.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`).pluck();
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_terms USING fts5vocab(main, articles_fts, row)`);
    this.termRows = db.prepare(`SELECT doc FROM temp.articles_fts_terms WHERE term = ?`).pluck();
  }

  /** `newest` is the newest article's rowid now: how far the index has grown since a count was taken. */
  of(phrase: string, newest: number, now = Date.now()): number {
    const k = this.kept.get(phrase);
    if (k && newest - k.newest <= COUNT_STALE_GROWTH * k.newest && now - k.at <= COUNT_MAX_AGE_MS) return k.rows;
    const term = /^"([^"]*)"$/.exec(phrase)?.[1];
    const one = term === undefined ? null : indexTerm(term);
    const rows =
      one === null ? (this.count.get(phrase) as number) : ((this.termRows.get(one) as number | undefined) ?? 0);
    this.keep([phrase, rows, newest, now]);
    if (this.shared) this.taken.push([phrase, rows, newest, now]);
    return rows;
  }

  /** Counts taken here, or on another reader thread. */
  keep(...counts: PhraseCount[]): void {
    for (const [phrase, rows, newest, at] of counts) {
      this.kept.delete(phrase);
      this.kept.set(phrase, { rows, newest, at });
      if (this.kept.size > COUNTS_KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
  }

  /** The counts taken here since the last call. */
  drain(): PhraseCount[] {
    return this.taken.splice(0);
  }
}
