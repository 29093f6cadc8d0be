/**
 * A stand-in for src/dedup until it lands: word 5-shingles, 1 in 4 kept by hash
 * (mod sampling keeps the same shingles in every copy), an inverted index from
 * sampled shingle to documents, and Jaccard on the samples.
 */
import { bodyText, type Article } from '../../core/article.js';
import { fnv1a32 } from '../../text/hash.js';
import { normalize } from '../../text/normalize.js';
import { words } from '../../text/tokenize.js';

/** Word 5-grams: long enough that two different reports rarely share one. */
export const SHINGLE_WORDS = 5;
/** Keep shingles whose hash ≡ 0 mod 4. */
export const SAMPLE_MOD = 4;
/** Syndicated copies with a changed lede still share ≥ 60 % of sampled shingles. */
export const NEAR_DUP_JACCARD = 0.6;
/** A shingle on more documents than this is a template sentence, not evidence of copying:
 *  it stops gaining postings (keeps candidate lists, and the cost per document, bounded). */
export const MAX_POSTINGS = 64;

interface Doc {
  id: string;
  group: string;
  samples: number[];
}

export class FallbackDedup {
  readonly name = 'fallback-shingle-5w-mod4';
  private docs = new Map<string, Doc>();
  private index = new Map<number, string[]>();

  static load(state: string | null): FallbackDedup {
    const d = new FallbackDedup();
    if (state) for (const doc of JSON.parse(state) as Doc[]) d.add(doc);
    return d;
  }

  private add(doc: Doc): void {
    this.docs.set(doc.id, doc);
    for (const s of doc.samples) {
      const list = this.index.get(s);
      if (!list) this.index.set(s, [doc.id]);
      else if (list.length < MAX_POSTINGS) list.push(doc.id);
    }
  }

  assign(a: Article): void {
    const w = words(normalize(bodyText(a)));
    const set = new Set<number>();
    for (let i = 0; i + SHINGLE_WORDS <= Math.max(w.length, SHINGLE_WORDS); i++) {
      const h = fnv1a32(w.slice(i, i + SHINGLE_WORDS).join(' '));
      if (h % SAMPLE_MOD === 0 || w.length < 40) set.add(h);
    }
    const samples = [...set];
    const shared = new Map<string, number>();
    for (const s of samples) for (const id of this.index.get(s) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    let best: { doc: Doc; j: number } | null = null;
    for (const [id, n] of shared) {
      const doc = this.docs.get(id)!;
      const j = n / (samples.length + doc.samples.length - n);
      if (j >= NEAR_DUP_JACCARD && (!best || j > best.j)) best = { doc, j };
    }
    if (best) {
      a.dupGroup = best.doc.group;
      a.duplicateOf = best.doc.group;
      a.similarity = Math.round(best.j * 1000) / 1000;
    } else {
      a.dupGroup = a.id;
      a.duplicateOf = null;
      a.similarity = 1;
    }
    this.add({ id: a.id, group: a.dupGroup, samples });
  }

  save(): string {
    return JSON.stringify([...this.docs.values()]);
  }
}
