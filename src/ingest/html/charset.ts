/**
 * HTML bytes → text. The declared charset is looked for in the order a browser
 * trusts it, and handed to src/text/encoding.ts `decodeBytes`, which still
 * checks the bytes (BOM first, strict UTF-8, then scored candidates): a page
 * that says `<meta charset="utf-8">` but is windows-1256 (common on old
 * Arabic CMSs moved to a new theme) comes out readable, with a
 * 'text/charset-mismatch' note. The cascade for the declaration:
 *   1. HTTP `Content-Type: text/html; charset=…` (when fetched or in a WARC)
 *   2. `<meta charset="…">`
 *   3. `<meta http-equiv="Content-Type" content="text/html; charset=…">`
 *   4. nothing declared: BOM, then detection (decodeBytes)
 */
import { reason } from '../../core/trace.js';
import { charsetLabel, decodeBytes, type Decoded } from '../../text/encoding.js';

/** Browsers look for <meta charset> in the first 1024 bytes; CMS heads full of
 *  inline CSS push it further, so we read 4 KiB (still cheap). */
export const META_SNIFF_BYTES = 4096;

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i;
const HTTP_EQUIV = /<meta[^>]+http-equiv\s*=\s*["']?content-type["']?[^>]*>/i;
const CHARSET_PARAM = /charset\s*=\s*["']?\s*([\w:.-]+)/i;

/** The charset parameter of a Content-Type header value, or null. */
export function headerCharset(contentType: string | null | undefined): string | null {
  const m = contentType ? CHARSET_PARAM.exec(contentType) : null;
  return m ? m[1] : null;
}

/** The charset a page's own markup declares (steps 2–3), read as latin-1 so any bytes pass. */
export function metaCharset(bytes: Uint8Array): { label: string; via: 'meta-charset' | 'http-equiv' } | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SNIFF_BYTES)).toString(
    'latin1',
  );
  const equiv = HTTP_EQUIV.exec(head);
  const plain = META_CHARSET.exec(head);
  // <meta http-equiv content="text/html; charset=x"> also matches META_CHARSET; take the first in the page.
  if (equiv && (!plain || equiv.index <= plain.index)) {
    const m = CHARSET_PARAM.exec(equiv[0]);
    if (m) return { label: m[1], via: 'http-equiv' };
  }
  return plain ? { label: plain[1], via: 'meta-charset' } : null;
}

export interface HtmlDecodeOptions {
  /** File path or URL, for messages. */
  source: string;
  /** The HTTP Content-Type header, when the page was fetched (crawler, WARC). */
  contentType?: string | null;
}

export function decodeHtml(bytes: Uint8Array, opts: HtmlDecodeOptions): Decoded {
  const fromHeader = headerCharset(opts.contentType);
  const fromMeta = fromHeader ? null : metaCharset(bytes);
  const declared = charsetLabel(fromHeader ?? fromMeta?.label ?? null);
  const decoded = decodeBytes(bytes, { source: opts.source, declared });
  if (declared) {
    const via = fromHeader ? 'http-header' : fromMeta!.via;
    decoded.reasons.unshift(
      reason('html/charset-declared', 'note', `charset ${declared} declared by ${via}`, {
        evidence: { declared, via },
      }),
    );
  }
  return decoded;
}

/** Markup a page has near its start; a .html file without any of it is not a page. */
const HTML_MARKERS = /<(!doctype html|html|head|body|meta|title|div|p|article|section|table)[\s>/]/i;
/** Where to look for those markers: real pages show one within the first 4 KiB. */
const MARKER_SNIFF_CHARS = 4096;

export function looksLikeHtml(text: string): boolean {
  return HTML_MARKERS.test(text.slice(0, MARKER_SNIFF_CHARS));
}
