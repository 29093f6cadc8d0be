import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { BASE, HARD_NEGATIVE, NEAR_COPY, ORTHO_VARIANT } from './fixtures.js';

const line = (o: unknown) => JSON.stringify(o);

describe('khabar dedup', () => {
  it('should add dup_group, duplicate_of and similarity, report bad lines as file:line and go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-dedup-cli-'));
    try {
      const input = join(dir, 'in.jsonl');
      writeFileSync(
        input,
        [
          line({ id: 'a', text: BASE, published: '2024-01-02', title: 'keep me' }),
          line({ id: 'b', text: ORTHO_VARIANT, published: '2024-01-01' }),
          '{"id": "broken", "text": ',
          '',
          line({ id: 'c', text: NEAR_COPY }),
          line({ id: 'n', text: HARD_NEGATIVE }),
          line({ id: 'a', text: 'نص آخر تماما بالمعرف نفسه' }),
          line({ text: 'بلا معرف' }),
          line({ id: 'e', text: '' }),
          line({ id: 7, text: BASE, dup_group: 'stale', similarity: 0.1 }),
        ].join('\n') + '\n',
      );
      const out = join(dir, 'out.jsonl');
      const io = memoryIO();
      expect(await main(['dedup', input, '-o', out], io)).toBe(0);
      const rows = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'n', 'e', 7]);
      const byId = Object.fromEntries(rows.map((r) => [String(r.id), r]));
      // b is published first: it is the canonical, and a (re-)points to it
      expect(byId.b).toMatchObject({ dup_group: 'b', duplicate_of: null, similarity: 1 });
      expect(byId.a).toMatchObject({ dup_group: 'b', duplicate_of: 'b', similarity: 1, title: 'keep me' });
      expect(byId.c.duplicate_of).toBe('b');
      expect(byId.n).toMatchObject({ dup_group: 'n', duplicate_of: null });
      expect(byId.e).toMatchObject({ dup_group: 'e', duplicate_of: null });
      expect(byId['7']).toMatchObject({ dup_group: 'b', duplicate_of: 'b', similarity: 1 });
      const err = io.err();
      expect(err).toContain(`${input}:3: malformed JSON line`);
      expect(err).toContain(`${input}:7: dedup/duplicate-id`);
      expect(err).toContain(`${input}:8: object has no "id"`);
      expect(err).toMatch(/dedup: 9 in: .*skipped: 1 duplicate ids, 2 bad lines/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should check a second day against the saved index (--index) without recomputing the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-dedup-cli-'));
    try {
      const day1 = join(dir, 'day1.jsonl');
      const day2 = join(dir, 'day2.jsonl');
      const idx = join(dir, 'index.khdx');
      writeFileSync(
        day1,
        line({ id: 'a', text: BASE, published: '2024-01-01' }) + '\n' + line({ id: 'n', text: HARD_NEGATIVE }) + '\n',
      );
      writeFileSync(
        day2,
        line({ id: 'c', text: NEAR_COPY, published: '2024-01-02' }) + '\n' + line({ id: 'a', text: BASE }) + '\n',
      );
      let io = memoryIO();
      expect(await main(['dedup', day1, '-o', join(dir, 'o1.jsonl'), '--index', idx], io)).toBe(0);
      expect(existsSync(idx)).toBe(true);
      io = memoryIO();
      expect(await main(['dedup', day2, '-o', join(dir, 'o2.jsonl'), '--index', idx], io)).toBe(0);
      expect(io.err()).toContain('loaded index');
      expect(io.err()).toContain(`${day2}:2: dedup/duplicate-id`);
      const rows = readFileSync(join(dir, 'o2.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: 'c', dup_group: 'a', duplicate_of: 'a' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should fail clearly on a missing input file', async () => {
    const io = memoryIO();
    expect(await main(['dedup', '/nonexistent/x.jsonl'], io)).toBe(1);
    expect(io.err()).toContain('KHB_FILE_UNREADABLE');
  });

  it('should refuse bad flags with KHB_BAD_INPUT and exit 1, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-dedup-flags-'));
    try {
      const input = join(dir, 'in.jsonl');
      writeFileSync(input, line({ id: 'a', text: BASE }) + '\n');
      for (const [flag, value, why] of [
        ['--threshold', '2', /threshold 2 is not in \(0, 1\]/],
        ['--shingle', 'words:3', /shingle spec "words:3"/],
      ] as const) {
        const io = memoryIO();
        expect(await main(['dedup', input, '-o', join(dir, 'out.jsonl'), flag, value], io)).toBe(1);
        expect(io.err()).toMatch(/^khabar: KHB_BAD_INPUT: /);
        expect(io.err()).toMatch(why);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
