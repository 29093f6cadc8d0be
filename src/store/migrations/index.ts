/**
 * Versioned migrations, embedded as TS strings so `dist/` needs no .sql copy step.
 * Add one line per migration; never edit one that has shipped.
 */
import * as m001 from './001_initial.js';
import * as m002 from './002_original_bytes.js';
import * as m003 from './003_indexed.js';
import * as m004 from './004_fts_external.js';
import * as m005 from './005_reasons.js';
import * as m006 from './006_compact.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
  { version: 6, ...m006 },
];
