/**
 * `npm run gen:dups -- --real --docs N --seed S [-o out.jsonl] [--eval-dev dir]`: a labelled
 * near-duplicate corpus made of REAL Arabic news text with the edits syndication makes.
 * One `{"id","text","cluster","family","published","site","edits","origin"}` a line.
 *
 * Where the text comes from (read at run time, see real-sources.ts; nothing is copied into the repo):
 * about 150 real articles (the hand-labelled body lines of clean_real.jsonl, the filtered raw
 * text of events_real.jsonl). 20 000 documents cannot come from 150 articles without help, so:
 *  1. every real article of at least MIN_SOURCE_WORDS words is a source as it is (origin 'real'),
 *     except one of two real articles that already overlap (containment ≥ REAL_OVERLAP);
 *  2. more sources are RECOMPOSED from real sentences (origin 'recomposed'): 7–11 sentences of
 *     different articles, first from one events_real story (the story is the family, so two of
 *     them share people, places and topic: hard negatives), then from the whole pool. No two
 *     sentences ever appear together in more than one source (real or recomposed), so any two
 *     sources share at most ONE sentence: distinct texts, as two real reports of a story are;
 *  3. each source gets copies (same `cluster`) with real edits, alone and combined; `edits`
 *     lists them: truncate (first 30–60 % of the words), drop-paragraph, move-paragraph, words
 *     (5–10 % of the words inserted, deleted or replaced), boilerplate (real furniture lines of
 *     a real site's page on top and bottom), dateline (that site's real dateline swapped in),
 *     orthographic (ة/ه, ى/ي, hamza forms, tatweel, harakat, digits), spacing (spaces,
 *     punctuation, a detached و), exact (same text).
 * The sentences and furniture are real; the recombination and the edits are ours.
 */
import { rng, pick } from './lib.js';
import { loadRealCorpus, normKey, type RealArticle, type RealCorpus, type SiteProfile } from './real-sources.js';

export interface RealDupDoc {
  id: string;
  text: string;
  cluster: string;
  family: string;
  published: string;
  site: string;
  /** Edit kinds applied to a copy ([] for a source). */
  edits: string[];
  origin: 'real' | 'recomposed';
}

export const EDIT_KINDS = [
  'truncate',
  'drop-paragraph',
  'move-paragraph',
  'words',
  'boilerplate',
  'dateline',
  'orthographic',
  'spacing',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number] | 'exact';

/** A real article shorter than this is too short to be a wire story worth copying (a caption, a brief). */
export const MIN_SOURCE_WORDS = 60;
/**
 * Share of the real articles that are sources as they are; the others only give sentences,
 * whose leads no source uses yet (a recomposed article's lead appears in no other source).
 */
export const REAL_SOURCE_SHARE = 0.5;
/** Two real articles whose 3-gram containment reaches this are already copies: one is kept. */
export const REAL_OVERLAP = 0.3;
const SENTENCES_MIN = 6;
/**
 * Sentences recomposed: 8–40 words. A longer one would be most of a copy cut to the lead, and
 * two sources sharing it would be copies of each other, not distinct articles.
 */
const SENTENCE_MIN_WORDS = 8;
const SENTENCE_MAX_WORDS = 40;
/**
 * A recomposed lead has at least this many words: a copy cut to 30 % of the article is then
 * mostly its own lead, not the one sentence it may share with another source.
 */
const LEAD_MIN_WORDS = 18;
/** Sentences longer than this are recomposed clause by clause. */
const CLAUSE_SPLIT_WORDS = 20;
const SENTENCES_MAX = 11;
/** Documents a cluster has on average (source + copies); a fifth of the sources stay alone. */
const MEAN_CLUSTER = 5;
const SINGLETON_SHARE = 0.2;
/** Probability of each further edit on top of a copy's main one. */
const SECONDARY: [EditKind, number][] = [
  ['boilerplate', 0.3],
  ['dateline', 0.3],
  ['orthographic', 0.3],
  ['spacing', 0.3],
  ['words', 0.1],
];

