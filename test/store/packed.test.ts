/**
 * Packed columns (src/store/sqlite/packed.ts): what is packed reads back byte for byte, old plain values
 * read back as they are, a plain value that opens with the magic is packed so it is never misread, and
 * a real database is smaller with the same article read back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { openStore } from '../../src/store/index.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { pack, PACK_MAGIC, PACK_MIN_BYTES, packJson, unpack, unpackJson } from '../../src/store/sqlite/packed.js';

const arabic = 'أعلنت وزارة الصحة اليوم تسجيل ثلاث إصابات جديدة بالفيروس في العاصمة، وشفاء خمس حالات. '.repeat(20);

describe('packed columns', () => {
  it('should pack a long text smaller and read it back byte for byte', () => {
    const raw = Buffer.from(arabic, 'utf8');
    const packed = pack(raw);
    expect(packed.subarray(0, PACK_MAGIC.length).equals(PACK_MAGIC)).toBe(true);
    expect(packed.length).toBeLessThan(raw.length / 2);
    expect(unpack(packed).equals(raw)).toBe(true);
  });
  it('should keep a short value as it is, and read an old plain value as it is', () => {
    const short = Buffer.from('خبر قصير', 'utf8');
    expect(short.length).toBeLessThan(PACK_MIN_BYTES);
    expect(pack(short)).toBe(short);
    expect(unpack(short).equals(short)).toBe(true);
  });
  it('should pack a plain value that opens with the magic, so that it is never misread', () => {
    const tricky = Buffer.concat([PACK_MAGIC, Buffer.from('x')]);
    expect(unpack(pack(tricky)).equals(tricky)).toBe(true);
  });
  it('should read JSON back from text written before packing and from a packed BLOB', () => {
    const trace = Array.from({ length: 30 }, (_, i) => ({ rule: 'clean/navigation', message: `line ${i} is a menu` }));
    const stored = packJson(trace);
    expect(Buffer.isBuffer(stored)).toBe(true);
    expect(unpackJson(stored, [])).toEqual(trace);
    expect(unpackJson(JSON.stringify(trace), [])).toEqual(trace);
    expect(unpackJson(null, 'none')).toBe('none');
  });
  it('should store raw and trace packed and give the article back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-packed-'));
    const store = (await openStore(join(dir, 'k.db'))) as SqliteStore;
    const a = newArticle({ id: 'a', source: 'test', raw: arabic, paragraphs: [arabic.trim()] });
    a.trace = Array.from({ length: 20 }, (_, i) => ({
      rule: 'clean/navigation',
      action: 'drop-line' as const,
      message: `line ${i} is a menu`,
    }));
    await store.writeArticles([{ article: a, status: 'stored', sha256: 'sha-a', runId: 'r' }]);
    const row = store.db.prepare('SELECT raw, length(raw) AS n FROM documents WHERE id = ?').get('a') as {
      raw: Buffer;
      n: number;
    };
    expect(row.n).toBeLessThan(Buffer.byteLength(arabic) / 2);
    const back = await store.getArticle('a');
    expect(back?.trace).toEqual(a.trace);
    await store.close();
  });
});
