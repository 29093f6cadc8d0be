/**
 * Real labelled sets (eval-dev format: {"id","site","published","title","raw","event","story"}) go through
 * `khabar clean` first, as a user's pages would, then the clusterer. Two runs: with the page dates, and with
 * `published` withheld (null before cleaning). Beside them the "same published day = same event" baseline:
 * articles published the same day form one event, undated ones are each their own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/core/article.js';
import type { Stage } from '../../src/core/stage.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { cleanStage } from '../../src/pipeline/stages/clean.js';
import { readStage } from '../../src/pipeline/stages/read.js';
import { cleanRecord } from '../../src/clean/index.js';
import { Stats } from '../../src/core/stats.js';
import { bcubed, type Labelled, type PRF } from './cluster.js';

/** Cleans labelled raw rows with `khabar clean` (in-process, the same batch code); labels ride along by id. */
export async function cleanLabelled(rows: Labelled[], withhold = false): Promise<Labelled[]> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-eval-'));
  try {
    const input = join(dir, 'in.jsonl');
    const strip = (o: Record<string, unknown>) => {
      const rest = { ...o };
      delete rest.event;
      delete rest.story;
      return withhold ? { ...rest, published: null } : rest;
    };
    writeFileSync(input, rows.map((r) => JSON.stringify(strip(r.obj))).join('\n') + '\n');
    const byId = new Map(rows.map((r) => [String(r.obj.id), r]));
    const out: Labelled[] = [];
    const cleaned: Article[] = [];
    const collect: Stage = {
      name: 'collect',
      async *run(articles) {
        for await (const a of articles) {
          cleaned.push(a);
          yield a;
        }
      },
    };
    await runPipeline([readStage([input], { format: 'jsonl' }), cleanStage(), collect], { stats: new Stats() });
    for (const a of cleaned) {
      const rec = cleanRecord(a);
      const label = byId.get(rec.id);
      if (!label) continue;
      const obj: Record<string, unknown> = { ...rec };
      delete obj.removed;
      delete obj.edits;
      out.push({ obj, event: label.event, story: label.story });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Needs cleaning: labelled rows that carry the page (`raw`) and no cleaned `text`. */
export const needsClean = (rows: Labelled[]): boolean => rows.some((r) => typeof r.obj.raw === 'string' && !r.obj.text);

/** "Same published day = same event": no text at all. */
export function sameDayBaseline(rows: Labelled[]): PRF {
  const pred = rows.map((r, i) => {
    const p = typeof r.obj.published === 'string' ? r.obj.published.slice(0, 10) : null;
    return p ?? `undated:${i}`;
  });
  return bcubed(
    pred,
    rows.map((r) => r.event),
  );
}
