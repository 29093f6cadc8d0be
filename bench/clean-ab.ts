/**
 * `npx tsx bench/clean-ab.ts <other-checkout> [docs]`: this checkout's cleanArticle against another
 * checkout's (e.g. `git archive cb6f848 src | tar -x -C /tmp/old`), in one process on the same generated
 * documents, in interleaved batches, timed in CPU seconds. On a busy shared machine, where `npm run bench`
 * swings by 2×, the fastest and the median batch still compare the two fairly.
 */
import { join, resolve } from 'node:path';
import { generateRawDocs } from './gen-raw.js';

type Cleaner = { newArticle: (x: object) => unknown; cleanArticle: (a: unknown) => unknown };
const load = async (root: string): Promise<Cleaner> => ({
  newArticle: (await import(join(root, 'src/core/article.ts'))).newArticle,
  cleanArticle: (await import(join(root, 'src/clean/index.ts'))).cleanArticle,
});

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/clean-ab.ts <other-checkout> [docs]');
const [theirs, ours] = [await load(resolve(other)), await load(process.cwd())];
const docs = [...generateRawDocs(Number(process.argv[3]) || 2000, 1)];
const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6;
const batch = (c: Cleaner) => {
  const t0 = process.cpuUsage();
  for (const d of docs) c.cleanArticle(c.newArticle({ id: d.id, source: d.id, raw: d.text, site: d.site }));
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1e6;
};
// warm-up
for (let i = 0; i < 3; i++) {
  batch(theirs);
  batch(ours);
}
const times: [number[], number[]] = [[], []];
for (let i = 0; i < 25; i++) {
  times[0].push(batch(theirs));
  times[1].push(batch(ours));
}
for (const [name, t] of [
  [other, times[0]],
  ['this checkout', times[1]],
] as const) {
  const sorted = [...t].sort((a, b) => a - b);
  process.stdout.write(
    `${name}: fastest ${(mb / sorted[0]).toFixed(1)} MB/s, median ${(mb / sorted[sorted.length >> 1]).toFixed(1)} MB/s (CPU)\n`,
  );
}
