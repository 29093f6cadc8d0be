/**
 * `khabar enqueue`: inputs → jobs in one batch. A JSONL file is cut at line breaks into
 * jobs of JOB_LINES lines (a byte range and the number of its first line, so sources read
 * `file.jsonl:123` exactly as `khabar process` names them); any other file (HTML, text,
 * WARC) is one job. A job's key is the sha256 of its path, place and bytes: enqueuing the
 * same input again inserts nothing (ON CONFLICT DO NOTHING), and a batch with no new job
 * is not created. Paths are stored as given: workers on other machines must see the same
 * path (give absolute paths on a shared mount).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type pg from 'pg';
import { readerFor, walk } from '../ingest/index.js';

/** Lines per JSONL job: ~0.5–2 s of cleaning, so a killed worker loses little and a
 *  lease renewal (HEARTBEAT_MS) always lands well inside a job. */
export const JOB_LINES = 500;

export interface JobSpec {
  key: string;
  path: string;
  kind: 'file' | 'lines';
  startByte: number | null;
  endByte: number | null;
  firstLine: number | null;
  docs: number | null;
}

export interface EnqueueResult {
  batch: number | null;
  jobs: number;
  /** Jobs whose key was already queued (the same input enqueued before). */
  known: number;
}

export const keyOf = (...parts: (string | number)[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

/**
 * Cuts a JSONL file into jobs. Line breaks are \n, \r\n or a lone \r, as node:readline
 * (and so the JSONL reader) counts them.
 */
async function* jsonlJobs(path: string, jobLines: number): AsyncIterable<JobSpec> {
  let pos = 0;
  let start = 0;
  let lines = 0;
  let firstLine = 1;
  let nonEmpty = 0;
  let lineHasText = false;
  let prevCR = false;
  let hash = createHash('sha256');
  const cut = (end: number): JobSpec => {
    const spec: JobSpec = {
      key: keyOf('lines', resolve(path), start, end, hash.digest('hex')),
      path,
      kind: 'lines',
      startByte: start,
      endByte: end,
      firstLine,
      docs: nonEmpty,
    };
    start = end;
    firstLine += lines;
    lines = 0;
    nonEmpty = 0;
    hash = createHash('sha256');
    return spec;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let from = 0;
    const cutAt = (i: number) => {
      hash.update(chunk.subarray(from, i));
      from = i;
      return cut(pos + i);
    };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (prevCR) {
        prevCR = false;
        if (b === 0x0a) {
          // the \n of a \r\n: the line was counted at the \r
          if (lines >= jobLines) yield cutAt(i + 1);
          continue;
        }
        if (lines >= jobLines) yield cutAt(i);
      }
      if (b === 0x0a || b === 0x0d) {
        lines++;
        if (lineHasText) nonEmpty++;
        lineHasText = false;
        // after a \r, wait for a possible \n before cutting
        if (b === 0x0d) prevCR = true;
        else if (lines >= jobLines) yield cutAt(i + 1);
      } else if (b !== 0x20 && b !== 0x09) lineHasText = true;
    }
    hash.update(chunk.subarray(from));
    pos += chunk.length;
  }
  if (lineHasText) nonEmpty++;
  if (pos > start) yield cut(pos);
}

async function fileJob(path: string): Promise<JobSpec> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch {
    // unreadable now: still a job, whose worker reports the document's error (nothing is lost)
    hash.update('unreadable');
  }
  return {
    key: keyOf('file', resolve(path), hash.digest('hex')),
    path,
    kind: 'file',
    startByte: null,
    endByte: null,
    firstLine: null,
    docs: null,
  };
}

/** The jobs of `paths` (files or folders, walked in the order `khabar process` reads them). */
export async function* planJobs(
  paths: string[],
  opts: { format?: string; jobLines?: number; exclude?: string[] } = {},
): AsyncIterable<JobSpec> {
  const exclude = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  for (const root of paths) {
    for await (const { file, error } of walk(root)) {
      if (!error && exclude.has(resolve(file))) continue;
      if (!error && readerFor(file, opts.format)?.name === 'jsonl') yield* jsonlJobs(file, opts.jobLines ?? JOB_LINES);
      else yield await fileJob(file);
    }
  }
}

export async function enqueue(
  pool: pg.Pool,
  paths: string[],
  opts: { format?: string; jobLines?: number; exclude?: string[] } = {},
): Promise<EnqueueResult> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const b = await c.query<{ id: number }>(
      `INSERT INTO scale_batches (inputs, format, jobs, observing) VALUES ($1::json, $2, 0, 0) RETURNING id`,
      [JSON.stringify(paths), opts.format ?? 'auto'],
    );
    const batch = b.rows[0].id;
    let jobs = 0;
    let known = 0;
    for await (const j of planJobs(paths, opts)) {
      const r = await c.query(
        `INSERT INTO scale_jobs (batch, ordinal, key, path, kind, start_byte, end_byte, first_line, docs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (key) DO NOTHING`,
        [batch, jobs, j.key, j.path, j.kind, j.startByte, j.endByte, j.firstLine, j.docs],
      );
      if (r.rowCount) jobs++;
      else known++;
    }
    if (jobs === 0) {
      await c.query('ROLLBACK');
      return { batch: null, jobs, known };
    }
    await c.query('UPDATE scale_batches SET jobs = $2, observing = $2 WHERE id = $1', [batch, jobs]);
    await c.query('COMMIT');
    return { batch, jobs, known };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
