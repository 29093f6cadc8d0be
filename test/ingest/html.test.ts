import iconv from 'iconv-lite';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { cleanArticle, lineKeys } from '../../src/clean/index.js';
import { readDocuments, type IngestItem } from '../../src/ingest/index.js';
import { extractFromHtml } from '../../src/clean/html/extract.js';
import { heldExtracts } from '../../src/clean/html/once.js';
import { pageArticle } from '../../src/ingest/html/reader.js';
import { isoDay } from '../../src/text/dates.js';
import { stripSiteName } from '../../src/clean/html/title.js';
import { evaluateHtml, HELDOUT } from '../eval/html-metrics.js';
import { articleHtml } from './fixture-site.js';

/** Measured 2026-12-01: khabar F1 100.0 on the 33 fixture pages (Readability alone 80.7). The floor leaves
 *  room for a regression of two points before failing; the fixtures were written with the extractor,
 *  so this pins behaviour, it does not estimate accuracy on unseen sites. */
const KHABAR_F1_FLOOR = 0.98;
const FIXTURES = join(import.meta.dirname, '../fixtures/html');

async function collect(paths: string[]): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readDocuments(paths)) out.push(it);
  return out;
}

describe('HTML extraction', () => {
  it('should beat Readability alone on the fixture pages and keep its pinned F1 floor', () => {
    const r = evaluateHtml();
    expect(r.cases).toBeGreaterThanOrEqual(30);
    expect(r.khabar.f1).toBeGreaterThanOrEqual(KHABAR_F1_FLOOR);
    expect(r.khabar.f1).toBeGreaterThan(r.readability.f1);
    expect(r.meta.title).toBeGreaterThanOrEqual(0.95);
    expect(r.meta.published).toBeGreaterThanOrEqual(0.95);
  });

  it('should read metadata from JSON-LD and cut the site name from the title', () => {
    const x = extractFromHtml(articleHtml(3), { url: 'https://example.test/a' });
    expect(x.title).toBe('خبر رقم 3: الزراعة تدعم الفلاحين في الجنوب');
    expect(x.published).toBe('2021-06-04');
    expect(x.lines.some((l) => l.includes('شارك'))).toBe(false);
    expect(stripSiteName('الكاظمي يصل إلى بروكسل - بغداد 24', { siteName: 'بغداد 24' })).toBe('الكاظمي يصل إلى بروكسل');
    expect(stripSiteName('الوطن أونلاين :: أمطار غزيرة على عسير وجازان', {})).toBe('أمطار غزيرة على عسير وجازان');
  });

  it('should read an Arabic date in the post meta ("الأربعاء 30 حزيران 2021") and a Hijri one', () => {
    const page = (d: string) =>
      `<html><body><article><h1>عنوان</h1><span class="date">${d}</span><p>${'نص الخبر هنا. '.repeat(20)}</p></article></body></html>`;
    expect(extractFromHtml(page('الأربعاء 30 حزيران 2021')).published).toBe('2021-06-30');
    expect(extractFromHtml(page('30 يونيو 2021')).published).toBe('2021-06-30');
    expect(extractFromHtml(page('السبت 7 ذو الحجة 1442 هـ')).published).toMatch(/^2021-07-1[67]$/);
  });

  it('should mark an index page as link-dense with no article lines, and the cleaner rejects it', () => {
    const links = Array.from(
      { length: 12 },
      (_, i) => `<li><a href="/n/${i}">عنوان خبر طويل نسبيا رقم ${i} عن الاقتصاد</a></li>`,
    ).join('');
    const a = pageArticle({
      source: 'index.html',
      bytes: Buffer.from(`<html><body><main><ul>${links}</ul></main></body></html>`),
    });
    const c = cleanArticle(a);
    expect(c.trace.some((r) => r.rule === 'html/link-dense' || r.rule === 'html/readability-fallback')).toBe(true);
    expect(c.rejected?.rule).toBe('clean/empty-body');
  });

  it('should reject a page nested too deep to walk with clean/too-complex, not crash the run', () => {
    const deep = `<html><body>${'<div>'.repeat(20000)}<p>${'نص عربي طويل بما يكفي ليكون مقالا. '.repeat(5)}</p>${'</div>'.repeat(20000)}</body></html>`;
    const a = cleanArticle(pageArticle({ source: 'deep.html', bytes: Buffer.from(deep) }));
    // refused before the parser since issue 15 (src/clean/guards.ts); it used to overflow the stack in it
    expect(a.rejected?.rule).toBe('clean/too-complex');
    expect(a.rejected?.message).toMatch(/nested more than 512 deep/);
    expect(lineKeys(pageArticle({ source: 'deep.html', bytes: Buffer.from(deep) }))).toEqual([]);
  });

  it('should take an archive of excerpt cards (headline links, dates, summaries) for an index page', async () => {
    const [item] = await collect([join(FIXTURES, 'index-category-economy', 'input.html')]);
    const c = item.ok ? cleanArticle(item.article) : null;
    expect(c?.trace.map((r) => r.rule)).toContain('html/index-page');
    expect(c?.rejected?.rule).toBe('clean/empty-body');
    // an article whose main block links no subheading is not one
    const article = cleanArticle(pageArticle({ source: 'a.html', bytes: Buffer.from(articleHtml(5)) }));
    expect(article.trace.map((r) => r.rule)).not.toContain('html/index-page');
    expect(article.rejected).toBeNull();
  });

  it('should beat Readability alone on held-out pages written without reading the extractor', () => {
    // test/fixtures/html-heldout: 12 article pages. Measured 2026-12-02: khabar F1 100.0, Readability alone
    // 97.7; title 92 %, published 92 %, author 83 %. Nine were written on 2026-12-01; two of those
    // (byline-date-og-weather: a promo line, drupal-heatwave-electricity: a caption) were then read to fix
    // the extractor, so they no longer count as unseen. The three table-* pages were added after the
    // extractor changes, for issue 10, and not tuned on: their one miss (a "site - headline" <title> with
    // the headline in an <h2>, table-1256-sudan-sorghum) is why the title floor is 0.9.
    const r = evaluateHtml(HELDOUT);
    expect(r.cases).toBeGreaterThanOrEqual(12);
    expect(r.khabar.f1).toBeGreaterThanOrEqual(0.97);
    expect(r.khabar.f1).toBeGreaterThan(r.readability.f1);
    expect(r.meta.title).toBeGreaterThanOrEqual(0.9);
  });

  it('should find the content cell of table-layout pages (body F1 >= 0.95) and date no held-out page in the future', () => {
    const r = evaluateHtml(HELDOUT);
    const tables = r.perCase.filter((c) => c.case.startsWith('table-'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const c of tables) expect(c.khabar.f1, c.case).toBeGreaterThanOrEqual(0.95);
    const today = new Date().toISOString().slice(0, 10);
    for (const c of r.perCase) if (c.published) expect(c.published <= today, `${c.case} ${c.published}`).toBe(true);
  });

  it('should never take a publication date after the page was read, and try the next candidate', () => {
    // V8's Date.parse reads "34" as 2034-01-01 and "5/6/38" as 2038-05-06: only English month names go to it
    expect(isoDay('34')).toBeNull();
    expect(isoDay('5/6/38')).toBeNull();
    expect(isoDay('Wed, 30 Jun 2021 09:00:00 GMT')).toBe('2021-06-30');
    const page = (head: string, body: string) =>
      `<html><head>${head}</head><body><article><h1>عنوان</h1>${body}<p>${'نص الخبر هنا. '.repeat(20)}</p></article></body></html>`;
    // a future JSON-LD date (a typo'd year) gives way to the <time> element
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2042-03-01"}</script>';
    expect(extractFromHtml(page(ld, '<time datetime="2024-03-01T10:00:00+03:00"></time>')).published).toBe(
      '2024-03-01',
    );
    // read in 2024: a line announcing a 2025 deadline is not the publication date; the next dated line is
    const lines = '<p>آخر موعد للتسجيل 30/06/2025</p><p>نشر بتاريخ 21/03/2024</p>';
    expect(extractFromHtml(page('', lines), { readAt: '2024-03-22T08:00:00Z' }).published).toBe('2024-03-21');
    expect(extractFromHtml(page('', lines), { readAt: '2026-01-01T00:00:00Z' }).published).toBe('2025-06-30');
  });

  it('should decode a windows-1256 page declared as UTF-8 and note the mismatch', () => {
    const html = articleHtml(1, 'أمطار غزيرة على عسير').replace('charset="utf-8"', 'charset="utf-8"');
    const a = pageArticle({ source: 'x.html', bytes: iconv.encode(html, 'windows-1256') });
    expect(a.meta.encoding).toBe('windows-1256');
    expect(a.trace.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['html/charset-declared', 'text/charset-mismatch']),
    );
    expect(cleanArticle(a).title).toBe('أمطار غزيرة على عسير');
  });

  it('should reject a .html file that is not HTML with KHB_NOT_HTML and a truncated page should still clean', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-html-'));
    await writeFile(join(dir, 'a-notes.html'), 'مجرد نص عادي بدون أي وسوم');
    await writeFile(join(dir, 'b-cut.html'), articleHtml(2).slice(0, 900));
    const page = articleHtml(2);
    await writeFile(join(dir, 'c-stub.html'), page.slice(0, page.indexOf('<h1>') + 7)); // "<h1>خبر"
    const items = await collect([dir]);
    expect(items[0].ok ? null : items[0].error.code).toBe('KHB_NOT_HTML');
    // cut in its second paragraph: title and the first paragraph survive, nothing is invented
    const cut = items[1].ok ? cleanArticle(items[1].article) : null;
    expect(cut?.rejected).toBeNull();
    expect(cut?.title).toBe('خبر رقم 2: الزراعة تدعم الفلاحين في الجنوب');
    expect(cut?.paragraphs[0]).toMatch(/^[\u0600-\u06ff]/);
    expect(cut?.paragraphs.join(' ')).toContain('(2-0)');
    // cut in its headline: rejected with a reason, never an article of one word
    const stub = items[2].ok ? cleanArticle(items[2].article) : null;
    expect(stub?.rejected?.rule).toBe('clean/too-short');
  });

  it('should keep what a page says about itself (modified date, site name, canonical URL, language, direction)', async () => {
    const [item] = await collect([join(FIXTURES, 'amp-iraq-brief', 'input.html')]);
    const a = item.ok ? cleanArticle(item.article) : null;
    expect(a?.meta.page).toMatchObject({
      site_name: 'بغداد 24',
      canonical_url: 'https://baghdad24.example/breaking/amp-iraq-brief',
      lang: 'ar',
      dir: 'rtl',
    });
    expect((a?.meta.page as { modified?: string }).modified).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });
});

