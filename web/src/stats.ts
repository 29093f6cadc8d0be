/** A small stats page: counts, and articles per day and per source as SVG bar charts. */
import { h } from 'preact';
import type { Stats } from './api';
import { fmtNum, fmtShort, ruleLabel } from './format';
import { show, useApi } from './ui';

function bars(rows: { label: string; value: number }[], testid: string) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const w = 36;
  const H = 160;
  return h(
    'svg',
    { class: 'chart', 'data-testid': testid, viewBox: `0 0 ${rows.length * w + 10} ${H + 40}`, role: 'img' },
    rows.map((r, i) => {
      const bh = (r.value / max) * H;
      // bars run right to left, as the page reads
      const x = (rows.length - 1 - i) * w + 5;
      return h('g', { key: r.label }, [
        h('rect', { x, y: H - bh + 14, width: w - 8, height: bh }, h('title', null, `${r.label}: ${fmtNum(r.value)}`)),
        h('text', { x: x + (w - 8) / 2, y: H - bh + 10, 'text-anchor': 'middle', class: 'v' }, fmtNum(r.value)),
        h('text', { x: x + (w - 8) / 2, y: H + 32, 'text-anchor': 'middle', class: 'l' }, r.label),
      ]);
    }),
  );
}

/** Horizontal bars, one row per label: site names are too long to sit under a column. The label
 *  is on the right and the bar grows leftwards, as the page reads. */
function rowBars(rows: { label: string; value: number }[], testid: string) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const W = 640;
  const labelW = 170;
  const rowH = 24;
  const room = W - labelW - 50;
  return h(
    'svg',
    // ltr: text-anchor "end" means the right edge only in a left-to-right context (the page is rtl)
    { class: 'chart', 'data-testid': testid, viewBox: `0 0 ${W} ${rows.length * rowH + 8}`, role: 'img', direction: 'ltr' },
    rows.map((r, i) => {
      const bw = Math.max(2, (r.value / max) * room);
      const y = i * rowH + 4;
      const right = W - labelW;
      return h('g', { key: r.label }, [
        h('text', { x: W - 4, y: y + 15, 'text-anchor': 'end', class: 'l' }, r.label),
        h('rect', { x: right - bw, y, width: bw, height: rowH - 8 }, h('title', null, `${r.label}: ${fmtNum(r.value)}`)),
        h('text', { x: right - bw - 6, y: y + 13, 'text-anchor': 'end', class: 'v' }, fmtNum(r.value)),
      ]);
    }),
  );
}

export function StatsPage() {
  const stats = useApi<Stats>('/api/stats');
  return show(stats, (s) =>
    h('section', null, [
      h('h1', null, 'إحصاءات'),
      h(
        'dl',
        { class: 'numbers' },
        [
          ['وثائق', s.documents],
          ['مقالات', s.articles.stored],
          ['نسخ مكررة', s.articles.duplicate],
          ['مرفوضة', s.articles.rejected],
          ['أحداث', s.events],
          ['قصص', s.stories],
          ['مصادر', s.sources],
        ].flatMap(([k, v]) => [h('dt', null, k), h('dd', null, fmtNum(v as number))]),
      ),
      h('h2', null, 'المقالات في اليوم'),
      bars(
        s.perDay.map((d) => ({ label: fmtShort(d.date), value: d.articles })),
        'per-day',
      ),
      h('h2', null, 'المقالات حسب المصدر'),
      rowBars(
        s.perSource.map((d) => ({ label: d.site || '—', value: d.articles + d.duplicates })),
        'per-source',
      ),
      h('h2', null, 'الأسطر المحذوفة حسب القاعدة'),
      h(
        'ul',
        null,
        s.removedByRule.map((r) => h('li', { key: r.rule }, `${ruleLabel(r.rule)} (${r.rule}): ${fmtNum(r.count)}`)),
      ),
      s.rejectedByRule.length ? h('h2', null, 'الوثائق المرفوضة') : null,
      h(
        'ul',
        null,
        s.rejectedByRule.map((r) => h('li', { key: r.rule }, `${ruleLabel(r.rule)} (${r.rule}): ${fmtNum(r.count)}`)),
      ),
    ]),
  );
}
