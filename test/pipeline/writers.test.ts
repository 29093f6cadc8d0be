/**
 * Two writers on one database (issue 15): two `khabar process` runs at once and a `serve`
 * taking POSTs, on one SQLite file, end exactly as running them one after the other in the
 * order the database's writer lock let them in: the same rows, duplicate groups (with their
 * canonicals) and events. Before the lock, the engines' state kept only the last writer's
 * documents, or a run died with "database is locked" and lost its documents.
 *
 * Sizes in npm test: 2 × RUN_DOCS documents and POSTS posts (KHABAR_WRITERS_DOCS and
 * KHABAR_WRITERS_POSTS raise them; the issue's full size is 5000 and 200). The children run
 * the compiled CLI (dist/, which `npm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDups } from '../../bench/gen-dups.js';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { processPaths } from '../../src/pipeline/run.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { tmpDir } from '../support/sample-db.js';

const RUN_DOCS = Number(process.env.KHABAR_WRITERS_DOCS ?? 300);
const POSTS = Number(process.env.KHABAR_WRITERS_POSTS ?? 40);
/** POSTs in a burst, and the pause after one (above STATE_SAVE_DELAY_MS, src/server/ingest.ts). */
const BURST = 8;
const PAUSE_MS = 2500;
const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');

type Doc = { id: string; text: string; site: string; published: string };
// every third document to each writer: the copies of one article are spread over all three
const docs: Doc[] = [...generateDups({ docs: 2 * RUN_DOCS + POSTS, seed: 15, window: 500 })].map((d, i) => ({
  id: `w${i}`,
  text: d.text,
  site: d.site,
  published: d.published,
}));
const part = (k: number, n: number) => docs.filter((_, i) => i % 3 === k).slice(0, n);
const A = part(0, RUN_DOCS);
const B = part(1, RUN_DOCS);
const C = part(2, POSTS);
const jsonl = (ds: Doc[]) => ds.map((d) => JSON.stringify(d)).join('\n') + '\n';

function child(args: string[]): { proc: ChildProcess; done: Promise<{ code: number | null; err: string }> } {
  const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
  let err = '';
  proc.stderr!.on('data', (c) => (err += c));
  const done = new Promise<{ code: number | null; err: string }>((r) => proc.on('exit', (code) => r({ code, err })));
  return { proc, done };
}

/** POSTs one document, again after a 503 (the lock is held by a run) until it is taken. */
async function post(base: string, d: Doc): Promise<number> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const res = await fetch(`${base}api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(d),
    });
    await res.text();
    if (res.status !== 503) return res.status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${d.id} was refused for a minute`);
}

