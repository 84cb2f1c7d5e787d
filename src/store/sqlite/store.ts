/**
 * The SQLite store: Marsad's embedded default backend (better-sqlite3).
 *
 * Durability: WAL journal with synchronous=NORMAL. Each put() is one
 * transaction, so a batch is stored whole or not at all; a process killed
 * with SIGKILL loses at most the batch it was writing, and the next run
 * skips what was committed (inputs and document ids are unique keys). Only a
 * power cut can lose the last commits under synchronous=NORMAL, and even
 * then the file stays consistent.
 *
 * Concurrency: one writer at a time (SQLite's rule). Another process holding
 * the write lock makes us wait up to the busy timeout, then the caller gets a
 * one-line "database is locked" InputError (see errors.ts).
 *
 * Statements are prepared once per connection; search statements are cached
 * per filter shape. The corpus views (entity pages, quotes, events, related,
 * …) are in corpus.ts, the rows derived at put time (aliases, event actors,
 * stories) in derived.ts.
 *
 * Stories: each put document is filed under the story of its most similar
 * earlier near-duplicate (derived.ts), inside the put transaction, so a
 * batch that holds two copies of one story files them together. A collapsed
 * search (TermQuery.collapse) ranks stories by their best matching document
 * and lists the story's other matching documents as its copies.
 *
 * Knowledge base: the rows a new document taught (IndexedDocument.kbRows)
 * are merged into the kb table in the put transaction, once per batch
 * (src/store/kb.ts); putKbRows() writes a user's import the same way.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
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
  type ListFilters,
  MAX_STORY_COPIES,
  type NearDupCandidate,
  type Page,
  type PutItem,
  type PutResult,
  type QuoteFilters,
  type QuoteItem,
  type RelatedItem,
  type SearchFilters,
  type Store,
  type StoredHit,
  type StoreStats,
  type StoryCopy,
  type TermQuery,
  type TimelinePoint,
} from "../types.js";
import { docWhere, SqliteCorpus } from "./corpus.js";
import { SqliteDerived } from "./derived.js";
import { explain } from "./errors.js";
import { buildMatch, COLUMN_WEIGHTS } from "./fts.js";
import { migrate } from "./migrations.js";

/** How long to wait for another process's write lock before giving up. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Documents read per query when iterating the whole store. */
const SCAN_PAGE = 256;

export interface SqliteOptions {
  /** Create the file when missing (ingest) or refuse (search). Default true. */
  create?: boolean;
  busyTimeoutMs?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

type Stmt = Database.Statement<unknown[], unknown>;

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  /** The connection; exposed for tests and maintenance tools, not for callers' queries. */
  readonly db: Database.Database;
  readonly schemaVersion: number;
  private readonly busyMs: number;
  private readonly stmts: {
    insertDoc: Stmt;
    insertJson: Stmt;
    insertFts: Stmt;
    insertEntity: Stmt;
    insertQuote: Stmt;
    insertEvent: Stmt;
    insertInput: Stmt;
    knownInputs: Stmt;
    getDoc: Stmt;
    getText: Stmt;
    scan: Stmt;
    upsertKb: Stmt;
    kbRows: Stmt;
  };
  private readonly searchCache = new Map<string, { page: Stmt; count: Stmt }>();
  private readonly putTx: (items: PutItem[]) => PutResult;
  private readonly derived: SqliteDerived;
  private readonly corpus: SqliteCorpus;

