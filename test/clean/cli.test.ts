import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { seedPath, SEED_THURSDAY, SEED_WEDNESDAY } from '../support/seeds.js';

const BODY =
  'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة البصرة بسعة مئتي سرير، وقال الوزير إن المشروع سيخدم أكثر من مليون مواطن.';

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'khabar-clean-'));
}

async function run(args: string[]) {
  const io = memoryIO();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('khabar clean', () => {
  it('should write one JSON object a line with the documented fields', async () => {
    const { code, out } = await run(['clean', seedPath(SEED_WEDNESDAY), seedPath(SEED_THURSDAY)]);
    expect(code).toBe(0);
    const recs = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(recs).toHaveLength(2);
    for (const r of recs) {
      for (const k of [
        'id',
        'source',
        'title',
        'dateline',
        'published',
        'text',
        'removed',
        'lang',
        'chars_in',
        'chars_out',
      ])
        expect(r).toHaveProperty(k);
      expect(r.lang).toBe('ar');
      expect(r.chars_out).toBe(r.text.length);
      for (const rm of r.removed) {
        expect(rm.rule).toMatch(/^clean\/[a-z-]+$/);
        expect(rm).toMatchObject({ action: 'drop-line', message: expect.any(String), text: expect.any(String) });
      }
    }
    expect(recs[0].id).toBe(SEED_WEDNESDAY);
    expect(recs[0].dateline).toBe('بغداد 24 ـ بروكسل');
  });

  it('should report every bad input with file, line and reason, and go on', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(
      join(dir, 'english.txt'),
      'The minister met his counterpart in Baghdad today to discuss the relations of the two countries.',
    );
    writeFileSync(join(dir, 'good.txt'), BODY);
    writeFileSync(join(dir, 'cp1256.txt'), iconv.encode(BODY, 'windows-1256'));
    // high bytes that are no UTF-8 and read as garbage in every Arabic single-byte charset
    writeFileSync(join(dir, 'garbled.txt'), Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 7) % 32))));
    // a download cut off in its headline
    writeFileSync(join(dir, 'stub.txt'), 'عاجل\n\nخبر');
    // a link to a file that is gone: reported, and the walk goes on
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
    writeFileSync(
      join(dir, 'docs.jsonl'),
      [
        JSON.stringify({ id: 'j1', text: BODY }),
        '{not json',
        JSON.stringify({ id: 'j3' }),
        JSON.stringify({ id: 'j4', text: BODY + ' ثانية' }),
      ].join('\n') + '\n',
    );
    const rejects = join(dir, 'out', 'rejects.jsonl');
    const { code, out, err } = await run(['clean', dir, '--rejects', rejects]);
    expect(code).toBe(0);
    const kept = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(kept.map((r) => r.id).sort()).toEqual(['cp1256', 'good', 'j1', 'j4']);
    expect(kept.find((r) => r.id === 'cp1256').text).toBe(BODY);
    expect(err).toMatch(/KHB_BINARY: .*binary\.txt/);
    expect(err).toMatch(/KHB_EMPTY: .*empty\.txt/);
    expect(err).toMatch(/KHB_JSONL_MALFORMED: .*docs\.jsonl:2/);
    expect(err).toMatch(/KHB_JSONL_NO_TEXT: .*docs\.jsonl:3/);
    expect(err).toMatch(/clean\/not-arabic: .*english\.txt/);
    expect(err).toMatch(/KHB_ENCODING_UNKNOWN: .*garbled\.txt/);
    expect(err).toMatch(/clean\/too-short: .*stub\.txt/);
    expect(err).toMatch(/KHB_FILE_UNREADABLE: .*dangling\.txt/);
    expect(err).toMatch(/clean: 12 in, 4 out, 8 rejected \(.*KHB_ENCODING_UNKNOWN 1/);
    expect(err).toMatch(/clean: 12 in, 4 out, 8 rejected \(.*too-short 1/);
    const rej = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rej.map((r) => r.rule).sort()).toEqual([
      'KHB_BINARY',
      'KHB_EMPTY',
      'KHB_ENCODING_UNKNOWN',
      'KHB_FILE_UNREADABLE',
      'KHB_JSONL_MALFORMED',
      'KHB_JSONL_NO_TEXT',
      'clean/not-arabic',
      'clean/too-short',
    ]);
    expect(rej.find((r) => r.rule === 'KHB_JSONL_MALFORMED').line).toBe(2);
  });

  it('should refuse a 50 MB file by its size without reading it, and keep going', async () => {
    const dir = workdir();
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(50 * 2 ** 20, 0x20));
    writeFileSync(join(dir, 'ok.txt'), BODY);
    expect(statSync(big).size).toBe(50 * 2 ** 20);
    const { out, err } = await run(['clean', dir]);
    expect(err).toMatch(/KHB_TOO_LARGE: .*big\.txt is 52428800 bytes/);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('should be idempotent: the same input gives byte-identical output', async () => {
    const a = await run(['clean', seedPath(SEED_WEDNESDAY), seedPath(SEED_THURSDAY)]);
    const b = await run(['clean', seedPath(SEED_WEDNESDAY), seedPath(SEED_THURSDAY)]);
    expect(b.out).toBe(a.out);
  });

  it('should drop lines recurring across many documents of one site (clean/site-boilerplate)', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'site-a'));
    const slogan = 'صوت الناس منذ عام ألفين وخمسة عشر نقل الحقيقة كما هي';
    for (let i = 0; i < 5; i++)
      writeFileSync(join(dir, 'site-a', `d${i}.txt`), `${slogan}\n\n${BODY} رقم ${i} في سلسلة التقارير اليومية.`);
    const { out } = await run(['clean', dir, '-o', join(dir, 'out.jsonl')]);
    expect(out).toBe('');
    const recs = readFileSync(join(dir, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(recs).toHaveLength(5);
    for (const r of recs) {
      expect(r.text).not.toContain(slogan);
      expect(r.removed).toEqual([
        {
          rule: 'clean/site-boilerplate',
          action: 'drop-line',
          message: "recurs on at least half of this site's documents",
          place: { line: 1 },
          text: slogan,
        },
      ]);
    }
    const off = await run(['clean', join(dir, 'site-a'), '--no-site-lines']);
    expect(off.out).toContain(slogan);
  });
});

describe('khabar clean progress', () => {
  it('should draw a progress bar on a TTY stderr and none otherwise', async () => {
    const tty = memoryIO();
    (tty.stderr as { isTTY?: boolean }).isTTY = true;
    await main(['clean', seedPath(SEED_WEDNESDAY), seedPath(SEED_THURSDAY)], tty);
    expect(tty.err()).toMatch(/clean \[.*\] \d+% \| \d\/2 docs/);
    const pipe = memoryIO();
    await main(['clean', seedPath(SEED_WEDNESDAY)], pipe);
    expect(pipe.err()).not.toMatch(/docs\/s \| eta/);
  });
});
