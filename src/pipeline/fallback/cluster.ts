/**
 * A stand-in for src/stories until it lands: tf-idf vectors of stemmed content
 * words, an event is a same-day (±1) group of close articles, a story a chain
 * of events sharing vocabulary within STORY_MAX_GAP_DAYS. Duplicates follow
 * their canonical. Candidates come from an inverted index on top terms.
 */
import { bodyText, type Article } from '../../core/article.js';
import { normalize } from '../../text/normalize.js';
import { stemNormalized } from '../../text/stem.js';
import { isStopword } from '../../text/stopwords.js';
import { words } from '../../text/tokenize.js';
import type { Reassignment } from '../../store/store.js';

/** Terms kept per vector: all of a short news report; a cap for long ones. */
export const TOP_TERMS = 150;
/** Terms an article posts in the candidate index. */
const POSTED_TERMS = 12;
/** Terms of an article used to find candidate events. */
const LOOKUP_TERMS = 40;
/** Recent stories always considered, besides those found through shared terms. */
const RECENT_STORIES = 50;
/** Cosine to an event centroid to join it: same day 0.3, next day 0.5 (follow-ups). */
export const EVENT_SAME_DAY = 0.2;
export const EVENT_NEXT_DAY = 0.45;
/** Cosine to a story centroid to join it, within this many days of its last event. */
export const STORY_MIN = 0.12;
export const STORY_MAX_GAP_DAYS = 10;

type Vec = Record<string, number>;
interface Group {
  id: string;
  story?: string;
  date: string | null;
  last: string | null;
  centroid: Vec;
  n: number;
}
interface State {
  df: Record<string, number>;
  docs: number;
  events: Group[];
  stories: Group[];
  byArticle: Record<string, string>;
}

const days = (a: string | null, b: string | null) =>
  a && b ? Math.round(Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000) : null;

