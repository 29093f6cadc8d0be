/**
 * Bytes → text. Arabic sites still serve windows-1256 and ISO-8859-6, declare
 * one charset and send another, and pass UTF-8 through a latin-1 step that
 * leaves mojibake ("Ø§Ù„Ø¹Ø±Ø§Ù‚" for "العراق"). The cascade:
 *   1. binary check (NUL bytes, control characters) → KHB_BINARY
 *   2. BOM (UTF-8, UTF-16 LE/BE), then BOM-less UTF-16 by its zero bytes
 *   3. strict UTF-8
 *   4. candidates scored for plausibility: the declared charset, windows-1256,
 *      ISO-8859-6, jschardet's guess, lenient UTF-8 (a few bad bytes)
 *   5. mojibake repair on the winner
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { khabarError } from '../core/errors.js';
import { reason, type Reason } from '../core/trace.js';

export interface Decoded {
  text: string;
  encoding: string;
  reasons: Reason[];
}

/** Bytes sniffed for binary content: enough to see a header, cheap on 50 MB inputs. */
const SNIFF_BYTES = 8192;
/** More than 5% C0 controls (not tab/newline/CR/FF) in the sniff means binary, not text. */
const MAX_CONTROL_SHARE = 0.05;
/** A candidate decoding below this plausibility is refused (see `plausibility`). */
export const MIN_PLAUSIBILITY = 0.85;
/** Lenient UTF-8 is accepted when at most 1% of characters are U+FFFD. */
const MAX_REPLACEMENT_SHARE = 0.01;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) controls++;
  }
  return n > 0 && controls / n > MAX_CONTROL_SHARE;
}

function utf16Guess(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  // Arabic UTF-16 has 0x06 as its high byte and ASCII has 0x00: count both.
  let evenSix = 0;
  let oddSix = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 6) evenSix++;
    if (b[i + 1] === 6) oddSix++;
  }
  const pairs = n / 2;
  if ((oddZero + oddSix) / pairs > 0.6 && evenZero / pairs < 0.1) return 'utf-16le';
  if ((evenZero + evenSix) / pairs > 0.6 && oddZero / pairs < 0.1) return 'utf-16be';
  return null;
}

/**
 * Share of characters that belong in news text: Arabic letters, marks and
 * punctuation, ASCII, common typographic punctuation. Latin-1 accented letters
 * and C1 controls count against, U+FFFD counts double: ISO-8859-6 bytes read
 * as windows-1256 turn into "ÇáÚÑÇÞ", which scores low.
 */
export function plausibility(text: string): number {
  const n = Math.min(text.length, 20000);
  if (n === 0) return 1;
  let good = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) good -= 1;
    else if (c < 0x80) good += c >= 0x20 || c === 9 || c === 10 || c === 13 ? 1 : 0;
    else if (c >= 0x0600 && c <= 0x06ff) good += 1;
    else if ((c >= 0x2010 && c <= 0x2026) || c === 0xab || c === 0xbb || c === 0xa0 || c === 0xd7 || c === 0xf7)
      good += 1;
    else if (c >= 0x200b && c <= 0x200f) good += 1;
  }
  return good / n;
}

function decodeAs(b: Uint8Array, enc: string): string | null {
  if (!iconv.encodingExists(enc)) return null;
  return iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), enc);
}

/** Normalizes charset labels: 'cp1256', 'Windows-1256', 'arabic' → iconv names. */
export function charsetLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (l === 'utf8') return 'utf-8';
  if (l === 'arabic' || l === 'iso-8859-6' || l === 'iso_8859-6' || l === 'asmo-708') return 'iso-8859-6';
  if (l === 'cp1256' || l === 'windows-1256' || l === 'x-cp1256') return 'windows-1256';
  return iconv.encodingExists(l) ? l : null;
}

export interface DecodeOptions {
  /** For error messages: file path or URL. */
  source: string;
  /** Charset declared by an HTTP header or <meta>, if any. */
  declared?: string | null;
}

