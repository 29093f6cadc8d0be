import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newArticle } from '../../src/core/article.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { migrate, schemaVersion } from '../../src/store/sqlite/migrate.js';
import { tmpDir } from '../support/sample-db.js';

const article = (id: string, extra: Partial<ReturnType<typeof newArticle>> = {}) =>
  newArticle({
    id,
    source: `${id}.txt`,
    raw: `raw ${id}`,
    site: 'example',
    title: `عنوان ${id}`,
    published: '2021-06-30',
    paragraphs: ['التقى رئيس الوزراء الأمين العام لحلف شمال الأطلسي.'],
    removed: [
      { rule: 'clean/share', action: 'drop-line', message: 'a test line', place: { line: 3 }, text: 'شارك على فيسبوك' },
    ],
    dupGroup: id,
    duplicateOf: null,
    similarity: 1,
    event: 'e1',
    story: 's1',
    eventDate: '2021-06-30',
    entities: [{ key: 'org:nato', type: 'org', name: 'الناتو', surface: ['حلف شمال الأطلسي'], count: 1 }],
    why: { score: 0.5, entities: ['org:nato'], terms: ['حلف'], date_gap_days: 0, decision: 'new-event' },
    ...extra,
  });

describe('SqliteStore', () => {
  it('should open in WAL mode with every migration recorded once', async () => {
    const store = new SqliteStore(join(tmpDir(), 'a.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(migrate(store.db)).toEqual([]);
    await store.close();
  });

  it('should refuse a database written by a newer khabar', async () => {
    const store = new SqliteStore(join(tmpDir(), 'b.db'));
    store.db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'now')").run();
    expect(() => migrate(store.db)).toThrow(/newer/);
    await store.close();
  });

  it('should keep raw bytes, removed lines, entities and recompute aggregates on write', async () => {
    const store = new SqliteStore(join(tmpDir(), 'c.db'));
    await store.writeArticles([
      { article: article('a1'), status: 'stored', sha256: 'h1', runId: 'r' },
      {
        article: article('a2', { duplicateOf: 'a1', dupGroup: 'a1', similarity: 0.9, site: 'other' }),
        status: 'duplicate',
        sha256: 'h2',
        runId: 'r',
      },
    ]);
    const a = await store.getArticle('a2');
    expect(a?.duplicates.map((d) => d.id)).toEqual(['a1']);
    expect(a?.removed[0]).toEqual({
      rule: 'clean/share',
      action: 'drop-line',
      message: 'a test line',
      place: { line: 3 },
      text: 'شارك على فيسبوك',
    });
    expect(a?.entities[0].key).toBe('org:nato');
    const story = await store.getStory('s1');
    expect(story?.counts).toEqual({ events: 1, articles: 2, sources: 2 });
    expect(story?.events[0].articles).toHaveLength(2);
    expect((await store.findByHash(['h1', 'nope'])).get('h1')).toBe('a1');
    const raw = store.db.prepare("SELECT raw FROM documents WHERE id = 'a1'").get() as { raw: Buffer };
    expect(raw.raw.toString('utf8')).toBe('raw a1');
    await store.close();
  });

  it('should move an article between events and drop the emptied event', async () => {
    const store = new SqliteStore(join(tmpDir(), 'd.db'));
    await store.writeArticles([{ article: article('a1'), status: 'stored', sha256: 'h1', runId: 'r' }]);
    await store.writeArticles([], { moved: [{ id: 'a1', event: 'e2', story: 's1' }] });
    expect(await store.getEvent('e1')).toBeNull();
    expect((await store.getEvent('e2'))?.articles.map((x) => x.id)).toEqual(['a1']);
    await store.close();
  });

  it('should page stories newest first with an opaque cursor and refuse a forged one', async () => {
    const store = new SqliteStore(join(tmpDir(), 'e.db'));
    const rows = ['01', '02', '03'].map((d, i) => ({
      article: article(`a${i}`, {
        event: `e${i}`,
        story: `s${i}`,
        eventDate: `2021-07-${d}`,
        published: `2021-07-${d}`,
      }),
      status: 'stored' as const,
      sha256: `h${i}`,
      runId: 'r',
    }));
    await store.writeArticles(rows);
    const p1 = await store.listStories({ limit: 2 });
    expect(p1.items.map((s) => s.id)).toEqual(['s2', 's1']);
    const p2 = await store.listStories({ limit: 2, cursor: p1.nextCursor! });
    expect(p2.items.map((s) => s.id)).toEqual(['s0']);
    expect(p2.nextCursor).toBeNull();
    expect((await store.listStories({ from: '2021-07-02', to: '2021-07-02' })).items.map((s) => s.id)).toEqual(['s1']);
    await expect(store.listStories({ cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'KHB_BAD_INPUT' });
    await store.close();
  });
});
