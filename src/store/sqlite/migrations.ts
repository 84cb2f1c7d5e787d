/**
 * The SQLite schema, as an ordered list of migration steps. A database
 * records the steps it has in `schema_version`; opening it applies the
 * missing ones in order, each in its own transaction, so a database made by
 * an older build is brought up to date and a crash mid-migration leaves it at
 * the last complete step. Steps are never edited once released: a change is
 * a new step at the end.
 *
 * Tables (as of the last step):
 *   docs      one row per document: the indexed columns (small rows, so
 *             joins from the search index are cheap). `n` is the rowid shared
 *             with the search index; `id` is the content hash (src/article),
 *             unique, so a document is stored once.
 *   doc_json  the whole `marsad.article/1` JSON of each document, by n.
 *   inputs    hash of each raw input already ingested → document id, so a
 *             re-run skips known inputs before paying for analysis.
 *   entities  entity mentions per document (kbId, name, type, counts).
 *   quotes    quotes per document, speaker resolved to kbId/name.
 *   events    events per document, participants resolved to kbIds/names.
 *   doc_fts   FTS5 index over OUR analyzer's terms (src/text/analyzer.ts):
 *             columns title and body hold space-joined terms, so FTS5's own
 *             tokenizer only splits on spaces and sees terms unchanged
 *             (unicode61 with remove_diacritics 0: terms carry no marks and
 *             are lower case already). Contentless: the terms are not stored
 *             twice; `contentless_delete=1` still allows deleting a row.
 */
import type Database from "better-sqlite3";
import { InputError } from "../../errors.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "documents, inputs, entities, quotes, events, search index",
    sql: `
      CREATE TABLE docs (
        n           INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        published   TEXT,
        day         TEXT,
        outlet      TEXT,
        section     TEXT,
        title       TEXT NOT NULL,
        url         TEXT,
        path        TEXT,
        ingested_at TEXT NOT NULL,
        doc         TEXT NOT NULL
      );
      CREATE INDEX docs_day ON docs(day);
      CREATE INDEX docs_outlet ON docs(outlet, day);
      CREATE INDEX docs_section ON docs(section, day);
      CREATE INDEX docs_url ON docs(url);

      CREATE TABLE inputs (
        hash   TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE entities (
        doc_n    INTEGER NOT NULL REFERENCES docs(n) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        kb_id    TEXT,
        name     TEXT NOT NULL,
        name_key TEXT NOT NULL,
        type     TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        salience REAL NOT NULL,
        PRIMARY KEY (doc_n, local_id)
      ) WITHOUT ROWID;
      CREATE INDEX entities_kb ON entities(kb_id, doc_n);
      CREATE INDEX entities_name ON entities(name_key, doc_n);

      CREATE TABLE quotes (
        doc_n         INTEGER NOT NULL REFERENCES docs(n) ON DELETE CASCADE,
        i             INTEGER NOT NULL,
        start         INTEGER NOT NULL,
        "end"         INTEGER NOT NULL,
        text          TEXT NOT NULL,
        speaker_kb_id TEXT,
        speaker_name  TEXT,
        cue           TEXT,
        direct        INTEGER NOT NULL,
        PRIMARY KEY (doc_n, i)
      ) WITHOUT ROWID;
      CREATE INDEX quotes_speaker ON quotes(speaker_kb_id);

      CREATE TABLE events (
        doc_n      INTEGER NOT NULL REFERENCES docs(n) ON DELETE CASCADE,
        i          INTEGER NOT NULL,
        type       TEXT NOT NULL,
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        trigger    TEXT NOT NULL,
        source     TEXT NOT NULL,
        target     TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (doc_n, i)
      ) WITHOUT ROWID;
      CREATE INDEX events_type ON events(type);

      CREATE VIRTUAL TABLE doc_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );
    `,
  },
  {
    version: 2,
    name: "document JSON in its own table, so joins and scans over docs stay small",
    // A docs row carried the whole JSON (kilobytes): a search joining a few
    // thousand matches to docs for filters read a page per match. The JSON
    // now lives in doc_json, keyed by the same n.
    sql: `
      CREATE TABLE doc_json (
        n   INTEGER PRIMARY KEY REFERENCES docs(n) ON DELETE CASCADE,
        doc TEXT NOT NULL
      );
      INSERT INTO doc_json(n, doc) SELECT n, doc FROM docs;
      ALTER TABLE docs DROP COLUMN doc;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The version a database is at (0 for a new, empty one). */
export function currentVersion(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!has) return 0;
  const row = db.prepare("SELECT max(version) AS v FROM schema_version").get() as { v: number | null };
  return row.v ?? 0;
}

/** Apply the missing steps; returns the final version. `location` is for messages. */
export function migrate(db: Database.Database, location: string): number {
  let version = currentVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new InputError(
      location,
      `database schema is version ${version}, newer than this marsad knows (${SCHEMA_VERSION}): upgrade marsad`,
    );
  }
  if (version === SCHEMA_VERSION) return version;
  const step = db.transaction((m: Migration) => {
    // Re-check inside the write lock: another process may have migrated meanwhile.
    if (currentVersion(db) >= m.version) return;
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
  });
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    step.immediate(m);
    version = m.version;
  }
  return version;
}
