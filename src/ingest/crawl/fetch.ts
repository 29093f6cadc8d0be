/**
 * One polite HTTP GET with Node's fetch (undici): a clear User-Agent, conditional
 * headers (ETag / Last-Modified), a timeout covering headers *and* body, a byte
 * cap counted on the decoded stream (so a gzip bomb stops at the cap like a
 * 100 MB page does), manual redirects with a hop limit and loop check, and
 * retries with exponential backoff on 429/5xx and network errors (Retry-After
 * honoured up to a ceiling). Other statuses come back to the caller to judge.
 */
import { isIP } from 'node:net';
import { Agent, fetch, type Dispatcher } from 'undici';
import { khabarError, KhabarError } from '../../core/errors.js';
import { checkAddress, guardedLookup, isPublicAddress, type AddressCheck } from './guard.js';

export interface FetchPolicy {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  backoffMs: number;
}

/** khabar's defaults. A news page is < 2 MB (types.ts MAX_DOCUMENT_BYTES is 8 MiB, the same cap);
 *  20 s covers slow Arab-region hosts; 5 hops is what browsers' SEO guidance allows before
 *  calling it a chain; 3 retries from 1 s reach 7 s of backoff, enough for a rate limiter's window. */
export const DEFAULT_POLICY: FetchPolicy = {
  userAgent: 'khabar/0.1 (+https://github.com/khabar/khabar; Arabic news research crawler)',
  timeoutMs: 20_000,
  maxBytes: 8 * 2 ** 20,
  maxRedirects: 5,
  retries: 3,
  backoffMs: 1000,
};
/** A Retry-After longer than this is not waited for: the URL fails and the crawl goes on. */
export const MAX_RETRY_AFTER_MS = 60_000;

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
  /** Every URL requested, in order (the first is the one asked for). */
  chain: string[];
  attempts: number;
}

export interface FetchHooks {
  /** Runs each request (each hop, each retry) under the host's politeness gate. */
  gate: <T>(url: string, fn: () => Promise<T>) => Promise<T>;
  /** Asked before each redirect hop; throw to refuse it (robots, already fetched, off-site). */
  beforeHop?: (url: string) => void | Promise<void>;
  /** Where requests may connect (src/ingest/crawl/guard.ts); see `connector`. */
  net?: Connector;
}

/** An HTTP connection pool whose sockets connect only to addresses `allowed` accepts (null: any). */
export interface Connector {
  allowed: AddressCheck | null;
  dispatcher: Dispatcher;
}

/** Public addresses only, unless `allowPrivate` (crawling a local or intranet site on purpose). */
export function connector(allowPrivate: boolean, allowed: AddressCheck = isPublicAddress): Connector {
  const check = allowPrivate ? null : allowed;
  return {
    allowed: check,
    dispatcher: new Agent(check ? { connect: { lookup: guardedLookup(check) } } : {}),
  };
}

/** Without a connector of its own, a request goes to public addresses only. */
const GUARDED = connector(false);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readCapped(res: Response, url: string, max: number, ac: AbortController): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max && !res.headers.get('content-encoding')) {
    ac.abort();
    throw khabarError('KHB_TOO_LARGE', url, declared, max);
  }
  const chunks: Uint8Array[] = [];
  let n = 0;
  if (!res.body) return new Uint8Array();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.byteLength;
    if (n > max) {
      ac.abort();
      throw khabarError('KHB_TOO_LARGE', url, n, max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function once(url: string, policy: FetchPolicy, v: Validators | undefined, net: Connector) {
  // an IP literal is never looked up: checked here; a name is checked as it resolves (guard.ts)
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (net.allowed && isIP(host)) checkAddress(url, host, net.allowed);
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new Error(`timed out after ${policy.timeoutMs} ms`)), policy.timeoutMs);
  try {
    const headers: Record<string, string> = {
      'user-agent': policy.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.5',
      'accept-language': 'ar,en;q=0.5',
    };
    if (v?.etag) headers['if-none-match'] = v.etag;
    if (v?.lastModified) headers['if-modified-since'] = v.lastModified;
    const res = (await fetch(url, {
      headers,
      redirect: 'manual',
      signal: ac.signal,
      dispatcher: net.dispatcher,
    })) as unknown as Response;
    const redirect = res.status >= 300 && res.status < 400 && res.status !== 304;
    const bytes = redirect || res.status === 304 ? new Uint8Array() : await readCapped(res, url, policy.maxBytes, ac);
    if (redirect) await res.body?.cancel().catch(() => {});
    return { res, bytes };
  } catch (e) {
    if (e instanceof KhabarError) throw e;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof KhabarError) throw cause;
    const why = ac.signal.aborted ? String((ac.signal.reason as Error)?.message ?? 'aborted') : (e as Error).message;
    throw khabarError('KHB_FETCH_FAILED', url, why);
  } finally {
    clearTimeout(timer);
  }
}

const retriable = (status: number) => status === 429 || status >= 500;

export async function fetchPolite(
  start: string,
  policy: FetchPolicy,
  hooks: FetchHooks,
  validators?: Validators,
): Promise<Fetched> {
  const chain = [start];
  let url = start;
  let attempts = 0;
  for (;;) {
    let got: Awaited<ReturnType<typeof once>> | undefined;
    for (let attempt = 0; ; attempt++) {
      attempts++;
      let wait = policy.backoffMs * 2 ** attempt;
      try {
        got = await hooks.gate(url, () =>
          once(url, policy, url === start ? validators : undefined, hooks.net ?? GUARDED),
        );
        if (!retriable(got.res.status) || attempt >= policy.retries) break;
        const after = Number(got.res.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) wait = Math.max(wait, after * 1000);
        if (wait > MAX_RETRY_AFTER_MS) break;
      } catch (e) {
        const code = e instanceof KhabarError ? e.code : null;
        if (code !== 'KHB_FETCH_FAILED' || attempt >= policy.retries) throw e;
      }
      await sleep(wait);
    }
    const { res, bytes } = got!;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      const next = new URL(location, url).href;
      if (chain.length > policy.maxRedirects || chain.includes(next))
        throw khabarError('KHB_TOO_MANY_REDIRECTS', start, policy.maxRedirects);
      await hooks.beforeHop?.(next);
      chain.push(next);
      url = next;
      continue;
    }
    return { url, status: res.status, headers: Object.fromEntries(res.headers), bytes, chain, attempts };
  }
}
