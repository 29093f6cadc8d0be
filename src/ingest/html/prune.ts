/**
 * Page chrome removed from the DOM before main-content extraction, by tag and by
 * class/id token. Heuristics are data: each pattern names the themes that need it.
 * Readability already skips most chrome by link density; these are the blocks that
 * sit *inside* the article container on Arabic sites and survive it (Jannah's share
 * bar under the title, Newspaper's inline "اقرأ أيضا" box, Blogger's post-footer).
 */
type Doc = ReturnType<typeof import('linkedom').parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;

/** Never content. `header`/`footer` are left in place: AMP and Drupal wrap the title in them. */
const DROP_TAGS =
  'script, style, noscript, template, iframe, form, button, select, input, textarea, svg, nav, aside, amp-ad, amp-sidebar, amp-social-share, ins';

/**
 * class/id tokens of chrome blocks. A token matches when it equals the word or
 * starts/ends with it around a '-' or '_' ("share-buttons", "td-post-sharing",
 * "related_posts"). Sources:
 *   share      Jannah `share-buttons`, Newspaper `td-post-sharing`, AddToAny `a2a_kit`, `social`
 *   related    Jannah `related-posts`, Newspaper `td-related-*`, `read-also`, `yarpp`, `jp-relatedposts`
 *   comments   WordPress `comments-area`, Blogger `comments`, Drupal `comment-wrapper`, `disqus_thread`
 *   ads        `adsbygoogle`, `ad-slot`, `advert`, `banner`, `sponsor`, Jannah `stream-item`
 *   widgets    `sidebar`, `widget`, `breadcrumb`, `newsletter`, `tags`, `post-tags`, Newspaper `td-category`
 */
const CHROME_WORDS = [
  'share',
  'sharing',
  'social',
  'a2a',
  'addtoany',
  'sharedaddy',
  'related',
  'relatedposts',
  'read-also',
  'readalso',
  'yarpp',
  'more-news',
  'also',
  'comment',
  'comments',
  'disqus',
  'respond',
  'ad',
  'ads',
  'adsbygoogle',
  'advert',
  'advertisement',
  'banner',
  'sponsor',
  'sponsored',
  'stream-item',
  'dfp',
  'sidebar',
  'widget',
  'breadcrumb',
  'breadcrumbs',
  'newsletter',
  'subscribe',
  'tags',
  'tagcloud',
  'post-tags',
  'menu',
  'navbar',
  'navigation',
  'pagination',
  'post-navigation',
  'prev-next',
  'author-box',
  'about-author',
  'cookie',
  'popup',
  'modal',
  'print',
  'whatsapp',
  'telegram',
  'most-read',
  'popular',
  'trending',
  'ticker',
  'breaking-news',
];
const CHROME_RE = new RegExp(`(^|[-_])(${CHROME_WORDS.map((w) => w.replace(/-/g, '[-_]')).join('|')})([-_]|$)`, 'i');
/** Containers that hold the article: never pruned even if a token matches ("post-content-ads-wrapper"). */
const CONTENT_RE =
  /(^|[-_])(entry-content|post-body|article-body|td-post-content|field--name-body|story-body|article-content|post-content|news-content)([-_]|$)/i;
const CONTENT_SELECTOR =
  '.entry-content, .post-body, .article-body, .td-post-content, .field--name-body, .story-body, .article-content, .post-content, .news-content, article';
/** A matched block holding this much text in <p> is content wrapped in an odd class, not chrome. */
export const KEEP_IF_PARAGRAPH_CHARS = 600;

function isChrome(el: El): boolean {
  const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => CONTENT_RE.test(t))) return false;
  if (!tokens.some((t) => CHROME_RE.test(t))) return false;
  // Blogger wraps the whole post in `<div class="widget Blog">`: a block holding the body is not chrome.
  if (el.querySelector(CONTENT_SELECTOR)) return false;
  let pChars = 0;
  for (const p of el.querySelectorAll('p')) pChars += (p.textContent ?? '').length;
  return pChars < KEEP_IF_PARAGRAPH_CHARS;
}

/** Removes chrome in place; returns how many elements went. */
export function pruneChrome(doc: Doc): number {
  let n = 0;
  for (const el of [...doc.querySelectorAll(DROP_TAGS)] as El[]) {
    el.remove();
    n++;
  }
  for (const el of [...doc.querySelectorAll('[class], [id]')] as El[]) {
    if (el.parentNode && el.tagName !== 'BODY' && el.tagName !== 'HTML' && isChrome(el)) {
      el.remove();
      n++;
    }
  }
  for (const el of [...doc.querySelectorAll('[hidden], [aria-hidden="true"]')] as El[]) {
    el.remove();
    n++;
  }
  return n;
}
