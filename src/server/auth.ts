/**
 * Write routes (POST, PUT, PATCH, DELETE) and who may call them. On loopback (the default
 * bind) anyone on the machine may; `serve --host 0.0.0.0` opens the API to the network, so
 * there writes need `--token` (sent as `Authorization: Bearer <token>`), and without one
 * they are refused (and `serve` says so when it starts). Reads stay open.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { khabarError } from '../core/errors.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for a loopback interface name or address (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireToken(token: string | null, readOnly: boolean) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!WRITES.has(req.method)) return;
    if (readOnly)
      throw khabarError('KHB_UNAUTHORIZED', 'this server listens beyond loopback without --token: writes are off');
    if (token === null) return;
    const got = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!got || !same(got, token)) throw khabarError('KHB_UNAUTHORIZED', 'send Authorization: Bearer <token>');
  };
}
