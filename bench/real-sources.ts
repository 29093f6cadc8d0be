/**
 * Real text for `gen:dups --real` (bench/gen-dups-real.ts), read at run time from the labelled
 * development sets (../shared/eval-dev or $KHABAR_EVAL_DEV; never copied into the repository):
 *  - clean_real.jsonl: each page's body lines (the hand-labelled `body` indexes) are an article;
 *    its title and dateline are kept; the page's NON-body lines before and after the body are
 *    that site's furniture (menus, share widgets, related teasers), which copies get on top and bottom.
 *  - events_real.jsonl: each article's raw text with simple line filtering (lines of at least
 *    MIN_LINE_WORDS words, the title line dropped); its `story` is its family (same story,
 *    different article = a hard negative that shares people and places).
 * Paragraphs are split into sentences, the unit from which distinct source articles are recomposed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '../src/text/normalize.js';
import { words } from '../src/text/tokenize.js';

/** A real line shorter than this is page furniture, not prose (events_real is raw, uncleaned). */
export const MIN_LINE_WORDS = 8;
/** A sentence shorter than this is glued onto the one before it (a fragment after "د." or a list label). */
const MIN_SENTENCE_WORDS = 5;
/**
 * Furniture lines longer than this are left out: a copy carries the short lines a cleaner misses
 * (menus, share widgets, bylines, "اقرأ أيضا"), not whole teasers of other articles, which
 * khabar clean drops as related lists (the same bound as clean's MAX_CHROME_WORDS).
 */
const MAX_FURNITURE_WORDS = 14;

export interface RealArticle {
  id: string;
  site: string;
  title: string;
  /** The dateline that opens the lead, when the page shows one ("شفق نيوز- ذي قار"). */
  dateline: string | null;
  /** Paragraphs, each a list of sentences. */
  paras: string[][];
  /** Hard-negative family: the events_real story, or the article's own id. */
  family: string;
}

export interface SiteProfile {
  site: string;
  dateline: string | null;
  top: string[];
  bottom: string[];
}

export interface RealCorpus {
  articles: RealArticle[];
  sites: SiteProfile[];
  datelines: string[];
}

const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const nWords = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Sentences of a paragraph: split after . ! ? ؟ and a space; short fragments join the previous one. */
export function sentences(para: string): string[] {
  const out: string[] = [];
  for (const piece of para.split(/(?<=[.!?؟])\s+/)) {
    const s = piece.trim();
    if (!s) continue;
    if (out.length && nWords(s) < MIN_SENTENCE_WORDS) out[out.length - 1] += ' ' + s;
    else if (out.length && nWords(out[out.length - 1]) < MIN_SENTENCE_WORDS) out[out.length - 1] += ' ' + s;
    else out.push(s);
  }
  return out;
}

/** Normalized word key of a text (for sentence identity and overlap between real articles). */
export const normKey = (s: string) => words(normalize(s)).join(' ');

/**
 * Where the real text comes from: eval-dev (clean_real.jsonl and events_real.jsonl in `evalDev`)
 * and/or `pages`, files in clean_real's labelled format (test/fixtures/real/clean/pages.jsonl).
 */
export interface RealSourceFiles {
  evalDev?: string | null;
  pages?: string[];
}

export function loadRealCorpus(from: RealSourceFiles): RealCorpus {
  const articles: RealArticle[] = [];
  const sites: SiteProfile[] = [];
  const cleanFiles = [...(from.evalDev ? [join(from.evalDev, 'clean_real.jsonl')] : []), ...(from.pages ?? [])];
  for (const p of cleanFiles.flatMap(jsonl)) {
    const lines = p.lines as string[];
    const body = new Set(p.body as number[]);
    const ambiguous = new Set((p.ambiguous as number[] | null) ?? []);
    const title = typeof p.title === 'string' ? p.title : '';
    const dateline = typeof p.dateline === 'string' ? p.dateline : null;
    const idx = [...body].sort((a, b) => a - b);
    const furniture = (from: number, to: number) =>
      lines
        .slice(from, to)
        .map((l, i) => ({ l: l.trim(), i: from + i }))
        .filter(({ l, i }) => l && !body.has(i) && !ambiguous.has(i) && l !== title.trim())
        .map(({ l }) => l)
        .filter((l) => nWords(l) <= MAX_FURNITURE_WORDS);
    if (idx.length) {
      sites.push({
        site: String(p.site),
        dateline,
        top: furniture(0, idx[0]),
        bottom: furniture(idx.at(-1)! + 1, lines.length),
      });
    }
    const paras = idx
      .map((i) => lines[i].trim())
      .filter(Boolean)
      .map(sentences);
    if (paras.length)
      articles.push({ id: String(p.id), site: String(p.site), title, dateline, paras, family: String(p.id) });
  }
  for (const e of from.evalDev ? jsonl(join(from.evalDev, 'events_real.jsonl')) : []) {
    const title = typeof e.title === 'string' ? e.title : '';
    const paras = String(e.raw)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => nWords(l) >= MIN_LINE_WORDS && normKey(l) !== normKey(title))
      .map(sentences);
    if (paras.length)
      articles.push({
        id: String(e.id),
        site: String(e.site),
        title,
        dateline: null,
        paras,
        family: `story:${e.story}`,
      });
  }
  const datelines = [...new Set(sites.map((s) => s.dateline).filter((d): d is string => !!d))];
  return { articles, sites: sites.filter((s) => s.top.length + s.bottom.length >= 2), datelines };
}