function cosine(a: Vec, b: Vec): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (const k in a) {
    na += a[k] ** 2;
    if (b[k]) dot += a[k] * b[k];
  }
  for (const k in b) nb += b[k] ** 2;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class FallbackClusterer {
  readonly name = 'fallback-tfidf';
  private s: State = { df: {}, docs: 0, events: [], stories: [], byArticle: {} };
  private events = new Map<string, Group>();
  private stories = new Map<string, Group>();
  private postings = new Map<string, string[]>();

  static load(state: string | null): FallbackClusterer {
    const c = new FallbackClusterer();
    if (state) c.s = JSON.parse(state) as State;
    for (const e of c.s.events) {
      c.events.set(e.id, e);
      c.post(e.id, e.centroid);
    }
    for (const st of c.s.stories) c.stories.set(st.id, st);
    return c;
  }

  private post(eventId: string, v: Vec): void {
    const top = Object.entries(v)
      .sort((a, b) => b[1] - a[1])
      .slice(0, POSTED_TERMS);
    for (const [t] of top) {
      const list = this.postings.get(t) ?? [];
      if (!list.includes(eventId)) list.push(eventId);
      this.postings.set(t, list.length > 100 ? list.slice(-100) : list);
    }
  }

  /** Counts document frequencies of a whole window first, so idf is stable from its first article. */
  prepare(batch: Article[]): void {
    for (const a of batch) {
      const tf = this.termCounts(a);
      this.s.docs++;
      for (const t in tf) this.s.df[t] = (this.s.df[t] ?? 0) + 1;
      this.prepared.add(a.id);
    }
  }
  private prepared = new Set<string>();

  private termCounts(a: Article): Vec {
    const tf: Vec = {};
    const text = `${a.title ?? ''} ${a.title ?? ''} ${bodyText(a)}`;
    for (const w of words(normalize(text))) {
      if (w.length < 3 || isStopword(w) || /^\d+$/.test(w)) continue;
      const t = stemNormalized(w);
      tf[t] = (tf[t] ?? 0) + 1;
    }
    return tf;
  }

  private vector(a: Article): Vec {
    const tf = this.termCounts(a);
    if (!this.prepared.delete(a.id)) {
      this.s.docs++;
      for (const t in tf) this.s.df[t] = (this.s.df[t] ?? 0) + 1;
    }
    const weighted = Object.entries(tf).map(
      ([t, n]) => [t, (1 + Math.log(n)) * Math.log(1 + this.s.docs / this.s.df[t])] as const,
    );
    return Object.fromEntries(weighted.sort((x, y) => y[1] - x[1]).slice(0, TOP_TERMS));
  }

  private absorb(g: Group, v: Vec, date: string | null): void {
    for (const k in v) g.centroid[k] = (g.centroid[k] ?? 0) + v[k];
    g.centroid = Object.fromEntries(
      Object.entries(g.centroid)
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP_TERMS * 2),
    );
    g.n++;
    if (date && (!g.last || date > g.last)) g.last = date;
    if (date && (!g.date || date < g.date)) g.date = date;
  }

  assign(a: Article): Reassignment[] {
    const v = this.vector(a);
    const date = a.published;
    const shared = (g: Group) =>
      Object.keys(v)
        .filter((k) => g.centroid[k])
        .slice(0, 8);
    // 1. a copy goes where its canonical went
    const canonicalEvent = a.duplicateOf ? this.s.byArticle[a.duplicateOf] : undefined;
    let event = canonicalEvent ? this.events.get(canonicalEvent) : undefined;
    let score = 1;
    let decision = 'duplicate-of-canonical';
    // 2. else the closest event of the same or next day
    const cands = new Set<string>();
    const lookup = Object.entries(v)
      .sort((x, y) => y[1] - x[1])
      .slice(0, LOOKUP_TERMS);
    for (const [t] of lookup) for (const id of this.postings.get(t) ?? []) cands.add(id);
    if (!event) {
      let best: { g: Group; c: number } | null = null;
      for (const id of cands) {
        const g = this.events.get(id)!;
        const gap = days(g.date, date);
        if (gap !== null && gap > 1) continue;
        const c = cosine(v, g.centroid);
        const need = gap === null || gap === 0 ? EVENT_SAME_DAY : gap === 1 ? EVENT_NEXT_DAY : Infinity;
        if (c >= need && (!best || c > best.c)) best = { g, c };
      }
      event = best?.g;
      score = best?.c ?? 0;
      decision = best ? 'joined-event' : 'new-event';
    }
    // 3. a new event joins the closest recent story, or starts one
    if (!event) {
      event = { id: `e_${a.id}`, date, last: date, centroid: {}, n: 0 };
      let best: { g: Group; c: number } | null = null;
      // candidate stories: those of events sharing a top term, and the latest few
      const storyIds = new Set([...cands].map((id) => this.events.get(id)!.story!));
      for (const st of this.s.stories.slice(-RECENT_STORIES)) storyIds.add(st.id);
      for (const sid of storyIds) {
        const st = this.stories.get(sid)!;
        const gap = days(st.last, date);
        if (gap !== null && gap > STORY_MAX_GAP_DAYS) continue;
        const c = cosine(v, st.centroid);
        if (c >= STORY_MIN && (!best || c > best.c)) best = { g: st, c };
      }
      const story = best?.g ?? { id: `s_${a.id}`, date, last: date, centroid: {}, n: 0 };
      if (!best) {
        this.stories.set(story.id, story);
        this.s.stories.push(story);
      }
      event.story = story.id;
      this.events.set(event.id, event);
      this.s.events.push(event);
      a.why = {
        score: best?.c ?? 0,
        entities: [],
        terms: shared(story),
        date_gap_days: days(story.last, date),
        decision,
        story_score: best?.c ?? 0,
      };
    } else {
      a.why = { score, entities: [], terms: shared(event), date_gap_days: days(event.date, date), decision };
    }
    const story = this.stories.get(event.story!)!;
    this.absorb(event, v, date);
    this.absorb(story, v, date);
    this.post(event.id, v);
    a.why.score = Math.round(a.why.score * 1000) / 1000;
    a.event = event.id;
    a.story = story.id;
    a.eventDate = event.date;
    a.entities ??= [];
    this.s.byArticle[a.id] = event.id;
    return [];
  }

  save(): string {
    return JSON.stringify(this.s);
  }
}
