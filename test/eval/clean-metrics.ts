/**
 * Line-level evaluation of the cleaner against a gold set:
 * {"raw", "lines": [...], "body": [0-based indexes of body lines], "title", "dateline"}.
 * Body lines predicted = input lines the cleaner kept, minus the title line and a
 * standalone dateline line (both recorded in the trace with their line number).
 */
import { newArticle } from '../../src/core/article.js';
import { cleanArticle, SiteLineIndex, splitLines } from '../../src/clean/index.js';

export interface GoldDoc {
  id?: string;
  site?: string;
  raw: string;
  lines: string[];
  body: number[];
  title: string | null;
  dateline: string | null;
}

export interface CleanScores {
  docs: number;
  precision: number;
  recall: number;
  f1: number;
  titleAccuracy: number;
  datelineAccuracy: number;
  errors: { id: string; kind: string; detail: string }[];
}

const placeLine = (p: unknown): number | null =>
  p && typeof p === 'object' && 'line' in p ? (p as { line: number }).line : null;

export function evaluateClean(gold: GoldDoc[]): CleanScores {
  // Documents of one site are cleaned together, as `khabar clean` does (cross-document rule).
  const index = new SiteLineIndex();
  for (const g of gold)
    index.observe(
      g.site ?? null,
      splitLines(g.raw).map((l) => l.norm),
    );
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let titleOk = 0;
  let datelineOk = 0;
  const errors: CleanScores['errors'] = [];
  for (const [i, g] of gold.entries()) {
    const id = g.id ?? `#${i + 1}`;
    const a = cleanArticle(newArticle({ id, source: id, raw: g.raw, site: g.site ?? null }), { siteLines: index });
    const nonEmpty = splitLines(g.raw).map((l) => l.line);
    const out = new Set<number>(a.removed.map((r) => r.line ?? -1));
    for (const r of a.trace) {
      const line = placeLine(r.place);
      if (line === null) continue;
      if (r.rule === 'clean/title' || (r.rule === 'clean/dateline' && r.message.startsWith('line '))) out.add(line);
    }
    const predicted = new Set(a.rejected ? [] : nonEmpty.filter((n) => !out.has(n)).map((n) => n - 1));
    const truth = new Set(g.body);
    for (const p of predicted) {
      if (truth.has(p)) tp++;
      else {
        fp++;
        errors.push({ id, kind: 'kept-not-body', detail: `${p}: ${g.lines[p]}` });
      }
    }
    for (const t of truth) {
      if (!predicted.has(t)) {
        fn++;
        const why = a.removed.find((r) => r.line === t + 1)?.reason ?? 'title/dateline';
        errors.push({ id, kind: `dropped-body (${why})`, detail: `${t}: ${g.lines[t]}` });
      }
    }
    const same = (x: string | null, y: string | null) => (x ?? '').trim() === (y ?? '').trim();
    if (same(a.title, g.title)) titleOk++;
    else errors.push({ id, kind: 'title', detail: `got ${JSON.stringify(a.title)}, want ${JSON.stringify(g.title)}` });
    if (same(a.dateline, g.dateline)) datelineOk++;
    else
      errors.push({
        id,
        kind: 'dateline',
        detail: `got ${JSON.stringify(a.dateline)}, want ${JSON.stringify(g.dateline)}`,
      });
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return {
    docs: gold.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    titleAccuracy: titleOk / Math.max(1, gold.length),
    datelineAccuracy: datelineOk / Math.max(1, gold.length),
    errors,
  };
}
