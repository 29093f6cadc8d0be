/**
 * A corpus manifest (sample/manifest.json) says what a folder of files cannot:
 * the site and date of documents that carry neither (the seeds), and where
 * extra documents live outside the folder. Fields given here win over what
 * the cleaner would find, because they are set before cleaning.
 *
 *   {"seeds": {"dir": "../test/fixtures/seeds",     ← relative to the manifest (or $KHABAR_SEEDS)
 *              "documents": {"000_….txt": {"site": "baghdad24", "published": "2021-06-30"}}},
 *    "documents": {"wires/x.txt": {"published": "2021-06-29"}}}  ← relative to the manifest
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Article } from '../core/article.js';
import { khabarError } from '../core/errors.js';

export interface DocOverride {
  site?: string;
  published?: string;
  url?: string;
  title?: string;
}

interface ManifestFile {
  seeds?: { dir: string; documents: Record<string, DocOverride> };
  documents?: Record<string, DocOverride>;
}

export interface Corpus {
  /** Inputs for processPaths: the folder, then each seed file found. */
  paths: string[];
  /** Files of the folder that are not documents (the manifest itself). */
  exclude: string[];
  /** Applies the overrides to an ingested article (matched by resolved source path). */
  patch: (a: Article) => void;
  seedsFound: number;
}

export function loadCorpus(dir: string): Corpus {
  const file = join(dir, 'manifest.json');
  const exclude = [file, join(dir, 'README.md')];
  if (!existsSync(file)) return { paths: [dir], exclude, patch: () => {}, seedsFound: 0 };
  let m: ManifestFile;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ManifestFile;
  } catch (e) {
    throw khabarError('KHB_FILE_UNREADABLE', file, e instanceof Error ? e.message : String(e));
  }
  const overrides = new Map<string, DocOverride>();
  for (const [p, o] of Object.entries(m.documents ?? {})) overrides.set(resolve(dir, p), o);
  const seedPaths: string[] = [];
  if (m.seeds) {
    // KHABAR_SEEDS points at another copy of the seeds (they live in test/fixtures/seeds)
    const seedDir = process.env.KHABAR_SEEDS ? resolve(process.env.KHABAR_SEEDS) : resolve(dir, m.seeds.dir);
    for (const [name, o] of Object.entries(m.seeds.documents)) {
      const p = join(seedDir, name);
      if (!existsSync(p)) continue;
      seedPaths.push(p);
      overrides.set(resolve(p), o);
    }
  }
  const patch = (a: Article) => {
    const o = overrides.get(resolve(a.source));
    if (!o) return;
    if (o.site) a.site = o.site;
    if (o.published) a.published = o.published;
    if (o.url) a.url = o.url;
    if (o.title) a.title = o.title;
    a.meta.manifest = relative(dirname(file), resolve(a.source)) || a.source;
  };
  return { paths: [dir, ...seedPaths], exclude, patch, seedsFound: seedPaths.length };
}
