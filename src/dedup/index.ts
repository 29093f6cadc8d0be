/**
 * DedupIndex: the incremental near-duplicate index. `add(items)` signs a batch
 * (on the worker pool when given one), then decides each document in order:
 *   1. id seen before                → dedup/duplicate-id (not indexed)
 *   2. no words after normalization   → dedup/empty (its own group, never matched)
 *   3. same 64-bit key of normalized words as an indexed doc → dedup/exact-duplicate
 *   4. fewer words than a shingle     → dedup/too-short (only exact matching applies)
 *   5. LSH candidates verified on the full stored signatures (verify.ts) → dedup/near-duplicate,
 *      by Jaccard (≥ threshold) or by containment (the shorter text lies ≥ 0.6 inside the other:
 *      a copy cut to the lead or missing a paragraph); the reason says which evidence matched
 * Matches are unioned (union-find) into groups; each group keeps its canonical
 * (canonical.ts) as it grows. Everything per document lives in typed columns
 * (persist.ts), so memory is counted, bounded and saved as is.
 */
import { khabarError } from '../core/errors.js';
import { reason, type Reason } from '../core/trace.js';
import { isBetter, minutesToIso, publishedMinutes, sourceRanker, whyBetter, UNKNOWN_PUBLISHED } from './canonical.js';
import { murmur3 } from './hash.js';
import { CANDIDATE_JACCARD, CANDIDATE_ROWS, LshTable, bandsFor, candidateBands } from './lsh.js';
import { DEFAULT_MINHASH, estimateJaccard, type MinHashOptions } from './minhash.js';
import {
  COLUMN_TYPES,
  decodeIndex,
  encodeIndex,
  readIndexFile,
  writeIndexFile,
  type IndexColumns,
  type IndexFile,
} from './persist.js';
import { DEFAULT_SHINGLES, type ShingleOptions } from './shingles.js';
import { signTexts, type SignBatch, type SignParams } from './sign.js';
import { SKETCH_VALUES, allocateSketch, writeSketch } from './sketch.js';
import { SlotTable } from './slot-table.js';
import { CONTAINMENT_THRESHOLD, DEFAULT_THRESHOLD, containmentOf, matchPair } from './verify.js';

export interface DedupItem {
  id: string;
  text: string;
  /** YYYY-MM-DD or an ISO date-time; earliest wins the canonical choice. */
  published?: string | null;
  /** Site or source path, ranked by `sourcePriority`. */
  source?: string | null;
}

export interface DedupOptions {
  threshold: number;
  /** Containment threshold (verify.ts); 0 = Jaccard evidence only. */
  containment: number;
  shingles: ShingleOptions;
  minhash: MinHashOptions;
  bands: number;
  rows: number;
  /** Sites or sources, most trusted first (a tie-breaker for the canonical). */
  sourcePriority: string[];
}

export function resolveOptions(o: Partial<DedupOptions> = {}): DedupOptions {
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw khabarError('KHB_BAD_INPUT', `threshold ${threshold} is not in (0, 1]`);
  const containment = o.containment ?? CONTAINMENT_THRESHOLD;
  if (!(containment >= 0 && containment <= 1))
    throw khabarError('KHB_BAD_INPUT', `containment ${containment} is not in [0, 1]`);
  const minhash = o.minhash ?? DEFAULT_MINHASH;
  // Containment needs candidates down to J ≈ 0.25 (lsh.ts); Jaccard alone only down to the threshold.
  const auto =
    containment > 0 && threshold > CANDIDATE_JACCARD
      ? { bands: candidateBands(CANDIDATE_JACCARD, minhash.perms), rows: CANDIDATE_ROWS }
      : bandsFor(threshold, minhash.perms);
  return {
    threshold,
    containment,
    shingles: o.shingles ?? DEFAULT_SHINGLES,
    minhash,
    bands: o.bands ?? auto.bands,
    rows: o.rows ?? auto.rows,
    sourcePriority: o.sourcePriority ?? [],
  };
}

export const FLAG_EMPTY = 1;
export const FLAG_SHORT = 2;
export const FLAG_TRUNCATED = 4;
export const FLAG_EXACT = 8;
/** The link (best match) was made on containment, not Jaccard. */
export const FLAG_CONTAINED = 16;

