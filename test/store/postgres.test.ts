/**
 * The PostgreSQL store against a real server (CI: 127.0.0.1:5432, database `test`;
 * override with KHABAR_TEST_PG). Every store here lives in its own throwaway schema
 * `khabar_test_<random>`, dropped in afterAll. No PostgreSQL → the suite fails, loudly.
 *
 * The parity suite writes the same articles into a SqliteStore and a PostgresStore
 * and expects the same answers from both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newArticle, type Article } from '../../src/core/article.js';
import { KhabarError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/index.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { AGGREGATE_LOCK_NS } from '../../src/store/postgres/write.js';
import { migrate, schemaVersion } from '../../src/store/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { tsqueryFromFts } from '../../src/store/postgres/search.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArticleWrite, SearchResult, StatsReport, Store } from '../../src/store/store.js';

const PG_URL = process.env.KHABAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const admin = new pg.Pool({ connectionString: PG_URL, max: 2, connectionTimeoutMillis: 5000 });
const schemas: string[] = [];
const newSchema = () => {
  const s = `khabar_test_${Math.random().toString(36).slice(2, 10)}`;
  schemas.push(s);
  return s;
};

beforeAll(async () => {
  try {
    await admin.query('SELECT 1');
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (${e instanceof Error ? e.message : e}). ` +
        'These tests need a running server: start PostgreSQL or set KHABAR_TEST_PG to its URL.',
      { cause: e },
    );
  }
});

afterAll(async () => {
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
  await admin.end();
});

describe('PostgreSQL migrations', () => {
  it('should apply every migration once and do nothing the second time', async () => {
    const schema = newSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    try {
      expect(await schemaVersion(store.pool)).toBe(PG_MIGRATIONS.at(-1)!.version);
      expect(await migrate(store.pool, schema)).toEqual([]);
      const again = await PostgresStore.open(PG_URL, { schema });
      await again.close();
      const rows = await store.pool.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      const tables = await admin.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'article_entities',
        'articles',
        'documents',
        'dup_groups',
        'entities',
        'events',
        'removed_lines',
        'runs',
        'schema_migrations',
        'sources',
        'state',
        'stories',
      ]);
    } finally {
      await store.close();
    }
  });

  it('should let two processes start at once on an empty schema and record each migration once', async () => {
    const schema = newSchema();
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(PG_URL, { schema })));
    const r = await admin.query(
      `SELECT version, count(*)::int AS n FROM "${schema}".schema_migrations GROUP BY 1 ORDER BY 1`,
    );
    expect(r.rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, n: 1 })));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('should refuse a database written by a newer khabar', async () => {
    const schema = newSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    await store.pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    await expect(migrate(store.pool, schema)).rejects.toThrow(/newer/);
    await store.close();
    await expect(PostgresStore.open(PG_URL, { schema })).rejects.toMatchObject({ code: 'KHB_BAD_INPUT' });
  });

  it('should open postgres:// URLs through openStore, with the schema named in the URL', async () => {
    const schema = newSchema();
    const store = await openStore(`${PG_URL}?schema=${schema}`);
    expect(store.kind).toBe('postgres');
    expect((store as PostgresStore).schema).toBe(schema);
    await store.close();
  });

  it('should open read-only without migrating, and refuse writes', async () => {
    const schema = newSchema();
    await (await PostgresStore.open(PG_URL, { schema })).close();
    const ro = await openStore(`${PG_URL}?schema=${schema}`, { readonly: true });
    expect((await ro.stats()).documents).toBe(0);
    await expect(ro.putState('k', 'v')).rejects.toMatchObject({ code: '25006' }); // read_only_sql_transaction
    await ro.close();
  });

  it('should say which server it could not reach', async () => {
    await expect(PostgresStore.open('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toMatchObject({
      code: 'KHB_BAD_INPUT',
      message: expect.stringMatching(/cannot open PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test/),
    });
    await expect(PostgresStore.open(PG_URL, { schema: 'Bad-Name; DROP' })).rejects.toMatchObject({
      code: 'KHB_BAD_INPUT',
    });
  });
});

describe('PostgreSQL with several writers', () => {
  it('should count every article when two processes write into the same event at once', async () => {
    const schema = newSchema();
    const writers = await Promise.all([1, 2].map(() => PostgresStore.open(PG_URL, { schema })));
    const PER_WRITER = 12;
    await Promise.all(
      writers.map(async (store, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const id = `w${w}-${String(i).padStart(2, '0')}`;
          const article = newArticle({
            id,
            source: `${id}.txt`,
            raw: id,
            site: `site-${w}`,
            published: `2021-06-${String(10 + i).padStart(2, '0')}`,
            paragraphs: ['التقى رئيس الوزراء الأمين العام لحلف شمال الأطلسي.'],
            dupGroup: 'g-shared',
            duplicateOf: null,
            similarity: 1 - i / 100,
            event: 'e-shared',
            story: 's-shared',
          });
          await store.writeArticles([{ article, status: 'stored', sha256: `sha-${id}`, runId: `run-${w}` }]);
        }
      }),
    );
    const event = await writers[0].getEvent('e-shared');
    expect(event?.counts).toEqual({ articles: 2 * PER_WRITER, sources: 2 });
    expect(event?.story?.counts).toEqual({ events: 1, articles: 2 * PER_WRITER, sources: 2 });
    const group = await writers[0].pool.query('SELECT size, min_similarity FROM dup_groups');
    expect(group.rows).toEqual([{ size: 2 * PER_WRITER, min_similarity: 1 - (PER_WRITER - 1) / 100 }]);
    await Promise.all(writers.map((s) => s.close()));
  });

  it('should wait for a writer that holds an aggregate, then count its articles too', async () => {
    const schema = newSchema();
    const store = await PostgresStore.open(PG_URL, { schema });
    const other = await admin.connect();
    try {
      // another writer, mid-batch: its article is in, uncommitted, and it holds the event's lock
      await other.query('BEGIN');
      await other.query(`SET LOCAL search_path TO "${schema}"`);
      await other.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AGGREGATE_LOCK_NS, 'e:e-x']);
      await other.query(
        `INSERT INTO documents (id, origin, raw_kind, raw, sha256) VALUES ('o1', 'o1.txt', 'text', '\\x00', 'sha-o1')`,
      );
      await other.query(
        `INSERT INTO articles (id, status, site, text, event_id, story_id) VALUES ('o1', 'stored', 'other', 'نص', 'e-x', 's-x')`,
      );
      const article = newArticle({
        id: 'b1',
        source: 'b1.txt',
        raw: 'b1',
        site: 'mine',
        paragraphs: ['نص'],
        event: 'e-x',
        story: 's-x',
      });
      let done = false;
      const writing = store
        .writeArticles([{ article, status: 'stored', sha256: 'sha-b1', runId: 'r' }])
        .then(() => (done = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await other.query('COMMIT');
      await writing;
      expect((await store.getEvent('e-x'))?.counts).toEqual({ articles: 2, sources: 2 });
    } finally {
      // a failed assertion above leaves the transaction open, holding locks the schema drop would wait on
      await other.query('ROLLBACK').catch(() => undefined);
      other.release();
      await store.close();
    }
  });
});

describe('PostgreSQL text', () => {
  it('should store a scraped page with NUL characters, which PostgreSQL text cannot hold', async () => {
    const store = await PostgresStore.open(PG_URL, { schema: newSchema() });
    const article = newArticle({
      id: 'n1',
      source: 'n1.html',
      raw: 'raw\u0000bytes',
      title: 'عنوان\u0000',
      paragraphs: ['نص\u0000 الخبر'],
      meta: { note: 'a\u0000b' },
    });
    await store.writeArticles([{ article, status: 'stored', sha256: 'sha-n1', runId: 'r' }]);
    const a = await store.getArticle('n1');
    expect([a?.title, a?.paragraphs]).toEqual(['عنوان', ['نص الخبر']]);
    expect((await store.search('الخبر')).hits.map((h) => h.id)).toEqual(['n1']);
    // the raw document is bytea: kept byte for byte
    const raw = await store.pool.query("SELECT raw FROM documents WHERE id = 'n1'");
    expect(raw.rows[0].raw.toString('utf8')).toBe('raw\u0000bytes');
    await store.close();
  });
});

describe('tsquery translation', () => {
  it('should keep user text in parameters and mirror FTS5 operators and prefixes', () => {
    const q = tsqueryFromFts('("الناتو" OR "الحلف") NOT ("افغانستان")');
    expect(q.params).toEqual(['الناتو', 'الحلف', 'افغانستان']);
    expect(q.sql).not.toMatch(/الناتو/);
    expect(q.sql).toBe(
      "((phraseto_tsquery('simple', $1) || phraseto_tsquery('simple', $2)) && !!phraseto_tsquery('simple', $3))",
    );
    expect(tsqueryFromFts('"a ""b"""*', 3).params).toEqual(['a "b"']);
    expect(tsqueryFromFts('"a"*').sql).toMatch(/:\*/);
  });
});

