import { unpack } from '../../src/store/sqlite/packed.js';
import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { newArticle } from '../../src/core/article.js';
import { canonicalsFirst, itemsStage, Pipeline, type Outcome } from '../../src/pipeline/pipeline.js';
import { openStore } from '../../src/store/index.js';
import { processPaths } from '../../src/pipeline/run.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import { buildSampleDb, SAMPLE_DIR, tmpDir } from '../support/sample-db.js';
import { SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

const counts = (store: SqliteStore) =>
  store.db
    .prepare(
      `SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM articles) a, (SELECT count(*) FROM events) e,
              (SELECT count(*) FROM stories) s, (SELECT count(*) FROM dup_groups) g, (SELECT count(*) FROM articles_fts) f`,
    )
    .get();

describe('khabar process', () => {
  it('should account for every input document: stored, duplicate, rejected, unchanged or unreadable', async () => {
    const dir = tmpDir();
    const { run, store } = await buildSampleDb(dir);
    const o = run.outcomes;
    expect(o.stored + o.duplicate + o.rejected + o.unchanged + o.error).toBe(run.stats.get('ingest/in'));
    expect(o.error).toBe(1); // sample/misc/empty-download.txt
    expect(o.rejected).toBe(2); // the category page and the English page
    // sample/mirror: a byte-identical copy on another site is another document (issue 15):
    // a duplicate with its own row, not "unchanged"
    expect(o.unchanged).toBe(0);
    expect(o.duplicate).toBeGreaterThan(10);
    expect(run.summary.join('\n')).toMatch(
      /clean: +\d+ in, \d+ out, 2 rejected \(clean\/empty-body 1, clean\/not-arabic 1\)/,
    );
    const stats = JSON.parse(readFileSync(run.statsFile!, 'utf8'));
    expect(stats.outcomes).toEqual(o);
    const mirror = await store.getArticle('dijla-basra-outages-mirror');
    expect(mirror?.status).toBe('duplicate');
    expect(mirror?.duplicateOf).toBe('dijla-basra-outages');
    expect(mirror?.site).not.toBe((await store.getArticle('dijla-basra-outages'))?.site);
    const rejected = await store.getArticle('gulfdaily-en-oil-prices');
    expect(rejected?.rejected?.rule).toBe('clean/not-arabic');
    await store.close();
  });

  it('should change nothing when the same input is processed twice', async () => {
    const dir = tmpDir();
    const { store } = await buildSampleDb(dir);
    const s = store as SqliteStore;
    const before = counts(s);
    const state = s.db.prepare('SELECT key, value FROM state ORDER BY key').all();
    const again = await processPaths([SAMPLE_DIR], {
      store,
      exclude: [join(SAMPLE_DIR, 'manifest.json')],
      runsDir: null,
    });
    expect(again.outcomes.stored + again.outcomes.duplicate + again.outcomes.rejected).toBe(0);
    expect(counts(s)).toEqual(before);
    expect(s.db.prepare('SELECT key, value FROM state ORDER BY key').all()).toEqual(state);
    await store.close();
  });

  it('should let new input join an existing duplicate group and event', async () => {
    const dir = tmpDir();
    const { store } = await buildSampleDb(dir);
    const original = readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-iraq-curfew.txt'), 'utf8');
    const copyDir = join(dir, 'later', 'newsite');
    mkdirSync(copyDir, { recursive: true });
    writeFileSync(join(copyDir, 'newsite-curfew.txt'), original.replace('الرافدين', 'الموقع الجديد'));
    const r = await processPaths([join(dir, 'later')], { store, runsDir: null });
    expect(r.outcomes.duplicate).toBe(1);
    const copy = await store.getArticle('newsite-curfew');
    const canon = await store.getArticle('alrafidain-iraq-curfew');
    expect(copy?.dupGroup).toBe(canon?.dupGroup);
    expect(copy?.eventId).toBe(canon?.eventId);
    expect(copy?.why?.decision).toBe('duplicate-of-canonical');
    expect(existsSync(join(dir, 'runs'))).toBe(true);
    await store.close();
  });

  it('should move a stored duplicate group to an earlier copy that arrives later', async () => {
    const dir = tmpDir();
    const { store } = await buildSampleDb(dir);
    const before = await store.getArticle('alrafidain-kadhimi-stoltenberg');
    expect(before?.status).toBe('stored');
    const members = (await store.getArticle('alrafidain-kadhimi-stoltenberg'))!.duplicates.map((d) => d.id);
    expect(members.length).toBeGreaterThan(0);
    // the same report from a wire (other bytes: its own follow line), published a day before every stored copy
    const text =
      readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-kadhimi-stoltenberg.txt'), 'utf8') +
      '\nتابعونا على تلغرام\n';
    const later = join(dir, 'later');
    mkdirSync(later, { recursive: true });
    const published = new Date(Date.parse(before!.published! + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      join(later, 'wire.jsonl'),
      JSON.stringify({ id: 'wire-kadhimi', site: 'wire', published, text }) + '\n',
    );
    const r = await processPaths([later], { store, runsDir: null });
    expect(r.outcomes.stored).toBe(1);
    const wire = await store.getArticle('wire-kadhimi');
    expect(wire?.status).toBe('stored');
    expect(wire?.dupGroup).toBe('wire-kadhimi');
    expect(wire?.trace.some((t) => t.rule === 'dedup/canonical')).toBe(true);
    for (const id of ['alrafidain-kadhimi-stoltenberg', ...members]) {
      const a = await store.getArticle(id);
      expect(a?.status, id).toBe('duplicate');
      expect(a?.dupGroup, id).toBe('wire-kadhimi');
      expect(a?.duplicateOf, id).toBe('wire-kadhimi');
    }
    const s = (store as SqliteStore).db;
    expect(s.prepare('SELECT size FROM dup_groups WHERE id = ?').get('wire-kadhimi')).toEqual({
      size: members.length + 2,
    });
    expect(
      s.prepare('SELECT count(*) AS n FROM dup_groups WHERE id = ?').get('alrafidain-kadhimi-stoltenberg'),
    ).toEqual({
      n: 0,
    });
    await store.close();
  });
});

describe('canonicalsFirst', () => {
  const b = (id: string, duplicateOf: string | null = null) => ({ a: { id, duplicateOf } as Article });
  it('should hold a copy back until its canonical has gone by, and keep the rest in order', () => {
    const order = canonicalsFirst([
      b('copy1', 'canon'),
      b('x'),
      b('copy2', 'canon'),
      b('canon'),
      b('y'),
      b('late', 'old'),
    ]);
    expect(order.map((o) => o.a.id)).toEqual(['x', 'canon', 'copy1', 'copy2', 'y', 'late']);
  });
});

describe('Pipeline state', () => {
  it('should save the indexes with each window, so a run killed before finish() loses nothing', async () => {
    const dir = tmpDir();
    const store = await openStore(join(dir, 'k.db'));
    const first = await Pipeline.open(store);
    const text = readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-kadhimi-stoltenberg.txt'), 'utf8');
    const item = (id: string, t: string) => ({
      ok: true as const,
      article: newArticle({ id, source: `${id}.txt`, raw: t, site: id.split('-')[0], published: '2021-06-30' }),
    });
    await first.process(item('one-kadhimi', text));
    // no finish(): the process is gone. A new run must still know one-kadhimi.
    const second = await Pipeline.open(store);
    expect(second.engines.dedup.slotOf('one-kadhimi')).toBeGreaterThanOrEqual(0);
    const o = await second.process(item('two-kadhimi', text + '\nتابعونا على تلغرام\n'));
    expect(o).toMatchObject({ id: 'two-kadhimi', status: 'duplicate', detail: 'one-kadhimi' });
    expect((await store.getArticle('two-kadhimi'))?.eventId).toBe((await store.getArticle('one-kadhimi'))?.eventId);
    await store.close();
  });
});

describe('the seeds through khabar process', () => {
  it('should put both seeds in one story and two events, and name NATO, al-Kadhimi and Brussels in why', async () => {
    const { store } = await buildSampleDb();
    const wed = await store.getArticle(SEED_WEDNESDAY);
    const thu = await store.getArticle(SEED_THURSDAY);
    expect(wed?.status).toBe('stored');
    expect(thu?.status).toBe('stored');
    expect(thu?.storyId).toBe(wed?.storyId);
    expect(thu?.eventId).not.toBe(wed?.eventId);
    expect(wed?.dateline).toBe('بغداد 24 ـ بروكسل');
    // the Thursday seed joined Wednesday's story through what the two share
    expect(thu?.why?.decision).toBe('new-event');
    expect(thu?.why?.reasons?.map((r) => r.rule)).toContain('stories/different-day');
    expect(thu?.why?.story_score).toBeGreaterThan(0);
    for (const name of ['الناتو', 'الكاظمي', 'بروكسل']) expect(thu?.why?.entities.join(' ')).toContain(name);
    await store.close();
  });
});

describe('Pipeline state schedule', () => {
  it('should do again, in the next run, a window written after the last state save when the run died', async () => {
    const dir = tmpDir();
    const store = await openStore(join(dir, 'k.db'));
    const item = (file: string) => {
      const raw = readFileSync(join(SAMPLE_DIR, 'alrafidain', file), 'utf8');
      return {
        ok: true as const,
        article: newArticle({ id: file.replace('.txt', ''), source: file, raw, site: 'alrafidain' }),
      };
    };
    // save with the first window only: every later window is written without state
    const schedule = { alwaysBelow: 0, growth: 1e9 };
    const first = await Pipeline.open(store, { stateSchedule: schedule, runId: 'r1' });
    await first.process(item('alrafidain-iraq-curfew.txt'));
    await first.process(item('alrafidain-summit-agreements.txt'));
    // no finish(): the process is gone. The second window's article is stored but not indexed.
    const s = (store as SqliteStore).db;
    expect(s.prepare('SELECT id, indexed FROM documents ORDER BY id').all()).toEqual([
      { id: 'alrafidain-iraq-curfew', indexed: 1 },
      { id: 'alrafidain-summit-agreements', indexed: 0 },
    ]);
    const second = await Pipeline.open(store, { runId: 'r2' });
    expect(second.engines.dedup.slotOf('alrafidain-iraq-curfew')).toBeGreaterThanOrEqual(0);
    expect(second.engines.dedup.slotOf('alrafidain-summit-agreements')).toBe(-1);
    // the same bytes again, under another file name: redone under the id they were stored with
    const renamed = item('alrafidain-summit-agreements.txt');
    renamed.article.id = 'summit-agreements-copy';
    // both in one run (one window), as the old add/add/finish did
    const out: Outcome[] = [];
    await second.run(itemsStage([item('alrafidain-iraq-curfew.txt'), renamed]), { onOutcome: (o) => out.push(o) });
    await second.finish();
    expect(out.map((o) => [o.id, o.status])).toEqual([
      ['alrafidain-iraq-curfew', 'unchanged'],
      ['alrafidain-summit-agreements', 'stored'],
    ]);
    expect(renamed.article.trace.map((t) => t.rule)).toContain('store/redo');
    expect(s.prepare('SELECT count(*) AS n FROM documents WHERE indexed = 0').get()).toEqual({ n: 0 });
    expect(s.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 2 });
    await store.close();
  });
});

describe('raw bytes in the store', () => {
  it('should keep the bytes as read when they are not the stored UTF-8 text, and only then', async () => {
    const dir = tmpDir();
    const input = join(dir, 'in', 'wire');
    mkdirSync(input, { recursive: true });
    const text = readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-iraq-curfew.txt'), 'utf8');
    const cp1256 = iconv.encode(text.replace('خلية الأزمة', 'خلية الأزمة الحكومية'), 'windows-1256');
    writeFileSync(join(input, 'legacy.txt'), cp1256);
    writeFileSync(join(input, 'modern.txt'), text);
    const store = (await openStore(join(dir, 'k.db'))) as SqliteStore;
    await processPaths([join(dir, 'in')], { store, runsDir: null });
    const row = (id: string) =>
      store.db.prepare('SELECT encoding, raw, original FROM documents WHERE id = ?').get(id) as {
        encoding: string;
        raw: Buffer;
        original: Buffer | null;
      };
    const legacy = row('legacy');
    expect(legacy.encoding).toBe('windows-1256');
    // both are stored packed (src/store/sqlite/packed.ts) and read back as they were
    expect(legacy.original && unpack(legacy.original).equals(cp1256)).toBe(true);
    expect(unpack(legacy.raw).toString('utf8')).toContain('خلية الأزمة الحكومية');
    expect(row('modern').original).toBeNull();
    await store.close();
  });
});
