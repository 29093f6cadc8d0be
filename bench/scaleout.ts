/**
 * `npm run bench -- scaleout`: 20 000 documents of gen:dups (scale 1) on the PostgreSQL at
 * KHABAR_BENCH_PG (default the test server), each run in a fresh schema:
 *   1. `khabar process` into SQLite: the single-process reference;
 *   2. `khabar worker` × 1, 2, 3 processes (enqueue, then all workers at once until idle);
 *      in the 3-worker run one worker is SIGKILLed midway and restarted, and the export is
 *      compared with the reference (duplicate groups pairwise, events B-cubed);
 *   3. the ceilings apart: 3 workers that only clean (--no-sequencer), then one worker that
 *      only sequences (--concurrency 0) what they cleaned.
 * Workers are child processes of the CLI (dist/: run `npm run build` first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compareExports } from '../src/scale/compare.js';
import type { ExportRecord } from '../src/scale/export.js';
import { generateDups } from './gen-dups.js';
import type { BenchOptions, BenchResult } from './lib.js';

const PG = process.env.KHABAR_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function cli(args: string[]): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, done: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function must(args: string[]): Promise<void> {
  const code = await cli(args).done;
  if (code !== 0) throw new Error(`khabar ${args[0]} exited ${code}`);
}

const readJsonl = (p: string) =>
  readFileSync(p, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportRecord);

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: npm run build first');
  const n = Math.max(500, Math.round(20_000 * opts.scale));
  const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-scaleout-'));
  const input = join(dir, 'dups.jsonl');
  await new Promise<void>((done) => {
    const w = createWriteStream(input);
    for (const d of generateDups({ docs: n, seed: opts.seed })) w.write(JSON.stringify(d) + '\n');
    w.end(done);
  });
  const bytes = (await stat(input)).size;
  const admin = new pg.Pool({ connectionString: PG, max: 1 });
  const schemas: string[] = [];
  const fresh = () => {
    const s = `khabar_bench_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(s);
    return `${PG}${PG.includes('?') ? '&' : '?'}schema=${s}`;
  };
  const rows: BenchResult[] = [];
  const row = (corpus: string, seconds: number, extra: Record<string, string | number> = {}) =>
    rows.push({ stage: 'scaleout', corpus, docs: n, bytes, seconds, peakRssMB: 0, extra });
  try {
    // 1. the reference
    const sqlite = join(dir, 'one.db');
    let t = performance.now();
    await must(['process', input, '--db', sqlite, '--runs', join(dir, 'runs')]);
    row('khabar process → SQLite (1 process)', (performance.now() - t) / 1000);
    await must(['export', '--db', sqlite, '-o', join(dir, 'single.jsonl')]);

    // 2. 1, 2, 3 workers
    for (const workers of [1, 2, 3]) {
      const db = fresh();
      await must(['enqueue', input, '--db', db]);
      t = performance.now();
      const procs = Array.from({ length: workers }, () =>
        cli(['worker', '--db', db, '--exit-when-idle', '--lease', '20']),
      );
      let killed = 'no';
      if (workers === 3) {
        // SIGKILL one worker midway (a third of the time the 2-worker run took), then start another
        await new Promise((r) => setTimeout(r, (rows.at(-1)!.seconds * 1000) / 3));
        procs[2].child.kill('SIGKILL');
        await procs[2].done;
        procs[2] = cli(['worker', '--db', db, '--exit-when-idle', '--lease', '20']);
        killed = 'yes, restarted';
      }
      const codes = await Promise.all(procs.map((p) => p.done));
      const seconds = (performance.now() - t) / 1000;
      if (codes.some((c) => c !== 0)) throw new Error(`workers exited ${codes.join(', ')}`);
      const out = join(dir, `scale${workers}.jsonl`);
      await must(['export', '--db', db, '-o', out]);
      const c = compareExports(readJsonl(out), readJsonl(join(dir, 'single.jsonl')));
      row(`${workers} worker process${workers > 1 ? 'es' : ''} → PostgreSQL`, seconds, {
        killed,
        articles: `${c.articles.a}/${c.articles.b}`,
        dup_pairwise: c.dupPairwise.toFixed(4),
        event_bcubed: c.eventBcubed.f1.toFixed(4),
      });
    }

    // 3. the ceilings apart: cleaning by 3 workers, then sequencing alone
    const db = fresh();
    await must(['enqueue', input, '--db', db]);
    t = performance.now();
    await Promise.all(
      [1, 2, 3].map(() => must(['worker', '--db', db, '--exit-when-idle', '--no-sequencer', '--lease', '20'])),
    );
    row('clean + sign only, 3 worker processes', (performance.now() - t) / 1000);
    t = performance.now();
    await must(['worker', '--db', db, '--exit-when-idle', '--concurrency', '0']);
    row('sequencer only (dedup + cluster + write), 1 process', (performance.now() - t) / 1000);
  } finally {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
