import { createHash } from 'node:crypto';

/** A stable id for a document without one: 'd_' + 16 hex of sha1(source + content). */
export function contentId(source: string, content: string | Uint8Array): string {
  return 'd_' + createHash('sha1').update(source).update('\0').update(content).digest('hex').slice(0, 16);
}
