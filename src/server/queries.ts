/**
 * Corpus queries the HTTP API needs and the Store interface does not (yet)
 * have: article listing, facets, deletion, and the entity, quote, event and
 * related-article views. They are written against the SQLite store's tables
 * (src/store/sqlite/migrations.ts), through the connection SqliteStore
 * exposes, and read only the indexed columns and the per-document entity,
 * quote and event rows that ingest already wrote: nothing here re-analyzes.
 *
 * These belong in the Store interface once a second backend exists (the
 * method list is in docs/api.md, "Store methods the API uses"); until then a
 * store that is not SQLite gets a 501 from `corpusDb`.
 *
 * Entity keys: an entity is named in URLs by its knowledge-base id, or by
 * its name when it is not linked. A key matches rows whose kb_id is the key
 * or whose name has the same matching key (normalizeKey): the same rule the
 * search filter `entity=` uses. Event participants are stored as kbId-or-name
 * strings, compared the same way through the SQL function marsad_key().
 */
import type Database from "better-sqlite3";
import { termsOf } from "../search/terms.js";
import { explain } from "../store/sqlite/errors.js";
import { ftsString } from "../store/sqlite/fts.js";
import { SqliteStore } from "../store/sqlite/store.js";
import type { Store } from "../store/types.js";
import { normalizeKey } from "../text/normalize.js";
import { ApiError } from "./errors.js";

/** Terms of the title used to find related articles by wording when entities are too few. */
const RELATED_TITLE_TERMS = 12;
/** Names listed per related article as the reason it is related. */
const RELATED_SHARED_NAMES = 4;

type Db = Database.Database;
type Stmt = Database.Statement<unknown[], unknown>;

const prepared = new WeakMap<Db, Map<string, Stmt>>();

function stmt(db: Db, sql: string): Stmt {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
    // Matching keys inside SQL: the one normalization, never a second one in SQL.
    db.function("marsad_key", { deterministic: true }, (s: unknown) => (typeof s === "string" ? normalizeKey(s) : null));
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/** The SQLite connection behind a store, or a 501 for backends these queries do not cover. */
export function corpusDb(store: Store): Db {
  if (store instanceof SqliteStore) return store.db;
  throw new ApiError(501, "not_implemented", `this endpoint is not available on the ${store.kind} backend yet`);
}

function run<T>(store: Store, f: (db: Db) => T): T {
  const db = corpusDb(store);
  try {
    return f(db);
  } catch (err) {
    throw explain(err, store.location, 0);
  }
}

export interface DayFilters {
  from?: string | null;
  to?: string | null;
}

export interface ListFilters extends DayFilters {
  outlet?: string | null;
  section?: string | null;
  entity?: string | null;
}

export interface ArticleSummary {
  id: string;
  title: string;
  published: string | null;
  outlet: string | null;
  section: string | null;
  url: string | null;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

const ENTITY_MATCH = "(e.kb_id = @key OR e.name_key = @nameKey)";

/** WHERE clauses and parameters for the common document filters (alias d = docs). */
function docWhere(f: ListFilters): { where: string[]; params: Record<string, string> } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) {
    where.push("d.day >= @from");
    params.from = f.from;
  }
  if (f.to) {
    where.push("d.day <= @to");
    params.to = f.to;
  }
  if (f.outlet) {
    where.push("d.outlet = @outlet COLLATE NOCASE");
    params.outlet = f.outlet;
  }
  if (f.section) {
    where.push("d.section = @section COLLATE NOCASE");
    params.section = f.section;
  }
  if (f.entity) {
    where.push(`EXISTS (SELECT 1 FROM entities e WHERE e.doc_n = d.n AND ${ENTITY_MATCH})`);
    params.key = f.entity;
    params.nameKey = normalizeKey(f.entity);
  }
  return { where, params };
}

const whereSql = (where: string[]): string => (where.length ? `WHERE ${where.join(" AND ")}` : "");

