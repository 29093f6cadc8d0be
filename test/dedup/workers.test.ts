import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signTexts } from '../../src/dedup/sign.js';
import { SignPool } from '../../src/dedup/workers.js';
import { DedupIndex } from '../../src/dedup/index.js';
import { dedupStream } from '../../src/dedup/stream.js';
import { generateDups } from '../../bench/gen-dups.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const texts = [...generateDups({ docs: 1500, seed: 3 })].map((d) => d.text);

describe('worker pool', () => {
  it('should give signatures identical to the single-thread path (TypeScript worker via tsx)', async () => {
    const pool = new SignPool(2);
    try {
      const viaWorkers = await pool.sign(texts);
      const inline = signTexts(texts);
      expect(viaWorkers.n).toBe(texts.length);
      expect(Buffer.from(viaWorkers.sigs.buffer).equals(Buffer.from(inline.sigs.buffer))).toBe(true);
      expect([...viaWorkers.exact]).toEqual([...inline.exact]);
      expect([...viaWorkers.words]).toEqual([...inline.words]);
    } finally {
      await pool.close();
    }
  });

  it('should give the same decisions with and without workers', async () => {
    const items = texts.map((text, i) => ({ id: `d${i}`, text }));
    const run = async (pool: SignPool | null) => {
      const index = new DedupIndex();
      const out: string[] = [];
      for await (const { decision } of dedupStream(items, index, { pool, batchSize: 400 })) out.push(decision.rule);
      return [...out, ...items.map((_, s) => index.decision(s).dupGroup)];
    };
    const pool = new SignPool(2);
    try {
      expect(await run(pool)).toEqual(await run(null));
    } finally {
      await pool.close();
    }
  });

  it('should run the compiled dist/ JavaScript worker and match', () => {
    const out = mkdtempSync(join(tmpdir(), 'khabar-dedup-dist-'));
    try {
      // Compile just src/dedup (and what it imports) into a scratch outDir.
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/typescript/bin/tsc'),
          '--outDir',
          out,
          '--rootDir',
          join(ROOT, 'src'),
          '--module',
          'NodeNext',
          '--moduleResolution',
          'NodeNext',
          '--target',
          'ES2022',
          '--skipLibCheck',
          '--types',
          'node',
          join(ROOT, 'src/dedup/workers.ts'),
        ],
        { cwd: ROOT, stdio: 'pipe' },
      );
      writeFileSync(join(out, 'package.json'), '{"type":"module"}');
      const input = join(out, 'texts.json');
      writeFileSync(input, JSON.stringify(texts.slice(0, 600)));
      const script = `
        import { readFileSync } from 'node:fs';
        import { SignPool } from ${JSON.stringify(join(out, 'dedup/workers.js'))};
        const pool = new SignPool(2);
        const b = await pool.sign(JSON.parse(readFileSync(${JSON.stringify(input)}, 'utf8')));
        await pool.close();
        process.stdout.write(Buffer.from(b.sigs.buffer).toString('base64'));`;
      writeFileSync(join(out, 'run.mjs'), script);
      const got = execFileSync(process.execPath, [join(out, 'run.mjs')], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      expect(got).toBe(Buffer.from(signTexts(texts.slice(0, 600)).sigs.buffer).toString('base64'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
