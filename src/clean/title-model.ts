/**
 * The headline as a learned choice among the page's first lines (boilerpipe's shallow text features,
 * Kohlschütter et al. 2010, applied to one question: which line is the headline, if any).
 *
 * Every headline-shaped kept line near the top (title.ts `notATitle` says which are never titles) is a
 * candidate; "no title" is one more choice. A conditional logit (a softmax over the page's choices)
 * scores each candidate as w·features, and "no title" as its own bias; the best choice wins. The
 * weights are trained in the repository (`npm run train:clean`, test/eval/clean-train.ts) on the
 * development pages only and shipped as JSON (title-model.json); `npm run eval:clean-cv` fits them
 * again fold by fold and scores the sites each fit did not see. A pick's `evidence` names the
 * features that decided it, so a user reads why a line is the headline.
 *
 * Why learned: the hand-weighted rules before it (slug 3, repeat 2, last line above the first
 * paragraph 1, length 1) scored 98 % on eval-dev and 91 % on our development half, but 77 % on 57
 * fresh pages: real pages put the headline under a lead teaser, above a menu, or as a long line
 * ending in "!", and one fixed position rule cannot weigh those.
 */
import { topContributions, weightsInOrder } from './weights.js';
import type { Line } from './line-rules.js';
import { creditShape, looksLikeBody, TITLE_MIN_WORDS } from './title-dateline.js';
import { normTokens, notATitle, slugWords, SLUG_MIN_SHARE } from './title.js';
import shipped from './title-model.json' with { type: 'json' };

/** Candidates are looked for among this many kept lines from the top. */
export const TITLE_WINDOW_LINES = 20;
/** …and above this many body paragraphs: a headline sits above the story or right under its first
 *  paragraph (a lead teaser printed above the headline), never below the second. */
export const TITLE_WINDOW_BODY = 2;
/** Lead paragraphs a headline's words are looked for in (a headline restates its lead: "استشهاد فلسطيني
 *  في بيت جالا …" above "استشهد فتى فلسطيني …"). */
const LEAD_PARAGRAPHS = 3;

/** The features of one candidate, each in [0, 1]; the names are what `evidence` reports. */
export const FEATURES = [
  'short', // 3–4 words: labels and captions ("الفجر الفني", "صورة الخبر") more than headlines
  'mid', // 5–15 words: most headlines
  'long', // 16–25 words
  'slug', // share of the URL slug's content words found in the line
  'slug_match', // the line carries the slug (≥ 2 words and ≥ SLUG_MIN_SHARE of them)
  'repeats', // printed twice or more on the page (breadcrumb, <h1>, image alt)
  'first', // the first candidate from the top
  'before_body', // no paragraph above it
  'next_is_body', // the next kept line (past at most two short header lines) is a paragraph
  'body_like', // reads as a paragraph itself (long, or a finished sentence)
  'lead_overlap', // share of its content words found in the lead paragraphs below it
  'exclaims', // ends in "!" or "?"
  'colon', // a colon inside: "الكويت: نمر بمرحلة ما بعد كورونا"
  'comma', // a comma inside: rarer in headlines than in teasers and leads
  'digits', // share of characters that are digits
  'latin', // carries Latin letters
  'position', // how far down the window, 0 at the top
  'credit_shape', // two or three short parts split by a dash: a site or place and a reporter ("وادي الدواسر – مبارك الدوسري")
  'opens_wa', // opens with و and a word: prose continues ("وقال المتحدث …"); headlines rarely do ("وزير …" does too)
] as const;
export type FeatureName = (typeof FEATURES)[number];
const REPEATS = FEATURES.indexOf('repeats');
const SLUG_MATCH = FEATURES.indexOf('slug_match');

export interface TitleModel {
  features: readonly string[];
  weights: number[];
  /** The score of "no title" on a page with paragraphs, and its addition on a page without. */
  none: number;
  noneNoBody: number;
  /** What the weights were fitted on, for the reader of the JSON. */
  fitted?: string;
}

export const TITLE_MODEL: TitleModel = shipped as TitleModel;

const weightsOf = (m: TitleModel): number[] => weightsInOrder(FEATURES, m);

export interface TitleCandidate {
  /** Index into the kept lines. */
  index: number;
  x: number[];
}

export interface TitleChoice {
  candidates: TitleCandidate[];
  /** The page has no paragraph at all (a tag page, a menu). */
  noBody: boolean;
}

/**
 * The candidates among `lines` (the kept lines, in order) with their features. `count(key)` is how
 * often a line occurs on the page.
 */