describe('HTML lines after extraction', () => {
  const page = (body: string) =>
    pageArticle({
      source: 'p.html',
      bytes: Buffer.from(
        `<!doctype html><html><head><title>t</title></head><body><article>${body}</article></body></html>`,
      ),
    });
  const para = (i: number) =>
    `<p>وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده اليوم إن العمل جار على إصلاح الشبكة في المحافظات الجنوبية قبل الصيف (${i}).</p>`;

  it('should keep a paragraph in another script (Cyrillic) as text, not drop it as clean/no-text', () => {
    const ru =
      '<p>Наши герои знают толк не только во вкусе, но и в красоте еды. За их аккаунтами следят тысячи подписчиков.</p>';
    const a = cleanArticle(page(ru.repeat(1) + ru.replace('тысячи', 'сотни')), { keepNonArabic: true });
    expect(a.rejected).toBeNull();
    expect(a.paragraphs).toHaveLength(2);
    expect(a.removed.map((r) => r.rule)).not.toContain('clean/no-text');
  });

  it('should drop a repeated or trailing line only when the page printed it as a link', () => {
    const step = '<h3>تناول وجبة كل ثلاث ساعات</h3>';
    const linked = '<p><a href="/other">الحكومة تعلن موعد الامتحانات</a></p>';
    const a = cleanArticle(page(step + para(1) + step + para(2) + '<p>المصدر وكالة الأنباء الرسمية</p>' + linked));
    const removed = a.removed.map((r) => [r.rule, r.text]);
    // a recipe step printed twice on purpose stays twice; the credit line after the body stays
    expect(a.paragraphs.filter((p) => p === 'تناول وجبة كل ثلاث ساعات')).toHaveLength(2);
    expect(a.paragraphs).toContain('المصدر وكالة الأنباء الرسمية');
    // the headline link after the body is another article's
    expect(removed).toContainEqual(['clean/trailing-links', 'الحكومة تعلن موعد الامتحانات']);
  });

  it('should find the body in a page wrapped in one <form> (ASP.NET) and in itemprop=articleBody with a chrome-like class', () => {
    const form = cleanArticle(
      pageArticle({
        source: 'f.html',
        bytes: Buffer.from(
          `<html><body><form id="aspnetForm"><div>${para(1)}${para(2)}${para(3)}</div></form></body></html>`,
        ),
      }),
    );
    expect(form.rejected).toBeNull();
    expect(form.paragraphs).toHaveLength(3);
    const ld = extractFromHtml(
      `<html><body><div class="article-breaking-news" itemprop="articleBody">${para(1)}${para(2)}</div></body></html>`,
    );
    expect(ld.lines).toHaveLength(2);
  });

  it('should clean the other candidate (the densest block) before rejecting a page whose first one leaves no body', () => {
    // Readability takes the block of <p> chrome; the article is <br>-separated text in an old <center>
    const chrome = ['الرئيسية', 'أخبار', 'اقتصاد', 'رياضة', 'منوعات', 'تكنولوجيا', 'صحة', 'ثقافة', 'اترك تعليقاً'];
    const more = ['جميع الحقوق محفوظة لموقع الاختبار 2024', 'زر الذهاب إلى الأعلى', 'تابعونا على تلغرام'];
    const line = (season: string) =>
      `وقال المتحدث باسم الوزارة في مؤتمر صحفي إن العمل جار على إصلاح الشبكة في المحافظات الجنوبية قبل حلول فصل ${season}`;
    const html = `<html><body><div id="main"><p>${[...chrome, ...more].join('</p><p>')}</p></div><center>${[
      'الصيف',
      'الشتاء',
      'الخريف',
    ]
      .map(line)
      .join('<br><br>')}</center></body></html>`;
    const a = cleanArticle(pageArticle({ source: 'r.html', bytes: Buffer.from(html) }));
    expect(a.rejected).toBeNull();
    expect(a.paragraphs).toEqual(['الصيف', 'الشتاء', 'الخريف'].map(line));
    expect(a.trace.map((r) => r.rule)).toContain('html/other-candidate');
    expect(a.removed).toEqual([]);
  });

  it('should extract a page once when its lines are counted (pass 1) and it is then read again and cleaned (pass 2)', () => {
    const bytes = Buffer.from(articleHtml(5));
    const before = heldExtracts();
    const keys = lineKeys(pageArticle({ source: 'x.html', bytes }));
    expect(keys.length).toBeGreaterThan(0);
    expect(heldExtracts()).toBe(before + 1);
    const second = cleanArticle(pageArticle({ source: 'x.html', bytes }));
    expect(heldExtracts()).toBe(before);
    // the same result as a page cleaned without a first pass
    const alone = cleanArticle(pageArticle({ source: 'x.html', bytes }));
    expect(second.paragraphs).toEqual(alone.paragraphs);
    expect(second.trace.map((r) => r.rule)).toEqual(alone.trace.map((r) => r.rule));
  });
});

