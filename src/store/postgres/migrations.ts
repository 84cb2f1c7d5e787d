/**
 * The PostgreSQL schema, as an ordered list of migration steps (the same
 * tables as the SQLite store, src/store/sqlite/migrations.ts, so both
 * backends answer the same Store calls the same way). A database records the
 * steps it has in `schema_version`; opening it applies the missing ones.
 * Steps are never edited once released: a change is a new step at the end.
 *
 * Many workers on many machines open the same database at the same moment,
 * so migrating takes a transaction-scoped advisory lock first: one process
 * migrates, the others wait and then find nothing left to do. All missing
 * steps run in that one transaction (PostgreSQL DDL is transactional), so a
 * failure leaves the database exactly at the version it had.
 *
 * Tables (version 1, mirroring SQLite):
 *   docs      one row per document: indexed columns and the whole JSON
 *             document (`json`, which keeps key order and text as written).
 *             `id` is the content hash, unique: a document is stored once.
 *   doc_terms the search index entry of each document, `tsv`: OUR analyzer's
 *             terms with their positions, title terms weighted A, body terms
 *             D (tsearch.ts), under a GIN index. A narrow table of its own
 *             (lz4-compressed where the server has lz4) because matching and
 *             ranking read every matching row's tsvector: next to the wide
 *             document rows that scan was about 3× slower.
 *   inputs    hash of each raw input already ingested → document id.
 *   entities, quotes, events   as in SQLite (event participants as text[]).
 * Version 2:
 *   ingest_failures  inputs that could not be analyzed, reported by queue
 *             workers (src/queue): place, reason, raw-input hash, job id.
 * Version 3 (as SQLite's version 3):
 *   docs.outlet_key, doc_story, doc_sig (bytea), doc_bands, entity_aliases,
 *   quotes.speaker_key, quote_about, event_actors, events.negated and
 *   events.mode. Documents stored before it get these from their stored
 *   JSON in the migration transaction (fillVersion3).
 * Version 4 (as SQLite's version 4):
 *   kb        knowledge-base rows learned from ingested articles and
 *             imported by the user, one per (kb_id, alias, source)
 *             (src/store/kb.ts). The seed stays in models/kb.
 */
import type pg from "pg";
import { derivedRows } from "../../corpus/rows.js";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";
import { nameKey, outletKey } from "../keys.js";
import { type AliasEntity, clean, fileStories, type StoryInput, writeAliases, writeEventActors, writeQuoteAbout } from "./derived.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rows computed in JavaScript for what the step added (after `sql`, in the same transaction). */
  fill?: (client: pg.ClientBase) => Promise<void>;
}

/** Documents read per page while filling version 3. */
const FILL_PAGE = 256;

