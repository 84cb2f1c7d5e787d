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
 *
 * Knowledge base: the rows new documents taught (IndexedDocument.kbRows) are
 * merged into the kb table in the put transaction, in key order (so two
 * batches touching the same rows lock them in the same order), before the
 * story lock; putKbRows() writes a user's import the same way (src/store/kb.ts).
 */
import type pg from "pg";
import { bandHashes, decodeSignature } from "../../corpus/near-dup.js";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";
import type { KbRow } from "../../kb/rows.js";
import { kbRowsToWrite, sortKbRows } from "../kb.js";
import { nameKey, outletKey } from "../keys.js";
import {
  type ArticleSummary,
  type CoEntity,
  type DayFilters,
  type EntityLookup,
  type EntityRef,
  type EntitySummary,
  type EventFilters,
  type EventPage,
  type Facets,
  type HitPage,
  type IndexedDocument,
  type ListFilters,
  MAX_STORY_COPIES,
  type NearDupCandidate,
  type Page,
  type PutItem,
  type PutResult,
  type QuoteFilters,
  type QuoteItem,
  type RelatedItem,
  type Store,
  type StoredHit,
  type StoreStats,
  type StoryCopy,
  type TermQuery,
  type TimelinePoint,
} from "../types.js";
import { DEFAULT_POOL_SIZE, makePool, type PgTarget, parsePgUrl } from "./connection.js";
import { docWhere, Params, PostgresCorpus } from "./corpus.js";
import { clean, fileStories, writeAliases, writeEventActors, writeQuoteAbout } from "./derived.js";
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

