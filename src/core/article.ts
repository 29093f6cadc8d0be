import type { Reason } from './trace.js';

/**
 * The one carrier object every stage reads and writes. `raw` is the input as
 * decoded (never altered); `text` is the clean body as written (displayed);
 * matching uses `normalize(text)` computed where needed, never stored over `text`.
 */
export interface Article {
  id: string;
  /** File path (with `:line` for JSONL) or URL the document came from. */
  source: string;
  url: string | null;
  site: string | null;
  raw: string;
  /** The bytes as read, kept (and stored) only when they are not `raw` in UTF-8: another
   *  charset, a BOM, repaired mojibake. A better decoder can then start again from them. */
  bytes?: Uint8Array;
  /** 'text' | 'html' — what `raw` holds. */
  rawKind: 'text' | 'html';
  title: string | null;
  dateline: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  author: string | null;
  /** Clean body paragraphs, in order, as written. */
  paragraphs: string[];
  /** Lines the cleaner took out of the body, in line order: each a `drop-line` Reason with its
   *  rule, the rule's message, `place.line` (1-based, in the decoded input) and `text` as written. */
  removed: Reason[];
  lang: string;
  trace: Reason[];
  /** Set when the article as a whole was rejected. */
  rejected: Reason | null;
  /** Extra fields from the input (kept and written back out). */
  meta: Record<string, unknown>;
  /** A JSONL line as read: where (`file:line`) and the object it held. `khabar dedup` and
   *  `khabar cluster` write that object back with their fields added. Never stored. */
  record?: { at: string; object: Record<string, unknown> };
  /** Set by src/dedup: the canonical article's id of this article's duplicate group. */
  dupGroup?: string;
  /** Set by src/dedup: the canonical id when this article is a copy, else null. */
  duplicateOf?: string | null;
  /** Set by src/dedup: Jaccard estimate against the canonical (1 for the canonical itself). */
  similarity?: number;
  /** Set by src/stories. */
  event?: string;
  story?: string;
  eventDate?: string | null;
  entities?: EntityMention[];
  why?: Why;
}

/** An entity found in the text, folded to one key (الناتو = حلف شمال الأطلسي = NATO → 'org:nato'). */
export interface EntityMention {
  key: string;
  type: 'person' | 'org' | 'country' | 'city' | 'place';
  /** Display name (the gazetteer's preferred Arabic form). */
  name: string;
  /** Surface forms as written in this article. */
  surface: string[];
  count: number;
}

/** Why an article joined its event and story. */
export interface Why {
  score: number;
  entities: string[];
  terms: string[];
  date_gap_days: number | null;
  /** 'new-event' | 'joined-event' | 'duplicate-of-canonical' … */
  decision: string;
  story_score?: number;
  /** The notes the decision rests on ('stories/no-date', 'stories/different-day', …): the same
   *  Reasons the clusterer put in the article's trace. */
  reasons?: Reason[];
}

export function newArticle(init: Partial<Article> & Pick<Article, 'id' | 'source' | 'raw'>): Article {
  return {
    url: null,
    site: null,
    rawKind: 'text',
    title: null,
    dateline: null,
    published: null,
    author: null,
    paragraphs: [],
    removed: [],
    lang: 'und',
    trace: [],
    rejected: null,
    meta: {},
    ...init,
  };
}

export function bodyText(a: Article): string {
  return a.paragraphs.join('\n\n');
}
