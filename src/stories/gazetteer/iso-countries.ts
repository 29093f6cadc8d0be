/**
 * Every country's Arabic name from i18n-iso-countries (its bundled `langs/ar.json`, ISO 3166-1 codes), so the
 * gazetteer knows أوروغواي and بوتان without a hand-written row. The hand rows in countries.ts stay the
 * authority for the names Arab newsrooms use and for nisba adjectives (عراقي); the package adds the rest and
 * its spellings as aliases of the same key ('country:<iso2>'). Bundled data, read once, nothing downloaded.
 */
import { createRequire } from 'node:module';
import type { GazetteerEntry } from './types.js';

/**
 * Package names that are everyday words or another place, never aliases on their own:
 *   "مالي" is "financial" ("الوضع المالي"), "عمان" is also Amman (the hand row says "سلطنة عمان"),
 *   "بنين" (Benin) is "boys" ("مدرسة بنين").
 */
const NOT_ALIASES = new Set(['مالي', 'عمان', 'عُمان', 'بنين']);

interface CountryNames {
  countries: Record<string, string | string[]>;
}

function packageNames(): CountryNames {
  const require = createRequire(import.meta.url);
  return require('i18n-iso-countries/langs/ar.json') as CountryNames;
}

/** The hand entries, extended with the package's Arabic names (as aliases) and its countries they lack. */
export function withIsoCountries(hand: GazetteerEntry[]): GazetteerEntry[] {
  const byKey = new Map(hand.map((e) => [e.key, { ...e, aliases: [...(e.aliases ?? [])] }]));
  for (const [code, value] of Object.entries(packageNames().countries)) {
    const names = (Array.isArray(value) ? value : [value]).filter((n) => !NOT_ALIASES.has(n));
    if (!names.length) continue;
    const key = `country:${code.toLowerCase()}`;
    const e = byKey.get(key);
    if (e) {
      for (const n of names) if (n !== e.name && !e.aliases.includes(n)) e.aliases.push(n);
    } else byKey.set(key, { key, type: 'country', name: names[0], aliases: names.slice(1) });
  }
  return [...byKey.values()];
}
