/** Search with highlighted snippets (the hits come as parts, rendered as <mark> text). */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import type { SearchHit } from './api';
import { fmtDate, fmtNum } from './format';
import { ledeOf, link, show, snippet, useApi } from './ui';

export function SearchPage({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const result = useApi<{ hits: SearchHit[]; tookMs: number; window?: { ranked: number; matchesAbout: number } }>(
    q ? `/api/search?q=${encodeURIComponent(q)}` : null,
  );
  const submit = (e: Event) => {
    e.preventDefault();
    location.hash = `#/search?q=${encodeURIComponent(text)}`;
  };
  return h('section', null, [
    h('h1', null, 'البحث'),
    h('form', { class: 'search', onSubmit: submit, role: 'search' }, [
      h('input', {
        type: 'search',
        name: 'q',
        value: text,
        placeholder: 'مثال: حلف شمال الاطلسي',
        'aria-label': 'كلمات البحث',
        onInput: (e: Event) => setText((e.target as HTMLInputElement).value),
      }),
      h('button', { type: 'submit' }, 'ابحث'),
    ]),
    h(
      'p',
      { class: 'muted' },
      'يطابق البحث الهمزات والتاء المربوطة والألف المقصورة: «الاطلسي» تجد «الأطلسي». استعمل "عبارة" و OR و -كلمة.',
    ),
    q
      ? show(result, (r) =>
          h('div', null, [
            h('p', { class: 'meta' }, `${fmtNum(r.hits.length)} نتيجة (${fmtNum(r.tookMs)} م.ث)`),
            // a very common query: only its newest matches were ranked (src/store/sqlite/search.ts, RANK_WINDOW)
            r.window
              ? h(
                  'p',
                  { class: 'muted', 'data-testid': 'window' },
                  `كلمات شائعة جدا: رُتّبت أحدث ${fmtNum(r.window.ranked)} نتيجة من نحو ${fmtNum(r.window.matchesAbout)}. أضف كلمات لتضييق البحث.`,
                )
              : null,
            h(
              'ol',
              { class: 'hits', 'data-testid': 'hits' },
              r.hits.map((hit) =>
                h('li', { key: hit.id, 'data-id': hit.id }, [
                  link(
                    `#/article/${encodeURIComponent(hit.id)}`,
                    hit.titleParts.length ? snippet(hit.titleParts) : ledeOf(hit.lede) || hit.id,
                    'card-title',
                  ),
                  h('p', { class: 'snippet' }, snippet(hit.snippet)),
                  h('p', { class: 'meta' }, [
                    h('span', null, hit.site ?? ''),
                    h('span', null, fmtDate(hit.published)),
                    hit.copies ? h('span', { class: 'badge' }, `+${fmtNum(hit.copies)} نسخ`) : null,
                    hit.storyId ? link(`#/story/${encodeURIComponent(hit.storyId)}`, 'القصة') : null,
                  ]),
                ]),
              ),
            ),
          ]),
        )
      : null,
  ]);
}