describe('WARC reader', () => {
  it('should read HTML response records with their URL and HTTP charset, and skip the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-warc-'));
    const rec = (url: string, type: string, body: Uint8Array) =>
      WARCRecord.create(
        {
          url,
          type: 'response',
          date: '2021-06-30T10:00:00Z',
          httpHeaders: { 'Content-Type': type, Date: 'Wed, 30 Jun 2021 10:00:00 GMT' },
          statusline: 'HTTP/1.1 200 OK',
        },
        (async function* () {
          yield body;
        })(),
      );
    const parts: Uint8Array[] = [];
    const records = [
      rec('https://baghdad24.example/news/1', 'text/html; charset=utf-8', Buffer.from(articleHtml(1))),
      rec('https://baghdad24.example/logo.png', 'image/png', Buffer.from([0x89, 0x50])),
      rec(
        'https://old.example/n/2',
        'text/html; charset=windows-1256',
        iconv.encode(articleHtml(2, 'أمطار غزيرة على عسير'), 'windows-1256'),
      ),
    ];
    for (const r of records) parts.push(await WARCSerializer.serialize(r, { gzip: true }));
    const file = join(dir, 'crawl.warc.gz');
    await writeFile(file, Buffer.concat(parts));
    const items = await collect([file]);
    expect(items.length).toBe(2);
    const [a, b] = items.map((i) => (i.ok ? cleanArticle(i.article) : null));
    expect(a?.url).toBe('https://baghdad24.example/news/1');
    expect(a?.meta.fetched_at).toBe('2021-06-30T10:00:00Z');
    expect(b?.title).toBe('أمطار غزيرة على عسير');
    expect(b?.meta.encoding).toBe('windows-1256');
  });

  it('should finish an archive cut off inside a record (warcio alone spins forever there)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-warc-cut-'));
    const page = Buffer.from(articleHtml(3));
    const record = (url: string, type: string, body: Uint8Array) =>
      WARCSerializer.serialize(
        WARCRecord.create(
          { url, type: 'response', httpHeaders: { 'Content-Type': type }, statusline: 'HTTP/1.1 200 OK' },
          (async function* () {
            yield body;
          })(),
        ),
      );
    const whole = Buffer.concat([
      await record('https://baghdad24.example/news/3', 'text/html; charset=utf-8', page),
      await record('https://baghdad24.example/photo.jpg', 'image/jpeg', Buffer.alloc(5000, 1)),
    ]);
    // cut inside the second (skipped) record, then an archive cut inside its only HTML record
    await writeFile(join(dir, 'a-cut-in-image.warc'), whole.subarray(0, whole.length - 2000));
    const one = await record(
      'https://baghdad24.example/news/4',
      'text/html; charset=utf-8',
      Buffer.from(articleHtml(4)),
    );
    await writeFile(join(dir, 'b-cut-in-page.warc'), one.subarray(0, one.length - 300));
    const items = await collect([dir]);
    expect(items.map((i) => (i.ok ? i.article.url : i.error.code))).toEqual([
      'https://baghdad24.example/news/3',
      'https://baghdad24.example/news/4',
    ]);
    const cut = items[1].ok ? cleanArticle(items[1].article) : null;
    expect(cut?.title).toBe('خبر رقم 4: الزراعة تدعم الفلاحين في الجنوب');
  }, 15_000);
});
