/**
 * Evaluation of the cleaner against labelled pages, in either format:
 *   our own fixtures (test/fixtures/clean/gold.jsonl): {"raw","lines","body","title","dateline"}
 *   real pages (../shared/eval-dev/clean_real.jsonl, test/fixtures/real/clean/): the same plus
 *     "url", "site" and "ambiguous" (lines where either decision is acceptable).
 * Scoring follows eval-dev's README: body is a bag of normalized tokens over the body lines
 * (ambiguous lines left out of both sides), micro-averaged over pages; titles and datelines
 * are compared after normalization (NFKC, harakat and tatweel gone, alef/ya/ta-marbuta
 * folded, punctuation to spaces). A line the cleaner keeps counts with all its tokens, so a
 * dateline glued to the lead, split off by the cleaner, still counts as body, as labelled.
 */
import { newArticle } from '../../src/core/article.js';
import { cleanArticle, SiteLineIndex, splitLines, type CleanOptions } from '../../src/clean/index.js';
import type { Line } from '../../src/clean/line-rules.js';
import type { TitleChoice } from '../../src/clean/title-model.js';
import { normalize } from '../../src/text/normalize.js';

export interface GoldDoc {
  id?: string;
  url?: string | null;
  site?: string;
  raw: string;
  lines: string[];
  body: number[];
  title: string | null;
  dateline: string | null;
  ambiguous?: number[];
}

export interface Prediction {
  /** 0-based indexes of the lines predicted as body. */
  body: Set<number>;
  title: string | null;
  dateline: string | null;
  /** Why each dropped line went (0-based index → rule id), when known. */
  why?: Map<number, string>;
}

export interface CleanError {
  id: string;
  kind: 'kept-furniture' | 'lost-body' | 'title' | 'dateline';
  /** Furniture family, the rule that dropped a body line, or how a title/dateline was wrong. */
  group: string;
  detail: string;
}

export interface CleanScores {
  docs: number;
  precision: number;
  recall: number;
  f1: number;
  titleAccuracy: number;
  datelineAccuracy: number;
  /** Share of the pages that have a title (dateline) where it was found right. */
  titleFound: number;
  datelineFound: number;
  errors: CleanError[];
}

/** The comparison key of titles and datelines: normalized, punctuation to spaces. */
export function matchKey(s: string | null | undefined): string {
  return normalize(s ?? '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The comparison key of titles: matchKey without a trailing media tag ("… لمعرض الكتاب 2018 | صور",
 * "… (فيديو)"). eval-dev's labels keep the tag and our own labellers left it out; the headline is the
 * same either way, so neither side is penalised for it.
 */
export function titleKey(s: string | null | undefined): string {
  return matchKey(s).replace(/\s+(صور|فيديو|بالصور|بالفيديو)$/u, '');
}

function tokenBag(lines: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const l of lines) for (const t of matchKey(l).split(' ')) if (t) bag.set(t, (bag.get(t) ?? 0) + 1);
  return bag;
}

const placeLine = (p: unknown): number | null =>
  p && typeof p === 'object' && 'line' in p ? (p as { line: number }).line : null;

/** What khabar predicts for each page (documents of one site cleaned together, as `khabar clean` does). */
export function khabarPredictions(
  gold: GoldDoc[],
  opts: Pick<CleanOptions, 'titleModel' | 'lineModel' | 'lineDropProbability'> & {
    /** Each page's headline candidates, with the page's index (pages whose title came otherwise have none). */
    onTitleChoice?: (choice: TitleChoice, lines: Line[], page: number) => void;
    /** Each page's lines and furniture features, with the page's index (pages without paragraphs have none). */
    onLineFeatures?: (lines: Line[], features: number[][], page: number) => void;
  } = {},
): Prediction[] {
  const index = new SiteLineIndex();
  for (const g of gold)
    index.observe(
      g.site ?? null,
      splitLines(g.raw).map((l) => l.norm),
    );
  return gold.map((g, i) => {
    const id = g.id ?? `#${i + 1}`;
    const a = cleanArticle(newArticle({ id, source: id, raw: g.raw, site: g.site ?? null, url: g.url ?? null }), {
      titleModel: opts.titleModel,
      lineModel: opts.lineModel,
      lineDropProbability: opts.lineDropProbability,
      onTitleChoice: opts.onTitleChoice && ((c, lines) => opts.onTitleChoice?.(c, lines, i)),
      onLineFeatures: opts.onLineFeatures && ((lines, f) => opts.onLineFeatures?.(lines, f, i)),
      siteLines: index,
    });
    const why = new Map<number, string>();
    for (const r of a.removed) {
      const line = placeLine(r.place);
      if (line) why.set(line - 1, r.rule);
    }
    for (const r of a.trace) {
      const line = placeLine(r.place);
      if (line === null) continue;
      if (r.rule === 'clean/title' || (r.rule === 'clean/dateline' && r.message.startsWith('line ')))
        why.set(line - 1, r.rule);
    }
    const body = new Set<number>();
    if (!a.rejected) for (const l of splitLines(g.raw)) if (!why.has(l.line - 1)) body.add(l.line - 1);
    return { body, title: a.title, dateline: a.dateline, why };
  });
}

/** Baseline body: drop lines under 8 words and every line seen before on the page. Title: the
 *  first line of 4–25 words that does not end in a full stop. Dateline: none. */