export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions): Decoded {
  const reasons: Reason[] = [];
  // 1. binary
  const bom = bomOf(bytes);
  if (!bom && !utf16Guess(bytes) && looksBinary(bytes)) throw khabarError('KHB_BINARY', opts.source);
  // 2. BOM and UTF-16
  if (bom) {
    const text = decodeAs(bytes.subarray(bom.length), bom.encoding) ?? '';
    return repairMojibake({ text, encoding: bom.encoding, reasons });
  }
  const u16 = utf16Guess(bytes);
  if (u16) return { text: decodeAs(bytes, u16) ?? '', encoding: u16, reasons };
  // 3. strict UTF-8 (pure ASCII lands here too)
  const declared = charsetLabel(opts.declared);
  try {
    const text = strictUtf8.decode(bytes);
    if (declared && declared !== 'utf-8' && declared !== 'us-ascii' && /[^\x00-\x7f]/.test(text)) {
      reasons.push(
        reason('text/charset-mismatch', 'note', `declared ${declared} but the bytes are valid UTF-8; read as UTF-8`, {
          evidence: { declared },
        }),
      );
    }
    return repairMojibake({ text, encoding: 'utf-8', reasons });
  } catch {
    /* not UTF-8: go on */
  }
  // 4. score candidates
  const guess = charsetLabel(jschardet.detect(Buffer.from(bytes.subarray(0, 65536))).encoding);
  const names = [...new Set([declared, 'windows-1256', 'iso-8859-6', guess].filter((x): x is string => !!x))];
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const enc of names) {
    if (enc === 'utf-8') continue;
    const text = decodeAs(bytes, enc);
    if (text === null) continue;
    const score = plausibility(text);
    if (!best || score > best.score) best = { text, encoding: enc, score };
  }
  const loose = lenientUtf8.decode(bytes);
  const bad = (loose.match(/\uFFFD/g) ?? []).length;
  if (bad / Math.max(1, loose.length) <= MAX_REPLACEMENT_SHARE && (!best || plausibility(loose) >= best.score)) {
    reasons.push(
      reason('text/invalid-utf8', 'edit', `${bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD`, {
        evidence: { replaced: bad },
      }),
    );
    return repairMojibake({ text: loose, encoding: 'utf-8', reasons });
  }
  if (!best || best.score < MIN_PLAUSIBILITY) {
    throw khabarError('KHB_ENCODING_UNKNOWN', opts.source, `best guess ${best?.encoding ?? 'none'} reads as garbage`);
  }
  if (declared && best.encoding !== declared) {
    reasons.push(
      reason('text/charset-mismatch', 'note', `declared ${declared} but the bytes read as ${best.encoding}`, {
        evidence: { declared, used: best.encoding },
      }),
    );
  }
  reasons.push(
    reason('text/encoding-detected', 'note', `decoded as ${best.encoding}`, {
      evidence: { encoding: best.encoding, plausibility: Number(best.score.toFixed(3)) },
    }),
  );
  return repairMojibake({ text: best.text, encoding: best.encoding, reasons });
}

function bomOf(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

// windows-1252's printable characters in 0x80–0x9F, by byte.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<number, number>([...CP1252_HIGH].map((ch, i) => [ch.charCodeAt(0), 0x80 + i]));

/**
 * A run of characters that could be UTF-8 Arabic bytes shown through windows-1252
 * or latin-1: a lead byte Ø (D8) / Ù (D9) / Ú Û (DA DB) followed by a continuation
 * byte 0x80–0xBF. "Ø§Ù„Ø¹Ø±Ø§Ù‚" → "العراق".
 */
const MOJIBAKE_RUN =
  /(?:[\u00D8-\u00DB][\u0080-\u00BF\uFFFD\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178][\s\u00A0]?)+/g;
const MOJIBAKE_HINT = /[\u00D8\u00D9][\u0080-\u00BF\u2018-\u201E\u2026\u0192\u02C6]/;

function repairMojibake(d: Decoded): Decoded {
  if (!MOJIBAKE_HINT.test(d.text)) return d;
  let repaired = 0;
  const text = d.text.replace(MOJIBAKE_RUN, (run) => {
    const bytes: number[] = [];
    for (const ch of run) {
      const c = ch.charCodeAt(0);
      if (c === 0xa0) bytes.push(0x20);
      else if (c < 0x100) bytes.push(c);
      // A decoder that lost one of windows-1252's five undefined bytes wrote U+FFFD. After Ù (D9)
      // the lost byte is almost always 0x81: D9 81 is ف, one of the commonest Arabic letters.
      else if (c === 0xfffd) bytes.push(0x81);
      else {
        const b = CP1252_BYTE.get(c);
        if (b === undefined) return run;
        bytes.push(b);
      }
    }
    try {
      const fixed = strictUtf8.decode(Uint8Array.from(bytes));
      if (!/[\u0600-\u06ff]/.test(fixed)) return run;
      repaired++;
      return fixed;
    } catch {
      return run;
    }
  });
  if (repaired === 0) return d;
  return {
    text,
    encoding: d.encoding,
    reasons: [
      ...d.reasons,
      reason(
        'text/mojibake-repaired',
        'edit',
        `${repaired} run(s) of UTF-8 Arabic read as windows-1252 were repaired`,
        {
          evidence: { runs: repaired },
        },
      ),
    ],
  };
}

/** `bytes` when they are not `text` in UTF-8 (what an Article keeps as `bytes`), else undefined. */
export function originalBytes(bytes: Uint8Array, text: string): Uint8Array | undefined {
  const utf8 = Buffer.from(text, 'utf8');
  return utf8.length === bytes.byteLength && utf8.equals(bytes) ? undefined : bytes;
}
