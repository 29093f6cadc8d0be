/**
 * Where a crawl writes (`--out dir`):
 *   <dir>/pages/<sha1(url)>.html + .headers.json   raw bytes as received, and {url, status, headers, fetched_at}
 *   <dir>/articles.jsonl                           cleaned articles (cleanRecord), one a line
 *   <dir>/rejects.jsonl                            {url, code|rule, message}: every URL that did not become an article
 *   <dir>/crawl-journal.jsonl                      crawl state (journal.ts)
 * Appends are synchronous so a killed crawl leaves whole lines behind.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Reject {
  url: string;
  /** KhabarError code or Reason rule id. */
  rule: string;
  message: string;
}

export const urlSha1 = (url: string) => createHash('sha1').update(url).digest('hex');

export class DirSink {
  readonly pages: string;

  constructor(readonly dir: string) {
    this.pages = join(dir, 'pages');
    mkdirSync(this.pages, { recursive: true });
  }

  /**
   * A page saved by an earlier run that was killed before it journaled the page as done:
   * its bytes are here, so it is not requested again. `.headers.json` is written last,
   * so its presence means the page is whole.
   */
  loadSaved(url: string): { url: string; status: number; headers: Record<string, string>; bytes: Uint8Array } | null {
    const base = join(this.pages, urlSha1(url));
    if (!existsSync(`${base}.headers.json`)) return null;
    try {
      const meta = JSON.parse(readFileSync(`${base}.headers.json`, 'utf8')) as {
        url: string;
        status: number;
        headers: Record<string, string>;
      };
      return { url: meta.url, status: meta.status, headers: meta.headers, bytes: readFileSync(`${base}.html`) };
    } catch {
      return null; // damaged: fetch it again
    }
  }

  savePage(url: string, status: number, headers: Record<string, string>, bytes: Uint8Array): string {
    const sha1 = urlSha1(url);
    writeFileSync(join(this.pages, `${sha1}.html`), bytes);
    const meta = { url, status, headers, fetched_at: new Date().toISOString() };
    // written under a temporary name and renamed (atomic on POSIX): a kill mid-write never leaves a
    // `.headers.json` that exists but does not parse, which a resumed crawl would have to fetch again
    const final = join(this.pages, `${sha1}.headers.json`);
    writeFileSync(`${final}.tmp`, JSON.stringify(meta, null, 1) + '\n');
    renameSync(`${final}.tmp`, final);
    return sha1;
  }

  saveArticle(record: object): void {
    appendFileSync(join(this.dir, 'articles.jsonl'), JSON.stringify(record) + '\n');
  }

  saveReject(r: Reject): void {
    appendFileSync(join(this.dir, 'rejects.jsonl'), JSON.stringify(r) + '\n');
  }
}
