/**
 * Safe defaults of the server (issue 15): security headers, writes behind a token beyond
 * loopback, khabar's {status, code, message} for the errors raised before routing (bad URL,
 * 414, 431), and POST cleaning in a worker so /healthz answers during a hostile document.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { isLoopbackHost } from '../../src/server/auth.js';
import { CleanProbe } from '../../src/server/clean-probe.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { tmpDir } from '../support/sample-db.js';

const ARTICLE = {
  site: 'example.com',
  text: 'أعلنت وزارة الزراعة عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية خلال الموسم المقبل.\nوقال المتحدث باسم الوزارة إن الخطة تشمل توزيع البذور المحسنة بأسعار مدعومة على الجمعيات الفلاحية.',
};

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(() => store.close());

describe('security headers', () => {
  it('should send a CSP, nosniff and no-referrer on the API and the UI', async () => {
    const app = await buildApp({ store, logger: false, webRoot: null });
    for (const url of ['/api/stats', '/healthz', '/api/docs']) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy'], url).toMatch(/default-src 'self'.*script-src 'self'/);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    await app.close();
  });
});

describe('writes and who may make them', () => {
  it('should require the bearer token on POST when one is set, and leave reads open', async () => {
    const app = await buildApp({ store, logger: false, webRoot: null, token: 's3cret-token' });
    const post = (auth?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/articles',
        payload: ARTICLE,
        headers: auth ? { authorization: auth } : {},
      });
    for (const auth of [undefined, 'Bearer wrong', 's3cret-token']) {
      const res = await post(auth);
      expect(res.statusCode, auth).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'KHB_UNAUTHORIZED' });
    }
    expect((await post('Bearer s3cret-token')).statusCode).toBe(201);
    expect((await app.inject({ url: '/api/stats' })).statusCode).toBe(200);
    await app.close();
  });

  it('should refuse every write when read-only (bound beyond loopback without a token)', async () => {
    const app = await buildApp({ store, logger: false, webRoot: null, readOnly: true });
    const res = await app.inject({ method: 'POST', url: '/api/articles', payload: ARTICLE });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/beyond loopback without --token/);
    await app.close();
  });

  it('should tell loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('should warn when serve binds beyond loopback without --token', async () => {
    const dir = tmpDir();
    const db = join(dir, 'k.db');
    await (await openStore(db)).close();
    const root = join(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '-q'],
      {
        cwd: root,
      },
    );
    let err = '';
    let out = '';
    child.stderr.on('data', (c) => (err += c));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('khabar is serving')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    child.kill('SIGTERM');
    expect(err).toMatch(
      /warning: listening on 0\.0\.0\.0 \(beyond loopback\) without --token: POST \/api\/articles is refused/,
    );
  }, 60_000);
});

describe('errors before routing', () => {
  let port = 0;
  beforeAll(async () => {
    const a = await buildApp({ store, logger: false, webRoot: null });
    await a.listen({ port: 0, host: '127.0.0.1' });
    port = (a.server.address() as AddressInfo).port;
    afterAll(() => a.close());
  });

  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(b) }));
      });
      r.on('error', reject);
      r.end();
    });

  it("should answer a bad URL, 414 and 431 with khabar's {status, code, message}", async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      ['/api/stories/%', {}, 400, 'KHB_BAD_INPUT'],
      ['/%E0%A4%A', {}, 400, 'KHB_BAD_INPUT'],
      [`/api/stories/${'x'.repeat(2000)}`, {}, 414, 'KHB_TOO_LARGE'],
      ['/api/stats', { 'x-big': 'y'.repeat(20_000) }, 431, 'KHB_TOO_LARGE'],
      [`/api/search?q=${'x'.repeat(70_000)}`, {}, 431, 'KHB_TOO_LARGE'],
    ];
    for (const [path, headers, status, code] of cases) {
      const res = await raw(path, headers);
      expect(res.status, path.slice(0, 40)).toBe(status);
      expect(Object.keys(res.body).sort(), path.slice(0, 40)).toEqual(['code', 'message', 'status']);
      expect(res.body).toMatchObject({ status, code });
      expect(String(res.body.message).length).toBeLessThan(400);
    }
  });
});

describe('POST /api/articles cleans in a worker', () => {
  it('should refuse a document that cleans too slowly as clean/too-complex while /healthz still answers', async () => {
    const s = await openStore(':memory:');
    // a budget far below this page's cleaning time (~1 s: 50 000 character references)
    const app = await buildApp({
      store: s,
      logger: false,
      webRoot: null,
      ingest: { probe: new CleanProbe(50, 20_000) },
    });
    const html = `<html><body><article><p>${ARTICLE.text}</p>${'<p>&amp;&#x200b;</p>'.repeat(25_000)}</article></body></html>`;
    const order: string[] = [];
    const posting = app
      .inject({ method: 'POST', url: '/api/articles', payload: { html, site: 'x.example' } })
      .then((r) => {
        order.push('post');
        return r;
      });
    await new Promise((r) => setTimeout(r, 100));
    const health = await app.inject({ url: '/healthz' });
    order.push('healthz');
    expect(health.statusCode).toBe(200);
    const res = await posting;
    expect(order).toEqual(['healthz', 'post']);
    expect(res.statusCode).toBe(201);
    expect(res.json().outcome).toMatchObject({ status: 'rejected', detail: 'clean/too-complex' });
    await app.close();
    await s.close();
  });

  it('should stop a worker past the per-request timeout and answer', async () => {
    const probe = new CleanProbe(10, 200);
    const html = `<html><body>${'<p>&amp;&#x200b;</p>'.repeat(25_000)}</body></html>`;
    const t0 = Date.now();
    const r = await probe.check({ raw: html, rawKind: 'html', url: null } as never);
    expect(r?.rule).toBe('clean/too-complex');
    expect(r?.message).toMatch(/took over 200 ms/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await probe.close();
  });
});
