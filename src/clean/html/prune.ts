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
  'script, style, noscript, template, iframe, button, select, input, textarea, svg, nav, aside, amp-ad, amp-sidebar, amp-social-share, ins';

/**
 * class/id tokens of chrome blocks. A token matches when it equals the word or
 * starts/ends with it around a '-' or '_' ("share-buttons", "td-post-sharing",
 * "related_posts"). Sources:
 *   share      Jannah `share-buttons`, Newspaper `td-post-sharing`, AddToAny `a2a_kit`, `social`
 *   related    Jannah `related-posts`, Newspaper `td-related-*`, `read-also`, `yarpp`, `jp-relatedposts`
 *   comments   WordPress `comments-area`, Blogger `comments`, Drupal `comment-wrapper`, `disqus_thread`
 *   ads        `adsbygoogle`, `ad-slot`, `advert`, `banner`, `sponsor`, Jannah `stream-item`
 *   captions   WordPress `wp-caption-text`, Drupal `field--name-field-image-caption`, `caption`
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
  'caption',
];
const CHROME_RE = new RegExp(`(^|[-_])(${CHROME_WORDS.map((w) => w.replace(/-/g, '[-_]')).join('|')})([-_]|$)`, 'i');
/** Containers that hold the article: never pruned even if a token matches ("post-content-ads-wrapper"). */
const CONTENT_RE =
  /(^|[-_])(entry-content|post-body|article-body|td-post-content|field--name-body|story-body|article-content|article-inner-content|article-text|story-content|post-content|news-content)([-_]|$)/i;
const CONTENT_SELECTOR =
  '.entry-content, .post-body, .article-body, .td-post-content, .field--name-body, .story-body, .article-content, .post-content, .news-content, article, [itemprop="articleBody"]';
/** A matched block holding this much text in <p> is content wrapped in an odd class, not chrome. */
export const KEEP_IF_PARAGRAPH_CHARS = 600;

/** How much text sits in the block's paragraphs. */
function paragraphChars(el: El): number {
  let n = 0;
  for (const p of el.getElementsByTagName('p')) n += (p.textContent ?? '').length;
  return n;
}

function isChrome(el: El, content: El[]): boolean {
  const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => CONTENT_RE.test(t))) return false;
  // schema.org's articleBody is the body, whatever its class says (jpost's "…-breaking-news").
  if (el.getAttribute('itemprop') === 'articleBody') return false;
  if (!tokens.some((t) => CHROME_RE.test(t))) return false;
  // Blogger wraps the whole post in `<div class="widget Blog">`: a block holding the body is not chrome.
  if (content.some((c) => el.contains(c))) return false;
  return paragraphChars(el) < KEEP_IF_PARAGRAPH_CHARS;
}

/** Removes chrome in place; returns how many elements went. */
export function pruneChrome(doc: Doc): number {
  let n = 0;
  for (const el of [...doc.querySelectorAll(DROP_TAGS)] as El[]) {
    el.remove();
    n++;
  }
  // A form is a search box or comment form, unless it wraps the page (ASP.NET's <form runat=server>).
  for (const el of [...doc.querySelectorAll('form')] as El[]) {
    if (el.parentNode && paragraphChars(el) < KEEP_IF_PARAGRAPH_CHARS) {
      el.remove();
      n++;
    }
  }
  const content = [...doc.querySelectorAll(CONTENT_SELECTOR)] as El[];
  for (const el of [...doc.querySelectorAll('[class], [id]')] as El[]) {
    if (el.parentNode && el.tagName !== 'BODY' && el.tagName !== 'HTML' && isChrome(el, content)) {
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
