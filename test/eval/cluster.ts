/**
 * `npm run eval:cluster -- <labelled.jsonl> [--shuffles 10] [--seed 1] [--verbose]`
 * Reads {"id","title","text" or "raw","published","event","story"} a line, clusters
 * them in the given order, and prints B-cubed precision, recall and F1 for events
 * and for stories, with the dates and with `published` withheld, beside the
 * "same published day = same event" baseline; then F1 over shuffled orders (order dependence).
 * Real pages (rows with `raw` and no `text`, the eval-dev format) go through `khabar clean` first.
 * `--part dev|heldout` keeps one half of the set, split by story (test/eval/split.ts: for the own real set).
 * `--grid` prints F1 over a grid of event and story thresholds (how the shipped constants were chosen).
 * `--errors` prints the event errors (gold events split, predicted events that merge gold events) and the story
 * splits, with dates and with `published` withheld. It refuses `--part heldout`: that half is never read.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/core/article.js';
import { articleFromObject } from '../../src/ingest/jsonl.js';
import { CLUSTER_BATCH, Clusterer, type ClusterParams } from '../../src/stories/index.js';
import { cleanLabelled, needsClean, sameDayBaseline } from './cluster-real.js';
import { isPart, splitPart } from './split.js';

export interface Labelled {
  obj: Record<string, unknown>;
  event: string;
  story: string;
}

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

export interface EvalResult {
  event: PRF;
  story: PRF;
  articles: number;
  events: number;
  stories: number;
  predicted: { events: number; stories: number };
  assigned: Article[];
}

/** "Now" for evaluation runs: after every labelled date, so no article looks like it comes from the future. */
const EVAL_NOW = '2099-01-01';

export function loadLabelled(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const obj = JSON.parse(l) as Record<string, unknown>;
      if (typeof obj.event !== 'string' || typeof obj.story !== 'string')
        throw new Error(`${path}:${i + 1}: needs "event" and "story"`);
      return { obj, event: obj.event, story: obj.story };
    });
}

/** B-cubed (Bagga & Baldwin 1998): per-item precision and recall of its predicted cluster against its gold cluster, averaged. */
export function bcubed(pred: string[], gold: string[]): PRF {
  const n = pred.length;
  if (n === 0) return { p: 1, r: 1, f1: 1 };
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const pc = count(pred);
  const gc = count(gold);
  const both = count(pred.map((p, i) => `${p}\u0000${gold[i]}`));
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const k = both.get(`${pred[i]}\u0000${gold[i]}`)!;
    p += k / pc.get(pred[i])!;
    r += k / gc.get(gold[i])!;
  }
  p /= n;
  r /= n;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Clusters `rows` in the given order (indices into rows) and scores against the labels. */
export function evaluate(
  rows: Labelled[],
  order: number[] = rows.map((_, i) => i),
  params: Partial<ClusterParams> = {},
): EvalResult {
  const c = new Clusterer({ now: EVAL_NOW, params });
  const assigned: Article[] = new Array(rows.length);
  const batch = order.map((i) => {
    const a = articleFromObject(rows[i].obj, `dev:${i + 1}`);
    if (!a) throw new Error(`row ${i + 1} has no text`);
    return (assigned[i] = a);
  });
  // as `khabar cluster` does: batches of CLUSTER_BATCH in canonical order
  for (let k = 0; k < batch.length; k += CLUSTER_BATCH) c.addBatch(batch.slice(k, k + CLUSTER_BATCH));
  const pe = assigned.map((a) => a.event!);
  const ps = assigned.map((a) => a.story!);
  return {
    event: bcubed(
      pe,
      rows.map((r) => r.event),
    ),
    story: bcubed(
      ps,
      rows.map((r) => r.story),
    ),
    articles: rows.length,
    events: new Set(rows.map((r) => r.event)).size,
    stories: new Set(rows.map((r) => r.story)).size,
    predicted: { events: new Set(pe).size, stories: new Set(ps).size },
    assigned,
  };
}

