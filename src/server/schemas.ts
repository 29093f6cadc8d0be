/**
 * JSON schemas for every route: fastify validates requests with them (ajv) and
 * @fastify/swagger turns them into the OpenAPI document at /api/docs.
 * Response bodies are described, not filtered (additionalProperties: true), so
 * the serializer never silently drops a field.
 */
import { MAX_QUERY_CHARS } from '../store/search/query.js';

/** POST bodies above this are refused with 413: one article page, not a dump. */
export const MAX_BODY_BYTES = 2 * 2 ** 20;

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 256 } },
} as const;

const date = { type: 'string', format: 'date' } as const;
const limit = (max: number, dflt: number) => ({ type: 'integer', minimum: 1, maximum: max, default: dflt }) as const;

export const errorBody = {
  type: 'object',
  description: 'every error: an HTTP status, a stable code and a sentence',
  required: ['status', 'code', 'message'],
  properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
} as const;

const described = (description: string) => ({ type: 'object', description, additionalProperties: true }) as const;
const errors = { 400: errorBody, 404: errorBody, 413: errorBody, 415: errorBody, 500: errorBody };

export const listStories = {
  tags: ['stories'],
  summary: 'stories, newest first, with counts of events, articles and sources',
  querystring: {
    type: 'object',
    properties: {
      from: date,
      to: date,
      q: { type: 'string', minLength: 1, maxLength: MAX_QUERY_CHARS },
      limit: limit(100, 20),
      cursor: { type: 'string', maxLength: 512 },
    },
    additionalProperties: false,
  },
  response: { 200: described('{items: StorySummary[], nextCursor}'), 400: errorBody },
} as const;

export const getStory = {
  tags: ['stories'],
  summary: 'a story: its events (with their articles), entities and timeline',
  params: idParam,
  response: { 200: described('StoryDetail'), ...errors },
} as const;

export const getEvent = {
  tags: ['stories'],
  summary: 'an event: its articles and entities',
  params: idParam,
  response: { 200: described('EventDetail'), ...errors },
} as const;

export const getArticle = {
  tags: ['articles'],
  summary: 'an article: clean text, removed lines with reasons, duplicates, why it joined its event',
  params: idParam,
  response: { 200: described('ArticleDetail'), ...errors },
} as const;

export const search = {
  tags: ['search'],
  summary: 'full-text search: words, "a phrase", a OR b, prefix*, -exclude; Arabic spelling variants match',
  querystring: {
    type: 'object',
    required: ['q'],
    properties: { q: { type: 'string', minLength: 1, maxLength: MAX_QUERY_CHARS }, limit: limit(100, 20) },
    additionalProperties: false,
  },
  response: { 200: described('{query, match, hits: SearchHit[], tookMs}'), 400: errorBody },
} as const;

export const stats = {
  tags: ['stats'],
  summary: 'counts, articles per day and per source, rejections and removed lines by rule',
  response: { 200: described('StatsReport') },
} as const;

export const postArticle = {
  tags: ['articles'],
  summary: 'ingest one document through the pipeline (clean, dedup, cluster, store)',
  body: {
    type: 'object',
    properties: {
      text: { type: 'string', minLength: 1 },
      html: { type: 'string', minLength: 1 },
      url: { type: 'string', format: 'uri', maxLength: 2048 },
      published: date,
      site: { type: 'string', minLength: 1, maxLength: 200 },
      title: { type: 'string', maxLength: 1000 },
      id: { type: 'string', minLength: 1, maxLength: 200 },
    },
    anyOf: [{ required: ['text'] }, { required: ['html'] }],
    additionalProperties: false,
  },
  response: { 200: described('already stored: {outcome, article}'), 201: described('{outcome, article}'), ...errors },
} as const;

export const health = {
  tags: ['health'],
  summary: 'liveness: the process is up and the database answers',
  response: { 200: described('{ok: true, db}') },
} as const;
