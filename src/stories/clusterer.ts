/**
 * The Clusterer: every incoming article gets the event it reports, the story it
 * belongs to, its entities and event date, and the reasons. For each article:
 *   0. not Arabic (or no letters) → an event and story of its own (stories/not-arabic)
 *   1. event date from the lede against the published date (stories/no-date, stories/future-date)
 *   2. entities (stories/no-entities when none: it is clustered on terms alone)
 *   3. features: TF-IDF terms + boosted entities
 *   4. a duplicate (duplicate_of) joins its canonical article's event when that is still active
 *   5. the best active event at or above EVENT_THRESHOLD, else a new event ev_<article id>
 *   6. a new event joins the best story at or above STORY_THRESHOLD, else a new story st_<article id>
 *   7. document frequencies learn the article; old idle events and stories leave the window
 * Decisions depend only on the articles seen so far, so a run is deterministic for an input order.
 */
import { bodyText, type Article, type EntityMention } from '../core/article.js';
import { khabarError } from '../core/errors.js';
import { reason, type Reason } from '../core/trace.js';
import { arabicShare } from '../text/tokenize.js';
import { announcedDate, LEDE_CHARS, resolveEventDate, type DateSource } from './dates.js';
import { entitiesOf, type PersonMention } from './entities.js';
import {
  ActiveClusters,
  bestEvent,
  EVENT_BOOST,
  EVENT_GAP1_FACTOR,
  EVENT_NO_DATE_FACTOR,
  EVENT_THRESHOLD,
  EVENT_WEEKDAY_FACTOR,
  LEAD_CHARS,
  UNDATED_MARGIN,
  type Basis,
  type Cluster,
  type Evidence,
  type Facts,
  type Scored,
} from './events.js';
import { happeningOf, TOLL_CHARS } from './happening.js';
import { normalize } from '../text/normalize.js';
import { explain } from './explain.js';
import { defaultGazetteer, type Gazetteer, type GazetteerEntry } from './gazetteer/index.js';
import {
  bestStory,
  EVENT_WINDOW_DAYS,
  MIN_IDLE_ARRIVALS,
  newStories,
  STORY_BOOST,
  STORY_REOPEN,
  STORY_THRESHOLD,
  STORY_WINDOW_DAYS,
} from './stories.js';
import { toks } from './tokens.js';
import { articleVector, DocFreq, query, type Boost, type Query } from './vectors.js';

/** Same bar as src/clean/lang.ts: an Arabic article quotes NATO and COVID-19, half its letters Arabic is plenty. */
export const MIN_ARABIC_SHARE = 0.5;
/** Fewer letters than this is not an article to cluster ("..." or a lone link). */
export const MIN_LETTERS = 20;
/** Articles the CLI clusters together in canonical order (Clusterer.addBatch): a day of a large feed, bounded memory. */
export const CLUSTER_BATCH = 2_000;
/** People learned from the stream (a name after a title), at most this many (bounds memory). */
export const MAX_LEARNED_PEOPLE = 20_000;
/** Eviction scans every this many arrivals (cheap: one pass over active clusters). */
const EVICT_EVERY = 256;
const STATE_VERSION = 2;
const DAY_NAMES_AR = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

/** The tunable parameters; defaults are the named constants (see events.ts, stories.ts for how they were measured). */
export interface ClusterParams {
  eventThreshold: number;
  storyThreshold: number;
  eventBoost: Boost;
  storyBoost: Boost;
  gap1Factor: number;
  noDateFactor: number;
  weekdayFactor: number;
  undatedMargin: number;
  storyWindowDays: number;
}

export const DEFAULT_PARAMS: ClusterParams = {
  eventThreshold: EVENT_THRESHOLD,
  storyThreshold: STORY_THRESHOLD,
  eventBoost: EVENT_BOOST,
  storyBoost: STORY_BOOST,
  gap1Factor: EVENT_GAP1_FACTOR,
  noDateFactor: EVENT_NO_DATE_FACTOR,
  weekdayFactor: EVENT_WEEKDAY_FACTOR,
  undatedMargin: UNDATED_MARGIN,
  storyWindowDays: STORY_WINDOW_DAYS,
};

