/**
 * The corpus views of the SQLite store (the Store methods after search):
 * article listing, facets, deletion, the entity page (summary, timeline,
 * co-occurrence), quotes, events with their time series, related articles,
 * entity lookup by alias, and near-duplicate candidates. SQL over the tables
 * of migrations.ts; it reads only what ingest already wrote (indexed columns
 * and the per-document entity, quote and event rows) and never re-analyzes.
 * src/store/postgres/corpus.ts answers the same calls with the same results.
 *
 * Entity keys: an entity is named by its knowledge-base id, or by its name
 * when it is not linked. A key matches rows whose kb_id is the key or whose
 * name has the same matching key (src/store/keys.ts nameKey): the same rule
 * the search filter `entity=` uses. Speakers, quote subjects and event
 * participants are compared on their stored keys the same way.
 */
import type Database from "better-sqlite3";
import { bandHashes, dayWindow, decodeSignature } from "../../corpus/near-dup.js";
import { termsOf } from "../../search/terms.js";
import { nameKey, outletKey } from "../keys.js";
import type {
  ArticleSummary,
  CoEntity,
  DayFilters,
  EntityLookup,
  EntityRef,
  EntitySummary,
  EventFilters,
  EventItem,
  EventMode,
  EventPage,
  Facets,
  ListFilters,
  NearDupCandidate,
  Page,
  Participant,
  QuoteFilters,
  QuoteItem,
  RelatedItem,
  TimelinePoint,
} from "../types.js";
import { candidateSql, type SqliteDerived } from "./derived.js";
import { COLUMN_WEIGHTS, ftsString } from "./fts.js";

/** Terms of the title used to find related articles by wording when entities are too few. */
export const RELATED_TITLE_TERMS = 12;
/** Names listed per related article as the reason it is related. */
export const RELATED_SHARED_NAMES = 4;
/** Other names listed in an entity summary. */
export const ENTITY_NAMES = 10;

type Stmt = Database.Statement<unknown[], unknown>;
type Params = Record<string, string | number | null>;

const ENTITY_MATCH = "(e.kb_id = @key OR e.name_key = @nameKey)";
/** Only events stated as having happened (EventFilters.all turns this off). */
const ASSERTED = "ev.negated = 0 AND ev.mode = 'asserted'";

const whereSql = (where: string[]): string => (where.length ? `WHERE ${where.join(" AND ")}` : "");

/** WHERE clauses and parameters for the common document filters (alias d = docs). */
export function docWhere(f: ListFilters): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = {};
  if (f.from) {
    where.push("d.day >= @from");
    params.from = f.from;
  }
  if (f.to) {
    where.push("d.day <= @to");
    params.to = f.to;
  }
  if (f.outlet) {
    const k = outletKey(f.outlet);
    where.push(k === null ? "0" : "d.outlet_key = @outletKey");
    if (k !== null) params.outletKey = k;
  }
  if (f.section) {
    where.push("d.section = @section COLLATE NOCASE");
    params.section = f.section;
  }
  if (f.entity) {
    where.push(`EXISTS (SELECT 1 FROM entities e WHERE e.doc_n = d.n AND ${ENTITY_MATCH})`);
    params.key = f.entity;
    params.nameKey = nameKey(f.entity);
  }
  return { where, params };
}

export class SqliteCorpus {
  private readonly cache = new Map<string, Stmt>();

  constructor(
    private readonly db: Database.Database,
    private readonly derived: SqliteDerived,
  ) {}

