/** An article: the clean text beside the removed lines and their reasons, its copies, and why it joined its event. */
import { h } from 'preact';
import type { ArticleDetail } from './api';
import { fmtDate, fmtNum, ruleLabel } from './format';
import { articleRow } from './stories';
import { ledeOf, link, show, titleOf, useApi } from './ui';

const DECISIONS: Record<string, string> = {
  'new-event': 'بدأ حدثًا جديدًا',
  'joined-event': 'انضم إلى حدث قائم',
  'duplicate-of-canonical': 'نسخة من المقال الأصلي فانضم إلى حدثه',
};

export function ArticlePage({ id }: { id: string }) {
  const art = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`);
  return show(art, (a) =>
    h('section', null, [
      h(
        'h1',
        { 'data-testid': 'article-title' },
        titleOf(a.title, ledeOf(a.paragraphs[0] ?? '') || a.id),
      ),
      h('p', { class: 'meta' }, [
        h('span', null, a.site ?? ''),
        h('span', null, fmtDate(a.published)),
        a.dateline ? h('span', null, a.dateline) : null,
        a.story ? link(`#/story/${encodeURIComponent(a.story.id)}`, `القصة: ${titleOf(a.story.title)}`) : null,
      ]),
      a.rejected
        ? h(
            'p',
            { class: 'error' },
            `مرفوض: ${ruleLabel(a.rejected.rule)} (${a.rejected.rule}) — ${a.rejected.message}`,
          )
        : null,
      h('div', { class: 'split' }, [
        h('article', { class: 'clean', 'data-testid': 'clean-text' }, [
          h('h2', null, 'النص النظيف'),
          ...a.paragraphs.map((p, i) => h('p', { key: i }, p)),
        ]),
        h('aside', { class: 'removed', 'data-testid': 'removed' }, [
          h('h2', null, `الأسطر المحذوفة (${fmtNum(a.removed.length)})`),
          h(
            'ol',
            null,
            a.removed.map((r, i) => {
              const line = r.place && 'line' in r.place ? r.place.line : null;
              return h('li', { key: i, 'data-rule': r.rule, title: r.message }, [
                h('span', { class: 'reason' }, [ruleLabel(r.rule), ' ', h('code', null, r.rule)]),
                line ? h('span', { class: 'line' }, `سطر ${fmtNum(line)}`) : null,
                h('q', null, r.text ?? ''),
              ]);
            }),
          ),
        ]),
      ]),
      a.why
        ? h('div', { class: 'why', 'data-testid': 'why' }, [
            h('h2', null, 'لماذا انضم إلى حدثه'),
            h('p', null, [
              DECISIONS[a.why.decision] ?? a.why.decision,
              // a new event is scored against the story it joined, the rest against their event
              a.why.decision === 'new-event' && a.why.story_score !== undefined
                ? ` — التشابه مع القصة ${fmtNum(Math.round(a.why.story_score * 100))}٪`
                : ` — درجة التشابه ${fmtNum(Math.round(a.why.score * 100))}٪`,
              a.why.date_gap_days !== null ? `، الفارق ${fmtNum(a.why.date_gap_days)} يوم` : '',
            ]),
            a.why.reasons?.length
              ? h(
                  'p',
                  { class: 'meta', 'data-testid': 'why-reasons' },
                  a.why.reasons.map((r) => `${ruleLabel(r.rule)} (${r.rule})`).join('، '),
                )
              : null,
            a.why.terms.length ? h('p', { class: 'meta' }, `كلمات مشتركة: ${a.why.terms.join('، ')}`) : null,
            a.why.entities.length ? h('p', { class: 'meta' }, `كيانات مشتركة: ${a.why.entities.join('، ')}`) : null,
          ])
        : null,
      h('h2', null, `النسخ المكررة (${fmtNum(a.duplicates.length)})`),
      a.duplicates.length
        ? h('ul', { class: 'articles', 'data-testid': 'duplicates' }, a.duplicates.map(articleRow))
        : h('p', { class: 'muted' }, 'لا نسخ أخرى من هذا المقال.'),
    ]),
  );
}
