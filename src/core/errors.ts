/**
 * The error catalogue: every error khabar reports has a code, a message template
 * and an HTTP status kept together (orama, fastify). Use `khabarError(code, ...args)`.
 */
export const ERRORS = {
  KHB_FILE_UNREADABLE: { status: 400, message: (path: string, why: string) => `cannot read ${path}: ${why}` },
  KHB_BINARY: { status: 415, message: (path: string) => `${path} looks like a binary file, not text` },
  KHB_ENCODING_UNKNOWN: {
    status: 415,
    message: (path: string, why = 'no supported encoding decodes it cleanly') => `unknown encoding in ${path}: ${why}`,
  },
  KHB_EMPTY: { status: 422, message: (path: string) => `${path} is empty` },
  KHB_TOO_LARGE: {
    status: 413,
    message: (path: string, bytes: number, max: number) => `${path} is ${bytes} bytes, above the limit of ${max}`,
  },
  KHB_JSONL_MALFORMED: {
    status: 400,
    message: (path: string, line: number, why: string) => `${path}:${line}: malformed JSON line (${why})`,
  },
  KHB_JSONL_NO_TEXT: {
    status: 400,
    message: (path: string, line: number) => `${path}:${line}: object has no "text" (or "html") string`,
  },
  KHB_JSONL_NO_ID: {
    status: 400,
    message: (path: string, line: number) => `${path}:${line}: object has no "id" (string or number)`,
  },
  KHB_NOT_FOUND: { status: 404, message: (what: string) => `${what} not found` },
  KHB_BAD_QUERY: { status: 400, message: (why: string) => `bad query: ${why}` },
  KHB_BAD_INPUT: { status: 400, message: (why: string) => `bad input: ${why}` },
  // Web ingest (HTML pages, WARC, feeds, the crawler): every one names the URL or file.
  KHB_NOT_HTML: {
    status: 415,
    message: (source: string, what: string) => `${source} is not an HTML page (${what})`,
  },
  KHB_FETCH_FAILED: { status: 502, message: (url: string, why: string) => `fetching ${url} failed: ${why}` },
  KHB_ROBOTS_DISALLOWED: { status: 403, message: (url: string) => `${url} is disallowed by robots.txt` },
  KHB_FEED_MALFORMED: {
    status: 422,
    message: (url: string, why: string) => `malformed feed or sitemap ${url}: ${why}`,
  },
  KHB_TOO_MANY_REDIRECTS: {
    status: 508,
    message: (url: string, max: number) => `${url} redirects more than ${max} times (or loops)`,
  },
  KHB_PRIVATE_ADDRESS: {
    status: 403,
    message: (url: string, ip: string) =>
      `${url} resolves to ${ip}, a loopback, private, link-local or multicast address (--allow-private to crawl it)`,
  },
  KHB_OFF_SITE: {
    status: 403,
    message: (url: string, site: string) => `${url} is not on ${site} or its subdomains (--allow-host to follow it)`,
  },
  KHB_LOCKED: {
    status: 503,
    message: (db: string, holder: string) => `${db} is in use by another run (${holder}); try again when it ends`,
  },
  KHB_TIMEOUT: { status: 503, message: (what: string, ms: number) => `${what} took longer than ${ms} ms` },
  KHB_UNAUTHORIZED: { status: 401, message: (why: string) => `unauthorized: ${why}` },
  KHB_WARC_MALFORMED: { status: 422, message: (path: string, why: string) => `malformed WARC ${path}: ${why}` },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class KhabarError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'KhabarError';
  }
}

export function khabarError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof ERRORS)[C]['message']>
): KhabarError {
  const entry = ERRORS[code];
  const render = entry.message as (...a: unknown[]) => string;
  return new KhabarError(code, render(...args), entry.status);
}
