/**
 * Every error leaves as JSON `{status, code, message}`: catalogue errors keep
 * their status, fastify's own (validation, body too large, wrong content type)
 * are mapped to the nearest catalogue code, anything else is a logged 500.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
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
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, code: 'KHB_BAD_INPUT', message: fe.message };
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
