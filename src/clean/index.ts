/**
 * The cleaner: raw scraped text (or HTML: src/ingest/html decodes it, src/clean/html extracts it) in, a clean
 * Article out. Every line it drops lands in `removed` with its rule id; every
 * edit and extraction is a Reason in `trace`. The cascade:
 *   0. HTML pages: main-content lines and metadata from the HTML extractor
 *   1. split into lines, keep their numbers
 *   2. template leaks: drop placeholder-only lines, cut placeholders out of sentences
 *   3. boilerplate line rules (menus, share bars, comment forms, notices, …)
 *   4. related-articles blocks: the heading and the headline links under it
 *   5. site boilerplate: lines recurring across many documents of the same site
 *   6. repeated paragraphs: the first copy stays
 *   7. title and dateline: out of the body into their fields
 *   8. repairs: stray punctuation, missing spaces, glued words
 *   9. language and empty-body checks: reject with a reason, never drop silently
 */
import type { Article } from '../core/article.js';
import { lineOf, reason, type Reason } from '../core/trace.js';
import { htmlRuleApplies, letters } from './html/evidence.js';
import type { HtmlExtract } from './html/extract.js';
import { peekExtract, takeExtract } from './html/once.js';
import { findDate } from '../text/dates.js';
import { normalize } from '../text/normalize.js';
import { arabicShare } from '../text/tokenize.js';
import { degenerate, tooComplex } from './guards.js';
import { detectLang } from './lang.js';
import {
  ARABIC_LETTER,
  bylineAuthor,
  endsSentence,
  firstLineRule,
  headlineLike,
  relatedHeading,
  tagHeading,
  type Line,
} from './line-rules.js';
import { DROP_MESSAGES } from './messages.js';
import { fixMissingSpace, splitGluedWords, strayPunctuation } from './repair.js';
import type { SiteLineIndex } from './site-lines.js';
import {
  cutDateLeak,
  DATE_LEAK_RULE,
  findTemplateLeaks,
  jsonWrapperTitle,
  TEMPLATE_LEAK_RULE,
} from './template-leak.js';
import {
  datelineOf,
  headerCreditOf,
  namesPlaceOrAgency,
  namesPlaceAgencyOrSite,
  looksLikeBody,
  looksLikeDateline,
  looksLikeMasthead,
  splitInlineDateline,
} from './title-dateline.js';
import { isCaption, normTokens, stripTitleSuffix } from './title.js';
import { listingUrl } from './listing-url.js';
import {
  furnitureEvidence,
  furnitureProbability,
  judgedByShape,
  LINE_DROP_PROBABILITY,
  lineFeatures,
  type LineModel,
} from './line-model.js';
import { chooseTitle, titleChoice, type TitleChoice, type TitleModel } from './title-model.js';

export { SiteLineIndex } from './site-lines.js';
export { listingUrl } from './listing-url.js';

export interface CleanOptions {
  /** Pass-1 statistics of every document being cleaned together (cross-document rule). */
  siteLines?: SiteLineIndex;
  /** Keep documents that are not Arabic instead of rejecting them. */
  keepNonArabic?: boolean;
  /** The headline model (cross-validation fits its own; the default is the shipped TITLE_MODEL). */
  titleModel?: TitleModel;
  /** The furniture model and its threshold (cross-validation fits its own; defaults LINE_MODEL, LINE_DROP_PROBABILITY). */
  lineModel?: LineModel;
  lineDropProbability?: number;
  /** Called with each page's lines and their furniture features (training reads them). */
  onLineFeatures?: (lines: Line[], features: number[][]) => void;
  /** Called with each page's headline candidates and the kept lines they index (training reads them). */
  onTitleChoice?: (choice: TitleChoice, lines: Line[]) => void;
}

/** An inline credit opens the lead, which may sit under a deck, a kicker or a stamp the rules kept: the first
 *  paragraph takes any credit, the next ones only a credit that names a place or an agency. */
const DATELINE_LEAD_PARAGRAPHS = 4;
/** Where a standalone dateline may sit: within the first lines after the title. */
const DATELINE_SEARCH_LINES = 3;
/** Between the headline and the first paragraph, a line this short that does not end a
 *  sentence is a caption, byline, date or site name: "جانب من الجولة", "أماني موسى", "دار الهلال". */
const HEADER_MAX_WORDS = 8;
/** …and so is a bulleted headline there, however long: "* وزارتا التجارة والثقافة تعززان مكانة العراق عبر معرض …",
 *  another story's link (kayhan.ir). */
