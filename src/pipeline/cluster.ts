/**
 * `khabar cluster`: the one JSONL reader → cluster (batches, src/pipeline/stages/cluster.ts) → the
 * one JSONL writer, through runPipeline. Output: each input object with event, story, entities,
 * event_date and why. A bad line is reported as `file:line: reason` and counted; the run goes on.
 * With `state` the run continues a clustering saved by `saveState`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Article } from '../core/article.js';
import { khabarError } from '../core/errors.js';
import type { Progress } from '../core/stage.js';
import { Stats } from '../core/stats.js';
import { Clusterer, loadGazetteer, type ClustererState } from '../stories/index.js';
import { closeOut, jsonlWriter, openOut } from './jsonl.js';
import { runPipeline } from './runner.js';
import { clusterBatches } from './stages/cluster.js';
import { readStage } from './stages/read.js';
import { clusterSummary } from './summary.js';

export interface ClusterRunOptions {
  output?: string;
  state?: string;
  saveState?: string;
  gazetteer?: string[];
  now?: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress?: Progress;
}

/** The input object with what clustering found, as `khabar cluster` writes it. */
const clustered = (a: Article) =>
  JSON.stringify({
    ...a.record?.object,
    id: a.id,
    event: a.event,
    story: a.story,
    entities: a.entities,
    event_date: a.eventDate,
    why: a.why,
  });

/** Runs the command; the exit code is 1 when every line was bad, else 0. */
export async function clusterPaths(paths: string[], opts: ClusterRunOptions): Promise<number> {
  const stats = new Stats();
  const gazetteer = loadGazetteer(opts.gazetteer ?? []);
  const params = { now: opts.now, gazetteer };
  const clusterer = opts.state ? Clusterer.fromJSON(await readState(opts.state), params) : new Clusterer(params);
  const before = { ...clusterer.counts };
  const out = await openOut(opts.output, opts.stdout);
  const t0 = performance.now();
  await runPipeline(
    [
      readStage(paths, { format: 'jsonl', jsonl: { keepEmpty: true } }),
      clusterBatches(clusterer),
      jsonlWriter(out, clustered),
    ],
    // a bad line's message names its file and line
    { stats, rejects: ({ reason: r }) => opts.stderr.write(`${r.message}\n`), progress: opts.progress },
  );
  await closeOut(out, opts.stdout);
  if (opts.saveState) {
    await mkdir(dirname(opts.saveState), { recursive: true });
    await writeFile(opts.saveState, JSON.stringify(clusterer.toJSON()));
  }
  const summary = clusterSummary(stats, clusterer.counts, before, !!opts.state, (performance.now() - t0) / 1000);
  opts.stderr.write(summary.lines.join('\n') + '\n');
  return summary.bad > 0 && summary.articles === 0 ? 1 : 0;
}

/** A state file saved by --save-state, or KHB_FILE_UNREADABLE / KHB_BAD_INPUT naming it. */
async function readState(path: string): Promise<ClustererState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw khabarError('KHB_FILE_UNREADABLE', path, e instanceof Error ? e.message : String(e));
  }
  try {
    const state = JSON.parse(text) as ClustererState;
    if (typeof state !== 'object' || state === null || !('version' in state)) throw new Error('no "version" field');
    return state;
  } catch (e) {
    throw khabarError(
      'KHB_BAD_INPUT',
      `${path} is not a clustering state saved by --save-state (${e instanceof Error ? e.message : e})`,
    );
  }
}
