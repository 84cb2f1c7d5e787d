/**
 * The PostgreSQL store: Marsad's scale-out backend (`--db postgres://…`), the
 * one many ingest workers on many machines share (src/queue). Same Store
 * interface, same tables and the same answers as the SQLite store.
 *
 * Writes: each put() is one transaction on one pooled connection, so a batch
 * is stored whole or not at all. Documents go in with INSERT … ON CONFLICT
 * (id) DO NOTHING, so putting a document twice — a re-run, a retried job,
 * two workers racing on the same article — stores it once and counts it
 * "unchanged". Documents keep the caller's order (storage order, as in
 * SQLite); before writing, a batch takes transaction-scoped advisory locks
 * on its document ids in one global order, and writes inputs in hash order,
 * so two concurrent batches that overlap wait for each other instead of
 * deadlocking; a deadlock or serialization failure that happens anyway is
 * retried. Every table is written with one statement per batch (unnest of
 * arrays), not one per row.
 *
 * Reads: search is a GIN-indexed tsvector match built from analyzer terms
 * (tsearch.ts), ranked with ts_rank_cd, filtered and paged in SQL, with the
 * total from the same query. All SQL is parameterized; the only text built
 * into statements is the shape of the filter clauses and our own constants.
 */
import type pg from "pg";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";
import { normalizeKey } from "../../text/normalize.js";
import type { HitPage, IndexedDocument, PutItem, PutResult, Store, StoredHit, StoreStats, TermQuery } from "../types.js";
import { DEFAULT_POOL_SIZE, makePool, type PgTarget, parsePgUrl } from "./connection.js";
import { type ErrorContext, explain, isRetryable } from "./errors.js";
import { migrate } from "./migrations.js";
import { buildTsquery, documentVector, RANK_NORMALIZATION, RANK_WEIGHTS } from "./tsearch.js";

/** Documents read per query when iterating the whole store. */
const SCAN_PAGE = 256;
/**
 * Planner setting for searches. The tsvectors live out of line (TOAST), so
 * the planner prices a sequential scan of doc_terms as cheap, while in fact
 * it decompresses every document's vector: on 5,000 articles a phrase
 * matching 27 of them took 24 ms that way and 10 ms through the GIN index.
 * Disabling sequential scans for the search transaction only makes the
 * planner use the index (it still scans when nothing else can answer).
 */
const SEARCH_SETTINGS = "SET LOCAL enable_seqscan = off";
/** First key of the advisory locks put() takes on document ids (any constant of our own). */
const DOC_LOCK_SPACE = 0x6d617273; // "mars"
/** Attempts of a put() transaction that hit a deadlock or serialization failure. */
const PUT_ATTEMPTS = 4;

const DAY = /^\d{4}-\d{2}-\d{2}/;

export interface PostgresOptions {
  /** Create the corpus tables when missing (ingest) or refuse (search). Default true. */
  create?: boolean;
  /** Pooled connections (default 4). */
  poolSize?: number;
}

/** An input that could not be analyzed, as queue workers record it. */
export interface FailureRecord {
  place: string;
  reason: string;
  inputHash?: string | null;
  jobId?: string | null;
}

/** PostgreSQL text cannot hold U+0000; JSON and columns get U+FFFD instead. */
function clean(s: string): string;
function clean(s: string | null): string | null;
function clean(s: string | null): string | null {
  return s?.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s;
}

/** The same for serialized JSON: the escape \u0000 (not an escaped backslash followed by "u0000"). */
export function cleanJson(json: string): string {
  if (!json.includes("\\u0000")) return json;
  return json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1\\ufffd");
}

