/**
 * What the crawler may connect to (SSRF). A site's page, robots.txt Sitemap: line or
 * redirect can name any URL; left alone, a crawl run inside a network fetches its
 * metadata service (169.254.169.254), its admin pages (10.x, 192.168.x) or loopback.
 * Two checks:
 *   1. the address: after DNS resolution (at connect time, so a name that resolves to a
 *      public address when checked and a private one when used cannot slip through) and
 *      for IP literals before the request, on every hop: loopback, private, link-local,
 *      shared (CGNAT), multicast and reserved ranges are refused unless --allow-private;
 *   2. the host: sitemaps, feeds and redirects stay on the site's host and its
 *      subdomains (www. stripped), unless the host is in --allow-host.
 */
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { khabarError } from '../../core/errors.js';

/** IANA special-purpose ranges (RFC 6890 and its updates) that are not the public internet. */
const V4 = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, CGNAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
] as const;
const V6 = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const;

const BLOCKED = new BlockList();
for (const [net, bits] of V4) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of V6) BLOCKED.addSubnet(net, bits, 'ipv6');

/** The IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedV4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1];
  const words = expand(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return v4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0))
    return v4(words[6], words[7]);
  if (words[0] === 0x2002) return v4(words[1], words[2]);
  return null;
}

/** Eight 16-bit words of an IPv6 address (no embedded dotted quad), or null. */
function expand(ip: string): number[] | null {
  if (ip.includes('.')) return null;
  const [head, tail] = ip.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const words = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h;
  return words.length === 8 && words.every((w) => Number.isInteger(w)) ? words : null;
}

/** True for an address on the public internet; false for loopback, private, link-local, multicast, reserved. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !BLOCKED.check(ip, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedV4(ip);
  if (v4 !== null) return isPublicAddress(v4);
  return !BLOCKED.check(ip, 'ipv6');
}

export type AddressCheck = (ip: string) => boolean;

/** Throws KHB_PRIVATE_ADDRESS for a refused address. */
export function checkAddress(url: string, ip: string, allowed: AddressCheck): void {
  if (!allowed(ip)) throw khabarError('KHB_PRIVATE_ADDRESS', url, ip);
}

/**
 * A `lookup` for net.connect (undici's connector) that refuses a name resolving to any
 * refused address: the check is on the addresses the socket will use, not on an earlier answer.
 */
export function guardedLookup(allowed: AddressCheck): LookupFunction {
  return (host, options, cb) => {
    dnsLookup(host, { ...options, all: true }, (err, addrs) => {
      if (err) return cb(err, '');
      const bad = addrs.find((a) => !allowed(a.address));
      if (bad) return cb(khabarError('KHB_PRIVATE_ADDRESS', host, bad.address) as unknown as NodeJS.ErrnoException, '');
      if (options.all) return cb(null, addrs);
      cb(null, addrs[0].address, addrs[0].family);
      return undefined;
    });
  };
}

/** The site's scope: its host without www., which the host and its subdomains match. */
export function siteScope(siteUrl: string): string {
  return new URL(siteUrl).hostname.toLowerCase().replace(/^www\./, '');
}

/** True when `url` is on the scope's host or a subdomain of it, or on an allowed host. */
export function inScope(url: string, scope: string, allowHosts: readonly string[] = []): boolean {
  const host = new URL(url).hostname.toLowerCase();
  if (host === scope || host.endsWith(`.${scope}`)) return true;
  return allowHosts.some((h) => {
    const a = h.toLowerCase().replace(/^www\./, '');
    return host === a || host.endsWith(`.${a}`);
  });
}
