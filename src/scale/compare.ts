/**
 * Compares two exports of the same input (src/scale/export.ts records): a scale-out
 * run against a single `khabar process`. Duplicate groups by pairwise agreement (the
 * Rand index: the share of article pairs both runs put together, or both apart) and
 * events by B-cubed F1 of one against the other. Both are computed from the contingency
 * counts, so 20 000 articles (200 million pairs) cost one pass.
 */
import type { ExportRecord } from './export.js';

type Rec = Pick<ExportRecord, 'id' | 'status' | 'dup_group' | 'event'>;

export interface Comparison {
  articles: { a: number; b: number; both: number };
  /** Articles whose status (stored, duplicate, rejected) differs. */
  statusDiffers: number;
  dupPairwise: number;
  eventBcubed: { precision: number; recall: number; f1: number };
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function counts<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

/** Rand index of two labellings of the same items. */
export function pairwiseAgreement(labels: [string, string][]): number {
  const n = labels.length;
  if (n < 2) return 1;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, k) => s + pairs(k), 0);
  const a = sum(counts(labels, (l) => l[0]));
  const b = sum(counts(labels, (l) => l[1]));
  const ab = sum(counts(labels, (l) => l[0] + '\u0000' + l[1]));
  return 1 - (a + b - 2 * ab) / pairs(n);
}

/** B-cubed precision, recall and F1 of labelling `l[0]` against reference `l[1]`. */
export function bcubed(labels: [string, string][]): { precision: number; recall: number; f1: number } {
  if (labels.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const a = counts(labels, (l) => l[0]);
  const b = counts(labels, (l) => l[1]);
  const ab = counts(labels, (l) => l[0] + '\u0000' + l[1]);
  let p = 0;
  let r = 0;
  for (const [x, y] of labels) {
    const both = ab.get(x + '\u0000' + y)!;
    p += both / a.get(x)!;
    r += both / b.get(y)!;
  }
  p /= labels.length;
  r /= labels.length;
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r) };
}

export function compareExports(a: Rec[], b: Rec[]): Comparison {
  const byId = new Map(b.map((r) => [r.id, r]));
  const both = a.filter((r) => byId.has(r.id));
  const kept = both.filter((r) => r.status !== 'rejected' && byId.get(r.id)!.status !== 'rejected');
  // an article without a group or event is its own
  return {
    articles: { a: a.length, b: b.length, both: both.length },
    statusDiffers: both.filter((r) => r.status !== byId.get(r.id)!.status).length,
    dupPairwise: pairwiseAgreement(
      kept.map((r) => [r.dup_group ?? `self:${r.id}`, byId.get(r.id)!.dup_group ?? `self:${r.id}`]),
    ),
    eventBcubed: bcubed(kept.map((r) => [r.event ?? `self:${r.id}`, byId.get(r.id)!.event ?? `self:${r.id}`])),
  };
}
