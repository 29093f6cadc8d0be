/**
 * Reads paths (files or directories, walked in sorted order) into IngestItems.
 * Each reader claims files by extension; `--format` forces one reader for every file.
 * Every file yields at least one item: a document, or an error saying why not.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { khabarError, type KhabarError } from '../core/errors.js';
import { htmlReader } from './html/reader.js';
import { jsonlReader } from './jsonl.js';
import { asKhabarError, textReader } from './text.js';
import type { IngestItem, JsonlOptions, Reader } from './types.js';
import { warcReader } from './warc/reader.js';

export type { IngestItem, JsonlOptions, Reader } from './types.js';

/** Readers in priority order. Add one line per reader. */
export const READERS: Reader[] = [jsonlReader, htmlReader, warcReader, textReader];

export type Format = 'auto' | string;

export interface ReadOptions {
  format?: Format;
  /** What a JSONL line must hold (src/ingest/jsonl.ts). */
  jsonl?: JsonlOptions;
  /** Files never read (the run's own outputs, when written inside an input folder). */
  exclude?: string[];
}

/**
 * Files under `path`, in sorted order. An entry that cannot be read (a dangling symlink, a folder
 * without permission) is yielded with its error, so it is reported and the walk goes on.
 */
export async function* walk(path: string): AsyncIterable<{ file: string; error?: KhabarError }> {
  let s;
  try {
    s = await stat(path);
  } catch (e) {
    yield { file: path, error: asKhabarError(e, path) };
    return;
  }
  if (!s.isDirectory()) {
    yield { file: path };
    return;
  }
  let entries;
  try {
    entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    yield { file: path, error: asKhabarError(e, path) };
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    yield* walk(join(path, e.name));
  }
}

/** The reader for a file. Unknown extensions go to the text reader, which sniffs the
 *  bytes and rejects binaries (an image in a walked folder becomes KHB_BINARY, not a crash). */
export function readerFor(path: string, format: Format = 'auto'): Reader | null {
  if (format !== 'auto') return READERS.find((r) => r.name === format) ?? null;
  const p = path.toLowerCase();
  return READERS.find((r) => r.match(p)) ?? textReader;
}

export async function* readDocuments(paths: string[], opts: ReadOptions = {}): AsyncIterable<IngestItem> {
  const exclude = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  for (const root of paths) {
    for await (const { file, error } of walk(root)) {
      if (error) {
        yield { ok: false, source: file, error };
        continue;
      }
      if (exclude.has(resolve(file))) continue;
      const reader = readerFor(file, opts.format);
      if (!reader) {
        yield { ok: false, source: file, error: khabarError('KHB_BAD_INPUT', `unknown --format ${opts.format}`) };
        continue;
      }
      yield* reader.read(file, opts.jsonl);
    }
  }
}
