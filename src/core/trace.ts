/**
 * A Reason is one decision a stage took about an article, kept with it forever
 * (vfile's messages, datatrove's filter reasons). Tests check `rule`, a stable id
 * written `stage/kebab-case`, not only the outcome.
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
}

export function reason(
  rule: string,
  action: Action,
  message: string,
  extra: { place?: Place; evidence?: Record<string, string | number> } = {},
): Reason {
  return { rule, action, message, ...extra };
}
