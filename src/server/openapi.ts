/**
 * The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json.
 * Hand-written so that it reads as documentation; test/server-api.test.ts
 * checks that every route the server registers is listed here and the other
 * way round, so the two cannot drift apart.
 */

import { PLOVER_TYPES } from "../nlp/events/lexicon.js";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const qp = (name: string, description: string, schema: Json = { type: "string" }): Json => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const pathParam = (name: string, description: string): Json => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

const DAY_PARAMS = [
  qp("from", "published on or after this day (YYYY-MM-DD)", { type: "string", format: "date" }),
  qp("to", "published on or before this day (YYYY-MM-DD)", { type: "string", format: "date" }),
];
const PAGE_PARAMS = [
  qp("limit", "results per page (1–100)", { type: "integer", minimum: 1, maximum: 100 }),
  qp("offset", "results to skip", { type: "integer", minimum: 0 }),
];
const ID = pathParam("id", "article id (16 hexadecimal digits, a content hash)");
const KEY = pathParam(
  "key",
  "entity: knowledge-base id, or name when the entity is not linked; any other name it is written with is resolved to the most mentioned such entity (see `resolved` in the summary)",
);
const OUTLET = qp("outlet", "only this outlet; case, spaces, '-', '_' and '.' do not matter (jawharafm = Jawhara FM)");
const EVENT_PARAMS = [
  qp("type", "PLOVER event type; an unknown one is a 400 that lists them", { type: "string", enum: [...PLOVER_TYPES] }),
  qp("by", "series granularity of `counts`: month (default) or day", { enum: ["month", "day"] }),
  qp(
    "asserted",
    "true (default): only events stated as having happened (not negated, mode asserted); false: negated, future and hypothetical events too",
    { type: "boolean" },
  ),
];

const errors = (...codes: number[]): Json =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      {
        description:
          {
            400: "bad input (the message says which parameter and why)",
            401: "missing or wrong API key",
            403: "write endpoints disabled (no MARSAD_API_KEY on the server)",
            404: "no such article or entity",
            413: "body too large",
            415: "unsupported content type",
            429: "rate limit exceeded",
            503: "busy or timed out analyzing",
          }[c] ?? "error",
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );

const ok = (description: string, schema: Json): Json => ({ "200": { description, content: { "application/json": { schema } } } });

const KEY_SECURITY = [{ apiKey: [] }, { bearer: [] }];

