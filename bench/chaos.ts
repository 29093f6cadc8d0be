/**
 * `npm run chaos -- [--docs 20000] [--kills 20] [--seed 1]`: a crash campaign (issue 15).
 * One uninterrupted `khabar process` of a generated corpus, then the same corpus into another
 * database through `--kills` runs each ended by kill -9 at a random moment and a final run to
 * the end; the two databases must hold the same articles, duplicate groups and events.
 * Exits 1 when they differ. Not in npm test (minutes at 20 000 documents).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateDups } from './gen-dups.js';
import { rng } from './lib.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg('docs', 20_000);
const KILLS = arg('kills', 20);
const SEED = arg('seed', 1);
const CLI = join(import.meta.dirname, '../dist/cli/main.js');

function run(input: string, db: string, killAfterMs: number | null): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'process', input, '--db', db, '--runs', join(db, '..', 'runs')], {
    stdio: 'ignore',
  });
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((r) =>
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      r({ code, ms: performance.now() - t0 });
    }),
  );
}

/** Every article's status and canonical; groups and events as sets of ids. */
function snapshot(path: string): string {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT id, status, duplicate_of, dup_group, event_id FROM articles ORDER BY id').all() as {
    id: string;
    status: string;
    duplicate_of: string | null;
    dup_group: string | null;
    event_id: string | null;
  }[];
  const sets = (key: 'dup_group' | 'event_id') => {
    const m = new Map<string, string[]>();
    for (const r of rows) if (r[key]) m.set(r[key]!, [...(m.get(r[key]!) ?? []), r.id]);
    return [...m.values()].map((ids) => ids.sort().join(' ')).sort();
  };
  const docs = db.prepare('SELECT count(*) FROM documents').pluck().get();
  db.close();
  return JSON.stringify({
    docs,
    articles: rows.map((r) => `${r.id} ${r.status} ${r.duplicate_of ?? ''}`),
    groups: sets('dup_group'),
    events: sets('event_id'),
  });
}

/** Documents a run has finished (stored with the dedup and story state that knows them). */
function indexedDocs(path: string): number {
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM documents WHERE indexed = 1').pluck().get() as number;
  } catch {
    return 0; // killed before the schema was made
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-chaos-'));
  const input = join(dir, 'corpus.jsonl');
  const lines: string[] = [];
  let i = 0;
  for (const d of generateDups({ docs: DOCS, seed: SEED })) lines.push(JSON.stringify({ ...d, id: `c${i++}` }));
  writeFileSync(input, lines.join('\n') + '\n');
  console.log(`chaos: ${DOCS} documents, ${KILLS} kills, in ${dir}`);
  const base = await run(input, join(dir, 'uninterrupted.db'), null);
  if (base.code !== 0) throw new Error(`the uninterrupted run exited ${base.code}`);
  console.log(`uninterrupted: ${(base.ms / 1000).toFixed(1)} s`);
  const r = rng(SEED);
  const db = join(dir, 'killed.db');
  // Kills spread over the work: each lands at a random moment within a slice of about twice a
  // twentieth of the whole run (start-up included), so the run is cut about KILLS times on its way
  // instead of finishing on the second try. A run that made no progress before its kill (still
  // starting up) widens the next slice by half, up to a whole run.
  let slice = (2 * base.ms) / KILLS;
  let before = 0;
  for (let k = 1; k <= KILLS; k++) {
    const after = Math.round(300 + r() * slice);
    const res = await run(input, db, after);
    const done = indexedDocs(db);
    slice = done > before ? (2 * base.ms) / KILLS : Math.min(base.ms, slice * 1.5);
    before = done;
    console.log(
      `run ${k}: ${res.code === null ? `killed after ${after} ms` : `finished before the kill (exit ${res.code})`}, ` +
        `${done} of ${DOCS} documents indexed`,
    );
  }
  const last = await run(input, db, null);
  if (last.code !== 0) throw new Error(`the final run exited ${last.code}`);
  const same = snapshot(join(dir, 'uninterrupted.db')) === snapshot(db);
  console.log(same ? 'equal: the killed-and-rerun database matches the uninterrupted one' : 'DIFFERENT');
  return same ? 0 : 1;
}

process.exitCode = await main();
