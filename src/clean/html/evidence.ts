/**
 * What the cleaner may do to lines that came out of HTML extraction. The line rules
 * in src/clean were written for raw scraped text, where a menu, a related-headline
 * list and the article are all flat lines and only their wording tells them apart.
 * Lines from the extractor are different: Readability (or the densest block) has
 * already isolated the article, and the page says which text was a link. On the
 * public article-extraction benchmark (181 real pages) the raw-text rules dropped 344
 * lines of real body as `no-text` (Cyrillic, Hangul: not Arabic or Latin letters),
 * 175 as `repeated-paragraph` (recipe steps, list items printed twice on purpose) and
 * 148 as `trailing-links` (a closing credit, a numbered list): so on HTML those rules
 * need the page's own evidence.
 */

/** A line whose letters are at least this share link text is a link ("اقرأ أيضا" headlines,
 *  a menu). Body paragraphs with a link or two sit far below (0.05–0.3). */
export const LINK_LINE_SHARE = 0.5;

/** After the last body paragraph a headline-shaped line with this much link text is a promotion or
 *  next-article link: "تابع أحدث الأخبار عبر تطبيق <a>صوت القاهرة على جوجل نيوز</a>" is 0.48 link. */
export const TRAILING_LINK_SHARE = 0.3;

/** Rules that speak of a line's shape rather than its words, and need the HTML's evidence:
 *  on an HTML line they fire only when the line was a link on the page. */
const LINK_EVIDENCE_RULES = new Set(['clean/repeated-paragraph', 'clean/related']);

const ARABIC = /[\u0621-\u064a\u0671-\u06d3]/;
/** Any letter of any script: a Russian or Korean paragraph has text (unlike the raw-text rule's test). */
const ANY_LETTER = /\p{L}/u;

/**
 * Whether `rule` may drop this line of extracted HTML. `linkShare` is the share of the
 * line's letters that sat inside <a> elements.
 *   no-text      only when the line has no letter in any script ("•••", "|", "12")
 *   navigation   Arabic section-name vocabulary: only on a line with Arabic letters, or a link line
 *                (an English "1) Lego Star Wars 75188 / …" list item is not a menu)
 *   repeated-paragraph, related: only on link lines; trailing-links: on lines partly links
 */
export function htmlRuleApplies(rule: string, text: string, linkShare: number): boolean {
  const link = linkShare >= LINK_LINE_SHARE;
  if (rule === 'clean/no-text') return !ANY_LETTER.test(text);
  if (rule === 'clean/navigation') return link || ARABIC.test(text);
  if (rule === 'clean/trailing-links') return linkShare >= TRAILING_LINK_SHARE;
  if (LINK_EVIDENCE_RULES.has(rule)) return link;
  return true;
}

/** Letters of any script, for the cleaner's too-short test on extracted HTML. */
export function letters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}
