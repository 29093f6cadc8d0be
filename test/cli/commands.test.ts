/**
 * The CLI commands that work on a database, run as a user runs them: `main([...])`
 * in-process for process and search, a child process for serve and start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';
import { SAMPLE_DIR, tmpDir } from '../support/sample-db.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGE = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>وزارة الزراعة تطلق حملة لمكافحة التصحر - صوت الريف</title></head>
<body><nav>الرئيسية سياسة اقتصاد</nav><article><h1>وزارة الزراعة تطلق حملة لمكافحة التصحر</h1>
<p>أطلقت وزارة الزراعة، اليوم الأحد، حملة وطنية لمكافحة التصحر تشمل زراعة مليون شجرة في المحافظات الجنوبية خلال عامين.</p>
<p>وقال وزير الزراعة إن الحملة تعتمد على أصناف مقاومة للجفاف، وإن المتطوعين سيشاركون في أعمال التشجير.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>`;

/** Starts the built CLI and resolves with the address it prints (and the process, to stop it). */
function startCli(args: string[]): Promise<{ url: string; stop: () => Promise<void>; err: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((res, rej) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/\S+\/)/.exec(out);
      if (m)
        res({
          url: m[1],
          err: () => err,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => rej(new Error(`khabar ${args[0]} exited with ${code}: ${err}`)));
  });
}

describe('khabar process and search', () => {
  it('should process a folder and JSONL with an html field into a database, report rejects, and search it', async () => {
    const dir = tmpDir('khabar-cli-');
    mkdirSync(join(dir, 'in'));
    writeFileSync(
      join(dir, 'in', 'pages.jsonl'),
      [
        JSON.stringify({ id: 'rif-1', url: 'https://rif.example/news/1', html: PAGE, published: '2021-07-04' }),
        '{"id": "broken", ',
        JSON.stringify({
          id: 'en-1',
          text: 'A short English note about the weather in the capital, with nothing Arabic in it at all.',
        }),
      ].join('\n') + '\n',
    );
    const db = join(dir, 'k.db');
    const io = memoryIO();
    expect(await main(['process', join(dir, 'in'), '--db', db, '--runs', join(dir, 'runs')], io)).toBe(0);
    expect(io.err()).toMatch(/khabar: error: KHB_JSONL_MALFORMED: .*pages\.jsonl:2/);
    expect(io.err()).toMatch(/khabar: rejected: clean\/not-arabic: /);
    expect(io.err()).toMatch(/store: +1 stored, 0 duplicate, 1 rejected, 0 unchanged, 1 unreadable/);
    const store = await openStore(db, { readonly: true });
    const a = await store.getArticle('rif-1');
    await store.close();
    expect(a?.title).toBe('وزارة الزراعة تطلق حملة لمكافحة التصحر');
    expect(a?.paragraphs).toHaveLength(2);
    expect(a?.paragraphs.join(' ')).not.toMatch(/الحقوق|الرئيسية/); // page chrome, pruned before extraction
    expect(a?.trace.map((t) => t.rule)).toContain('html/extracted');

    // a user's gazetteer adds entities to find
    const gaz = join(dir, 'gazetteer.json');
    writeFileSync(gaz, JSON.stringify({ entries: [{ key: 'org:agri-ministry', type: 'org', name: 'وزارة الزراعة' }] }));
    const db2 = join(dir, 'k2.db');
    expect(
      await main(
        ['process', join(dir, 'in'), '--db', db2, '--runs', join(dir, 'runs'), '--gazetteer', gaz],
        memoryIO(),
      ),
    ).toBe(0);
    const store2 = await openStore(db2, { readonly: true });
    const withGaz = await store2.getArticle('rif-1');
    await store2.close();
    expect(withGaz?.entities.map((e) => e.key)).toContain('org:agri-ministry');
    expect(a?.entities.map((e) => e.key)).not.toContain('org:agri-ministry');

    // search: normalized (no hamza, ta marbuta as ha), hits in [brackets], exit 0; no hit exits 1
    const s = memoryIO();
    expect(await main(['search', 'حمله التصحر', '--db', db], s)).toBe(0);
    expect(s.out()).toMatch(/1\. وزارة الزراعة تطلق \[حملة\] لمكافحة \[التصحر\]/);
    expect(s.err()).toMatch(/1 result\(s\) for "حمله" AND "التصحر"/);
    // as its own process, output to a file: the search threads keep it alive until the answer is printed
    const outFile = join(dir, 'search.txt');
    const fd = openSync(outFile, 'w');
    const child = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'search', 'حمله التصحر', '--db', db], {
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    expect(child.status, child.stderr.toString()).toBe(0);
    expect(readFileSync(outFile, 'utf8')).toBe(s.out());
    const none = memoryIO();
    expect(await main(['search', 'البرلمان', '--db', db], none)).toBe(1);
    const bad = memoryIO();
    expect(await main(['search', '"التصحر', '--db', db], bad)).toBe(1);
    expect(bad.err()).toMatch(/^khabar: KHB_BAD_QUERY: /);
    const missing = memoryIO();
    expect(await main(['search', 'التصحر', '--db', join(dir, 'nope.db')], missing)).toBe(1);
    expect(missing.err()).toMatch(/KHB_FILE_UNREADABLE: .*nope\.db.*run khabar process first/);
  });
});

describe('khabar serve and khabar start', () => {
  it('should build data from the sample when missing, serve it, print the address, and say plainly when the port is taken', async () => {
    const dir = tmpDir('khabar-start-');
    const db = join(dir, 'data', 'khabar.db');
    const started = await startCli(['start', '--db', db, '--sample', SAMPLE_DIR, '--port', '0', '--quiet']);
    try {
      expect(existsSync(db)).toBe(true);
      expect(started.err()).toMatch(/khabar: building .*khabar\.db from .*sample/);
      const stories = (await (await fetch(`${started.url}api/stories`)).json()) as { items: unknown[] };
      expect(stories.items.length).toBeGreaterThan(5);
      expect((await fetch(started.url)).headers.get('content-type')).toMatch(/text\/html/);
    } finally {
      await started.stop();
    }

    // serve the same file on a port that is taken
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const io = memoryIO();
    try {
      expect(await main(['serve', '--db', db, '--port', String(port), '--quiet'], io)).toBe(1);
      expect(io.err()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
    // a second start reuses the file
    const again = await startCli(['start', '--db', db, '--sample', SAMPLE_DIR, '--port', '0', '--quiet']);
    await again.stop();
    expect(again.err()).toMatch(/using .*khabar\.db \(delete it to rebuild/);
  }, 120_000);
});
