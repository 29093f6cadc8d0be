/** khabar's web UI: a hash router over the pages. Arabic first (rtl), Noto Naskh Arabic from npm. */
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './style.css';
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ArticlePage } from './article';
import { SearchPage } from './search';
import { StatsPage } from './stats';
import { StoryList, StoryPage } from './stories';

function useHash(): string {
  const [hash, set] = useState(location.hash);
  useEffect(() => {
    const on = () => {
      set(location.hash);
      window.scrollTo(0, 0);
    };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function route(hash: string) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'story' && parts[1]) return h(StoryPage, { id: parts[1], key: parts[1] });
  if (parts[0] === 'article' && parts[1]) return h(ArticlePage, { id: parts[1], key: parts[1] });
  if (parts[0] === 'search') {
    const q = new URLSearchParams(query).get('q') ?? '';
    return h(SearchPage, { q, key: q });
  }
  if (parts[0] === 'stats') return h(StatsPage, null);
  return h(StoryList, null);
}

function App() {
  const hash = useHash();
  return h('div', { class: 'shell' }, [
    h('header', null, [
      h('a', { href: '#/', class: 'brand' }, 'خبر'),
      h('nav', null, [
        h('a', { href: '#/' }, 'القصص'),
        h('a', { href: '#/search' }, 'البحث'),
        h('a', { href: '#/stats' }, 'إحصاءات'),
      ]),
    ]),
    h('main', null, route(hash)),
    h('footer', null, 'خبر — تنظيف الأخبار العربية وإزالة التكرار وتجميعها في قصص، مع سبب كل قرار.'),
  ]);
}

render(h(App, null), document.getElementById('app')!);
