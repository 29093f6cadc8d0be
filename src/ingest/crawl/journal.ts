/**
 * Crawl state on disk: an append-only JSONL journal in the out dir. Every line is
 * written with a synchronous append the moment its fact is known, so a crawl
 * killed with SIGKILL loses at most the pages in flight; on restart the journal
 * is replayed and finished URLs are never requested again. A torn last line
 * (killed mid-write) is ignored.
 *   {"t":"found","url","site","date"}          an article URL from a feed or sitemap
 *   {"t":"done","url","status","sha1"}          fetched and handled (saved, rejected or 304)
 *   {"t":"failed","url","code","message"}       gave up on it (not retried on resume)
 *   {"t":"validators","url","etag","lastModified"}  for conditional GET of feeds and pages
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type JournalEntry =
  | { t: 'found'; url: string; site: string; date: string | null }
  | { t: 'done'; url: string; status: number; sha1?: string }
  | { t: 'failed'; url: string; code: string; message: string }
  | { t: 'validators'; url: string; etag: string | null; lastModified: string | null };

export class Journal {
  readonly found = new Map<string, { site: string; date: string | null }>();
  /** URLs finished in this or an earlier run: done or failed. */
  readonly finished = new Set<string>();
  readonly validators = new Map<string, { etag: string | null; lastModified: string | null }>();
  readonly replayed: number;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    let n = 0;
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.apply(JSON.parse(line) as JournalEntry);
          n++;
        } catch {
          /* torn last line from a killed run */
        }
      }
    }
    this.replayed = n;
  }

  private apply(e: JournalEntry): void {
    if (e.t === 'found') this.found.set(e.url, { site: e.site, date: e.date });
    else if (e.t === 'done' || e.t === 'failed') this.finished.add(e.url);
    else if (e.t === 'validators') this.validators.set(e.url, { etag: e.etag, lastModified: e.lastModified });
  }

  append(e: JournalEntry): void {
    this.apply(e);
    appendFileSync(this.path, JSON.stringify(e) + '\n');
  }

  /** Found article URLs of a site not yet finished, in the order found. */
  pending(site: string): string[] {
    const out: string[] = [];
    for (const [url, f] of this.found) if (f.site === site && !this.finished.has(url)) out.push(url);
    return out;
  }
}