export interface DedupDecision {
  id: string;
  /** Slot in the index; -1 when the document was not indexed (duplicate id). */
  slot: number;
  /** Id of the group's canonical article (null when not indexed). */
  dupGroup: string | null;
  /** The canonical's id when this document is a copy, else null. */
  duplicateOf: string | null;
  /** Jaccard estimate against the canonical; 1 for the canonical itself. */
  similarity: number;
  /** Rule id of the decision: reasons.at(-1).rule. */
  rule: string;
  /** Notes (too-short, truncated) first, the decision last. */
  reasons: Reason[];
}

export interface AddResult {
  decisions: DedupDecision[];
  /** Earlier-indexed canonicals that lost their place to a better article of this batch. */
  regrouped: { from: string; to: string }[];
}

export interface MemoryReport {
  docs: number;
  bytes: { signatures: number; lsh: number; exact: number; groups: number; ids: number };
  total: number;
  bytesPerDoc: number;
  /** Signatures + LSH buckets only: the issue's "under 1 KB per document". */
  sigLshBytesPerDoc: number;
}

const GROWTH = 1.5;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export class DedupIndex {
  readonly opts: DedupOptions;
  readonly perms: number;
  private n = 0;
  private cap: number;
  ids: string[] = [];
  cols: IndexColumns;
  private lsh: LshTable;
  private exactTable: SlotTable;
  private idTable: SlotTable;
  private rank: (s: string | null | undefined) => number;
  /** Per slot, the last slot whose candidates visited it: each candidate is verified once a query. */
  private stamp: Int32Array;
  /** The low bytes of each signature's first values, looked at before a candidate's full row (sketch.ts). */
  private sketch: Uint32Array;
  private batchStart = 0;
  private regroups: { from: string; to: string }[] = [];

  constructor(opts: Partial<DedupOptions> = {}, capacity = 1024) {
    this.opts = resolveOptions(opts);
    this.perms = this.opts.minhash.perms;
    this.cap = Math.max(16, capacity);
    this.cols = this.allocate(this.cap);
    this.stamp = new Int32Array(this.cap).fill(-1);
    this.sketch = allocateSketch(this.cap);
    this.lsh = new LshTable(this.opts.bands, this.opts.rows, this.perms, this.cap);
    this.exactTable = new SlotTable((s) => this.cols.exactHi[s]);
    this.idTable = new SlotTable((s) => murmur3(this.ids[s]));
    this.rank = sourceRanker(this.opts.sourcePriority);
  }

  get size(): number {
    return this.n;
  }

  private allocate(cap: number, from?: IndexColumns): IndexColumns {
    const out = {} as Record<string, ArrayBufferView>;
    for (const [name, C] of Object.entries(COLUMN_TYPES)) {
      const len = name === 'sigs' ? cap * this.perms : cap;
      const a = new (C as unknown as new (n: number) => Uint8Array)(len);
      if (from)
        a.set((from as unknown as Record<string, Uint8Array>)[name].subarray(0, Math.min(len, this.n * (len / cap))));
      out[name] = a;
    }
    return out as unknown as IndexColumns;
  }

  private reserve(need: number): void {
    if (need <= this.cap) return;
    this.cap = Math.max(need, Math.ceil(this.cap * GROWTH));
    this.cols = this.allocate(this.cap, this.cols);
    const stamp = new Int32Array(this.cap).fill(-1);
    stamp.set(this.stamp.subarray(0, Math.min(this.stamp.length, this.cap)));
    this.stamp = stamp;
    this.sketch = allocateSketch(this.cap, this.sketch);
  }

  private writeSketch(s: number): void {
    if (this.perms > SKETCH_VALUES) writeSketch(this.sketch, s, this.cols.sigs, s, this.perms);
  }

  slotOf(id: string): number {
    return this.idTable.find(murmur3(id), (s) => this.ids[s] === id);
  }

  find(s: number): number {
    const p = this.cols.parent;
    while (p[s] !== s) {
      p[s] = p[p[s]];
      s = p[s];
    }
    return s;
  }

  private union(a: number, b: number): void {
    const c = this.cols;
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (c.gsize[ra] < c.gsize[rb]) [ra, rb] = [rb, ra];
    const ca = c.canon[ra];
    const cb = c.canon[rb];
    const win = isBetter(c, ca, cb) ? ca : cb;
    const lose = win === ca ? cb : ca;
    if (lose < this.batchStart) this.regroups.push({ from: this.ids[lose], to: this.ids[win] });
    c.parent[rb] = ra;
    c.gsize[ra] += c.gsize[rb];
    c.canon[ra] = win;
  }

  /** Adds a batch whose signatures are already computed (signTexts or the worker pool). */
  addSigned(items: readonly DedupItem[], batch: SignBatch): AddResult {
    if (batch.n !== items.length) throw new Error(`signed ${batch.n} texts for ${items.length} items`);
    this.batchStart = this.n;
    this.regroups = [];
    this.reserve(this.n + items.length);
    const slots = new Int32Array(items.length);
    const K = this.perms;
    const { threshold, containment } = this.opts;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // 1. duplicate id
      if (this.slotOf(item.id) >= 0) {
        slots[i] = -1;
        continue;
      }
      const s = this.n++;
      slots[i] = s;
      const c = this.cols;
      this.ids[s] = item.id;
      this.idTable.insert(murmur3(item.id), s);
      c.sigs.set(batch.sigs.subarray(i * K, (i + 1) * K), s * K);
      this.writeSketch(s);
      c.exactHi[s] = batch.exact[2 * i];
      c.exactLo[s] = batch.exact[2 * i + 1];
      c.parent[s] = s;
      c.canon[s] = s;
      c.gsize[s] = 1;
      c.published[s] = publishedMinutes(item.published);
      c.words[s] = batch.words[i];
      c.shingles[s] = batch.shingles[i];
      c.sourceRank[s] = this.rank(item.source);
      c.link[s] = -1;
      c.linkSim[s] = 0;
      c.flags[s] = batch.truncated[i] ? FLAG_TRUNCATED : 0;
      // 2. empty
      if (batch.words[i] === 0) {
        c.flags[s] |= FLAG_EMPTY;
        continue;
      }
      // 3. exact duplicate
      const hi = c.exactHi[s];
      const lo = c.exactLo[s];
      const e = this.exactTable.find(hi, (t) => c.exactHi[t] === hi && c.exactLo[t] === lo);
      if (e >= 0) {
        c.flags[s] |= FLAG_EXACT;
        c.link[s] = e;
        c.linkSim[s] = 1;
        this.union(s, e);
        continue;
      }
      this.exactTable.insert(hi, s);
      // 4. too short for one shingle
      if (batch.shingles[i] === 0) {
        c.flags[s] |= FLAG_SHORT;
        continue;
      }
      // 5. LSH candidates, verified on the full signature: Jaccard, else containment
      const stamp = this.stamp;
      const sketch = K > SKETCH_VALUES ? this.sketch : undefined;
      this.lsh.query(c.sigs, s, (o) => {
        if (stamp[o] === s) return;
        stamp[o] = s;
        if (this.find(o) === this.find(s)) return;
        const m = matchPair(c.sigs, s, o, K, c.shingles[s], c.shingles[o], threshold, containment, sketch);
        if (!m) return;
        // The link is the best evidence: any Jaccard match beats a containment one, then the higher score.
        const jac = m.by === 'jaccard';
        const linkedByJaccard = c.link[s] >= 0 && !(c.flags[s] & FLAG_CONTAINED);
        const score = jac ? m.jaccard : m.containment;
        if (c.link[s] < 0 || (jac && !linkedByJaccard) || (jac === linkedByJaccard && score > c.linkSim[s])) {
          c.link[s] = o;
          c.linkSim[s] = score;
          c.flags[s] = jac ? c.flags[s] & ~FLAG_CONTAINED : c.flags[s] | FLAG_CONTAINED;
        }
        this.union(s, o);
      });
      this.lsh.insert(c.sigs, s);
    }
    const decisions = items.map((item, i) =>
      slots[i] >= 0 ? this.decision(slots[i]) : this.duplicateIdDecision(item.id),
    );
    return { decisions, regrouped: this.regroups };
  }

  /** How this index signs a text: signatures made elsewhere (addSigned) must be made with these. */
  get signParams(): SignParams {
    return { shingles: this.opts.shingles, minhash: this.opts.minhash };
  }

  /** Signs on this thread and adds. */
  addSync(items: readonly DedupItem[]): AddResult {
    return this.addSigned(
      items,
      signTexts(
        items.map((x) => x.text),
        this.signParams,
      ),
    );
  }

  /** Signs on `pool` when given (workers.ts), else on this thread, and adds. */
  async add(
    items: readonly DedupItem[],
    pool?: { sign(texts: string[]): Promise<SignBatch> } | null,
  ): Promise<AddResult> {
    if (!pool) return this.addSync(items);
    return this.addSigned(items, await pool.sign(items.map((x) => x.text)));
  }

  similarity(a: number, b: number): number {
    const c = this.cols;
    if (c.exactHi[a] === c.exactHi[b] && c.exactLo[a] === c.exactLo[b]) return 1;
    return round3(estimateJaccard(c.sigs, a, b, this.perms));
  }

  /** The current decision for an indexed slot (later arrivals can change its canonical). */
  decision(s: number): DedupDecision {
    const c = this.cols;
    const id = this.ids[s];
    const root = this.find(s);
    const canon = c.canon[root];
    const size = c.gsize[root];
    const notes: Reason[] = [];
    const flags = c.flags[s];
    const { size: k, kind } = this.opts.shingles;
    if (flags & FLAG_TRUNCATED)
      notes.push(reason('dedup/truncated', 'note', `text is over the shingling limit; only its start was shingled`));
    const done = (dupGroup: string, duplicateOf: string | null, similarity: number, r: Reason): DedupDecision => ({
      id,
      slot: s,
      dupGroup,
      duplicateOf,
      similarity,
      rule: r.rule,
      reasons: [...notes, r],
    });
    if (flags & FLAG_EMPTY)
      return done(
        id,
        null,
        1,
        reason('dedup/empty', 'note', 'no words after normalization: kept as its own group, never matched'),
      );
    if (canon !== s) {
      const canonId = this.ids[canon];
      const sim = this.similarity(s, canon);
      const why = whyBetter(c, canon, s);
      const linked = c.link[s] >= 0 ? this.ids[c.link[s]] : canonId;
      const l = c.link[s];
      const jac = l >= 0 ? (flags & FLAG_EXACT ? 1 : round3(estimateJaccard(c.sigs, s, l, this.perms))) : sim;
      const cont = l >= 0 ? round3(containmentOf(jac, c.shingles[s], c.shingles[l])) : 0;
      const by = flags & FLAG_EXACT ? 'exact' : flags & FLAG_CONTAINED ? 'containment' : 'jaccard';
      const evidence = {
        canonical: canonId,
        matched: linked,
        match: by,
        jaccard: jac,
        containment: cont,
        similarity: sim,
        why,
      };
      const shorter = l >= 0 && c.shingles[s] <= c.shingles[l] ? 'this copy' : linked;
      const r =
        flags & FLAG_EXACT
          ? reason(
              'dedup/exact-duplicate',
              'join',
              `same normalized words as ${linked}; canonical ${canonId} (${why})`,
              { evidence },
            )
          : c.link[s] >= 0 && by === 'containment'
            ? reason(
                'dedup/near-duplicate',
                'join',
                `near duplicate of ${linked} by containment: ${shorter === 'this copy' ? 'this copy lies' : `${linked} lies`} ≈ ${Math.round(100 * cont)} % inside the other (Jaccard ≈ ${jac}); canonical ${canonId} (${why})`,
                { evidence },
              )
            : c.link[s] >= 0
              ? reason(
                  'dedup/near-duplicate',
                  'join',
                  `near duplicate of ${linked} (Jaccard ≈ ${jac}); canonical ${canonId} (${why})`,
                  { evidence },
                )
              : reason(
                  'dedup/near-duplicate',
                  'join',
                  `a later copy matched this one; canonical ${canonId} (${why}), similarity ≈ ${sim}`,
                  { evidence },
                );
      return done(canonId, canonId, sim, r);
    }
    const published = minutesToIso(c.published[s]);
    if (size > 1)
      return done(
        id,
        null,
        1,
        reason(
          'dedup/canonical',
          'note',
          `canonical of a group of ${size} (earliest published, then most complete body, then source priority)`,
          { evidence: { members: size, published, words: c.words[s] } },
        ),
      );
    if (flags & FLAG_SHORT)
      return done(
        id,
        null,
        1,
        reason(
          'dedup/too-short',
          'note',
          `${c.words[s]} word(s), fewer than one ${kind} shingle of ${k}: only exact duplicates are detected`,
          { evidence: { words: c.words[s] } },
        ),
      );
    return done(id, null, 1, reason('dedup/unique', 'note', 'no duplicate found', { evidence: { published } }));
  }

  private duplicateIdDecision(id: string): DedupDecision {
    const first = this.slotOf(id);
    const group = first >= 0 ? this.ids[this.cols.canon[this.find(first)]] : null;
    const r = reason('dedup/duplicate-id', 'drop-article', `id "${id}" is already indexed; this document is skipped`, {
      evidence: { id, group: group ?? '' },
    });
    return { id, slot: -1, dupGroup: null, duplicateOf: null, similarity: 0, rule: r.rule, reasons: [r] };
  }

  memory(): MemoryReport {
    const c = this.cols;
    const n = Math.max(1, this.n);
    let idChars = 0;
    for (const id of this.ids) idChars += id.length;
    const bytes = {
      signatures: c.sigs.byteLength,
      lsh: this.lsh.bytes(),
      exact: c.exactHi.byteLength + c.exactLo.byteLength + this.exactTable.bytes(),
      groups:
        [c.parent, c.canon, c.gsize, c.published, c.words, c.shingles, c.sourceRank, c.flags, c.link, c.linkSim].reduce(
          (s, a) => s + a.byteLength,
          0,
        ) +
        this.stamp.byteLength +
        this.sketch.byteLength,
      // V8 strings: ~16 bytes of header + 1–2 bytes a character, plus the array slot
      ids: this.idTable.bytes() + this.ids.length * 24 + idChars * 2,
    };
    const total = Object.values(bytes).reduce((s, b) => s + b, 0);
    return {
      docs: this.n,
      bytes,
      total,
      bytesPerDoc: Math.round(total / n),
      sigLshBytesPerDoc: Math.round((bytes.signatures + bytes.lsh) / n),
    };
  }

  private toFile(): IndexFile<{ version: number; opts: DedupOptions }> {
    const n = this.n;
    const columns = {} as Record<string, ArrayBufferView>;
    for (const [name, a] of Object.entries(this.cols))
      columns[name] = (a as Uint8Array).subarray(0, name === 'sigs' ? n * this.perms : n);
    return {
      header: { version: 2, n, opts: this.opts },
      columns: columns as unknown as IndexColumns,
      ids: this.ids.slice(0, n),
    };
  }

  /** Saves to a file (persist.ts); returns the bytes written. */
  save(path: string): number {
    return writeIndexFile(path, this.toFile());
  }

  /** The same saved form as bytes (the pipeline keeps it in the store's state table). */
  toBytes(): Uint8Array {
    return Buffer.concat(encodeIndex(this.toFile()));
  }

  static load(path: string): DedupIndex {
    return DedupIndex.fromFile(readIndexFile(path));
  }

  static fromBytes(bytes: Uint8Array, label = 'stored dedup state'): DedupIndex {
    return DedupIndex.fromFile(decodeIndex(bytes, label));
  }

  private static fromFile(file: IndexFile<{ version: number; opts: DedupOptions }>): DedupIndex {
    const n = file.header.n;
    const index = new DedupIndex(file.header.opts, n + 1024);
    // A KHDX0001 index has no shingle counts: a word-shingled text has words − size + 1 of them.
    if (!file.columns.shingles) {
      const { kind, size } = index.opts.shingles;
      const words = file.columns.words;
      file.columns.shingles = words.map((w) => (kind === 'word' ? Math.max(0, w - size + 1) : w * 5));
    }
    index.n = n;
    index.cols = index.allocate(index.cap, file.columns);
    index.ids = file.ids;
    // Rebuild the hash tables in slot order: the same rules as addSigned, so decisions stay identical.
    const c = index.cols;
    for (let s = 0; s < n; s++) {
      index.writeSketch(s);
      index.idTable.insert(murmur3(index.ids[s]), s);
      if (c.flags[s] & (FLAG_EMPTY | FLAG_EXACT)) continue;
      index.exactTable.insert(c.exactHi[s], s);
      if (!(c.flags[s] & FLAG_SHORT)) index.lsh.insert(c.sigs, s);
    }
    return index;
  }
}

export { UNKNOWN_PUBLISHED };
