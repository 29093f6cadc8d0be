/**
 * `npm run bench [-- stage ...]`: runs each stage's benchmark on a generated
 * corpus of the stated size and prints throughput and peak memory.
 * BENCH_SCALE=0.01 shrinks every corpus for a smoke run.
 * Each stage runs in its own child process so peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatRow, type BenchOptions, type BenchResult } from './lib.js';

/** Stage name → module exporting `run(opts): Promise<BenchResult[]>`. Add one line per stage. */
export const STAGES: Record<string, string> = {
  clean: './clean.ts',
  html: './html.ts',
  dedup: './dedup.ts',
  cluster: './cluster.ts',
  process: './process.ts',
  scaleout: './scaleout.ts',
};

async function runOne(stage: string): Promise<void> {
  const mod = (await import(STAGES[stage])) as { run: (o: BenchOptions) => Promise<BenchResult[]> };
  const opts: BenchOptions = {
    scale: Number(process.env.BENCH_SCALE ?? 1),
    seed: Number(process.env.BENCH_SEED ?? 42),
  };
  for (const row of await mod.run(opts)) process.stdout.write(formatRow(row) + '\n');
}

async function runAll(names: string[]): Promise<void> {
  process.stdout.write(`khabar bench — node ${process.version}, scale ${process.env.BENCH_SCALE ?? 1}\n`);
  for (const name of names) {
    if (!STAGES[name]) {
      process.stderr.write(`unknown stage ${name}; known: ${Object.keys(STAGES).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', name],
      { stdio: 'inherit', env: process.env },
    );
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') await runOne(args[1]);
else await runAll(args.length ? args : Object.keys(STAGES));
