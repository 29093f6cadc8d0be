/**
 * A Reason is one decision a stage took about an article, kept with it forever
 * (vfile's messages, datatrove's filter reasons). It is the one shape of provenance:
 * a dropped line (`Article.removed`), an edit or note (`Article.trace`), a rejection
 * (`Article.rejected`) and the notes behind a clustering decision (`Why.reasons`) are all
 * Reasons. Tests check `rule`, a stable id written `stage/kebab-case`, not only the outcome.
 */
export type Action = 'drop-article' | 'drop-line' | 'edit' | 'join' | 'note';

export type Place = { line: number } | { start: number; end: number };

export interface Reason {
  /** Stable id, e.g. 'clean/template-leak'. */
  rule: string;
  /** Human sentence, e.g. 'line 14 is a template placeholder {{ article.visit_count }}'. */
  message: string;
  action: Action;
  place?: Place;
  evidence?: Record<string, string | number>;
  /** The text the decision is about, as written: the line a `drop-line` took out of the body
   *  (vfile calls it `actual`). Kept so a reader sees what went without the raw document. */
  text?: string;
}

export function reason(
  rule: string,
  action: Action,
  message: string,
  extra: { place?: Place; evidence?: Record<string, string | number>; text?: string } = {},
): Reason {
  return { rule, action, message, ...extra };
}

/** The 1-based line a Reason is placed at, or null (a Reason about the whole article). */
export function lineOf(r: Reason): number | null {
  return r.place && 'line' in r.place ? r.place.line : null;
}
