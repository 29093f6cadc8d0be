import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { MAX_BODY_BYTES } from '../../src/server/schemas.js';
import type { Store } from '../../src/store/store.js';
import { buildSampleDb } from '../support/sample-db.js';
import { SEED_THURSDAY } from '../support/seeds.js';

let app: FastifyInstance;
let store: Store;
const get = (url: string) => app.inject({ method: 'GET', url });
const json = <T = any>(r: { body: string }) => JSON.parse(r.body) as T; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  store = (await buildSampleDb()).store;
  app = await buildApp({ store, logger: false, webRoot: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET routes', () => {
  it('should answer /healthz', async () => {
    const r = await get('/healthz');
    expect(r.statusCode).toBe(200);
    expect(json(r)).toEqual({ ok: true, db: 'sqlite' });
  });

  it('should list stories newest first with counts and a working cursor', async () => {
    const r = json(await get('/api/stories?limit=3'));
    expect(r.items).toHaveLength(3);
    const lasts = r.items.map((s: { lastDate: string }) => s.lastDate);
    expect([...lasts].sort().reverse()).toEqual(lasts);
    expect(r.items[0].counts).toEqual({
      events: expect.any(Number),
      articles: expect.any(Number),
      sources: expect.any(Number),
    });
    const next = json(await get(`/api/stories?limit=3&cursor=${r.nextCursor}`));
    expect(next.items[0].id).not.toBe(r.items[0].id);
    const filtered = json(
      await get('/api/stories?from=2021-06-26&to=2021-06-27&q=' + encodeURIComponent('القمة الثلاثية')),
    );
    expect(filtered.items.length).toBeGreaterThan(0);
  });

  it('should return a story with its events, articles, entities and timeline, then an event', async () => {
    const [first] = json(await get('/api/stories?limit=1')).items;
    const story = json(await get(`/api/stories/${encodeURIComponent(first.id)}`));
    expect(story.events.length).toBe(first.counts.events);
    expect(story.timeline.length).toBeGreaterThan(0);
    expect(Array.isArray(story.entities)).toBe(true);
    const articles = story.events.flatMap((e: { articles: { id: string; storyId: string }[] }) => e.articles);
    expect(articles.length).toBe(first.counts.articles);
    for (const a of articles) expect(a.storyId).toBe(first.id);
    const event = json(await get(`/api/events/${encodeURIComponent(story.events[0].id)}`));
    expect(event.story.id).toBe(first.id);
    expect(event.articles.length).toBe(story.events[0].counts.articles);
  });

  it('should return an article with clean text, removed lines with reasons, duplicates and why', async () => {
    const a = json(await get('/api/articles/dijla-kadhimi-stoltenberg'));
    expect(a.paragraphs.length).toBeGreaterThan(2);
    expect(a.removed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'clean/template-leak',
          action: 'drop-line',
          text: '{{ article.visit_count }}',
        }),
      ]),
    );
    expect(a.duplicates.map((d: { id: string }) => d.id)).toContain('alrafidain-kadhimi-stoltenberg');
    expect(a.why.decision).toBe('duplicate-of-canonical');
  });

  it('should search with highlighted snippets', async () => {
    const r = json(await get('/api/search?q=' + encodeURIComponent('حلف شمال الاطلسي')));
    expect(r.hits.length).toBeGreaterThan(1);
    expect(r.hits.map((h: { id: string }) => h.id)).toContain(SEED_THURSDAY);
    expect(r.hits[0].snippet.some((p: { hit?: boolean }) => p.hit)).toBe(true);
  });

  it('should report stats per day and per source', async () => {
    const s = json(await get('/api/stats'));
    expect(s.articles.rejected).toBe(2);
    expect(s.perDay.length).toBeGreaterThan(5);
    expect(s.perSource.map((p: { site: string }) => p.site)).toEqual(
      expect.arrayContaining(['alrafidain', 'nilewire', 'sahat.example']),
    );
  });

  it('should serve the OpenAPI document at /api/docs', async () => {
    const doc = json(await get('/api/docs/json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/stories', '/api/stories/{id}', '/api/search', '/api/articles']),
    );
  });
});

