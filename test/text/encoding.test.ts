import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { KhabarError } from '../../src/core/errors.js';
import { decodeBytes, plausibility } from '../../src/text/encoding.js';

const TEXT = 'التقى رئيس مجلس الوزراء مصطفى الكاظمي، اليوم الأربعاء، الأمين العام لحلف شمال الأطلسي في بروكسل.';
const src = { source: 'fixture.txt' };

/** UTF-8 bytes shown through windows-1252, then saved as UTF-8: classic mojibake. */
function mojibake(s: string): string {
  // WHATWG windows-1252 (as browsers and Python's errors='replace' pipelines see it): 0x81 → U+0081.
  return new TextDecoder('windows-1252').decode(Buffer.from(s, 'utf8'));
}

describe('decodeBytes', () => {
  it('should read UTF-8 without BOM', () => {
    const d = decodeBytes(Buffer.from(TEXT, 'utf8'), src);
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe('utf-8');
  });
  it('should read UTF-8 with BOM and drop the BOM', () => {
    const d = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), src);
    expect(d.text).toBe(TEXT);
  });
  it('should read UTF-16 LE and BE with BOM, and LE without BOM', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')]), src).text).toBe(
      TEXT,
    );
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), src).text).toBe(
      TEXT,
    );
    const d = decodeBytes(iconv.encode(TEXT, 'utf-16le'), src);
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe('utf-16le');
  });
  it('should detect windows-1256 and say so in a reason', () => {
    const d = decodeBytes(iconv.encode(TEXT, 'windows-1256'), src);
    expect(d.text).toBe(TEXT);
    expect(d.encoding).toBe('windows-1256');
    expect(d.reasons.map((r) => r.rule)).toContain('text/encoding-detected');
  });
  it('should detect ISO-8859-6 (no harakat-free letters outside its table)', () => {
    const plain = 'قال وزير الخارجية ان الحكومة ستعقد اجتماعا في بغداد غدا لبحث الازمة مع دول الجوار';
    const d = decodeBytes(iconv.encode(plain, 'iso-8859-6'), src);
    expect(d.text).toBe(plain);
    expect(d.encoding).toBe('iso-8859-6');
  });
  it('should trust the bytes over a wrong declared charset', () => {
    const d = decodeBytes(iconv.encode(TEXT, 'windows-1256'), { source: 'x.html', declared: 'utf-8' });
    expect(d.text).toBe(TEXT);
    const u = decodeBytes(Buffer.from(TEXT), { source: 'x.html', declared: 'windows-1256' });
    expect(u.text).toBe(TEXT);
    expect(u.reasons.map((r) => r.rule)).toContain('text/charset-mismatch');
  });
  it('should repair mojibake (UTF-8 Arabic read as windows-1252)', () => {
    const broken = mojibake(TEXT);
    expect(broken).toContain('Ø');
    const d = decodeBytes(Buffer.from(broken, 'utf8'), src);
    expect(d.text).toBe(TEXT);
    expect(d.reasons.map((r) => r.rule)).toContain('text/mojibake-repaired');
  });
  it('should repair lossy mojibake where ف (D9 81) became U+FFFD', () => {
    const lossy = iconv.decode(Buffer.from(TEXT, 'utf8'), 'windows-1252');
    expect(lossy).toContain('\uFFFD');
    expect(decodeBytes(Buffer.from(lossy, 'utf8'), src).text).toBe(TEXT);
  });
  it('should repair mojibake inside an otherwise correct document', () => {
    const mixed = `عنوان سليم\n${mojibake('العراق والناتو')}\nسطر سليم`;
    expect(decodeBytes(Buffer.from(mixed), src).text).toBe('عنوان سليم\nالعراق والناتو\nسطر سليم');
  });
  it('should not touch genuine Latin-1 accents', () => {
    const fr = 'Le café de Bruxelles a été fermé à 18 h.';
    expect(decodeBytes(Buffer.from(fr), src).text).toBe(fr);
  });
  it('should accept UTF-8 with a few invalid bytes, replacing them and saying so', () => {
    const bytes = Buffer.concat([Buffer.from(TEXT.repeat(5)), Buffer.from([0xc3, 0x28]), Buffer.from(TEXT)]);
    const d = decodeBytes(bytes, src);
    expect(d.text).toContain('\uFFFD');
    expect(d.text.startsWith(TEXT)).toBe(true);
    expect(d.reasons.map((r) => r.rule)).toContain('text/invalid-utf8');
  });
  it('should refuse binary bytes with KHB_BINARY', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    try {
      decodeBytes(png, src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KhabarError);
      expect((e as KhabarError).code).toBe('KHB_BINARY');
    }
  });
  it('should score windows-1256-read ISO-8859-6 bytes as implausible', () => {
    const wrong = iconv.decode(iconv.encode('الحكومة العراقية', 'iso-8859-6'), 'windows-1252');
    expect(plausibility(wrong)).toBeLessThan(plausibility('الحكومة العراقية'));
  });
});
