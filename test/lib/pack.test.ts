/**
 * khabar as a library, as a user gets it: the tarball `npm pack` makes, unpacked into an empty project.
 * A consumer file type-checks against the shipped .d.ts (`tsc --noEmit`) and runs. npm test builds dist/
 * first; the project's dependencies are linked from this checkout (no registry needed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, SEED_WEDNESDAY } from '../support/seeds.js';

const ROOT = resolve('.');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-consumer-'));
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const tarball = join(dir, out.trim().split('\n').at(-1)!);
  const pkg = join(dir, 'node_modules', 'khabar');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'khabar') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(join(dir, 'seed.txt'), readSeed(SEED_WEDNESDAY));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
      },
      files: ['consumer.ts'],
    }),
  );
  writeFileSync(
    join(dir, 'consumer.ts'),
    `import { readFileSync } from 'node:fs';
import { clean, createDedupIndex, createClusterer, dedup, openStore, process, type Article, type Reason } from 'khabar';

const a: Article = clean({ text: readFileSync('seed.txt', 'utf8'), site: 'baghdad24', published: '2021-06-30' });
const b: Article = clean({ text: readFileSync('seed.txt', 'utf8'), site: 'copy', published: '2021-07-01', id: 'copy' });
const reasons: Reason[] = a.trace;
await dedup([a, b], { index: createDedupIndex() });
const clusterer = createClusterer({ now: '2021-07-02' });
clusterer.add(a);
const store = await openStore(':memory:');
await store.close();
const run = await process([], { db: ':memory:' });
console.log(JSON.stringify({ title: a.title, removed: a.removed.length, rules: reasons.map((r) => r.rule), id: a.id, copyOf: b.duplicateOf, event: a.event !== undefined, run: typeof run.runId }));
`,
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khabar from a packed tarball in an empty project', () => {
  it('should ship the compiled library and its types', () => {
    const files = readdirSync(join(dir, 'node_modules', 'khabar', 'dist'));
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
  });

  it('should type-check a consumer file against the shipped types', () => {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  });

  it('should clean, deduplicate and cluster through the public API', () => {
    execFileSync(
      join(ROOT, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', '.'],
      {
        cwd: dir,
      },
    );
    const out = JSON.parse(
      execFileSync('node', ['consumer.js'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').at(-1)!,
    );
    expect(out.title).toMatch(/الكاظمي/);
    expect(out.removed).toBeGreaterThan(0);
    expect(out.rules).toContain('clean/title');
    expect(out.copyOf).toBe(out.id);
    expect(out.event).toBe(true);
    expect(out.run).toBe('string');
  });
});
