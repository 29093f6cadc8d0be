/**
 * The shape of gazetteer data. Every list in this folder is plain data: add a
 * row to extend it, or pass a user file (same shape, JSON) to `loadGazetteer`.
 */
export type EntityType = 'person' | 'org' | 'country' | 'city' | 'place';

export interface GazetteerEntry {
  /** Stable folded key: 'org:nato', 'country:iq', 'person:kadhimi'. */
  key: string;
  type: EntityType;
  /** Preferred Arabic display form. */
  name: string;
  /** Other written forms (Arabic spellings, English, French). The name is an alias too. */
  aliases?: string[];
  /** Nisba adjectives (masculine singular) that also mention the entity: 'عراقي' → العراقية, العراقيين … */
  adjectives?: string[];
}

/** A row written compactly: [key, name, aliases, adjective?]. */
export type Row = [key: string, name: string, aliases: string[], adjective?: string | string[]];

export function rows(type: EntityType, list: Row[]): GazetteerEntry[] {
  return list.map(([key, name, aliases, adj]) => ({
    key,
    type,
    name,
    aliases,
    adjectives: adj === undefined ? undefined : Array.isArray(adj) ? adj : [adj],
  }));
}