export class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  readonly location: string;
  /** The schema from ?schema= (null: the connection's default). */
  readonly schema: string | null;
  private readonly ctx: ErrorContext;
  private closed = false;

  private constructor(
    readonly target: PgTarget,
    /** The pool; exposed for tests and maintenance tools, not for callers' queries. */
    readonly pool: pg.Pool,
    readonly schemaVersion: number,
    user: string,
  ) {
    this.location = target.location;
    this.schema = target.schema;
    this.ctx = { location: target.location, server: target.server, user };
  }

  /** Connect, migrate, and return the store. Throws InputError when the server or database is unusable. */
  static async open(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
    const target = parsePgUrl(url);
    const user = decodeURIComponent(new URL(target.connectionString).username || process.env.PGUSER || "");
    const ctx: ErrorContext = { location: target.location, server: target.server, user };
    const pool = makePool(target, opts.poolSize ?? DEFAULT_POOL_SIZE);
    let client: pg.PoolClient | null = null;
    try {
      client = await pool.connect();
      const version = await migrate(client, { schema: target.schema, create: opts.create !== false, location: target.location });
      client.release();
      client = null;
      return new PostgresStore(target, pool, version, user);
    } catch (err) {
      client?.release();
      await pool.end().catch(() => {});
      throw explain(err, ctx);
    }
  }

  private fail(err: unknown): never {
    throw explain(err, this.ctx);
  }

  /** `err` as a one-line InputError about this database when it is a known failure (else `err`). */
  explainError(err: unknown): unknown {
    return explain(err, this.ctx);
  }

  async knownInputs(hashes: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (hashes.length === 0) return known;
    try {
      const r = await this.pool.query<{ hash: string }>("SELECT hash FROM inputs WHERE hash = ANY($1::text[])", [hashes]);
      for (const row of r.rows) known.add(row.hash);
    } catch (err) {
      this.fail(err);
    }
    return known;
  }

  async put(items: PutItem[]): Promise<PutResult> {
    if (items.length === 0) return { added: 0, unchanged: 0 };
    // One row per document id (the first wins), in the caller's order; inputs in hash order.
    const byId = new Map<string, IndexedDocument>();
    for (const { doc } of items) if (!byId.has(doc.id)) byId.set(doc.id, doc);
    const docs = [...byId.values()];
    const inputs = new Map<string, string>();
    for (const { doc, inputHash } of items) if (!inputs.has(inputHash)) inputs.set(inputHash, doc.id);
    const inputRows = [...inputs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient | null = null;
      try {
        client = await this.pool.connect();
        await client.query("BEGIN");
        // Lock the batch's document ids in one global order before writing any of them, so that
        // concurrent batches sharing documents queue up behind each other instead of deadlocking.
        await client.query(
          `SELECT count(pg_advisory_xact_lock(${DOC_LOCK_SPACE}, k)) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS id ORDER BY k) s`,
          [docs.map((d) => d.id)],
        );
        const added = await this.insertDocs(client, docs);
        await client.query("INSERT INTO inputs (hash, doc_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING", [
          inputRows.map((r) => r[0]),
          inputRows.map((r) => r[1]),
        ]);
        await client.query("COMMIT");
        return { added, unchanged: items.length - added };
      } catch (err) {
        await client?.query("ROLLBACK").catch(() => {});
        if (attempt < PUT_ATTEMPTS && isRetryable(err)) {
          await new Promise((r) => setTimeout(r, 20 * attempt * Math.random() + 5));
          continue;
        }
        this.fail(err);
      } finally {
        client?.release();
      }
    }
  }

  /** Insert documents (sorted by id) and their rows; returns how many were new. */
  private async insertDocs(client: pg.PoolClient, docs: IndexedDocument[]): Promise<number> {
    const cols = {
      id: [] as string[],
      published: [] as (string | null)[],
      day: [] as (string | null)[],
      outlet: [] as (string | null)[],
      section: [] as (string | null)[],
      title: [] as string[],
      url: [] as (string | null)[],
      path: [] as (string | null)[],
      doc: [] as string[],
    };
    for (const d of docs) {
      cols.id.push(d.id);
      cols.published.push(clean(d.published));
      cols.day.push(d.published && DAY.test(d.published) ? d.published.slice(0, 10) : null);
      cols.outlet.push(clean(d.outlet));
      cols.section.push(clean(d.section));
      cols.title.push(clean(d.title));
      cols.url.push(clean(d.url));
      cols.path.push(clean(d.path));
      cols.doc.push(cleanJson(d.json));
    }
    const r = await client.query<{ n: string; id: string }>(
      `INSERT INTO docs (id, published, day, outlet, section, title, url, path, doc)
       SELECT u.id, u.published, u.day, u.outlet, u.section, u.title, u.url, u.path, u.doc::json
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
            WITH ORDINALITY AS u (id, published, day, outlet, section, title, url, path, doc, ord)
       ORDER BY u.ord
       ON CONFLICT (id) DO NOTHING
       RETURNING n, id`,
      [cols.id, cols.published, cols.day, cols.outlet, cols.section, cols.title, cols.url, cols.path, cols.doc],
    );
    if (r.rows.length === 0) return 0;
    const nOf = new Map(r.rows.map((row) => [row.id, row.n]));
    const fresh = docs.filter((d) => nOf.has(d.id));
    await client.query("INSERT INTO doc_terms (n, tsv) SELECT u.n, u.tsv::tsvector FROM unnest($1::bigint[], $2::text[]) AS u (n, tsv)", [
      fresh.map((d) => nOf.get(d.id) as string),
      fresh.map((d) => documentVector(d.titleTerms, d.bodyTerms)),
    ]);

    const ent = {
      n: [] as string[],
      local: [] as string[],
      kb: [] as (string | null)[],
      name: [] as string[],
      key: [] as string[],
      type: [] as string[],
      mentions: [] as number[],
      salience: [] as number[],
    };
    const quo = {
      n: [] as string[],
      i: [] as number[],
      start: [] as number[],
      end: [] as number[],
      text: [] as string[],
      kb: [] as (string | null)[],
      name: [] as (string | null)[],
      cue: [] as (string | null)[],
      direct: [] as boolean[],
    };
    const evt = {
      n: [] as string[],
      i: [] as number[],
      type: [] as string[],
      start: [] as number[],
      end: [] as number[],
      trigger: [] as string[],
      source: [] as string[],
      target: [] as string[],
      confidence: [] as number[],
    };
    for (const d of fresh) {
      const n = nOf.get(d.id) as string;
      const seen = new Set<string>();
      for (const e of d.entities) {
        if (seen.has(e.localId)) continue; // as SQLite's INSERT OR IGNORE
        seen.add(e.localId);
        ent.n.push(n);
        ent.local.push(clean(e.localId));
        ent.kb.push(clean(e.kbId));
        ent.name.push(clean(e.name));
        ent.key.push(clean(normalizeKey(e.name)));
        ent.type.push(e.type);
        ent.mentions.push(e.mentions);
        ent.salience.push(e.salience);
      }
      d.quotes.forEach((q, i) => {
        quo.n.push(n);
        quo.i.push(i);
        quo.start.push(q.start);
        quo.end.push(q.end);
        quo.text.push(clean(q.text));
        quo.kb.push(clean(q.speakerKbId));
        quo.name.push(clean(q.speakerName));
        quo.cue.push(clean(q.cue));
        quo.direct.push(q.direct);
      });
      d.events.forEach((ev, i) => {
        evt.n.push(n);
        evt.i.push(i);
        evt.type.push(clean(ev.type));
        evt.start.push(ev.start);
        evt.end.push(ev.end);
        evt.trigger.push(clean(ev.trigger));
        // text[][] must be rectangular: each participant list travels as a JSON array.
        evt.source.push(JSON.stringify(ev.source.map(clean)));
        evt.target.push(JSON.stringify(ev.target.map(clean)));
        evt.confidence.push(ev.confidence);
      });
    }
    if (ent.n.length > 0) {
      await client.query(
        `INSERT INTO entities (doc_n, local_id, kb_id, name, name_key, type, mentions, salience)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::float8[])`,
        [ent.n, ent.local, ent.kb, ent.name, ent.key, ent.type, ent.mentions, ent.salience],
      );
    }
    if (quo.n.length > 0) {
      await client.query(
        `INSERT INTO quotes (doc_n, i, start, "end", text, speaker_kb_id, speaker_name, cue, direct)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[])`,
        [quo.n, quo.i, quo.start, quo.end, quo.text, quo.kb, quo.name, quo.cue, quo.direct],
      );
    }
    if (evt.n.length > 0) {
      await client.query(
        `INSERT INTO events (doc_n, i, type, start, "end", trigger, source, target, confidence)
         SELECT u.n, u.i, u.type, u.start, u."end", u.trigger,
                ARRAY(SELECT json_array_elements_text(u.source::json)), ARRAY(SELECT json_array_elements_text(u.target::json)), u.confidence
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::float8[])
              AS u (n, i, type, start, "end", trigger, source, target, confidence)`,
        [evt.n, evt.i, evt.type, evt.start, evt.end, evt.trigger, evt.source, evt.target, evt.confidence],
      );
    }
    return fresh.length;
  }

  /** Record inputs that could not be analyzed (idempotent: the same place and reason is kept once). */
  async recordFailures(failures: FailureRecord[]): Promise<void> {
    if (failures.length === 0) return;
    const rows = [...new Map(failures.map((f) => [`${f.place}\u0001${f.reason}`, f])).values()].sort((a, b) =>
      a.place < b.place ? -1 : a.place > b.place ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0,
    );
    try {
      await this.pool.query(
        `INSERT INTO ingest_failures (place, reason, input_hash, job_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (place, reason) DO NOTHING`,
        [
          rows.map((f) => clean(f.place)),
          rows.map((f) => clean(f.reason)),
          rows.map((f) => f.inputHash ?? null),
          rows.map((f) => f.jobId ?? null),
        ],
      );
    } catch (err) {
      this.fail(err);
    }
  }

  /** Recorded failures, oldest first. */
  async failures(limit = 1000): Promise<Array<FailureRecord & { at: Date }>> {
    try {
      const r = await this.pool.query(
        'SELECT place, reason, input_hash AS "inputHash", job_id AS "jobId", at FROM ingest_failures ORDER BY at, place LIMIT $1',
        [limit],
      );
      return r.rows;
    } catch (err) {
      this.fail(err);
    }
  }

  async get(id: string): Promise<ArticleDocument | null> {
    try {
      const r = await this.pool.query<{ doc: string }>("SELECT doc::text AS doc FROM docs WHERE id = $1", [id]);
      return r.rows.length > 0 ? (JSON.parse(r.rows[0].doc) as ArticleDocument) : null;
    } catch (err) {
      this.fail(err);
    }
  }

  async *documents(): AsyncIterable<ArticleDocument> {
    let after = "0";
    for (;;) {
      let rows: { n: string; doc: string }[];
      try {
        rows = (
          await this.pool.query<{ n: string; doc: string }>("SELECT n, doc::text AS doc FROM docs WHERE n > $1 ORDER BY n LIMIT $2", [
            after,
            SCAN_PAGE,
          ])
        ).rows;
      } catch (err) {
        this.fail(err);
      }
      for (const r of rows) yield JSON.parse(r.doc) as ArticleDocument;
      if (rows.length < SCAN_PAGE) return;
      after = rows[rows.length - 1].n;
    }
  }

  async search(q: TermQuery, opts: { withText?: boolean } = {}): Promise<HitPage> {
    const tsquery = buildTsquery(q.must, q.not);
    if (tsquery === null) return { total: 0, hits: [] };
    const f = q.filters;
    const params: unknown[] = [tsquery];
    const where = ["t.tsv @@ $1::tsquery"];
    const bind = (v: unknown) => `$${params.push(v)}`;
    if (f.from) where.push(`d.day >= ${bind(f.from)}`);
    if (f.to) where.push(`d.day <= ${bind(f.to)}`);
    if (f.outlet) where.push(`lower(d.outlet) = lower(${bind(f.outlet)})`);
    if (f.section) where.push(`lower(d.section) = lower(${bind(f.section)})`);
    if (f.entity) {
      where.push(
        `EXISTS (SELECT 1 FROM entities e WHERE e.doc_n = t.n AND (e.kb_id = ${bind(f.entity)} OR e.name_key = ${bind(normalizeKey(f.entity))}))`,
      );
    }
    const cond = where.join(" AND ");
    // The wide document rows are joined only when a filter needs their columns.
    const from = f.from || f.to || f.outlet || f.section ? "doc_terms t JOIN docs d ON d.n = t.n" : "doc_terms t";
    const filterParams = params.slice();
    const weights = bind(RANK_WEIGHTS);
    const norm = bind(RANK_NORMALIZATION);
    const limit = bind(q.limit);
    const offset = bind(q.offset);
    const sql = `
      WITH m AS (
        SELECT t.n, ts_rank_cd(${weights}::float4[], t.tsv, $1::tsquery, ${norm}::int) AS score FROM ${from} WHERE ${cond}
      ), p AS (
        SELECT n, score FROM m ORDER BY score DESC, n LIMIT ${limit} OFFSET ${offset}
      )
      SELECT (SELECT count(*) FROM m) AS total, d.id, d.title, d.url, d.outlet, d.section, d.published, p.score
             ${opts.withText ? ", d.doc->>'text' AS text" : ""}
      FROM p JOIN docs d ON d.n = p.n
      ORDER BY p.score DESC, p.n`;
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      await client.query(`BEGIN READ ONLY; ${SEARCH_SETTINGS}`);
      const r = await client.query(sql, params);
      let total: number;
      if (r.rows.length > 0) total = Number(r.rows[0].total);
      else if (q.offset === 0) total = 0;
      else {
        // A page past the end has no row to carry the total: count alone.
        const c = await client.query(`SELECT count(*) AS c FROM ${from} WHERE ${cond}`, filterParams);
        total = Number(c.rows[0].c);
      }
      await client.query("COMMIT");
      const hits: StoredHit[] = r.rows.map((row) => {
        const hit: StoredHit = {
          id: row.id,
          title: row.title,
          url: row.url,
          outlet: row.outlet,
          section: row.section,
          published: row.published,
          score: Number(row.score),
        };
        if (opts.withText) hit.text = row.text ?? "";
        return hit;
      });
      return { total, hits };
    } catch (err) {
      await client?.query("ROLLBACK").catch(() => {});
      throw explain(err, this.ctx);
    } finally {
      client?.release();
    }
  }

  async stats(): Promise<StoreStats> {
    try {
      const r = await this.pool.query(
        "SELECT (SELECT count(*) FROM docs) AS d, (SELECT count(*) FROM entities) AS e, (SELECT count(*) FROM quotes) AS q, (SELECT count(*) FROM events) AS v",
      );
      const row = r.rows[0];
      return {
        documents: Number(row.d),
        entities: Number(row.e),
        quotes: Number(row.q),
        events: Number(row.v),
        schemaVersion: this.schemaVersion,
      };
    } catch (err) {
      this.fail(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Open a PostgreSQL store; the entry point src/store/open.ts calls for postgres:// URLs. */
export function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
  if (url.trim() === "") throw new InputError("--db", "empty database URL");
  return PostgresStore.open(url, opts);
}
