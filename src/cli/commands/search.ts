/**
 * `khabar search "<query>" [--db khabar.db] [--limit 10] [--json]`: ranked results
 * with snippets, hits in [brackets] (or bold on a TTY).
 */
import { existsSync } from 'node:fs';
import { khabarError } from '../../core/errors.js';
import { isPostgresUrl, openStore } from '../../store/index.js';
import { snippetText } from '../../store/search/snippet.js';
import type { Register } from './index.js';
import { DEFAULT_DB } from './process.js';

interface SearchFlags {
  db: string;
  limit: string;
  json?: boolean;
}

export const registerSearch: Register = (program, io, setExit) => {
  program
    .command('search')
    .description('full-text search (normalized Arabic, bm25 ranking) over a processed database')
    .argument('<query>', 'words, "a phrase", a OR b, prefix*, -exclude')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL', DEFAULT_DB)
    .option('-n, --limit <n>', 'number of results', '10')
    .option('--json', 'print the result as JSON')
    .action(async (query: string, flags: SearchFlags) => {
      if (!isPostgresUrl(flags.db) && !existsSync(flags.db))
        throw khabarError('KHB_FILE_UNREADABLE', flags.db, 'no such database; run khabar process first');
      const store = await openStore(flags.db, { readonly: true });
      try {
        const r = await store.search(query, { limit: Number(flags.limit) || 10 });
        if (flags.json) {
          io.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return setExit(0);
        }
        const tty = (io.stdout as { isTTY?: boolean }).isTTY;
        const [open, close] = tty ? ['\x1b[1;33m', '\x1b[0m'] : ['[', ']'];
        r.hits.forEach((h, i) => {
          const title = snippetText(h.titleParts, open, close) || '(no title)';
          const copies = h.copies ? `  +${h.copies} copies` : '';
          io.stdout.write(
            `${i + 1}. ${title}\n   ${h.id}  ${h.site ?? ''}  ${h.published ?? ''}  score ${(-h.score).toFixed(2)}${copies}\n`,
          );
          io.stdout.write(`   ${snippetText(h.snippet, open, close)}\n\n`);
        });
        io.stderr.write(`${r.hits.length} result(s) for ${r.match} in ${r.tookMs} ms\n`);
        setExit(r.hits.length ? 0 : 1);
      } finally {
        await store.close();
      }
    });
};
