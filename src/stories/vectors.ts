/**
 * Sparse TF-IDF over normalized, stemmed terms plus entity features, with
 * document frequencies learned online as the stream goes by.
 *   term feature    'كاظم' (stem of الكاظمي)    tf = 1 + ln(count), title words count TITLE_WEIGHT times
 *   entity feature  '@org:nato'                 boosted by the caller (events and stories weigh them differently)
 * idf = ln((N + 1) / (df + 1)) + 1, from the documents seen so far.
 */
import type { EntityMention } from '../core/article.js';
import { memoWord } from '../core/memo.js';
import { normalize } from '../text/normalize.js';
import { stemNormalized } from '../text/stem.js';
import { STOPWORDS } from '../text/stopwords.js';
import type { Tok } from './tokens.js';

export type Vec = Map<string, number>;
export const ENTITY_PREFIX = '@';
export const isEntity = (f: string): boolean => f.charCodeAt(0) === 64; // '@'

/** A headline word says more about the event than a body word: counted twice. */
export const TITLE_WEIGHT = 2;
/** Vocabulary kept in the document-frequency table before the rarest half is pruned (bounds memory on long streams). */
export const MAX_DF_FEATURES = 400_000;

/**
 * Words that say when or how something was reported, not what happened: weekdays,
 * months, reporting verbs, agency boilerplate. The date is its own feature.
 *   "اليوم الأربعاء", "وكالة الأنباء", "مصدر مطلع", "حزيران"
 */
const NOT_TERMS = new Set(
  `السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه اليوم امس غدا صباح مساء الماضي المقبل القادم الجاري الحالي
   يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان ايار حزيران تموز
   اب ايلول تشرين جانفي فيفري افريل ماي جوان جويليه يوليوز غشت اوت شتنبر نونبر دجنبر
   وكاله الانباء انباء مصدر مصادر مطلع مطلعه بيان صحفي تصريح تصريحات اعلن اعلنت افاد افادت ذكر ذكرت نقل نقلت
   اضاف اضافت تابع تابعت اوضح اوضحت اشار اشارت قوله قولها وفق بحسب حسب لفت لافته الي علي كما حيث الذي التي
   خلال اطار جانب ظل ضمن اجل بشان شان
   واع واس كونا قنا بترا وام سانا ومع ارنا الاناضول رويترز`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalize(w)),
);

export interface TermVector {
  vec: Vec;
  /** Stem → the word as first written in this article (for explanations). */
  display: Map<string, string>;
}

/** A normalized word's term feature (its stem), or '' for a word that says nothing of what happened. */
const termOf = memoWord((w: string): string => {
  if (STOPWORDS.has(w) || NOT_TERMS.has(w)) return '';
  if (w.length > 3 && w.charCodeAt(0) === 0x0648 && (STOPWORDS.has(w.slice(1)) || NOT_TERMS.has(w.slice(1)))) return ''; // "وقال"
  const stem = stemNormalized(w);
  return stem.length < 2 || NOT_TERMS.has(stem) ? '' : stem;
});

function addTerms(ts: Tok[], weight: number, out: Map<string, number>, display: Map<string, string>): void {
  for (const t of ts) {
    if (t.kind !== 'arabic' && t.kind !== 'latin') continue;
    const w = termOf(t.norm);
    if (w === '') continue;
    out.set(w, (out.get(w) ?? 0) + weight);
    if (!display.has(w)) display.set(w, t.raw);
  }
}

/** The article's features: sublinear term frequencies and entity counts. */
export function articleVector(body: Tok[], title: Tok[], entities: EntityMention[]): TermVector {
  const counts = new Map<string, number>();
  const display = new Map<string, string>();
  addTerms(title, TITLE_WEIGHT, counts, display);
  addTerms(body, 1, counts, display);
  const vec: Vec = new Map();
  for (const [f, c] of counts) vec.set(f, 1 + Math.log(c));
  for (const e of entities) vec.set(ENTITY_PREFIX + e.key, 1 + Math.log(e.count));
  return { vec, display };
}

/** Document frequencies, learned online. */
/** ln(k) for small integers, filled on demand: idf is looked up millions of times per run. */
const LN: number[] = [];
const ln = (k: number): number => (k < 1 << 20 ? (LN[k] ??= Math.log(k)) : Math.log(k));

