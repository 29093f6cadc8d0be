/**
 * Page metadata, read before any pruning (the <head>, JSON-LD, the byline).
 * Each field is a cascade, most trusted source first:
 *   title      og:title / twitter:title / JSON-LD headline / h1 / <title>, then the
 *              site-name suffix cut ("… - بغداد 24", "… | الشرق")
 *   published  JSON-LD datePublished / article:published_time / itemprop / <time datetime> /
 *              Arabic date text in the post meta ("الأربعاء 30 حزيران 2021", "30 يونيو 2021", Hijri)
 *   modified   JSON-LD dateModified / article:modified_time / og:updated_time
 *   author     JSON-LD author / meta author / theme byline classes
 */
import { findDate, isoDay } from '../../text/dates.js';
import { blockLines } from './blocks.js';
import { jsonLdArticle } from './jsonld.js';
import { stripSiteName } from './title.js';

/** linkedom's Document/Element, typed loosely: we use only the standard DOM surface. */
type Doc = ReturnType<typeof import('linkedom').parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

export interface PageMeta {
  title: string | null;
  published: string | null;
  modified: string | null;
  author: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  dir: string | null;
  /** Where each field came from, e.g. {published: 'json-ld'}. */
  via: Record<string, string>;
}

/** Post-meta elements where themes print the date as text: Jannah `.date`, Newspaper
 *  `.td-post-date`, Blogger `.date-header`, Drupal `.field--name-created`, custom `.news-date`. */
const DATE_TEXT_SELECTORS =
  '.date, .post-date, .td-post-date, .entry-date, .date-header, .published, .post-meta, .entry-meta, .article-date, .news-date, .field--name-created, .time, .meta-date';
/** Byline elements: Jannah `.author-name`, Newspaper `.td-post-author-name`, Blogger `.fn`,
 *  Drupal `.field--name-uid`, generic `[rel=author]` and `.byline`. */
const AUTHOR_SELECTORS =
  '[rel="author"], .author-name, .td-post-author-name a, .post-author .fn, .fn, .byline .author, .field--name-uid, .article-author, .writer-name';
/** An author name is a few words; longer text in a byline slot is a sentence, not a name. */
const MAX_AUTHOR_WORDS = 6;
/** Byline prefixes to cut: "بقلم: سارة علي", "كتب - أحمد حسن", "By". */
const BYLINE_PREFIX = /^\s*(بقلم|كتب|كتبت|إعداد|اعداد|تحرير|by)\s*[:：\-–—]?\s*/i;

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

/** The page's <meta> values by property, name and itemprop (the first of each), read in one pass:
 *  a selector per key costs a selector compile each on linkedom. */
const metaMaps = new WeakMap<Doc, Map<string, string>>();

function metaContent(doc: Doc, ...keys: string[]): string | null {
  let m = metaMaps.get(doc);
  if (!m) {
    m = new Map();
    for (const el of doc.querySelectorAll('meta') as Iterable<El>) {
      const v = clean(el.getAttribute('content'));
      if (!v) continue;
      for (const attr of ['property', 'name', 'itemprop']) {
        const k = el.getAttribute(attr);
        if (k && !m.has(k)) m.set(k, v);
      }
    }
    metaMaps.set(doc, m);
  }
  for (const k of keys) {
    const v = m.get(k);
    if (v) return v;
  }
  return null;
}

/** A page's own calendar day may run ahead of the reader's clock by a time zone (UTC+14 at most). */
const AHEAD_DAYS = 1;

/** The latest publication day a page read at `readAt` can carry: a later one is a misread. */
export function latestDay(readAt?: string | Date | null): string {
  const t = readAt ? new Date(readAt).getTime() : NaN;
  const base = Number.isNaN(t) ? Date.now() : t;
  return new Date(base + AHEAD_DAYS * 86400000).toISOString().slice(0, 10);
}

/** The headline element, most specific first: Blogger's header <h1> is the blog's name, its
 *  post title is `h3.entry-title`; Jannah/Newspaper mark theirs `.entry-title` too. */
const HEADLINE_SELECTORS = ['article h1', 'h1.entry-title', '.entry-title', '.post-title', '.page-title', 'h1'];

function firstText(doc: Doc, selectors: string[]): string | null {
  for (const sel of selectors) {
    const t = clean(doc.querySelector(sel)?.textContent);
    if (t) return t;
  }
  return null;
}

/** A line that holds a date and little else is a dateline ("20/9/2021", "الاثنين 14 حزيران 2021 - 10:30"). */
const MAX_DATE_LINE_WORDS = 12;

/** Last resort for pages without classes (table-layout CMSs): the first short text line
 *  holding a date, and the first "كتب: …" / "بقلم …" line, anywhere in the page text. */
