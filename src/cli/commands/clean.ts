/**
 * `khabar clean <path...> [-o out.jsonl] [--format auto|text|jsonl|…]`
 * One JSON object a line per kept document; rejects go to stderr (and to
 * --rejects as JSONL) with file, line and reason; a summary closes the run.
 * The run is src/pipeline/clean.ts: readers → clean → JSONL writer.
 */
import { cleanPaths } from '../../pipeline/clean.js';
import { progressBar } from '../progress.js';
import type { Register } from './index.js';

interface CleanFlags {
  output?: string;
  format: string;
  rejects?: string;
  keepNonArabic?: boolean;
  siteLines: boolean;
}

export const registerClean: Register = (program, io, setExit) => {
  program
    .command('clean')
    .description('clean raw scraped Arabic news: drop boilerplate, pull out title/dateline/date, keep reasons')
    .argument(
      '<path...>',
      'files or directories (.txt = one document, .jsonl = one object a line, .html pages, .warc[.gz])',
    )
    .option('-o, --output <file>', 'write JSONL here instead of stdout')
    .option('--format <format>', 'auto | text | jsonl | html | warc', 'auto')
    .option('--rejects <file>', 'also write rejected documents as JSONL {source, line, rule, message}')
    .option('--keep-non-arabic', 'keep documents that are not Arabic instead of rejecting them')
    .option('--no-site-lines', 'skip the cross-document site boilerplate pass')
    .action(async (paths: string[], flags: CleanFlags) => {
      await cleanPaths(paths, { ...flags, stdout: io.stdout, stderr: io.stderr, progress: progressBar(io, 'clean') });
      setExit(0);
    });
};