export class DocFreq {
  docs = 0;
  readonly df = new Map<string, number>();

  add(vec: Vec): void {
    this.docs++;
    for (const f of vec.keys()) this.df.set(f, (this.df.get(f) ?? 0) + 1);
    if (this.df.size > MAX_DF_FEATURES) this.prune();
  }

  idf(f: string): number {
    return ln(this.docs + 1) - ln((this.df.get(f) ?? 0) + 1) + 1;
  }

  /** Drops features seen in a single document (the long tail of typos and numbers). */
  prune(): void {
    for (const [f, n] of this.df) if (n <= 1) this.df.delete(f);
    if (this.df.size > MAX_DF_FEATURES * 0.75) {
      const cut = [...this.df.values()].sort((a, b) => a - b)[Math.floor(this.df.size / 2)];
      for (const [f, n] of this.df) if (n <= cut) this.df.delete(f);
    }
  }

  toJSON(): { docs: number; df: [string, number][] } {
    return { docs: this.docs, df: [...this.df] };
  }

  static fromJSON(o: { docs: number; df: [string, number][] }): DocFreq {
    const d = new DocFreq();
    d.docs = o.docs;
    for (const [f, n] of o.df) d.df.set(f, n);
    return d;
  }
}

/**
 * How much more an entity counts than a term: people and organizations ("who") more
 * than countries, cities and places ("where"): بغداد is in half of Iraqi news, السوداني
 * with أردوغان is one story.
 */
export interface Boost {
  who: number;
  where: number;
}

/** '@person:…' and '@org:…' are "who"; '@country:…', '@city:…', '@place:…' are "where". */
const isWho = (f: string): boolean =>
  f.charCodeAt(1) === 111 /* o */ || (f.charCodeAt(1) === 112 /* p */ && f.charCodeAt(2) === 101); /* e */

/** The weight of feature `f` with raw value `x`: tf × idf, entities × boost. */
export function weight(f: string, x: number, df: DocFreq, boost: Boost): number {
  const w = x * df.idf(f);
  return isEntity(f) ? w * (isWho(f) ? boost.who : boost.where) : w;
}

export function vecNorm(vec: Vec, df: DocFreq, boost: Boost): number {
  let s = 0;
  for (const [f, x] of vec) {
    const w = weight(f, x, df, boost);
    s += w * w;
  }
  return Math.sqrt(s);
}

/**
 * An article prepared for scoring against centroids: its features, their idf (looked
 * up once), its weights `w` (tf × idf × boost) and `q` = w × idf × boost, so a dot
 * product with a centroid is Σ q × value / n.
 */
export interface Query {
  feats: string[];
  idf: Float64Array;
  w: Float64Array;
  q: Float64Array;
  norm: number;
}

export function query(vec: Vec, df: DocFreq, boost: Boost, base?: Query): Query {
  const n = vec.size;
  const feats = base?.feats ?? [...vec.keys()];
  const idf = base?.idf ?? Float64Array.from(feats, (f) => df.idf(f));
  const w = new Float64Array(n);
  const q = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const f = feats[i];
    const side = isEntity(f) ? idf[i] * (isWho(f) ? boost.who : boost.where) : idf[i];
    w[i] = vec.get(f)! * side;
    q[i] = w[i] * side;
    s += w[i] * w[i];
  }
  return { feats, idf, w, q, norm: Math.sqrt(s) };
}

/** The `k` heaviest term features (not entities) of a prepared article, for the candidate index. */
export function topQueryTerms(qy: Query, k: number): string[] {
  const idx: number[] = [];
  for (let i = 0; i < qy.feats.length; i++) if (!isEntity(qy.feats[i])) idx.push(i);
  idx.sort((a, b) => qy.w[b] - qy.w[a] || (qy.feats[a] < qy.feats[b] ? -1 : 1));
  return idx.slice(0, k).map((i) => qy.feats[i]);
}

/** The `k` heaviest term features (not entities), for the candidate index. */
export function topTerms(vec: Vec, df: DocFreq, k: number): string[] {
  const terms: [string, number][] = [];
  for (const [f, x] of vec) if (!isEntity(f)) terms.push([f, x * df.idf(f)]);
  terms.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return terms.slice(0, k).map(([f]) => f);
}
