/**
 * One writer per database. A run (`khabar process`, a burst of POSTs to `serve`) loads the
 * dedup and story state whole, adds to it and writes it back whole: two at once would keep
 * only the last one's documents in the indexes. So a writer first takes this lock.
 *
 * The lock is an open `BEGIN EXCLUSIVE` on a small SQLite file beside the database
 * (`<db>.lock`): the operating system drops it when the process ends, even by kill -9, so a
 * dead run never leaves a stale lock to clean up. The file also counts generations: a writer
 * that wrote bumps it on release, so a server that held the lock before knows whether another
 * run changed the state since (and reloads it) or not.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import type { WriterLock } from '../store.js';

export class SqliteWriterLock {
  private readonly db: Database.Database;

  constructor(readonly dbPath: string) {
    this.db = new Database(`${dbPath}.lock`);
    this.db.pragma('busy_timeout = 0'); // never block the event loop: callers poll (src/pipeline/lock.ts)
  }

  /** The lock now, or null when another connection (this process or another) holds it. */
  tryAcquire(what: string): WriterLock | null {
    try {
      this.db.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
      throw e;
    }
    this.db.exec('CREATE TABLE IF NOT EXISTS lock (generation INTEGER NOT NULL)');
    let generation = this.db.prepare('SELECT generation FROM lock').pluck().get() as number | undefined;
    if (generation === undefined) this.db.prepare('INSERT INTO lock VALUES (0)').run();
    generation ??= 0;
    const holder = { pid: process.pid, what, since: new Date().toISOString() };
    try {
      writeFileSync(`${this.dbPath}.lock.json`, JSON.stringify(holder) + '\n');
    } catch {
      /* only informs the message others print */
    }
    return {
      generation,
      release: async (wrote: boolean) => {
        if (!this.db.inTransaction) return;
        if (wrote) this.db.prepare('UPDATE lock SET generation = generation + 1').run();
        this.db.exec('COMMIT');
      },
    };
  }

  /** Who holds the lock, as its holder wrote it (best effort: the holder may have just left). */
  holder(): string {
    try {
      const h = JSON.parse(readFileSync(`${this.dbPath}.lock.json`, 'utf8')) as {
        pid: number;
        what: string;
        since: string;
      };
      return `${h.what}, pid ${h.pid}, since ${h.since}`;
    } catch {
      return 'another process';
    }
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
