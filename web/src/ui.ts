/** Small building blocks: a data hook, links, snippets. Text is always a text node, never HTML. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { h, type ComponentChildren, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type SnippetPart } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ok'; data: T };

export function useApi<T>(path: string | null): Loaded<T> {
  const [v, set] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!path) return;
    let live = true;
    set({ state: 'loading' });
    api<T>(path).then(
      (data) => live && set({ state: 'ok', data }),
      (error: Error) => live && set({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return v;
}

export function show<T>(v: Loaded<T>, render: (data: T) => VNode<any>): VNode<any> {
  if (v.state === 'loading') return h('p', { class: 'muted' }, 'جارٍ التحميل…');
  if (v.state === 'error') {
    const e = v.error;
    return h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? `${e.status}: ${e.message}` : e.message);
  }
  return render(v.data);
}

export const link = (href: string, children: ComponentChildren, cls?: string) => h('a', { href, class: cls }, children);

/** A snippet: plain text with the hits in <mark>. */
export const snippet = (parts: SnippetPart[]) => parts.map((p, i) => (p.hit ? h('mark', { key: i }, p.text) : p.text));

export const titleOf = (t: string | null, fallback = 'بلا عنوان') => t ?? fallback;
/** An untitled article is shown by its first words. */
export const ledeOf = (text: string, words = 12) => {
  const w = text.trim().split(/\s+/).filter(Boolean);
  return w.length === 0 ? '' : w.slice(0, words).join(' ') + (w.length > words ? ' …' : '');
};
