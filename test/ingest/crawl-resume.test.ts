import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { pageCleaner } from '../../src/clean/index.js';
import { crawl } from '../../src/ingest/crawl/crawl.js';
import { urlSha1 } from '../../src/ingest/crawl/sink.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';

const PAGES = 200;
/** Kill the first crawl once this many pages are journaled: well inside the run. */
const KILL_AFTER = 60;
const CONCURRENCY = 2;

const doneUrls = (journal: string) =>
  readFileSync(journal, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"t":"done"'))
    .map((l) => new URL(JSON.parse(l).url).pathname);

describe('crawl resume after SIGKILL', () => {
  let site: FixtureSite;
  afterAll(() => site?.close());

  it('should resume a killed crawl from its journal without fetching finished pages twice', async () => {
    site = await startFixtureSite({ pages: PAGES, slowMs: 300 });
    const dir = await mkdtemp(join(tmpdir(), 'khabar-resume-'));
    const sites = join(dir, 'sites.txt');
    await writeFile(sites, `# fixture\n${site.base}/\n`);
    const out = join(dir, 'out');
    const journal = join(out, 'crawl-journal.jsonl');
    const args = [
      'crawl',
      '--sites',
      sites,
      '--out',
      out,
      '--delay',
      '10',
      '--concurrency',
      String(CONCURRENCY),
      '--timeout',
      '200',
      '--allow-private', // the fixture site is on 127.0.0.1
    ];

    // 1. a child process crawls until KILL_AFTER pages are done, then dies with SIGKILL
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (existsSync(journal) && doneUrls(journal).length >= KILL_AFTER) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the first crawl finished before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    const hitsBefore = site.hits.length;
    const doneBefore = new Set(doneUrls(journal));
    // pages whose bytes reached the disk before the kill (journaled done or not)
    const savedBefore = new Set(
      Array.from({ length: PAGES }, (_, i) => `/news/${i}`).filter((p) =>
        existsSync(join(out, 'pages', `${urlSha1(site.base + p)}.headers.json`)),
      ),
    );
    expect(doneBefore.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(doneBefore.size).toBeLessThan(PAGES);

    // 2. the same command again, in-process, finishes the crawl
    const io = memoryIO();
    expect(await main(args, io)).toBe(0);
    const second = site.hits.slice(hitsBefore).filter((h) => /^\/news\/\d+$/.test(h.path));
    // no page finished or saved before the kill is requested again …
    expect(second.filter((h) => doneBefore.has(h.path))).toEqual([]);
    expect(second.filter((h) => savedBefore.has(h.path))).toEqual([]);
    // … only requests the kill cut short are made again (at most one a worker), and every page is done once
    const twice = Array.from({ length: PAGES }, (_, i) => site.count(`/news/${i}`)).filter((n) => n > 1).length;
    expect(twice).toBeLessThanOrEqual(CONCURRENCY);
    const articles = readFileSync(join(out, 'articles.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const pageUrls = new Set(articles.map((a) => new URL(a.url).pathname).filter((p) => /^\/news\/\d+$/.test(p)));
    expect(pageUrls.size).toBe(PAGES);
    expect(io.err()).toMatch(/crawl: 1 site/);
  }, 60_000);

  it('should take a page saved but not journaled as done (killed in between) from disk, not the network', async () => {
    site ??= await startFixtureSite({ pages: PAGES, slowMs: 300 });
    const out = await mkdtemp(join(tmpdir(), 'khabar-resume-disk-'));
    const opts = {
      sites: [site.base + '/'],
      cleaner: pageCleaner,
      out,
      delayMs: 5,
      concurrency: 2,
      timeoutMs: 200,
      maxPages: 10,
      allowPrivate: true,
    };
    const first = await crawl(opts);
    expect(first.saved).toBeGreaterThan(0);
    // forget that the pages were done, as if the process died after saving each one
    const journal = join(out, 'crawl-journal.jsonl');
    const kept = readFileSync(journal, 'utf8')
      .split('\n')
      .filter((l) => !(l.startsWith('{"t":"done"') && l.includes('/news/')));
    writeFileSync(journal, kept.join('\n'));
    const before = site.hits.length;
    const again = await crawl(opts);
    expect(site.hits.slice(before).filter((h) => /^\/news\/\d+$/.test(h.path))).toEqual([]);
    expect(again.skipped['ingest/resumed-from-disk']).toBeGreaterThan(0);
    expect(again.saved).toBe(again.skipped['ingest/resumed-from-disk']);
  });
});
