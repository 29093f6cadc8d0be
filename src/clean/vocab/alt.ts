/** Escapes a literal for a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Joins a word list into one alternation, longest first so "عربي ودولي" wins over
 * "عربي". Throws on an empty list: a rule with no vocabulary is a bug, not a no-op.
 */
export function alt(...lists: readonly (readonly string[])[]): string {
  const all = [...new Set(lists.flat())].filter(Boolean).sort((a, b) => b.length - a.length);
  if (all.length === 0) throw new Error('alt(): empty vocabulary');
  return all.map(escapeRe).join('|');
}
