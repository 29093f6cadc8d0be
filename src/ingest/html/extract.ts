/**
 * HTML page → main-content lines and metadata, for the cleaner (src/clean), which
 * then runs its Arabic line rules on `lines`. The cascade:
 *   1. parse with linkedom (a fast DOM without layout)
 *   2. metadata first, from the untouched page (meta.ts: og/JSON-LD/time/Arabic date text)
 *   3. prune chrome blocks by tag and class (prune.ts: share bars, related, comments, ads)
 *   4. @mozilla/readability on the pruned page
 *   5. fallback when Readability finds nothing or too little: the densest text container
 *   6. an index page (section front, tag page) is link text: no article lines at all
 *   7. the chosen element → one line per paragraph/heading (blocks.ts)
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { reason, type Reason } from '../../core/trace.js';
import { blockLines } from './blocks.js';
import { readMeta, type PageMeta } from './meta.js';
import { findDate } from '../../text/dates.js';
import { normalize } from '../../text/normalize.js';
import { pruneChrome } from './prune.js';

export interface HtmlExtract {
  /** Main-content blocks as text lines, in order, one paragraph/heading per line. */
  lines: string[];
  title: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  modified: string | null;
  author: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  dir: string | null;
  reasons: Reason[];
}

type Doc = ReturnType<typeof parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

/** Readability's own threshold is 500 characters; short Arabic news briefs ("عاجل" items of two
 *  sentences) run 250–400, so we ask for less and judge the result ourselves. */
export const READABILITY_CHAR_THRESHOLD = 250;
/** Below this much text Readability's pick is treated as "found nothing" and the fallback runs. */
export const MIN_ARTICLE_CHARS = 120;
/** Share of the chosen element's text inside links above which it is a list of headlines
 *  (a section front), not an article. Article bodies with a few inline links stay under 0.3. */
export const MAX_LINK_DENSITY = 0.55;
/** Headings that are each a link to another page: an archive of excerpts ("posts-grid" cards of
 *  headline, date and summary) has one per card; an article links no subheading. Three is the
 *  smallest grid; a related-posts box outside the main block does not count. */
export const INDEX_HEADLINE_LINKS = 3;

/** Headings inside `el` whose text is (almost all) one link, counted by distinct target. */
export function headlineLinks(el: El): number {
  const targets = new Set<string>();
  for (const hd of el.querySelectorAll('h1, h2, h3, h4')) {
    const a = hd.querySelector('a[href]');
    const text = textLength(hd);
    if (a && text > 0 && textLength(a) >= 0.8 * text) targets.add(a.getAttribute('href') ?? '');
  }
  return targets.size;
}

function parse(html: string): Doc {
  // linkedom needs a document shell: a bare fragment (an AMP story body, a JSONL `html` snippet) gets one.
  const shell = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(shell).document;
}

function textLength(el: El): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

export function linkDensity(el: El): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += textLength(a as El);
  return linked / total;
}

/** The container whose own paragraphs (or <br>-separated text) hold the most text. */
function densestContainer(doc: Doc): El | null {
  let best: El | null = null;
  let bestScore = 0;
  for (const el of doc.querySelectorAll('article, main, section, div, td') as Iterable<El>) {
    let score = 0;
    for (const c of el.children as Iterable<El>) {
      if (c.tagName === 'P' || c.tagName === 'BLOCKQUOTE' || c.tagName === 'H2' || c.tagName === 'H3')
        score += textLength(c);
    }
    // Text directly in the element (Blogger's <div class="post-body">text<br><br>text</div>).
    for (const n of el.childNodes) if (n.nodeType === 3) score += (n.textContent ?? '').trim().length;
    score *= 1 - linkDensity(el);
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return best;
}

/** Post-meta rows sit above the first paragraph: look no further than this many lines. */
const META_LINE_SEARCH = 4;
/** A meta row is short: "سالم الحارثي · 2021-07-26 · 3 دقائق قراءة" is 7 words. */
const META_LINE_MAX_WORDS = 10;

/**
 * Drops lines above the body that only restate metadata we already hold: the author's
 * name and a date ("سالم الحارثي 2021-07-26", "بقلم سارة علي - 30 يونيو 2021").
 */
function dropMetaLines(lines: string[], meta: PageMeta, reasons: Reason[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i < META_LINE_SEARCH && line.split(' ').length <= META_LINE_MAX_WORDS && isMetaLine(line, meta)) {
      reasons.push(
        reason('html/meta-line', 'drop-line', `"${line}" restates the author and date`, { place: { line: i + 1 } }),
      );
      return;
    }
    out.push(line);
  });
  return out;
}

