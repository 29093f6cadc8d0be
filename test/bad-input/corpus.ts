/**
 * The hostile inputs of issue 15, written into a folder (large ones generated, never
 * committed): each is a file `khabar process` must turn away with a reason (an error code
 * or a rule), within a time and memory budget. `expect` is the code or rule it must end in.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BadCase {
  file: string;
  /** The error code or rule every outcome of the file must carry. */
  expect: string;
  why: string;
  write(path: string): void;
}

const SAMPLE = join(import.meta.dirname, '../../sample');
const ARTICLE = readFileSync(join(SAMPLE, 'alrafidain', 'alrafidain-iraq-curfew.txt'), 'utf8');
const MiB = 2 ** 20;

const text = (s: string | Buffer) => (p: string) => writeFileSync(p, s);
const jsonl = (...lines: string[]) => text(lines.join('\n') + '\n');
const warcRecord = (type: string, uri: string, http: string, body: string) => {
  const payload = `${http}\r\n\r\n${body}`;
  const head = `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Record-ID: <urn:uuid:${randomBytes(8).toString('hex')}>\r\nWARC-Date: 2021-07-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n`;
  return head + payload + '\r\n\r\n';
};
/** A file of `n` MiB of one byte, written a MiB at a time. */
const filled = (n: number, byte: number) => (p: string) => {
  const fd = openSync(p, 'w');
  const chunk = Buffer.alloc(MiB, byte);
  for (let i = 0; i < n; i++) writeSync(fd, chunk);
  closeSync(fd);
};
const page = (body: string) =>
  `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title></head><body>${body}</body></html>`;

