/**
 * A user's search box → an FTS5 MATCH expression, built so that FTS5 never
 * sees raw user syntax. The query is normalized exactly as the indexed text is
 * (normalize(…, ARABIC_MATCH)), so "حلف شمال الاطلسي" matches "حلف شمال الأطلسي".
 *
 * Accepted: words (all must match), "a phrase", OR between terms, a trailing *
 * for a prefix, and -word to exclude. Anything else is a word. Errors are
 * KHB_BAD_QUERY with a sentence saying what is wrong.
 */
import { khabarError } from '../../core/errors.js';
import { normalize } from '../../text/normalize.js';
import { words } from '../../text/tokenize.js';

/** Longest query we accept: a search box, not a document. */
export const MAX_QUERY_CHARS = 500;
/** More terms than this is a pasted paragraph; FTS5 would still run it, slowly. */
export const MAX_QUERY_TERMS = 32;
/** A prefix shorter than this matches half the index. */
export const MIN_PREFIX_CHARS = 2;

type Part = { kind: 'term'; fts: string; negated: boolean } | { kind: 'or' };

const quote = (tokens: string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

function termOf(raw: string, phrase: boolean): string | null {
  const prefix = !phrase && raw.endsWith('*');
  const tokens = words(normalize(prefix ? raw.slice(0, -1) : raw));
  if (tokens.length === 0) return null;
  if (prefix) {
    if (tokens.join('').length < MIN_PREFIX_CHARS)
      throw khabarError(
        'KHB_BAD_QUERY',
        `prefix "${raw}" is too short (at least ${MIN_PREFIX_CHARS} letters before *)`,
      );
    return `${quote(tokens)}*`;
  }
  return quote(tokens);
}

function lex(q: string): Part[] {
  const parts: Part[] = [];
  const re = /(-?)"([^"]*)"|(\S+)/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    if (m[3] !== undefined) {
      const w = m[3];
      if (w === 'OR' || w === '|') {
        parts.push({ kind: 'or' });
        continue;
      }
      if (w === 'AND' || w === 'NOT')
        throw khabarError(
          'KHB_BAD_QUERY',
          `"${w}" is not supported: words are joined with AND already; use -word to exclude`,
        );
      const negated = w.startsWith('-') && w.length > 1;
      const fts = termOf(negated ? w.slice(1) : w, false);
      if (fts) parts.push({ kind: 'term', fts, negated });
      continue;
    }
    const fts = termOf(m[2], true);
    if (fts) parts.push({ kind: 'term', fts, negated: m[1] === '-' });
  }
  return parts;
}

/** Builds the FTS5 expression, or throws KHB_BAD_QUERY. */
export function toFtsQuery(input: string): string {
  const q = input.trim();
  // 1. shape checks on the raw text
  if (q === '') throw khabarError('KHB_BAD_QUERY', 'the query is empty');
  if (q.length > MAX_QUERY_CHARS)
    throw khabarError('KHB_BAD_QUERY', `the query is longer than ${MAX_QUERY_CHARS} characters`);
  if ((q.match(/"/g)?.length ?? 0) % 2 === 1)
    throw khabarError('KHB_BAD_QUERY', 'unbalanced quote: a phrase needs a closing "');
  // 2. terms and operators
  const parts = lex(q);
  const terms = parts.filter((p) => p.kind === 'term');
  if (terms.length === 0) throw khabarError('KHB_BAD_QUERY', 'no searchable words in the query');
  if (terms.length > MAX_QUERY_TERMS) throw khabarError('KHB_BAD_QUERY', `more than ${MAX_QUERY_TERMS} terms`);
  parts.forEach((p, i) => {
    if (p.kind !== 'or') return;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (!before || !after || before.kind !== 'term' || after.kind !== 'term' || before.negated || after.negated)
      throw khabarError('KHB_BAD_QUERY', '"OR" needs a word on both sides');
  });
  // 3. groups: runs joined by OR become one (a OR b) group; groups are ANDed; negated terms go last
  const groups: string[] = [];
  const negated: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind !== 'term') continue;
    if (p.negated) {
      negated.push(p.fts);
      continue;
    }
    const alts = [p.fts];
    while (parts[i + 1]?.kind === 'or') {
      alts.push((parts[i + 2] as { fts: string }).fts);
      i += 2;
    }
    groups.push(alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0]);
  }
  if (groups.length === 0) throw khabarError('KHB_BAD_QUERY', 'a query cannot only exclude words');
  const positive = groups.length === 1 ? groups[0] : `(${groups.join(' AND ')})`;
  if (negated.length) return `${positive} NOT (${negated.join(' OR ')})`;
  return groups.join(' AND ');
}