interface Source {
  title: string;
  dateline: string | null;
  paras: string[][];
  family: string;
  site: string;
  origin: 'real' | 'recomposed';
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffle<T>(xs: readonly T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const wc = (s: string) => s.split(/\s+/).filter(Boolean).length;
const paraWords = (ps: string[][]) => ps.reduce((n, p) => n + p.reduce((m, s) => m + wc(s), 0), 0);

function trigrams(text: string): Set<string> {
  const w = normKey(text).split(' ');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= w.length; i++) out.add(w.slice(i, i + 3).join(' '));
  return out;
}

/** At least three paragraphs when there are three sentences: drop/move need paragraphs to act on. */
function relayout(paras: string[][], r: () => number): string[][] {
  if (paras.length >= 3) return paras;
  const all = paras.flat();
  if (all.length < 3) return paras;
  const out: string[][] = [];
  for (let i = 0; i < all.length;) {
    const per = Math.min(int(r, 1, 2), all.length - i);
    out.push(all.slice(i, i + per));
    i += per;
  }
  return out;
}

/** Sentence ids (identical normalized sentences share one) and the pair-use bookkeeping. */
class SentencePairs {
  private ids = new Map<string, number>();
  private used = new Set<number>();
  id(s: string): number {
    const k = normKey(s);
    let v = this.ids.get(k);
    if (v === undefined) this.ids.set(k, (v = this.ids.size));
    return v;
  }
  free(a: number, b: number): boolean {
    return a !== b && !this.used.has(a < b ? a * 1e6 + b : b * 1e6 + a);
  }
  use(ids: number[]): void {
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = ids[i] < ids[j] ? [ids[i], ids[j]] : [ids[j], ids[i]];
        this.used.add(a * 1e6 + b);
      }
  }
}

/** 1. real sources, 2. recomposed ones, until `want` sources or the pools run dry. */
function buildSources(corpus: RealCorpus, want: number, r: () => number): Source[] {
  const pairs = new SentencePairs();
  const out: Source[] = [];
  const kept: Set<string>[] = [];
  // A lead is owned: the first sentence of a real article or of a recomposed one appears in no
  // other source, so a copy cut to its lead is a copy of one source only.
  const owned = new Set<number>();
  const uses = new Map<number, number>();
  for (const a of corpus.articles) {
    // every real article's pairs and lead, kept or not: a left-out near-copy must not come back recomposed
    const ids = a.paras.flat().map((s) => pairs.id(s));
    pairs.use(ids);
    pairs.use(
      a.paras
        .flat()
        .flatMap(clauses)
        .map((s) => pairs.id(s)),
    );
    // the lead and its clauses
    for (const s of a.paras
      .flat()
      .slice(0, 1)
      .flatMap((x) => [x, ...clauses(x)]))
      owned.add(pairs.id(s));
  }
  for (const a of corpus.articles) {
    if (paraWords(a.paras) < MIN_SOURCE_WORDS || r() >= REAL_SOURCE_SHARE) continue;
    const g = trigrams(a.paras.flat().join(' '));
    const overlaps = kept.some((k) => {
      let inter = 0;
      for (const x of g) if (k.has(x)) inter++;
      return inter / Math.max(1, Math.min(g.size, k.size)) >= REAL_OVERLAP;
    });
    if (overlaps) continue;
    kept.push(g);
    for (const s of a.paras.flat().flatMap((x) => [x, ...clauses(x)]))
      uses.set(pairs.id(s), (uses.get(pairs.id(s)) ?? 0) + 1);
    out.push({ ...a, paras: relayout(a.paras, r), origin: 'real' });
  }
  const bySentence = (arts: RealArticle[]) => {
    const seen = new Set<number>();
    const pool: { s: string; id: number; site: string; title: string }[] = [];
    for (const a of arts)
      for (const s of a.paras.flat().flatMap(clauses)) {
        const id = pairs.id(s);
        if (seen.has(id) || owned.has(id) || wc(s) < SENTENCE_MIN_WORDS || wc(s) > SENTENCE_MAX_WORDS) continue;
        pool.push({ s, id, site: a.site, title: a.title });
        seen.add(id);
      }
    return pool;
  };
  const families = new Map<string, RealArticle[]>();
  for (const a of corpus.articles) families.set(a.family, [...(families.get(a.family) ?? []), a]);
  const pools: { family: string | null; pool: ReturnType<typeof bySentence> }[] = [
    ...[...families]
      .filter(([f]) => f.startsWith('story:'))
      .map(([f, arts]) => ({ family: f, pool: bySentence(arts) })),
    { family: null, pool: bySentence(corpus.articles) },
  ];
  for (const { family, pool } of pools) {
    let misses = 0;
    while (out.length < want && misses < 20) {
      const target = int(r, SENTENCES_MIN, SENTENCES_MAX);
      const chosen: typeof pool = [];
      const order = shuffle(pool, r);
      const lead = order.find((c) => !owned.has(c.id) && !uses.get(c.id) && wc(c.s) >= LEAD_MIN_WORDS);
      if (lead) chosen.push(lead);
      for (const c of order) {
        if (chosen.length >= target || !lead) break;
        if (!owned.has(c.id) && chosen.every((x) => pairs.free(x.id, c.id))) chosen.push(c);
      }
      if (chosen.length < SENTENCES_MIN) {
        misses++;
        continue;
      }
      pairs.use(chosen.map((c) => c.id));
      owned.add(chosen[0].id);
      for (const c of chosen) uses.set(c.id, (uses.get(c.id) ?? 0) + 1);
      const paras: string[][] = [];
      for (let i = 0; i < chosen.length;) {
        const per = Math.min(int(r, 1, 3), chosen.length - i);
        paras.push(chosen.slice(i, i + per).map((c) => c.s));
        i += per;
      }
      const words = chosen[0].s.replace(/[.،:]/g, '').split(/\s+/);
      out.push({
        title: words.slice(0, int(r, 6, 10)).join(' '),
        dateline: null,
        paras,
        family: family ?? `rc${out.length}`,
        site: chosen[0].site,
        origin: 'recomposed',
      });
    }
  }
  return out;
}

