/**
 * The layers import one way (issue 13): readers in src/ingest yield documents and know nothing of the
 * cleaner; src/clean (which extracts HTML's main content, src/clean/html) may use the readers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Import specifiers of every file under src/<layer>, with the file they are in. */
function imports(layer: string): { file: string; from: string }[] {
  return files(join(SRC, layer)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({
      file: file.slice(SRC.length + 1),
      from: m[1],
    })),
  );
}

describe('layers', () => {
  it('should find the imports it checks (the scan itself works)', () => {
    expect(imports('pipeline').some((i) => i.from.endsWith('/ingest/index.js'))).toBe(true);
  });

  it('should keep src/ingest free of src/clean: the crawler gets its cleaner as an option', () => {
    expect(imports('ingest').filter((i) => /(^|\/)clean\//.test(i.from))).toEqual([]);
  });

  it('should keep src/clean free of src/ingest: src/pipeline puts the readers before the cleaner', () => {
    expect(imports('clean').filter((i) => /(^|\/)ingest\//.test(i.from))).toEqual([]);
  });
});
