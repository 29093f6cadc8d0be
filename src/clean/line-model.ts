/**
 * Furniture the rules did not name, by the shape of the line and of its neighbours: boilerpipe's
 * shallow text features (Kohlschütter et al., WSDM 2010) on raw text lines. A logistic regression,
 * trained in the repository on the development pages' labelled lines (`npm run train:clean`,
 * test/eval/clean-train.ts) and shipped as JSON (line-model.json), gives each line that survived the
 * rules and does not read as a paragraph the probability that it is furniture; above
 * LINE_DROP_PROBABILITY it goes as `clean/furniture`, its evidence naming the features that decided.
 *
 * What it catches: the headlines of other articles in a list without a heading ("تألق المغرب في مجال
 * الرياضة وتقارير صادمة" between "الأكثر قراءة" items), labels and widgets of sites no vocabulary knows.
 * What it never touches: a line that reads as a paragraph (looksLikeBody: a finished sentence of 8+
 * words, or 20+ words) unless it is list items glued with wide gaps, and any line of a page with no
 * paragraph at all: a real sentence is never dropped for its shape alone.
 */
import { topContributions, weightsInOrder } from './weights.js';
import type { Line } from './line-rules.js';
import { normTokens } from './title.js';
import shipped from './line-model.json' with { type: 'json' };

/**
 * A line goes when the model gives it at least this probability of being furniture. Chosen by the
 * cross-validation of `npm run eval:clean-cv` (body F1 on the folds each fit did not see); high,
 * because a lost sentence costs a reader more than a kept label.
 */
export const LINE_DROP_PROBABILITY = 0.9;

export const LINE_FEATURES = [
  'words_1_2',
  'words_3_4',
  'words_5_8',
  'words_9_15',
  'words_16',
  'avg_word_len', // average letters a word, / 10: labels and names run short, prose runs ~5
  'sentence_end', // ends in . ! ? … or :
  'cut_end', // ends in "..." or "…": a teaser cut off
  'comma',
  'digits', // share of characters that are digits
  'latin', // carries Latin letters
  'punct', // share of characters that are neither letters, digits nor spaces
  'opens_wa', // opens with the conjunction و: prose continues ("وقال", "وأضاف"); a headline rarely does
  'quote', // carries quotation marks
  'repeats', // printed twice or more on the page
  'before_body', // above the first paragraph
  'after_body', // below the last paragraph
  'prev_body', // the line before is a paragraph
  'next_body', // the line after is a paragraph
  'in_run', // one of three or more lines in a row that are not paragraphs: a list
  'body_overlap', // share of its content words found in the page's first paragraphs
  'position', // line index / lines on the page
  'gap', // three or more spaces inside: items of a list printed on one line
] as const;
type LineFeature = (typeof LINE_FEATURES)[number];

export interface LineModel {
  features: readonly string[];
  weights: number[];
  bias: number;
  fitted?: string;
}

export const LINE_MODEL: LineModel = shipped as LineModel;

const weightsOf = (m: LineModel): number[] => weightsInOrder(LINE_FEATURES, m);

/**
 * Items of a list printed on one line, three or more spaces apart ("رئيس الوزراء يتابع جهود توطين صناعة
 * الحرير في مصر    رئيس البنك الزراعي يتفقد …"): on the development pages, 8 lines have such a gap and
 * none is body (two spaces are a typing slip inside prose: 7 body lines, 8 others).
 */
const GLUED_ITEMS = /\S {3,}\S/;

/**
 * The lines the model may judge: not a paragraph, or a paragraph-long line of glued list items. Reading as a
 * paragraph otherwise protects a line: a real sentence is never dropped for its shape alone.
 */
export function judgedByShape(l: Line, readsAsParagraph: boolean): boolean {
  return !readsAsParagraph || GLUED_ITEMS.test(l.text);
}

/** Paragraphs a line's words are looked for in (`body_overlap`): the lead is enough, and tokenizing a long
 *  article's every paragraph for a few header lines cost 5 % of the cleaner's time. */