/**
 * A long sentence recomposes as its clauses (cut after "،" where both sides keep
 * SENTENCE_MIN_WORDS words), so a few hundred real sentences give enough distinct units.
 */
function clauses(s: string): string[] {
  if (wc(s) <= CLAUSE_SPLIT_WORDS) return [s];
  const out: string[] = [];
  let cur = '';
  for (const part of s.split(/(?<=،)\s*/)) {
    cur = cur ? `${cur} ${part}` : part;
    if (wc(cur) >= SENTENCE_MIN_WORDS) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur && out.length) out[out.length - 1] += ' ' + cur;
  else if (cur) out.push(cur);
  return out.map((c, i) => (i < out.length - 1 ? c.replace(/،$/, '.') : c));
}

// ---- edits -----------------------------------------------------------------
/** Reporting verbs and connectives editors swap in when they re-word wire copy. */
const SWAPS: Record<string, string[]> = {
  قال: ['أكد', 'أوضح', 'ذكر'],
  أكد: ['قال', 'شدد', 'أوضح'],
  أعلن: ['أفاد', 'كشف', 'ذكر'],
  وقال: ['وأكد', 'وأوضح', 'وأضاف'],
  وأضاف: ['وتابع', 'وقال', 'وأشار'],
  اليوم: ['أمس', 'الیوم'],
};
const FILLERS = ['أيضا', 'بدوره', 'اليوم', 'كذلك', 'حاليا', 'رسميا', 'من جهته', 'بحسب مصادر'];

function editWords(paras: string[][], r: () => number): string[][] {
  const rate = 0.05 + 0.05 * r();
  return paras.map((p) =>
    p.map((s) => {
      const ws = s.split(' ');
      const out: string[] = [];
      for (const w of ws) {
        if (r() >= rate) {
          out.push(w);
          continue;
        }
        const op = r();
        if (op < 0.35) continue; // delete
        if (op < 0.7)
          out.push(w, pick(r, FILLERS)); // insert
        else out.push(SWAPS[w] ? pick(r, SWAPS[w]) : pick(r, ws)); // replace
      }
      return out.join(' ');
    }),
  );
}

function truncate(paras: string[][], r: () => number): string[][] {
  const keep = Math.max(1, Math.round(paraWords(paras) * (0.3 + 0.3 * r())));
  const out: string[][] = [];
  let n = 0;
  for (const p of paras) {
    const q: string[] = [];
    for (const s of p) {
      if (n >= keep) break;
      const w = s.split(' ');
      q.push(n + w.length <= keep ? s : w.slice(0, keep - n).join(' ') + (r() < 0.5 ? '...' : ''));
      n += w.length;
    }
    if (q.length) out.push(q);
  }
  return out;
}

