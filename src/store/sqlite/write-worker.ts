/**
 * The worker_threads side of write-thread.ts: its own connection to the database, configured as the
 * main one (src/store/sqlite/index.ts), and the same SqliteWriter. Plain ESM with `.js` imports, so it
 * runs as compiled dist/ JS and, with tsx, as TypeScript.
 */
import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { openConnection } from './index.js';
import { SqliteWriter } from './write.js';
import type { WriteThreadMessage, WriteThreadReply } from './write-thread.js';

let db: Database.Database | undefined;
let writer: SqliteWriter | undefined;

parentPort?.on('message', (m: WriteThreadMessage) => {
  if (m.kind === 'open') {
    db = openConnection(m.path);
    writer = new SqliteWriter(db);
    return;
  }
  if (m.kind === 'close') {
    db?.close();
    parentPort!.close();
    return;
  }
  const reply: WriteThreadReply = { job: m.job };
  try {
    writer!.write(m.rows, m.extras);
  } catch (e) {
    reply.error = e instanceof Error ? e.message : String(e);
  }
  parentPort!.postMessage(reply);
});
