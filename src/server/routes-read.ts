/**
 * The read endpoints: articles, search, entities, quotes, events, corpus
 * facets. Each checks its parameters (params.ts), asks the store (every
 * corpus view is a Store method, so SQLite and PostgreSQL answer alike), and
 * returns JSON; a missing article or entity is a 404, and a filter that
 * matches nothing is an empty list, never made-up data.
 *
 * Entity keys in paths are taken as they are when the corpus knows them
 * (kbId, or canonical name): links stay stable. Any other name is resolved
 * to the most mentioned entity written that way (src/corpus/entities.ts),
 * and the answer says so in `resolved`.
 */
import type { FastifyInstance } from "fastify";
import { ID_HEX_CHARS } from "../article/id.js";
import { keyOf, type Resolution, resolveEntity } from "../corpus/entities.js";
import { nearDuplicates } from "../corpus/near-dup.js";
import { PLOVER_TYPES } from "../nlp/events/lexicon.js";
import { MAX_QUERY_CHARS } from "../search/query.js";
import { searchCorpus } from "../search/search.js";
import type { Store } from "../store/types.js";
import type { Guards } from "./auth.js";
import { badRequest, notFound } from "./errors.js";
import { dayRange, flag, int, oneOf, type Query, str } from "./params.js";

/** Page sizes: default and largest per endpoint kind. */
export const PAGE = { default: 20, max: 100, searchDefault: 10, relatedDefault: 5, relatedMax: 20, cooccurrenceDefault: 20 } as const;
/** Largest offset accepted (deep paging is a scan; nobody reads page 5,000). */
const MAX_OFFSET = 100_000;

const ARTICLE_ID = new RegExp(`^[0-9a-f]{${ID_HEX_CHARS}}$`);

/** An article id from the path, checked for shape (a content hash). */
export function articleId(raw: string): string {
  if (!ARTICLE_ID.test(raw)) throw badRequest(`"${raw.slice(0, 80)}" is not an article id (${ID_HEX_CHARS} hexadecimal digits)`);
  return raw;
}

function entityKey(raw: string): string {
  const key = raw.trim();
  if (key === "" || key.length > 300) throw badRequest("entity key: give a knowledge-base id or a name (at most 300 characters)");
  return key;
}

/** The resolution of a path key, with a 404 when nothing in the corpus is named so. */
async function entityOf(store: Store, raw: string): Promise<{ key: string; resolution: Resolution }> {
  const resolution = await resolveEntity(store, entityKey(raw), { preferExact: true });
  if (!resolution.chosen) throw notFound(`no article mentions the entity "${resolution.query}"`);
  return { key: keyOf(resolution), resolution };
}

/**
 * Entity filters given by name (`speaker=بوتين`, `source=روسيا`, `entity=…`) resolve as the
 * CLI's do; a name nothing in the corpus matches stays as given (and so matches nothing).
 * Returns the keys to filter by and, per parameter, how a name was read (for `resolved`).
 */
async function filterKeys<K extends string>(
  store: Store,
  q: Query,
  names: readonly K[],
): Promise<{ keys: Record<K, string | null>; resolved: Partial<Record<K, NonNullable<ReturnType<typeof resolvedField>>>> }> {
  const keys = {} as Record<K, string | null>;
  const resolved: Partial<Record<K, NonNullable<ReturnType<typeof resolvedField>>>> = {};
  for (const name of names) {
    const raw = str(q, name);
    if (raw === null) {
      keys[name] = null;
      continue;
    }
    const r = await resolveEntity(store, entityKey(raw), { preferExact: true });
    keys[name] = r.chosen ? keyOf(r) : r.query;
    const note = resolvedField(r);
    if (note) resolved[name] = note;
  }
  return { keys, resolved };
}

/** Adds `resolved` to an answer when some filter name was read as another key. */
function withResolved<T extends object>(answer: T, resolved: object): T & { resolved?: object } {
  return Object.keys(resolved).length > 0 ? { ...answer, resolved } : answer;
}

/** What the answer says about a name that was not taken as given: null when it was. */
function resolvedField(
  r: Resolution,
): { query: string; key: string; match: string; alternatives: Array<{ key: string; name: string; mentions: number }> } | null {
  const c = r.chosen;
  if (!c || c.match === "id") return null;
  return {
    query: r.query,
    key: c.key,
    match: c.match,
    alternatives: r.alternatives.map((a) => ({ key: a.key, name: a.name, mentions: a.mentions })),
  };
}

const paging = (q: Query, def: number = PAGE.default) => ({
  limit: int(q, "limit", 1, PAGE.max, def),
  offset: int(q, "offset", 0, MAX_OFFSET, 0),
});

