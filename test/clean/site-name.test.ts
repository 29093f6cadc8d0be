/** A credit that spells the site's host (site-name.ts): real outlets' names and hosts, and near misses. */
import { describe, expect, it } from 'vitest';
import { arabicSkeleton, hostSkeleton, namesSite } from '../../src/clean/site-name.js';

describe('namesSite', () => {
  it('should read an outlet’s Arabic name in its Latin host', () => {
    const same: [string, string][] = [
      ['مباشر', 'https://www.mubasher.info/news/1'],
      ['مرآة البحرين', 'https://mirrorbah.hopto.me/news/1.html'],
      ['جراءة نيوز', 'https://garaanews.com/article/1'],
      ['الوحدة نيوز', 'https://alwahdahnews.net/?p=1'],
      ['تانا 4 ميديا', 'https://tana4media.com/ar/news/1'],
      ['بغداد أوبزرفر', 'https://baghdadobserve.com/?p=1'],
      ['البيان', 'https://albayannews.net/1'],
    ];
    for (const [name, url] of same) expect(namesSite(name, url), `${name} ${url}`).toBe(true);
  });
  it('should not match other words, short names or a missing url', () => {
    const other: [string, string | null][] = [
      ['قال مصدر', 'https://garaanews.com/article/1'],
      ['الرياض', 'https://www.alwatan.com.sa/x'],
      ['أكد الوزير', 'https://www.akhbarelyom.com/x'],
      ['نت', 'https://nt.com/x'],
      ['مباشر', null],
    ];
    for (const [name, url] of other) expect(namesSite(name, url), `${name} ${url}`).toBe(false);
  });
  it('should reduce both sides to the same consonant classes', () => {
    expect(arabicSkeleton('مرآة البحرين')).toBe('mrlbhrn');
    expect(hostSkeleton('https://www.mirrorbah.hopto.me/x')).toBe('mrbh');
    expect(hostSkeleton('https://baghdadobserve.com/')).toBe(arabicSkeleton('بغداد أوبزرف'));
    expect(hostSkeleton('not a url')).toBe('');
  });
});
