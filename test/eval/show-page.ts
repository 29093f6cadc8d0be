/**
 * `npx tsx test/eval/show-page.ts <file.jsonl> <id> [...]`: one labelled page line by line, for development:
 * the gold label of each line (B body, A ambiguous, T title, D dateline, - other) beside khabar's decision
 * (kept, or the rule that took it) and, for lines above the first paragraph, why a line is not a title.
 * Meant for development sets only (eval-dev and pages.jsonl); never run it on a held-out set.
 */
import { cleanArticle, splitLines } from '../../src/clean/index.js';
import { notATitle } from '../../src/clean/title.js';
import { newArticle } from '../../src/core/article.js';
import { readGold } from './clean.js';
import { khabarPredictions } from './clean-metrics.js';

const [file, ...ids] = process.argv.slice(2);
const gold = readGold(file);
const preds = khabarPredictions(gold);
for (const id of ids) {
  const i = gold.findIndex((g) => g.id === id);
  if (i < 0) {
    process.stdout.write(`${id}: not in ${file}\n`);
    continue;
  }
  const g = gold[i];
  const p = preds[i];
  const a = cleanArticle(newArticle({ id, source: id, raw: g.raw, site: g.site ?? null, url: g.url ?? null }));
  const out = [`== ${id} ${g.url ?? ''}`, `   gold title: ${g.title}`, `   got  title: ${p.title}`];
  out.push(`   gold dateline: ${g.dateline}`, `   got  dateline: ${p.dateline}`);
  for (const l of splitLines(g.raw)) {
    const k = l.line - 1;
    const gl = g.body.includes(k)
      ? 'B'
      : g.ambiguous?.includes(k)
        ? 'A'
        : g.title && l.text.includes(g.title)
          ? 'T'
          : '-';
    const why = p.why?.get(k) ?? 'kept';
    const nt = notATitle(l) ?? 'shape-ok';
    out.push(`${String(k).padStart(3)} ${gl} ${why.padEnd(24)} ${nt.padEnd(12)} ${l.text.slice(0, 110)}`);
  }
  out.push(
    `   trace: ${a.trace
      .map((r) => r.rule + (r.evidence ? JSON.stringify(r.evidence) : ''))
      .join(' | ')
      .slice(0, 400)}`,
  );
  process.stdout.write(out.join('\n') + '\n');
}
