/**
 * `khabar export --db <file|postgres://…> -o corpus.jsonl|corpus.parquet`: every
 * stored article with its provenance (src/scale/export.ts), for corpus builders.
 */
import { openStore, storeLabel } from '../../store/index.js';
import { exportStore, formatOf } from '../../scale/export.js';
import type { Register } from './index.js';
import { DEFAULT_DB } from './process.js';

interface ExportFlags {
  db: string;
  output: string;
  format?: string;
}

export const registerExport: Register = (program, io, setExit) => {
  program
    .command('export')
    .description('write every stored article with its provenance to JSONL or Parquet')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL', DEFAULT_DB)
    .requiredOption('-o, --output <file>', 'corpus.jsonl or corpus.parquet')
    .option('--format <format>', 'jsonl | parquet (default: from the file name)')
    .action(async (flags: ExportFlags) => {
      const format = formatOf(flags.output, flags.format);
      const store = await openStore(flags.db, { readonly: true });
      try {
        const t0 = performance.now();
        const n = await exportStore(store, flags.output, format);
        const s = (performance.now() - t0) / 1000;
        io.stderr.write(
          `export: ${n} articles from ${storeLabel(flags.db)} to ${flags.output} (${format}) in ${s.toFixed(1)} s\n`,
        );
        setExit(0);
      } finally {
        await store.close();
      }
    });
};
