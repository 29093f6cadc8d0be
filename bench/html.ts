/**
 * HTML stage benchmark: 10 000 generated Arabic news pages (scale 1), built from the
 * fixture templates (Jannah, Newspaper, Blogger, Drupal, AMP) with paragraphs drawn
 * at random from the fixture articles. Measures decode → extractFromHtml → cleanArticle
 * (pageArticle + cleanArticle, one core), pages/s and peak RSS.
 *
 * KHABAR_AEB=<folder of scrapinghub/article-extraction-benchmark> adds a row on its 181 real pages
 * (100–900 KB each), cleaned as `khabar clean --keep-non-arabic` does: pass 1 counts lines, pass 2
 * reads each page again and cleans it. The pages are read and gunzipped before the clock starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanArticle, lineKeys, SiteLineIndex } from '../src/clean/index.js';
import { pageArticle } from '../src/ingest/html/reader.js';
import { ARTICLES_A, type FixtureArticle } from '../test/fixtures/html/articles-a.js';
import { ARTICLES_B } from '../test/fixtures/html/articles-b.js';
import { amp, blogger, drupal, jannah, newspaper } from '../test/fixtures/html/themes-b.js';
import { measure, pick, rng, type BenchOptions, type BenchResult } from './lib.js';

const THEMES = [jannah, newspaper, blogger, drupal, amp];

export function* generatePages(n: number, seed: number): Generator<Uint8Array> {
  const r = rng(seed);
  const all = [...ARTICLES_A, ...ARTICLES_B];
  const paragraphs = all.flatMap((a) => a.body);
  for (let i = 0; i < n; i++) {
    const base = pick(r, all);
    const body = Array.from({ length: 3 + Math.floor(r() * 6) }, () => pick(r, paragraphs));
    const a: FixtureArticle = { ...base, case: `bench-${i}`, title: `${base.title} (${i})`, body, charset: undefined };
    yield Buffer.from(pick(r, THEMES)(a, 'charset="UTF-8"'));
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = Math.max(50, Math.round(10_000 * opts.scale));
  const pages = [...generatePages(n, opts.seed)];
  const bytes = pages.reduce((s, p) => s + p.byteLength, 0);
  const cpu0 = process.cpuUsage();
  const m = await measure(() => {
    let kept = 0;
    let lines = 0;
    for (const [i, bytesOf] of pages.entries()) {
      const a = cleanArticle(pageArticle({ source: `bench-${i}.html`, bytes: bytesOf }));
      if (!a.rejected) kept++;
      lines += a.paragraphs.length;
    }
    return { kept, lines };
  });
  // CPU seconds as well as wall seconds: on a shared machine the wall clock measures the neighbours too.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rows: BenchResult[] = [
    {
      stage: 'html',
      corpus: `decode+extract+clean, ${n} generated pages`,
      docs: n,
      bytes,
      seconds: m.seconds,
      peakRssMB: m.peakRssMB,
      extra: {
        'pages/s': Math.round(n / m.seconds),
        'pages/cpu-s': Math.round(n / cpuSeconds),
        kept: m.value.kept,
        paragraphs: m.value.lines,
      },
    },
  ];
  if (process.env.KHABAR_AEB) rows.push(await realPages(process.env.KHABAR_AEB));
  return rows;
}

async function realPages(folder: string): Promise<BenchResult> {
  const dir = join(folder, 'html');
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => ({ name: f, bytes: gunzipSync(readFileSync(join(dir, f))) }));
  const bytes = pages.reduce((s, p) => s + p.bytes.byteLength, 0);
  const cpu0 = process.cpuUsage();
  const m = await measure(() => {
    const index = new SiteLineIndex();
    for (const p of pages) {
      const a = pageArticle({ source: p.name, bytes: p.bytes });
      index.observe(a.site, lineKeys(a));
    }
    let kept = 0;
    for (const p of pages) {
      const a = cleanArticle(pageArticle({ source: p.name, bytes: p.bytes }), {
        siteLines: index,
        keepNonArabic: true,
      });
      if (!a.rejected) kept++;
    }
    return kept;
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    stage: 'html',
    corpus: `khabar clean (2 passes), ${pages.length} real pages of article-extraction-benchmark`,
    docs: pages.length,
    bytes,
    seconds: m.seconds,
    peakRssMB: m.peakRssMB,
    extra: {
      'pages/s': Math.round(pages.length / m.seconds),
      'pages/cpu-s': Math.round(pages.length / ((cpu.user + cpu.system) / 1e6)),
      kept: m.value,
    },
  };
}
