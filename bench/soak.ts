/**
 * `npm run soak -- [--seconds 60] [--connections 8]`: a soak of `khabar serve` (issue 15) with
 * autocannon on 127.0.0.1: mixed reads (stories, search, stats, an article) and POSTs of new
 * documents at fixed concurrency. Prints errors, non-2xx answers and the server's RSS every
 * 5 s; exits 1 on any error or when RSS after warm-up grows by more than MAX_GROWTH.
 * Not in npm test.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSampleDb, tmpDir } from '../test/support/sample-db.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 60);
const CONNECTIONS = arg('connections', 8);
/** RSS may grow this much from the end of warm-up (the first quarter) to the end: caches fill, then stop. */
const MAX_GROWTH = 1.25;

const rss = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main(): Promise<number> {
  const dir = tmpDir('khabar-soak-');
  const { path, store } = await buildSampleDb(dir);
  await store.close();
  const server = spawn(process.execPath, [
    join(import.meta.dirname, '../dist/cli/main.js'),
    'serve',
    '--db',
    path,
    '--port',
    '0',
    '-q',
  ]);
  const base = await new Promise<string>((resolve) => {
    let out = '';
    server.stdout.on('data', (c) => {
      out += c;
      const m = /at (http:\/\/\S+\/) /.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rss(server.pid!)), 5000);
  let n = 0;
  const body = () =>
    JSON.stringify({
      site: `soak${n % 5}.example`,
      text: `أعلنت وزارة الزراعة عن خطة رقم ${n++} لدعم المزارعين في المحافظات الجنوبية خلال الموسم المقبل.\nوقال المتحدث باسم الوزارة إن الخطة تشمل توزيع البذور المحسنة بأسعار مدعومة على الجمعيات الفلاحية.`,
    });
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      { method: 'GET', path: '/api/stories?limit=20' },
      { method: 'GET', path: `/api/search?q=${encodeURIComponent('الناتو')}` },
      { method: 'GET', path: '/api/stats' },
      {
        method: 'POST',
        path: '/api/articles',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
  clearInterval(sampler);
  server.kill('SIGTERM');
  const warm = samples[Math.floor(samples.length / 4)] ?? samples[0];
  const end = samples.at(-1) ?? warm;
  console.log(
    `soak: ${result.requests.total} requests in ${SECONDS} s at ${CONNECTIONS} connections; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; p99 ${result.latency.p99} ms`,
  );
  console.log(
    `server RSS (MB) every 5 s: ${samples.map((s) => s.toFixed(0)).join(' ')}; after warm-up ${warm.toFixed(0)}, at the end ${end.toFixed(0)}`,
  );
  const ok = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && end <= warm * MAX_GROWTH;
  console.log(ok ? 'soak: passed' : 'soak: FAILED');
  return ok ? 0 : 1;
}

process.exitCode = await main();