export function titleChoice(
  lines: Line[],
  count: (key: string) => number,
  url: string | null | undefined,
  /** On extracted HTML a paragraph is never the headline: the page's markup (og:title, <h1>, <title>) names it. */
  paragraphsNever = false,
): TitleChoice {
  const slug = slugWords(url);
  const body = lines.map((l) => looksLikeBody(l));
  const window: number[] = [];
  let paragraphs = 0;
  for (let i = 0; i < lines.length && i < TITLE_WINDOW_LINES; i++) {
    if (body[i] && ++paragraphs >= TITLE_WINDOW_BODY) break;
    if (!notATitle(lines[i]) && !(paragraphsNever && body[i])) window.push(i);
  }
  // each line's content words, tokenized once: a candidate reads the paragraphs below it
  const tokens = new Map<number, string[]>();
  const tokensOf = (j: number) => {
    let t = tokens.get(j);
    if (!t) tokens.set(j, (t = normTokens(lines[j].norm)));
    return t;
  };
  const candidates = window.map((i, k) => {
    const l = lines[i];
    const words = tokensOf(i);
    const mine = new Set(words);
    const shared = slug.filter((t) => mine.has(t)).length;
    let next = i + 1;
    while (next < lines.length && next <= i + 2 && !body[next] && lines[next].words < 8) next++;
    const lead = new Set<string>();
    for (let j = i + 1, seen = 0; j < lines.length && seen < LEAD_PARAGRAPHS; j++)
      if (body[j]) {
        seen++;
        for (const t of tokensOf(j)) lead.add(t);
      }
    const chars = l.text.replace(/\s/g, '').length || 1;
    const f: Record<FeatureName, number> = {
      short: l.words < 5 ? 1 : 0,
      mid: l.words >= 5 && l.words <= 15 ? 1 : 0,
      long: l.words > 15 ? 1 : 0,
      slug: slug.length ? shared / slug.length : 0,
      slug_match: shared >= 2 && shared / slug.length >= SLUG_MIN_SHARE ? 1 : 0,
      repeats: count(l.norm) >= 2 && l.words > TITLE_MIN_WORDS ? 1 : 0,
      first: k === 0 ? 1 : 0,
      before_body: body.slice(0, i).some(Boolean) ? 0 : 1,
      next_is_body: next < lines.length && body[next] ? 1 : 0,
      body_like: body[i] ? 1 : 0,
      lead_overlap: words.length ? words.filter((t) => lead.has(t)).length / words.length : 0,
      exclaims: /[!?؟]["'”»)]*$/.test(l.text) ? 1 : 0,
      colon: /\S\s*[:：]\s*\S/.test(l.text) ? 1 : 0,
      comma: /[،,]/.test(l.text) ? 1 : 0,
      digits: (l.text.match(/[\d٠-٩]/g) ?? []).length / chars,
      latin: /[a-z]/i.test(l.text) ? 1 : 0,
      position: window.length > 1 ? k / (window.length - 1) : 0,
      credit_shape: creditShape(l.text) ? 1 : 0,
      opens_wa: /^و[\u0621-\u064a]{2,}/.test(l.norm) ? 1 : 0,
    };
    return { index: i, x: FEATURES.map((name) => f[name]) };
  });
  const noBody = !body.some(Boolean);
  // With no paragraph to stand above, shape alone proves nothing: a lone line, a list of links or a
  // sentence cleaned on its own ("تابعوا المباراة من المدرجات") is not a headline. It needs the page's
  // own evidence, a repeat or the slug, and a page of more than one line.
  if (noBody) {
    const evident = (c: TitleCandidate) => c.x[REPEATS] > 0 || c.x[SLUG_MATCH] > 0;
    return { candidates: lines.length > 1 ? candidates.filter(evident) : [], noBody };
  }
  return { candidates, noBody };
}

/** The scores of every candidate and of "no title" (the last entry). */
export function choiceScores(c: TitleChoice, m: TitleModel = TITLE_MODEL): number[] {
  const w = weightsOf(m);
  const s = c.candidates.map((cand) => cand.x.reduce((acc, v, j) => acc + v * w[j], 0));
  s.push(m.none + (c.noBody ? m.noneNoBody : 0));
  return s;
}

export interface TitlePick {
  index: number;
  /** Probability of this choice among the page's choices. */
  p: number;
  evidence: Record<string, string | number>;
}

/** The headline among the candidates, or null when "no title" scores best. */
export function chooseTitle(c: TitleChoice, m: TitleModel = TITLE_MODEL): TitlePick | null {
  if (!c.candidates.length) return null;
  const s = choiceScores(c, m);
  const max = Math.max(...s);
  const best = s.indexOf(max);
  if (best === c.candidates.length) return null;
  const z = s.reduce((acc, v) => acc + Math.exp(v - max), 0);
  const cand = c.candidates[best];
  const evidence = { p: Number((1 / z).toFixed(3)), ...topContributions(cand.x, weightsOf(m), FEATURES) };
  return { index: cand.index, p: 1 / z, evidence };
}