// ---------------------------------------------------------------- parity

const NATO = 'حلف شمال الأطلسي';
const base = (id: string, init: Partial<Article>): Article =>
  newArticle({
    id,
    source: `feeds/${id}.txt`,
    raw: `raw ${id}\n${(init.paragraphs ?? []).join('\n')}`,
    lang: 'ar',
    ...init,
  });
const why = (decision: string, entities: string[] = []) => ({
  score: 0.61,
  entities,
  terms: ['قمة'],
  date_gap_days: 0,
  decision,
  reasons: [{ rule: 'stories/shared-entity', action: 'note' as const, message: 'a shared entity' }],
});
const nato = { key: 'org:nato', type: 'org' as const, name: 'الناتو', surface: [NATO], count: 2 };

/** A dozen articles: three stories, duplicate groups, an undated one, untitled ones, a rejected one. */
function corpus(): { first: ArticleWrite[]; second: ArticleWrite[] } {
  const w = (article: Article, status: ArticleWrite['status'] = 'stored'): ArticleWrite => ({
    article,
    status,
    sha256: `sha-${article.id}`,
    runId: 'run-1',
  });
  const summit = [`اجتمع قادة ${NATO} في بروكسل لبحث الإنفاق الدفاعي.`, 'وقال الأمين العام ستولتنبرغ إن القمة ناجحة.'];
  const a01 = base('a01', {
    site: 'aljazeera.net',
    url: 'https://aljazeera.net/a01',
    title: `قمة ${NATO} في بروكسل`,
    published: '2021-06-14',
    dateline: 'بروكسل',
    author: 'مراسل',
    paragraphs: summit,
    removed: [
      { rule: 'clean/share', action: 'drop-line', message: 'a test line', place: { line: 4 }, text: 'شارك على فيسبوك' },
      {
        rule: 'clean/read-also',
        action: 'drop-line',
        message: 'a test line',
        place: { line: 5 },
        text: 'اقرأ أيضا: الناتو',
      },
    ],
    trace: [{ rule: 'clean/share', action: 'drop-line', message: 'share line', place: { line: 4 } }],
    dupGroup: 'a01',
    duplicateOf: null,
    similarity: 1,
    event: 'e-summit',
    story: 's-nato',
    eventDate: '2021-06-14',
    entities: [nato, { key: 'city:brussels', type: 'city', name: 'بروكسل', surface: ['بروكسل'], count: 1 }],
    why: why('new-event', ['org:nato']),
    meta: { encoding: 'utf-8', tags: ['سياسة'] },
  });
  const a02 = base('a02', {
    ...a01,
    id: 'a02',
    source: 'feeds/a02.txt',
    site: 'alarabiya.net',
    url: 'https://alarabiya.net/a02',
    removed: [{ rule: 'clean/share', action: 'drop-line', message: 'a test line', text: 'تابعونا على تويتر' }],
    duplicateOf: 'a01',
    similarity: 0.97,
    why: why('duplicate-of-canonical'),
  });
  const a03 = base('a03', {
    site: 'bbc.com',
    title: 'الحلف يعقد قمته',
    published: '2021-06-15',
    paragraphs: ['اجتمع قادة الحلف في بروكسل لبحث الإنفاق الدفاعي.', 'قال ستولتنبرغ إن القمة ناجحة.'],
    dupGroup: 'a01',
    duplicateOf: 'a01',
    similarity: 0.86,
    event: 'e-summit',
    story: 's-nato',
    eventDate: '2021-06-14',
    entities: [{ ...nato, surface: ['الحلف'], count: 1 }],
    why: why('duplicate-of-canonical'),
  });
  const a04 = base('a04', {
    site: 'aljazeera.net',
    title: 'الناتو ينسحب من أفغانستان',
    published: '2021-06-20',
    paragraphs: ['أعلن الحلف بدء سحب قواته من أفغانستان.'],
    removed: [
      { rule: 'clean/boilerplate', action: 'drop-line', message: 'a test line', place: { line: 1 }, text: 'الإعلانات' },
    ],
    dupGroup: 'a04',
    duplicateOf: null,
    similarity: 1,
    event: 'e-kabul',
    story: 's-nato',
    eventDate: '2021-06-20',
    entities: [
      { ...nato, surface: ['الناتو'], count: 1 },
      { key: 'country:afghanistan', type: 'country', name: 'أفغانستان', surface: ['أفغانستان'], count: 2 },
    ],
    why: why('new-event', ['country:afghanistan']),
  });
  // harakat and tatweel in the text: found by the plain query, highlighted as written
  const a05 = base('a05', {
    site: 'reuters.com',
    title: 'انسحاب القوات الأجنبية',
    // same day as a04, written before it: the event title must still come from a04 (lower id)
    published: '2021-06-20',
    paragraphs: ['قالت مصادر إن حِلف شمال الأطلسـي سيكمل الانسحاب من كابول قبل أيلول.'],
    dupGroup: 'a05',
    duplicateOf: null,
    similarity: 1,
    event: 'e-kabul',
    story: 's-nato',
    eventDate: null,
    entities: [{ key: 'country:afghanistan', type: 'country', name: 'أفغانستان', surface: ['كابول'], count: 1 }],
    why: why('joined-event', ['country:afghanistan']),
  });
  const a06 = base('a06', {
    site: 'alsumaria.tv',
    title: 'الانتخابات العراقية ٢٠٢١',
    published: '2021-10-10',
    paragraphs: ['توجه الناخبون في العراق إلى صناديق الاقتراع.', 'وقال الكاظمي إن نسبة المشاركة مقبولة.'],
    dupGroup: 'a06',
    duplicateOf: null,
    similarity: 1,
    event: 'e-vote',
    story: 's-iraq',
    eventDate: '2021-10-10',
    entities: [
      { key: 'country:iraq', type: 'country', name: 'العراق', surface: ['العراق'], count: 1 },
      { key: 'person:kadhimi', type: 'person', name: 'مصطفى الكاظمي', surface: ['الكاظمي'], count: 1 },
    ],
    why: why('new-event', ['country:iraq']),
  });
  const a07 = base('a07', {
    ...a06,
    id: 'a07',
    source: 'feeds/a07.txt',
    site: 'shafaq.com',
    paragraphs: ['توجه الناخبون في العراق إلى صناديق الاقتراع صباح اليوم.', 'وقال الكاظمي إن نسبة المشاركة مقبولة.'],
    duplicateOf: 'a06',
    similarity: 0.91,
    why: why('duplicate-of-canonical'),
  });
  const a08 = base('a08', {
    site: 'alsumaria.tv',
    title: 'نتائج الانتخابات',
    published: '2021-10-12',
    paragraphs: ['أعلنت المفوضية النتائج الأولية للانتخابات في العراق.'],
    dupGroup: 'a08',
    duplicateOf: null,
    similarity: 1,
    event: 'e-results',
    story: 's-iraq',
    eventDate: '2021-10-12',
    entities: [{ key: 'country:iraq', type: 'country', name: 'العراق', surface: ['العراق'], count: 1 }],
    why: why('new-event'),
  });
  // no title, no date: the event title comes from the text, NULLs sort first on both
  const a09 = base('a09', {
    site: 'alarabiya.net',
    title: null,
    published: null,
    paragraphs: [
      'عاصفة ثلجية تضرب الأردن وتغلق الطرق الرئيسية في عمّان وإربد والكرك ومعان والطفيلة والعقبة، والسلطات تدعو المواطنين إلى البقاء في منازلهم.',
    ],
    dupGroup: 'a09',
    duplicateOf: null,
    similarity: 1,
    event: 'e-storm',
    story: 's-weather',
    eventDate: '2022-01-05',
    why: why('new-event'),
  });
  const a10 = base('a10', {
    site: null,
    title: null,
    published: '2022-01-06',
    paragraphs: ['استمرار تساقط الثلوج في عمان لليوم الثاني.'],
    removed: [
      {
        rule: 'clean/boilerplate',
        action: 'drop-line',
        message: 'a test line',
        place: { line: 2 },
        text: 'حالة الطقس',
      },
    ],
    dupGroup: 'a10',
    duplicateOf: null,
    similarity: 1,
    event: 'e-storm',
    story: 's-weather',
    eventDate: '2022-01-06',
    why: why('joined-event'),
  });
  // the ocean, not the alliance: must not match all three words
  const a11 = base('a11', {
    site: 'example.com',
    title: 'رحلة عبر المحيط الأطلسي',
    published: '2021-06-14',
    paragraphs: ['أبحر المغامر شمال المحيط الأطلسي وحده.'],
  });
  const tooShort = { rule: 'clean/too-short', action: 'drop-article' as const, message: 'body has 4 words, below 30' };
  const a12 = base('a12', {
    site: 'aljazeera.net',
    title: NATO,
    published: '2021-06-14',
    paragraphs: [`${NATO} اليوم`],
    removed: [
      { rule: 'clean/read-also', action: 'drop-line', message: 'a test line', place: { line: 1 }, text: 'اقرأ أيضا' },
    ],
    rejected: tooShort,
    trace: [{ rule: 'clean/read-also', action: 'drop-line', message: 'read-also line' }, tooShort],
    dupGroup: 'a12',
    event: 'e-summit',
    story: 's-nato',
  });
  return {
    first: [w(a01), w(a02, 'duplicate'), w(a03, 'duplicate'), w(a05), w(a06), w(a07, 'duplicate'), w(a08)],
    second: [w(a04), w(a09), w(a10), w(a11), w(a12, 'rejected'), w(a03, 'duplicate')],
  };
}

