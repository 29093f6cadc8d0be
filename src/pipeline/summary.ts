/**
 * The one place a run's closing summary is written, from its stats (keys `<stage>/<outcome>/<rule>`,
 * src/core/stage.ts), and runs/<id>/stats.json. `khabar process` prints a line per stage:
 *   clean:   1 204 in, 1 150 out, 54 rejected (clean/not-arabic 31, clean/empty-body 23); …
 * and `khabar clean`, `dedup` and `cluster`, run alone, print their stage's own lines.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { statKey } from '../core/stage.js';
import { fmtInt, type Stats } from '../core/stats.js';
import type { DedupIndex } from '../dedup/index.js';
import type { ClustererCounts } from '../stories/clusterer.js';
import type { Outcome } from './pipeline.js';

const breakdown = (o: Record<string, number>, max = 6): string => {
  const e = Object.entries(o);
  if (e.length === 0) return '';
  const shown = e.slice(0, max).map(([k, v]) => `${k} ${fmtInt(v)}`);
  if (e.length > max) shown.push('…');
  return ` (${shown.join(', ')})`;
};

/** Counts of a stage's own rules (`navigation`), without those of other namespaces (`html/meta-line`). */
const own = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([k]) => !k.includes('/')));
/** …with the stage's prefix given back, as rule ids: `clean/navigation`. */
const ids = (stage: string, o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.includes('/') ? k : `${stage}/${k}`, v]));

export function summaryLines(stats: Stats, seconds: number): string[] {
  const n = (k: string) => fmtInt(stats.get(k));
  const removed = own(stats.byRule(['clean/drop-line']));
  const removedTotal = Object.values(removed).reduce((a, b) => a + b, 0);
  const inputs = stats.get('ingest/in');
  return [
    `ingest:  ${n('ingest/in')} in, ${n('ingest/read')} read, ${fmtInt(inputs - stats.get('ingest/read'))} unreadable${breakdown(stats.byRule(['ingest/error']))}`,
    `clean:   ${n('clean/in')} in, ${n('clean/out')} out, ${fmtInt(stats.get('clean/in') - stats.get('clean/out'))} rejected${breakdown(ids('clean', stats.byRule(['clean/drop-article'])))}; ${fmtInt(removedTotal)} lines removed${breakdown(ids('clean', removed), 4)}`,
    `dedup:   ${n('dedup/in')} in, ${n('dedup/canonical')} canonical, ${n('dedup/duplicate')} duplicates${breakdown(stats.byRule(['dedup/decided']))}`,
    `cluster: ${n('cluster/in')} in${breakdown(stats.byRule(['cluster/decided']))}`,
    `store:   ${n('store/stored')} stored, ${n('store/duplicate')} duplicate, ${n('store/rejected')} rejected, ${n('store/unchanged')} unchanged, ${fmtInt(inputs - stats.get('ingest/read'))} unreadable`,
    `total:   ${fmtInt(inputs)} documents in ${seconds.toFixed(1)} s (${fmtInt(Math.round(inputs / Math.max(seconds, 1e-3)))} docs/s)`,
  ];
}

