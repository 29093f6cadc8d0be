/**
 * A content element → text lines, one paragraph or heading per line. Block
 * elements and <br> end a line; inline elements join into it. Blogger and old
 * custom CMSs write the body as one <div> of text separated by <br><br>, so
 * <br> counts as a block boundary too. Photo captions and embedded media are
 * not body text ("صورة أرشيفية لمبنى البرلمان العراقي" stays out).
 */
type Doc = ReturnType<typeof import('linkedom').parseHTML>['document'];
type El = NonNullable<ReturnType<Doc['querySelector']>>;
type N = El['childNodes'][number];

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'THEAD',
  'TR',
  'UL',
  'BR',
  'CENTER',
  'DETAILS',
  'SUMMARY',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'FIGCAPTION',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'AMP-IMG',
  'SVG',
  'IFRAME',
  'BUTTON',
  'SELECT',
]);

/** Inline elements that sit side by side without whitespace in post-meta rows
 *  (Drupal: <span>سالم الحارثي</span><span>2021-07-26</span>) and table cells: a space
 *  between them. Not <a>/<b>: "<a>الكاظمي</a>،" must keep its comma attached. */
const SPACED = new Set(['TD', 'TH', 'SPAN', 'TIME', 'ABBR', 'LABEL']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** One text line of the content with the share of its letters that sat inside links:
 *  a related-headline or menu line is all link (1), a body paragraph with a link or two under 0.3. */
export interface Block {
  text: string;
  linkShare: number;
}

/** Text lines of an element, in document order, whitespace collapsed, empty lines dropped. */
export function blockLines(root: El): string[] {
  return blocks(root).map((b) => b.text);
}

/** blockLines with each line's link share (the cleaner's evidence that a line is a link). */
export function blocks(root: El): Block[] {
  const out: Block[] = [];
  let buf = '';
  let linked = 0;
  let inLink = 0;
  const flush = () => {
    const t = buf.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t !== '') {
      const total = buf.replace(/[\s\u00a0]+/g, '').length;
      out.push({ text: t, linkShare: total > 0 ? Math.min(1, linked / total) : 0 });
    }
    buf = '';
    linked = 0;
  };
  const visit = (node: N) => {
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      buf += t;
      if (inLink > 0) linked += t.replace(/[\s\u00a0]+/g, '').length;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as unknown as El;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    else if (SPACED.has(tag)) buf += ' ';
    const link = tag === 'A';
    if (link) inLink++;
    for (const c of el.childNodes) visit(c);
    if (link) inLink--;
    if (block) flush();
  };
  visit(root as unknown as N);
  flush();
  return out;
}