/** Fisher–Yates with a seeded PRNG (mulberry32), so the shuffles are the same every run. */
export function shuffled(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

export interface OrderResult {
  given: { event: number; story: number };
  mean: { event: number; story: number };
  min: { event: number; story: number };
  max: { event: number; story: number };
  /** Mean over shuffles of the pairwise agreement (B-cubed F1) of event assignments with the given order's. */
  agreement: number;
}

/** Order dependence: F1 in the given order vs mean and min over `n` seeded shuffles. */
export function orderDependence(rows: Labelled[], n = 10, seed = 1): OrderResult {
  const base = evaluate(rows);
  const ev: number[] = [];
  const st: number[] = [];
  const agree: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = evaluate(rows, shuffled(rows.length, seed + k));
    ev.push(r.event.f1);
    st.push(r.story.f1);
    agree.push(
      bcubed(
        r.assigned.map((a) => a.event!),
        base.assigned.map((a) => a.event!),
      ).f1,
    );
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    given: { event: base.event.f1, story: base.story.f1 },
    mean: { event: mean(ev), story: mean(st) },
    min: { event: Math.min(...ev), story: Math.min(...st) },
    max: { event: Math.max(...ev), story: Math.max(...st) },
    agreement: mean(agree),
  };
}

const f3 = (x: number) => x.toFixed(3);

const line = (label: string, x: PRF) => `  ${label.padEnd(44)} P ${f3(x.p)}  R ${f3(x.r)}  F1 ${f3(x.f1)}\n`;

async function main(argv: string[]): Promise<number> {
  const partAt = argv.indexOf('--part');
  const part = partAt >= 0 ? argv[partAt + 1] : undefined;
  const path = argv.find((a, i) => !a.startsWith('--') && !/^\d+$/.test(a) && !(partAt >= 0 && i === partAt + 1));
  if (!path) {
    process.stderr.write(
      'usage: npm run eval:cluster -- <labelled.jsonl> [--part dev|heldout] [--shuffles 10] [--seed 1] [--grid] [--errors] [--verbose]\n',
    );
    return 2;
  }
  const opt = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  if (partAt >= 0 && !isPart(part)) {
    process.stderr.write(`--part takes dev or heldout, not ${part ?? 'nothing'}\n`);
    return 2;
  }
  if (argv.includes('--errors') && part === 'heldout') {
    process.stderr.write('--errors reads articles and errors: not on the held-out half (its totals only)\n');
    return 2;
  }
  const all = loadLabelled(path);
  const labelled = isPart(part) ? splitPart(all, part) : all;
  // real pages (eval-dev format) go through `khabar clean` first, as a user's would
  const real = needsClean(labelled);
  const rows = real ? await cleanLabelled(labelled) : labelled;
  const r = evaluate(rows);
  const out = process.stdout;
  out.write(
    `${path}${part ? ` (${part} half)` : ''}: ${r.articles} articles${real ? ` (of ${labelled.length}, through khabar clean)` : ''}, ${r.events} events, ${r.stories} stories (predicted ${r.predicted.events} events, ${r.predicted.stories} stories)\n`,
  );
  out.write(line('event  khabar', r.event));
  out.write(line('story  khabar', r.story));
  const withheld = evaluate(real ? await cleanLabelled(labelled, true) : withhold(rows));
  out.write(line('event  khabar, `published` withheld', withheld.event));
  out.write(line('story  khabar, `published` withheld', withheld.story));
  out.write(line('event  same published day = same event', sameDayBaseline(labelled)));
  const shuffles = opt('--shuffles', 10);
  if (shuffles > 0) {
    const o = orderDependence(rows, shuffles, opt('--seed', 1));
    out.write(
      `  order  ${shuffles} shuffles: event F1 mean ${f3(o.mean.event)} (min ${f3(o.min.event)}, max ${f3(o.max.event)}) vs given ${f3(o.given.event)}; ` +
        `story F1 mean ${f3(o.mean.story)} (min ${f3(o.min.story)}) vs given ${f3(o.given.story)}; ` +
        `event agreement with given order ${f3(o.agreement)}\n`,
    );
  }
  if (argv.includes('--grid')) {
    out.write('  grid: event threshold → event F1 | story threshold → story F1 (other parameters at their defaults)\n');
    const ev = [0.14, 0.18, 0.22, 0.26, 0.3, 0.34, 0.38, 0.42];
    out.write(
      '  event  ' +
        ev.map((t) => `${t.toFixed(2)}:${f3(evaluate(rows, undefined, { eventThreshold: t }).event.f1)}`).join('  ') +
        '\n',
    );
    const st = [0.06, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3];
    out.write(
      '  story  ' +
        st.map((t) => `${t.toFixed(2)}:${f3(evaluate(rows, undefined, { storyThreshold: t }).story.f1)}`).join('  ') +
        '\n',
    );
  }
  if (argv.includes('--errors'))
    for (const [name, res] of [
      ['dated', r],
      ['withheld', withheld],
    ] as const)
      out.write(`-- errors, ${name}\n${errorReport(res, rows)}`);
  if (argv.includes('--verbose')) {
    for (const [name, res, rs] of [
      ['dated', r, rows],
      ['withheld', withheld, rows],
    ] as const) {
      out.write(`-- ${name}\n`);
      for (let i = 0; i < res.assigned.length; i++) {
        const a = res.assigned[i];
        out.write(
          `${a.id}\t${rs[i]?.event}\t${a.event}\t${a.story}\t${a.published ?? '-'}\t${a.eventDate}\t${a.why?.decision}\t${a.why?.score}\t${a.why?.story_score ?? ''}\t${a.why?.entities.join('،')}\t${(a.why?.reasons ?? []).map((r) => r.rule).join(',')}\n`,
        );
      }
    }
  }
  return 0;
}

