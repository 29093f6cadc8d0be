/**
 * Explanations: every assignment says its score, the entities and terms it
 * shares with the event (or story) it joined, and the gap between event dates.
 *   {"score": 0.41, "entities": ["الناتو", "مصطفى الكاظمي", "بروكسل"], "terms": ["التعاون", "البعثة"], "date_gap_days": 0}
 */
import type { EntityMention, Why } from '../core/article.js';
import type { Reason } from '../core/trace.js';
import { dayGap } from './dates.js';
import type { Scored } from './events.js';
import { ENTITY_PREFIX, isEntity } from './vectors.js';

/** Entities and terms shown in an explanation. */
export const WHY_TOP = 5;

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface WhyInput {
  decision: string;
  /** The event or story the article was compared with (joined, or the best below threshold). */
  match: Scored | null;
  matchDate: string | null;
  articleDate: string | null;
  entities: EntityMention[];
  display: Map<string, string>;
  story?: Scored | null;
  /** The notes taken on the way (the same Reasons as in the article's trace). */
  reasons: Reason[];
}

/** Top shared features, split into entity names and terms as written in this article. */
export function sharedNames(shared: [string, number][], entities: EntityMention[], display: Map<string, string>) {
  const names = new Map(entities.map((e) => [ENTITY_PREFIX + e.key, e.name]));
  const ents: string[] = [];
  const terms: string[] = [];
  for (const [f] of shared) {
    if (isEntity(f)) {
      if (ents.length < WHY_TOP) ents.push(names.get(f) ?? f.slice(1));
    } else if (terms.length < WHY_TOP) terms.push(display.get(f) ?? f);
  }
  return { entities: ents, terms };
}

export function explain(w: WhyInput): Why {
  // what the decision rests on: the event it joined; else the story it joined; else its own strongest entities
  const basis = w.match && w.decision === 'joined-event' ? w.match : w.story && w.story.shared.length ? w.story : null;
  const shared = basis
    ? sharedNames(basis.shared, w.entities, w.display)
    : {
        entities: [...w.entities]
          .sort((a, b) => b.count - a.count)
          .slice(0, WHY_TOP)
          .map((e) => e.name),
        terms: [],
      };
  const why: Why = {
    score: round(w.match?.score ?? 0),
    entities: shared.entities,
    terms: shared.terms,
    date_gap_days: dayGap(w.articleDate, w.matchDate),
    decision: w.decision,
  };
  if (w.story) why.story_score = round(w.story.score);
  if (w.reasons.length) why.reasons = w.reasons;
  return why;
}
