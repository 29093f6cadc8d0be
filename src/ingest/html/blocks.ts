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

/** Text lines of an element, in document order, whitespace collapsed, empty lines dropped. */
export function blockLines(root: El): string[] {
  const lines: string[] = [];
  let buf = '';
  const flush = () => {
    const t = buf.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t !== '') lines.push(t);
    buf = '';
  };
  const visit = (node: N) => {
    if (node.nodeType === TEXT_NODE) {
      buf += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as unknown as El;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    else if (SPACED.has(tag)) buf += ' ';
    for (const c of el.childNodes) visit(c);
    if (block) flush();
  };
  visit(root as unknown as N);
  flush();
  return lines;
}
