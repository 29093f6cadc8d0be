/**
 * Takes the database's one-writer lock (src/store/sqlite/lock.ts), polling so the event
 * loop stays free: `khabar process` waits for a run that holds it (or, with --no-wait, exits 1
 * saying who holds it); `serve` waits a few seconds per POST, then answers 503 KHB_LOCKED.
 */
import { khabarError } from '../core/errors.js';
import type { Store, WriterLock } from '../store/store.js';

/** How often a waiting writer tries again: a run holds the lock for seconds to hours. */
export const LOCK_POLL_MS = 200;

export interface LockOptions {
  /** Give up after this long (ms) with KHB_LOCKED; Infinity waits for ever, 0 not at all. */
  waitMs?: number;
  /** Told once, when the lock is held by another writer, who holds it. */
  onWait?: (holder: string) => void;
  /** Names the database in the KHB_LOCKED message. */
  label?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function lockWriter(store: Store, what: string, opts: LockOptions = {}): Promise<WriterLock> {
  if (!store.tryLockWriter) return { generation: 0, release: async () => {} };
  const first = await store.tryLockWriter(what);
  if (first) return first;
  const holder = () => store.lockHolder?.() ?? 'another process';
  if ((opts.waitMs ?? Infinity) > 0) opts.onWait?.(holder());
  const until = Date.now() + (opts.waitMs ?? Infinity);
  for (;;) {
    if (Date.now() >= until) throw khabarError('KHB_LOCKED', opts.label ?? 'the database', holder());
    await sleep(Math.max(0, Math.min(LOCK_POLL_MS, until - Date.now())));
    const lock = await store.tryLockWriter(what);
    if (lock) return lock;
  }
}