/** Version 3's columns and tables for the documents already stored, from their JSON. */
async function fillVersion3(client: pg.ClientBase): Promise<void> {
  const outlets = await client.query<{ outlet: string }>("SELECT DISTINCT outlet FROM docs WHERE outlet IS NOT NULL");
  for (const { outlet } of outlets.rows)
    await client.query("UPDATE docs SET outlet_key = $1 WHERE outlet = $2", [outletKey(outlet), outlet]);
  const speakers = await client.query<{ name: string }>("SELECT DISTINCT speaker_name AS name FROM quotes WHERE speaker_name IS NOT NULL");
  for (const { name } of speakers.rows)
    await client.query("UPDATE quotes SET speaker_key = $1 WHERE speaker_name = $2", [clean(nameKey(name)), name]);
  let after = "0";
  for (;;) {
    const page = await client.query<{ n: string; day: string | null; doc: string }>(
      "SELECT n, day, doc::text AS doc FROM docs WHERE n > $1 ORDER BY n LIMIT $2",
      [after, FILL_PAGE],
    );
    if (page.rows.length === 0) break;
    const ns = page.rows.map((r) => r.n);
    const events = await client.query<{ doc_n: string; i: number; source: string[]; target: string[] }>(
      "SELECT doc_n, i, source, target FROM events WHERE doc_n = ANY($1::bigint[])",
      [ns],
    );
    await writeEventActors(
      client,
      events.rows.map((e) => ({ n: e.doc_n, i: e.i, source: e.source, target: e.target })),
    );
    const aliases: AliasEntity[] = [];
    const about: Array<{ n: string; i: number; about: string[] }> = [];
    const flagged: { n: string[]; i: number[]; negated: boolean[]; mode: string[] } = { n: [], i: [], negated: [], mode: [] };
    const stories: StoryInput[] = [];
    for (const r of page.rows) {
      const doc = JSON.parse(r.doc) as ArticleDocument;
      const rows = derivedRows(doc);
      for (const e of doc.entities) aliases.push({ kbId: e.kbId, name: e.name, aliases: rows.aliases.get(e.id) ?? [] });
      rows.about.forEach((a, i) => {
        about.push({ n: r.n, i, about: a });
      });
      rows.events.forEach((f, i) => {
        if (!f.negated && f.mode === "asserted") return;
        flagged.n.push(r.n);
        flagged.i.push(i);
        flagged.negated.push(f.negated);
        flagged.mode.push(f.mode);
      });
      stories.push({ n: r.n, day: r.day, signature: rows.signature });
    }
    await writeAliases(client, aliases);
    await writeQuoteAbout(client, about);
    if (flagged.n.length > 0) {
      await client.query(
        `UPDATE events SET negated = u.negated, mode = u.mode FROM unnest($1::bigint[], $2::int[], $3::bool[], $4::text[]) AS u (n, i, negated, mode)
         WHERE events.doc_n = u.n AND events.i = u.i`,
        [flagged.n, flagged.i, flagged.negated, flagged.mode],
      );
    }
    await fileStories(client, stories);
    after = ns[ns.length - 1];
  }
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "documents, inputs, entities, quotes, events, search index",
    sql: `
      CREATE TABLE docs (
        n           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id          text NOT NULL UNIQUE,
        published   text,
        day         text,
        outlet      text,
        section     text,
        title       text NOT NULL,
        url         text,
        path        text,
        ingested_at timestamptz NOT NULL DEFAULT now(),
        doc         json NOT NULL
      );
      CREATE INDEX docs_day ON docs (day);
      CREATE INDEX docs_outlet ON docs (lower(outlet), day);
      CREATE INDEX docs_section ON docs (lower(section), day);
      CREATE INDEX docs_url ON docs (url);

      CREATE TABLE doc_terms (
        n   bigint PRIMARY KEY REFERENCES docs (n) ON DELETE CASCADE,
        tsv tsvector NOT NULL
      );
      CREATE INDEX doc_terms_tsv ON doc_terms USING gin (tsv);
      -- lz4 decompresses several times faster than the default pglz; servers built without it keep pglz.
      DO $$ BEGIN
        EXECUTE 'ALTER TABLE doc_terms ALTER COLUMN tsv SET COMPRESSION lz4';
      EXCEPTION WHEN OTHERS THEN NULL;
      END $$;

      CREATE TABLE inputs (
        hash   text PRIMARY KEY,
        doc_id text NOT NULL
      );

      CREATE TABLE entities (
        doc_n    bigint NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
        local_id text NOT NULL,
        kb_id    text,
        name     text NOT NULL,
        name_key text NOT NULL,
        type     text NOT NULL,
        mentions integer NOT NULL,
        salience double precision NOT NULL,
        PRIMARY KEY (doc_n, local_id)
      );
      CREATE INDEX entities_kb ON entities (kb_id, doc_n);
      CREATE INDEX entities_name ON entities (name_key, doc_n);

      CREATE TABLE quotes (
        doc_n         bigint NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
        i             integer NOT NULL,
        start         integer NOT NULL,
        "end"         integer NOT NULL,
        text          text NOT NULL,
        speaker_kb_id text,
        speaker_name  text,
        cue           text,
        direct        boolean NOT NULL,
        PRIMARY KEY (doc_n, i)
      );
      CREATE INDEX quotes_speaker ON quotes (speaker_kb_id);

      CREATE TABLE events (
        doc_n      bigint NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
        i          integer NOT NULL,
        type       text NOT NULL,
        start      integer NOT NULL,
        "end"      integer NOT NULL,
        trigger    text NOT NULL,
        source     text[] NOT NULL,
        target     text[] NOT NULL,
        confidence double precision NOT NULL,
        PRIMARY KEY (doc_n, i)
      );
      CREATE INDEX events_type ON events (type);
    `,
  },
  {
    version: 2,
    name: "ingest failures reported by queue workers",
    sql: `
      CREATE TABLE ingest_failures (
        place      text NOT NULL,
        reason     text NOT NULL,
        input_hash text,
        job_id     text,
        at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (place, reason)
      );
    `,
  },
  {
    version: 3,
    name: "outlet keys, stories (near-duplicate signatures and bands), entity aliases, quote subjects, event actors and modes",
    sql: `
      ALTER TABLE docs ADD COLUMN outlet_key text;
      CREATE INDEX docs_outlet_key ON docs (outlet_key, day);

      -- Narrow, so that a collapsed search joins its matches to it and not to the wide docs rows.
      CREATE TABLE doc_story (
        n     bigint PRIMARY KEY REFERENCES docs (n) ON DELETE CASCADE,
        story bigint NOT NULL,
        day   text
      );

      CREATE TABLE doc_sig (
        n   bigint PRIMARY KEY REFERENCES docs (n) ON DELETE CASCADE,
        sig bytea NOT NULL
      );
      CREATE TABLE doc_bands (
        band bigint NOT NULL,
        n    bigint NOT NULL,
        PRIMARY KEY (band, n)
      );

      CREATE TABLE entity_aliases (
        alias  text NOT NULL,
        linked boolean NOT NULL,
        ref    text NOT NULL,
        word   boolean NOT NULL,
        PRIMARY KEY (alias, linked, ref)
      );

      ALTER TABLE quotes ADD COLUMN speaker_key text;
      CREATE INDEX quotes_speaker_key ON quotes (speaker_key);
      CREATE TABLE quote_about (
        doc_n bigint NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
        i     integer NOT NULL,
        key   text NOT NULL,
        PRIMARY KEY (doc_n, i, key)
      );
      CREATE INDEX quote_about_key ON quote_about (key);

      ALTER TABLE events ADD COLUMN negated boolean NOT NULL DEFAULT false, ADD COLUMN mode text NOT NULL DEFAULT 'asserted';
      CREATE TABLE event_actors (
        doc_n bigint NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
        i     integer NOT NULL,
        side  text NOT NULL,
        key   text NOT NULL,
        PRIMARY KEY (doc_n, i, side, key)
      );
      CREATE INDEX event_actors_key ON event_actors (key, side);
    `,
    fill: fillVersion3,
  },
  {
    version: 4,
    name: "knowledge base: learned and user rows",
    sql: `
      CREATE TABLE kb (
        kb_id      text NOT NULL,
        alias      text NOT NULL,
        source     text NOT NULL,
        display    text NOT NULL,
        type       text NOT NULL,
        valid_from text,
        valid_to   text,
        count      double precision NOT NULL,
        PRIMARY KEY (kb_id, alias, source)
      );
      CREATE INDEX kb_alias ON kb (alias);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Key of the advisory lock that serializes migrations (any constant; namespaced by schema in SQL). */
const LOCK_NAME = "marsad:migrate";

async function hasVersionTable(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query("SELECT to_regclass('schema_version') IS NOT NULL AS has");
  return r.rows[0].has === true;
}

/** The version the database is at (0 when it holds no Marsad corpus). */
export async function currentVersion(client: pg.ClientBase): Promise<number> {
  if (!(await hasVersionTable(client))) return 0;
  const r = await client.query("SELECT coalesce(max(version), 0) AS v FROM schema_version");
  return Number(r.rows[0].v);
}

export interface MigrateOptions {
  /** The schema from the URL (created when missing), or null for the default one. */
  schema: string | null;
  /** false: refuse to create a corpus that is not there (search on an empty database). */
  create: boolean;
  location: string;
  /** Stop at this version (default: the latest). */
  upTo?: number;
}

/** Bring the database up to SCHEMA_VERSION (or opts.upTo, for tests that build old databases); returns the version. */
export async function migrate(client: pg.ClientBase, opts: MigrateOptions): Promise<number> {
  const upTo = opts.upTo ?? SCHEMA_VERSION;
  const noCorpus = () =>
    new InputError(
      opts.location,
      "no Marsad corpus in this database: run `marsad ingest --db <this URL> <files…>` first (or check ?schema= in the URL)",
    );
  // Fast path without a lock: a database that is already current.
  if (opts.schema && !opts.create) {
    const r = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [opts.schema]);
    if (r.rowCount === 0) throw noCorpus();
  }
  let version = await currentVersion(client);
  if (version > SCHEMA_VERSION) {
    throw new InputError(
      opts.location,
      `database schema is version ${version}, newer than this marsad knows (${SCHEMA_VERSION}): upgrade marsad`,
    );
  }
  if (version >= upTo) return version;
  if (version === 0 && !opts.create) throw noCorpus();

  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1 || ':' || $2))", [LOCK_NAME, opts.schema ?? ""]);
    // The schema name was checked to be a plain identifier (connection.ts).
    if (opts.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    // Re-read under the lock: another process may have migrated meanwhile.
    version = await currentVersion(client);
    for (const m of MIGRATIONS) {
      if (m.version <= version || m.version > upTo) continue;
      await client.query(m.sql);
      await m.fill?.(client);
      await client.query("INSERT INTO schema_version (version, name) VALUES ($1, $2)", [m.version, m.name]);
      version = m.version;
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
  return version;
}
