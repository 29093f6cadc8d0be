/**
 * `khabar cluster <in.jsonl...> -o out.jsonl [--state file] [--save-state file] [--gazetteer file...] [--now YYYY-MM-DD]`
 * Input: cleaned (optionally deduplicated) JSONL with id, text, title, published
 * (and duplicate_of). Output: each input object with event, story, entities,
 * event_date and why. The run is src/pipeline/cluster.ts: the JSONL reader →
 * cluster → writer; with --state it continues a clustering saved by --save-state.
 */
import { clusterPaths } from '../../pipeline/cluster.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';

interface ClusterFlags {
  output?: string;
  state?: string;
  saveState?: string;
  gazetteer?: string[];
  now?: string;
}

export const registerCluster: Register = (program, io, setExit) => {
  program
    .command('cluster')
    .description('group cleaned articles into events and stories, with entities, event dates and why')
    .argument('<in.jsonl...>', 'cleaned JSONL: one {id, text, title, published[, duplicate_of]} a line')
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--state <file>', 'continue from a clustering state saved by --save-state')
    .option('--save-state <file>', 'save the clustering state at the end (for a later incremental run)')
    .option('--gazetteer <file...>', 'extra gazetteer JSON files ({"entries": [...], "titles": [...]})')
    .option('--now <date>', 'today (YYYY-MM-DD) for future-date checks; default the clock')
    .action(async (paths: string[], flags: ClusterFlags) =>
      setExit(
        await clusterPaths(paths, {
          ...flags,
          stdout: io.stdout,
          stderr: io.stderr,
          progress: progressBar(io, 'cluster'),
        }),
      ),
    );
};
