/**
 * The corpus views of the PostgreSQL store: the same Store methods as
 * src/store/sqlite/corpus.ts (article listing, facets, deletion, the entity
 * page, quotes, events with their time series, related articles, entity
 * lookup by alias, near-duplicate candidates), in PostgreSQL's SQL, with the
 * same results on the same corpus (test/store-corpus.test.ts checks both).
 *
 * Differences from SQLite that the SQL takes care of:
 *   - names are ordered with COLLATE "C" (code-point order, as SQLite's
 *     BINARY), never the database's locale, so ties break the same way;
 *   - NULL days sort last explicitly (PostgreSQL puts NULLs first in DESC);
 *   - counts and sums come back as bigint strings and are turned into numbers;
 *   - the related-by-words fallback ranks with ts_rank_cd instead of BM25,
 *     so its order can differ; the entity-based part is the same.
 *
 * Every value travels as a bind parameter; only our own constants and the
 * shape of the filters are written into the SQL.
 */
import type pg from "pg";
import { bandHashes, dayWindow, decodeSignature } from "../../corpus/near-dup.js";
import { termsOf } from "../../search/terms.js";
import { nameKey, outletKey } from "../keys.js";
import { ENTITY_NAMES, RELATED_SHARED_NAMES, RELATED_TITLE_TERMS, sharedNames } from "../sqlite/corpus.js";
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
import { indexable, lexeme, RANK_NORMALIZATION, RANK_WEIGHTS } from "./tsearch.js";

export { RELATED_SHARED_NAMES };

/** Only events stated as having happened (EventFilters.all turns this off). */
const ASSERTED = "NOT ev.negated AND ev.mode = 'asserted'";

/** Positional parameters: `bind(v)` appends v and returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];
  bind = (v: unknown): string => `$${this.values.push(v)}`;
}

const whereSql = (where: string[]): string => (where.length ? `WHERE ${where.join(" AND ")}` : "");

/** The entity condition on alias e: kbId, or name on its matching key. */
function entityMatch(p: Params, key: string, alias = "e"): string {
  return `(${alias}.kb_id = ${p.bind(key)} OR ${alias}.name_key = ${p.bind(nameKey(key))})`;
}

/**
 * Conditions for the common document filters (alias d = docs; `n` is the
 * expression of the document number, for the entity filter).
 */
