/**
 * Does a credit name the site it is printed on? Arabic sites credit their own copy with their name
 * ("مباشر: أظهرت المراجعة …" on mubasher.info, "مرآة البحرين: رحبت …" on mirrorbah…, "جراءة نيوز - …" on
 * garaanews.com), and their hosts spell that name in Latin letters. No list of sites can keep up with the
 * thousands of Arabic outlets, so the name and the host are compared by their consonants: both are reduced to
 * a skeleton of consonant classes (vowels, long vowels and ع dropped; letters Latin spellings confuse merged:
 * ق/ك/q/k, س/ص/ز/ث/s/z, ت/ط/t, د/ض/ذ/d), and the shorter skeleton must be read, in order, in the longer.
 */

/** Each Arabic letter's consonant class; letters absent here (ا و ي ى ء ع ة and their hamza forms) are vowels. */
const ARABIC: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 's',
  ج: 'j',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 's',
  س: 's',
  ش: 'S',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'd',
  غ: 'G',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  پ: 'b',
  ڤ: 'f',
  گ: 'j',
};
/** Latin digraphs first ("sh" is ش, "kh" خ, "th" ث, "gh" غ, "dh" ذ), then single letters (a plain g is ج: "garaa"). */
const LATIN_DIGRAPHS: [RegExp, string][] = [
  [/sh|ch/g, 'S'],
  [/kh/g, 'k'],
  [/th/g, 's'],
  [/gh/g, 'G'],
  [/dh/g, 'd'],
];
const LATIN: Record<string, string> = {
  b: 'b',
  p: 'b',
  t: 't',
  j: 'j',
  g: 'j',
  h: 'h',
  k: 'k',
  q: 'k',
  c: 'k',
  d: 'd',
  r: 'r',
  z: 's',
  s: 's',
  f: 'f',
  v: 'f',
  l: 'l',
  m: 'm',
  n: 'n',
  x: 'ks',
  S: 'S',
  G: 'G',
};

/** A skeleton has at least this many consonants, or it matches too much by chance ("نت", "tv"). */
const MIN_SKELETON = 3;
/** …and the shorter one covers at least half of the longer: "البيان" (lbn) in albayannews (lbns), not "بنك" in a
 *  ten-consonant host. */
const MIN_COVER = 0.5;

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of Arabic text: "مرآة البحرين" → "mrlbhrn". Digits are kept ("24 ساعة" → "24sh"). */
export function arabicSkeleton(text: string): string {
  let out = '';
  for (const ch of text) out += ARABIC[ch] ?? (/\d/.test(ch) ? ch : '');
  return collapse(out);
}

/** The consonant skeleton of a host's name: "www.mirrorbah.hopto.me" → "mrbh" (the first label past www.). */
export function hostSkeleton(url: string | null | undefined): string {
  if (!url) return '';
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
  let name = host.replace(/^(www|m|ar|arabic)\./, '').split('.')[0];
  for (const [re, to] of LATIN_DIGRAPHS) name = name.replace(re, to);
  let out = '';
  for (const ch of name) out += LATIN[ch] ?? (/\d/.test(ch) ? ch : '');
  return collapse(out);
}

/** Is `short` read, in order, in `long`? */
function subsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/** Does `credit` (a short Arabic name) spell the host of `url`? */
export function namesSite(credit: string, url: string | null | undefined): boolean {
  const host = hostSkeleton(url);
  const name = arabicSkeleton(credit);
  const [short, long] = name.length <= host.length ? [name, host] : [host, name];
  if (short.length < MIN_SKELETON || short.length < MIN_COVER * long.length) return false;
  return subsequence(short, long);
}