/**
 * The errors of a run, for reading: every predicted event that holds more than one gold event (a merge), every
 * gold event spread over more than one predicted event (a split), and the gold stories split, each article with
 * its published and event dates, decision, score and reasons, and the opening of its title and text.
 */
export function errorReport(res: EvalResult, rows: Labelled[]): string {
  const lines: string[] = [];
  const gold = new Map(rows.map((r, i) => [res.assigned[i]?.id, r]));
  const show = (a: Article) => {
    const w = a.why;
    const head = `${a.title ?? ''} | ${(a.paragraphs[0] ?? a.raw).slice(0, 110)}`.replace(/\s+/g, ' ');
    return `    ${a.id} gold=${gold.get(a.id)?.event} pred=${a.event} pub=${a.published ?? '-'} date=${a.eventDate ?? '-'} ${w?.decision} ${w?.score ?? ''} [${(w?.reasons ?? []).map((r) => r.rule.replace('stories/', '')).join(',')}]\n      ${head}`;
  };
  const by = (key: (a: Article) => string) => {
    const m = new Map<string, Article[]>();
    for (const a of res.assigned) m.set(key(a), [...(m.get(key(a)) ?? []), a]);
    return m;
  };
  const goldEvent = (a: Article) => gold.get(a.id)?.event ?? '?';
  for (const [ev, as] of by((a) => a.event!))
    if (new Set(as.map(goldEvent)).size > 1) lines.push(`  MERGE ${ev}`, ...as.map(show));
  for (const [ev, as] of by(goldEvent))
    if (new Set(as.map((a) => a.event)).size > 1) lines.push(`  SPLIT ${ev}`, ...as.map(show));
  for (const [st, as] of by((a) => gold.get(a.id)?.story ?? '?'))
    if (new Set(as.map((a) => a.story)).size > 1)
      lines.push(`  STORY SPLIT ${st}: ${as.map((a) => `${a.id}→${a.story}`).join(' ')}`);
  return lines.join('\n') + '\n';
}

/** The rows with `published` set to null. */
export const withhold = (rows: Labelled[]): Labelled[] =>
  rows.map((r) => ({ ...r, obj: { ...r.obj, published: null } }));

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
