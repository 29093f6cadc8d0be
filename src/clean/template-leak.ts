/**
 * Template leaks: placeholders a CMS failed to render, e.g. `{{ article.visit_count }}`
 * (seed 003), `{% endblock %}`, `${author}`, `[[caption]]`, `<%= views %>`, `%%TITLE%%`, and markup
 * scrapers leave in text: WordPress `[caption id="…"]…[/caption]`, `<img src="…">`, Reuters'
 * `reuters_tickers`, a literal `\n`.
 * A line that is only placeholders is dropped; a placeholder inside a body
 * sentence is cut out of it (an edit with its own reason), and the sentence stays.
 */
export const TEMPLATE_LEAK_RULE = 'clean/template-leak';
/** A line keeps its text only if at least three words remain around the placeholder. */
export const LEAK_MIN_REST_WORDS = 3;

// Each alternative is one template language's delimiters.
const PLACEHOLDER =
  /\{\{[^{}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}|\$\{[^{}\n]{0,200}\}|\[\[[^[\]\n]{0,200}\]\]|<%=?[^%\n]{0,200}%>|%%[A-Za-z_]{1,40}%%|\{\$[A-Za-z_][\w.]{0,60}\}|\b__[A-Z][A-Z_]{2,40}__\b|\[object Object\]|\[\/?caption[^\]\n]{0,300}\]|<\/?(?:img|a|p|div|span|br|strong|em|b|i|figure|figcaption|iframe|script|style)\b[^<>\n]{0,500}>|\breuters_tickers\b|\\n/g;

/** Whole-line leftovers of a failed render: "undefined", "NaN", "null". */
const BARE_LEFTOVER = /^(undefined|NaN|null|\[object Object\])$/;

export interface LeakResult {
  /** The line with placeholders removed (whitespace tidied), or '' when nothing else was left. */
  rest: string;
  placeholders: string[];
}

export function findTemplateLeaks(line: string): LeakResult | null {
  if (BARE_LEFTOVER.test(line.trim())) return { rest: '', placeholders: [line.trim()] };
  if (!/[{[$<%_o\\]/.test(line)) return null;
  const placeholders = line.match(PLACEHOLDER);
  if (!placeholders) return null;
  const rest = line
    .replace(PLACEHOLDER, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([.,،؛:!؟])/g, '$1')
    .trim();
  // What is left is only a label ("{{ post.views }} مشاهدة" → "مشاهدة"): the placeholder
  // was the content, so the whole line goes.
  const words = rest.split(/\s+/).filter((w) => /[\p{L}]/u.test(w)).length;
  return { rest: words >= LEAK_MIN_REST_WORDS ? rest : '', placeholders };
}

/** A scraper's metadata field left in front of the text: " date 2025-09-28 وزير الإعلام السوري يزور …",
 *  also with the month only: "date 2023-08 هلال سلمان- جدة". */
export const DATE_LEAK_RULE = 'clean/date-leak';
const DATE_LEAK = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:[T ][\d:.+Z-]*)?\s*/i;

/** The leaked date (ISO: a day, or a month "2023-08") and what follows it, or null when the line does not open with one. */
export function cutDateLeak(line: string): { iso: string; rest: string } | null {
  // this runs on every line: one character decides for almost all of them
  const c = line.charCodeAt(0);
  if (c !== 100 && c !== 68 && !(c <= 32 && /^\s*date\s/i.test(line))) return null;
  const m = DATE_LEAK.exec(line);
  return m ? { iso: m[1], rest: line.slice(m[0].length).trim() } : null;
}

/** A JSON wrapper printed in front of the text: `{ "ar": { "title": "حملة … في يومها الأول", "content": "`. */
const JSON_TITLE =
  /^\{\s*(?:"[\w-]+"\s*:\s*\{\s*)*"title"\s*:\s*"((?:[^"\\]|\\.){3,300})"\s*,?\s*(?:"[\w-]+"\s*:\s*"?\s*)?$/;

/** The title a leaked JSON wrapper line carries, or null. */
export function jsonWrapperTitle(line: string): string | null {
  if (!line.startsWith('{') || !line.includes('"title"')) return null;
  const m = JSON_TITLE.exec(line.trim());
  return m ? m[1].replace(/\\(.)/g, '$1').trim() : null;
}
