/**
 * The gazetteer, compiled for matching. Lists live beside this file as data
 * (countries.ts, cities.ts, orgs.ts, people.ts, titles.ts); a user extends them
 * with a JSON file: `{"entries": [GazetteerEntry…], "titles": ["…"]}` or a bare
 * array of entries. An entry with an existing key adds aliases to it.
 */
import { readFileSync } from 'node:fs';
import { khabarError } from '../../core/errors.js';
import { normalize } from '../../text/normalize.js';
import { words } from '../../text/tokenize.js';
import { dropAl, skeleton } from '../tokens.js';
import { CITIES } from './cities.js';
import { COUNTRIES } from './countries.js';
import { ORGS } from './orgs.js';
import { PEOPLE_ENTRIES } from './people.js';
import { HONORIFICS, TITLES } from './titles.js';
import type { GazetteerEntry } from './types.js';

export type { EntityType, GazetteerEntry } from './types.js';
export { TITLES, HONORIFICS } from './titles.js';

export interface Alias {
  tokens: string[];
  entry: GazetteerEntry;
  /** A nisba adjective ("العراقي") rather than the name. */
  adjective: boolean;
}

export interface TitlePattern {
  /** Normalized tokens; '*' is any one word. */
  tokens: string[];
  wildcards: number;
}

/** Skeleton keys shorter than this are too likely to collide with ordinary words. */
const MIN_SKELETON = 5;

/** Feminine, plural and accusative forms of a nisba: عراقي → عراقيه عراقيين عراقيون عراقيا. */
function nisbaForms(adj: string): string[] {
  const a = normalize(adj);
  return [a, a + 'ه', a + 'ين', a + 'ون', a + 'ا'];
}

const byLength = <T extends { tokens: string[] }>(a: T, b: T) => b.tokens.length - a.tokens.length;

export class Gazetteer {
  readonly entries = new Map<string, GazetteerEntry>();
  /** First token (normalized, also without ال) → aliases starting with it, longest first. */
  readonly aliases = new Map<string, Alias[]>();
  readonly titles = new Map<string, TitlePattern[]>();
  readonly honorifics: Set<string>;
  /** Name skeleton of a listed person's last name → key (ستولتنبيرغ finds person:stoltenberg). */
  readonly personSkeletons = new Map<string, string>();

  constructor(entries: GazetteerEntry[], titles: string[] = TITLES, honorifics: string[] = HONORIFICS) {
    for (const e of entries) this.addEntry(e);
    for (const t of titles) this.addTitle(t);
    this.honorifics = new Set(honorifics.map((h) => normalize(h)));
  }

  addEntry(e: GazetteerEntry): void {
    const prev = this.entries.get(e.key);
    const entry: GazetteerEntry = prev
      ? {
          ...prev,
          aliases: [...(prev.aliases ?? []), ...(e.aliases ?? []), e.name],
          adjectives: [...(prev.adjectives ?? []), ...(e.adjectives ?? [])],
        }
      : e;
    this.entries.set(e.key, entry);
    for (const name of [e.name, ...(e.aliases ?? [])]) this.addAlias(name, entry, false);
    for (const adj of e.adjectives ?? []) for (const f of nisbaForms(adj)) this.addAlias(f, entry, true);
  }

  private addAlias(text: string, entry: GazetteerEntry, adjective: boolean): void {
    const tokens = words(normalize(text));
    if (tokens.length === 0) return;
    const heads = new Set([tokens[0], dropAl(tokens[0])]);
    for (const head of heads) {
      const list = this.aliases.get(head) ?? [];
      list.push({ tokens: [head, ...tokens.slice(1)], entry, adjective });
      list.sort(byLength);
      this.aliases.set(head, list);
    }
    const last = tokens[tokens.length - 1];
    if (entry.type === 'person' && /^[\u0621-\u064a]/.test(last)) {
      const sk = skeleton(last);
      if (sk.length >= MIN_SKELETON) this.personSkeletons.set(sk, entry.key);
    }
  }

  /** A copy that can learn entries without changing this one (the built-in gazetteer is shared). */
  clone(): Gazetteer {
    const g = Object.create(Gazetteer.prototype) as Gazetteer;
    return Object.assign(g, {
      entries: new Map(this.entries),
      aliases: new Map([...this.aliases].map(([k, v]) => [k, [...v]])),
      titles: this.titles,
      honorifics: this.honorifics,
      personSkeletons: new Map(this.personSkeletons),
    });
  }

  addTitle(text: string): void {
    const tokens = text === '' ? [] : text.split(/\s+/).map((t) => (t === '*' ? '*' : normalize(t)));
    if (tokens.length === 0 || tokens[0] === '*') return;
    const pattern = { tokens, wildcards: tokens.filter((t) => t === '*').length };
    for (const head of new Set([tokens[0], dropAl(tokens[0])])) {
      const list = this.titles.get(head) ?? [];
      list.push({ ...pattern, tokens: [head, ...tokens.slice(1)] });
      // longest first; at equal length a literal title beats a wildcard one
      list.sort((a, b) => b.tokens.length - a.tokens.length || a.wildcards - b.wildcards);
      this.titles.set(head, list);
    }
  }
}

export const BUILTIN_ENTRIES: GazetteerEntry[] = [...COUNTRIES, ...CITIES, ...ORGS, ...PEOPLE_ENTRIES];

let builtin: Gazetteer | null = null;
/** The built-in gazetteer (compiled once). */
export function defaultGazetteer(): Gazetteer {
  return (builtin ??= new Gazetteer(BUILTIN_ENTRIES));
}

interface UserFile {
  entries?: GazetteerEntry[];
  titles?: string[];
}

/** The built-in lists plus user files (JSON) for a site or a beat. */
export function loadGazetteer(paths: string[] = []): Gazetteer {
  if (paths.length === 0) return defaultGazetteer();
  const entries = [...BUILTIN_ENTRIES];
  const titles = [...TITLES];
  for (const p of paths) {
    let data: UserFile | GazetteerEntry[];
    try {
      data = JSON.parse(readFileSync(p, 'utf8')) as UserFile | GazetteerEntry[];
    } catch (e) {
      throw khabarError('KHB_FILE_UNREADABLE', p, e instanceof Error ? e.message : String(e));
    }
    const file: UserFile = Array.isArray(data) ? { entries: data } : data;
    for (const e of file.entries ?? []) {
      if (typeof e?.key !== 'string' || typeof e?.name !== 'string' || !e.type) {
        throw khabarError('KHB_BAD_INPUT', `${p}: gazetteer entry needs key, type and name`);
      }
      entries.push(e);
    }
    titles.push(...(file.titles ?? []));
  }
  return new Gazetteer(entries, titles);
}
