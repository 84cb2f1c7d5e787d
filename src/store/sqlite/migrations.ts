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
 * Version 3 (corpus queries, stories, outlets, event modes):
 *   docs.outlet_key  the outlet's key (src/store/keys.ts outletKey), so
 *             --outlet "Jawhara FM" finds "jawharafm"
 *   doc_story the story (near-duplicate cluster) each document is filed
 *             under — the n of its first document (src/corpus/near-dup.ts) —
 *             with the day its copies are looked for around
 *   doc_sig   MinHash signature per document (128 uint32, little-endian)
 *   doc_bands its LSH bands (band hash, n): candidate copies by index
 *   entity_aliases  alias key → entity, for lookups by plain name
 *   quote_about     quote → keys of the entities it names; quotes.speaker_key
 *   event_actors    event → participant keys by side ('s' source, 't' target);
 *             events.negated and events.mode ('asserted' unless the event
 *             stage said otherwise)
 *   Documents stored before version 3 get all of these from their stored
 *   JSON when the database is opened (fillVersion3, one transaction).
 * Version 4 (knowledge base):
 *   kb        knowledge-base rows learned from ingested articles and
 *             imported by the user (src/kb/rows.ts KbRow; src/store/kb.ts),
 *             one per (kb_id, alias, source). The seed stays in models/kb.
 *             Documents stored before version 4 taught nothing stored: the
 *             KB learns from articles ingested from now on.
 */
import type Database from "better-sqlite3";
import { derivedRows } from "../../corpus/rows.js";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";
import { outletKey } from "../keys.js";
import { SqliteDerived } from "./derived.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rows computed in JavaScript for what the step added (run after `sql`, in the same transaction). */
  fill?: (db: Database.Database) => void;
}

/** Documents read per page while filling version 3. */
const FILL_PAGE = 256;

/** Version 3's columns and tables for the documents already stored, from their JSON. */
function fillVersion3(db: Database.Database): void {
  const derived = new SqliteDerived(db);
  const setOutlet = db.prepare("UPDATE docs SET outlet_key = ? WHERE outlet = ?");
  for (const { outlet } of db.prepare("SELECT DISTINCT outlet FROM docs WHERE outlet IS NOT NULL").all() as Array<{ outlet: string }>) {
    setOutlet.run(outletKey(outlet), outlet);
  }
  derived.speakerKeys();
  const setEvent = db.prepare("UPDATE events SET negated = ?, mode = ? WHERE doc_n = ? AND i = ?");
  const events = db.prepare("SELECT i, source, target FROM events WHERE doc_n = ? ORDER BY i");
  const page = db.prepare(
    "SELECT d.n AS n, d.day AS day, j.doc AS doc FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.n > ? ORDER BY d.n LIMIT ?",
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after, FILL_PAGE) as Array<{ n: number; day: string | null; doc: string }>;
    for (const r of rows) {
      const doc = JSON.parse(r.doc) as ArticleDocument;
      const rows3 = derivedRows(doc);
      derived.aliases(doc.entities.map((e) => ({ kbId: e.kbId, name: e.name, aliases: rows3.aliases.get(e.id) ?? [] })));
      rows3.about.forEach((about, i) => {
        derived.quoteAbout(r.n, i, about);
      });
      for (const ev of events.all(r.n) as Array<{ i: number; source: string; target: string }>) {
        derived.eventActors(r.n, ev.i, JSON.parse(ev.source) as string[], JSON.parse(ev.target) as string[]);
        const flags = rows3.events[ev.i];
        if (flags && (flags.negated || flags.mode !== "asserted")) setEvent.run(flags.negated ? 1 : 0, flags.mode, r.n, ev.i);
      }
      derived.story(r.n, r.day, rows3.signature);
    }
    if (rows.length < FILL_PAGE) break;
    after = rows[rows.length - 1].n;
  }
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
  {
    version: 3,
    name: "outlet keys, stories (near-duplicate signatures and bands), entity aliases, quote subjects, event actors and modes",
    sql: `
      ALTER TABLE docs ADD COLUMN outlet_key TEXT;
      CREATE INDEX docs_outlet_key ON docs(outlet_key, day);

      CREATE TABLE doc_story (
        n     INTEGER PRIMARY KEY REFERENCES docs(n) ON DELETE CASCADE,
        story INTEGER NOT NULL,
        day   TEXT
      );

      CREATE TABLE doc_sig (
        n   INTEGER PRIMARY KEY REFERENCES docs(n) ON DELETE CASCADE,
        sig BLOB NOT NULL
      );
      CREATE TABLE doc_bands (
        band INTEGER NOT NULL,
        n    INTEGER NOT NULL,
        PRIMARY KEY (band, n)
      ) WITHOUT ROWID;

      CREATE TABLE entity_aliases (
        alias  TEXT NOT NULL,
        linked INTEGER NOT NULL,
        ref    TEXT NOT NULL,
        word   INTEGER NOT NULL,
        PRIMARY KEY (alias, linked, ref)
      ) WITHOUT ROWID;

      ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
      CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
      CREATE TABLE quote_about (
        doc_n INTEGER NOT NULL REFERENCES docs(n) ON DELETE CASCADE,
        i     INTEGER NOT NULL,
        key   TEXT NOT NULL,
        PRIMARY KEY (doc_n, i, key)
      ) WITHOUT ROWID;
      CREATE INDEX quote_about_key ON quote_about(key);

      ALTER TABLE events ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE events ADD COLUMN mode TEXT NOT NULL DEFAULT 'asserted';
      CREATE TABLE event_actors (
        doc_n INTEGER NOT NULL REFERENCES docs(n) ON DELETE CASCADE,
        i     INTEGER NOT NULL,
        side  TEXT NOT NULL,
        key   TEXT NOT NULL,
        PRIMARY KEY (doc_n, i, side, key)
      ) WITHOUT ROWID;
      CREATE INDEX event_actors_key ON event_actors(key, side);
    `,
    fill: fillVersion3,
  },
  {
    version: 4,
    name: "knowledge base: learned and user rows",
    sql: `
      CREATE TABLE kb (
        kb_id      TEXT NOT NULL,
        alias      TEXT NOT NULL,
        source     TEXT NOT NULL,
        display    TEXT NOT NULL,
        type       TEXT NOT NULL,
        valid_from TEXT,
        valid_to   TEXT,
        count      REAL NOT NULL,
        PRIMARY KEY (kb_id, alias, source)
      ) WITHOUT ROWID;
      CREATE INDEX kb_alias ON kb(alias);
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

/**
 * Apply the missing steps; returns the final version. `location` is for
 * messages. `upTo` stops at an earlier version (tests build old databases
 * with it).
 */
export function migrate(db: Database.Database, location: string, upTo = SCHEMA_VERSION): number {
  let version = currentVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new InputError(
      location,
      `database schema is version ${version}, newer than this marsad knows (${SCHEMA_VERSION}): upgrade marsad`,
    );
  }
  if (version >= upTo) return version;
  const step = db.transaction((m: Migration) => {
    // Re-check inside the write lock: another process may have migrated meanwhile.
    if (currentVersion(db) >= m.version) return;
    db.exec(m.sql);
    m.fill?.(db);
    db.prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, new Date().toISOString());
  });
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const m of MIGRATIONS) {
    if (m.version <= version || m.version > upTo) continue;
    step.immediate(m);
    version = m.version;
  }
  return version;
}