const BULLET_RE = /^[*•▪■●]\s/;
const BODY_END_RE = /[.!?؟:]["'”»)]*$/;
/** A headline copy may carry a few words more: the site's name, "(صور)", a section. */
const TITLE_COPY_EXTRA_WORDS = 4;

/** A line that is the headline again, alone or with a site name or a second copy glued on. */
function isTitleCopy(l: Line, key: string): boolean {
  if (l.norm === key) return true;
  if (key.length < 12 || !l.norm.includes(key)) return false;
  const rest = l.norm.split(key).join(' ').trim();
  return rest === '' || rest.split(/\s+/).length <= TITLE_COPY_EXTRA_WORDS || key.startsWith(rest);
}

/** The outlet half of a credit, when it has two or more words: "بغداد اليوم" of "بغداد اليوم- بغداد". */
function outletOf(credit: string): string | null {
  const head = normalize(credit)
    .split(/\s*[-–—|/:]\s*|\s+_\s+/)[0]
    .trim();
  return head.split(/\s+/).length >= 2 ? head : null;
}

/**
 * Excerpts cut off with an ellipsis ("عاد الحديث مجددا عن إمكانية طباعة أوراق نقدية … وذلك بعد…", "… مع تجنيد
 * الخلايا..."): one on a page may be the article's own trailing thought, two or more are a list of teasers of other
 * articles. On our development pages, every line of six words or more ending in an ellipsis on a page with two
 * or more of them is a teaser (18 of 18), while a page's only one is body in 13 of 41.
 */
const TEASER_CUT = /(?:…|\.\.\.?)\s*$/;
const TEASER_MIN_WORDS = 6;
const TEASER_MIN_COUNT = 2;

/**
 * A paragraph above the headline is the story's own lead printed first when it shares at least this share of
 * the headline's content words ("استشهد ستة فلسطينيين في قصف …" above "استشهاد ستة فلسطينيين …"); on our
 * development pages 38 of the 40 long lines above a headline are other stories' teasers, and the two that are
 * body include the lead that restates it.
 */
const LEAD_ABOVE_MIN_SHARED = 0.3;
/** …or when a tenth of its words are in the story's first paragraphs below the headline: a lead under a
 *  wrongly taken crosshead ("يواصل الجنيه السوداني تراجعه …" above "أسعار قياسية في السوق الموازي") shares
 *  11–44 % with them on our development pages, another story's teaser 0–7 %. */
const ABOVE_STORY_MIN_SHARED = 0.1;
const STORY_PARAGRAPHS = 3;

/**
 * On a page whose kept lines are mostly Arabic, a line of this many words with no Arabic letter is not the
 * article's text: all 14 such lines on our development pages and eval-dev are captions, tweets and chrome.
 * (Shorter Latin labels are `clean/latin-label`'s.)
 */
const FOREIGN_LINE_MIN_WORDS = 5;
const FOREIGN_MIN_ARABIC_SHARE = 0.5;

/** A page's last line this long, cut off without a headline's end, is the start of a paragraph: links
 *  to other stories run 5–9 words on eval-dev; cut paragraphs run on. */
const CUT_PARAGRAPH_WORDS = 10;
/** Without a headline, lines above the first paragraph this short are masthead ("الأيام التونسية", "وطنية"). */
const MASTHEAD_MAX_WORDS = 4;
/** A page whose lines are all menu-sized and that had at least this many section names is a menu
 *  (alsumaria.tv's opening prints its menu three times, ~60 section names, and no paragraph). */
const MENU_PAGE_MIN_NAV = 10;
/** …and whose longest line is a running story's menu entry: "انتخابات مجلس النواب العراقي 2025". */
const MENU_PAGE_ITEM_MAX_WORDS = 5;
/** Tags under a "الوسوم" heading are one to three words each ("المنتخب الأولمبي"). */
const TAG_MAX_WORDS = 3;
/** A timestamp line is short: "الأربعاء 30 حزيران 2021 - 12:30 م" is 6 words. */
const TIMESTAMP_MAX_WORDS = 8;
/**
 * A body with fewer letters than this is not an article: a page cut off in its
 * headline ("خبر" from `<h1>خبر` of a truncated download), or a lone caption. A
 * one-line brief such as "عاجل: انفجار في مرفأ بيروت" has 22 and stays. The same bar
 * as the clusterer's MIN_LETTERS.
 */
export const MIN_BODY_LETTERS = 20;

/**
 * Does a paragraph above the headline `title` restate it or the story `below` it (the story's own lead printed
 * first), rather than open another story? Tokens are read only when a paragraph sits above the headline.
 */
function restatesStory(title: Line, below: Line[]): (l: Line) => boolean {
  let words: Set<string> | null = null;
  let story: Set<string> | null = null;
  return (l) => {
    words ??= new Set(normTokens(title.norm));
    story ??= new Set(
      below
        .filter((b) => looksLikeBody(b))
        .slice(0, STORY_PARAGRAPHS)
        .flatMap((b) => normTokens(b.norm)),
    );
    const mine = normTokens(l.norm);
    const shared = (set: Set<string>) => mine.filter((w) => set.has(w)).length;
    return (
      shared(words) >= LEAD_ABOVE_MIN_SHARED * Math.min(words.size, mine.length) ||
      shared(story) >= ABOVE_STORY_MIN_SHARED * mine.length
    );
  };
}

/** Non-empty lines of a text with their 1-based numbers and matching keys. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const parts = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].trim();
    if (t === '') continue;
    out.push(makeLine(t, i + 1));
  }
  return out;
}

function makeLine(text: string, line: number): Line {
  // One pass counts words and tells whether whitespace needs collapsing (rarely: most
  // scraped lines have single spaces), so the regex replace runs only when it must.
  let norm = normalize(text);
  let words = 0;
  let inWord = false;
  let collapse = false;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
    if (space) {
      if (!inWord || c !== 32) collapse = true;
      inWord = false;
    } else {
      if (!inWord) words++;
      inWord = true;
    }
  }
  if (collapse || !inWord) norm = norm.replace(/\s+/g, ' ').trim();
  return { text, line, norm, words };
}

/** The distinct line keys of a raw document, for SiteLineIndex.observe (pass 1). */
export function lineKeys(a: Article): string[] {
  // an unparseable page has no lines to count; cleanArticle rejects it with its reason
  return linesOf(a, undefined, true).lines.map((l) => l.norm);
}

function linesOf(
  a: Article,
  given?: HtmlExtract,
  /** pass 1: the extract is held for the cleaning pass (src/clean/html/once.ts) */
  peek = false,
): {
  lines: Line[];
  html: HtmlExtract | null;
  /** Why the page could not be read at all (too complex, a DOM nested past the stack, a parser bug). */
  failed?: Reason;
} {
  const complex = tooComplex(a.raw, a.rawKind); // guards.ts: refused before the parser spends minutes
  if (complex) return { lines: [], html: null, failed: complex };
  if (a.rawKind !== 'html') return { lines: splitLines(a.raw), html: null };
  let html = given;
  try {
    html ??= peek ? peekExtract(a) : takeExtract(a);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      lines: [],
      html: null,
      failed: reason('clean/unparseable', 'drop-article', `the page could not be parsed: ${why}`),
    };
  }
  // html lines are trimmed and non-empty, so line i+1 is html.lines[i] (and html.linkShare[i])
  return { lines: html.lines.map((t, i) => makeLine(t, i + 1)), html };
}

