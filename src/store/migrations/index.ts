/**
 * Versioned migrations, embedded as TS strings so `dist/` needs no .sql copy step.
 * Add one line per migration; never edit one that has shipped.
 */
import * as m001 from './001_initial.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [{ version: 1, ...m001 }];