/** The day (YYYY-MM-DD) of a publication date, or null. */
function dayOf(published: string | null): string | null {
  return published && DAY.test(published) ? published.slice(0, 10) : null;
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
  private readonly corpus: PostgresCorpus;
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
    this.corpus = new PostgresCorpus(async (sql, params) => {
      try {
        return await this.pool.query(sql, params);
      } catch (err) {
        throw explain(err, this.ctx);
      }
    });
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
        const fresh = await this.insertDocs(client, docs);
        await client.query("INSERT INTO inputs (hash, doc_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING", [
          inputRows.map((r) => r[0]),
          inputRows.map((r) => r[1]),
        ]);
        await this.writeKb(
          client,
          fresh.flatMap(({ doc }) => doc.kbRows ?? []),
        );
        // Last: it takes the story lock, held until the commit right after.
        await fileStories(
          client,
          fresh.map(({ n, doc }) => ({ n, day: dayOf(doc.published), signature: doc.signature })),
        );
        await client.query("COMMIT");
        return { added: fresh.length, unchanged: items.length - fresh.length };
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

  /** Insert documents (in the caller's order) and their rows; returns the new ones with their n. */
  private async insertDocs(client: pg.PoolClient, docs: IndexedDocument[]): Promise<Array<{ n: string; doc: IndexedDocument }>> {
    const cols = {
      id: [] as string[],
      published: [] as (string | null)[],
      day: [] as (string | null)[],
      outlet: [] as (string | null)[],
      outletKey: [] as (string | null)[],
      section: [] as (string | null)[],
      title: [] as string[],
      url: [] as (string | null)[],
      path: [] as (string | null)[],
      doc: [] as string[],
    };
    for (const d of docs) {
      cols.id.push(d.id);
      cols.published.push(clean(d.published));
      cols.day.push(dayOf(d.published));
      cols.outlet.push(clean(d.outlet));
      cols.outletKey.push(clean(outletKey(d.outlet)));
      cols.section.push(clean(d.section));
      cols.title.push(clean(d.title));
      cols.url.push(clean(d.url));
      cols.path.push(clean(d.path));
      cols.doc.push(cleanJson(d.json));
    }
    const r = await client.query<{ n: string; id: string }>(
      `INSERT INTO docs (id, published, day, outlet, outlet_key, section, title, url, path, doc)
       SELECT u.id, u.published, u.day, u.outlet, u.outlet_key, u.section, u.title, u.url, u.path, u.doc::json
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            WITH ORDINALITY AS u (id, published, day, outlet, outlet_key, section, title, url, path, doc, ord)
       ORDER BY u.ord
       ON CONFLICT (id) DO NOTHING
       RETURNING n, id`,
      [cols.id, cols.published, cols.day, cols.outlet, cols.outletKey, cols.section, cols.title, cols.url, cols.path, cols.doc],
    );
    if (r.rows.length === 0) return [];
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
      speakerKey: [] as (string | null)[],
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
      negated: [] as boolean[],
      mode: [] as string[],
    };
    const about: Array<{ n: string; i: number; about: string[] }> = [];
    const actors: Array<{ n: string; i: number; source: string[]; target: string[] }> = [];
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
        ent.key.push(clean(nameKey(e.name)));
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
        quo.speakerKey.push(q.speakerName === null ? null : clean(nameKey(q.speakerName)));
        quo.cue.push(clean(q.cue));
        quo.direct.push(q.direct);
        about.push({ n, i, about: q.about });
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
        evt.negated.push(ev.negated);
        evt.mode.push(ev.mode);
        actors.push({ n, i, source: ev.source, target: ev.target });
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
        `INSERT INTO quotes (doc_n, i, start, "end", text, speaker_kb_id, speaker_name, speaker_key, cue, direct)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bool[])`,
        [quo.n, quo.i, quo.start, quo.end, quo.text, quo.kb, quo.name, quo.speakerKey, quo.cue, quo.direct],
      );
    }
    if (evt.n.length > 0) {
      await client.query(
        `INSERT INTO events (doc_n, i, type, start, "end", trigger, source, target, confidence, negated, mode)
         SELECT u.n, u.i, u.type, u.start, u."end", u.trigger,
                ARRAY(SELECT json_array_elements_text(u.source::json)), ARRAY(SELECT json_array_elements_text(u.target::json)), u.confidence,
                u.negated, u.mode
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::float8[],
                     $10::bool[], $11::text[])
              AS u (n, i, type, start, "end", trigger, source, target, confidence, negated, mode)`,
        [evt.n, evt.i, evt.type, evt.start, evt.end, evt.trigger, evt.source, evt.target, evt.confidence, evt.negated, evt.mode],
      );
    }
    await writeAliases(
      client,
      fresh.flatMap((d) => d.entities),
    );
    await writeQuoteAbout(client, about);
    await writeEventActors(client, actors);
    return fresh.map((doc) => ({ n: nOf.get(doc.id) as string, doc }));
  }

  /** Merge knowledge-base rows into the kb table, on the caller's transaction; returns the rows written. */
  private async writeKb(client: pg.ClientBase, rows: KbRow[]): Promise<number> {
    const list = kbRowsToWrite(rows, this.location);
    if (list.length === 0) return 0;
    // Learned rows add up; a user row replaces the one it repeats. LEAST/GREATEST ignore NULLs (an open side).
    await client.query(
      `INSERT INTO kb (kb_id, alias, source, display, type, valid_from, valid_to, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[])
       ON CONFLICT (kb_id, alias, source) DO UPDATE SET
         count      = CASE WHEN kb.source = 'learned' THEN kb.count + excluded.count ELSE excluded.count END,
         valid_from = CASE WHEN kb.source = 'learned' THEN LEAST(kb.valid_from, excluded.valid_from) ELSE excluded.valid_from END,
         valid_to   = CASE WHEN kb.source = 'learned' THEN GREATEST(kb.valid_to, excluded.valid_to) ELSE excluded.valid_to END,
         display    = CASE WHEN kb.source = 'learned' THEN kb.display ELSE excluded.display END,
         type       = CASE WHEN kb.source = 'learned' THEN kb.type ELSE excluded.type END`,
      [
        list.map((r) => clean(r.kbId)),
        list.map((r) => clean(r.alias)),
        list.map((r) => r.source),
        list.map((r) => clean(r.display)),
        list.map((r) => r.type),
        list.map((r) => r.validFrom),
        list.map((r) => r.validTo),
        list.map((r) => r.count),
      ],
    );
    return list.length;
  }

  async kbRows(): Promise<KbRow[]> {
    try {
      const r = await this.pool.query<KbRow>(
        `SELECT kb_id AS "kbId", alias, display, type, source, valid_from AS "validFrom", valid_to AS "validTo", count FROM kb`,
      );
      return sortKbRows(r.rows);
    } catch (err) {
      this.fail(err);
    }
  }

  async putKbRows(rows: KbRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient | null = null;
      try {
        client = await this.pool.connect();
        await client.query("BEGIN");
        const n = await this.writeKb(client, rows);
        await client.query("COMMIT");
        return n;
      } catch (err) {
        await client?.query("ROLLBACK").catch(() => {});
        if (err instanceof InputError) throw err;
        if (attempt < PUT_ATTEMPTS && isRetryable(err)) continue;
        this.fail(err);
      } finally {
        client?.release();
      }
    }
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
    const collapse = q.collapse === true;
    const unit = collapse ? "stories" : "documents";
    const tsquery = buildTsquery(q.must, q.not);
    if (tsquery === null) return { total: 0, unit, documents: 0, hits: [] };
    const f = q.filters;
    const p = new Params();
    p.bind(tsquery);
    const where = ["t.tsv @@ $1::tsquery", ...docWhere(f, p, "t.n")];
    const cond = where.join(" AND ");
    // The wide document rows are joined only when a filter needs their columns. The story is looked up per match in
    // the narrow doc_story (a correlated lookup, not a join: joined, the planner may walk the whole table in n order
    // and test every tsvector instead of asking the GIN index).
    const from = f.from || f.to || f.outlet || f.section ? "doc_terms t JOIN docs d ON d.n = t.n" : "doc_terms t";
    const storyOf = "coalesce((SELECT st.story FROM doc_story st WHERE st.n = t.n), t.n)";
    const filterParams = p.values.slice();
    const rank = `ts_rank_cd(${p.bind(RANK_WEIGHTS)}::float4[], t.tsv, $1::tsquery, ${p.bind(RANK_NORMALIZATION)}::int)`;
    const limit = p.bind(q.limit);
    const offset = p.bind(q.offset);
    const text = opts.withText ? ", d.doc->>'text' AS text" : "";
    const sql = collapse
      ? // Every row of the page's stories up to the copies listed, best story first, each story's best document first.
        `WITH m AS (
          SELECT t.n, ${storyOf} AS story, ${rank} AS score FROM ${from} WHERE ${cond}
        ), r AS (
          SELECT n, story, score, row_number() OVER w AS rn, first_value(n) OVER w AS rep, first_value(score) OVER w AS best,
                 count(*) OVER (PARTITION BY story) AS size
          FROM m WINDOW w AS (PARTITION BY story ORDER BY score DESC, n)
        ), p AS (
          SELECT story, rep, best FROM r WHERE rn = 1 ORDER BY best DESC, rep LIMIT ${limit} OFFSET ${offset}
        )
        SELECT (SELECT count(*) FROM m) AS documents, (SELECT count(*) FROM r WHERE rn = 1) AS total,
               d.id, d.title, d.url, d.outlet, d.section, d.published, r.score, r.rn, r.size
               ${opts.withText ? ", CASE WHEN r.rn = 1 THEN d.doc->>'text' END AS text" : ""}
        FROM p JOIN r ON r.story = p.story AND r.rn <= ${MAX_STORY_COPIES + 1} JOIN docs d ON d.n = r.n
        ORDER BY p.best DESC, p.rep, r.rn`
      : `WITH m AS (
          SELECT t.n, ${rank} AS score FROM ${from} WHERE ${cond}
        ), p AS (
          SELECT n, score FROM m ORDER BY score DESC, n LIMIT ${limit} OFFSET ${offset}
        )
        SELECT (SELECT count(*) FROM m) AS total, d.id, d.title, d.url, d.outlet, d.section, d.published, p.score ${text}
        FROM p JOIN docs d ON d.n = p.n
        ORDER BY p.score DESC, p.n`;
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      await client.query(`BEGIN READ ONLY; ${SEARCH_SETTINGS}`);
      const r = await client.query(sql, p.values);
      let total: number;
      let documents: number;
      if (r.rows.length > 0) {
        total = Number(r.rows[0].total);
        documents = collapse ? Number(r.rows[0].documents) : total;
      } else if (q.offset === 0) total = documents = 0;
      else {
        // A page past the end has no row to carry the totals: count alone.
        const c = await client.query(
          `SELECT count(*) AS documents${collapse ? `, count(DISTINCT ${storyOf}) AS stories` : ""} FROM ${from} WHERE ${cond}`,
          filterParams,
        );
        documents = Number(c.rows[0].documents);
        total = collapse ? Number(c.rows[0].stories) : documents;
      }
      await client.query("COMMIT");
      const hits: StoredHit[] = [];
      for (const row of r.rows) {
        const hit: StoredHit = {
          id: row.id,
          title: row.title,
          url: row.url,
          outlet: row.outlet,
          section: row.section,
          published: row.published,
          score: Number(row.score),
        };
        if (collapse && Number(row.rn) > 1) {
          (hits[hits.length - 1].copies as StoryCopy[]).push({
            id: hit.id,
            title: hit.title,
            outlet: hit.outlet,
            published: hit.published,
            url: hit.url,
          });
          continue;
        }
        if (collapse) {
          hit.copies = [];
          hit.copyCount = Number(row.size) - 1;
        }
        if (opts.withText) hit.text = row.text ?? "";
        hits.push(hit);
      }
      return { total, unit, documents, hits };
    } catch (err) {
      await client?.query("ROLLBACK").catch(() => {});
      throw explain(err, this.ctx);
    } finally {
      client?.release();
    }
  }

  // ---------------------------------------------------------------- corpus views (corpus.ts)

  async list(f: ListFilters, limit: number, offset: number): Promise<Page<ArticleSummary>> {
    return this.corpus.list(f, limit, offset);
  }

  async facets(): Promise<Facets> {
    return this.corpus.facets();
  }

  async entity(key: string): Promise<EntitySummary | null> {
    return this.corpus.entity(key);
  }

  async entityTimeline(key: string, by: "day" | "month", f: DayFilters): Promise<TimelinePoint[]> {
    return this.corpus.entityTimeline(key, by, f);
  }

  async cooccurrence(key: string, limit: number): Promise<CoEntity[]> {
    return this.corpus.cooccurrence(key, limit);
  }

  async quotes(f: QuoteFilters, limit: number, offset: number): Promise<Page<QuoteItem>> {
    return this.corpus.quotes(f, limit, offset);
  }

  async events(f: EventFilters, limit: number, offset: number): Promise<EventPage> {
    return this.corpus.events(f, limit, offset);
  }

  async related(id: string, limit: number): Promise<RelatedItem[] | null> {
    return this.corpus.related(id, limit);
  }

  async entityRefs(lookup: EntityLookup, limit: number): Promise<EntityRef[]> {
    return this.corpus.entityRefs(lookup, limit);
  }

  async nearDuplicateCandidates(
    id: string,
    windowDays: number,
    max: number,
  ): Promise<{ self: ArticleSummary & { signature: Uint32Array | null }; candidates: NearDupCandidate[] } | null> {
    return this.corpus.nearDuplicateCandidates(id, windowDays, max);
  }

  /**
   * Delete one article with its rows (ON DELETE CASCADE), its bands (keyed
   * by band, so removed by value) and its input hashes. Under the same
   * document-id lock as put(), so a delete and a put of the same article
   * do not interleave.
   */
  async delete(id: string): Promise<boolean> {
    let client: pg.PoolClient | null = null;
    try {
      client = await this.pool.connect();
      await client.query("BEGIN");
      await client.query(`SELECT pg_advisory_xact_lock(${DOC_LOCK_SPACE}, hashtext($1))`, [id]);
      const r = await client.query<{ n: string; sig: Buffer | null }>(
        "SELECT d.n, s.sig FROM docs d LEFT JOIN doc_sig s ON s.n = d.n WHERE d.id = $1",
        [id],
      );
      if (r.rows.length === 0) {
        await client.query("ROLLBACK");
        return false;
      }
      const { n, sig } = r.rows[0];
      const signature = decodeSignature(sig);
      if (signature) await client.query("DELETE FROM doc_bands WHERE band = ANY($1::bigint[]) AND n = $2", [bandHashes(signature), n]);
      await client.query("DELETE FROM docs WHERE n = $1", [n]);
      await client.query("DELETE FROM inputs WHERE doc_id = $1", [id]);
      await client.query("COMMIT");
      return true;
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