const ARTICLE_IDS = ['a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07', 'a08', 'a09', 'a10', 'a11', 'a12'];

/** The rule lists have no defined order between equal counts. */
const sortedStats = (s: StatsReport): StatsReport => {
  const byCount = (a: { rule: string; count: number }, b: { rule: string; count: number }) =>
    b.count - a.count || (a.rule < b.rule ? -1 : 1);
  return {
    ...s,
    rejectedByRule: [...s.rejectedByRule].sort(byCount),
    removedByRule: [...s.removedByRule].sort(byCount),
  };
};

const errorCode = async (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e) => (e instanceof KhabarError ? e.code : `crash: ${e}`),
  );

/** Hits keyed by id, without scores (bm25 and ts_rank_cd differ) or timing. */
const hitsById = (r: SearchResult) => new Map(r.hits.map(({ score: _score, ...h }) => [h.id, h]));

describe('PostgreSQL ↔ SQLite parity', () => {
  let sqlite: Store;
  let postgres: Store;
  let dir: string;
  const both = <T>(f: (s: Store) => Promise<T>) => Promise.all([f(sqlite), f(postgres)]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-pg-parity-'));
    sqlite = new SqliteStore(join(dir, 'parity.db'));
    postgres = await PostgresStore.open(PG_URL, { schema: newSchema() });
    const { first, second } = corpus();
    for (const s of [sqlite, postgres]) {
      await s.writeArticles(first);
      await s.writeArticles(second);
      // an online clusterer merged the results into the vote event
      await s.writeArticles([], { moved: [{ id: 'a08', event: 'e-vote', story: 's-iraq' }] });
    }
  });

  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should list the same stories, pages and cursors', async () => {
    const [a, b] = await both((s) => s.listStories({}));
    expect(b).toEqual(a);
    expect(a.items.map((s) => s.id)).toEqual(['s-weather', 's-iraq', 's-nato']);
    let cursors: (string | null)[] = [null, null];
    const seen: string[][] = [[], []];
    do {
      const pages = await Promise.all(
        [sqlite, postgres].map((s, i) => s.listStories({ limit: 1, cursor: cursors[i] ?? undefined })),
      );
      expect(pages[1]).toEqual(pages[0]);
      pages.forEach((p, i) => seen[i].push(...p.items.map((x) => x.id)));
      cursors = pages.map((p) => p.nextCursor);
    } while (cursors[0]);
    expect(seen[1]).toEqual(seen[0]);
    for (const q of [{ from: '2021-10-01' }, { to: '2021-07-01' }, { q: 'الناتو' }, { q: 'الانتخابات OR ثلوج' }]) {
      const [x, y] = await both((s) => s.listStories(q));
      expect(y, JSON.stringify(q)).toEqual(x);
    }
  });

  it('should give the same story, event and article details, and null for unknown ids', async () => {
    for (const id of ['s-nato', 's-iraq', 's-weather', 'nope']) {
      const [a, b] = await both((s) => s.getStory(id));
      expect(b, id).toEqual(a);
    }
    for (const id of ['e-summit', 'e-kabul', 'e-vote', 'e-results', 'e-storm', 'nope']) {
      const [a, b] = await both((s) => s.getEvent(id));
      expect(b, id).toEqual(a);
    }
    for (const id of [...ARTICLE_IDS, 'nope']) {
      const [a, b] = await both((s) => s.getArticle(id));
      expect(b, id).toEqual(a);
    }
    // the fixtures did what they were meant to
    expect(await postgres.getEvent('e-results')).toBeNull();
    expect((await postgres.getEvent('e-storm'))?.title).toMatch(/^عاصفة ثلجية .*…$/);
    expect((await postgres.getEvent('e-kabul'))?.title).toBe('الناتو ينسحب من أفغانستان');
    const a02 = (await postgres.getArticle('a02'))!;
    expect(a02.duplicates.map((d) => d.id)).toEqual(['a01', 'a03']);
    const a01 = (await postgres.getArticle('a01'))!;
    expect(a01.removed).toEqual([
      { rule: 'clean/share', action: 'drop-line', message: 'a test line', place: { line: 4 }, text: 'شارك على فيسبوك' },
      {
        rule: 'clean/read-also',
        action: 'drop-line',
        message: 'a test line',
        place: { line: 5 },
        text: 'اقرأ أيضا: الناتو',
      },
    ]);
    expect(a01.entities.map((e) => e.key)).toEqual(['org:nato', 'city:brussels']);
    const a12 = (await postgres.getArticle('a12'))!;
    expect(a12.rejected?.rule).toBe('clean/too-short');
    expect([a12.eventId, a12.dupGroup]).toEqual([null, null]);
  });

  it('should find text written "حلف شمال الأطلسي" for the query "حلف شمال الاطلسي", with snippets in the original text', async () => {
    const [a, b] = await both((s) => s.search('حلف شمال الاطلسي'));
    expect([...hitsById(b).keys()].sort()).toEqual([...hitsById(a).keys()].sort());
    expect(hitsById(b)).toEqual(hitsById(a));
    // the title match ranks first on both; a01's copies are folded into it; a11 and rejected a12 are not found
    expect(a.hits.map((h) => h.id)).toEqual(['a01', 'a05']);
    expect(b.hits.map((h) => h.id)).toEqual(['a01', 'a05']);
    expect(b.hits[0].copies).toBe(2);
    const marked = (r: SearchResult, id: string) =>
      r.hits
        .find((h) => h.id === id)!
        .snippet.filter((p) => p.hit)
        .map((p) => p.text);
    expect(marked(b, 'a01')).toEqual(['حلف', 'شمال', 'الأطلسي']);
    expect(marked(b, 'a05')).toEqual(['حِلف', 'شمال', 'الأطلسـي']);
    expect(b.hits[0].titleParts.filter((p) => p.hit).map((p) => p.text)).toEqual(['حلف', 'شمال', 'الأطلسي']);
    expect(b.hits.every((h) => h.score < 0)).toBe(true);
  });

  it('should agree on operators, prefixes, phrases, digits and syntax treated as plain words', async () => {
    const found = ['الناتو OR الحلف', 'ستولتن*', '"شمال الأطلسي"', '"شمال الأطلسي" -بروكسل', 'الانتخابات ٢٠٢١', 'عمان'];
    const plain = ['NEAR(الناتو)', 'col:الناتو', 'الناتو) OR (الحلف', "الحلف's & ! <-> :* \\ '';"];
    for (const q of [...found, ...plain]) {
      const [a, b] = await both((s) => s.search(q));
      expect([...hitsById(b).keys()].sort(), q).toEqual([...hitsById(a).keys()].sort());
      if (found.includes(q)) expect(b.hits.length, q).toBeGreaterThan(0);
    }
    // the exclusion drops the Brussels summit, the OR finds both spellings of the alliance
    expect((await postgres.search('"شمال الأطلسي" -بروكسل')).hits.map((h) => h.id)).toEqual(['a05']);
    expect((await postgres.search('الناتو OR الحلف')).hits.map((h) => h.id).sort()).toEqual(['a03', 'a04']);
  });

  it('should refuse bad queries with the same KHB_BAD_QUERY, never a crash', async () => {
    for (const q of [
      '"الناتو',
      'AND OR',
      'OR الناتو',
      'الناتو OR',
      '',
      '   ',
      '***',
      '-الناتو',
      'a*',
      'x'.repeat(600),
    ]) {
      const codes = await both((s) => errorCode(s.search(q)));
      expect(codes, q).toEqual(['KHB_BAD_QUERY', 'KHB_BAD_QUERY']);
    }
    expect(await both((s) => errorCode(s.listStories({ q: '"الناتو' })))).toEqual(['KHB_BAD_QUERY', 'KHB_BAD_QUERY']);
    expect(await both((s) => errorCode(s.listStories({ cursor: 'bm9wZQ' })))).toEqual([
      'KHB_BAD_INPUT',
      'KHB_BAD_INPUT',
    ]);
  });

  it('should report the same stats', async () => {
    const [a, b] = await both((s) => s.stats());
    expect(sortedStats(b)).toEqual(sortedStats(a));
    expect(b.articles).toEqual({ stored: 8, duplicate: 3, rejected: 1 });
  });

  it('should keep state, hashes and ids the same way', async () => {
    await both((s) => s.putState('lsh', 'أول'));
    await both((s) => s.putState('lsh', new Uint8Array([0, 1, 254, 255])));
    await both((s) => s.putState('cursor', 'آخر'));
    const [la, lb] = await both((s) => s.getState('lsh'));
    expect(lb).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(lb).toEqual(la);
    const [sa, sb] = await both((s) => s.getState('cursor'));
    expect(Buffer.from(sb!).toString('utf8')).toBe('آخر');
    expect(sb).toEqual(sa);
    expect(await both((s) => s.getState('missing'))).toEqual([null, null]);
    const [ha, hb] = await both((s) => s.findByHash(['sha-a01', 'sha-a12', 'sha-none']));
    expect(hb).toEqual(ha);
    expect(hb).toEqual(
      new Map([
        ['sha-a01', 'a01'],
        ['sha-a12', 'a12'],
      ]),
    );
    const [ia, ib] = await both((s) => s.idsTaken(['a01', 'a09', 'zz']));
    expect(ib).toEqual(ia);
    const [ra, rb] = await both((s) => s.recentRaw('aljazeera.net', 10));
    expect(rb.map((r) => r.raw).sort()).toEqual(ra.map((r) => r.raw).sort());
    await both((s) =>
      s.recordRun({
        id: 'run-1',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        inputs: ['x'],
        stats: { n: 1 },
      }),
    );
  });

  it('should change nothing when the same batch is written again', async () => {
    const before = await both((s) => s.stats());
    const { first } = corpus();
    await both((s) => s.writeArticles(first.filter((r) => r.article.id !== 'a08')));
    const after = await both((s) => s.stats());
    expect(sortedStats(after[1])).toEqual(sortedStats(before[1]));
    expect(sortedStats(after[1])).toEqual(sortedStats(after[0]));
    const [a, b] = await both((s) => s.getStory('s-nato'));
    expect(b).toEqual(a);
  });
});

