/**
 * The API routes. Each validates its input with a schema from ./schemas.ts and
 * answers from the Store; an unknown id is KHB_NOT_FOUND (404).
 */
import type { FastifyInstance } from 'fastify';
import { khabarError } from '../core/errors.js';
import type { Store, StoryQuery } from '../store/store.js';
import type { IngestService } from './ingest.js';
import * as S from './schemas.js';

type IdParams = { Params: { id: string } };

function found<T>(value: T | null, what: string): T {
  if (value === null) throw khabarError('KHB_NOT_FOUND', what);
  return value;
}

export function registerRoutes(app: FastifyInstance, store: Store, ingest: IngestService): void {
  app.get('/healthz', { schema: S.health }, async () => {
    await store.stats();
    return { ok: true, db: store.kind };
  });

  app.get<{ Querystring: StoryQuery }>('/api/stories', { schema: S.listStories }, async (req) => {
    const { from, to } = req.query;
    if (from && to && from > to) throw khabarError('KHB_BAD_INPUT', `from (${from}) is after to (${to})`);
    return store.listStories(req.query);
  });

  app.get<IdParams>('/api/stories/:id', { schema: S.getStory }, async (req) =>
    found(await store.getStory(req.params.id), `story ${req.params.id}`),
  );

  app.get<IdParams>('/api/events/:id', { schema: S.getEvent }, async (req) =>
    found(await store.getEvent(req.params.id), `event ${req.params.id}`),
  );

  app.get<IdParams>('/api/articles/:id', { schema: S.getArticle }, async (req) =>
    found(await store.getArticle(req.params.id), `article ${req.params.id}`),
  );

  app.get<{ Querystring: { q: string; limit?: number } }>('/api/search', { schema: S.search }, async (req) =>
    store.search(req.query.q, { limit: req.query.limit }),
  );

  app.get('/api/stats', { schema: S.stats }, async () => store.stats());

  app.post<{ Body: Record<string, unknown> }>('/api/articles', { schema: S.postArticle }, async (req, reply) => {
    const r = await ingest.ingest(req.body);
    return reply.status(r.outcome.status === 'unchanged' ? 200 : 201).send(r);
  });
}
