/**
 * khabar as a library: `import { clean, createDedupIndex, createClusterer, openStore, process } from 'khabar'`.
 * Each function is one stage (or the whole pipeline) as the CLI runs it; every decision is a `Reason`
 * in the article's `trace`. The README's "Using khabar from code" shows a ten-line example.
 */
import { cleanArticle, type CleanOptions } from './clean/index.js';
import type { Article } from './core/article.js';
import { khabarError } from './core/errors.js';
import { dedupArticles, type DedupArticlesOptions } from './dedup/articles.js';
import { DedupIndex, type DedupOptions } from './dedup/index.js';
import { articleFromObject } from './ingest/jsonl.js';
import { processPaths, type RunOptions, type RunResult } from './pipeline/run.js';
import { openStore } from './store/index.js';
import { Clusterer, type ClustererOptions } from './stories/clusterer.js';

export type { Article, EntityMention, Why } from './core/article.js';
export type { Reason, Action, Place } from './core/trace.js';
export type { Stage, StageContext, Rejection, RejectSink } from './core/stage.js';
export { statKey } from './core/stage.js';
export { Stats } from './core/stats.js';
export { runPipeline, type PipelineRun } from './pipeline/runner.js';
export { readStage } from './pipeline/stages/read.js';
export { cleanStage } from './pipeline/stages/clean.js';
export { jsonlWriter } from './pipeline/jsonl.js';
export { KhabarError } from './core/errors.js';
export type { Store, SearchResult, SearchHit, StoryDetail, EventDetail, ArticleDetail } from './store/store.js';
export { normalize } from './text/normalize.js';
export { cleanArticle, cleanRecord, type CleanOptions, type CleanRecord } from './clean/index.js';
export { DedupIndex, type DedupOptions, type DedupDecision } from './dedup/index.js';
export { dedupArticles, type DedupArticlesOptions } from './dedup/articles.js';
export { Clusterer, type ClustererOptions } from './stories/clusterer.js';
export { openStore };
export type { RunResult };

/** One document as a caller has it: text or HTML, and what it knows about it. */
export interface DocumentInput {
  text?: string;
  html?: string;
  id?: string;
  url?: string;
  site?: string;
  /** YYYY-MM-DD (or an ISO date-time). */
  published?: string;
  title?: string;
}

/**
 * Cleans one document: encoding repairs, HTML main content, boilerplate lines dropped with their
 * rules, title, dateline, date and author. A rejected document comes back with `rejected` set.
 */
export function clean(doc: DocumentInput, opts: CleanOptions = {}): Article {
  const a = articleFromObject({ ...doc }, doc.url ?? doc.id ?? 'library');
  if (!a) throw khabarError('KHB_EMPTY', doc.url ?? doc.id ?? 'the document (no text or html)');
  return cleanArticle(a, opts);
}

/** An incremental near-duplicate index (MinHash + LSH); feed it with `dedup`. */
export function createDedupIndex(opts: Partial<DedupOptions> = {}): DedupIndex {
  return new DedupIndex(opts);
}

/** Marks duplicates among cleaned articles (and against `opts.index`): sets dupGroup, duplicateOf, similarity. */
export function dedup(articles: Article[], opts: DedupArticlesOptions = {}): Promise<Article[]> {
  return dedupArticles(articles, { workers: 0, ...opts });
}

/** An online event/story clusterer: `createClusterer().add(article)` sets event, story and why. */
export function createClusterer(opts: ClustererOptions = {}): Clusterer {
  return new Clusterer(opts);
}

/**
 * The whole pipeline, as `khabar process`: files or folders (text, JSONL, HTML, WARC) through clean,
 * dedup and cluster into a store (a SQLite file path or a postgres:// URL).
 */
export async function process(
  paths: string[],
  opts: { db: string } & Partial<Omit<RunOptions, 'store'>>,
): Promise<RunResult> {
  const { db, ...rest } = opts;
  const store = await openStore(db);
  try {
    return await processPaths(paths, { runsDir: null, ...rest, store });
  } finally {
    await store.close();
  }
}
