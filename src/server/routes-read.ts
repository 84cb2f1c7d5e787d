/**
 * The read endpoints: articles, search, entities, quotes, events, corpus
 * facets. Each checks its parameters (params.ts), asks the store or the
 * corpus queries (queries.ts), and returns JSON; a missing article or entity
 * is a 404, and a filter that matches nothing is an empty list, never made-up
 * data.
 */
import type { FastifyInstance } from "fastify";
import { ID_HEX_CHARS } from "../article/id.js";
import { MAX_QUERY_CHARS } from "../search/query.js";
import { searchCorpus } from "../search/search.js";
import type { Store } from "../store/types.js";
import type { Guards } from "./auth.js";
import { badRequest, notFound } from "./errors.js";
import { dayRange, int, oneOf, type Query, str } from "./params.js";
import { cooccurrence, entitySummary, entityTimeline, events, facets, listArticles, quotes, related } from "./queries.js";

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

const paging = (q: Query, def: number = PAGE.default) => ({
  limit: int(q, "limit", 1, PAGE.max, def),
  offset: int(q, "offset", 0, MAX_OFFSET, 0),
});

export function readRoutes(app: FastifyInstance, store: Store, guards: Guards): void {
  const read = { onRequest: guards.requireRead };

  app.get("/api/health", read, async () => {
    const s = await store.stats();
    return { ok: true, store: store.kind, documents: s.documents, schemaVersion: s.schemaVersion };
  });

  app.get("/api/stats", read, async () => facets(store));

  app.get("/api/articles", read, async (req) => {
    const q = req.query as Query;
    const { from, to } = dayRange(q);
    const { limit, offset } = paging(q);
    return listArticles(store, { from, to, outlet: str(q, "outlet"), section: str(q, "section"), entity: str(q, "entity") }, limit, offset);
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
    const items = related(store, id, limit);
    if (items === null) throw notFound(`no article with id ${id}`);
    return { id, items };
  });

  app.get("/api/search", read, async (req) => {
    const q = req.query as Query;
    const query = str(q, "q", MAX_QUERY_CHARS);
    if (query === null) throw badRequest("q: give words to search for, e.g. /api/search?q=بوتين");
    const { from, to } = dayRange(q);
    const { limit, offset } = paging(q, PAGE.searchDefault);
    const filters = { from, to, outlet: str(q, "outlet"), section: str(q, "section"), entity: str(q, "entity") };
    return searchCorpus(store, query, { filters, limit, offset });
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key", read, async (req) => {
    const key = entityKey(req.params.key);
    const e = entitySummary(store, key);
    if (!e) throw notFound(`no article mentions the entity "${key}"`);
    return e;
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/timeline", read, async (req) => {
    const key = entityKey(req.params.key);
    const q = req.query as Query;
    const by = oneOf(q, "by", ["day", "month"] as const, "month");
    return { key, by, points: entityTimeline(store, key, by, dayRange(q)) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/cooccurrence", read, async (req) => {
    const key = entityKey(req.params.key);
    const limit = int(req.query as Query, "limit", 1, PAGE.max, PAGE.cooccurrenceDefault);
    return { key, items: cooccurrence(store, key, limit) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/quotes", read, async (req) => {
    const key = entityKey(req.params.key);
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    return { key, ...quotes(store, { ...dayRange(q), speaker: key }, limit, offset) };
  });

  app.get<{ Params: { key: string } }>("/api/entities/:key/events", read, async (req) => {
    const key = entityKey(req.params.key);
    const q = req.query as Query;
    const role = oneOf(q, "role", ["any", "source", "target"] as const, "any");
    const { limit, offset } = paging(q);
    const f = { ...dayRange(q), type: str(q, "type"), ...(role === "any" ? { actor: key } : { [role]: key }) };
    return { key, role, ...events(store, f, limit, offset) };
  });

  app.get("/api/quotes", read, async (req) => {
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    return quotes(store, { ...dayRange(q), speaker: str(q, "speaker") }, limit, offset);
  });

  app.get("/api/events", read, async (req) => {
    const q = req.query as Query;
    const { limit, offset } = paging(q);
    const f = { ...dayRange(q), source: str(q, "source"), target: str(q, "target"), actor: str(q, "actor"), type: str(q, "type") };
    return events(store, f, limit, offset);
  });
}
