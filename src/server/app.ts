/**
 * The HTTP app: fastify with pino logs, JSON-schema validation on every route,
 * OpenAPI at /api/docs, the API under /api, and the web UI (web/dist) at /.
 * Built without listening so tests use `app.inject`.
 */
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.js';
import { installErrorHandlers } from './errors.js';
import { IngestService } from './ingest.js';
import { registerRoutes } from './routes.js';
import { MAX_BODY_BYTES } from './schemas.js';

export interface AppOptions {
  store: Store;
  /** pino options, or false in tests. */
  logger?: FastifyServerOptions['logger'];
  /** The built web UI; defaults to <repo>/web/dist. Missing = API only. */
  webRoot?: string | null;
}

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

  const ingest = new IngestService(opts.store);
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
