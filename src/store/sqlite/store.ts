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
 * per filter shape.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";
import { normalizeKey } from "../../text/normalize.js";
import type { HitPage, PutItem, PutResult, SearchFilters, Store, StoredHit, StoreStats, TermQuery } from "../types.js";
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
  };
  private readonly searchCache = new Map<string, { page: Stmt; count: Stmt }>();
  private readonly putTx: (items: PutItem[]) => PutResult;

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
          `INSERT INTO docs(id, published, day, outlet, section, title, url, path, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING RETURNING n`,
        ),
        insertJson: this.db.prepare("INSERT INTO doc_json(n, doc) VALUES (?, ?)"),
        insertFts: this.db.prepare("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)"),
        insertEntity: this.db.prepare(
          "INSERT OR IGNORE INTO entities(doc_n, local_id, kb_id, name, name_key, type, mentions, salience) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ),
        insertQuote: this.db.prepare(
          `INSERT INTO quotes(doc_n, i, start, "end", text, speaker_kb_id, speaker_name, cue, direct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        insertEvent: this.db.prepare(
          `INSERT INTO events(doc_n, i, type, start, "end", trigger, source, target, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        insertInput: this.db.prepare("INSERT OR IGNORE INTO inputs(hash, doc_id) VALUES (?, ?)"),
        // One statement whatever the number of hashes: json_each takes a list.
        knownInputs: this.db.prepare("SELECT hash FROM inputs WHERE hash IN (SELECT value FROM json_each(?))"),
        getDoc: this.db.prepare("SELECT j.doc FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.id = ?"),
        getText: this.db.prepare("SELECT json_extract(j.doc, '$.text') AS text FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.id = ?"),
        scan: this.db.prepare("SELECT n, doc FROM doc_json WHERE n > ? ORDER BY n LIMIT ?"),
      };
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
    for (const { doc, inputHash } of items) {
      const day = doc.published && DAY.test(doc.published) ? doc.published.slice(0, 10) : null;
      const row = s.insertDoc.get(doc.id, doc.published, day, doc.outlet, doc.section, doc.title, doc.url, doc.path, now) as
        | { n: number }
        | undefined;
      s.insertInput.run(inputHash, doc.id);
      if (!row) {
        unchanged++;
        continue;
      }
      added++;
      const n = row.n;
      s.insertJson.run(n, doc.json);
      s.insertFts.run(n, doc.titleTerms, doc.bodyTerms);
      for (const e of doc.entities) s.insertEntity.run(n, e.localId, e.kbId, e.name, normalizeKey(e.name), e.type, e.mentions, e.salience);
      for (const [i, q] of doc.quotes.entries()) {
        s.insertQuote.run(n, i, q.start, q.end, q.text, q.speakerKbId, q.speakerName, q.cue, q.direct ? 1 : 0);
      }
      for (const [i, ev] of doc.events.entries()) {
        s.insertEvent.run(n, i, ev.type, ev.start, ev.end, ev.trigger, JSON.stringify(ev.source), JSON.stringify(ev.target), ev.confidence);
      }
    }
    return { added, unchanged };
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
   * filters the ranking runs on the index alone and only the page's rows are
   * joined to docs; with filters every match is joined to test them (docs
   * rows are small for that reason, see migration 2).
   */
  private searchStatements(f: SearchFilters): { page: Stmt; count: Stmt } {
    const where: string[] = [];
    if (f.from) where.push("d.day >= @from");
    if (f.to) where.push("d.day <= @to");
    if (f.outlet) where.push("d.outlet = @outlet COLLATE NOCASE");
    if (f.section) where.push("d.section = @section COLLATE NOCASE");
    if (f.entity) where.push("EXISTS (SELECT 1 FROM entities e WHERE e.doc_n = d.n AND (e.kb_id = @entity OR e.name_key = @entityKey))");
    const key = where.join(" AND ");
    let cached = this.searchCache.get(key);
    if (!cached) {
      const bm25 = `bm25(doc_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.body})`;
      const cols = "d.id, d.title, d.url, d.outlet, d.section, d.published";
      if (where.length === 0) {
        cached = {
          page: this.db.prepare(
            `SELECT ${cols}, t.rank FROM
               (SELECT rowid AS n, ${bm25} AS rank FROM doc_fts WHERE doc_fts MATCH @match ORDER BY rank LIMIT @limit OFFSET @offset) t
             JOIN docs d ON d.n = t.n ORDER BY t.rank`,
          ),
          count: this.db.prepare("SELECT count(*) AS c FROM doc_fts WHERE doc_fts MATCH @match"),
        };
      } else {
        const from = `FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid WHERE doc_fts MATCH @match AND ${key}`;
        cached = {
          page: this.db.prepare(`SELECT ${cols}, ${bm25} AS rank ${from} ORDER BY rank LIMIT @limit OFFSET @offset`),
          count: this.db.prepare(`SELECT count(*) AS c ${from}`),
        };
      }
      this.searchCache.set(key, cached);
    }
    return cached;
  }

  async search(q: TermQuery, opts: { withText?: boolean } = {}): Promise<HitPage> {
    const match = buildMatch(q.must, q.not);
    if (match === null) return { total: 0, hits: [] };
    const f = q.filters;
    const params: Record<string, string | number> = { match };
    if (f.from) params.from = f.from;
    if (f.to) params.to = f.to;
    if (f.outlet) params.outlet = f.outlet;
    if (f.section) params.section = f.section;
    if (f.entity) {
      params.entity = f.entity;
      params.entityKey = normalizeKey(f.entity);
    }
    try {
      const { page, count } = this.searchStatements(f);
      const total = (count.get(params) as { c: number }).c;
      const rows = page.all({ ...params, limit: q.limit, offset: q.offset }) as Array<Omit<StoredHit, "score"> & { rank: number }>;
      const hits: StoredHit[] = rows.map(({ rank, ...r }) => ({ ...r, score: -rank }));
      if (opts.withText) {
        for (const h of hits) h.text = (this.stmts.getText.get(h.id) as { text: string } | undefined)?.text ?? "";
      }
      return { total, hits };
    } catch (err) {
      this.fail(err);
    }
  }

  async stats(): Promise<StoreStats> {
    const c = (table: string) => (this.db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    return { documents: c("docs"), entities: c("entities"), quotes: c("quotes"), events: c("events"), schemaVersion: this.schemaVersion };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