/** `khabar clean` alone: inputs, kept, rejected (unreadable ones included), removed lines and edits by rule. */
export function cleanSummary(stats: Stats, seconds: number): string[] {
  const fmtMap = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${fmtInt(v)}`)
      .join(', ') || 'none';
  const inputs = stats.get('ingest/in');
  const mb = stats.get('clean/chars-in') / 2 ** 20;
  return [
    `clean: ${fmtInt(inputs)} in, ${fmtInt(stats.get('clean/out'))} out, ` +
      `${fmtInt(inputs - stats.get('clean/out'))} rejected (${fmtMap(stats.byRule(['ingest/error', 'clean/drop-article']))})`,
    `  removed lines: ${fmtMap(own(stats.byRule(['clean/drop-line'])))}`,
    `  edits: ${fmtMap(own(stats.byRule(['clean/edit'])))}`,
    `  ${seconds.toFixed(2)} s, ${(inputs / Math.max(seconds, 1e-9)).toFixed(0)} docs/s, ${(mb / Math.max(seconds, 1e-9)).toFixed(1)} MB/s`,
  ];
}

/** Every unreadable input of a run (bad JSONL lines, unreadable files), whatever its code. */
const unreadable = (stats: Stats) => Object.values(stats.byRule(['ingest/error'])).reduce((a, b) => a + b, 0);

/** `khabar dedup` alone: decisions by rule, the index's parameters, speed and memory. */
export function dedupSummary(stats: Stats, index: DedupIndex, seconds: number, workers: number): string[] {
  const n = (rule: string) => fmtInt(stats.get(statKey('dedup', 'decided', rule)));
  const m = index.memory();
  const docs = stats.get('ingest/in');
  return [
    `dedup: ${fmtInt(docs)} in: ${n('unique')} unique, ${n('canonical')} canonical with copies, ${n('near-duplicate')} near duplicates, ` +
      `${n('exact-duplicate')} exact duplicates, ${n('too-short')} too short, ${n('empty')} empty; ` +
      `skipped: ${n('duplicate-id')} duplicate ids, ${fmtInt(unreadable(stats))} bad lines`,
    `  threshold ${index.opts.threshold}, containment ${index.opts.containment}, ${index.opts.shingles.kind}:${index.opts.shingles.size} shingles, ` +
      `${index.perms} MinHash values (${index.opts.minhash.scheme}), LSH ${index.opts.bands}×${index.opts.rows}; ${workers} worker(s)`,
    `  ${seconds.toFixed(2)} s, ${(docs / Math.max(seconds, 1e-9)).toFixed(0)} docs/s; index ${fmtInt(m.docs)} docs, ` +
      `${(m.total / 2 ** 20).toFixed(1)} MB (${m.bytesPerDoc} B/doc, signatures + LSH ${m.sigLshBytesPerDoc} B/doc); ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
}

/** `khabar cluster` alone: what this run added (and the state's totals when it continued one), its notes. */
export function clusterSummary(
  stats: Stats,
  c: ClustererCounts,
  before: ClustererCounts,
  continued: boolean,
  seconds: number,
): { lines: string[]; articles: number; bad: number } {
  const n = c.articles - before.articles;
  const bad = unreadable(stats);
  // the clusterer's notes and decisions (cluster/note/stories/no-date, cluster/join/stories/joined-event)
  const notes = Object.entries(stats.byRule(['cluster/note', 'cluster/join']))
    .map(([k, v]) => `${k.replace(/^stories\//, '')} ${fmtInt(v)}`)
    .join(', ');
  const lines = [
    `cluster: ${fmtInt(n)} articles, ${fmtInt(c.events - before.events)} new events, ${fmtInt(c.stories - before.stories)} new stories` +
      (continued
        ? ` (state now ${fmtInt(c.articles)} articles, ${fmtInt(c.events)} events, ${fmtInt(c.stories)} stories)`
        : '') +
      `, ${fmtInt(bad)} bad lines`,
    `  ${notes || 'no notes'}`,
    `  ${seconds.toFixed(2)} s, ${(n / Math.max(seconds, 1e-9)).toFixed(0)} articles/s`,
  ];
  return { lines, articles: n, bad };
}

/** Counts outcomes; every input must be in exactly one bucket. */
export function tally(outcomes: Iterable<Outcome>): Record<Outcome['status'], number> {
  const t = { stored: 0, duplicate: 0, rejected: 0, unchanged: 0, error: 0 };
  for (const o of outcomes) t[o.status]++;
  return t;
}

export async function writeRunStats(
  dir: string,
  runId: string,
  body: { inputs: string[]; db: string; seconds: number; stats: Stats; outcomes: Record<string, number> },
): Promise<string> {
  const out = join(dir, runId);
  await mkdir(out, { recursive: true });
  const file = join(out, 'stats.json');
  const { stats, ...rest } = body;
  await writeFile(file, JSON.stringify({ runId, ...rest, ...stats.toJSON() }, null, 2) + '\n');
  return file;
}
