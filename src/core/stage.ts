/**
 * The shape of a stage (datatrove's pipeline steps, vfile's messages): articles go in, articles come
 * out, carrying the Reasons they gathered. A stage that drops an article does not yield it; the
 * article goes to the run's rejects sink instead, with its Reason.
 *
 * Stats keys follow one scheme, `<stage>/<outcome>/<rule>`:
 *   - `<stage>` is the stage counting (`ingest`, `clean`, `dedup`, `cluster`, `store`);
 *   - `<outcome>` is a Reason's action (`drop-article`, `drop-line`, `edit`, `join`, `note`);
 *     `decided` for the one decision dedup and cluster take on each article (`dedup/decided/unique`,
 *     `cluster/decided/new-event`); `error` for unreadable input, with its error code as the rule
 *     (`ingest/error/KHB_EMPTY`); or a stage-level count with no rule: `in`, `out`, and a stage's
 *     own tallies (`dedup/canonical`, `store/stored`);
 *   - `<rule>` is the rule id without the counting stage's own prefix: `clean/navigation` counted by
 *     clean is `clean/drop-line/navigation`; a rule of another namespace is kept whole, so
 *     `html/other-candidate` counted by clean is `clean/note/html/other-candidate`.
 * The counts a run prints (src/pipeline/summary.ts) are read back through `statKey` and `Stats.byRule`;
 * `runs/<id>/stats.json` holds them as they are.
 */
import type { Article } from './article.js';
import type { Stats } from './stats.js';
import { reason, type Action, type Place, type Reason } from './trace.js';

/** A whole article a stage refused, or an input that could not be read (`unreadable`: no article). */
export interface Rejection {
  source: string;
  /** Line of the input file (JSONL), when there is one. */
  line?: number;
  reason: Reason;
  /** The article, when there is one (a store keeps rejected articles as rows). */
  article: Article | null;
}

/** Where rejected articles and unreadable inputs go: stderr and `--rejects` in the CLI, rows in the store. */
export type RejectSink = (r: Rejection) => void;

export interface StageContext {
  /** The stage this context counts for: the first part of every stats key it writes. */
  readonly stage: string;
  readonly stats: Stats;
  /** Drops the article: one `drop-article` Reason set as `rejected` and appended to the trace,
   *  counted once (`<stage>/drop-article/<rule>`), and sent to the rejects sink. */
  drop(a: Article, rule: string, message: string, extra?: ReasonExtra): Reason;
  /** Records a note (or an edit or a join) as one Reason in the trace, counted once. */
  note(a: Article, rule: string, message: string, extra?: ReasonExtra & { action?: NoteAction }): Reason;
  /** Counts a Reason a library step already put on an article (the cleaner's dropped lines,
   *  a dedup decision), once; a `drop-article` Reason also goes to the rejects sink. */
  count(a: Article, r: Reason): void;
  /** Counts a stage-level outcome with no Reason: `in`, `out`. */
  inc(outcome: string, by?: number): void;
  /** Reports an input that could not be read as an article (`<stage>/error/<code>`). */
  unreadable(source: string, code: string, message: string, line?: number): void;
  /** Progress of the run, if someone watches (a TTY progress bar). */
  readonly progress: Progress | null;
}

export type NoteAction = Exclude<Action, 'drop-article' | 'drop-line'>;
export type ReasonExtra = { place?: Place; evidence?: Record<string, string | number>; text?: string };

export interface Progress {
  start(total: number): void;
  tick(n?: number): void;
  stop(): void;
}

export interface Stage {
  name: string;
  run(articles: AsyncIterable<Article>, ctx: StageContext): AsyncIterable<Article>;
  /**
   * Optional first pass over the run's input as read, before any stage runs (the runner reads the
   * input twice): cross-document counts for the cleaner, the whole index for `khabar dedup`.
   */
  prepare?(articles: AsyncIterable<Article>, ctx: StageContext): Promise<void>;
}

/** The stats key of an outcome: `<stage>/<outcome>` or `<stage>/<outcome>/<rule>` (see above). */
export function statKey(stage: string, outcome: string, rule?: string): string {
  if (rule === undefined) return `${stage}/${outcome}`;
  const own = `${stage}/`;
  return `${stage}/${outcome}/${rule.startsWith(own) ? rule.slice(own.length) : rule}`;
}

/** A context for one stage of a run; every stage of a run shares `stats` and `rejects`. */
export function stageContext(
  stage: string,
  run: { stats: Stats; rejects?: RejectSink | null; progress?: Progress | null },
): StageContext {
  const { stats } = run;
  const sink = run.rejects ?? null;
  const count = (a: Article, r: Reason) => {
    stats.inc(statKey(stage, r.action, r.rule));
    if (r.action === 'drop-article') sink?.({ source: a.source, reason: r, article: a });
  };
  return {
    stage,
    stats,
    progress: run.progress ?? null,
    drop(a, rule, message, extra = {}) {
      const r = reason(rule, 'drop-article', message, extra);
      a.rejected = r;
      a.trace.push(r);
      count(a, r);
      return r;
    },
    note(a, rule, message, extra = {}) {
      const { action = 'note', ...rest } = extra;
      const r = reason(rule, action, message, rest);
      a.trace.push(r);
      count(a, r);
      return r;
    },
    count,
    inc(outcome, by = 1) {
      stats.inc(statKey(stage, outcome), by);
    },
    unreadable(source, code, message, line) {
      stats.inc(statKey(stage, 'error', code));
      const r = reason(code, 'drop-article', message);
      sink?.({ source, ...(line === undefined ? {} : { line }), reason: r, article: null });
    },
  };
}
