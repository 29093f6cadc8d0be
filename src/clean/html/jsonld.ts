/**
 * JSON-LD article metadata. Yoast (WordPress), Rank Math, Drupal's schema.org
 * module and AMP pages put a NewsArticle (or Article, BlogPosting, ReportageNewsArticle)
 * in `<script type="application/ld+json">`, often inside an `@graph` next to
 * WebPage and Organization nodes. A broken block is skipped, never fatal.
 */
type Doc = ReturnType<typeof import('linkedom').parseHTML>['document'];

export interface LdArticle {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|WebPage)$/;

type Node = Record<string, unknown>;

function nodes(v: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(v)) for (const x of v) nodes(x, out);
  else if (v && typeof v === 'object') {
    out.push(v as Node);
    if ('@graph' in (v as Node)) nodes((v as Node)['@graph'], out);
  }
  return out;
}

const typeOf = (n: Node): string[] => [n['@type']].flat().filter((t): t is string => typeof t === 'string');
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** A person or organization's name: "x", {name: "x"}, or [{name: "x"}, …] (the first). */
function nameOf(v: unknown): string | null {
  if (Array.isArray(v)) return nameOf(v[0]);
  if (typeof v === 'string') return str(v);
  if (v && typeof v === 'object') return str((v as Node).name);
  return null;
}

export function jsonLdArticle(doc: Doc): LdArticle {
  const all: Node[] = [];
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      nodes(JSON.parse(s.textContent ?? ''), all);
    } catch {
      /* a broken block (trailing comma, HTML entity) is skipped */
    }
  }
  // An article node beats a WebPage node: sort WebPage last.
  const arts = all
    .filter((n) => typeOf(n).some((t) => ARTICLE_TYPES.test(t)))
    .sort((a, b) => Number(typeOf(a).includes('WebPage')) - Number(typeOf(b).includes('WebPage')));
  const a = arts[0] ?? {};
  const org = all.find((n) => typeOf(n).some((t) => t === 'Organization' || t === 'NewsMediaOrganization'));
  return {
    headline: str(a.headline) ?? str(a.name),
    datePublished: str(a.datePublished),
    dateModified: str(a.dateModified),
    author: nameOf(a.author),
    publisher: nameOf(a.publisher) ?? nameOf(org),
    url: str(a.url) ?? str(a.mainEntityOfPage) ?? nameOf(a.mainEntityOfPage && (a.mainEntityOfPage as Node)['@id']),
  };
}