describe('bad input', () => {
  it('should give 404 JSON for unknown ids and routes', async () => {
    for (const url of ['/api/stories/nope', '/api/events/nope', '/api/articles/nope', '/api/nothing-here']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(json(r)).toMatchObject({ status: 404, code: 'KHB_NOT_FOUND' });
    }
  });

  it('should give 400 for a bad id, bad dates, a bad limit and a forged cursor', async () => {
    for (const url of [
      `/api/articles/${'x'.repeat(300)}`,
      `/api/stories/${'x'.repeat(300)}`,
      `/api/events/${'x'.repeat(300)}`,
      '/api/stories?from=yesterday',
      '/api/stories?limit=0',
      '/api/stories?limit=abc',
      '/api/stories?from=2021-07-02&to=2021-07-01',
      '/api/stories?cursor=bm9wZQ',
      '/api/stories?unknown=1',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(json(r)).toMatchObject({ status: 400, message: expect.any(String) });
    }
  });

  it('should give 400 KHB_BAD_QUERY for FTS syntax errors, never 500', async () => {
    for (const q of ['"الناتو', 'AND OR', 'الناتو OR', '***', '-الناتو']) {
      const r = await get('/api/search?q=' + encodeURIComponent(q));
      expect(r.statusCode, q).toBe(400);
      expect(json(r).code).toBe('KHB_BAD_QUERY');
    }
    expect((await get('/api/search')).statusCode).toBe(400);
    expect((await get('/api/stories?q=' + encodeURIComponent('"ناتو'))).statusCode).toBe(400);
  });
});

describe('POST /api/articles', () => {
  const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.inject({
      method: 'POST',
      url: '/api/articles',
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers,
    });

  it('should run one document through the pipeline and store it', async () => {
    const text = [
      'الرئيسيةسياسةاقتصادمحلياترياضة',
      'البرلمان العراقي يناقش قانون الموازنة الاتحادية في جلسة طارئة',
      'بغداد - الرافدين',
      'عقد مجلس النواب العراقي جلسة طارئة لمناقشة قانون الموازنة الاتحادية، وسط خلافات بين الكتل السياسية على حصص المحافظات.',
      'وقال رئيس اللجنة المالية إن التصويت على القانون قد يتأجل إلى الأسبوع المقبل بسبب الخلاف على سعر برميل النفط المعتمد.',
      'شارك على فيسبوك تويتر واتساب',
    ].join('\n');
    const r = await post({
      text,
      site: 'alrafidain',
      published: '2021-07-06',
      url: 'https://alrafidain.example/budget',
    });
    expect(r.statusCode).toBe(201);
    const body = json(r);
    expect(body.outcome.status).toBe('stored');
    expect(body.article.removed.map((x: { rule: string }) => x.rule)).toContain('clean/share');
    const again = await post({
      text,
      site: 'alrafidain',
      published: '2021-07-06',
      url: 'https://alrafidain.example/budget',
    });
    expect(again.statusCode).toBe(200);
    expect(json(again).outcome.status).toBe('unchanged');
    expect((await get(`/api/articles/${encodeURIComponent(body.outcome.id)}`)).statusCode).toBe(200);
  });

  it('should extract and store an HTML page posted as {html, url}', async () => {
    const html = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح معرض بغداد الدولي للكتاب بمشاركة 300 دار نشر - صحة</title></head><body>
<nav><a href="/">الرئيسية</a> <a href="/s">ثقافة</a></nav><article><h1>افتتاح معرض بغداد الدولي للكتاب بمشاركة 300 دار نشر</h1>
<p>افتتح وزير الثقافة، اليوم الخميس، معرض بغداد الدولي للكتاب في دورته الجديدة بمشاركة ثلاثمئة دار نشر عربية وأجنبية.</p>
<p>ويستمر المعرض عشرة أيام، وتقام على هامشه ندوات وأمسيات شعرية وتوقيع كتب لعدد من الكتاب العراقيين.</p>
<div class="share-buttons">شارك فيسبوك تويتر</div></article></body></html>`;
    const r = await post({ html, url: 'https://sahat.example/culture/book-fair', published: '2021-07-08' });
    expect(r.statusCode).toBe(201);
    const { article } = json(r);
    expect(article.title).toBe('افتتاح معرض بغداد الدولي للكتاب بمشاركة 300 دار نشر');
    expect(article.paragraphs).toHaveLength(2);
    expect(article.site).toBe('sahat.example');
    expect(article.paragraphs.join(' ')).not.toContain('فيسبوك');
  });

  it('should refuse a body without text, with unknown fields, bad JSON, the wrong content type or too large', async () => {
    expect((await post({ url: 'https://x.example/a' })).statusCode).toBe(400);
    expect((await post({ text: 'نص', extra: 1 })).statusCode).toBe(400);
    expect((await post({ text: 'نص', published: 'tomorrow' })).statusCode).toBe(400);
    expect((await post('{"text": ')).statusCode).toBe(400);
    const wrongType = await post('نص عادي', { 'content-type': 'text/plain' });
    expect(wrongType.statusCode).toBe(415);
    expect(json(wrongType)).toMatchObject({ status: 415, code: 'KHB_UNSUPPORTED_MEDIA_TYPE' });
    const big = await post({ text: 'ا'.repeat(MAX_BODY_BYTES) });
    expect(big.statusCode).toBe(413);
    expect(json(big)).toMatchObject({ status: 413, code: 'KHB_TOO_LARGE' });
  });
});
