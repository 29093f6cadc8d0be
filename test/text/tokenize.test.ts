import { describe, expect, it } from 'vitest';
import { arabicShare, tokenize, words } from '../../src/text/tokenize.js';
import { stem } from '../../src/text/stem.js';
import { isStopword, STOPWORDS } from '../../src/text/stopwords.js';
import { normalize } from '../../src/text/normalize.js';

describe('tokenize', () => {
  it('should give Arabic, Latin and number tokens with offsets', () => {
    const text = 'التقى الكاظمي NATO في 2021، بـ٣٠ دولة.';
    const toks = tokenize(text);
    expect(toks.map((t) => [t.text, t.kind])).toEqual([
      ['التقى', 'arabic'],
      ['الكاظمي', 'arabic'],
      ['NATO', 'latin'],
      ['في', 'arabic'],
      ['2021', 'number'],
      ['بـ', 'arabic'],
      ['٣٠', 'number'],
      ['دولة', 'arabic'],
    ]);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
  it('should not split words at hamza forms (unlike orama)', () => {
    expect(words('رئيس آليات مسؤول سماء إيران')).toEqual(['رئيس', 'آليات', 'مسؤول', 'سماء', 'إيران']);
  });
  it('should keep harakat and tatweel inside the word', () => {
    expect(words('شنّ الحـــكومة')).toEqual(['شنّ', 'الحـــكومة']);
  });
  it('should read decimal numbers as one token', () => {
    expect(words('نما 3.5 بالمئة')).toEqual(['نما', '3.5', 'بالمئة']);
  });
  it('should measure the share of Arabic letters', () => {
    expect(arabicShare('بغداد NATO').share).toBeCloseTo(5 / 9);
    expect(arabicShare('123').letters).toBe(0);
  });
});

describe('stem', () => {
  it('should strip definite-article prefixes and suffixes (Light10)', () => {
    expect(stem('والحكومة')).toBe('حكوم');
    expect(stem('بالعاصمة')).toBe('عاصم');
    expect(stem('للاجتماعات')).toBe('اجتماع');
    expect(stem('للتعاون')).toBe(stem('التعاون'));
    expect(stem('المفاوضات')).toBe('مفاوض');
    expect(stem('الناتو')).toBe('ناتو');
  });
  it('should not strip below two letters or touch short words', () => {
    expect(stem('ال')).toBe('ال');
    expect(stem('ورد')).toBe('ورد');
  });
  it('should leave Latin words and numbers alone', () => {
    expect(stem('nato')).toBe('nato');
    expect(stem('2021')).toBe('2021');
  });
  it('should give one stem for hamza and ta-marbuta variants', () => {
    expect(stem('الأمنية')).toBe(stem('الامنيه'));
  });
});

describe('stopwords', () => {
  it('should hold function words in normalized form', () => {
    expect(isStopword(normalize('إلى'))).toBe(true);
    expect(isStopword(normalize('على'))).toBe(true);
    expect(isStopword(normalize('الحكومة'))).toBe(false);
    for (const w of STOPWORDS) expect(normalize(w)).toBe(w);
  });
});