export interface ClustererOptions {
  /** Override parameters (evaluation and tuning); the defaults are what ships. */
  params?: Partial<ClusterParams>;
  /** "Today" for future-date checks (YYYY-MM-DD); default the clock. Pass it for reproducible runs. */
  now?: string;
  gazetteer?: Gazetteer;
}

export interface ClustererCounts {
  articles: number;
  events: number;
  stories: number;
}

export class Clusterer {
  df = new DocFreq();
  readonly params: ClusterParams;
  events: ActiveClusters;
  stories: ActiveClusters;
  /** Article id → event id, for active events (duplicates resolve against it). */
  readonly articleEvent = new Map<string, string>();
  seq = 0;
  newest: string | null = null;
  counts: ClustererCounts = { articles: 0, events: 0, stories: 0 };
  readonly now: string;
  private readonly gaz: Gazetteer;
  /** People learned from the stream, in the order learned (saved with the state). */
  readonly learned: GazetteerEntry[] = [];

  constructor(opts: ClustererOptions = {}) {
    this.now = opts.now ?? new Date().toISOString().slice(0, 10);
    const p = (this.params = { ...DEFAULT_PARAMS, ...opts.params });
    this.events = new ActiveClusters({
      windowDays: EVENT_WINDOW_DAYS,
      minIdle: MIN_IDLE_ARRIVALS,
      boost: p.eventBoost,
      gap1: p.gap1Factor,
      noDate: p.noDateFactor,
      weekday: p.weekdayFactor,
      undatedMargin: p.undatedMargin,
    });
    this.stories = newStories(p.storyBoost, p.storyWindowDays);
    // a private copy: the people this stream teaches it stay with this clusterer
    this.gaz = (opts.gazetteer ?? defaultGazetteer()).clone();
  }

