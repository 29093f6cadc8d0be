/**
 * The one place the pipeline meets src/dedup and src/stories. Each engine
 * assigns fields on the Article in place and can save its state as bytes,
 * which the store keeps (`state` table) so a later run joins existing
 * duplicate groups and events.
 *
 * Until src/dedup and src/stories land, ./fallback/ stands in for them.
 */
import type { Article } from '../core/article.js';
import type { Reassignment, Store } from '../store/store.js';
import { FallbackClusterer } from './fallback/cluster.js';
import { FallbackDedup } from './fallback/dedup.js';

export interface DedupEngine {
  readonly name: string;
  /** Sets dupGroup, duplicateOf and similarity. */
  assign(a: Article): void;
  save(): Uint8Array | string;
}

export interface ClusterEngine {
  readonly name: string;
  /** Optional: sees a whole window (date-sorted) before any assign, e.g. for idf. */
  prepare?(batch: Article[]): void;
  /** Sets event, story, eventDate, entities and why; returns articles it moved (merged events). */
  assign(a: Article): Reassignment[];
  save(): Uint8Array | string;
}

export interface Engines {
  dedup: DedupEngine;
  cluster: ClusterEngine;
}

const DEDUP_STATE = 'dedup';
const CLUSTER_STATE = 'stories';

const text = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('utf8') : null);

export async function loadEngines(store: Store): Promise<Engines> {
  return {
    dedup: FallbackDedup.load(text(await store.getState(DEDUP_STATE))),
    cluster: FallbackClusterer.load(text(await store.getState(CLUSTER_STATE))),
  };
}

export async function saveEngines(store: Store, e: Engines): Promise<void> {
  await store.putState(DEDUP_STATE, e.dedup.save());
  await store.putState(CLUSTER_STATE, e.cluster.save());
}
