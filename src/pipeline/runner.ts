/**
 * `runPipeline([reader, ...stages, writer])`: the one runner every command goes through. The first
 * stage reads (it ignores its input); each next stage reads the one before; the last one writes.
 * A stage with `prepare` gets a first pass over the input as read (the runner reads it twice, so
 * memory holds counts, never the corpus); the count of that pass sizes the progress bar.
 */
import type { Article } from '../core/article.js';
import { stageContext, statKey, type Progress, type RejectSink, type Stage } from '../core/stage.js';
import { Stats } from '../core/stats.js';

export interface PipelineRun {
  stats: Stats;
  rejects?: RejectSink | null;
  progress?: Progress | null;
}

async function* nothing(): AsyncIterable<Article> {}

export async function runPipeline(stages: Stage[], run: PipelineRun): Promise<Stats> {
  const [source] = stages;
  if (!source) return run.stats;
  // pass 1: counted apart (and no rejects reported), so every figure of the run is counted once
  let total: number | null = null;
  for (const s of stages) {
    if (!s.prepare) continue;
    const scratch = new Stats();
    await s.prepare(source.run(nothing(), stageContext(source.name, { stats: scratch })), stageContext(s.name, run));
    total = scratch.get(statKey(source.name, 'in'));
  }
  if (total !== null) run.progress?.start(total);
  // pass 2: every stage pulls from the one before it
  let flow: AsyncIterable<Article> = nothing();
  for (const s of stages) flow = s.run(flow, stageContext(s.name, run));
  try {
    for await (const a of flow) void a; // the last stage writes; what it yields is done
  } finally {
    run.progress?.stop();
  }
  return run.stats;
}