export const OPENAPI: Json = {
  openapi: "3.1.0",
  info: {
    title: "Marsad API",
    version: "1",
    description:
      "Arabic news intelligence over a Marsad corpus: analysis, search, entities, quotes and events. All offsets are UTF-16 offsets into a document's `text`. Errors are `{error: {code, message}}`. See docs/api.md for the security policy.",
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: {
      apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      bearer: { type: "http", scheme: "bearer" },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } },
        },
      },
      Document: { type: "object", description: "a marsad.article/1 document (docs/schema.md)", required: ["schema", "id", "text"] },
      ArticleSummary: {
        type: "object",
        properties: {
          id: { type: "string" },
          title: { type: "string" },
          published: { type: ["string", "null"] },
          outlet: { type: ["string", "null"] },
          section: { type: ["string", "null"] },
          url: { type: ["string", "null"] },
        },
      },
      Highlight: { type: "object", properties: { start: { type: "integer" }, end: { type: "integer" } } },
      StoryCopy: {
        type: "object",
        description: "another matching document of the same story (a near-duplicate filed with it at ingest)",
        properties: {
          id: { type: "string" },
          title: { type: "string" },
          outlet: { type: ["string", "null"] },
          published: { type: ["string", "null"] },
          url: { type: ["string", "null"] },
        },
      },
      SearchResult: {
        type: "object",
        properties: {
          query: { type: "string" },
          collapsed: {
            type: "boolean",
            description: "true: one hit per story, its copies in alsoReportedBy (collapse=false turns it off)",
          },
          total: { type: "integer", description: "matches before paging, counted in `unit`" },
          unit: { enum: ["stories", "documents"], description: "what `total` counts: stories when collapsed, else documents" },
          documents: { type: "integer", description: "matching documents, copies included" },
          offset: { type: "integer" },
          limit: { type: "integer" },
          tookMs: { type: "number" },
          hits: {
            type: "array",
            items: {
              type: "object",
              properties: {
                rank: { type: "integer" },
                id: { type: "string" },
                title: { type: "string" },
                titleHighlights: { type: "array", items: ref("Highlight") },
                snippet: {
                  type: "object",
                  properties: { text: { type: "string" }, highlights: { type: "array", items: ref("Highlight") } },
                },
                score: { type: "number" },
                outlet: { type: ["string", "null"] },
                alsoReportedBy: {
                  type: "array",
                  description: "other matching documents of the same story, best ranked first (at most 20)",
                  items: ref("StoryCopy"),
                },
                copies: { type: "integer", description: "how many other matching documents the story has (0 when not collapsed)" },
              },
            },
          },
        },
      },
      Event: {
        type: "object",
        properties: {
          articleId: { type: "string" },
          title: { type: "string" },
          published: { type: ["string", "null"] },
          type: { type: "string" },
          trigger: { type: "string" },
          start: { type: "integer" },
          end: { type: "integer" },
          source: { type: "array", items: { type: "object", properties: { key: { type: "string" }, name: { type: "string" } } } },
          target: { type: "array", items: { type: "object", properties: { key: { type: "string" }, name: { type: "string" } } } },
          confidence: { type: "number" },
          negated: { type: "boolean" },
          mode: { enum: ["asserted", "future", "hypothetical"] },
        },
      },
      EventPage: {
        type: "object",
        properties: {
          total: { type: "integer" },
          limit: { type: "integer" },
          offset: { type: "integer" },
          items: { type: "array", items: ref("Event") },
          counts: {
            type: "array",
            description: "events per period (month or day, see `by`) and type, oldest first; undated articles left out",
            items: { type: "object", properties: { period: { type: "string" }, type: { type: "string" }, events: { type: "integer" } } },
          },
        },
      },
      Page: {
        type: "object",
        properties: { total: { type: "integer" }, limit: { type: "integer" }, offset: { type: "integer" }, items: { type: "array" } },
      },
      IngestReply: {
        type: "object",
        properties: {
          added: { type: "integer" },
          unchanged: { type: "integer" },
          failed: { type: "integer" },
          results: {
            type: "array",
            items: {
              type: "object",
              properties: {
                where: { type: "string" },
                status: { enum: ["analyzed", "skipped", "failed"] },
                id: { type: "string" },
                reason: { type: "string" },
              },
            },
          },
        },
      },
    },
  },
  paths: {
    "/api/health": { get: { summary: "liveness and corpus size", responses: ok("ok", { type: "object" }) } },
    "/api/stats": {
      get: {
        summary: "corpus counts (documents, stories, entities, quotes, events), date range, outlets and sections (for filter menus)",
        responses: ok("facets", { type: "object" }),
      },
    },
    "/api/analyze": {
      post: {
        summary: "analyze one article (nothing is stored)",
        description:
          "Body: text/plain (scraped text), text/html (a page or fragment), or application/json {text | html, published?, title?, url?, outlet?, section?, author?}. For text and HTML bodies, metadata may be given as query parameters.",
        parameters: [
          qp("published", "publication date when the source gives none (YYYY-MM-DD)"),
          qp("title", "title, when given apart from the text"),
        ],
        requestBody: {
          required: true,
          content: {
            "text/plain": { schema: { type: "string" } },
            "text/html": { schema: { type: "string" } },
            "application/json": {
              schema: { type: "object", properties: { text: { type: "string" }, html: { type: "string" }, published: { type: "string" } } },
            },
          },
        },
        responses: { ...ok("the document", ref("Document")), ...errors(400, 413, 415, 429, 503) },
      },
    },
    "/api/ingest": {
      post: {
        summary: "analyze and store articles (needs the API key)",
        description:
          "Body: application/json (one record or an array of records in the ANT corpus format: title, text, published, url, source, category, author, abstract), application/x-ndjson (one record a line), or one article as text/plain or text/html with metadata in the query string. Inputs already ingested are skipped.",
        security: KEY_SECURITY,
        parameters: [
          qp("published", "for a text/HTML body"),
          qp("outlet", "for a text/HTML body"),
          qp("section", "for a text/HTML body"),
          qp("url", "for a text/HTML body"),
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: { type: ["object", "array"] } },
            "application/x-ndjson": { schema: { type: "string" } },
            "text/plain": { schema: { type: "string" } },
            "text/html": { schema: { type: "string" } },
          },
        },
        responses: { ...ok("what was stored", ref("IngestReply")), ...errors(400, 401, 403, 413, 415, 429, 503) },
      },
    },
    "/api/articles": {
      get: {
        summary: "articles, newest first",
        parameters: [
          ...DAY_PARAMS,
          OUTLET,
          qp("section", "only this section"),
          qp("entity", "only articles mentioning this entity"),
          ...PAGE_PARAMS,
        ],
        responses: { ...ok("a page of articles", ref("Page")), ...errors(400) },
      },
    },
    "/api/articles/{id}": {
      get: { summary: "one stored document", parameters: [ID], responses: { ...ok("the document", ref("Document")), ...errors(400, 404) } },
      delete: {
        summary: "delete an article (needs the API key)",
        security: KEY_SECURITY,
        parameters: [ID],
        responses: { ...ok("deleted", { type: "object" }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    "/api/articles/{id}/related": {
      get: {
        summary: "related articles: shared entities first, then shared title words; and its near-duplicates",
        description:
          "Returns {id, items: [{id, title, …, score, reason, shared}], nearDuplicates: [{id, title, published, outlet, similarity}]}: near-duplicates are stored articles published within 3 days whose MinHash estimate of word-shingle Jaccard is at least 0.5 (the same story from another outlet).",
        parameters: [ID, qp("limit", "how many (1–20, default 5)", { type: "integer" })],
        responses: { ...ok("related articles", { type: "object" }), ...errors(400, 404) },
      },
    },
    "/api/search": {
      get: {
        summary: "ranked search with highlighted snippets",
        description:
          'Query language: words (all must occur, in any clitic form), "phrases", -exclusions. Highlights are offsets into snippet.text and into title. One story once: by default near-duplicate copies (the same story from several outlets, grouped at ingest) are one hit, the others listed in alsoReportedBy, and `total` counts stories (`unit`); collapse=false lists every document.',
        parameters: [
          { ...qp("q", "the query"), required: true },
          ...DAY_PARAMS,
          OUTLET,
          qp("section", "only this section"),
          qp("entity", "only articles mentioning this entity"),
          qp("collapse", "true (default): one hit per story; false: every copy", { type: "boolean" }),
          ...PAGE_PARAMS,
        ],
        responses: { ...ok("hits", ref("SearchResult")), ...errors(400) },
      },
    },
    "/api/entities/{key}": {
      get: {
        summary: "an entity across the corpus",
        description:
          "{key, kbId, name, type, names, articles, mentions, firstDay, lastDay}, plus `resolved: {query, key, match, alternatives}` when the path named the entity by a name that is not its key.",
        parameters: [KEY],
        responses: { ...ok("summary", { type: "object" }), ...errors(404) },
      },
    },
    "/api/entities/{key}/timeline": {
      get: {
        summary: "articles mentioning the entity per day or month",
        parameters: [KEY, qp("by", "day or month (default month)"), ...DAY_PARAMS],
        responses: { ...ok("points", { type: "object" }), ...errors(400, 404) },
      },
    },
    "/api/entities/{key}/cooccurrence": {
      get: {
        summary: "entities mentioned in the same articles",
        parameters: [KEY, qp("limit", "how many (default 20)", { type: "integer" })],
        responses: { ...ok("entities", { type: "object" }), ...errors(400, 404) },
      },
    },
    "/api/entities/{key}/quotes": {
      get: {
        summary: "quotes by the entity",
        parameters: [KEY, ...DAY_PARAMS, ...PAGE_PARAMS],
        responses: { ...ok("quotes", ref("Page")), ...errors(400, 404) },
      },
    },
    "/api/entities/{key}/events": {
      get: {
        summary: "events the entity takes part in",
        parameters: [KEY, qp("role", "any, source or target (default any)"), ...EVENT_PARAMS, ...DAY_PARAMS, ...PAGE_PARAMS],
        responses: { ...ok("events", ref("EventPage")), ...errors(400, 404) },
      },
    },
    "/api/quotes": {
      get: {
        summary: "quotes, newest first",
        parameters: [
          qp("speaker", "kbId or name of the speaker (name compared on its matching key)"),
          qp("about", "only quotes naming this entity inside the quotation (kbId or name)"),
          ...DAY_PARAMS,
          ...PAGE_PARAMS,
        ],
        responses: { ...ok("quotes", ref("Page")), ...errors(400) },
      },
    },
    "/api/events": {
      get: {
        summary: "events, newest first, with counts per month (or day) and type; asserted events only unless asserted=false",
        parameters: [
          qp("source", "acting participant (kbId or name)"),
          qp("target", "receiving participant"),
          qp("actor", "participant on either side"),
          ...EVENT_PARAMS,
          ...DAY_PARAMS,
          ...PAGE_PARAMS,
        ],
        responses: { ...ok("events", ref("EventPage")), ...errors(400) },
      },
    },
    "/api/openapi.json": { get: { summary: "this document", responses: ok("OpenAPI 3.1", { type: "object" }) } },
  },
};
