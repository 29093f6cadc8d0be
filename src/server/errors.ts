/**
 * Every error leaves as JSON `{status, code, message}`: catalogue errors keep
 * their status, fastify's own (validation, body too large, wrong content type)
 * are mapped to the nearest catalogue code, anything else is a logged 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { KhabarError } from '../core/errors.js';

export interface ErrorBody {
  status: number;
  code: string;
  message: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'KHB_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'KHB_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'KHB_BAD_INPUT' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'KHB_BAD_INPUT' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'KHB_BAD_INPUT' },
};

export function toErrorBody(e: FastifyError | KhabarError | Error): ErrorBody {
  if (e instanceof KhabarError) return { status: e.status, code: e.code, message: e.message };
  const fe = e as FastifyError;
  if (fe.validation) return { status: 400, code: 'KHB_BAD_INPUT', message: `bad input: ${fe.message}` };
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return { ...mapped, message: fe.message };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 414 || fe.statusCode === 431 ? 'KHB_TOO_LARGE' : 'KHB_BAD_INPUT';
    // fastify's message quotes the whole URL: a 414's would be as long as the URL
    return {
      status: fe.statusCode,
      code,
      message: fe.message.length > 300 ? `${fe.message.slice(0, 300)}…` : fe.message,
    };
  }
  return { status: 500, code: 'KHB_INTERNAL', message: 'internal error (logged on the server)' };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((e: FastifyError, req, reply) => {
    const body = toErrorBody(e);
    if (body.status >= 500) req.log.error({ err: e }, 'request failed');
    else req.log.info({ code: body.code, msg: body.message }, 'request refused');
    return reply.status(body.status).type('application/json').send(body);
  });
}

/** Errors fastify raises before a route runs (a malformed URL, an unsupported method). */
export function frameworkErrors(e: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const body = toErrorBody(e);
  void reply.status(body.status).type('application/json').send(body);
}

const REASONS: Record<number, string> = {
  400: 'bad request',
  408: 'request timeout',
  413: 'request too large',
  414: 'URI too long',
  431: 'request header fields too large',
};

/** Errors Node's HTTP parser raises (a URL or headers over the limit): answered on the socket. */
export function clientErrorHandler(e: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status =
    e.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : e.code === 'HPE_URI_TOO_LONG'
        ? 414
        : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  const body = JSON.stringify({
    status,
    code: status === 400 ? 'KHB_BAD_INPUT' : status === 408 ? 'KHB_TIMEOUT' : 'KHB_TOO_LARGE',
    message: REASONS[status] ?? 'bad request',
  });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
