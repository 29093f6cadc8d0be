/**
 * Builds the SQLite extension khabar ranks searches with (src/store/sqlite/native/khabar_rank.c) into
 * dist/native/, against the SQLite headers better-sqlite3 ships. Run by `npm run build`. Without a C
 * compiler it says so and stops: search then ranks with FTS5's own bm25(), the same order, slower.
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const headers = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
const out = join(root, 'dist', 'native', process.platform === 'darwin' ? 'khabar_rank.dylib' : 'khabar_rank.so');
mkdirSync(dirname(out), { recursive: true });
const cc = process.env.CC ?? 'cc';
const args = ['-O2', '-fPIC', '-shared', '-I', headers, join(root, 'src/store/sqlite/native/khabar_rank.c'), '-o', out, '-lm'];
const r = spawnSync(cc, process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup', ...args] : args, {
  stdio: 'inherit',
});
if (r.error || r.status !== 0)
  process.stderr.write(
    `khabar: could not build the search ranking extension with ${cc} (${r.error?.message ?? `exit ${r.status}`}); ` +
      'search will rank with FTS5 bm25(), the same order, slower\n',
  );