const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652'];

/** ة→ه, ه→ة, ى↔ي at word ends, أ/إ/آ→ا, ؤ→ئ (مسؤول/مسئول), tatweel, harakat, Arabic-Indic digits. */
function orthographic(text: string, r: () => number): string {
  let s = text;
  const end = '(?=[\\s.،,:"»]|$)';
  if (r() < 0.7) s = s.replace(new RegExp('ة' + end, 'g'), (m) => (r() < 0.8 ? 'ه' : m));
  if (r() < 0.6) s = s.replace(new RegExp('ى' + end, 'g'), (m) => (r() < 0.8 ? 'ي' : m));
  else if (r() < 0.4) s = s.replace(new RegExp('(?<=[\\u0621-\\u064A]{2})ي' + end, 'g'), (m) => (r() < 0.5 ? 'ى' : m));
  if (r() < 0.7) s = s.replace(/[أإآ]/g, (m) => (r() < 0.8 ? 'ا' : m));
  if (r() < 0.5) s = s.replace(/ؤ/g, (m) => (r() < 0.7 ? 'ئ' : m));
  if (r() < 0.3)
    s = s.replace(/[\u0628-\u063A\u0641-\u0647](?=[\u0621-\u064A]{3})/g, (m) => (r() < 0.03 ? m + 'ـ' : m));
  if (r() < 0.3) s = s.replace(/[\u0628-\u064A](?=[\u0621-\u064A])/g, (m) => (r() < 0.04 ? m + pick(r, HARAKAT) : m));
  if (r() < 0.3) s = s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + +d));
  return s;
}

/** Doubled spaces and newlines, ، → , or " ،", glued punctuation, lost periods, «» ↔ "", a detached و. */
function spacing(text: string, r: () => number): string {
  let s = text;
  if (r() < 0.6) s = s.replace(/ /g, (m) => (r() < 0.05 ? '  ' : m));
  if (r() < 0.4) s = s.replace(/\n/g, '\n\n');
  if (r() < 0.5) s = s.replace(/، ?/g, () => pick(r, [', ', ' ، ', '،', '، ']));
  if (r() < 0.4) s = s.replace(/\.(?=\s|$)/g, () => pick(r, ['', ' .', '.', '..']));
  if (r() < 0.3) s = s.replace(/[«»]/g, '"');
  if (r() < 0.5) s = s.replace(/(?<=\s)و(?=[\u0621-\u064A]{3})/g, (m) => (r() < 0.05 ? 'و ' : m));
  if (r() < 0.3) s = s.replace(/\. (?=\S)/g, (m) => (r() < 0.3 ? '.' : m));
  return s;
}

function siteDateline(site: SiteProfile, datelines: string[], r: () => number): string {
  return site.dateline ?? pick(r, datelines);
}

interface Copy {
  text: string;
  site: string;
  edits: EditKind[];
}

function copyOf(src: Source, corpus: RealCorpus, r: () => number): Copy {
  const site = pick(r, corpus.sites);
  if (r() < 0.05) return { text: render(src.title, src.dateline, src.paras), site: site.site, edits: ['exact'] };
  const main = pick(r, EDIT_KINDS);
  const edits = new Set<EditKind>([main]);
  for (const [k, p] of SECONDARY) if (r() < p) edits.add(k);
  let paras = src.paras.map((p) => [...p]);
  // 1. structure: a paragraph dropped or moved (never the lead for a drop)
  if (edits.has('drop-paragraph') && paras.length >= 2) paras.splice(int(r, 1, paras.length - 1), 1);
  if (edits.has('move-paragraph') && paras.length >= 2) {
    const [p] = paras.splice(int(r, 0, paras.length - 1), 1);
    let to = int(r, 0, paras.length);
    if (paras[to - 1] === undefined && to === 0 && paras.length) to = paras.length;
    paras.splice(to, 0, p);
  }
  // 2. the lead only
  if (edits.has('truncate')) paras = truncate(paras, r);
  // 3. re-edited words
  if (edits.has('words')) paras = editWords(paras, r);
  // 4. the site's own dateline
  const dateline = edits.has('dateline') ? siteDateline(site, corpus.datelines, r) : src.dateline;
  // 5. headline: kept, prefixed or the copying site's own
  const hr = r();
  const title = hr < 0.6 ? src.title : hr < 0.8 ? `عاجل | ${src.title}` : `${src.title} - ${site.site}`;
  let text = render(title, dateline, paras);
  // 6. furniture the cleaner left: real lines of the copying site's page
  if (edits.has('boilerplate')) {
    const top = shuffle(site.top, r).slice(0, int(r, 1, 3));
    const bottom = shuffle(site.bottom, r).slice(0, int(r, 1, 3));
    text = [...top, text, ...bottom].join('\n');
  }
  if (edits.has('orthographic')) text = orthographic(text, r);
  if (edits.has('spacing')) text = spacing(text, r);
  return { text, site: site.site, edits: [...edits] };
}