function isMetaLine(line: string, meta: PageMeta): boolean {
  let rest = normalize(line);
  const d = findDate(rest);
  if (!d && !(meta.author && rest.includes(normalize(meta.author)))) return false;
  if (d) rest = rest.slice(0, d.index) + ' ' + rest.slice(d.index + d.length);
  if (meta.author) rest = rest.replace(normalize(meta.author), ' ');
  // What may remain: prefixes, separators, a time, day names.
  rest = rest.replace(
    /(بقلم|كتب|كتبت|بواسطه|نشر في|نشر|في|السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|\d{1,2}:\d{2}|ص|م|[-–—|،,:·•/])/g,
    ' ',
  );
  return rest.trim() === '';
}

export function extractFromHtml(html: string, opts: { url?: string | null } = {}): HtmlExtract {
  const reasons: Reason[] = [];
  // 1–2. parse, metadata
  const doc = parse(html);
  const meta = readMeta(doc, opts.url);
  // 3. prune
  const pruned = pruneChrome(doc);
  // 4. Readability
  let chosen: El | null = null;
  try {
    const found = new Readability(doc as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: READABILITY_CHAR_THRESHOLD,
      serializer: (el) => el,
    }).parse();
    const el = (found?.content ?? null) as unknown as El | null;
    if (el && textLength(el) >= MIN_ARTICLE_CHARS) chosen = el;
  } catch (e) {
    reasons.push(reason('html/readability-error', 'note', `Readability failed: ${(e as Error).message}`));
  }
  // 5. fallback on a fresh parse (Readability has rewritten the first one)
  if (!chosen) {
    const again = parse(html);
    pruneChrome(again);
    chosen = densestContainer(again) ?? (again.body as El | null);
    reasons.push(
      reason('html/readability-fallback', 'note', 'Readability found no article; used the densest text block', {
        evidence: { chars: chosen ? textLength(chosen) : 0 },
      }),
    );
  }
  // 6. index pages
  let lines = chosen ? blockLines(chosen) : [];
  const density = chosen ? linkDensity(chosen) : 0;
  const headlines = chosen ? headlineLinks(chosen) : 0;
  if (lines.length > 0 && density > MAX_LINK_DENSITY) {
    reasons.push(
      reason('html/link-dense', 'note', `main block is ${(density * 100).toFixed(0)}% link text: an index page`, {
        evidence: { linkDensity: Number(density.toFixed(2)), lines: lines.length },
      }),
    );
    lines = [];
  } else if (lines.length > 0 && headlines >= INDEX_HEADLINE_LINKS) {
    reasons.push(
      reason('html/index-page', 'note', `main block has ${headlines} headlines linking to other pages: an archive`, {
        evidence: { headlineLinks: headlines, lines: lines.length },
      }),
    );
    lines = [];
  }
  lines = dropMetaLines(lines, meta, reasons);
  reasons.push(
    reason('html/extracted', 'note', `${lines.length} content line(s); ${pruned} chrome element(s) pruned`, {
      evidence: { lines: lines.length, pruned, ...meta.via },
    }),
  );
  return {
    lines,
    title: meta.title,
    published: meta.published,
    modified: meta.modified,
    author: meta.author,
    siteName: meta.siteName,
    canonicalUrl: meta.canonicalUrl,
    lang: meta.lang,
    dir: meta.dir,
    reasons,
  };
}
