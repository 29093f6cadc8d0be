/**
 * The one JSONL writer: a stage at the end of a pipeline that writes each article as one JSON
 * line (how, `line` says: a clean record, the input object with dedup's fields, …), waiting when
 * the stream asks, so a 1 GB output never piles up in memory. Output goes to a file or stdout.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Article } from '../core/article.js';
import type { Stage } from '../core/stage.js';

/** Where a command writes: the file (its folder made), or `fallback` (stdout) without one. */
export async function openOut(
  path: string | undefined,
  fallback: NodeJS.WritableStream,
): Promise<NodeJS.WritableStream> {
  if (!path) return fallback;
  await mkdir(dirname(path), { recursive: true });
  return createWriteStream(path);
}

/** Ends a stream openOut opened (never stdout), once everything written is flushed. */
export async function closeOut(out: NodeJS.WritableStream, fallback: NodeJS.WritableStream): Promise<void> {
  if (out !== fallback) await new Promise<void>((r) => out.end(r));
}

/** Writes and waits when the stream asks. */
export function write(out: NodeJS.WritableStream, s: string): Promise<void> | void {
  if (!out.write(s)) return new Promise<void>((r) => out.once('drain', () => r()));
}

export function jsonlWriter(out: NodeJS.WritableStream, line: (a: Article) => string): Stage {
  return {
    name: 'write',
    async *run(articles) {
      for await (const a of articles) {
        await write(out, line(a) + '\n');
        yield a;
      }
    },
  };
}
