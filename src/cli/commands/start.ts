/**
 * `khabar start`: what `npm start` runs. Processes the bundled sample corpus
 * (sample/, plus the two seeds in test/fixtures/seeds via sample/manifest.json) into
 * data/khabar.db if that file is missing, then serves it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../pipeline/manifest.js';
import { processPaths } from '../../pipeline/run.js';
import { repoRoot } from '../../server/app.js';
import { openStore } from '../../store/index.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';
import { DEFAULT_HOST, DEFAULT_PORT, serve } from './serve.js';

interface StartFlags {
  db: string;
  sample: string;
  port: string;
  host: string;
  quiet?: boolean;
}

export const registerStart: Register = (program, io, setExit) => {
  const root = repoRoot();
  program
    .command('start')
    .description('process the sample corpus into data/khabar.db when missing, then serve it')
    .option('--db <file>', 'SQLite database file', join(root, 'data', 'khabar.db'))
    .option('--sample <dir>', 'corpus folder (with manifest.json)', join(root, 'sample'))
    .option('-p, --port <port>', 'port', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
    .option('-q, --quiet', 'log warnings only')
    .action(async (flags: StartFlags) => {
      if (!existsSync(flags.db)) await buildSample(flags.sample, flags.db, io);
      else io.stderr.write(`khabar: using ${flags.db} (delete it to rebuild from ${flags.sample})\n`);
      setExit(await serve(flags, io));
    });
};

export async function buildSample(sampleDir: string, db: string, io: CliIO): Promise<void> {
  const corpus = loadCorpus(sampleDir);
  io.stderr.write(
    `khabar: building ${db} from ${sampleDir}${corpus.seedsFound ? ` and ${corpus.seedsFound} seed documents` : ''}\n`,
  );
  const store = await openStore(db);
  try {
    const r = await processPaths(corpus.paths, {
      store,
      exclude: corpus.exclude,
      patch: corpus.patch,
      progress: progressBar(io, 'process'),
      runsDir: join(repoRoot(), 'runs'),
      dbLabel: db,
    });
    io.stderr.write(r.summary.join('\n') + '\n');
  } finally {
    await store.close();
  }
}
