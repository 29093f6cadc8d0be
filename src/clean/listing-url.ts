/**
 * Is a URL a listing of other articles (a tag, category, section, search or date archive page) rather than one
 * article? Such a page has no article of its own (`clean/index-page`), whatever its text looks like.
 */
/** Path segments that open a listing of other articles: "/tag/العالم-المنتصر", "/category/sport/page/3",
 *  after a language or section prefix ("/newspaper/tag/شعراء"), with a tag's id before its name
 *  ("/tag/1551/مؤشر-الدولار") and a page number, bare or not ("/tag/صينية/4"). A listing names its tag: a
 *  bare number there is an article's ("/news/topic/9058" on barran.press, "/Topic/1000293" on syrianmasah.net).
 *  Joomla's K2 puts two segments before it: "/وطنية/itemlist/tag/وكالة". */
const LISTING_PATH =
  /^\/(?:[^/]+\/){0,2}(tag|tags|category|categories|section|keyword|keywords|topic|topics|author|search)\/(?:\d+\/)?[^/]*[^\d/][^/]*\/?((page\/)?\d+\/?)?$/i;
/** A listing script with its query: "/tags.php?t=وباء", "/category.php?id=4". */
const LISTING_SCRIPT = /^\/(tag|tags|category|categories|search|keyword|keywords)\.(php|aspx?|jsp)$/i;

/** An old CMS's listing file: "/category-407-29.html" (category 407, page 29), "/section-12.html", "/tag-5.php". */
const LISTING_FILE = /^\/(?:[^/]+\/)?(tag|tags|category|section|topic|keyword)-\d+(?:-\d+)?\.(?:html?|php|aspx?)$/i;

/** What kind of listing a URL names ("tag", "page 1262 of a section"), or null for an article's URL. */
export function listingUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // WordPress's "?random-post=1" (Jannah, Newspaper themes) redirects a listing's address to one article
  if (u.searchParams.has('random-post')) return null;
  // WordPress's query forms of a tag or category listing: "/?tag=الميمونه", "/?cat=12"
  if (u.pathname === '/' && (u.searchParams.get('tag') || /^\d+$/.test(u.searchParams.get('cat') ?? '')))
    return u.searchParams.get('tag') ? 'tag' : 'category';
  const path = decodeURIComponent(u.pathname);
  const m = LISTING_PATH.exec(path) ?? LISTING_FILE.exec(path) ?? (u.search ? LISTING_SCRIPT.exec(path) : null);
  if (m) return m[1].toLowerCase();
  // Drupal's term pages ("/taxonomy/term/14130") and WordPress's date archives ("/?m=20230704",
  // "/2023/07/", "/2023/07/04/"): lists of a topic's or a day's articles
  if (/^\/(?:[a-z]{2}\/)?taxonomy\/term\/\d+\/?$/i.test(path)) return 'taxonomy term';
  if (/^\d{6,8}$/.test(u.searchParams.get('m') ?? '') || /^\/\d{4}\/\d{2}(\/\d{2})?\/?$/.test(path))
    return 'date archive';
  // "/Arab-and-world?page=1262", "/news/page/4": the n-th page of a section, unless the path names an
  // article by its headline: "/تسلمت-دعوة-لاجتماع-يخص-العراق-…/الترا-عراق/أخبار?page=1" (ultrairaq)
  const page = u.searchParams.get('page') ?? /\/page\/(\d+)\/?$/.exec(path)?.[1];
  if (!page || !/^\d+$/.test(page)) return null;
  return path.split('/').some(isHeadlineSlug) ? null : `page ${page} of a section`;
}

/** A section's name is one to three words ("Arab-and-world", "اخبار-محلية"); a headline slug is longer. */
const SLUG_MIN_WORDS = 5;
const isHeadlineSlug = (segment: string): boolean =>
  segment.split(/[-_\s\u00a0]+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= SLUG_MIN_WORDS;
