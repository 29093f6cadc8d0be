/**
 * `khabar clean <path...> [-o out.jsonl] [--format auto|text|jsonl|…]`
 * One JSON object a line per kept document; rejects go to stderr (and to
 * --rejects as JSONL) with file, line and reason; a summary closes the run.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Stats, fmtInt } from '../../core/stats.js';
import { cleanDocuments } from '../../clean/batch.js';
import { cleanRecord } from '../../clean/index.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';

interface CleanFlags {
  output?: string;
  format: string;
  rejects?: string;
  keepNonArabic?: boolean;
  siteLines: boolean;
}

export const registerClean: Register = (program, io, setExit) => {
  program
    .command('clean')
    .description('clean raw scraped Arabic news: drop boilerplate, pull out title/dateline/date, keep reasons')
    .argument(
      '<path...>',
      'files or directories (.txt = one document, .jsonl = one object a line, .html pages, .warc[.gz])',
    )
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--format <format>', 'auto | text | jsonl | html | warc', 'auto')
    .option('--rejects <file>', 'also write rejected documents as JSONL {source, line, rule, message}')
    .option('--keep-non-arabic', 'keep documents that are not Arabic instead of rejecting them')
    .option('--no-site-lines', 'skip the cross-document site boilerplate pass')
    .action(async (paths: string[], flags: CleanFlags) => setExit(await runClean(paths, flags, io)));
};

async function openOut(path: string | undefined, io: CliIO): Promise<NodeJS.WritableStream> {
  if (!path) return io.stdout;
  await mkdir(dirname(path), { recursive: true });
  return createWriteStream(path);
}

async function runClean(paths: string[], flags: CleanFlags, io: CliIO): Promise<number> {
  const stats = new Stats();
  const out = await openOut(flags.output, io);
  const rejects = flags.rejects ? await openOut(flags.rejects, io) : null;
  const bar = progressBar(io, 'clean');
  const t0 = performance.now();
  // Catalogue messages already name the file (and line); article rejects get their source prefixed.
  const reject = (source: string, rule: string, message: string, line?: number) => {
    const where = message.includes(source) ? '' : `${source}: `;
    io.stderr.write(`khabar: rejected: ${rule}: ${where}${message}\n`);
    rejects?.write(JSON.stringify({ source, line: line ?? null, rule, message }) + '\n');
  };
  for await (const item of cleanDocuments(paths, {
    format: flags.format,
    exclude: [flags.output, flags.rejects].filter((p): p is string => !!p),
    stats,
    keepNonArabic: flags.keepNonArabic,
    siteLines: flags.siteLines,
    onTotal: (n) => bar.start(n),
  })) {
    bar.tick();
    if (!item.ok) reject(item.source, item.error.code, item.error.message, item.line);
    else if (item.article.rejected)
      reject(item.article.source, item.article.rejected.rule, item.article.rejected.message);
    else out.write(JSON.stringify(cleanRecord(item.article)) + '\n');
  }
  bar.stop();
  if (out !== io.stdout) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(r));
  if (rejects && rejects !== io.stdout) await new Promise<void>((r) => rejects.end(r));
  io.stderr.write(summary(stats, (performance.now() - t0) / 1000) + '\n');
  return 0;
}

export function summary(stats: Stats, seconds: number): string {
  const fmtMap = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, v]) => `${k.replace(/^clean\//, '')} ${fmtInt(v)}`)
      .join(', ') || 'none';
  const mb = stats.get('bytes/in') / 2 ** 20;
  return [
    `clean: ${fmtInt(stats.get('documents/in'))} in, ${fmtInt(stats.get('documents/kept'))} out, ` +
      `${fmtInt(stats.get('documents/in') - stats.get('documents/kept'))} rejected (${fmtMap(stats.byPrefix('rejected/'))})`,
    `  removed lines: ${fmtMap(stats.byPrefix('removed/'))}`,
    `  edits: ${fmtMap(stats.byPrefix('edits/'))}`,
    `  ${seconds.toFixed(2)} s, ${(stats.get('documents/in') / Math.max(seconds, 1e-9)).toFixed(0)} docs/s, ${(mb / Math.max(seconds, 1e-9)).toFixed(1)} MB/s`,
  ].join('\n');
}