/** A short line that is only a date, day name and time: "الأربعاء 30 حزيران 2021 - 12:30 م". */
function timestampDate(l: Line): string | null {
  // an explicit date has digits (l.norm has them as ASCII): most short lines have none
  if (l.words > TIMESTAMP_MAX_WORDS || !/\d/.test(l.norm)) return null;
  const d = findDate(l.norm);
  if (!d) return null;
  const rest = (l.norm.slice(0, d.index) + ' ' + l.norm.slice(d.index + d.length))
    .replace(
      /(السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|\d{1,2}:\d{2}|الساعه|صباحا|مساء|ص|م|هـ|ه|الموافق|[-–—|،,:/])/g,
      ' ',
    )
    .trim();
  return rest === '' ? d.iso : null;
}

export function cleanArticle(a: Article, opts: CleanOptions = {}): Article {
  return cleanPass(a, opts);
}

/** One pass over the lines of `given` (an HTML page's other candidate) or of the article. */
function cleanPass(a: Article, opts: CleanOptions, given?: HtmlExtract): Article {
  // What the pass changes, to start again from on an HTML page's other candidate.
  const before = { trace: a.trace.length, removed: a.removed.length, title: a.title, author: a.author };
  const was = { published: a.published, url: a.url, site: a.site, dateline: a.dateline };
  // a dropped line is one Reason: the rule, its message, the line's place and its text as written
  const drop = (
    l: Line,
    rule: string,
    message = DROP_MESSAGES[rule] ?? `dropped by ${rule}`,
    evidence?: Record<string, string | number>,
  ) => {
    a.removed.push(reason(rule, 'drop-line', message, { place: { line: l.line }, text: l.text, evidence }));
  };
  const note = (rule: string, action: 'edit' | 'note', message: string, line?: number) => {
    a.trace.push(reason(rule, action, message, line ? { place: { line } } : {}));
  };

  // 0–1. lines (HTML metadata first: the page's own <title>/JSON-LD beat our guesses)
  const { lines, html, failed } = linesOf(a, given);
  // On extracted HTML, shape rules need the page's evidence (src/clean/html/evidence.ts).
  const applies = (rule: string, l: Line) => !html || htmlRuleApplies(rule, l.text, html.linkShare[l.line - 1] ?? 0);
  if (failed) {
    a.rejected = failed;
    a.trace.push(a.rejected);
    return a;
  }
  if (html) {
    a.trace.push(...html.reasons);
    a.title ??= html.title;
    a.published ??= html.published;
    a.author ??= html.author;
    a.url ??= html.canonicalUrl;
    a.site ??= html.siteName;
    // what else the page says about itself, as it says it (written out as "page")
    const page = {
      modified: html.modified,
      site_name: html.siteName,
      canonical_url: html.canonicalUrl,
      lang: html.lang,
      dir: html.dir,
    };
    const known = Object.entries(page).filter(([, v]) => v !== null && v !== undefined && v !== '');
    if (known.length) a.meta.page = Object.fromEntries(known);
  }

  // 0b. a tag, category or archive page lists other articles: it has no article of its own
  //     (HTML pages have their own test, by the page's structure: html/index-page)
  const listing = html ? null : listingUrl(a.url);
  if (listing) {
    a.rejected = reason('clean/index-page', 'drop-article', `the URL is a ${listing} page, not an article`, {
      evidence: { url: a.url ?? '' },
    });
    a.trace.push(a.rejected);
    return a;
  }

  const kept: Line[] = [];
  const seen = new Map<string, number>();
  // Inside a "related" or "tags" block, the short lines that follow belong to it.
  let block: 'related' | 'tags' | null = null;
  let prevLine = 0;
  for (const original of lines) {
    let l = original;
    const lastLine = prevLine;
    prevLine = l.line;
    // 2. template leaks; a scraper's " date 2025-09-17 " glued in front of the line is cut, the
    //    line stays ("date 2025-09-17 دبي في 17 سبتمبر /وام/ أعلنت …" is the lead)
    const dated = cutDateLeak(l.text);
    if (dated) {
      // a month alone ("2023-08") is no publication day
      if (dated.iso.length === 10) a.published ??= dated.iso;
      if (dated.rest === '') {
        drop(l, DATE_LEAK_RULE);
        continue;
      }
      note(DATE_LEAK_RULE, 'edit', `cut "date ${dated.iso}" out of line ${l.line}`, l.line);
      l = makeLine(dated.rest, l.line);
    }
    // a JSON wrapper's opening (`{ "ar": { "title": "…", "content": "`): its title is the page's
    const wrapped = jsonWrapperTitle(l.text);
    if (wrapped) {
      if (!a.title) {
        a.title = wrapped;
        note('clean/title', 'edit', `line ${l.line} is a JSON wrapper with the title`, l.line);
      }
      drop(l, TEMPLATE_LEAK_RULE);
      continue;
    }
    const leak = findTemplateLeaks(l.text);
    if (leak) {
      if (leak.rest === '') {
        drop(l, TEMPLATE_LEAK_RULE);
        continue;
      }
      note(TEMPLATE_LEAK_RULE, 'edit', `cut ${leak.placeholders.join(' ')} out of line ${l.line}`, l.line);
      l = makeLine(leak.rest, l.line);
    }
    // 3. boilerplate line rules: first match wins
    const hit = firstLineRule(l, (rule) => applies(rule, l));
    if (hit) {
      if (hit.rule === 'clean/byline' && !a.author) a.author = bylineAuthor(l.text);
      // the excerpt right above a "Read More" link is a teaser of that other article (nextlb.com)
      const prev = kept.at(-1);
      if (hit.rule === 'clean/read-more' && prev && prev.line === lastLine && !endsSentence(prev)) {
        kept.pop();
        seen.delete(prev.norm);
        drop(prev, 'clean/teaser');
      }
      drop(l, hit.rule, hit.message);
      continue;
    }
    const ts = timestampDate(l);
    if (ts) {
      a.published ??= ts;
      drop(l, 'clean/timestamp');
      continue;
    }
    // 4. related-articles blocks: "مقالات ذات صلة" then headline links
    const related = relatedHeading(l);
    if (related) {
      drop(l, 'clean/related');
      // above the article a bare heading is a section label ("أحدث الأخبار"): the headline under
      // it is the page's own, left to the title step (boldnews.net)
      block = related.rest === '' && kept.some((k) => looksLikeBody(k)) ? 'related' : null;
      continue;
    }
    if (tagHeading(l)) {
      drop(l, 'clean/tags');
      block = 'tags';
      continue;
    }
    if (block === 'tags' && l.words <= TAG_MAX_WORDS) {
      drop(l, 'clean/tags');
      continue;
    }
    // under a tags heading after the body, headlines are teasers of other articles (ultrairaq: "الكلمات المفتاحية")
    if (
      (block === 'related' || (block === 'tags' && kept.some((k) => looksLikeBody(k)))) &&
      headlineLike(l) &&
      applies('clean/related', l)
    ) {
      drop(l, 'clean/related');
      block = 'related';
      continue;
    }
    // a teaser's lede, cut off without a full stop, under its headline (daily8.com)
    if (block === 'related' && !endsSentence(l) && applies('clean/related', l)) {
      drop(l, 'clean/related');
      continue;
    }
    block = null;
    // 5. site boilerplate
    const site = opts.siteLines?.isBoilerplate(a.site, l.norm);
    if (site) {
      drop(l, 'clean/site-boilerplate');
      continue;
    }
    // 6. repeated paragraphs: keep the first copy
    const first = seen.get(l.norm);
    if (first !== undefined && applies('clean/repeated-paragraph', l)) {
      drop(l, 'clean/repeated-paragraph', `repeats line ${first}`);
      continue;
    }
    if (first === undefined) seen.set(l.norm, l.line);
    kept.push(l);
  }

  // 6a. excerpts cut off with an ellipsis, two or more on a page: teasers of other articles
  const cut = html ? [] : kept.filter((l) => l.words >= TEASER_MIN_WORDS && TEASER_CUT.test(l.text));
  if (cut.length >= TEASER_MIN_COUNT) {
    for (const l of cut) drop(l, 'clean/teaser', `one of ${cut.length} excerpts cut off with an ellipsis`);
    kept.splice(0, kept.length, ...kept.filter((l) => !cut.includes(l)));
  }

  // 6a'. a line in Latin letters only, of a sentence's length, on a page written in Arabic: an agency's English
  //      caption ("A handout picture provided by … shows President Michel Aoun …"), an embedded post
  const arabicLines = kept.filter((l) => ARABIC_LETTER.test(l.norm)).length;
  if (!html && arabicLines >= FOREIGN_MIN_ARABIC_SHARE * kept.length) {
    const foreign = kept.filter(
      (l) => l.words >= FOREIGN_LINE_MIN_WORDS && !ARABIC_LETTER.test(l.norm) && /[a-z]{3}/i.test(l.norm),
    );
    for (const l of foreign) drop(l, 'clean/foreign-line');
    if (foreign.length) kept.splice(0, kept.length, ...kept.filter((l) => !foreign.includes(l)));
  }

  // 6b. headline links after the last body paragraph ("الأكثر قراءة" lists without a heading,
  //     "المصدر" lines, next-article links): the article has ended. A lone last line of the
  //     document is the paragraph a cut-off page ends in ("وكان رئيس الوزراء مصطفى الكاظمي، غادر ال"),
  //     not a link: kept.
  const lastBody = kept.findLastIndex((l) => looksLikeBody(l));
  if (lastBody >= 0) {
    const tail = kept.slice(lastBody + 1);
    // a raw excerpt cut off mid-paragraph ends in a short line that is not a link; a parsed HTML page is whole
    const cutOff =
      !html && tail.length === 1 && tail[0].line === lines[lines.length - 1]?.line && !/[:|©]/.test(tail[0].norm);
    // …and so is the document's last line after other links when it reads as prose cut off: it opens with
    // the conjunction و ("وأضاف عبد العاطي: “الصراعات الإقليمية …") or runs CUT_PARAGRAPH_WORDS words
    // without a headline's end ("يبدأ الاتحاد حملة الدفاع عن لقبه بحلوله ضيفًا على ا")
    const last = lines[lines.length - 1];
    const cutProse = (l: Line) =>
      !html &&
      l.line === last?.line &&
      (/^و[\u0621-\u064a]{2,}/.test(l.norm) || (l.words >= CUT_PARAGRAPH_WORDS && !/[!?؟|©]/.test(l.text)));
    const trailing = (l: Line) => headlineLike(l) && !cutProse(l) && applies('clean/trailing-links', l);
    const links = cutOff ? [] : tail.filter(trailing);
    for (const l of links) drop(l, 'clean/trailing-links');
    if (links.length) kept.splice(lastBody + 1, tail.length, ...tail.filter((l) => !trailing(l)));
  }

  // 6c. a page of menus only: no paragraph, nothing longer than a menu item left, and many lines
  //     already taken as navigation ("خاص السومرية", "علم وعالم", "للنساء فقط" among "سياسة", "رياضة", …)
  let firstBody = kept.findIndex((l) => looksLikeBody(l));
  if (firstBody < 0 && kept.length > 0 && kept.every((l) => l.words <= MENU_PAGE_ITEM_MAX_WORDS && !endsSentence(l))) {
    let nav = 0;
    for (let i = before.removed; i < a.removed.length; i++) if (a.removed[i].rule === 'clean/navigation') nav++;
    if (nav >= MENU_PAGE_MIN_NAV && nav >= kept.length) {
      for (const l of kept) drop(l, 'clean/navigation');
      kept.length = 0;
      firstBody = -1;
    }
  }

  // 7. title: the page's own (HTML, JSONL) or a headline-shaped line above the first paragraph,
  //    scored on slug, repeats and position (title.ts); what sits above it is masthead.
  let body = kept;
  if (!a.title) {
    const count = (key: string) => lines.filter((l) => l.norm === key).length;
    const choice = titleChoice(body, count, a.url, html !== null);
    opts.onTitleChoice?.(choice, body);
    const pick = chooseTitle(choice, opts.titleModel);
    if (pick) {
      const t = body[pick.index];
      a.title = stripTitleSuffix(t.text);
      a.trace.push(
        reason('clean/title', 'edit', `line ${t.line} is the headline`, {
          place: { line: t.line },
          evidence: pick.evidence,
        }),
      );
      // above the headline: the site's name, menus and dates; a paragraph there stays body when it is the
      // story's lead printed above its headline (it shares the headline's words), else it is the teaser of
      // another story
      const restates = restatesStory(t, body.slice(pick.index + 1));
      const above = body.slice(0, pick.index).filter((l) => !looksLikeBody(l) || !restates(l));
      for (const l of above)
        if (looksLikeBody(l))
          drop(l, 'clean/teaser', 'a paragraph above the headline that restates neither it nor the story below');
        else drop(l, 'clean/masthead');
      body = body.filter((l, i) => i > pick.index || (i < pick.index && !above.includes(l)));
    } else if (firstBody > 0) {
      // No headline: short lines above the first paragraph are the site's name and section, but the one right
      // above it may be the credit ("الثبات ـ لبنان", "24 ساعةـمتابعة", "> زنجبار«الأيام» خاص:"): left to 7b
      const credit = (l: Line, i: number) =>
        looksLikeDateline(l.text) || (i === firstBody - 1 && headerCreditOf(l.text, true, a.url) !== null);
      const top = body
        .slice(0, firstBody)
        .filter((l, i) => (l.words <= MASTHEAD_MAX_WORDS || looksLikeMasthead(l.text)) && !credit(l, i));
      for (const l of top) drop(l, 'clean/masthead');
      body = body.filter((l) => !top.includes(l));
    }
  }
  // every copy of the headline goes: themes print it in the breadcrumb, the <h1> and the image's
  // alt ("المغرب الرياضي - الحكومة المحلية في البصرة …"); a lead that opens with it and goes on stays
  if (a.title) {
    const key = normalize(a.title).replace(/\s+/g, ' ').trim();
    const copies = body.filter((l) => isTitleCopy(l, key));
    for (const l of copies) drop(l, 'clean/title-copy');
    if (copies.length) body = body.filter((l) => !copies.includes(l));
  }

  // 7b. dateline: the credit line nearest above the first paragraph ("بغداد اليوم - بغداد"), else
  //     one glued to the lead ("وطنا اليوم:أجرى …"). Other short lines between the headline and
  //     the first paragraph are captions, bylines and dates: header furniture.
  const lead = body.findIndex((l) => looksLikeBody(l));
  const header = lead > 0 ? body.slice(0, lead) : body.slice(0, DATELINE_SEARCH_LINES);
  let di = -1;
  let credit: string | null = null;
  for (let i = header.length - 1; i >= 0 && di < 0; i--) {
    credit =
      datelineOf(header[i].text) ?? (lead > 0 ? headerCreditOf(header[i].text, i === header.length - 1, a.url) : null);
    if (credit) di = i;
  }
  const out = new Set<Line>();
  if (di >= 0) out.add(header[di]);
  // on parsed HTML the extractor has already pruned bylines and captions by their markup; a short line
  // above the lead there is the page's own subheading ("<h3>تناول وجبة كل ثلاث ساعات</h3>")
  if (lead > 0 && !html)
    for (const [i, l] of header.entries())
      if (i !== di && (l.words <= HEADER_MAX_WORDS || BULLET_RE.test(l.text)) && !BODY_END_RE.test(l.text.trim())) {
        drop(l, 'clean/header');
        out.add(l);
      } else if (i !== di && !looksLikeBody(l) && isCaption(l)) {
        // a longer caption closed by its credit: "فايز السراج يحضر مؤتمرا صحفيا في تونس … - رويترز"
        drop(l, 'clean/caption');
        out.add(l);
      }
  // …or a credit line right above a lead under a deck or a teaser ("لبانة: عبدالله الرحبي" under a highlight
  // sentence); there only a credit naming a place, an agency or the site itself counts
  let creditLine = di >= 0 ? header[di] : null;
  for (let j = lead + 1, seen = 1; lead >= 0 && !creditLine && j + 1 < body.length; j++) {
    if (looksLikeBody(body[j])) {
      if (++seen >= DATELINE_LEAD_PARAGRAPHS) break;
      continue;
    }
    const c = looksLikeBody(body[j + 1]) ? headerCreditOf(body[j].text, true, a.url) : null;
    if (c && namesPlaceAgencyOrSite(c, a.url)) [creditLine, credit] = [body[j], c];
  }
  if (creditLine) out.add(creditLine);
  body = body.filter((l) => !out.has(l));
  const paragraphs = body.map((l) => l.text);
  if (creditLine && credit) {
    a.dateline = credit;
    note('clean/dateline', 'edit', `line ${creditLine.line} is the dateline`, creditLine.line);
  } else {
    // the first paragraph, or the lead under a deck ("بغداد/ المسلة: أعلنت …" under "الوزارة بينت ان وحدات
    // التوليد الجديدة …"): past the first paragraph only a credit that is a dateline on its own (a place or
    // an agency) counts, as a site's name there may open a teaser
    // (paragraphs are counted as read: a title line left in the body or a caption above the lead is not one)
    for (let i = 0, seen = 0; i < paragraphs.length && seen < DATELINE_LEAD_PARAGRAPHS; i++) {
      if (looksLikeBody(body[i])) seen++;
      const inline = splitInlineDateline(paragraphs[i], a.url);
      if (!inline || (i > 0 && !namesPlaceOrAgency(inline.dateline))) continue;
      a.dateline = inline.dateline;
      paragraphs[i] = inline.rest;
      note('clean/dateline', 'edit', `"${inline.dateline}" opens the ${i ? 'lead' : 'first paragraph'}`, body[i].line);
      break;
    }
  }
  // 7c. a later paragraph opening with the site's own credit is the teaser of its next story
  //     ("بغداد اليوم – متابعة أكد …" under a story filed as "بغداد اليوم- بغداد")
  const outlet = a.dateline ? outletOf(a.dateline) : null;
  if (outlet)
    for (let i = paragraphs.length - 1; i >= 1; i--) {
      if (!body[i].norm.startsWith(outlet)) continue;
      const credit = splitInlineDateline(paragraphs[i], a.url)?.dateline;
      if (credit && outletOf(credit) === outlet) {
        drop(body[i], 'clean/teaser');
        paragraphs.splice(i, 1);
        body.splice(i, 1);
      }
    }

  // 7d. furniture by its shape and its neighbours' (line-model.ts): on a page with paragraphs only,
  //     never a line that reads as a paragraph itself
  const judged = new Set(body.filter((l) => judgedByShape(l, looksLikeBody(l))).map((l) => l.line));
  if (!html && judged.size && judged.size < body.length) {
    const features = lineFeatures(
      lines,
      lines.map((l) => looksLikeBody(l)),
      opts.onLineFeatures ? undefined : (i) => judged.has(lines[i].line),
    );
    opts.onLineFeatures?.(lines, features as number[][]);
    const at = new Map(lines.map((l, i) => [l.line, i]));
    const min = opts.lineDropProbability ?? LINE_DROP_PROBABILITY;
    for (let i = paragraphs.length - 1; i >= 0; i--) {
      const x = judged.has(body[i].line) ? features[at.get(body[i].line) ?? -1] : null;
      const p = x ? furnitureProbability(x, opts.lineModel) : 0;
      if (!x || p < min) continue;
      // the features that decided, with their weight: a learned decision names its evidence
      const evidence = { p: Number(p.toFixed(3)), ...furnitureEvidence(x, opts.lineModel) };
      drop(body[i], 'clean/furniture', DROP_MESSAGES['clean/furniture'], evidence);
      paragraphs.splice(i, 1);
      body.splice(i, 1);
    }
  }

  // 8. repairs
  const repaired: string[] = [];
  paragraphs.forEach((p, i) => {
    const stray = strayPunctuation(p);
    if (stray && repaired.length > 0) {
      repaired[repaired.length - 1] = repaired[repaired.length - 1].replace(/\s*$/, stray.punct);
      p = stray.rest;
      note(
        'clean/stray-punctuation',
        'edit',
        `moved "${stray.punct}" to the end of the previous paragraph`,
        body[i]?.line,
      );
    }
    const spaced = fixMissingSpace(p);
    if (spaced.count > 0) {
      note('clean/missing-space', 'edit', `added ${spaced.count} space(s) after punctuation`, body[i]?.line);
      p = spaced.text;
    }
    repaired.push(p);
  });
  const glued = splitGluedWords(repaired);
  for (const s of glued.splits) note('clean/glued-word', 'edit', `split ${s}`);
  a.paragraphs = glued.paragraphs;

  a.removed.sort((x, y) => (lineOf(x) ?? 0) - (lineOf(y) ?? 0));

  // 9. language, empty body
  const bodyText = a.paragraphs.join('\n');
  const counted = arabicShare(bodyText);
  a.lang = bodyText ? detectLang(bodyText, counted) : detectLang(a.raw.slice(0, 5000));
  // extracted HTML may be in any script (`--keep-non-arabic`): its letters are counted in all of them
  const bodyLetters = html ? letters(bodyText) : counted.letters;
  // 9b. never reject a real article page on its first candidate: an HTML page that came out empty
  //     or too short is cleaned again on the other extractor's block, when there is one.
  const thin = a.paragraphs.length === 0 || bodyLetters < MIN_BODY_LETTERS;
  if (thin && html?.alternative && !given) {
    const alt = html.alternative;
    a.trace.length = before.trace;
    a.removed.length = before.removed;
    Object.assign(a, { title: before.title, author: before.author }, was);
    a.trace.push(
      reason('html/other-candidate', 'note', `the first block left no body; cleaned the other (${alt.length} lines)`),
    );
    const next: HtmlExtract = {
      ...html,
      lines: alt.map((b) => b.text),
      linkShare: alt.map((b) => b.linkShare),
      alternative: null,
    };
    return cleanPass(a, opts, next);
  }
  const repeat = degenerate(a.paragraphs); // guards.ts: one word repeated is not an article
  if (a.paragraphs.length === 0) {
    a.rejected = reason('clean/empty-body', 'drop-article', 'no body text left after cleaning', {
      evidence: { removed: a.removed.length },
    });
  } else if (bodyLetters < MIN_BODY_LETTERS) {
    a.rejected = reason(
      'clean/too-short',
      'drop-article',
      `the body has ${bodyLetters} letter(s), fewer than ${MIN_BODY_LETTERS}: not an article (a truncated page or a caption)`,
      { evidence: { letters: bodyLetters } },
    );
  } else if (repeat) {
    a.rejected = repeat;
  } else if (a.lang !== 'ar' && !opts.keepNonArabic) {
    a.rejected = reason('clean/not-arabic', 'drop-article', `document language is ${a.lang}, not Arabic`, {
      evidence: { lang: a.lang },
    });
  }
  if (a.rejected) {
    a.trace.push(a.rejected);
  }
  return a;
}