const OVERLAP_PARAGRAPHS = 5;

/** Lines in a row that make a list. */
const RUN_LINES = 3;

/**
 * The features of the lines of a page the model is asked about (`asked(i)`; the others get null).
 * `lines` are the page's non-blank lines in order, `body[i]` whether line i reads as a paragraph.
 */
export function lineFeatures(
  lines: Line[],
  body: boolean[],
  asked: (i: number) => boolean = () => true,
): (number[] | null)[] {
  const first = body.indexOf(true);
  const last = body.lastIndexOf(true);
  const bodyWords = new Set<string>();
  // the story's words, from its first paragraphs: a teaser of another story shares few of them
  for (let i = 0, seen = 0; i < lines.length && seen < OVERLAP_PARAGRAPHS; i++)
    if (body[i]) {
      seen++;
      for (const t of normTokens(lines[i].norm)) bodyWords.add(t);
    }
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.norm, (counts.get(l.norm) ?? 0) + 1);
  // the length of the run of non-paragraph lines each line sits in
  const run = new Array<number>(lines.length).fill(0);
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && !body[j]) j++;
    for (let k = i; k < j; k++) run[k] = j - i;
    i = Math.max(j, i + 1);
  }
  return lines.map((l, i) => {
    if (!asked(i)) return null;
    const text = l.text;
    const chars = text.replace(/\s/g, '').length || 1;
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    const digits = (text.match(/[\d٠-٩]/g) ?? []).length;
    const words = normTokens(l.norm);
    const w = l.words;
    const f: Record<LineFeature, number> = {
      words_1_2: w <= 2 ? 1 : 0,
      words_3_4: w >= 3 && w <= 4 ? 1 : 0,
      words_5_8: w >= 5 && w <= 8 ? 1 : 0,
      words_9_15: w >= 9 && w <= 15 ? 1 : 0,
      words_16: w >= 16 ? 1 : 0,
      avg_word_len: Math.min(1, letters / Math.max(1, w) / 10),
      sentence_end: /[.!?؟…:]["'”»)]*$/.test(text) ? 1 : 0,
      cut_end: /(\.\.\.?|…)\s*$/.test(text) ? 1 : 0,
      comma: /[،,]/.test(text) ? 1 : 0,
      digits: digits / chars,
      latin: /[a-z]/i.test(text) ? 1 : 0,
      punct: (chars - letters - digits) / chars,
      opens_wa: /^و[\u0621-\u064a]{2,}/.test(l.norm) ? 1 : 0,
      quote: /["“”«»]/.test(text) ? 1 : 0,
      repeats: (counts.get(l.norm) ?? 0) >= 2 ? 1 : 0,
      before_body: first < 0 || i < first ? 1 : 0,
      after_body: last >= 0 && i > last ? 1 : 0,
      prev_body: i > 0 && body[i - 1] ? 1 : 0,
      next_body: i + 1 < lines.length && body[i + 1] ? 1 : 0,
      in_run: run[i] >= RUN_LINES ? 1 : 0,
      body_overlap: words.length ? words.filter((t) => bodyWords.has(t)).length / words.length : 0,
      position: lines.length > 1 ? i / (lines.length - 1) : 0,
      gap: GLUED_ITEMS.test(text) ? 1 : 0,
    };
    return LINE_FEATURES.map((name) => f[name]);
  });
}

/** Probability that a line with these features is furniture. */
export function furnitureProbability(x: number[], m: LineModel = LINE_MODEL): number {
  const w = weightsOf(m);
  const z = x.reduce((acc, v, j) => acc + v * w[j], m.bias);
  return 1 / (1 + Math.exp(-z));
}

/** The features that pushed a line towards furniture most, with their share of the score. */
export function furnitureEvidence(x: number[], m: LineModel = LINE_MODEL): Record<string, number> {
  return topContributions(x, weightsOf(m), LINE_FEATURES);
}
