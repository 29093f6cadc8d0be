/**
 * `khabar dedup <in.jsonl...> [-o out.jsonl] [--threshold 0.7] [--index saved.khdx]`
 * Input: khabar's cleaned JSONL, or any JSONL whose objects have `id` and `text`.
 * Output: the same objects, in input order, with `dup_group`, `duplicate_of` and
 * `similarity` added. Two passes over the input keep memory to the index alone:
 *   1. read, sign (worker pool on large inputs) and index every line; bad lines are
 *      reported as `file:line: reason` on stderr and counted, the run goes on
 *   2. re-read and write each line with its group as it stands at the end, so a
 *      later, earlier-published copy still becomes the canonical of the earlier ones
 */
import { createReadStream, createWriteStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { khabarError } from '../../core/errors.js';
import { statKey } from '../../core/stage.js';
import { Stats, fmtInt } from '../../core/stats.js';
import { DedupIndex, type DedupItem, type DedupOptions } from '../../dedup/index.js';
import { parseShingleSpec } from '../../dedup/shingles.js';
import { dedupStream } from '../../dedup/stream.js';
import { DEFAULT_WORKERS, SignPool, WORKER_MIN_DOCS } from '../../dedup/workers.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';

interface DedupFlags {
  output?: string;
  threshold?: string;
  containment?: string;
  shingle?: string;
  index?: string;
  workers?: string;
  sourcePriority?: string;
}

/** Lines longer than this are refused (a 50 MB text is read and handled; 256 MB is not a document). */
export const MAX_LINE_BYTES = 256 * 2 ** 20;
/** Bytes a line takes on average, estimated from each file's first 256 KB, for the progress bar. */
const SAMPLE_BYTES = 256 * 1024;

export const registerDedup: Register = (program, io, setExit) => {
  program
    .command('dedup')
    .description('find exact and near duplicates (MinHash + LSH); add dup_group, duplicate_of and similarity')
    .argument('<in.jsonl...>', 'JSONL files with id and text (khabar clean output)')
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--threshold <j>', 'Jaccard threshold for near duplicates (default 0.7)')
    .option('--containment <c>', 'containment threshold for copies cut or trimmed (default 0.65; 0 = Jaccard only)')
    .option('--shingle <spec>', 'word:N or char:N (default word:3)')
    .option('--index <file>', 'load this saved index first (if it exists) and save the grown index back')
    .option('--workers <n>', 'worker threads for signatures (default: cores − 1 on large inputs, 0 = none)')
    .option('--source-priority <sites>', 'comma-separated sites, most trusted first (canonical tie-breaker)')
    .action(async (paths: string[], flags: DedupFlags) => setExit(await runDedup(paths, flags, io)));
};

type Line = { file: number; line: number; bytes: Buffer };

/**
 * Lines as bytes (split at \n, a trailing \r dropped), numbered from 1. Both passes
 * read through here, so numbering agrees; pass 2 never decodes UTF-8 at all
 * (readline's streaming decoder was 15% of a 100 000-document run).
 */
async function* readLines(paths: string[]): AsyncIterable<Line> {
  for (let file = 0; file < paths.length; file++) {
    let line = 0;
    let carry: Buffer[] = [];
    const emit = (b: Buffer): Line => ({
      file,
      line: ++line,
      bytes: b.length && b[b.length - 1] === 13 ? b.subarray(0, -1) : b,
    });
    for await (const chunk of createReadStream(paths[file], { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; from = nl + 1, nl = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, nl);
        if (carry.length) {
          carry.push(piece);
          yield emit(Buffer.concat(carry));
          carry = [];
        } else yield emit(piece);
      }
      if (from < chunk.length) carry.push(chunk.subarray(from));
    }
    if (carry.length) yield emit(Buffer.concat(carry));
  }
}

const isBlank = (b: Buffer) => {
  for (let i = 0; i < b.length; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
};

interface Parsed extends DedupItem {
  file: number;
  line: number;
}

/** One input line → an item, or the reason it cannot be one. */
function parseLine(l: Line): Parsed | string {
  if (l.bytes.length > MAX_LINE_BYTES) return `line of ${l.bytes.length} bytes is above the limit of ${MAX_LINE_BYTES}`;
  let o: unknown;
  try {
    o = JSON.parse(l.bytes.toString('utf8'));
  } catch (e) {
    return `malformed JSON line (${e instanceof Error ? e.message : String(e)})`;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'malformed JSON line (not an object)';
  const r = o as Record<string, unknown>;
  const id = typeof r.id === 'string' && r.id !== '' ? r.id : typeof r.id === 'number' ? String(r.id) : null;
  if (id === null) return 'object has no "id" (string or number)';
  if (typeof r.text !== 'string') return `object ${id} has no "text" string`;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id,
    text: r.text,
    published: str(r.published),
    source: str(r.site) ?? str(r.url) ?? str(r.source),
    file: l.file,
    line: l.line,
  };
}

function estimateDocs(paths: string[]): number {
  let docs = 0;
  for (const p of paths) {
    const size = statSync(p).size;
    const fd = openSync(p, 'r');
    const buf = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    let lines = 0;
    for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
    docs += lines ? Math.round((size / n) * lines) : size > 0 ? 1 : 0;
  }
  return docs;
}

async function runDedup(paths: string[], flags: DedupFlags, io: CliIO): Promise<number> {
  const t0 = performance.now();
  const stats = new Stats();
  for (const p of paths) if (!existsSync(p)) throw khabarError('KHB_FILE_UNREADABLE', p, 'no such file');
  const opts: Partial<DedupOptions> = {};
  if (flags.threshold !== undefined) opts.threshold = Number(flags.threshold);
  if (flags.containment !== undefined) opts.containment = Number(flags.containment);
  if (flags.shingle) opts.shingles = parseShingleSpec(flags.shingle);
  if (flags.sourcePriority)
    opts.sourcePriority = flags.sourcePriority
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const loaded = flags.index && existsSync(flags.index);
  const index = loaded ? DedupIndex.load(flags.index!) : new DedupIndex(opts);
  if (loaded) {
    io.stderr.write(
      `khabar: dedup: loaded index ${flags.index} (${fmtInt(index.size)} documents; its parameters apply)\n`,
    );
  }
  const docs = estimateDocs(paths);
  const workers = flags.workers !== undefined ? Number(flags.workers) : docs >= WORKER_MIN_DOCS ? DEFAULT_WORKERS : 0;
  const pool =
    workers > 0 ? new SignPool(workers, { shingles: index.opts.shingles, minhash: index.opts.minhash }) : null;
  const bar = progressBar(io, 'dedup');
  bar.start(docs);
  // slots[file][line] = index slot, -1 duplicate id, -2 bad line, 0 (unset) blank line; stored +3 so 0 means unset
  const slots: Int32Array[] = paths.map(() => new Int32Array(1024));
  const mark = (file: number, line: number, v: number) => {
    if (line >= slots[file].length) {
      const g = new Int32Array(Math.max(line + 1, slots[file].length * 2));
      g.set(slots[file]);
      slots[file] = g;
    }
    slots[file][line] = v + 3;
  };
  const bad = (file: number, line: number, why: string) => {
    io.stderr.write(`${paths[file]}:${line}: ${why}\n`);
    stats.inc(statKey('ingest', 'error', 'bad-line'));
    mark(file, line, -2);
  };
  async function* items(): AsyncIterable<Parsed> {
    for await (const l of readLines(paths)) {
      if (isBlank(l.bytes)) continue;
      stats.inc('ingest/in');
      const p = parseLine(l);
      if (typeof p === 'string') bad(l.file, l.line, p);
      else yield p;
    }
  }
  // 1. index every line
  try {
    for await (const { item, decision } of dedupStream(items(), index, { pool })) {
      bar.tick();
      if (decision.slot < 0) {
        io.stderr.write(`${paths[item.file]}:${item.line}: ${decision.rule}: ${decision.reasons.at(-1)!.message}\n`);
        stats.inc(statKey('dedup', 'decided', decision.rule));
      }
      mark(item.file, item.line, decision.slot);
    }
  } finally {
    bar.stop();
    await pool?.close();
  }
  // 2. write every indexed line with its final group
  const out = flags.output ? await openOut(flags.output) : io.stdout;
  let parts: Buffer[] = [];
  let size = 0;
  for await (const l of readLines(paths)) {
    const v = (slots[l.file][l.line] ?? 0) - 3;
    if (v < 0) continue;
    const d = index.decision(v);
    stats.inc(statKey('dedup', 'decided', d.rule));
    const add = `"dup_group":${JSON.stringify(d.dupGroup)},"duplicate_of":${JSON.stringify(d.duplicateOf)},"similarity":${d.similarity}`;
    for (const b of withFields(l.bytes, add)) {
      parts.push(b);
      size += b.length;
    }
    if (size > 1 << 20) {
      if (!out.write(Buffer.concat(parts))) await new Promise((r) => out.once('drain', r));
      parts = [];
      size = 0;
    }
  }
  out.write(Buffer.concat(parts));
  if (out !== io.stdout) await new Promise<void>((r) => out.end(r));
  if (flags.index) {
    const bytes = index.save(flags.index);
    io.stderr.write(
      `khabar: dedup: saved index ${flags.index} (${fmtInt(index.size)} documents, ${(bytes / 2 ** 20).toFixed(1)} MB)\n`,
    );
  }
  io.stderr.write(summary(stats, index, (performance.now() - t0) / 1000, workers) + '\n');
  return 0;
}

async function openOut(path: string): Promise<NodeJS.WritableStream> {
  await mkdir(dirname(path), { recursive: true });
  return createWriteStream(path);
}

/**
 * The input line with three fields added, as bytes: spliced in before the closing
 * brace, or the object re-serialized when it carries those fields already (a re-run).
 */
function withFields(line: Buffer, add: string): Buffer[] {
  if (line.includes('"dup_group"') || line.includes('"duplicate_of"') || line.includes('"similarity"')) {
    const o = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
    delete o.dup_group;
    delete o.duplicate_of;
    delete o.similarity;
    return [Buffer.from(JSON.stringify(o).slice(0, -1) + (Object.keys(o).length ? ',' : '') + add + '}\n')];
  }
  return [line.subarray(0, line.lastIndexOf(125)), Buffer.from(',' + add + '}\n')];
}

export function summary(stats: Stats, index: DedupIndex, seconds: number, workers: number): string {
  const n = (rule: string) => fmtInt(stats.get(statKey('dedup', 'decided', rule)));
  const m = index.memory();
  const docs = stats.get('ingest/in');
  return [
    `dedup: ${fmtInt(docs)} in: ${n('unique')} unique, ${n('canonical')} canonical with copies, ${n('near-duplicate')} near duplicates, ` +
      `${n('exact-duplicate')} exact duplicates, ${n('too-short')} too short, ${n('empty')} empty; ` +
      `skipped: ${n('duplicate-id')} duplicate ids, ${fmtInt(stats.get(statKey('ingest', 'error', 'bad-line')))} bad lines`,
    `  threshold ${index.opts.threshold}, containment ${index.opts.containment}, ${index.opts.shingles.kind}:${index.opts.shingles.size} shingles, ` +
      `${index.perms} MinHash values (${index.opts.minhash.scheme}), LSH ${index.opts.bands}×${index.opts.rows}; ${workers} worker(s)`,
    `  ${seconds.toFixed(2)} s, ${(docs / Math.max(seconds, 1e-9)).toFixed(0)} docs/s; index ${fmtInt(m.docs)} docs, ` +
      `${(m.total / 2 ** 20).toFixed(1)} MB (${m.bytesPerDoc} B/doc, signatures + LSH ${m.sigLshBytesPerDoc} B/doc); ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ].join('\n');
}