export const BASELINE_MIN_WORDS = 8;
export function baselinePredictions(gold: GoldDoc[]): Prediction[] {
  return gold.map((g) => {
    const body = new Set<number>();
    const seen = new Set<string>();
    let title: string | null = null;
    g.lines.forEach((line, i) => {
      const key = matchKey(line);
      const words = key ? key.split(' ').length : 0;
      if (title === null && words >= 4 && words <= 25 && !/[.!?؟…]\s*$/.test(line.trim())) title = line.trim();
      if (words >= BASELINE_MIN_WORDS && !seen.has(key)) body.add(i);
      if (key) seen.add(key);
    });
    return { body, title, dateline: null };
  });
}

/** The form of a kept non-body line, so errors group by what kind of furniture slipped through. */
export function furnitureFamily(line: string, g: GoldDoc): string {
  const key = matchKey(line);
  const words = key ? key.split(' ').length : 0;
  if (g.title && key === matchKey(g.title)) return 'title copy';
  if (g.dateline && key.includes(matchKey(g.dateline))) return 'dateline';
  if (/\d/.test(key) && words <= 8 && (key.match(/\d+/g) ?? []).length >= 2) return 'date/time/number';
  if (/[a-z]/i.test(key) && !/\p{Script=Arabic}/u.test(key)) return 'latin chrome';
  if (words <= 4) return 'short label (≤4 words)';
  if (/(\.\.\.|…)\s*$/.test(line.trim())) return 'teaser cut with …';
  if (words <= 18 && !/[.!?؟]\s*$/.test(line.trim())) return 'headline-shaped';
  return 'prose (teaser, caption, promo)';
}

export function score(gold: GoldDoc[], preds: Prediction[]): CleanScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let titleOk = 0;
  let datelineOk = 0;
  let titled = 0;
  let titledOk = 0;
  let datelined = 0;
  let datelinedOk = 0;
  const errors: CleanError[] = [];
  gold.forEach((g, i) => {
    const id = g.id ?? `#${i + 1}`;
    const p = preds[i];
    const neutral = new Set(g.ambiguous ?? []);
    const truthLines = g.body.filter((j) => !neutral.has(j));
    const truth = tokenBag(truthLines.map((j) => g.lines[j]));
    const predicted = tokenBag([...p.body].filter((j) => !neutral.has(j)).map((j) => g.lines[j]));
    for (const [t, c] of predicted) {
      const m = Math.min(c, truth.get(t) ?? 0);
      tp += m;
      fp += c - m;
    }
    for (const [t, c] of truth) fn += Math.max(0, c - (predicted.get(t) ?? 0));
    const isBody = new Set(g.body);
    for (const j of [...p.body].sort((x, y) => x - y))
      if (!isBody.has(j) && !neutral.has(j))
        errors.push({
          id,
          kind: 'kept-furniture',
          group: furnitureFamily(g.lines[j], g),
          detail: `${j}: ${g.lines[j]}`,
        });
    for (const j of truthLines)
      if (!p.body.has(j))
        errors.push({ id, kind: 'lost-body', group: p.why?.get(j) ?? 'dropped', detail: `${j}: ${g.lines[j]}` });
    const wrong = (got: string | null, want: string | null) =>
      got === null ? 'missed' : want === null ? 'none wanted' : 'different';
    const titleRight = titleKey(p.title) === titleKey(g.title);
    const datelineRight = matchKey(p.dateline) === matchKey(g.dateline);
    if (g.title) titled++;
    if (g.title && titleRight) titledOk++;
    if (g.dateline) datelined++;
    if (g.dateline && datelineRight) datelinedOk++;
    if (titleRight) titleOk++;
    else
      errors.push({
        id,
        kind: 'title',
        group: wrong(p.title, g.title),
        detail: `got ${JSON.stringify(p.title)}, want ${JSON.stringify(g.title)}`,
      });
    if (datelineRight) datelineOk++;
    else
      errors.push({
        id,
        kind: 'dateline',
        group: wrong(p.dateline, g.dateline),
        detail: `got ${JSON.stringify(p.dateline)}, want ${JSON.stringify(g.dateline)}`,
      });
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return {
    docs: gold.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    titleAccuracy: titleOk / Math.max(1, gold.length),
    datelineAccuracy: datelineOk / Math.max(1, gold.length),
    titleFound: titledOk / Math.max(1, titled),
    datelineFound: datelinedOk / Math.max(1, datelined),
    errors,
  };
}

export function evaluateClean(gold: GoldDoc[]): CleanScores {
  return score(gold, khabarPredictions(gold));
}

/**
 * The negatives test: every labelled body line, cleaned alone as a one-line document, must
 * come out as body. Returns the lines that did not, with the rule that took them. A line the
 * cleaner rejects as a whole document (too short to be an article) is counted apart.
 */
export function bodyLinesAlone(gold: GoldDoc[]): {
  lines: number;
  dropped: { id: string; line: string; rule: string }[];
  rejected: { id: string; line: string; rule: string }[];
} {
  let lines = 0;
  const dropped: { id: string; line: string; rule: string }[] = [];
  const rejected: { id: string; line: string; rule: string }[] = [];
  gold.forEach((g, i) => {
    const id = g.id ?? `#${i + 1}`;
    const neutral = new Set(g.ambiguous ?? []);
    for (const j of g.body) {
      if (neutral.has(j) || g.lines[j].trim() === '') continue;
      lines++;
      const line = g.lines[j];
      const a = cleanArticle(newArticle({ id, source: id, raw: line, site: g.site ?? null }));
      const removed = a.removed[0]?.rule;
      if (removed) dropped.push({ id, line, rule: removed });
      else if (a.title !== null && a.paragraphs.length === 0) dropped.push({ id, line, rule: 'clean/title' });
      else if (a.rejected) rejected.push({ id, line, rule: a.rejected.rule });
    }
  });
  return { lines, dropped, rejected };
}
