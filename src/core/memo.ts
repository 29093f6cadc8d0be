/**
 * A pure function of one word, remembered: news repeats its words, and the clusterer asks the same
 * questions of each (its normalized form, its clitic-free forms, its stem, its name skeleton) for every
 * token of every article. The answers never change, so remembering them changes nothing but the time;
 * the table is emptied when it holds `max` words, so memory stays bounded on any stream.
 */
export function memoWord<T>(f: (word: string) => T, max = MEMO_WORDS): (word: string) => T {
  const seen = new Map<string, T>();
  return (word) => {
    let v = seen.get(word);
    if (v === undefined) {
      if (seen.size >= max) seen.clear();
      v = f(word);
      seen.set(word, v);
    }
    return v;
  };
}

/** Distinct words remembered per function: a year of a large feed has ~300 000; each costs ~100 bytes. */
export const MEMO_WORDS = 200_000;
