/**
 * 001: the first schema. Raw documents keep their decoded bytes so a later
 * cleaner can re-run; articles keep the clean text as written, and the FTS
 * table indexes `normalize(text)` (see src/store/search/).
 */
export const name = 'initial';

export const sql = `
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  site        TEXT NOT NULL UNIQUE,
  first_seen  TEXT NOT NULL
);

CREATE TABLE documents (
  id          TEXT PRIMARY KEY,
  source_id   INTEGER REFERENCES sources(id),
  origin      TEXT NOT NULL,
  url         TEXT,
  raw_kind    TEXT NOT NULL CHECK (raw_kind IN ('text', 'html')),
  encoding    TEXT,
  raw         BLOB NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  run_id      TEXT,
  ingested_at TEXT NOT NULL
);

CREATE TABLE articles (
  rowid            INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE REFERENCES documents(id),
  status           TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'rejected')),
  site             TEXT,
  url              TEXT,
  title            TEXT,
  dateline         TEXT,
  published        TEXT,
  author           TEXT,
  lang             TEXT,
  text             TEXT NOT NULL,
  rejected_rule    TEXT,
  rejected_message TEXT,
  dup_group        TEXT,
  duplicate_of     TEXT,
  similarity       REAL,
  event_id         TEXT,
  story_id         TEXT,
  event_date       TEXT,
  why              TEXT,
  trace            TEXT NOT NULL DEFAULT '[]',
  meta             TEXT NOT NULL DEFAULT '{}',
  created_at       TEXT NOT NULL
);
CREATE INDEX articles_event ON articles(event_id);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_group ON articles(dup_group);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_status ON articles(status);

CREATE TABLE removed_lines (
  article_id TEXT NOT NULL REFERENCES articles(id),
  seq        INTEGER NOT NULL,
  line       INTEGER,
  text       TEXT NOT NULL,
  reason     TEXT NOT NULL,
  PRIMARY KEY (article_id, seq)
);
CREATE INDEX removed_reason ON removed_lines(reason);

CREATE TABLE dup_groups (
  id             TEXT PRIMARY KEY,
  canonical_id   TEXT NOT NULL,
  size           INTEGER NOT NULL,
  min_similarity REAL
);

CREATE TABLE stories (
  id         TEXT PRIMARY KEY,
  title      TEXT,
  first_date TEXT,
  last_date  TEXT,
  events     INTEGER NOT NULL,
  articles   INTEGER NOT NULL,
  sources    INTEGER NOT NULL
);
CREATE INDEX stories_last ON stories(last_date DESC, id DESC);

CREATE TABLE events (
  id         TEXT PRIMARY KEY,
  story_id   TEXT,
  date       TEXT,
  title      TEXT,
  articles   INTEGER NOT NULL,
  sources    INTEGER NOT NULL,
  first_published TEXT,
  last_published  TEXT
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE entities (
  key  TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE article_entities (
  article_id TEXT NOT NULL REFERENCES articles(id),
  entity_key TEXT NOT NULL REFERENCES entities(key),
  count      INTEGER NOT NULL,
  surface    TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (article_id, entity_key)
);
CREATE INDEX article_entities_key ON article_entities(entity_key);

CREATE TABLE state (
  key        TEXT PRIMARY KEY,
  value      BLOB NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE runs (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  inputs      TEXT NOT NULL,
  stats       TEXT
);

-- Normalized title and body (normalize(…, ARABIC_MATCH)); rowid = articles.rowid.
-- Marks stay inside tokens (Mn, Mc), as in src/text/tokenize.ts.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body,
  tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mn Mc'"
);
-- ORDER BY rank uses bm25 with a title match worth four body matches.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
`;
