/**
 * Arabic normalization for matching keys and search. Every rule is named and
 * switchable; the text shown to people is never passed through this.
 *
 * We compose (NFKC) first and then fold single code points. We never decompose
 * and strip all combining marks: that is how datatrove turns رئيس into رييس
 * (ئ = ي + hamza above under NFD). Under NFKC ئ stays one code point.
 */
export interface NormalizeOptions {
  /** Compatibility-compose: presentation forms ﻻ ﺍ → لا ا, full-width Latin → ASCII. */
  nfkc: boolean;
  /** أ إ آ ٱ ٲ ٳ → ا  (أحمد / احمد, إيران / ايران, آليات / اليات). */
  alef: boolean;
  /** ى → ي  (مصطفى / مصطفي; Egyptian print writes final ي as ى). */
  ya: boolean;
  /** ة → ه  (الحكومة / الحكومه; many sites type final ه for ة). */
  taMarbuta: boolean;
  /** Remove tatweel ـ  (الحـــكومة → الحكومة). */
  tatweel: boolean;
  /** Remove harakat U+064B–U+065F and dagger alef U+0670  (شنّ → شن, عَلِمَ → علم). */
  harakat: boolean;
  /** Persian/Urdu letter variants: ک → ك, ی → ي, ھ → ه, ۀ → ه. */
  persian: boolean;
  /** Arabic-Indic ٠–٩ and Eastern ۰–۹ digits → 0–9  (٢٠٢١ → 2021). */
  digits: boolean;
  /** Arabic punctuation → ASCII for matching: ، → ,  ؛ → ;  ؟ → ?  ٪ → %  « » → " */
  punctuation: boolean;
  /** Remove zero-width and bidi controls (ZWNJ, ZWJ, LRM, RLM, ALM, embeddings), NBSP → space. */
  invisible: boolean;
  /** Lower-case Latin letters (NATO / nato). */
  latinCase: boolean;
}

/** Keys for dedup, clustering and search: every rule on. */
export const ARABIC_MATCH: NormalizeOptions = {
  nfkc: true,
  alef: true,
  ya: true,
  taMarbuta: true,
  tatweel: true,
  harakat: true,
  persian: true,
  digits: true,
  punctuation: true,
  invisible: true,
  latinCase: true,
};

/** A lighter profile that keeps ة and ى distinct (for display-near keys such as titles). */
export const ARABIC_LIGHT: NormalizeOptions = { ...ARABIC_MATCH, taMarbuta: false, ya: false };

const DELETE = 0xffff;

function buildTable(o: NormalizeOptions): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let i = 0; i < t.length; i++) t[i] = i;
  const map = (from: number[], to: number) => from.forEach((c) => (t[c] = to));
  if (o.alef) map([0x0623, 0x0625, 0x0622, 0x0671, 0x0672, 0x0673], 0x0627);
  if (o.ya) map([0x0649], 0x064a);
  if (o.taMarbuta) map([0x0629], 0x0647);
  if (o.tatweel) map([0x0640], DELETE);
  if (o.harakat) {
    for (let c = 0x064b; c <= 0x065f; c++) t[c] = DELETE;
    t[0x0670] = DELETE;
  }
  if (o.persian) {
    map([0x06a9], 0x0643); // ک → ك
    map([0x06cc], 0x064a); // ی → ي
    map([0x06be, 0x06c1], 0x0647); // ھ ہ → ه
    map([0x06c0], 0x0647); // ۀ → ه
  }
  if (o.digits) {
    for (let d = 0; d < 10; d++) {
      t[0x0660 + d] = 0x30 + d;
      t[0x06f0 + d] = 0x30 + d;
    }
  }
  if (o.punctuation) {
    t[0x060c] = 0x2c; // ،
    t[0x061b] = 0x3b; // ؛
    t[0x061f] = 0x3f; // ؟
    t[0x066a] = 0x25; // ٪
    t[0x066b] = 0x2e; // ٫ decimal separator
    t[0x066c] = 0x2c; // ٬ thousands separator
    t[0x00ab] = 0x22; // «
    t[0x00bb] = 0x22; // »
  }
  if (o.invisible) {
    for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0xfeff, 0x2066, 0x2067, 0x2068, 0x2069])
      t[c] = DELETE;
    for (let c = 0x202a; c <= 0x202e; c++) t[c] = DELETE;
    for (const c of [0x00a0, 0x2007, 0x202f, 0x2009, 0x200a, 0x3000]) t[c] = 0x20;
  }
  if (o.latinCase) for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  return t;
}

// Tables are built once per options object (identity first: the hot path passes the
// same constant), then per distinct set of switches.
const byObject = new WeakMap<NormalizeOptions, Uint16Array>();
const byKey = new Map<string, Uint16Array>();
function tableFor(o: NormalizeOptions): Uint16Array {
  let t = byObject.get(o);
  if (t) return t;
  const key = JSON.stringify(o);
  t = byKey.get(key);
  if (!t) byKey.set(key, (t = buildTable(o)));
  byObject.set(o, t);
  return t;
}

// Characters that NFKC could change: Latin-1 supplement and above that are not
// plain Arabic letters. Pure ASCII + U+0600–U+06FF text skips the ICU call.
const NEEDS_NFKC = /[^\u0000-\u00a0\u0600-\u06ff\s]/;
/** Whether NFKC could change `text`: if not, normalize() is the table alone, one code unit at a time. */
export const needsNfkc = (text: string): boolean => NEEDS_NFKC.test(text);

/** Normalize `text` for matching. Idempotent: normalize(normalize(x)) === normalize(x). */
export function normalize(text: string, opts: NormalizeOptions = ARABIC_MATCH): string {
  let s = opts.nfkc && NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text;
  const t = tableFor(opts);
  let out = '';
  let from = 0;
  // Copy unchanged runs with slice(); only changed code units cost a concat.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = t[c];
    if (m === c) continue;
    out += s.slice(from, i);
    if (m !== DELETE) out += String.fromCharCode(m);
    from = i + 1;
  }
  s = from === 0 ? s : out + s.slice(from);
  return s;
}

/** A whole-line key: normalized, whitespace collapsed, trimmed (for repeat detection). */
export function lineKey(line: string): string {
  return normalize(line).replace(/\s+/g, ' ').trim();
}

/**
 * Normalizes without NFKC and keeps, for every output code unit, the index of the
 * input code unit it came from (deleted harakat and tatweel leave gaps). Lets a
 * match found on normalized text be cut out of the text as written:
 * "عمّان - وكالات" matches "عمان - وكالات" and maps back with the shadda kept.
 */
export function normalizeWithOffsets(
  text: string,
  opts: NormalizeOptions = ARABIC_MATCH,
): { text: string; offsets: Int32Array } {
  // the caller's constant options object hits tableFor's identity cache; a copy would not
  const t = tableFor(opts.nfkc ? { ...opts, nfkc: false } : opts);
  const offsets = new Int32Array(text.length + 1);
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const m = t[text.charCodeAt(i)];
    if (m === DELETE) continue;
    out += String.fromCharCode(m);
    offsets[n++] = i;
  }
  offsets[n] = text.length;
  return { text: out, offsets: offsets.subarray(0, n + 1) };
}