  private stmt(sql: string): Stmt {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  list(f: ListFilters, limit: number, offset: number): Page<ArticleSummary> {
    const { where, params } = docWhere(f);
    const w = whereSql(where);
    const total = (this.stmt(`SELECT count(*) AS c FROM docs d ${w}`).get(params) as { c: number }).c;
    const items = this.stmt(
      `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url FROM docs d ${w}
       ORDER BY d.day DESC NULLS LAST, d.n DESC LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit, offset }) as ArticleSummary[];
    return { total, limit, offset, items };
  }

  facets(): Facets {
    const count = (table: string) => (this.stmt(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    const range = this.stmt("SELECT min(day) AS firstDay, max(day) AS lastDay FROM docs").get() as {
      firstDay: string | null;
      lastDay: string | null;
    };
    const stories = (
      this.stmt("SELECT count(DISTINCT coalesce(st.story, d.n)) AS c FROM docs d LEFT JOIN doc_story st ON st.n = d.n").get() as {
        c: number;
      }
    ).c;
    const group = (col: string) =>
      this.stmt(
        `SELECT ${col} AS name, count(*) AS articles FROM docs WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY articles DESC, name`,
      ).all() as Array<{ name: string; articles: number }>;
    return {
      documents: count("docs"),
      stories,
      entities: count("entities"),
      quotes: count("quotes"),
      events: count("events"),
      ...range,
      outlets: group("outlet"),
      sections: group("section"),
    };
  }

  delete(id: string): boolean {
    const row = this.stmt("SELECT n FROM docs WHERE id = ?").get(id) as { n: number } | undefined;
    if (!row) return false;
    this.stmt("DELETE FROM doc_fts WHERE rowid = ?").run(row.n);
    this.derived.dropBands(row.n);
    // Entities, quotes, events, signature and the rest go with the document (ON DELETE CASCADE; foreign keys are on).
    this.stmt("DELETE FROM docs WHERE n = ?").run(row.n);
    this.stmt("DELETE FROM inputs WHERE doc_id = ?").run(id);
    return true;
  }

  entity(key: string): EntitySummary | null {
    const p = { key, nameKey: nameKey(key) };
    const agg = this.stmt(
      `SELECT count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions, min(d.day) AS firstDay, max(d.day) AS lastDay,
              max(CASE WHEN e.kb_id = @key THEN e.kb_id END) AS kbId
       FROM entities e JOIN docs d ON d.n = e.doc_n WHERE ${ENTITY_MATCH}`,
    ).get(p) as { articles: number; mentions: number | null; firstDay: string | null; lastDay: string | null; kbId: string | null };
    if (agg.articles === 0) return null;
    const names = this.stmt(
      `SELECT e.name AS name, count(DISTINCT e.doc_n) AS articles FROM entities e WHERE ${ENTITY_MATCH}
       GROUP BY e.name ORDER BY articles DESC, e.name LIMIT ${ENTITY_NAMES}`,
    ).all(p) as Array<{ name: string; articles: number }>;
    const type = this.stmt(
      `SELECT e.type AS type, count(*) AS c FROM entities e WHERE ${ENTITY_MATCH} GROUP BY e.type ORDER BY c DESC, e.type LIMIT 1`,
    ).get(p) as { type: string };
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
  }

  entityTimeline(key: string, by: "day" | "month", f: DayFilters): TimelinePoint[] {
    const len = by === "day" ? 10 : 7;
    const { where, params } = docWhere({ from: f.from, to: f.to });
    where.push(ENTITY_MATCH, "d.day IS NOT NULL");
    return this.stmt(
      `SELECT substr(d.day, 1, ${len}) AS period, count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions
       FROM entities e JOIN docs d ON d.n = e.doc_n ${whereSql(where)} GROUP BY period ORDER BY period`,
    ).all({ ...params, key, nameKey: nameKey(key) }) as TimelinePoint[];
  }

  cooccurrence(key: string, limit: number): CoEntity[] {
    return this.stmt(
      `WITH mine AS (SELECT DISTINCT e.doc_n FROM entities e WHERE ${ENTITY_MATCH})
       SELECT coalesce(o.kb_id, min(o.name)) AS key, o.kb_id AS kbId, min(o.name) AS name, min(o.type) AS type,
              count(DISTINCT o.doc_n) AS articles
       FROM entities o JOIN mine ON mine.doc_n = o.doc_n
       WHERE coalesce(o.kb_id = @key, 0) = 0 AND o.name_key <> @nameKey
       GROUP BY o.kb_id, CASE WHEN o.kb_id IS NULL THEN o.name_key END ORDER BY articles DESC, name, key LIMIT @limit`,
    ).all({ key, nameKey: nameKey(key), limit }) as CoEntity[];
  }

  quotes(f: QuoteFilters, limit: number, offset: number): Page<QuoteItem> {
    const { where, params } = docWhere({ from: f.from, to: f.to });
    const p: Params = { ...params };
    if (f.speaker) {
      where.push("(q.speaker_kb_id = @speaker OR q.speaker_key = @speakerKey)");
      p.speaker = f.speaker;
      p.speakerKey = nameKey(f.speaker);
    }
    if (f.about) {
      where.push("(q.doc_n, q.i) IN (SELECT a.doc_n, a.i FROM quote_about a WHERE a.key = @aboutKey)");
      p.aboutKey = nameKey(f.about);
    }
    const from = `FROM quotes q JOIN docs d ON d.n = q.doc_n ${whereSql(where)}`;
    const total = (this.stmt(`SELECT count(*) AS c ${from}`).get(p) as { c: number }).c;
    const rows = this.stmt(
      `SELECT d.id AS articleId, d.title, d.published, d.outlet, q.text, q.start, q."end" AS "end", q.speaker_kb_id AS speakerKbId,
              q.speaker_name AS speakerName, q.cue, q.direct
       ${from} ORDER BY d.day DESC NULLS LAST, d.n DESC, q.i LIMIT @limit OFFSET @offset`,
    ).all({ ...p, limit, offset }) as Array<Omit<QuoteItem, "direct"> & { direct: number }>;
    return { total, limit, offset, items: rows.map((r) => ({ ...r, direct: r.direct === 1 })) };
  }

  events(f: EventFilters, limit: number, offset: number): EventPage {
    const { where, params } = docWhere({ from: f.from, to: f.to });
    const p: Params = { ...params };
    const actor = (name: string, value: string, side: "s" | "t" | null) => {
      p[name] = nameKey(value);
      const sideSql = side ? ` AND a.side = '${side}'` : "";
      where.push(`(ev.doc_n, ev.i) IN (SELECT a.doc_n, a.i FROM event_actors a WHERE a.key = @${name}${sideSql})`);
    };
    if (f.source) actor("sourceKey", f.source, "s");
    if (f.target) actor("targetKey", f.target, "t");
    if (f.actor) actor("actorKey", f.actor, null);
    if (f.type) {
      where.push("ev.type = @type COLLATE NOCASE");
      p.type = f.type;
    }
    if (!f.all) where.push(ASSERTED);
    const from = `FROM events ev JOIN docs d ON d.n = ev.doc_n ${whereSql(where)}`;
    const total = (this.stmt(`SELECT count(*) AS c ${from}`).get(p) as { c: number }).c;
    const rows = this.stmt(
      `SELECT d.id AS articleId, d.title, d.published, ev.type, ev.trigger, ev.start, ev."end" AS "end", ev.source, ev.target,
              ev.confidence, ev.negated, ev.mode
       ${from} ORDER BY d.day DESC NULLS LAST, d.n DESC, ev.i LIMIT @limit OFFSET @offset`,
    ).all({ ...p, limit, offset }) as Array<
      Omit<EventItem, "source" | "target" | "negated" | "mode"> & { source: string; target: string; negated: number; mode: EventMode }
    >;
    const len = f.by === "day" ? 10 : 7;
    const counts = this.stmt(
      `SELECT substr(d.day, 1, ${len}) AS period, ev.type AS type, count(*) AS events
       FROM events ev JOIN docs d ON d.n = ev.doc_n ${whereSql([...where, "d.day IS NOT NULL"])}
       GROUP BY period, ev.type ORDER BY period, ev.type`,
    ).all(p) as Array<{ period: string; type: string; events: number }>;
    const names = new Map<string, string>();
    const named = (keys: string[]): Participant[] =>
      keys.map((key) => {
        let name = names.get(key);
        if (name === undefined) {
          // A kbId is shown under the name its entity is most often written with; a plain name as it is.
          const row = this.stmt("SELECT name, count(*) AS c FROM entities WHERE kb_id = ? GROUP BY name ORDER BY c DESC, name LIMIT 1").get(
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
      items: rows.map((r) => ({
        ...r,
        source: named(JSON.parse(r.source) as string[]),
        target: named(JSON.parse(r.target) as string[]),
        negated: r.negated === 1,
      })),
      counts,
    };
  }

  related(id: string, limit: number): RelatedItem[] | null {
    const me = this.stmt("SELECT n, title FROM docs WHERE id = ?").get(id) as { n: number; title: string } | undefined;
    if (!me) return null;
    const byEntities = this.stmt(
      `WITH mine AS (SELECT kb_id, name_key, salience FROM entities WHERE doc_n = @n),
       shared AS (
         SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.kb_id = m.kb_id
           WHERE m.kb_id IS NOT NULL AND o.doc_n <> @n
         UNION ALL
         SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.name_key = m.name_key AND o.kb_id IS NULL
           WHERE m.kb_id IS NULL AND o.doc_n <> @n)
       SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, sum(s.s) AS score,
              json_group_array(s.name ORDER BY s.s DESC, s.name) AS names
       FROM shared s JOIN docs d ON d.n = s.doc_n GROUP BY s.doc_n
       ORDER BY round(sum(s.s), 9) DESC, d.day DESC NULLS LAST, d.n DESC LIMIT @limit`,
    ).all({ n: me.n, limit }) as Array<ArticleSummary & { score: number; names: string }>;
    const out: RelatedItem[] = byEntities.map(({ names, score, ...a }) => ({
      ...a,
      score: Math.round(score * 1000) / 1000,
      reason: "entities",
      shared: sharedNames(JSON.parse(names) as string[]),
    }));
    if (out.length >= limit) return out;
    const terms = [...new Set(termsOf(me.title).map((t) => t.term))].slice(0, RELATED_TITLE_TERMS);
    if (terms.length === 0) return out;
    const seen = new Set([id, ...out.map((r) => r.id)]);
    const bm25 = `bm25(doc_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.body})`;
    const byWords = this.stmt(
      `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, -${bm25} AS score
       FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid WHERE doc_fts MATCH @match AND d.n <> @n ORDER BY ${bm25}, d.n LIMIT @limit`,
    ).all({ match: terms.map(ftsString).join(" OR "), n: me.n, limit: limit + out.length }) as Array<ArticleSummary & { score: number }>;
    for (const r of byWords) {
      if (out.length >= limit) break;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, score: Math.round(r.score * 1000) / 1000, reason: "words", shared: [] });
    }
    return out;
  }

  entityRefs(lookup: EntityLookup, limit: number): EntityRef[] {
    if (lookup.keys.length === 0 && lookup.words.length === 0) return [];
    // Mentions as entity() counts them: by kbId, or for a name key by that key (or a kbId equal to it).
    const rows = this.stmt(
      `WITH r AS (
         SELECT ref, linked, min(word) AS word FROM entity_aliases
         WHERE (alias IN (SELECT value FROM json_each(@keys)) AND word = 0) OR alias IN (SELECT value FROM json_each(@words))
         GROUP BY ref, linked)
       SELECT r.ref, r.linked, r.word,
              CASE WHEN r.linked = 1 THEN (SELECT coalesce(sum(e.mentions), 0) FROM entities e WHERE e.kb_id = r.ref)
                   ELSE (SELECT coalesce(sum(e.mentions), 0) FROM entities e WHERE e.name_key = r.ref OR e.kb_id = r.ref) END AS mentions
       FROM r ORDER BY r.word, mentions DESC, r.ref LIMIT @limit`,
    ).all({ keys: JSON.stringify(lookup.keys), words: JSON.stringify(lookup.words), limit }) as Array<{
      ref: string;
      linked: number;
      word: number;
      mentions: number;
    }>;
    return rows.map((r) => ({ ref: r.ref, linked: r.linked === 1, word: r.word === 1, mentions: r.mentions }));
  }

  nearDuplicateCandidates(
    id: string,
    windowDays: number,
    max: number,
  ): { self: ArticleSummary & { signature: Uint32Array | null }; candidates: NearDupCandidate[] } | null {
    const me = this.stmt(
      `SELECT d.n, d.id, d.title, d.published, d.outlet, d.section, d.url, d.day, s.sig
       FROM docs d LEFT JOIN doc_sig s ON s.n = d.n WHERE d.id = ?`,
    ).get(id) as (ArticleSummary & { n: number; day: string | null; sig: Buffer | null }) | undefined;
    if (!me) return null;
    const { n, day, sig, ...summary } = me;
    const signature = decodeSignature(sig);
    if (!signature) return { self: { ...summary, signature: null }, candidates: [] };
    const w = dayWindow(day, windowDays);
    const rows = this.stmt(candidateSql("b.n <> @n", true)).all({
      n,
      bands: JSON.stringify(bandHashes(signature)),
      lo: w?.lo ?? null,
      hi: w?.hi ?? null,
      max,
    }) as Array<ArticleSummary & { sig: Buffer }>;
    const candidates: NearDupCandidate[] = [];
    for (const { sig: s, ...r } of rows) {
      const cs = decodeSignature(s);
      if (cs)
        candidates.push({
          id: r.id,
          title: r.title,
          published: r.published,
          outlet: r.outlet,
          section: r.section,
          url: r.url,
          signature: cs,
        });
    }
    return { self: { ...summary, signature }, candidates };
  }
}

/** The distinct shared names, in the order they came, at most RELATED_SHARED_NAMES. */
export function sharedNames(names: string[]): string[] {
  return [...new Set(names)].slice(0, RELATED_SHARED_NAMES);
}