describe('PostgreSQL ↔ SQLite: a duplicate group whose canonical changed', () => {
  it('should move every member to the new canonical the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-pg-regroup-'));
    const sqlite = new SqliteStore(join(dir, 'regroup.db'));
    const postgres = await PostgresStore.open(PG_URL, { schema: newSchema() });
    try {
      const { first, second } = corpus();
      const group = [...first, ...second].filter((r) => r.article.dupGroup === 'a01').map((r) => r.article.id);
      expect(group.length).toBeGreaterThan(1);
      const [, newCanon] = group;
      for (const s of [sqlite, postgres]) {
        await s.writeArticles(first);
        await s.writeArticles(second, { regrouped: [{ from: 'a01', to: newCanon, similarity: 0.9 }] });
      }
      for (const id of group) {
        const [a, b] = await Promise.all([sqlite.getArticle(id), postgres.getArticle(id)]);
        expect(b?.dupGroup, id).toBe(newCanon);
        expect(b?.status, id).toBe(id === newCanon ? 'stored' : 'duplicate');
        expect(b?.duplicateOf, id).toBe(id === newCanon ? null : newCanon);
        expect([b?.status, b?.dupGroup, b?.duplicateOf, b?.similarity]).toEqual([
          a?.status,
          a?.dupGroup,
          a?.duplicateOf,
          a?.similarity,
        ]);
      }
      expect((await postgres.getArticle('a01'))?.similarity).toBe(0.9);
      const [sa, sb] = await Promise.all([sqlite.stats(), postgres.stats()]);
      expect(sb.dupGroups).toBe(sa.dupGroups);
      expect(sb.articles).toEqual(sa.articles);
    } finally {
      await sqlite.close();
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PostgreSQL ↔ SQLite: rows written between two engine-state saves', () => {
  it('should not count unindexed rows as stored until their run saves its state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-pg-indexed-'));
    const sqlite = new SqliteStore(join(dir, 'indexed.db'));
    const postgres = await PostgresStore.open(PG_URL, { schema: newSchema() });
    try {
      const { first } = corpus();
      const rows = first.map((r) => ({ ...r, runId: 'run-x' }));
      const shas = rows.map((r) => r.sha256);
      for (const s of [sqlite, postgres]) {
        await s.writeArticles(rows, { unindexed: true });
        const rejected = rows.filter((r) => r.status === 'rejected').map((r) => r.sha256);
        expect([...(await s.findByHash(shas)).keys()].sort(), s.kind).toEqual(rejected.sort());
        expect(await s.idsTaken(rows.filter((r) => r.status !== 'rejected').map((r) => r.article.id))).toEqual(
          new Set(),
        );
        const stored = rows.find((r) => r.status !== 'rejected')!;
        expect(await s.unindexedId(stored.sha256), s.kind).toBe(stored.article.id);
        await s.writeArticles([], { state: { k: 'v' }, stateRunId: 'run-other' });
        expect((await s.findByHash(shas)).size, s.kind).toBe(rejected.length);
        await s.writeArticles([], { state: { k: 'v' }, stateRunId: 'run-x' });
        expect((await s.findByHash(shas)).size, s.kind).toBe(rows.length);
        expect(await s.unindexedId(stored.sha256), s.kind).toBeNull();
      }
    } finally {
      await sqlite.close();
      await postgres.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