  constructor(
    readonly location: string,
    opts: SqliteOptions = {},
  ) {
    this.busyMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const path = resolve(location);
    if (existsSync(path) && statSync(path).isDirectory())
      throw new InputError(location, "is a directory (give a database file path with --db)");
    if (opts.create === false && !existsSync(path)) {
      throw new InputError(location, "no such database: run `marsad ingest <files…>` first (or point --db / MARSAD_DB at one)");
    }
    if (!existsSync(dirname(path)))
      throw new InputError(location, `cannot create the database: directory ${dirname(location)} does not exist`);
    try {
      this.db = new Database(path, { timeout: this.busyMs });
    } catch (err) {
      throw explain(err, location, this.busyMs);
    }
    try {
      // journal_mode=WAL needs the write lock the first time; busy_timeout applies.
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("foreign_keys = ON");
      this.schemaVersion = migrate(this.db, location);
      this.stmts = {
        insertDoc: this.db.prepare(
          `INSERT INTO docs(id, published, day, outlet, outlet_key, section, title, url, path, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING RETURNING n`,
        ),
        insertJson: this.db.prepare("INSERT INTO doc_json(n, doc) VALUES (?, ?)"),
        insertFts: this.db.prepare("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)"),
        insertEntity: this.db.prepare(
          "INSERT OR IGNORE INTO entities(doc_n, local_id, kb_id, name, name_key, type, mentions, salience) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ),
        insertQuote: this.db.prepare(
          `INSERT INTO quotes(doc_n, i, start, "end", text, speaker_kb_id, speaker_name, speaker_key, cue, direct)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        insertEvent: this.db.prepare(
          `INSERT INTO events(doc_n, i, type, start, "end", trigger, source, target, confidence, negated, mode)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        insertInput: this.db.prepare("INSERT OR IGNORE INTO inputs(hash, doc_id) VALUES (?, ?)"),
        // One statement whatever the number of hashes: json_each takes a list.
        knownInputs: this.db.prepare("SELECT hash FROM inputs WHERE hash IN (SELECT value FROM json_each(?))"),
        getDoc: this.db.prepare("SELECT j.doc FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.id = ?"),
        getText: this.db.prepare("SELECT json_extract(j.doc, '$.text') AS text FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.id = ?"),
        scan: this.db.prepare("SELECT n, doc FROM doc_json WHERE n > ? ORDER BY n LIMIT ?"),
        // Learned rows add up; a user row replaces the one it repeats (src/store/kb.ts).
        upsertKb: this.db.prepare(
          `INSERT INTO kb(kb_id, alias, source, display, type, valid_from, valid_to, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(kb_id, alias, source) DO UPDATE SET
             count      = CASE WHEN kb.source = 'learned' THEN kb.count + excluded.count ELSE excluded.count END,
             valid_from = CASE WHEN kb.source = 'learned'
                               THEN coalesce(min(kb.valid_from, excluded.valid_from), kb.valid_from, excluded.valid_from)
                               ELSE excluded.valid_from END,
             valid_to   = CASE WHEN kb.source = 'learned'
                               THEN coalesce(max(kb.valid_to, excluded.valid_to), kb.valid_to, excluded.valid_to)
                               ELSE excluded.valid_to END,
             display    = CASE WHEN kb.source = 'learned' THEN kb.display ELSE excluded.display END,
             type       = CASE WHEN kb.source = 'learned' THEN kb.type ELSE excluded.type END`,
        ),
        kbRows: this.db.prepare(
          `SELECT kb_id AS kbId, alias, display, type, source, valid_from AS validFrom, valid_to AS validTo, count FROM kb`,
        ),
      };
      this.derived = new SqliteDerived(this.db);
      this.corpus = new SqliteCorpus(this.db, this.derived);
    } catch (err) {
      this.db.close();
      throw explain(err, location, this.busyMs);
    }
    this.putTx = this.db.transaction((items: PutItem[]) => this.putAll(items)).immediate;
  }

  private putAll(items: PutItem[]): PutResult {
    const s = this.stmts;
    const now = new Date().toISOString();
    let added = 0;
    let unchanged = 0;
    const taught: KbRow[] = [];
    for (const { doc, inputHash } of items) {
      const day = doc.published && DAY.test(doc.published) ? doc.published.slice(0, 10) : null;
      const row = s.insertDoc.get(
        doc.id,
        doc.published,
        day,
        doc.outlet,
        outletKey(doc.outlet),
        doc.section,
        doc.title,
        doc.url,
        doc.path,
        now,
      ) as { n: number } | undefined;
      s.insertInput.run(inputHash, doc.id);
      if (!row) {
        unchanged++;
        continue;
      }
      added++;
      const n = row.n;
      s.insertJson.run(n, doc.json);
      s.insertFts.run(n, doc.titleTerms, doc.bodyTerms);
      for (const e of doc.entities) s.insertEntity.run(n, e.localId, e.kbId, e.name, nameKey(e.name), e.type, e.mentions, e.salience);
      this.derived.aliases(doc.entities);
      for (const [i, q] of doc.quotes.entries()) {
        const speakerKey = q.speakerName === null ? null : nameKey(q.speakerName);
        s.insertQuote.run(n, i, q.start, q.end, q.text, q.speakerKbId, q.speakerName, speakerKey, q.cue, q.direct ? 1 : 0);
        this.derived.quoteAbout(n, i, q.about);
      }
      for (const [i, ev] of doc.events.entries()) {
        s.insertEvent.run(
          n,
          i,
          ev.type,
          ev.start,
          ev.end,
          ev.trigger,
          JSON.stringify(ev.source),
          JSON.stringify(ev.target),
          ev.confidence,
          ev.negated ? 1 : 0,
          ev.mode,
        );
        this.derived.eventActors(n, i, ev.source, ev.target);
      }
      this.derived.story(n, day, doc.signature);
      for (const r of doc.kbRows ?? []) taught.push(r);
    }
    this.writeKb(taught);
    return { added, unchanged };
  }

  /** Merge knowledge-base rows into the kb table (inside the caller's transaction); returns the rows written. */
  private writeKb(rows: KbRow[]): number {
    const list = kbRowsToWrite(rows, this.location);
    for (const r of list) this.stmts.upsertKb.run(r.kbId, r.alias, r.source, r.display, r.type, r.validFrom, r.validTo, r.count);
    return list.length;
  }

  async kbRows(): Promise<KbRow[]> {
    return this.view(() => sortKbRows(this.stmts.kbRows.all() as KbRow[]));
  }

  async putKbRows(rows: KbRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.view(() => this.db.transaction(() => this.writeKb(rows)).immediate());
  }

  private fail(err: unknown): never {
    throw explain(err, this.location, this.busyMs);
  }

  async knownInputs(hashes: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (hashes.length === 0) return known;
    try {
      const rows = this.stmts.knownInputs.all(JSON.stringify(hashes)) as { hash: string }[];
      for (const r of rows) known.add(r.hash);
    } catch (err) {
      this.fail(err);
    }
    return known;
  }

  async put(items: PutItem[]): Promise<PutResult> {
    if (items.length === 0) return { added: 0, unchanged: 0 };
    try {
      return this.putTx(items);
    } catch (err) {
      this.fail(err);
    }
  }

  async get(id: string): Promise<ArticleDocument | null> {
    const row = this.stmts.getDoc.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as ArticleDocument) : null;
  }

  async *documents(): AsyncIterable<ArticleDocument> {
    let after = 0;
    for (;;) {
      const rows = this.stmts.scan.all(after, SCAN_PAGE) as { n: number; doc: string }[];
      for (const r of rows) yield JSON.parse(r.doc) as ArticleDocument;
      if (rows.length < SCAN_PAGE) return;
      after = rows[rows.length - 1].n;
    }
  }

  /**
   * The page and count statements for a filter shape (cached). Without
   * filters the ranking runs on the index alone (collapsing joins only the
   * small doc_story rows) and only the page's rows are joined to docs; with
   * filters every match is joined to docs (rows kept small for that reason,
   * see migration 2).
   */
  private searchStatements(f: SearchFilters, collapse: boolean): { page: Stmt; count: Stmt } {
    const { where } = docWhere(f);
    const and = where.map((w) => ` AND ${w}`).join("");
    const key = `${collapse ? "story" : "doc"}:${and}`;
    let cached = this.searchCache.get(key);
    if (!cached) {
      const bm25 = `bm25(doc_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.body})`;
      const cols = "d.id, d.title, d.url, d.outlet, d.section, d.published";
      if (collapse) {
        // docs is joined only for filters; the story is in doc_story.
        const docs = where.length > 0 ? "JOIN docs d ON d.n = doc_fts.rowid" : "";
        const m = `SELECT doc_fts.rowid AS n, coalesce(st.story, doc_fts.rowid) AS story, ${bm25} AS rank
                   FROM doc_fts ${docs} LEFT JOIN doc_story st ON st.n = doc_fts.rowid
                   WHERE doc_fts MATCH @match${and}`;
        cached = {
          // Every row of the page's stories up to the copies listed, best story first, each story's best document first;
          // the totals ride on every row (a page past the end falls back to the count statement).
          page: this.db.prepare(
            `WITH m AS MATERIALIZED (${m}),
             r AS MATERIALIZED (
               SELECT n, story, rank, row_number() OVER w AS rn, first_value(n) OVER w AS rep, first_value(rank) OVER w AS best,
                      count(*) OVER (PARTITION BY story) AS size
               FROM m WINDOW w AS (PARTITION BY story ORDER BY rank, n)),
             p AS (SELECT story, rep, best FROM r WHERE rn = 1 ORDER BY best, rep LIMIT @limit OFFSET @offset)
             SELECT ${cols}, r.rank, r.rn, r.size, r.story,
                    (SELECT count(*) FROM m) AS documents, (SELECT count(*) FROM r WHERE rn = 1) AS stories
             FROM p JOIN r ON r.story = p.story AND r.rn <= ${MAX_STORY_COPIES + 1} JOIN docs d ON d.n = r.n
             ORDER BY p.best, p.rep, r.rn`,
          ),
          count: this.db.prepare(
            `SELECT count(DISTINCT coalesce(st.story, doc_fts.rowid)) AS stories, count(*) AS documents
             FROM doc_fts ${docs} LEFT JOIN doc_story st ON st.n = doc_fts.rowid WHERE doc_fts MATCH @match${and}`,
          ),
        };
      } else if (where.length === 0) {
        cached = {
          page: this.db.prepare(
            `SELECT ${cols}, t.rank FROM
               (SELECT rowid AS n, ${bm25} AS rank FROM doc_fts WHERE doc_fts MATCH @match ORDER BY rank, rowid LIMIT @limit OFFSET @offset) t
             JOIN docs d ON d.n = t.n ORDER BY t.rank, t.n`,
          ),
          count: this.db.prepare("SELECT count(*) AS documents FROM doc_fts WHERE doc_fts MATCH @match"),
        };
      } else {
        const from = `FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid WHERE doc_fts MATCH @match${and}`;
        cached = {
          page: this.db.prepare(`SELECT ${cols}, ${bm25} AS rank ${from} ORDER BY rank, d.n LIMIT @limit OFFSET @offset`),
          count: this.db.prepare(`SELECT count(*) AS documents ${from}`),
        };
      }
      this.searchCache.set(key, cached);
    }
    return cached;
  }

  async search(q: TermQuery, opts: { withText?: boolean } = {}): Promise<HitPage> {
    const collapse = q.collapse === true;
    const unit = collapse ? "stories" : "documents";
    const match = buildMatch(q.must, q.not);
    if (match === null) return { total: 0, unit, documents: 0, hits: [] };
    const params = { match, ...docWhere(q.filters).params };
    try {
      const { page, count } = this.searchStatements(q.filters, collapse);
      let hits: StoredHit[];
      let total: number;
      let documents: number;
      if (collapse) {
        const rows = page.all({ ...params, limit: q.limit, offset: q.offset }) as Array<
          Omit<StoredHit, "score"> & { rank: number; rn: number; size: number; story: number; documents: number; stories: number }
        >;
        hits = [];
        for (const { rank, rn, size, story: _story, documents: _d, stories: _s, ...r } of rows) {
          if (rn === 1) hits.push({ ...r, score: -rank, copies: [], copyCount: size - 1 });
          else
            (hits[hits.length - 1].copies as StoryCopy[]).push({
              id: r.id,
              title: r.title,
              outlet: r.outlet,
              published: r.published,
              url: r.url,
            });
        }
        if (rows.length > 0) {
          total = rows[0].stories;
          documents = rows[0].documents;
        } else {
          const c = count.get(params) as { stories: number; documents: number };
          total = c.stories;
          documents = c.documents;
        }
      } else {
        total = documents = (count.get(params) as { documents: number }).documents;
        const rows = page.all({ ...params, limit: q.limit, offset: q.offset }) as Array<Omit<StoredHit, "score"> & { rank: number }>;
        hits = rows.map(({ rank, ...r }) => ({ ...r, score: -rank }));
      }
      if (opts.withText) {
        for (const h of hits) h.text = (this.stmts.getText.get(h.id) as { text: string } | undefined)?.text ?? "";
      }
      return { total, unit, documents, hits };
    } catch (err) {
      this.fail(err);
    }
  }

  // ---------------------------------------------------------------- corpus views (corpus.ts)

  /** Run a corpus view, turning known SQLite failures into one-line errors. */
  private view<T>(f: () => T): T {
    try {
      return f();
    } catch (err) {
      this.fail(err);
    }
  }

  async list(f: ListFilters, limit: number, offset: number): Promise<Page<ArticleSummary>> {
    return this.view(() => this.corpus.list(f, limit, offset));
  }

  async facets(): Promise<Facets> {
    return this.view(() => this.corpus.facets());
  }

  async delete(id: string): Promise<boolean> {
    return this.view(() => this.db.transaction(() => this.corpus.delete(id)).immediate());
  }

  async entity(key: string): Promise<EntitySummary | null> {
    return this.view(() => this.corpus.entity(key));
  }

  async entityTimeline(key: string, by: "day" | "month", f: DayFilters): Promise<TimelinePoint[]> {
    return this.view(() => this.corpus.entityTimeline(key, by, f));
  }

  async cooccurrence(key: string, limit: number): Promise<CoEntity[]> {
    return this.view(() => this.corpus.cooccurrence(key, limit));
  }

  async quotes(f: QuoteFilters, limit: number, offset: number): Promise<Page<QuoteItem>> {
    return this.view(() => this.corpus.quotes(f, limit, offset));
  }

  async events(f: EventFilters, limit: number, offset: number): Promise<EventPage> {
    return this.view(() => this.corpus.events(f, limit, offset));
  }

  async related(id: string, limit: number): Promise<RelatedItem[] | null> {
    return this.view(() => this.corpus.related(id, limit));
  }

  async entityRefs(lookup: EntityLookup, limit: number): Promise<EntityRef[]> {
    return this.view(() => this.corpus.entityRefs(lookup, limit));
  }

  async nearDuplicateCandidates(
    id: string,
    windowDays: number,
    max: number,
  ): Promise<{ self: ArticleSummary & { signature: Uint32Array | null }; candidates: NearDupCandidate[] } | null> {
    return this.view(() => this.corpus.nearDuplicateCandidates(id, windowDays, max));
  }

  async stats(): Promise<StoreStats> {
    const c = (table: string) => (this.db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    return { documents: c("docs"), entities: c("entities"), quotes: c("quotes"), events: c("events"), schemaVersion: this.schemaVersion };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