/** Articles, newest first, with the same filters as search. */
export function listArticles(store: Store, f: ListFilters, limit: number, offset: number): Page<ArticleSummary> {
  return run(store, (db) => {
    const { where, params } = docWhere(f);
    const w = whereSql(where);
    const total = (stmt(db, `SELECT count(*) AS c FROM docs d ${w}`).get(params) as { c: number }).c;
    const items = stmt(
      db,
      `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url FROM docs d ${w} ORDER BY d.day DESC, d.n DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit, offset }) as ArticleSummary[];
    return { total, limit, offset, items };
  });
}

export interface Facets {
  documents: number;
  entities: number;
  quotes: number;
  events: number;
  firstDay: string | null;
  lastDay: string | null;
  outlets: Array<{ name: string; articles: number }>;
  sections: Array<{ name: string; articles: number }>;
}

/** Corpus size, date range, and the outlets and sections there are (for filter menus). */
export function facets(store: Store): Facets {
  return run(store, (db) => {
    const count = (table: string) => (stmt(db, `SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    const range = stmt(db, "SELECT min(day) AS firstDay, max(day) AS lastDay FROM docs").get() as {
      firstDay: string | null;
      lastDay: string | null;
    };
    const group = (col: string) =>
      stmt(
        db,
        `SELECT ${col} AS name, count(*) AS articles FROM docs WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY articles DESC, name`,
      ).all() as Array<{
        name: string;
        articles: number;
      }>;
    return {
      documents: count("docs"),
      entities: count("entities"),
      quotes: count("quotes"),
      events: count("events"),
      ...range,
      outlets: group("outlet"),
      sections: group("section"),
    };
  });
}

/**
 * Delete one article with its index entry, entity/quote/event rows and input
 * hashes (so ingesting the same input again stores it again). Returns false
 * when no article has that id.
 */
export function deleteArticle(store: Store, id: string): boolean {
  return run(store, (db) => {
    const tx = db.transaction((): boolean => {
      const row = stmt(db, "SELECT n FROM docs WHERE id = ?").get(id) as { n: number } | undefined;
      if (!row) return false;
      stmt(db, "DELETE FROM doc_fts WHERE rowid = ?").run(row.n);
      // Entities, quotes and events go with the document (ON DELETE CASCADE; the store turns foreign keys on).
      stmt(db, "DELETE FROM docs WHERE n = ?").run(row.n);
      stmt(db, "DELETE FROM inputs WHERE doc_id = ?").run(id);
      return true;
    });
    return tx.immediate();
  });
}

export interface EntitySummary {
  /** The key it was looked up by. */
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  /** Names it appears under, most frequent first. */
  names: Array<{ name: string; articles: number }>;
  articles: number;
  mentions: number;
  firstDay: string | null;
  lastDay: string | null;
}

/** An entity across the corpus, or null when no article mentions it. */
export function entitySummary(store: Store, key: string): EntitySummary | null {
  return run(store, (db) => {
    const p = { key, nameKey: normalizeKey(key) };
    const agg = stmt(
      db,
      `SELECT count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions, min(d.day) AS firstDay, max(d.day) AS lastDay,
              max(CASE WHEN e.kb_id = @key THEN e.kb_id END) AS kbId
       FROM entities e JOIN docs d ON d.n = e.doc_n WHERE ${ENTITY_MATCH}`,
    ).get(p) as { articles: number; mentions: number | null; firstDay: string | null; lastDay: string | null; kbId: string | null };
    if (agg.articles === 0) return null;
    const names = stmt(
      db,
      `SELECT e.name AS name, count(DISTINCT e.doc_n) AS articles FROM entities e WHERE ${ENTITY_MATCH} GROUP BY e.name ORDER BY articles DESC, e.name LIMIT 10`,
    ).all(p) as Array<{ name: string; articles: number }>;
    const type = stmt(
      db,
      `SELECT e.type AS type, count(*) AS c FROM entities e WHERE ${ENTITY_MATCH} GROUP BY e.type ORDER BY c DESC LIMIT 1`,
    ).get(p) as {
      type: string;
    };
    return {
      key,
      kbId: agg.kbId,
      name: names[0]?.name ?? key,
      type: type.type,
      names,
      articles: agg.articles,
      mentions: agg.mentions ?? 0,
      firstDay: agg.firstDay,
      lastDay: agg.lastDay,
    };
  });
}

export interface TimelinePoint {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string;
  articles: number;
  mentions: number;
}

/** Articles mentioning the entity (and its mentions) per day or month, oldest first; undated articles are left out. */
export function entityTimeline(store: Store, key: string, by: "day" | "month", f: DayFilters): TimelinePoint[] {
  return run(store, (db) => {
    const len = by === "day" ? 10 : 7;
    const { where, params } = docWhere({ from: f.from, to: f.to });
    where.push(ENTITY_MATCH, "d.day IS NOT NULL");
    return stmt(
      db,
      `SELECT substr(d.day, 1, ${len}) AS period, count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions
       FROM entities e JOIN docs d ON d.n = e.doc_n ${whereSql(where)} GROUP BY period ORDER BY period`,
    ).all({ ...params, key, nameKey: normalizeKey(key) }) as TimelinePoint[];
  });
}

export interface CoEntity {
  /** kbId when linked, else the name: what /api/entities/:key takes. */
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  /** Articles that mention both. */
  articles: number;
}

/** Entities that appear in the same articles as this one, most shared articles first. */
export function cooccurrence(store: Store, key: string, limit: number): CoEntity[] {
  return run(store, (db) => {
    return stmt(
      db,
      `WITH mine AS (SELECT DISTINCT e.doc_n FROM entities e WHERE ${ENTITY_MATCH})
       SELECT coalesce(o.kb_id, max(o.name)) AS key, o.kb_id AS kbId, max(o.name) AS name, max(o.type) AS type, count(DISTINCT o.doc_n) AS articles
       FROM entities o JOIN mine ON mine.doc_n = o.doc_n
       WHERE coalesce(o.kb_id = @key, 0) = 0 AND o.name_key <> @nameKey
       GROUP BY coalesce(o.kb_id, o.name_key) ORDER BY articles DESC, name LIMIT @limit`,
    ).all({ key, nameKey: normalizeKey(key), limit }) as CoEntity[];
  });
}

export interface QuoteItem {
  articleId: string;
  title: string;
  published: string | null;
  outlet: string | null;
  text: string;
  start: number;
  end: number;
  speakerKbId: string | null;
  speakerName: string | null;
  cue: string | null;
  direct: boolean;
}

/** Quotes, newest first; `speaker` is a kbId or a name (matched on its key). */
export function quotes(store: Store, f: DayFilters & { speaker?: string | null }, limit: number, offset: number): Page<QuoteItem> {
  return run(store, (db) => {
    const { where, params } = docWhere({ from: f.from, to: f.to });
    const p: Record<string, string | number> = { ...params };
    if (f.speaker) {
      where.push("(q.speaker_kb_id = @speaker OR marsad_key(q.speaker_name) = @speakerKey)");
      p.speaker = f.speaker;
      p.speakerKey = normalizeKey(f.speaker);
    }
    const from = `FROM quotes q JOIN docs d ON d.n = q.doc_n ${whereSql(where)}`;
    const total = (stmt(db, `SELECT count(*) AS c ${from}`).get(p) as { c: number }).c;
    const rows = stmt(
      db,
      `SELECT d.id AS articleId, d.title, d.published, d.outlet, q.text, q.start, q."end" AS "end", q.speaker_kb_id AS speakerKbId,
              q.speaker_name AS speakerName, q.cue, q.direct
       ${from} ORDER BY d.day DESC, d.n DESC, q.i LIMIT @limit OFFSET @offset`,
    ).all({ ...p, limit, offset }) as Array<Omit<QuoteItem, "direct"> & { direct: number }>;
    return { total, limit, offset, items: rows.map((r) => ({ ...r, direct: r.direct === 1 })) };
  });
}

export interface EventFilters extends DayFilters {
  /** Participant on the acting side (kbId or name). */
  source?: string | null;
  /** Participant on the receiving side. */
  target?: string | null;
  /** Participant on either side. */
  actor?: string | null;
  type?: string | null;
}

/** An event participant: the key it is stored under (kbId or name) and a name to show. */
export interface Participant {
  key: string;
  name: string;
}

export interface EventItem {
  articleId: string;
  title: string;
  published: string | null;
  type: string;
  trigger: string;
  start: number;
  end: number;
  source: Participant[];
  target: Participant[];
  confidence: number;
}

export interface EventPage extends Page<EventItem> {
  /** Matching events per month and type (for charts), oldest first. */
  counts: Array<{ period: string; type: string; events: number }>;
}

const participant = (col: "source" | "target", param: string) =>
  `EXISTS (SELECT 1 FROM json_each(ev.${col}) j WHERE j.value = @${param} OR marsad_key(j.value) = @${param}Key)`;

/** Events, newest first, filtered by participants, type and day. */
export function events(store: Store, f: EventFilters, limit: number, offset: number): EventPage {
  return run(store, (db) => {
    const { where, params } = docWhere({ from: f.from, to: f.to });
    const p: Record<string, string | number> = { ...params };
    for (const [name, value] of [
      ["source", f.source],
      ["target", f.target],
      ["actor", f.actor],
    ] as const) {
      if (!value) continue;
      p[name] = value;
      p[`${name}Key`] = normalizeKey(value);
    }
    if (f.source) where.push(participant("source", "source"));
    if (f.target) where.push(participant("target", "target"));
    if (f.actor) where.push(`(${participant("source", "actor")} OR ${participant("target", "actor")})`);
    if (f.type) {
      where.push("ev.type = @type COLLATE NOCASE");
      p.type = f.type;
    }
    const from = `FROM events ev JOIN docs d ON d.n = ev.doc_n ${whereSql(where)}`;
    const total = (stmt(db, `SELECT count(*) AS c ${from}`).get(p) as { c: number }).c;
    const rows = stmt(
      db,
      `SELECT d.id AS articleId, d.title, d.published, ev.type, ev.trigger, ev.start, ev."end" AS "end", ev.source, ev.target, ev.confidence
       ${from} ORDER BY d.day DESC, d.n DESC, ev.i LIMIT @limit OFFSET @offset`,
    ).all({ ...p, limit, offset }) as Array<Omit<EventItem, "source" | "target"> & { source: string; target: string }>;
    const dated = whereSql([...where, "d.day IS NOT NULL"]);
    const counts = stmt(
      db,
      `SELECT substr(d.day, 1, 7) AS period, ev.type AS type, count(*) AS events
       FROM events ev JOIN docs d ON d.n = ev.doc_n ${dated} GROUP BY period, ev.type ORDER BY period, ev.type`,
    ).all(p) as Array<{ period: string; type: string; events: number }>;
    const names = new Map<string, string>();
    const named = (keys: string[]): Participant[] =>
      keys.map((key) => {
        let name = names.get(key);
        if (name === undefined) {
          // A kbId is shown under the name its entity is most often written with; a plain name as it is.
          const row = stmt(db, "SELECT name, count(*) AS c FROM entities WHERE kb_id = ? GROUP BY name ORDER BY c DESC, name LIMIT 1").get(
            key,
          ) as { name: string } | undefined;
          name = row?.name ?? key;
          names.set(key, name);
        }
        return { key, name };
      });
    return {
      total,
      limit,
      offset,
      items: rows.map((r) => ({ ...r, source: named(JSON.parse(r.source) as string[]), target: named(JSON.parse(r.target) as string[]) })),
      counts,
    };
  });
}

export interface RelatedItem extends ArticleSummary {
  score: number;
  /** Why: the entities shared with the article ("entities"), or its title's words ("words"). */
  reason: "entities" | "words";
  shared: string[];
}

/**
 * Articles related to one article: first those sharing its entities (score:
 * sum over shared entities of the product of saliences), then, to fill the
 * list, those ranked by BM25 for the words of its title. null when the
 * article does not exist.
 */
export function related(store: Store, id: string, limit: number): RelatedItem[] | null {
  return run(store, (db) => {
    const me = stmt(db, "SELECT n, title FROM docs WHERE id = ?").get(id) as { n: number; title: string } | undefined;
    if (!me) return null;
    const byEntities = stmt(
      db,
      `WITH mine AS (SELECT kb_id, name_key, salience FROM entities WHERE doc_n = @n),
       shared AS (
         SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.kb_id = m.kb_id WHERE m.kb_id IS NOT NULL AND o.doc_n <> @n
         UNION ALL
         SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.name_key = m.name_key AND o.kb_id IS NULL
           WHERE m.kb_id IS NULL AND o.doc_n <> @n)
       SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, sum(s.s) AS score, group_concat(s.name, '\u0001') AS names
       FROM shared s JOIN docs d ON d.n = s.doc_n GROUP BY s.doc_n ORDER BY score DESC, d.day DESC LIMIT @limit`,
    ).all({ n: me.n, limit }) as Array<ArticleSummary & { score: number; names: string }>;
    const out: RelatedItem[] = byEntities.map(({ names, score, ...a }) => ({
      ...a,
      score: Math.round(score * 1000) / 1000,
      reason: "entities",
      shared: [...new Set(names.split("\u0001"))].slice(0, RELATED_SHARED_NAMES),
    }));
    if (out.length >= limit) return out;
    const terms = [...new Set(termsOf(me.title).map((t) => t.term))].slice(0, RELATED_TITLE_TERMS);
    if (terms.length === 0) return out;
    const seen = new Set([id, ...out.map((r) => r.id)]);
    const byWords = stmt(
      db,
      `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, -bm25(doc_fts, 3.0, 1.0) AS score
       FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid WHERE doc_fts MATCH @match AND d.n <> @n ORDER BY bm25(doc_fts, 3.0, 1.0) LIMIT @limit`,
    ).all({ match: terms.map(ftsString).join(" OR "), n: me.n, limit: limit + out.length }) as Array<ArticleSummary & { score: number }>;
    for (const r of byWords) {
      if (out.length >= limit) break;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, score: Math.round(r.score * 1000) / 1000, reason: "words", shared: [] });
    }
    return out;
  });
}