/** What must be equal: every article's status and canonical, the groups and events as sets of ids. */
function snapshot(path: string) {
  const s = new SqliteStore(path, { readonly: true });
  const rows = s.db.prepare('SELECT id, status, duplicate_of, dup_group, event_id FROM articles ORDER BY id').all() as {
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
  const out = {
    articles: rows.map((r) => `${r.id} ${r.status} ${r.duplicate_of ?? ''}`),
    groups: sets('dup_group'),
    events: sets('event_id'),
    /** The writers in the order the lock let them in: [run id, ids in write order]. */
    order: [] as { run: string; ids: string[] }[],
  };
  for (const d of s.db.prepare('SELECT id, run_id FROM documents ORDER BY rowid').all() as {
    id: string;
    run_id: string;
  }[]) {
    const last = out.order.at(-1);
    if (last?.run === d.run_id) last.ids.push(d.id);
    else out.order.push({ run: d.run_id, ids: [d.id] });
  }
  void s.close();
  return out;
}

describe('two process runs and a server writing to one database', () => {
  const dir = tmpDir('khabar-writers-');
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('should end as the same writers one after the other, in the order the lock let them in', async () => {
    const db = join(dir, 'together.db');
    writeFileSync(join(dir, 'a.jsonl'), jsonl(A));
    writeFileSync(join(dir, 'b.jsonl'), jsonl(B));
    await (await openStore(db)).close();
    // 1. serve, then both runs and the POSTs at once
    const server = child(['serve', '--db', db, '--port', '0', '--quiet']);
    children.push(server.proc);
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.proc.stdout!.on('data', (c) => {
        out += c;
        const m = /at (http:\/\/\S+\/) /.exec(out);
        if (m) resolve(m[1]);
      });
      void server.done.then((r) => reject(new Error(`serve exited ${r.code}: ${r.err}`)));
    });
    const runs = ['a', 'b'].map((f) =>
      child(['process', join(dir, `${f}.jsonl`), '--db', db, '--runs', join(dir, 'runs')]),
    );
    children.push(...runs.map((r) => r.proc));
    const posted = (async () => {
      const statuses: number[] = [];
      // in bursts with pauses longer than the server's save delay, so it lets go of the lock
      // between bursts and the runs get in: POSTs before, during and after the runs
      for (const [i, d] of C.entries()) {
        if (i > 0 && i % BURST === 0) await new Promise((r) => setTimeout(r, PAUSE_MS));
        statuses.push(await post(base, d));
      }
      return statuses;
    })();
    const [ra, rb] = await Promise.all(runs.map((r) => r.done));
    expect(ra.code, ra.err).toBe(0);
    expect(rb.code, rb.err).toBe(0);
    expect((await posted).every((s) => s === 201)).toBe(true);
    // the server saves its state and lets go of the lock a moment after its last write
    server.proc.kill('SIGTERM');
    expect((await server.done).code).toBe(0);
    const together = snapshot(db);
    expect(together.articles.length).toBe(A.length + B.length + C.length);
    // one run waited for the other: their rows are not interleaved
    const processRuns = together.order.filter((o) => !o.run.startsWith('api-'));
    expect(processRuns.length).toBe(2);
    // and the server wrote both before and after a run (else nothing was concurrent)
    const first = together.order.findIndex((o) => !o.run.startsWith('api-'));
    expect(together.order.slice(first).some((o) => o.run.startsWith('api-'))).toBe(true);

    // 2. the same writers one after the other, in that order, in-process
    const seq = join(dir, 'one-by-one.db');
    const store = await openStore(seq);
    let app = await buildApp({ store, logger: false, webRoot: null });
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const seg of together.order) {
      if (seg.run.startsWith('api-'))
        for (const id of seg.ids) {
          const res = await app.inject({ method: 'POST', url: '/api/articles', payload: byId.get(id) });
          expect(res.statusCode).toBe(201);
        }
      else {
        // the server saves its state and releases the lock before a run can take it
        await app.close();
        const file = seg.ids[0] && A.some((d) => d.id === seg.ids[0]) ? 'a.jsonl' : 'b.jsonl';
        await processPaths([join(dir, file)], { store, runsDir: null });
        app = await buildApp({ store, logger: false, webRoot: null });
      }
    }
    await app.close();
    await store.close();
    const oneByOne = snapshot(seq);
    expect(oneByOne.articles).toEqual(together.articles);
    expect(oneByOne.groups).toEqual(together.groups);
    expect(oneByOne.events).toEqual(together.events);
    // the copies of one article across writers were found: the state kept every writer's documents
    expect(together.groups.some((g) => g.split(' ').some((id) => A.some((d) => d.id === id)) && g.includes(' '))).toBe(
      true,
    );
  }, 300_000);

  it('should exit 1 with a plain message under --no-wait while another run holds the database', async () => {
    const db = join(dir, 'held.db');
    const store = await openStore(db);
    const lock = await store.tryLockWriter!('a test holding the lock');
    expect(lock).not.toBeNull();
    const s2 = await openStore(db);
    expect(await s2.tryLockWriter!('second')).toBeNull();
    await s2.close();
    const io = memoryIO();
    writeFileSync(join(dir, 'one.jsonl'), jsonl(A.slice(0, 3)));
    expect(await main(['process', join(dir, 'one.jsonl'), '--db', db, '--no-wait', '--runs', join(dir, 'r')], io)).toBe(
      1,
    );
    expect(io.err()).toMatch(/KHB_LOCKED: .*held\.db is in use by another run \(a test holding the lock, pid \d+/);
    await lock!.release(false);
    expect(
      await main(['process', join(dir, 'one.jsonl'), '--db', db, '--no-wait', '--runs', join(dir, 'r')], memoryIO()),
    ).toBe(0);
    await store.close();
  });
});
