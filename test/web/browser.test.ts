/**
 * The web UI in Debian's chromium (playwright-core), against a real server on
 * the sample corpus. Screenshots go to test-artifacts/ (gitignored).
 */
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { CHROMIUM, CHROMIUM_MISSING } from '../setup/chromium.js';
import { buildSampleDb } from '../support/sample-db.js';
import { SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

let app: FastifyInstance;
let store: Store;
let dbPath: string;
let browser: BrowserContext;
let page: Page;
let base: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const storyOf = async (articleId: string) => (await store.getArticle(articleId))!.storyId!;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  if (!existsSync(join(WEB, 'dist', 'index.html'))) {
    const { build } = await import('vite');
    await build({ root: WEB, configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ store, path: dbPath } = await buildSampleDb());
  app = await buildApp({ store, logger: false, webRoot: join(WEB, 'dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  // a fresh user-data-dir for every run
  const profile = mkdtempSync(join(tmpdir(), 'khabar-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    locale: 'ar',
    viewport: { width: 1200, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

describe('web UI', () => {
  it('should show the story list right to left, in Arabic, with counts', async () => {
    await page.goto(base + '/');
    await page.waitForSelector('[data-testid=story-list] li');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const first = await page.textContent('[data-testid=story-list] li');
    expect(first).toMatch(/أحداث|حدث/);
    const font = await page
      .locator('body')
      .evaluate((body) => body.ownerDocument.defaultView!.getComputedStyle(body).fontFamily);
    expect(font).toContain('Noto Naskh Arabic');
    await shot('01-stories');
  });

  it('should open the al-Kadhimi NATO story and show two events', async () => {
    const id = await storyOf(SEED_WEDNESDAY);
    await page.goto(base + '/');
    await page.click(`a[href="#/story/${encodeURIComponent(id)}"]`);
    await page.waitForSelector('[data-testid=event]');
    expect(await page.locator('[data-testid=event]').count()).toBe(2);
    const times = await page.locator('[data-testid=event] time').allTextContents();
    expect(times[0]).toContain('٣٠');
    expect(await page.textContent('h1')).toContain('الكاظمي');
    // an article without a title (seed 003 has none) is shown by its first words, not its id
    expect(await page.textContent(`a[href="#/article/${SEED_THURSDAY}"]`)).toMatch(/^أكد رئيس الوزراء العراقي/);
    await shot('02-kadhimi-story');
  });

  it('should open an article and show its removed lines with reasons', async () => {
    const id = SEED_THURSDAY;
    await page.click(`a[href="#/article/${encodeURIComponent(id)}"]`);
    await page.waitForSelector('[data-testid=removed] li');
    const rules = await page
      .locator('[data-testid=removed] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules).toContain('clean/template-leak');
    expect(await page.textContent('[data-testid=removed]')).toContain('{{ article.visit_count }}');
    expect(await page.textContent('[data-testid=removed]')).toContain('تسرب قالب');
    // why: a new event (Thursday) in Wednesday's story, and the rule that kept it apart
    expect(await page.textContent('[data-testid=why]')).toContain('التشابه مع القصة');
    expect(await page.textContent('[data-testid=why-reasons]')).toContain('stories/different-day');
    await shot('03-article');
  });

  it('should search حلف شمال الاطلسي and find both seed articles with highlighted snippets', async () => {
    await page.goto(base + '/#/search');
    await page.fill('input[type=search]', 'حلف شمال الاطلسي');
    await page.click('form[role=search] button');
    await page.waitForSelector('[data-testid=hits] li');
    const ids = await page
      .locator('[data-testid=hits] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toEqual(expect.arrayContaining([SEED_WEDNESDAY, SEED_THURSDAY]));
    // the untitled seed is shown by its first words
    expect(await page.locator(`[data-testid=hits] li[data-id="${SEED_THURSDAY}"] a`).first().textContent()).toMatch(
      /^أكد رئيس الوزراء العراقي/,
    );
    expect(await page.locator('[data-testid=hits] mark').allTextContents()).toContain('الأطلسي');
    expect(await page.locator('[data-testid=window]').count(), 'all its matches ranked: no window note').toBe(0);
    await shot('04-search');
  });

  it('should say when a very common query was ranked over its newest matches only', async () => {
    // the sample is small: the same database served with a window of 2 matches stands for a large one
    const narrow = new SqliteStore(dbPath, { readonly: true, rankWindow: 2 });
    const other = await buildApp({ store: narrow, logger: false, webRoot: join(WEB, 'dist') });
    await other.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
      await page.goto(`${url}/#/search?q=${encodeURIComponent('الناتو')}`);
      await page.waitForSelector('[data-testid=window]');
      expect(await page.textContent('[data-testid=window]')).toMatch(/رُتّبت أحدث ٢ نتيجة من نحو [٠-٩]+/);
      await shot('04b-search-window');
    } finally {
      await other.close();
      await narrow.close();
    }
  });

  it('should draw the stats charts', async () => {
    await page.goto(base + '/#/stats');
    await page.waitForSelector('[data-testid=per-day] rect');
    expect(await page.locator('[data-testid=per-day] rect').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid=per-source] rect').count()).toBeGreaterThan(3);
    await shot('05-stats');
  });

  it("should keep article text inert: markup is cut from the body with its reason, and a title's <img onerror> is shown as text", async () => {
    const evil = [
      'مقال تجريبي يحتوي على شيفرة <script>window.__xss = 1</script> داخل النص لاختبار الأمان في الواجهة.',
      'وصورة خبيثة <img src=x onerror="window.__xss = 2"> في الفقرة الثانية من هذا المقال التجريبي الطويل.',
    ].join('\n');
    const r = await app.inject({
      method: 'POST',
      url: '/api/articles',
      payload: {
        text: evil,
        title: 'عنوان <img src=x onerror="window.__xss = 3">',
        site: 'xss-test',
        published: '2021-07-09',
      },
    });
    expect(r.statusCode).toBe(201);
    const id = JSON.parse(r.body).outcome.id as string;
    await page.goto(`${base}/#/article/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=clean-text] p');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
    // the cleaner cuts markup out of the body as a template leak (its reason is kept); the words stay as text
    const clean = await page.textContent('[data-testid=clean-text]');
    expect(clean).toContain('window.__xss = 1');
    expect(clean).not.toContain('<script>');
    expect(JSON.parse(r.body).article.trace.map((x: { rule: string }) => x.rule)).toContain('clean/template-leak');
    expect(await page.textContent('[data-testid=article-title]')).toContain('<img src=x');
    await shot('06-xss-inert');
  });
});
