import { readGold } from './clean.js';
import { splitBySite } from './split.js';
import { khabarPredictions } from './clean-metrics.js';
const gold = splitBySite(readGold('test/fixtures/real/clean/pages.jsonl'), 'dev');
const preds = khabarPredictions(gold);
const want = new Set(process.argv.slice(2));
gold.forEach((g, i) => {
  if (!want.has(g.id!)) return;
  const p = preds[i]; const body = new Set(g.body); const amb = new Set(g.ambiguous ?? []);
  console.log(`===== ${g.id} ${g.url}\n  title want ${JSON.stringify(g.title)} got ${JSON.stringify(p.title)}\n  dl want ${JSON.stringify(g.dateline)} got ${JSON.stringify(p.dateline)}\n  notes: ${(g as any).notes}`);
  g.lines.forEach((l, j) => { if (!l.trim()) return; const gl = body.has(j) ? 'B' : amb.has(j) ? '?' : '-'; const pl = p.body.has(j) ? 'B' : '-';
    console.log(`${j} ${gl}${pl} ${gl !== pl && gl !== '?' ? '!!' : '  '} ${p.why?.get(j) ?? ''} | ${l.slice(0, 160)}`); });
});
