/**
 * The closing summary of a run, one line per stage, and runs/<id>/stats.json:
 *   clean: 1 204 in, 1 150 out, 54 rejected (clean/not-arabic 31, clean/empty-body 23)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fmtInt, type Stats } from '../core/stats.js';
import type { Outcome } from './pipeline.js';

const breakdown = (o: Record<string, number>, max = 6): string => {
  const e = Object.entries(o);
  if (e.length === 0) return '';
  const shown = e.slice(0, max).map(([k, v]) => `${k} ${fmtInt(v)}`);
  if (e.length > max) shown.push('…');
  return ` (${shown.join(', ')})`;
};

export function summaryLines(stats: Stats, seconds: number): string[] {
  const n = (k: string) => fmtInt(stats.get(k));
  const removed = stats.byPrefix('removed/');
  const removedTotal = Object.values(removed).reduce((a, b) => a + b, 0);
  const clusterDecisions = Object.fromEntries(Object.entries(stats.byPrefix('cluster/')).filter(([k]) => k !== 'in'));
  const inputs = stats.get('ingest/in');
  return [
    `ingest:  ${n('ingest/in')} in, ${n('ingest/read')} read, ${fmtInt(inputs - stats.get('ingest/read'))} unreadable${breakdown(stats.byPrefix('ingest/error/'))}`,
    `clean:   ${n('clean/in')} in, ${n('clean/out')} out, ${fmtInt(stats.get('clean/in') - stats.get('clean/out'))} rejected${breakdown(stats.byPrefix('rejected/'))}; ${fmtInt(removedTotal)} lines removed${breakdown(removed, 4)}`,
    `dedup:   ${n('dedup/in')} in, ${n('dedup/canonical')} canonical, ${n('dedup/duplicate')} duplicates${breakdown(stats.byPrefix('decided/dedup/'))}`,
    `cluster: ${n('cluster/in')} in${breakdown(clusterDecisions)}`,
    `store:   ${n('store/stored')} stored, ${n('store/duplicate')} duplicate, ${n('store/rejected')} rejected, ${n('store/unchanged')} unchanged, ${fmtInt(inputs - stats.get('ingest/read'))} unreadable`,
    `total:   ${fmtInt(inputs)} documents in ${seconds.toFixed(1)} s (${fmtInt(Math.round(inputs / Math.max(seconds, 1e-3)))} docs/s)`,
  ];
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
