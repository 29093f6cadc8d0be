import { describe, expect, it } from 'vitest';
import { ARABIC_LIGHT, ARABIC_MATCH, lineKey, normalize } from '../../src/text/normalize.js';

describe('normalize', () => {
  it('should fold alef forms أ إ آ ٱ to ا', () => {
    expect(normalize('أحمد إيران آليات ٱلله')).toBe('احمد ايران اليات الله');
  });
  it('should keep hamza on waw and ya (ؤ ئ) and lone hamza ء: رئيس never becomes رييس', () => {
    expect(normalize('رئيس مؤتمر سماء')).toBe('رئيس مؤتمر سماء');
  });
  it('should fold ى to ي and ة to ه by default, and keep them under the light profile', () => {
    expect(normalize('مصطفى الحكومة')).toBe('مصطفي الحكومه');
    expect(normalize('مصطفى الحكومة', ARABIC_LIGHT)).toBe('مصطفى الحكومة');
  });
  it('should remove tatweel and harakat including dagger alef', () => {
    expect(normalize('الحـــكومة شنّ عَلِمَ هٰذا')).toBe('الحكومه شن علم هذا');
  });
  it('should unify Persian letter variants', () => {
    expect(normalize('کتاب ی')).toBe('كتاب ي');
  });
  it('should turn Arabic-Indic and Eastern digits into ASCII', () => {
    expect(normalize('٢٠٢١ و ۱۴۰۰')).toBe('2021 و 1400');
  });
  it('should unify Arabic punctuation for matching', () => {
    expect(normalize('نعم، لا؛ لماذا؟ «قال»')).toBe('نعم, لا; لماذا? "قال"');
  });
  it('should compose presentation forms with NFKC (ﻻ → لا)', () => {
    expect(normalize('ﻻ ﺑﻐﺪاد')).toBe('لا بغداد');
  });
  it('should remove bidi and zero-width controls', () => {
    expect(normalize('بغداد\u200f \u200cالعراق\u200e')).toBe('بغداد العراق');
  });
  it('should lower-case Latin letters', () => {
    expect(normalize('NATO Brussels')).toBe('nato brussels');
  });
  it('should be idempotent on a mixed sample', () => {
    const samples = [
      'أكّد رئيسُ الوزراء ـــ مصطفى الكاظمي، اليوم الأربعاء ٣٠ حزيران ٢٠٢١: «لن يكون العراق ساحة»؟',
      'ﻻ إله ٱلّا کیفیت ۀ ھ NATO\u200f',
      'ء آ أ ؤ إ ئ ى ة ـ ً ٌ ٍ َ ُ ِ ّ ْ ٰ ٠١٢٣٤٥٦٧٨٩',
    ];
    for (const s of samples) expect(normalize(normalize(s))).toBe(normalize(s));
  });
  it('should never alter the input string (display text stays as written)', () => {
    const s = 'الحكومة.وبين';
    normalize(s, ARABIC_MATCH);
    expect(s).toBe('الحكومة.وبين');
  });
  it('should collapse whitespace in line keys', () => {
    expect(lineKey('  حلف   شمال\tالأطلسي ')).toBe('حلف شمال الاطلسي');
  });
});