  /**
   * Clusters a batch in a canonical order, whatever order it came in: dated articles by published date, then
   * undated ones (so they meet the events that dates have already set), ties by id. Within a batch the result
   * does not depend on the input order (real feeds arrive out of order); the caller keeps its own order for output.
   * The CLI feeds batches of CLUSTER_BATCH articles, so memory stays flat.
   */
  addBatch(batch: Article[], onEach?: (a: Article) => void): Article[] {
    const key = (a: Article) => `${a.published ? `0${a.published}` : '1'}\u0000${a.id}`;
    const order = batch
      .map((a, i) => [key(a), i] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    for (const [, i] of order) {
      this.add(batch[i]);
      onEach?.(batch[i]);
    }
    return batch;
  }

  /** Sets event, story, eventDate, entities and why; every note is a Reason in the trace (the
   *  cluster stage, src/pipeline/stages/cluster.ts, counts them). */
  add(a: Article): Article {
    return this.assign(a);
  }

  private assign(a: Article): Article {
    this.seq++;
    this.counts.articles++;
    // one note is one Reason: in the trace and behind the decision (why.reasons)
    const notes: Reason[] = [];
    const note = (rule: string, message: string, evidence?: Record<string, string | number>) => {
      const r = reason(rule, 'note', message, evidence ? { evidence } : {});
      notes.push(r);
      a.trace.push(r);
    };
    const text = a.paragraphs.length ? bodyText(a) : a.raw;
    const title = a.title ?? '';

    // 1. event date
    const d = resolveEventDate({ title, text, published: a.published, now: this.now });
    if (d.futurePublished)
      note('stories/future-date', `published ${a.published} is after ${this.now}; date taken from the text only`, {
        published: a.published ?? '',
      });
    if (d.stalePublished)
      note(
        'stories/stale-published',
        `published ${d.stalePublished}, but the text calls ${d.date} today: dated by the text (the page date is a crawl, a re-post or an update)`,
        { published: d.stalePublished, today: d.date ?? '' },
      );
    if (d.todayWeekday)
      note(
        'stories/today-weekday',
        `the text calls ${d.todayWeekday} today, the page is dated ${a.published}: dated ${d.date} by the text's weekday, not by the page`,
        { today: d.todayWeekday, published: a.published ?? '', date: d.date ?? '' },
      );
    if (d.futureClause)
      note(
        'stories/future-clause',
        `no published date; ${d.futureClause} follows a verb in the future: what the report announces, not its day`,
        { announced: d.futureClause },
      );
    if (d.source === 'none')
      note(
        'stories/no-date',
        d.weekdays.length
          ? `no published date and no full date in the lede; it names ${d.weekdays.length > 1 ? 'weekdays' : 'a weekday'}: only events on that day may take it, on a stronger match`
          : 'no published date and no date in the lede: it joins an event only on a stronger match',
      );

    // 0. not Arabic
    const { share, letters } = arabicShare(`${title}\n${text}`);
    if (letters < MIN_LETTERS || share < MIN_ARABIC_SHARE) {
      note(
        'stories/not-arabic',
        `${Math.round(share * 100)}% Arabic letters of ${letters}: an event and story of its own`,
        { share: Math.round(share * 100) / 100, letters },
      );
      return this.fill(
        a,
        `ev_${a.id}`,
        `st_${a.id}`,
        d.date,
        [],
        explain({
          decision: 'not-arabic',
          match: null,
          matchDate: null,
          articleDate: d.date,
          entities: [],
          display: new Map(),
          reasons: notes,
        }),
      );
    }

    // 2–3. entities and features, from one tokenization of title + body
    const full = `${title}\n${text}`;
    const ts = toks(full);
    const entities = entitiesOf(ts, full, this.gaz);
    this.learn(entities, note);
    if (entities.length === 0)
      note('stories/no-entities', 'no person, organization or place found: clustered on terms alone');
    const split = ts.findIndex((t) => t.start > title.length);
    const titleToks = split < 0 ? ts : ts.slice(0, split);
    const bodyToks = split < 0 ? [] : ts.slice(split);
    const { vec, display } = articleVector(bodyToks, titleToks, entities);
    const eq = query(vec, this.df, this.params.eventBoost);

    // 4. duplicates join their canonical's event
    const dupOf = a.duplicateOf ?? (typeof a.meta.duplicate_of === 'string' ? a.meta.duplicate_of : null);
    let event: Cluster | undefined;
    let story: Cluster | undefined;
    let decision: string;
    let match: Scored | null;
    let storyMatch: Scored | null = null;
    const canonicalEvent = dupOf ? this.events.clusters.get(this.articleEvent.get(dupOf) ?? '') : undefined;
    // the happening and the story query place a report; a copy whose canonical is placed needs neither
    // (two thirds of the generated bench's documents), unless its canonical's story has left the window
    let facts: Facts | undefined;
    let sq: Query | undefined;
    const factsNow = () => (facts ??= this.factsOf(a, title, text, d, entities, note));
    const storyQuery = () => (sq ??= query(vec, this.df, this.params.storyBoost, eq));
    if (!canonicalEvent) factsNow();
    if (dupOf && !canonicalEvent)
      note(
        'stories/duplicate-canonical-unknown',
        `canonical ${dupOf} is not in an active event: clustered on its own`,
        { canonical: dupOf },
      );

    if (canonicalEvent) {
      // 4. duplicate: same event, centroid untouched (a copy is not new evidence)
      event = canonicalEvent;
      decision = 'duplicate-of-canonical';
      match = { ...this.events.scored(eq, event, this.df), score: 1 };
      event.lastSeq = this.seq;
      event.members?.push(a.id);
      story = this.stories.clusters.get(event.story ?? '');
      if (story) story.lastSeq = this.seq;
    } else {
      // 5. best event
      const found = bestEvent(this.events, eq, this.df, factsNow(), this.params.eventThreshold);
      match = found.best;
      if (found.joined && found.best) {
        event = found.best.cluster;
        decision = 'joined-event';
        this.events.add(event, vec, eq, factsNow(), this.seq);
        if (found.evidence) noteEvidence(note, found.evidence, event.id);
        event.members?.push(a.id);
        story = this.stories.clusters.get(event.story ?? '');
        if (story) this.stories.add(story, vec, storyQuery(), factsNow(), this.seq);
      } else {
        decision = 'new-event';
        const o = found.otherDay;
        const amb = found.ambiguous;
        if (amb && found.best) {
          const [b, r] = [found.best, amb];
          note(
            'stories/ambiguous-undated',
            `no date, and as similar to ${r.cluster.id} (${r.score.toFixed(2)}) as to ${b.cluster.id} (${b.score.toFixed(2)}): its words do not tell which happening it reports: a new event`,
            {
              event: b.cluster.id,
              score: Math.round(b.score * 1000) / 1000,
              runner_up: r.cluster.id,
              runner_up_score: Math.round(r.score * 1000) / 1000,
            },
          );
        } else if (o) {
          const rule = RULED_APART.has(o.evidence.basis) ? `stories/${o.evidence.basis}` : 'stories/different-day';
          note(rule, `as similar as ${o.cluster.id} (${o.cosine.toFixed(2)}) but ${o.evidence.detail()}: a new event`, {
            event: o.cluster.id,
            cosine: Math.round(o.cosine * 1000) / 1000,
            event_date: o.cluster.date ?? '',
            basis: o.evidence.basis,
          });
        }
        event = this.events.create(uniqueId(this.events, `ev_${a.id}`), vec, eq, factsNow(), this.seq);
        event.members = [a.id];
        this.counts.events++;
      }
      // 6. story for a new event (or an event whose story left the window)
      if (!story) {
        const s = bestStory(this.stories, storyQuery(), this.df, factsNow(), this.params.storyThreshold);
        storyMatch = s.best;
        if (s.joined && s.best) {
          story = s.best.cluster;
          if (s.reopened)
            note(
              'stories/story-reopened',
              `no story in the last ${this.params.storyWindowDays} days: ${story.id} (last report ${story.lastDate ?? '?'}) taken up again, cosine ${s.best.cosine.toFixed(2)} ≥ ${STORY_REOPEN}`,
              { story: story.id, last: story.lastDate ?? '', cosine: Math.round(s.best.cosine * 1000) / 1000 },
            );
          this.stories.add(story, vec, storyQuery(), factsNow(), this.seq);
        } else {
          story = this.stories.create(uniqueId(this.stories, `st_${a.id}`), vec, storyQuery(), factsNow(), this.seq);
          this.counts.stories++;
        }
        event.story = story.id;
      }
    }
    if (!story) {
      // the canonical's story left the window before its event: give the event a story again
      story = this.stories.create(uniqueId(this.stories, `st_${a.id}`), vec, storyQuery(), factsNow(), this.seq);
      event.story = story.id;
      this.counts.stories++;
    }
    this.articleEvent.set(a.id, event.id);
    a.trace.push(
      reason(`stories/${decision}`, decision === 'new-event' ? 'note' : 'join', `${event.id} in ${story.id}`, {
        evidence: { event: event.id, story: story.id, score: Math.round((match?.score ?? 0) * 1000) / 1000 },
      }),
    );

    // 7. learn, then let old clusters go
    if (decision !== 'duplicate-of-canonical') this.df.add(vec);
    if (d.date && (!this.newest || d.date > this.newest)) this.newest = d.date;
    if (this.seq % EVICT_EVERY === 0) this.evict();

    const why = explain({
      decision,
      match,
      matchDate: (decision === 'new-event' ? (storyMatch?.cluster.date ?? null) : match?.cluster.date) ?? null,
      articleDate: d.date,
      entities,
      display,
      story: storyMatch,
      reasons: notes,
    });
    return this.fill(a, event.id, story.id, event.date ?? d.date, entities, why);
  }

  /** The facts that place a report among events: its date (a preview's is the day it announces), happening and people. */
  private factsOf(
    a: Article,
    title: string,
    text: string,
    d: ReturnType<typeof resolveEventDate>,
    entities: PersonMention[],
    note: (rule: string, message: string, e?: Record<string, string>) => void,
  ): Facts {
    const hap = happeningOf(
      normalize(title),
      normalize(text.slice(0, LEDE_CHARS)),
      normalize(text.slice(0, TOLL_CHARS)),
    );
    const facts: Facts = {
      date: d.date,
      source: d.source,
      days: d.days,
      weekdays: d.weekdays,
      recalls: d.recalls,
      monthDays: d.monthDays,
      hap,
      people: entities.filter((e) => e.type === 'person').map((e) => `@${e.key}`),
      lead: leadActor(entities, title, text),
    };
    // a preview is dated by the day it announces (the match, the session), not the day it was written
    const an = hap.phase === 'preview' ? announcedDate({ title, text, published: a.published, now: this.now }) : null;
    if (an && (an.date || !d.date)) {
      facts.date = an.date;
      facts.source = an.date ? 'explicit' : 'none';
      facts.days = an.days;
      facts.weekdays = an.weekdays;
      facts.monthDays = [];
      facts.recalls = [];
      note(
        'stories/preview-date',
        `a preview: dated by the day it announces, ${an.date ?? DAY_NAMES_AR[an.weekdays[0]]} ("${an.expr}")`,
        { announced: an.date ?? DAY_NAMES_AR[an.weekdays[0]], expr: an.expr },
      );
    }
    return facts;
  }

  /**
   * A name read after a title ("وزير الخارجية العراقي فؤاد حسين") is a person: later articles that name them
   * without the title ("فؤاد حسين يصل إلى واشنطن") find them too (stories/learned-person). Two words or more,
   * each of three letters or more, so a stray word after a title is not learned.
   */
  private learn(entities: PersonMention[], note: (rule: string, message: string, e?: Record<string, string>) => void) {
    for (const e of entities) {
      if (e.type !== 'person' || !e.titles?.length || this.gaz.entries.has(e.key)) continue;
      if (this.learned.length >= MAX_LEARNED_PEOPLE) return;
      const words = e.name.split(/\s+/);
      if (words.length < 2 || words.some((w) => w.length < 3)) continue;
      const junk = notAName(words, e.titles[0], this.gaz);
      if (junk) {
        note('stories/not-learned', `${e.name} follows the title ${e.titles[0]}, but ${junk}: not learned`, {
          key: e.key,
          name: e.name,
        });
        continue;
      }
      const entry: GazetteerEntry = { key: e.key, type: 'person', name: e.name, aliases: [] };
      this.gaz.addEntry(entry);
      this.learned.push(entry);
      note('stories/learned-person', `${e.name} follows the title ${e.titles[0]}: learned as a person`, {
        key: e.key,
        name: e.name,
      });
    }
  }

  private fill(
    a: Article,
    event: string,
    story: string,
    eventDate: string | null,
    entities: EntityMention[],
    why: Article['why'],
  ): Article {
    a.event = event;
    a.story = story;
    a.eventDate = eventDate;
    a.entities = entities;
    a.why = why;
    return a;
  }

  /** Drops events and stories that left the window, and their article ids. */
  evict(): void {
    for (const e of this.events.evict(this.newest, this.seq))
      for (const id of e.members ?? []) this.articleEvent.delete(id);
    this.stories.evict(this.newest, this.seq);
  }

  get activeEvents(): number {
    return this.events.clusters.size;
  }

  get activeStories(): number {
    return this.stories.clusters.size;
  }

  /** State for a later run to continue clustering into the same events and stories. */
  toJSON(): ClustererState {
    return {
      version: STATE_VERSION,
      now: this.now,
      params: this.params,
      seq: this.seq,
      newest: this.newest,
      counts: this.counts,
      df: this.df.toJSON(),
      events: this.events.toJSON(),
      stories: this.stories.toJSON(),
      learned: this.learned,
    };
  }

  static fromJSON(state: ClustererState, opts: ClustererOptions = {}): Clusterer {
    // parameters travel with the state, so a continued run decides as the first one did
    opts = { ...opts, params: { ...state.params, ...opts.params } };
    if (state.version !== STATE_VERSION)
      throw khabarError('KHB_BAD_INPUT', `clusterer state version ${state.version}, expected ${STATE_VERSION}`);
    const c = new Clusterer({ now: state.now, ...opts });
    c.seq = state.seq;
    c.newest = state.newest;
    c.counts = { ...state.counts };
    c.df = DocFreq.fromJSON(state.df);
    c.events.load(state.events as Parameters<ActiveClusters['load']>[0]);
    c.stories.load(state.stories as Parameters<ActiveClusters['load']>[0]);
    for (const e of state.learned ?? []) {
      c.gaz.addEntry(e);
      c.learned.push(e);
    }
    for (const e of c.events.clusters.values()) for (const id of e.members ?? []) c.articleEvent.set(id, e.id);
    return c;
  }
}

export interface ClustererState {
  version: number;
  now: string;
  params: ClusterParams;
  seq: number;
  newest: string | null;
  counts: ClustererCounts;
  df: { docs: number; df: [string, number][] };
  events: object[];
  stories: object[];
  learned?: GazetteerEntry[];
}

/**
 * Which dates decided a join, as a reason: stories/date-named-day ("both name 2021-06-30"), stories/date-same-day,
 * stories/date-next-day, stories/date-weekday, stories/date-undated (content alone, on a stronger match).
 */
function noteEvidence(
  note: (rule: string, message: string, evidence?: Record<string, string | number>) => void,
  e: Evidence,
  event: string,
): void {
  note(`stories/date-${e.basis}`, `joined ${event}: ${e.detail()}`, { event, factor: e.factor });
}

/** The first person named, as '@person:…', when the headline or the lede's first LEAD_CHARS name them; else null. */
function leadActor(entities: EntityMention[], title: string, text: string): string | null {
  const first = entities.find((e) => e.type === 'person');
  if (!first) return null;
  const opening = text.slice(0, LEAD_CHARS);
  return first.surface.some((s) => title.includes(s) || opening.includes(s)) ? `@${first.key}` : null;
}

/** What kept a report out of an event with a rule of its own in `why` (stories/<basis>); any other basis is a day apart. */
const RULED_APART: ReadonlySet<Basis> = new Set<Basis>([
  'happening-conflict',
  'different-actor',
  'next-day-unnamed',
  'toll-conflict',
  'solitary-act',
]);

/** Tanween (ً ٌ ٍ) ending a word as written: "أميراً", "شغورًا". */
const TANWEEN_END = /[\u064b-\u064d]\u0627?$|\u0627\u064b$/;
/** A preposition with the article: "للجمهورية", "بالجولة", never the start of a name (not فال, كال: "فالنتينا", "كالفن"). */
const PREPOSITION_ARTICLE = /^(?:لل|بال)/;

/**
 * Why the words read after a title are not a name to learn, or null (stories/not-learned). A name read after a title
 * runs on until something stops it, so it may take in what follows the person: the indefinite accusative of what
 * they were made ("بايع مجلس الأمة الشيخ مشعل أميراً للبلاد", tanween; "انتخاب قائد الجيش جوزيف عون رئيسا", a
 * title's accusative), or a title's complement ("انتخاب رئيس للجمهورية بالجولة الأولى"). Learned, such a "name"
 * is looked for in every later report, and its key (the skeleton of its last word, "أميراً") is shared by every
 * report of anyone made emir. Names carry no tanween in news copy, and none begins with a preposition and article;
 * a title with one ("رئيس للجمهورية", "a president for the republic") is an office to fill, and what follows it
 * is what fills the sentence ("وسط فراغ رئاسي"). Nine such names in the own development half are no longer
 * learned; event F1 unchanged there and on eval-dev (none of them is named again in a later report).
 */
function notAName(words: string[], title: string, gaz: Gazetteer): string | null {
  // "انتخاب رئيس للجمهورية": an office to fill, not a person's title (a title of a person is its definite form)
  const t = title
    .split(/\s+/)
    .slice(1)
    .find((w) => normalize(w).startsWith('لل'));
  if (t) return `the title's ${t} makes it an office to fill, not a person's`;
  for (const w of words) {
    if (TANWEEN_END.test(w)) return `${w} is an accusative (tanween)`;
    const n = normalize(w);
    if (n.length >= 4 && n.endsWith('ا') && (gaz.titles.has(n.slice(0, -1)) || gaz.titles.has(`ال${n.slice(0, -1)}`)))
      return `${w} is a title's accusative`;
  }
  if (PREPOSITION_ARTICLE.test(normalize(words[0]))) return `${words[0]} begins with a preposition and article`;
  return null;
}

/** ev_<id>, or ev_<id>~2 … when the input repeats an id. */
function uniqueId(set: ActiveClusters, id: string): string {
  if (!set.clusters.has(id)) return id;
  for (let k = 2; ; k++) if (!set.clusters.has(`${id}~${k}`)) return `${id}~${k}`;
}

export type { DateSource };
