/**
 * `khabar dedup <in.jsonl...> [-o out.jsonl] [--threshold 0.7] [--index saved.khdx]`
 * Input: khabar's cleaned JSONL, or any JSONL whose objects have `id` and `text`.
 * Output: the same objects, in input order, with `dup_group`, `duplicate_of` and
 * `similarity` added. The run is src/pipeline/dedup.ts: the JSONL reader → dedup
 * (two passes: index everything, then write each line with its final group) → writer.
 */
import type { DedupOptions } from '../../dedup/index.js';
import { parseShingleSpec } from '../../dedup/shingles.js';
import { dedupPaths } from '../../pipeline/dedup.js';
import { progressBar } from '../progress.js';
import type { CliIO } from '../io.js';
import type { Register } from './index.js';

interface DedupFlags {
  output?: string;
  threshold?: string;
  containment?: string;
  shingle?: string;
  index?: string;
  workers?: string;
  sourcePriority?: string;
}

export const registerDedup: Register = (program, io, setExit) => {
  program
    .command('dedup')
    .description('find exact and near duplicates (MinHash + LSH); add dup_group, duplicate_of and similarity')
    .argument('<in.jsonl...>', 'JSONL files with id and text (khabar clean output)')
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--threshold <j>', 'Jaccard threshold for near duplicates (default 0.7)')
    .option('--containment <c>', 'containment threshold for copies cut or trimmed (default 0.65; 0 = Jaccard only)')
    .option('--shingle <spec>', 'word:N or char:N (default word:3)')
    .option('--index <file>', 'load this saved index first (if it exists) and save the grown index back')
    .option('--workers <n>', 'worker threads for signatures (default: cores − 1 on large inputs, 0 = none)')
    .option('--source-priority <sites>', 'comma-separated sites, most trusted first (canonical tie-breaker)')
    .action(async (paths: string[], flags: DedupFlags) => setExit(await runDedup(paths, flags, io)));
};

async function runDedup(paths: string[], flags: DedupFlags, io: CliIO): Promise<number> {
  const params: Partial<DedupOptions> = {};
  if (flags.threshold !== undefined) params.threshold = Number(flags.threshold);
  if (flags.containment !== undefined) params.containment = Number(flags.containment);
  if (flags.shingle) params.shingles = parseShingleSpec(flags.shingle);
  if (flags.sourcePriority)
    params.sourcePriority = flags.sourcePriority
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  await dedupPaths(paths, {
    output: flags.output,
    params,
    index: flags.index,
    workers: flags.workers !== undefined ? Number(flags.workers) : undefined,
    stdout: io.stdout,
    stderr: io.stderr,
    progress: progressBar(io, 'dedup'),
  });
  return 0;
}