function pageTextFallback(doc: Doc, latest: string): { date: string | null; author: string | null } {
  let date: string | null = null;
  let author: string | null = null;
  const body = doc.body as El | null;
  if (!body) return { date, author };
  for (const line of blockLines(body)) {
    const words = line.split(' ').length;
    if (!date && words <= MAX_DATE_LINE_WORDS) date = notAfter(findDate(line)?.iso, latest);
    if (!author && BYLINE_PREFIX.test(line)) {
      const name = line.replace(BYLINE_PREFIX, '').trim();
      if (name.split(' ').length <= MAX_AUTHOR_WORDS) author = name;
    }
    if (date && author) break;
  }
  return { date, author };
}

const notAfter = (iso: string | null | undefined, latest: string): string | null => (iso && iso <= latest ? iso : null);

function textDate(doc: Doc, latest: string): string | null {
  for (const el of doc.querySelectorAll(DATE_TEXT_SELECTORS) as Iterable<El>) {
    const t = clean(el.textContent);
    if (t && t.length < 200) {
      const d = notAfter(findDate(t)?.iso, latest);
      if (d) return d;
    }
  }
  return null;
}

function bylineAuthor(doc: Doc): string | null {
  for (const el of doc.querySelectorAll(AUTHOR_SELECTORS) as Iterable<El>) {
    const t = clean((el.textContent ?? '').replace(BYLINE_PREFIX, ''));
    if (t && t.split(' ').length <= MAX_AUTHOR_WORDS) return t;
  }
  return null;
}

function resolveUrl(href: string | null, base: string | null | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

export function readMeta(doc: Doc, pageUrl?: string | null, readAt?: string | Date | null): PageMeta {
  const via: Record<string, string> = {};
  // a date after the page was read (or after now) is never taken: the next candidate is tried
  const latest = latestDay(readAt);
  const day = (s: string | null | undefined) => notAfter(isoDay(s), latest);
  let fallback: ReturnType<typeof pageTextFallback> | null = null;
  const pageText = () => (fallback ??= pageTextFallback(doc, latest));
  // A candidate is a value, or a thunk for the costly last resorts (run only when reached).
  type Cand<T> = [string, T | null | undefined | (() => T | null)];
  const pick = <T>(field: string, ...cands: Cand<T>[]): T | null => {
    for (const [from, c] of cands) {
      const v = typeof c === 'function' ? (c as () => T | null)() : c;
      if (v !== null && v !== undefined && v !== '') {
        via[field] = from;
        return v;
      }
    }
    return null;
  };
  const ld = jsonLdArticle(doc);
  const siteName = pick(
    'siteName',
    ['og:site_name', metaContent(doc, 'og:site_name')],
    ['json-ld', ld.publisher],
    ['application-name', metaContent(doc, 'application-name')],
  );
  const h1 = firstText(doc, HEADLINE_SELECTORS);
  const rawTitle = pick(
    'title',
    ['og:title', metaContent(doc, 'og:title')],
    ['twitter:title', metaContent(doc, 'twitter:title')],
    ['json-ld', ld.headline],
    ['h1', h1],
    ['title', clean(doc.querySelector('title')?.textContent)],
  );
  const time = doc.querySelector('article time[datetime], time[datetime]');
  const published = pick(
    'published',
    ['json-ld', day(ld.datePublished)],
    ['article:published_time', day(metaContent(doc, 'article:published_time', 'og:published_time'))],
    ['itemprop', day(metaContent(doc, 'datePublished', 'pubdate', 'publishdate', 'DC.date.issued', 'date'))],
    ['time', day(time?.getAttribute('datetime'))],
    ['date-text', () => textDate(doc, latest)],
    ['page-text', () => pageText().date],
  );
  const modified = pick(
    'modified',
    ['json-ld', day(ld.dateModified)],
    ['article:modified_time', day(metaContent(doc, 'article:modified_time', 'og:updated_time', 'dateModified'))],
  );
  const metaAuthor = metaContent(doc, 'author', 'article:author');
  const author = pick(
    'author',
    ['json-ld', ld.author],
    ['meta', metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor : null],
    ['byline', () => bylineAuthor(doc)],
    ['page-text', () => pageText().author],
  );
  const canonicalUrl = pick(
    'canonicalUrl',
    ['canonical', resolveUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null, pageUrl)],
    ['og:url', resolveUrl(metaContent(doc, 'og:url'), pageUrl)],
    ['json-ld', resolveUrl(ld.url, pageUrl)],
  );
  const html = doc.documentElement;
  const locale = metaContent(doc, 'og:locale');
  const lang = pick(
    'lang',
    ['html-lang', clean(html?.getAttribute('lang'))?.toLowerCase().replace('_', '-')],
    ['content-language', metaContent(doc, 'content-language')],
    ['og:locale', locale ? locale.split(/[_-]/)[0].toLowerCase() : null],
  );
  const dir = pick(
    'dir',
    ['html-dir', clean(html?.getAttribute('dir'))?.toLowerCase()],
    ['body-dir', clean(doc.body?.getAttribute('dir'))?.toLowerCase()],
  );
  const title = rawTitle ? stripSiteName(rawTitle, { siteName, h1 }) : null;
  return { title, published, modified, author, siteName, canonicalUrl, lang, dir, via };
}
