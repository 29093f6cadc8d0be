/**
 * Document language, enough to tell Arabic news from the rest: the share of
 * Arabic letters, then for Latin-script text a stop-word vote (en/fr).
 */
import { arabicShare } from '../text/tokenize.js';

/** An Arabic article quotes English names and acronyms (NATO, COVID-19): half its letters Arabic is plenty. */
export const MIN_ARABIC_SHARE = 0.5;

const EN = /\b(the|and|of|to|in|is|that|for|with|on|was|said)\b/gi;
const FR = /\b(le|la|les|et|des|du|un|une|est|dans|pour|que|qui|sur)\b/gi;

export function detectLang(text: string, counted = arabicShare(text)): string {
  const { share, letters } = counted;
  if (letters === 0) return 'und';
  if (share >= MIN_ARABIC_SHARE) return 'ar';
  const en = text.match(EN)?.length ?? 0;
  const fr = text.match(FR)?.length ?? 0;
  if (en === 0 && fr === 0) return 'und';
  return en >= fr ? 'en' : 'fr';
}