/** The JSON line `khabar clean` writes for an article. */
export interface CleanRecord {
  id: string;
  source: string;
  url?: string | null;
  site?: string | null;
  title: string | null;
  dateline: string | null;
  published: string | null;
  author?: string | null;
  text: string;
  /** The dropped lines as Reasons: {rule, action: 'drop-line', message, place: {line}, text}. */
  removed: Reason[];
  edits: { rule: string; message: string }[];
  lang: string;
  chars_in: number;
  chars_out: number;
  [extra: string]: unknown;
}

export function cleanRecord(a: Article): CleanRecord {
  const text = a.paragraphs.join('\n\n');
  return {
    ...a.meta,
    id: a.id,
    source: a.source,
    url: a.url,
    site: a.site,
    title: a.title,
    dateline: a.dateline,
    published: a.published,
    author: a.author,
    text,
    removed: a.removed,
    edits: a.trace
      .filter((r) => r.action === 'edit' || r.action === 'note')
      .map((r) => ({ rule: r.rule, message: r.message })),
    lang: a.lang,
    chars_in: a.raw.length,
    chars_out: text.length,
  };
}

/** The crawler's cleaner (src/ingest/crawl takes it as an option, so ingest does not import clean). */
export const pageCleaner = { article: (a: Article) => cleanArticle(a), record: cleanRecord };