/** Event options every event endpoint takes: days, type, series granularity, and whether to keep unasserted events. */
/** `type=`: one of the PLOVER types Marsad codes (any case); a typo is a 400, not an empty list. */
function eventType(v: string | null): string | null {
  if (v === null) return null;
  const t = v.toUpperCase();
  if (!(PLOVER_TYPES as readonly string[]).includes(t))
    throw badRequest(`type: unknown event type "${v}"; one of ${PLOVER_TYPES.join(", ")}`);
  return t;
}

function eventOptions(q: Query) {
  return {
    ...dayRange(q),
    type: eventType(str(q, "type")),
    by: oneOf(q, "by", ["month", "day"] as const, "month"),
    // asserted=true (default): only events stated as having happened; false: negated, future and hypothetical ones too.
    all: !flag(q, "asserted", true),
  };
}

export function readRoutes(app: FastifyInstance, store: Store, guards: Guards): void {
  const read = { onRequest: guards.requireRead };

  app.get("/api/health", read, async () => {
    const s = await store.stats();
    return { ok: true, store: store.kind, documents: s.documents, schemaVersion: s.schemaVersion };
  });

  app.get("/api/stats", read, async () => store.facets());

  app.get("/api/articles", read, async (req) => {
    const q = req.query as Query;
    const { from, to } = dayRange(q);
    const { limit, offset } = paging(q);
    const { keys, resolved } = await filterKeys(store, q, ["entity"] as const);
    const page = await store.list({ from, to, outlet: str(q, "outlet"), section: str(q, "section"), entity: keys.entity }, limit, offset);
    return withResolved(page, resolved);
  });

  app.get<{ Params: { id: string } }>("/api/articles/:id", read, async (req) => {
    const id = articleId(req.params.id);
    const doc = await store.get(id);
    if (!doc) throw notFound(`no article with id ${id}`);
    return doc;
  });

  app.get<{ Params: { id: string } }>("/api/articles/:id/related", read, async (req) => {
    const id = articleId(req.params.id);
    const limit = int(req.query as Query, "limit", 1, PAGE.relatedMax, PAGE.relatedDefault);
    const items = await store.related(id, limit);
    if (items === null) throw notFound(`no article with id ${id}`);
    return { id, items, nearDuplicates: (await nearDuplicates(store, id)) ?? [] };
  });

  app.get("/api/search", read, async (req) => {
    const q = req.query as Query;
    const query = str(q, "q", MAX_QUERY_CHARS);
    if (query === null) throw badRequest("q: give words to search for, e.g. /api/search?q=بوتين");
    const { from, to } = dayRange(q);
    const { limit, offset } = paging(q, PAGE.searchDefault);
    const { keys, resolved } = await filterKeys(store, q, ["entity"] as const);
    const filters = { from, to, outlet: str(q, "outlet"), section: str(q, "section"), entity: keys.entity };
    return withResolved(await searchCorpus(store, query, { filters, limit, offset, collapse: flag(q, "collapse", true) }), resolved);
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key", read, async (req) => {
    const { key, resolution } = await entityOf(store, req.params.key);
    const e = await store.entity(key);
    if (!e) throw notFound(`no article mentions the entity "${key}"`);
    const resolved = resolvedField(resolution);
    return resolved ? { ...e, resolved } : e;
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/timeline", read, async (req) => {
    const q = req.query as Query;
    const by = oneOf(q, "by", ["day", "month"] as const, "month");
    const range = dayRange(q);
    const { key } = await entityOf(store, req.params.key);
    return { key, by, points: await store.entityTimeline(key, by, range) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/cooccurrence", read, async (req) => {
    const limit = int(req.query as Query, "limit", 1, PAGE.max, PAGE.cooccurrenceDefault);
    const { key } = await entityOf(store, req.params.key);
    return { key, items: await store.cooccurrence(key, limit) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/quotes", read, async (req) => {
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    const range = dayRange(q);
    const { key } = await entityOf(store, req.params.key);
    return { key, ...(await store.quotes({ ...range, speaker: key }, limit, offset)) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/events", read, async (req) => {
    const q = req.query as Query;
    const role = oneOf(q, "role", ["any", "source", "target"] as const, "any");
    const { limit, offset } = paging(q);
    const base = eventOptions(q);
    const { key } = await entityOf(store, req.params.key);
    const f = { ...base, ...(role === "any" ? { actor: key } : { [role]: key }) };
    return { key, role, ...(await store.events(f, limit, offset)) };
  });

  app.get("/api/quotes", read, async (req) => {
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    const { keys, resolved } = await filterKeys(store, q, ["speaker", "about"] as const);
    return withResolved(await store.quotes({ ...dayRange(q), speaker: keys.speaker, about: keys.about }, limit, offset), resolved);
  });

  app.get("/api/events", read, async (req) => {
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    const { keys, resolved } = await filterKeys(store, q, ["source", "target", "actor"] as const);
    const f = { ...eventOptions(q), source: keys.source, target: keys.target, actor: keys.actor };
    return withResolved(await store.events(f, limit, offset), resolved);
  });
}
