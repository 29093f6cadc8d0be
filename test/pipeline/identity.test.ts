/**
 * Idempotence is keyed on the document (its URL, else its site) and its bytes (issue 15):
 * the same text from another site is a duplicate with its own row and URL, and the earlier
 * copy is the canonical; the same document again is "unchanged".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentKey } from '../../src/pipeline/pipeline.js';
import { processPaths } from '../../src/pipeline/run.js';
import { openStore } from '../../src/store/index.js';
import { SAMPLE_DIR, tmpDir } from '../support/sample-db.js';

const TEXT = readFileSync(join(SAMPLE_DIR, 'alrafidain', 'alrafidain-iraq-curfew.txt'), 'utf8');
const record = (id: string, site: string, published: string) =>
  JSON.stringify({ id, text: TEXT, url: `https://${site}/news/${id}`, site, published });

describe('document identity', () => {
  it('should key a document on its URL (else its site) and its bytes, not on the text alone', () => {
    const a = { url: 'https://a.example/1', site: 'a.example', raw: TEXT };
    expect(documentKey(a)).toBe(documentKey({ ...a }));
    expect(documentKey(a)).not.toBe(documentKey({ ...a, url: 'https://b.example/1', site: 'b.example' }));
    expect(documentKey({ url: null, site: 'a', raw: TEXT })).not.toBe(documentKey({ url: null, site: 'b', raw: TEXT }));
    expect(documentKey(a)).not.toBe(documentKey({ ...a, raw: TEXT + ' ' }));
  });

  it('should store the same text from another site as a duplicate with its own row and URL, the earlier copy canonical', async () => {
    const dir = tmpDir();
    const input = join(dir, 'copies.jsonl');
    // the later copy comes first in the file: the window is ordered by date
    writeFileSync(
      input,
      [record('late', 'b.example', '2021-07-02'), record('early', 'a.example', '2021-07-01')].join('\n'),
    );
    const store = await openStore(join(dir, 'k.db'));
    const r = await processPaths([input], { store, runsDir: null });
    expect(r.outcomes).toMatchObject({ stored: 1, duplicate: 1, unchanged: 0 });
    const early = await store.getArticle('early');
    const late = await store.getArticle('late');
    expect(early?.status).toBe('stored');
    expect(late?.status).toBe('duplicate');
    expect(late?.duplicateOf).toBe('early');
    expect(late?.url).toBe('https://b.example/news/late');
    // the same file again: both documents are unchanged
    const again = await processPaths([input], { store, runsDir: null });
    expect(again.outcomes).toMatchObject({ stored: 0, duplicate: 0, unchanged: 2 });
    await store.close();
  });
});