export function docWhere(f: ListFilters, p: Params, n = "d.n"): string[] {
  const where: string[] = [];
  if (f.from) where.push(`d.day >= ${p.bind(f.from)}`);
  if (f.to) where.push(`d.day <= ${p.bind(f.to)}`);
  if (f.outlet) {
    const k = outletKey(f.outlet);
    where.push(k === null ? "false" : `d.outlet_key = ${p.bind(k)}`);
  }
  if (f.section) where.push(`lower(d.section) = lower(${p.bind(f.section)})`);
  if (f.entity) where.push(`EXISTS (SELECT 1 FROM entities e WHERE e.doc_n = ${n} AND ${entityMatch(p, f.entity)})`);
  return where;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export class PostgresCorpus {
  constructor(private readonly query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>) {}

  async list(f: ListFilters, limit: number, offset: number): Promise<Page<ArticleSummary>> {
    const p = new Params();
    const w = whereSql(docWhere(f, p));
    const total = num((await this.query<{ c: string }>(`SELECT count(*) AS c FROM docs d ${w}`, p.values)).rows[0].c);
    const items = (
      await this.query<ArticleSummary>(
        `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url FROM docs d ${w}
         ORDER BY d.day DESC NULLS LAST, d.n DESC LIMIT ${p.bind(limit)} OFFSET ${p.bind(offset)}`,
        p.values,
      )
    ).rows;
    return { total, limit, offset, items };
  }

  async facets(): Promise<Facets> {
    const r = (
      await this.query(
        `SELECT (SELECT count(*) FROM docs) AS documents, (SELECT count(DISTINCT coalesce(st.story, d.n)) FROM docs d LEFT JOIN doc_story st ON st.n = d.n) AS stories,
                (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM quotes) AS quotes,
                (SELECT count(*) FROM events) AS events, (SELECT min(day COLLATE "C") FROM docs) AS "firstDay",
                (SELECT max(day COLLATE "C") FROM docs) AS "lastDay"`,
      )
    ).rows[0];
    const group = async (col: "outlet" | "section") =>
      (
        await this.query<{ name: string; articles: string }>(
          `SELECT ${col} AS name, count(*) AS articles FROM docs WHERE ${col} IS NOT NULL GROUP BY ${col}
           ORDER BY articles DESC, ${col} COLLATE "C"`,
        )
      ).rows.map((x) => ({ name: x.name, articles: num(x.articles) }));
    return {
      documents: num(r.documents),
      stories: num(r.stories),
      entities: num(r.entities),
      quotes: num(r.quotes),
      events: num(r.events),
      firstDay: r.firstDay,
      lastDay: r.lastDay,
      outlets: await group("outlet"),
      sections: await group("section"),
    };
  }

  async entity(key: string): Promise<EntitySummary | null> {
    const p = new Params();
    const m = entityMatch(p, key);
    const agg = (
      await this.query(
        `SELECT count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions, min(d.day COLLATE "C") AS "firstDay",
                max(d.day COLLATE "C") AS "lastDay", max(CASE WHEN e.kb_id = $1 THEN e.kb_id END) AS "kbId"
         FROM entities e JOIN docs d ON d.n = e.doc_n WHERE ${m}`,
        p.values,
      )
    ).rows[0];
    if (num(agg.articles) === 0) return null;
    const names = (
      await this.query<{ name: string; articles: string }>(
        `SELECT e.name AS name, count(DISTINCT e.doc_n) AS articles FROM entities e WHERE ${m}
         GROUP BY e.name ORDER BY articles DESC, e.name COLLATE "C" LIMIT ${ENTITY_NAMES}`,
        p.values,
      )
    ).rows.map((x) => ({ name: x.name, articles: num(x.articles) }));
    const type = (
      await this.query<{ type: string }>(
        `SELECT e.type AS type, count(*) AS c FROM entities e WHERE ${m} GROUP BY e.type ORDER BY c DESC, e.type COLLATE "C" LIMIT 1`,
        p.values,
      )
    ).rows[0];
    return {
      key,
      kbId: agg.kbId,
      name: names[0]?.name ?? key,
      type: type.type,
      names,
      articles: num(agg.articles),
      mentions: num(agg.mentions),
      firstDay: agg.firstDay,
      lastDay: agg.lastDay,
    };
  }

  async entityTimeline(key: string, by: "day" | "month", f: DayFilters): Promise<TimelinePoint[]> {
    const len = by === "day" ? 10 : 7;
    const p = new Params();
    const where = docWhere({ from: f.from, to: f.to }, p);
    where.push(entityMatch(p, key), "d.day IS NOT NULL");
    const rows = (
      await this.query<{ period: string; articles: string; mentions: string }>(
        `SELECT substr(d.day, 1, ${len}) AS period, count(DISTINCT e.doc_n) AS articles, sum(e.mentions) AS mentions
         FROM entities e JOIN docs d ON d.n = e.doc_n ${whereSql(where)}
         GROUP BY substr(d.day, 1, ${len}) ORDER BY substr(d.day, 1, ${len}) COLLATE "C"`,
        p.values,
      )
    ).rows;
    return rows.map((r) => ({ period: r.period, articles: num(r.articles), mentions: num(r.mentions) }));
  }

  async cooccurrence(key: string, limit: number): Promise<CoEntity[]> {
    const p = new Params();
    const k = p.bind(key);
    const nk = p.bind(nameKey(key));
    const rows = (
      await this.query<{ key: string; kbId: string | null; name: string; type: string; articles: string }>(
        `WITH mine AS (SELECT DISTINCT e.doc_n FROM entities e WHERE e.kb_id = ${k} OR e.name_key = ${nk})
         SELECT coalesce(o.kb_id COLLATE "C", min(o.name COLLATE "C")) AS key, o.kb_id AS "kbId", min(o.name COLLATE "C") AS name,
                min(o.type COLLATE "C") AS type, count(DISTINCT o.doc_n) AS articles
         FROM entities o JOIN mine ON mine.doc_n = o.doc_n
         WHERE coalesce(o.kb_id = ${k}, false) = false AND o.name_key <> ${nk}
         GROUP BY o.kb_id, CASE WHEN o.kb_id IS NULL THEN o.name_key END
         ORDER BY articles DESC, name, key LIMIT ${p.bind(limit)}`,
        p.values,
      )
    ).rows;
    return rows.map((r) => ({ ...r, articles: num(r.articles) }));
  }

  async quotes(f: QuoteFilters, limit: number, offset: number): Promise<Page<QuoteItem>> {
    const p = new Params();
    const where = docWhere({ from: f.from, to: f.to }, p);
    if (f.speaker) where.push(`(q.speaker_kb_id = ${p.bind(f.speaker)} OR q.speaker_key = ${p.bind(nameKey(f.speaker))})`);
    if (f.about) where.push(`(q.doc_n, q.i) IN (SELECT a.doc_n, a.i FROM quote_about a WHERE a.key = ${p.bind(nameKey(f.about))})`);
    const from = `FROM quotes q JOIN docs d ON d.n = q.doc_n ${whereSql(where)}`;
    const total = num((await this.query<{ c: string }>(`SELECT count(*) AS c ${from}`, p.values)).rows[0].c);
    const items = (
      await this.query<QuoteItem>(
        `SELECT d.id AS "articleId", d.title, d.published, d.outlet, q.text, q.start, q."end", q.speaker_kb_id AS "speakerKbId",
                q.speaker_name AS "speakerName", q.cue, q.direct
         ${from} ORDER BY d.day DESC NULLS LAST, d.n DESC, q.i LIMIT ${p.bind(limit)} OFFSET ${p.bind(offset)}`,
        p.values,
      )
    ).rows;
    return { total, limit, offset, items };
  }

  async events(f: EventFilters, limit: number, offset: number): Promise<EventPage> {
    const p = new Params();
    const where = docWhere({ from: f.from, to: f.to }, p);
    const actor = (value: string, side: "s" | "t" | null) =>
      where.push(
        `(ev.doc_n, ev.i) IN (SELECT a.doc_n, a.i FROM event_actors a WHERE a.key = ${p.bind(nameKey(value))}${side ? ` AND a.side = '${side}'` : ""})`,
      );
    if (f.source) actor(f.source, "s");
    if (f.target) actor(f.target, "t");
    if (f.actor) actor(f.actor, null);
    if (f.type) where.push(`lower(ev.type) = lower(${p.bind(f.type)})`);
    if (!f.all) where.push(ASSERTED);
    const from = `FROM events ev JOIN docs d ON d.n = ev.doc_n ${whereSql(where)}`;
    const total = num((await this.query<{ c: string }>(`SELECT count(*) AS c ${from}`, p.values)).rows[0].c);
    const len = f.by === "day" ? 10 : 7;
    const counts = (
      await this.query<{ period: string; type: string; events: string }>(
        `SELECT substr(d.day, 1, ${len}) AS period, ev.type AS type, count(*) AS events
         FROM events ev JOIN docs d ON d.n = ev.doc_n ${whereSql([...where, "d.day IS NOT NULL"])}
         GROUP BY substr(d.day, 1, ${len}), ev.type ORDER BY substr(d.day, 1, ${len}) COLLATE "C", ev.type COLLATE "C"`,
        p.values,
      )
    ).rows.map((c) => ({ period: c.period, type: c.type, events: num(c.events) }));
    const rows = (
      await this.query<
        Omit<EventItem, "source" | "target" | "mode"> & { source: string[]; target: string[]; mode: EventMode; confidence: number }
      >(
        `SELECT d.id AS "articleId", d.title, d.published, ev.type, ev.trigger, ev.start, ev."end", ev.source, ev.target, ev.confidence,
                ev.negated, ev.mode
         ${from} ORDER BY d.day DESC NULLS LAST, d.n DESC, ev.i LIMIT ${p.bind(limit)} OFFSET ${p.bind(offset)}`,
        p.values,
      )
    ).rows;
    // A kbId is shown under the name its entity is most often written with; a plain name as it is.
    const keys = [...new Set(rows.flatMap((r) => [...r.source, ...r.target]))];
    const names = new Map<string, string>();
    if (keys.length > 0) {
      const r = await this.query<{ kb_id: string; name: string }>(
        `SELECT DISTINCT ON (kb_id) kb_id, name
         FROM (SELECT kb_id, name, count(*) AS c FROM entities WHERE kb_id = ANY($1::text[]) GROUP BY kb_id, name) s
         ORDER BY kb_id, c DESC, name COLLATE "C"`,
        [keys],
      );
      for (const x of r.rows) names.set(x.kb_id, x.name);
    }
    const named = (list: string[]): Participant[] => list.map((key) => ({ key, name: names.get(key) ?? key }));
    return {
      total,
      limit,
      offset,
      items: rows.map((r) => ({ ...r, confidence: Number(r.confidence), source: named(r.source), target: named(r.target) })),
      counts,
    };
  }

  async related(id: string, limit: number): Promise<RelatedItem[] | null> {
    const me = (await this.query<{ n: string; title: string }>("SELECT n, title FROM docs WHERE id = $1", [id])).rows[0];
    if (!me) return null;
    const byEntities = (
      await this.query<ArticleSummary & { score: number; names: string[] }>(
        `WITH mine AS (SELECT kb_id, name_key, salience FROM entities WHERE doc_n = $1),
         shared AS (
           SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.kb_id = m.kb_id
             WHERE m.kb_id IS NOT NULL AND o.doc_n <> $1
           UNION ALL
           SELECT o.doc_n, m.salience * o.salience AS s, o.name FROM mine m JOIN entities o ON o.name_key = m.name_key AND o.kb_id IS NULL
             WHERE m.kb_id IS NULL AND o.doc_n <> $1)
         SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, sum(s.s) AS score,
                array_agg(s.name ORDER BY s.s DESC, s.name COLLATE "C") AS names
         FROM shared s JOIN docs d ON d.n = s.doc_n GROUP BY d.n
         ORDER BY round(sum(s.s)::numeric, 9) DESC, d.day DESC NULLS LAST, d.n DESC LIMIT $2`,
        [me.n, limit],
      )
    ).rows;
    const out: RelatedItem[] = byEntities.map(({ names, score, ...a }) => ({
      ...a,
      score: Math.round(Number(score) * 1000) / 1000,
      reason: "entities",
      shared: sharedNames(names),
    }));
    if (out.length >= limit) return out;
    const terms = [...new Set(termsOf(me.title).map((t) => t.term))].filter(indexable).slice(0, RELATED_TITLE_TERMS);
    if (terms.length === 0) return out;
    const seen = new Set([id, ...out.map((r) => r.id)]);
    const byWords = (
      await this.query<ArticleSummary & { score: number }>(
        `WITH m AS (
           SELECT t.n, ts_rank_cd($1::float4[], t.tsv, $2::tsquery, $3::int) AS score FROM doc_terms t
           WHERE t.tsv @@ $2::tsquery AND t.n <> $4 ORDER BY score DESC, t.n LIMIT $5)
         SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, m.score FROM m JOIN docs d ON d.n = m.n ORDER BY m.score DESC, m.n`,
        [RANK_WEIGHTS, terms.map(lexeme).join(" | "), RANK_NORMALIZATION, me.n, limit + out.length],
      )
    ).rows;
    for (const r of byWords) {
      if (out.length >= limit) break;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, score: Math.round(Number(r.score) * 1000) / 1000, reason: "words", shared: [] });
    }
    return out;
  }

  async entityRefs(lookup: EntityLookup, limit: number): Promise<EntityRef[]> {
    if (lookup.keys.length === 0 && lookup.words.length === 0) return [];
    // Mentions as entity() counts them: by kbId, or for a name key by that key (or a kbId equal to it).
    const r = await this.query<{ ref: string; linked: boolean; word: boolean; mentions: string }>(
      `WITH r AS (
         SELECT ref, linked, bool_and(word) AS word FROM entity_aliases
         WHERE (alias = ANY($1::text[]) AND NOT word) OR alias = ANY($2::text[])
         GROUP BY ref, linked)
       SELECT r.ref, r.linked, r.word,
              CASE WHEN r.linked THEN (SELECT coalesce(sum(e.mentions), 0) FROM entities e WHERE e.kb_id = r.ref)
                   ELSE (SELECT coalesce(sum(e.mentions), 0) FROM entities e WHERE e.name_key = r.ref OR e.kb_id = r.ref) END AS mentions
       FROM r ORDER BY r.word, mentions DESC, r.ref COLLATE "C" LIMIT $3`,
      [lookup.keys, lookup.words, limit],
    );
    return r.rows.map((x) => ({ ref: x.ref, linked: x.linked, word: x.word, mentions: num(x.mentions) }));
  }

  async nearDuplicateCandidates(
    id: string,
    windowDays: number,
    max: number,
  ): Promise<{ self: ArticleSummary & { signature: Uint32Array | null }; candidates: NearDupCandidate[] } | null> {
    const me = (
      await this.query<ArticleSummary & { n: string; day: string | null; sig: Buffer | null }>(
        `SELECT d.n, d.id, d.title, d.published, d.outlet, d.section, d.url, d.day, s.sig
         FROM docs d LEFT JOIN doc_sig s ON s.n = d.n WHERE d.id = $1`,
        [id],
      )
    ).rows[0];
    if (!me) return null;
    const { n, day, sig, ...summary } = me;
    const signature = decodeSignature(sig);
    if (!signature) return { self: { ...summary, signature: null }, candidates: [] };
    const w = dayWindow(day, windowDays);
    const rows = (
      await this.query<ArticleSummary & { sig: Buffer }>(
        `SELECT d.id, d.title, d.published, d.outlet, d.section, d.url, s.sig
         FROM docs d JOIN doc_sig s ON s.n = d.n
         WHERE d.n IN (SELECT b.n FROM doc_bands b WHERE b.band = ANY($1::bigint[]) AND b.n <> $2)
           AND (CASE WHEN $3::text IS NULL THEN d.day IS NULL ELSE d.day BETWEEN $3 AND $4 END)
         ORDER BY d.n DESC LIMIT $5`,
        [bandHashes(signature), n, w?.lo ?? null, w?.hi ?? null, max],
      )
    ).rows;
    const candidates: NearDupCandidate[] = [];
    for (const { sig: s, ...r } of rows) {
      const cs = decodeSignature(s);
      if (cs) candidates.push({ ...r, signature: cs });
    }
    return { self: { ...summary, signature }, candidates };
  }
}