export const BAD_CASES: BadCase[] = [
  { file: 'empty.txt', expect: 'KHB_EMPTY', why: 'zero bytes', write: text('') },
  { file: 'whitespace.txt', expect: 'KHB_EMPTY', why: 'only spaces and newlines', write: text(' \n\t\r\n   \n') },
  { file: 'zeros.txt', expect: 'KHB_BINARY', why: 'NUL bytes', write: filled(1, 0) },
  { file: 'random.txt', expect: 'KHB_BINARY', why: 'random bytes', write: text(randomBytes(256 * 1024)) },
  {
    file: 'png.html',
    expect: 'KHB_BINARY',
    why: 'a PNG named .html',
    write: text(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(4096)])),
  },
  { file: 'huge.txt', expect: 'KHB_TOO_LARGE', why: '9 MiB of text', write: filled(9, 0x41) },
  {
    file: 'nested-20000.jsonl',
    expect: 'KHB_JSONL_MALFORMED',
    why: 'a field nested 20 000 deep',
    write: jsonl(`{"text":"نص","meta":${'['.repeat(20000)}${']'.repeat(20000)}}`),
  },
  {
    file: 'nested-objects.jsonl',
    expect: 'KHB_JSONL_MALFORMED',
    why: 'objects nested 100 000 deep',
    write: jsonl(`{"text":"نص","m":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}`),
  },
  { file: 'truncated.jsonl', expect: 'KHB_JSONL_MALFORMED', why: 'a line cut off', write: jsonl('{"text": "نص عربي') },
  { file: 'array.jsonl', expect: 'KHB_JSONL_MALFORMED', why: 'an array, not an object', write: jsonl('[1, 2, 3]') },
  { file: 'number.jsonl', expect: 'KHB_JSONL_MALFORMED', why: 'a bare number', write: jsonl('42') },
  { file: 'no-text.jsonl', expect: 'KHB_JSONL_NO_TEXT', why: 'no text field', write: jsonl('{"id": 1, "title": "x"}') },
  {
    file: 'text-not-string.jsonl',
    expect: 'KHB_JSONL_NO_TEXT',
    why: 'text is an object',
    write: jsonl('{"text": {"a": 1}}'),
  },
  {
    file: 'huge-line.jsonl',
    expect: 'KHB_TOO_LARGE',
    why: 'one 9 MiB line',
    write: jsonl(JSON.stringify({ text: 'خ'.repeat(5 * MiB) })),
  },
  {
    file: 'bomb.warc.gz',
    expect: 'KHB_TOO_LARGE',
    why: '1 GiB of zeros gzipped (16 members of 64 MiB)',
    write: (p) => {
      const member = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
      writeFileSync(p, Buffer.concat(Array.from({ length: 16 }, () => member)));
    },
  },
  {
    file: 'garbage.warc.gz',
    expect: 'KHB_NOT_HTML',
    why: 'gzip of random bytes',
    write: text(gzipSync(randomBytes(MiB))),
  },
  {
    file: 'not-gzip.warc.gz',
    expect: 'KHB_WARC_MALFORMED',
    why: 'named .gz, not gzip',
    write: text(randomBytes(64 * 1024)),
  },
  {
    file: 'images-only.warc',
    expect: 'KHB_NOT_HTML',
    why: 'a WARC with no HTML response',
    write: text(warcRecord('response', 'https://x.example/a.png', 'HTTP/1.1 200 OK\r\nContent-Type: image/png', 'PNG')),
  },
  {
    file: 'truncated.warc',
    expect: 'clean/unparseable',
    why: 'a WARC cut inside its only record',
    write: text(
      warcRecord('response', 'https://x.example/1', 'HTTP/1.1 200 OK\r\nContent-Type: text/html', page(ARTICLE)).slice(
        0,
        300,
      ),
    ),
  },
  {
    file: 'nested-divs.html',
    expect: 'clean/too-complex',
    why: '1.1 MB of nested <div>s',
    write: text(page(`${'<div>'.repeat(110_000)}${ARTICLE}${'</div>'.repeat(110_000)}`)),
  },
  {
    file: 'many-tags.html',
    expect: 'clean/too-complex',
    why: '80 000 flat tags',
    write: text(page('<span>خبر</span>'.repeat(80_000))),
  },
  {
    file: 'nested-inline.html',
    expect: 'clean/too-complex',
    why: '5 000 nested <b><i>',
    write: text(page(`${'<b><i>'.repeat(5000)}${ARTICLE}`)),
  },
  {
    file: 'one-word.txt',
    expect: 'clean/degenerate',
    why: 'one word repeated, 1 MB',
    write: text('خبر '.repeat(250_000)),
  },
  {
    file: 'two-words.txt',
    expect: 'clean/degenerate',
    why: 'two words repeated over lines',
    write: text(Array.from({ length: 2000 }, (_, i) => `عاجل خبر عاجل خبر ${i % 2 ? 'عاجل' : 'خبر'}`).join(' ')),
  },
  {
    file: 'english.txt',
    expect: 'clean/not-arabic',
    why: 'an English article',
    write: text(
      'The ministry of agriculture announced a new plan to support farmers in the southern provinces next season.\n' +
        'A spokesman said the plan includes distributing improved seeds at subsidised prices to farming cooperatives.\n' +
        'He added that the ministry will follow the implementation in the field with local governments and unions.\n' +
        'Farmers welcomed the decision and called for faster payment of dues owed from previous seasons.\n',
    ),
  },
  {
    file: 'long-word.txt',
    expect: 'clean/degenerate',
    why: 'one 100 000-letter "word"',
    write: text('خ'.repeat(100_000)),
  },
  {
    file: 'punctuation.txt',
    expect: 'clean/empty-body',
    why: 'only punctuation',
    write: text('... !!! ؟؟؟ ،،، ---\n***\n'),
  },
  {
    file: 'zero-width.txt',
    expect: 'clean/too-short',
    why: 'zero-width and direction marks around one word',
    write: text('\u200f\u200e\u200b\u202eخبر\u202c\u200d\u2066\u2069\n'),
  },
  {
    file: 'template-only.txt',
    expect: 'clean/empty-body',
    why: 'only template placeholders',
    write: text('{{ article.title }}\n{{ article.body }}\n{% endblock %}\n'),
  },
  {
    file: 'boilerplate-only.html',
    expect: 'clean/empty-body',
    why: 'navigation and footer only',
    write: text(page('<nav><a href="/">الرئيسية</a><a href="/s">سياسة</a></nav><footer>جميع الحقوق محفوظة</footer>')),
  },
  {
    file: 'script-only.html',
    expect: 'clean/empty-body',
    why: 'a page of scripts and styles',
    write: text(page(`<script>${'var x = "خبر";'.repeat(5000)}</script><style>${'p{color:red}'.repeat(5000)}</style>`)),
  },
  {
    file: 'entities.html',
    expect: 'clean/too-complex',
    why: '200 000 entities and nothing else',
    write: text(page(`<nav>${'&amp;&#x200b;'.repeat(200_000)}</nav>`)),
  },
  {
    file: 'repeated-lines.txt',
    expect: 'clean/empty-body',
    why: 'one sentence on 20 000 lines',
    write: text('عاجل: انفجار في مرفأ بيروت\n'.repeat(20_000)),
  },
];