function render(title: string, dateline: string | null, paras: string[][]): string {
  const body = paras.map((p) => p.join(' '));
  if (dateline && body.length) body[0] = `${dateline} - ${body[0]}`;
  return [title, ...body].join('\n');
}

export interface RealGenOptions {
  docs: number;
  seed: number;
  /** Folder with clean_real.jsonl and events_real.jsonl (null: only `pages`). */
  evalDev: string | null;
  /** More labelled pages in clean_real's format (test/fixtures/real/clean/pages.jsonl). */
  pages?: string[];
  /** Documents are shuffled within windows of this size (copies arrive close in time). */
  window?: number;
}

const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

/** The whole corpus, `docs` documents exactly, deterministic for a seed and the same eval-dev files. */
export function generateRealDups(o: RealGenOptions): RealDupDoc[] {
  const r = rng(o.seed);
  const corpus = loadRealCorpus({ evalDev: o.evalDev, pages: o.pages });
  const where = [o.evalDev, ...(o.pages ?? [])].filter(Boolean).join(', ');
  if (!corpus.sites.length || !corpus.datelines.length) throw new Error(`no site furniture or datelines in ${where}`);
  const sources = buildSources(corpus, Math.ceil(o.docs / MEAN_CLUSTER), r);
  // copies: a fifth of the sources alone, the rest share what is left in proportion to a random weight
  const weights = sources.map(() => (r() < SINGLETON_SHARE ? 0 : 0.2 + r()));
  const total = weights.reduce((s, w) => s + w, 0);
  const budget = Math.max(0, o.docs - sources.length);
  const copies = weights.map((w) => Math.floor((w / total) * budget));
  for (let i = 0, left = budget - copies.reduce((s, c) => s + c, 0); left > 0; i = (i + 1) % sources.length)
    if (weights[i] > 0) {
      copies[i]++;
      left--;
    }
  const docs: RealDupDoc[] = [];
  sources.forEach((src, i) => {
    const cluster = `c${i}`;
    const t = T0 + i * 7 * 60000; // sources a few minutes apart
    docs.push({
      id: '',
      text: render(src.title, src.dateline, src.paras),
      cluster,
      family: src.family,
      published: iso(t),
      site: src.site,
      edits: [],
      origin: src.origin,
    });
    for (let k = 0; k < copies[i]; k++) {
      const c = copyOf(src, corpus, r);
      const late = int(r, 10, 3 * 24 * 60) * 60000; // 10 minutes to 3 days later
      docs.push({ id: '', ...c, cluster, family: src.family, published: iso(t + late), origin: src.origin });
    }
  });
  const out = docs.slice(0, o.docs);
  const w = o.window ?? 2000;
  for (let s = 0; s < out.length; s += w) {
    for (let i = Math.min(out.length, s + w) - 1; i > s; i--) {
      const j = s + Math.floor(r() * (i - s + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  out.forEach((d, i) => (d.id = `r${i}`));
  return out;
}

/** Sources by origin and copies by edit kind, for the README and the eval header. */
export function describe(docs: RealDupDoc[]): string {
  const clusters = new Map<string, RealDupDoc['origin']>();
  for (const d of docs) clusters.set(d.cluster, d.origin);
  const real = [...clusters.values()].filter((x) => x === 'real').length;
  const kinds = new Map<string, number>();
  for (const d of docs) for (const e of d.edits) kinds.set(e, (kinds.get(e) ?? 0) + 1);
  return `${docs.length} documents, ${clusters.size} sources (${real} real articles, ${clusters.size - real} recomposed from real sentences), ${
    docs.filter((d) => d.edits.length).length
  } copies; edits: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`;
}
