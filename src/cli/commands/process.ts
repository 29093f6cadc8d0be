/**
 * `khabar process <path...> [--db khabar.db]`: ingest → clean → dedup → cluster
 * → store, with a progress bar and a closing summary. Running it twice on the
 * same input changes nothing; new input joins existing groups and events.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../pipeline/manifest.js';
import { loadGazetteer } from '../../stories/gazetteer/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { processPaths } from '../../pipeline/run.js';
import { progressBar } from '../progress.js';
import type { Article } from '../../core/article.js';
import type { CliIO } from '../io.js';
import type { Register } from './index.js';

export const DEFAULT_DB = 'khabar.db';

interface ProcessFlags {
  /** The crawler's cleaned articles for `paths` (src/cli/commands/crawl.ts): stored without cleaning again. */
  cleaned?: Article[];
  db: string;
  format: string;
  runs: string;
  verbose?: boolean;
  gazetteer?: string[];
  wait?: boolean;
}

export const registerProcess: Register = (program, io, setExit) => {
  program
    .command('process')
    .description('ingest, clean, deduplicate and cluster documents into a database')
    .argument('<path...>', 'files or directories (.txt, .html, .jsonl, …)')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL', DEFAULT_DB)
    .option('--format <format>', 'auto | text | jsonl | html …', 'auto')
    .option('--runs <dir>', 'where runs/<id>/stats.json goes', 'runs')
    .option('-v, --verbose', 'print one line per input with its outcome')
    .option('--no-wait', 'exit 1 at once if another run is writing to the database (default: wait for it)')
    .option('--gazetteer <file...>', 'extra gazetteer JSON files for entities ({"entries": [...], "titles": [...]})')
    .action(async (paths: string[], flags: ProcessFlags) => setExit(await runProcess(paths, flags, io)));
};

export async function runProcess(paths: string[], flags: ProcessFlags, io: CliIO): Promise<number> {
  // a folder with a manifest.json brings its seeds and overrides (src/pipeline/manifest.ts)
  const corpora = paths.map((p) => (existsSync(join(p, 'manifest.json')) ? loadCorpus(p) : null));
  const inputs = paths.flatMap((p, i) => corpora[i]?.paths ?? [p]);
  const store = await openStore(flags.db);
  try {
    const r = await processPaths(inputs, {
      store,
      format: flags.format,
      exclude: [flags.db, `${flags.db}.lock`, `${flags.db}.lock.json`, ...corpora.flatMap((c) => c?.exclude ?? [])],
      patch: (a) => corpora.forEach((c) => c?.patch(a)),
      progress: progressBar(io, 'process'),
      gazetteer: flags.gazetteer?.length ? loadGazetteer(flags.gazetteer) : undefined,
      runsDir: flags.runs,
      lock: {
        waitMs: flags.wait === false ? 0 : Infinity,
        onWait: (holder) => io.stderr.write(`khabar: waiting for the database, in use by ${holder}\n`),
      },
      dbLabel: storeLabel(flags.db),
      cleaned: flags.cleaned,
      onOutcome: (o) => {
        if (o.status === 'error' || o.status === 'rejected')
          io.stderr.write(
            `khabar: ${o.status}: ${o.detail}: ${o.message?.includes(o.source) ? '' : o.source + ': '}${o.message}\n`,
          );
        else if (flags.verbose)
          io.stderr.write(`${o.status.padEnd(9)} ${o.id}  ${o.source}${o.detail ? '  ' + o.detail : ''}\n`);
      },
    });
    io.stderr.write(r.summary.join('\n') + '\n');
    io.stderr.write(`db: ${storeLabel(flags.db)}${r.statsFile ? `   stats: ${r.statsFile}` : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
