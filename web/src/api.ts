/** The API the UI reads (types mirror src/store/store.ts). */
export interface Counts {
  events?: number;
  articles: number;
  sources: number;
}
export interface StorySummary {
  id: string;
  title: string | null;
  firstDate: string | null;
  lastDate: string | null;
  counts: Counts & { events: number };
}
export interface ArticleSummary {
  id: string;
  title: string | null;
  lede: string;
  site: string | null;
  url: string | null;
  published: string | null;
  status: 'stored' | 'duplicate' | 'rejected';
  dupGroup: string | null;
  duplicateOf: string | null;
  similarity: number | null;
  eventId: string | null;
  storyId: string | null;
}
export interface EventSummary {
  id: string;
  storyId: string | null;
  date: string | null;
  title: string | null;
  counts: Counts;
}
export interface Entity {
  key: string;
  type: string;
  name: string;
  articles?: number;
  count?: number;
}
export interface StoryDetail extends StorySummary {
  events: (EventSummary & { articles: ArticleSummary[] })[];
  entities: Entity[];
  timeline: { date: string; events: number; articles: number }[];
}
/** One decision about an article (src/core/trace.ts): removed lines, the trace and why.reasons. */
export interface Reason {
  rule: string;
  message: string;
  action: string;
  place?: { line: number } | { start: number; end: number };
  evidence?: Record<string, string | number>;
  /** The line a drop-line Reason took out, as written. */
  text?: string;
}
export interface ArticleDetail extends ArticleSummary {
  source: string;
  dateline: string | null;
  author: string | null;
  lang: string | null;
  eventDate: string | null;
  paragraphs: string[];
  removed: Reason[];
  rejected: Reason | null;
  trace: Reason[];
  duplicates: ArticleSummary[];
  why: {
    score: number;
    terms: string[];
    entities: string[];
    date_gap_days: number | null;
    decision: string;
    story_score?: number;
    reasons?: Reason[];
  } | null;
  entities: Entity[];
  event: EventSummary | null;
  story: StorySummary | null;
}
export interface SnippetPart {
  text: string;
  hit?: true;
}
export interface SearchHit {
  id: string;
  title: string | null;
  site: string | null;
  published: string | null;
  eventId: string | null;
  storyId: string | null;
  score: number;
  titleParts: SnippetPart[];
  lede: string;
  snippet: SnippetPart[];
  copies: number;
}
export interface Stats {
  documents: number;
  articles: { stored: number; duplicate: number; rejected: number };
  dupGroups: number;
  events: number;
  stories: number;
  sources: number;
  entities: number;
  perDay: { date: string; articles: number }[];
  perSource: { site: string; articles: number; duplicates: number; rejected: number }[];
  rejectedByRule: { rule: string; count: number }[];
  removedByRule: { rule: string; count: number }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, body?.code ?? 'KHB_HTTP', body?.message ?? res.statusText);
  return body as T;
}
