/**
 * The HTTP app: fastify with pino logs, JSON-schema validation on every route,
 * OpenAPI at /api/docs, the API under /api, and the web UI (web/dist) at /.
 * Built without listening so tests use `app.inject`.
 */
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.js';
import { clientErrorHandler, frameworkErrors, installErrorHandlers } from './errors.js';
import { requireToken } from './auth.js';
import { IngestService } from './ingest.js';
import { registerRoutes } from './routes.js';
import { MAX_BODY_BYTES } from './schemas.js';

export interface AppOptions {
  store: Store;
  /** pino options, or false in tests. */
  logger?: FastifyServerOptions['logger'];
  /** The built web UI; defaults to <repo>/web/dist. Missing = API only. */
  webRoot?: string | null;
  /** A bearer token the write routes require (`serve --token`); null: no auth (loopback). */
  token?: string | null;
  /** Refuse writes outright (bound beyond loopback without a token). */
  readOnly?: boolean;
  /** Options for POST /api/articles (tests: a short lock wait, a small cleaning budget). */
  ingest?: ConstructorParameters<typeof IngestService>[1];
}

/**
 * Security headers (helmet). The UI is one module script and one stylesheet from this
 * origin, fonts from this origin; Preact sets style properties (allowed), swagger-ui at
 * /api/docs loads its own scripts and inline styles from this origin.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: 'info' },
    bodyLimit: MAX_BODY_BYTES,
    // ids are validated by schema (maxLength 256), so the router must let them through
    routerOptions: { maxParamLength: 1024 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    // khabar's {status, code, message} for what fails before routing: a bad URL, 414, 431
    frameworkErrors,
    clientErrorHandler,
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  // JSON only: a text/plain body is a wrong content type (415), not a string to validate
  app.removeContentTypeParser('text/plain');
  installErrorHandlers(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'khabar', version: '0.1.0', description: 'Clean, deduplicated Arabic news grouped into stories.' },
      tags: ['stories', 'articles', 'search', 'stats', 'health'].map((name) => ({ name })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const ingest = new IngestService(opts.store, opts.ingest);
  app.addHook('onRequest', requireToken(opts.token ?? null, opts.readOnly ?? false));
  registerRoutes(app, opts.store, ingest);
  app.addHook('onClose', async () => ingest.close());

  const webRoot = opts.webRoot === undefined ? join(repoRoot(), 'web', 'dist') : opts.webRoot;
  const hasWeb = !!webRoot && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot!, prefix: '/', wildcard: false, index: 'index.html' });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // the UI routes in the fragment (#/story/…); any other page path gets the app shell
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api/') && !/\.\w+$/.test(path))
      return reply.sendFile('index.html');
    return reply.status(404).send({ status: 404, code: 'KHB_NOT_FOUND', message: `${req.method} ${path} not found` });
  });
  return app;
}
