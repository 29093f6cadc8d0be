/** The story list (newest first) and a story page with the timeline of its events. */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { ArticleSummary, StoryDetail, StorySummary } from './api';
import { count, fmtDate, fmtRange } from './format';
import { ledeOf, link, show, titleOf, useApi } from './ui';

export function StoryList() {
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useApi<{ items: StorySummary[]; nextCursor: string | null }>(
    `/api/stories?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  return h('section', null, [
    h('h1', null, 'القصص'),
    show(page, (p) =>
      h('div', null, [
        h(
          'ol',
          { class: 'cards', 'data-testid': 'story-list' },
          p.items.map((s) =>
            h('li', { class: 'card', key: s.id }, [
              link(`#/story/${encodeURIComponent(s.id)}`, titleOf(s.title), 'card-title'),
              h('div', { class: 'meta' }, [
                h('span', null, fmtRange(s.firstDate, s.lastDate)),
                h('span', null, count(s.counts.events, 'حدث', 'أحداث')),
                h('span', null, count(s.counts.articles, 'مقال', 'مقالات')),
                h('span', null, count(s.counts.sources, 'مصدر', 'مصادر')),
              ]),
            ]),
          ),
        ),
        p.nextCursor ? h('button', { onClick: () => setCursor(p.nextCursor) }, 'قصص أقدم') : null,
      ]),
    ),
  ]);
}

export const articleRow = (a: ArticleSummary) =>
  h('li', { key: a.id, class: a.duplicateOf ? 'dup' : '' }, [
    link(`#/article/${encodeURIComponent(a.id)}`, titleOf(a.title, ledeOf(a.lede) || a.id)),
    h('span', { class: 'meta' }, [
      h('span', null, a.site ?? ''),
      h('span', null, fmtDate(a.published)),
      a.duplicateOf ? h('span', { class: 'badge' }, `نسخة (${Math.round((a.similarity ?? 0) * 100)}٪)`) : null,
    ]),
  ]);

export function StoryPage({ id }: { id: string }) {
  const story = useApi<StoryDetail>(`/api/stories/${encodeURIComponent(id)}`);
  return show(story, (s) =>
    h('section', null, [
      h('h1', null, titleOf(s.title)),
      h('p', { class: 'meta' }, [
        h('span', null, fmtRange(s.firstDate, s.lastDate)),
        h('span', null, count(s.counts.events, 'حدث', 'أحداث')),
        h('span', null, count(s.counts.articles, 'مقال', 'مقالات')),
        h('span', null, count(s.counts.sources, 'مصدر', 'مصادر')),
      ]),
      s.entities.length
        ? h(
            'p',
            { class: 'entities' },
            s.entities.map((e) => h('span', { class: 'chip', key: e.key }, e.name)),
          )
        : null,
      h('h2', null, 'الخط الزمني'),
      h(
        'ol',
        { class: 'timeline', 'data-testid': 'timeline' },
        s.events.map((e) =>
          h('li', { class: 'event', key: e.id, 'data-testid': 'event' }, [
            h('time', { dateTime: e.date ?? undefined }, fmtDate(e.date)),
            h('h3', null, titleOf(e.title)),
            h('p', { class: 'meta' }, [
              count(e.counts.articles, 'مقال', 'مقالات'),
              ' · ',
              count(e.counts.sources, 'مصدر', 'مصادر'),
            ]),
            h('ul', { class: 'articles' }, e.articles.map(articleRow)),
          ]),
        ),
      ),
    ]),
  );
}
