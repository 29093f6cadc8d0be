/**
 * Titles carry the site's name: "الكاظمي يصل إلى بروكسل - بغداد 24",
 * "ارتفاع أسعار الذهب | الشرق", "موقع الخبر :: عاجل: زلزال في تركيا".
 * The suffix (or prefix) is cut when it is the site name, or when the page's
 * h1 is the rest of the title.
 */
import { normalize } from '../../text/normalize.js';

/** Separators themes put between headline and site name (Yoast's %%sep%% choices). */
const SEPARATOR = /\s+[-–—|:»«·•]{1,2}\s+|\s*[|»«]\s*/;
/** A site name is short: "بغداد 24", "اليوم السابع", "الشرق الأوسط" — at most 5 words. */
export const MAX_SITE_NAME_WORDS = 5;

const key = (s: string) => normalize(s).replace(/\s+/g, ' ').trim();

export function stripSiteName(title: string, ctx: { siteName?: string | null; h1?: string | null }): string {
  const t = title.replace(/\s+/g, ' ').trim();
  // 1. the h1 is inside the title: the h1 is the headline
  if (ctx.h1 && ctx.h1.length >= 10 && key(t) !== key(ctx.h1) && key(t).includes(key(ctx.h1))) return ctx.h1.trim();
  const parts = t.split(SEPARATOR);
  if (parts.length < 2) return t;
  // 2. the first or last part is the site name
  const site = ctx.siteName ? key(ctx.siteName) : null;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (site && key(last) === site) return t.slice(0, t.lastIndexOf(last)).replace(SEPARATOR_END, '').trim();
  if (site && key(first) === site) return t.slice(first.length).replace(SEPARATOR_START, '').trim();
  // 3. a short last part after a "-"/"|" separator, with a longer headline before it
  const words = (s: string) => s.trim().split(/\s+/).length;
  if (
    parts.length === 2 &&
    words(last) <= MAX_SITE_NAME_WORDS &&
    words(first) > words(last) * 2 &&
    /[|»]| [-–—] /.test(t)
  )
    return first.trim();
  // 4. old CMSs put the site first: "الوطن أونلاين :: أمطار غزيرة على عسير" ('::', '|', '»' only:
  //    "بغداد - …" is a dateline-style headline and stays whole)
  if (
    parts.length === 2 &&
    words(first) <= MAX_SITE_NAME_WORDS &&
    words(last) > words(first) * 2 &&
    /\s(::|\||»)\s/.test(t)
  )
    return last.trim();
  return t;
}

const SEPARATOR_END = /[\s\-–—|:»«·•]+$/;
const SEPARATOR_START = /^[\s\-–—|:»«·•]+/;
