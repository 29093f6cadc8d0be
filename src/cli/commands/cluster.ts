/**
 * `khabar cluster <in.jsonl...> -o out.jsonl [--state file] [--save-state file] [--gazetteer file...] [--now YYYY-MM-DD]`
 * Input: cleaned (optionally deduplicated) JSONL with id, text, title, published
 * (and duplicate_of). Output: each input object with event, story, entities,
 * event_date and why. Bad lines are reported as `file:line: reason` and counted;
 * the run goes on. With --state the run continues the clustering a previous
 * run saved with --save-state.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { khabarError } from '../../core/errors.js';
import { statKey } from '../../core/stage.js';
import { fmtInt, Stats } from '../../core/stats.js';
import { articleFromObject } from '../../ingest/jsonl.js';
import type { Article } from '../../core/article.js';
import { CLUSTER_BATCH, Clusterer, loadGazetteer, type ClustererState } from '../../stories/index.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';

interface ClusterFlags {
  output?: string;
  state?: string;
  saveState?: string;
  gazetteer?: string[];
  now?: string;
}

export const registerCluster: Register = (program, io, setExit) => {
  program
    .command('cluster')
    .description('group cleaned articles into events and stories, with entities, event dates and why')
    .argument('<in.jsonl...>', 'cleaned JSONL: one {id, text, title, published[, duplicate_of]} a line')
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--state <file>', 'continue from a clustering state saved by --save-state')
    .option('--save-state <file>', 'save the clustering state at the end (for a later incremental run)')
    .option('--gazetteer <file...>', 'extra gazetteer JSON files ({"entries": [...], "titles": [...]})')
    .option('--now <date>', 'today (YYYY-MM-DD) for future-date checks; default the clock')
    .action(async (paths: string[], flags: ClusterFlags) => setExit(await runCluster(paths, flags, io)));
};

async function openOut(path: string | undefined, io: CliIO): Promise<NodeJS.WritableStream> {
  if (!path) return io.stdout;
  await mkdir(dirname(path), { recursive: true });
  return createWriteStream(path);
}

/** Writes and waits when the stream asks (so a 1 GB output does not pile up in memory). */
function write(out: NodeJS.WritableStream, s: string): Promise<void> | void {
  if (!out.write(s)) return new Promise<void>((r) => out.once('drain', () => r()));
}

async function runCluster(paths: string[], flags: ClusterFlags, io: CliIO): Promise<number> {
  const stats = new Stats();
  const gazetteer = loadGazetteer(flags.gazetteer ?? []);
  const opts = { now: flags.now, gazetteer, stats };
  const clusterer = flags.state ? Clusterer.fromJSON(await readState(flags.state), opts) : new Clusterer(opts);
  const before = { ...clusterer.counts };
  const out = await openOut(flags.output, io);
  const bar = progressBar(io, 'cluster');
  const t0 = performance.now();
  let bad = 0;
  const fail = (where: string, why: string) => {
    bad++;
    stats.inc(statKey('ingest', 'error', 'bad-line'));
    io.stderr.write(`${where}: ${why}\n`);
  };

  let total = 0;
  for (const p of paths)
    total += await stat(p).then(
      (s) => s.size,
      () => 0,
    );
  bar.start(total);
  // batches of CLUSTER_BATCH are clustered in canonical order (the result does not depend on the order of
  // the lines within a batch) and written in input order
  let batch: { o: Record<string, unknown>; a: Article }[] = [];
  const flush = async () => {
    clusterer.addBatch(batch.map((b) => b.a));
    for (const { o, a } of batch)
      await write(
        out,
        JSON.stringify({
          ...o,
          id: a.id,
          event: a.event,
          story: a.story,
          entities: a.entities,
          event_date: a.eventDate,
          why: a.why,
        }) + '\n',
      );
    batch = [];
  };
  for (const path of paths) {
    let lines: AsyncIterable<string>;
    try {
      await stat(path);
      lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    } catch (e) {
      fail(path, `cannot read: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      bar.tick(Buffer.byteLength(line) + 1);
      if (line.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        fail(`${path}:${lineNo}`, `malformed JSON (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        fail(`${path}:${lineNo}`, 'not a JSON object');
        continue;
      }
      const o = obj as Record<string, unknown>;
      const a = articleFromObject(o, `${path}:${lineNo}`);
      if (!a) {
        fail(`${path}:${lineNo}`, 'no "text" (or "raw") string');
        continue;
      }
      if (typeof o.duplicate_of === 'string') a.duplicateOf = o.duplicate_of;
      batch.push({ o, a });
      if (batch.length >= CLUSTER_BATCH) await flush();
    }
  }
  await flush();
  bar.stop();
  if (out !== io.stdout) await new Promise<void>((r) => out.end(r));
  if (flags.saveState) {
    await mkdir(dirname(flags.saveState), { recursive: true });
    await writeFile(flags.saveState, JSON.stringify(clusterer.toJSON()));
  }
  const seconds = (performance.now() - t0) / 1000;
  const c = clusterer.counts;
  const n = c.articles - before.articles;
  // the clusterer's notes and decisions (cluster/note/stories/no-date, cluster/join/stories/joined-event)
  const notes = Object.entries(stats.byRule(['cluster/note', 'cluster/join']))
    .map(([k, v]) => `${k.replace(/^stories\//, '')} ${fmtInt(v)}`)
    .join(', ');
  io.stderr.write(
    `cluster: ${fmtInt(n)} articles, ${fmtInt(c.events - before.events)} new events, ${fmtInt(c.stories - before.stories)} new stories` +
      (flags.state
        ? ` (state now ${fmtInt(c.articles)} articles, ${fmtInt(c.events)} events, ${fmtInt(c.stories)} stories)`
        : '') +
      `, ${fmtInt(bad)} bad lines\n  ${notes || 'no notes'}\n  ${seconds.toFixed(2)} s, ${(n / Math.max(seconds, 1e-9)).toFixed(0)} articles/s\n`,
  );
  return bad > 0 && n === 0 ? 1 : 0;
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
