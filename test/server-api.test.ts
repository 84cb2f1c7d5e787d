/**
 * The HTTP API through fastify.inject (no socket) and, where the socket
 * matters, over real HTTP on 127.0.0.1: answers on a small hand-annotated
 * corpus (server-fixture.ts), bad input (4xx with a JSON error that says
 * what is wrong), and the security policy (API key, CORS, rate limit,
 * headers, exposure check), and the corpus views' newer parts on a corpus
 * of their own: one story once in search, entities by plain name, events
 * asserted by default.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { parseArticle } from "../src/article/index.js";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { buildServer } from "../src/server/app.js";
import type { ServerOptions } from "../src/server/config.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import { type Corpus, fixtureCorpus, XSS_TITLE } from "./server-fixture.js";

const KEY = "test-key-0123456789";
let corpus: Corpus;
let app: FastifyInstance;

/** A server over the fixture corpus; closed after the file's tests. */
const servers: FastifyInstance[] = [];
async function server(opts: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
  const s = await buildServer({ store: corpus.store, workers: 0, webDir: null, ...opts });
  servers.push(s);
  return s;
}

before(async () => {
  corpus = await fixtureCorpus();
  app = await server({ apiKey: KEY });
});
after(async () => {
  for (const s of servers) await s.close();
  await corpus.store.close();
});

const idOf = (title: string) => {
  const d = corpus.docs.find((x) => x.title === title);
  assert.ok(d, title);
  return d.id;
};
const TITLE1 = "الحداد يبحث مع منصور في عمّان سبل تهدئة التوتر الإقليمي";

function errorOf(res: { statusCode: number; json(): unknown }, status: number, code?: string): string {
  assert.equal(res.statusCode, status);
  const body = res.json() as { error: { code: string; message: string } };
  assert.equal(typeof body.error.message, "string");
  assert.ok(body.error.message.length > 5, "a message a person can read");
  if (code) assert.equal(body.error.code, code);
  return body.error.message;
}

describe("reads", () => {
  test("search finds an article by a clitic form and highlights inside the snippet", async () => {
    const res = await app.inject({ url: `/api/search?q=${encodeURIComponent("والحداد")}` });
    assert.equal(res.statusCode, 200);
    const r = res.json();
    assert.ok(r.total >= 2, JSON.stringify(r));
    for (const h of r.hits) {
      for (const hl of h.snippet.highlights) assert.ok(hl.start >= 0 && hl.end <= h.snippet.text.length && hl.start < hl.end);
      for (const hl of h.titleHighlights) assert.match(h.title.slice(hl.start, hl.end), /الحداد/);
    }
    assert.ok(r.hits.some((h: { snippet: { highlights: unknown[] } }) => h.snippet.highlights.length > 0));
  });

  test("search filters by outlet, section, dates and entity", async () => {
    const q = encodeURIComponent("الحداد");
    const byOutlet = (await app.inject({ url: `/api/search?q=${q}&outlet=demo-b` })).json();
    assert.deepEqual(
      byOutlet.hits.map((h: { outlet: string }) => h.outlet),
      ["demo-b"],
    );
    const byDate = (await app.inject({ url: `/api/search?q=${q}&from=2021-04-01&to=2021-04-30` })).json();
    assert.equal(byDate.total, 1);
    const oil = encodeURIComponent("النفط");
    assert.equal((await app.inject({ url: `/api/search?q=${oil}&entity=test:cairo` })).json().total, 1);
    assert.equal((await app.inject({ url: `/api/search?q=${oil}&entity=test:haddad` })).json().total, 0);
  });

  test("articles list, newest first, with paging and filters", async () => {
    const all = (await app.inject({ url: "/api/articles?limit=2" })).json();
    assert.equal(all.total, 4);
    assert.equal(all.items.length, 2);
    assert.ok(all.items[0].published > all.items[1].published);
    const page2 = (await app.inject({ url: "/api/articles?limit=2&offset=2" })).json();
    assert.equal(page2.items.length, 2);
    assert.ok(!page2.items.some((a: { id: string }) => all.items.some((b: { id: string }) => b.id === a.id)));
    assert.equal((await app.inject({ url: "/api/articles?section=economy" })).json().total, 2);
    assert.equal((await app.inject({ url: "/api/articles?entity=test:mansour" })).json().total, 2);
  });

  test("one article is the stored document; related articles share its entities", async () => {
    const id = idOf(TITLE1);
    const doc = (await app.inject({ url: `/api/articles/${id}` })).json();
    assert.equal(doc.schema, "marsad.article/1");
    assert.equal(doc.title, TITLE1);
    const rel = (await app.inject({ url: `/api/articles/${id}/related` })).json();
    assert.equal(rel.items[0].title, "منصور يزور القاهرة ويوقع مع الحداد اتفاقاً للتعاون الاقتصادي");
    assert.equal(rel.items[0].reason, "entities");
    assert.ok(rel.items[0].shared.includes("سليم الحداد"));
    assert.ok(!rel.items.some((r: { id: string }) => r.id === id), "an article is not related to itself");
  });

  test("entity summary, timeline, co-occurrence, quotes and events", async () => {
    const e = (await app.inject({ url: "/api/entities/test:haddad" })).json();
    assert.equal(e.name, "سليم الحداد");
    assert.equal(e.type, "PER");
    assert.equal(e.articles, 3);
    assert.equal(e.firstDay, "2021-03-02");
    const tl = (await app.inject({ url: "/api/entities/test:haddad/timeline?by=month" })).json();
    assert.deepEqual(
      tl.points.map((p: { period: string; articles: number }) => [p.period, p.articles]),
      [
        ["2021-03", 1],
        ["2021-04", 1],
        ["2021-06", 1],
      ],
    );
    const co = (await app.inject({ url: "/api/entities/test:haddad/cooccurrence" })).json();
    const shared = Object.fromEntries(co.items.map((c: { key: string; articles: number }) => [c.key, c.articles]));
    assert.deepEqual(shared, { "test:mansour": 2, "test:cairo": 2, عمّان: 1, "مجلس التعاون الإقليمي": 1 });
    assert.equal(co.items[0].articles, 2, "most shared first");
    assert.ok(!co.items.some((c: { key: string }) => c.key === "test:haddad"), "not co-occurring with itself");
    const quotes = (await app.inject({ url: "/api/entities/test:haddad/quotes" })).json();
    assert.deepEqual(
      quotes.items.map((q: { text: string }) => q.text),
      ["الحوار هو الطريق الوحيد لتجاوز هذه الأزمة"],
    );
    const by = (await app.inject({ url: "/api/entities/test:haddad/events?role=source" })).json();
    const against = (await app.inject({ url: "/api/entities/test:haddad/events?role=target" })).json();
    assert.deepEqual(
      by.items.map((x: { type: string }) => x.type),
      ["CONSULT"],
    );
    assert.deepEqual(
      against.items.map((x: { type: string }) => x.type),
      ["AGREE"],
    );
  });

  test("an unlinked entity is found by its name, in any spelling of its matching key", async () => {
    const e = (await app.inject({ url: `/api/entities/${encodeURIComponent("عمان")}` })).json();
    assert.equal(e.name, "عمّان");
    assert.equal(e.kbId, null);
  });

  test("quotes by speaker and events between two actors", async () => {
    const q = (await app.inject({ url: "/api/quotes?speaker=test:mansour" })).json();
    assert.equal(q.total, 1);
    assert.equal(q.items[0].speakerName, "كريم منصور");
    const ab = (await app.inject({ url: "/api/events?source=test:mansour&target=test:haddad" })).json();
    assert.equal(ab.total, 1);
    assert.deepEqual(ab.counts, [{ period: "2021-04", type: "AGREE", events: 1 }]);
    assert.equal((await app.inject({ url: "/api/events?source=test:mansour&target=test:haddad&type=CONSULT" })).json().total, 0);
    assert.equal((await app.inject({ url: "/api/events?actor=test:haddad" })).json().total, 2);
  });

  test("filters given by name resolve as the CLI's do, and say how they were read", async () => {
    const q = (await app.inject({ url: `/api/quotes?speaker=${encodeURIComponent("منصور")}` })).json();
    assert.equal(q.total, 1);
    assert.equal(q.items[0].speakerName, "كريم منصور");
    assert.equal(q.resolved.speaker.key, "test:mansour");
    const ab = (
      await app.inject({ url: `/api/events?source=${encodeURIComponent("كريم منصور")}&target=${encodeURIComponent("والحداد")}` })
    ).json();
    assert.equal(ab.total, 1);
    assert.equal(ab.resolved.target.key, "test:haddad");
    const byId = (await app.inject({ url: "/api/events?source=test:mansour" })).json();
    assert.equal(byId.resolved, undefined);
    const none = (await app.inject({ url: `/api/quotes?speaker=${encodeURIComponent("لا أحد بهذا الاسم")}` })).json();
    assert.equal(none.total, 0);
  });

  test("stats list outlets and sections for the filter menus", async () => {
    const s = (await app.inject({ url: "/api/stats" })).json();
    assert.equal(s.documents, 4);
    assert.deepEqual(s.outlets.map((o: { name: string }) => o.name).sort(), ["demo-a", "demo-b", "demo-c"]);
    assert.equal(s.firstDay, "2021-03-02");
  });

  test("article text with markup comes back as the same characters, never altered or stripped", async () => {
    const doc = (await app.inject({ url: `/api/articles/${idOf(XSS_TITLE)}` })).json();
    assert.ok(doc.text.includes("<script>window.__pwned=1</script>"));
  });
});

describe("bad input", () => {
  test("unknown article → 404, malformed id → 400, unknown entity → 404, unknown endpoint → 404", async () => {
    assert.match(errorOf(await app.inject({ url: "/api/articles/0123456789abcdef" }), 404, "not_found"), /0123456789abcdef/);
    assert.match(errorOf(await app.inject({ url: "/api/articles/not-an-id" }), 400), /not an article id/);
    errorOf(await app.inject({ url: "/api/articles/0123456789abcdef/related" }), 404);
    errorOf(await app.inject({ url: `/api/entities/${encodeURIComponent("لا أحد")}` }), 404);
    assert.match(errorOf(await app.inject({ url: "/api/nothing" }), 404), /openapi/);
  });

  test("bad dates, reversed ranges and bad numbers → 400 naming the parameter", async () => {
    assert.match(errorOf(await app.inject({ url: "/api/articles?from=2021-02-30" }), 400), /^from: .*real calendar date/);
    assert.match(errorOf(await app.inject({ url: "/api/search?q=x&to=yesterday" }), 400), /^to: /);
    assert.match(errorOf(await app.inject({ url: "/api/articles?from=2021-05-01&to=2021-01-01" }), 400), /after/);
    assert.match(errorOf(await app.inject({ url: "/api/articles?limit=0" }), 400), /^limit: /);
    assert.match(errorOf(await app.inject({ url: "/api/articles?limit=abc" }), 400), /^limit: /);
    assert.match(errorOf(await app.inject({ url: "/api/entities/test:haddad/timeline?by=year" }), 400), /^by: /);
    assert.match(errorOf(await app.inject({ url: "/api/articles?outlet=a&outlet=b" }), 400), /more than once/);
  });

  test("a malformed percent-escape in the query or the path → 400 in our error shape, naming the parameter", async () => {
    for (const url of ["/api/search?q=%E0%A4%A", "/api/search?q=%ZZ", "/api/articles?outlet=ok&section=50%"]) {
      const res = await app.inject({ url });
      const message = errorOf(res, 400, "bad_url");
      assert.match(message, /^(q|section): malformed percent-escape "%.*" in the query string/);
      assert.match(message, /%25/);
      assert.match(String(res.headers["content-type"]), /application\/json/);
    }
    for (const url of ["/api/articles/%E0%A4%A", `/api/entities/${encodeURIComponent("الحداد")}%E0`]) {
      const res = await app.inject({ url });
      assert.match(errorOf(res, 400, "bad_url"), /malformed percent-escape in the URL path/);
      assert.equal(res.headers["x-content-type-options"], "nosniff", "security headers on router errors too");
    }
    // Well-formed escapes, "+" and UTF-8 Arabic still work.
    const ok = await app.inject({ url: `/api/search?q=${encodeURIComponent("الحداد")}+%D9%85%D9%86%D8%B5%D9%88%D8%B1` });
    assert.equal(ok.statusCode, 200);
  });

  test("limit: at most 100 on the API, and the answer says so", async () => {
    for (const url of ["/api/articles?limit=101", "/api/search?q=x&limit=1000", "/api/quotes?limit=500"]) {
      assert.match(errorOf(await app.inject({ url }), 400, "bad_request"), /^limit: must be from 1 to 100 \(got \d+\)$/);
    }
    assert.equal((await app.inject({ url: "/api/articles?limit=100" })).statusCode, 200);
  });

  test("search without a query, with only stopwords, or with an unbalanced quote → 400", async () => {
    assert.match(errorOf(await app.inject({ url: "/api/search" }), 400), /^q: /);
    errorOf(await app.inject({ url: `/api/search?q=${encodeURIComponent('"الحداد')}` }), 400);
    errorOf(await app.inject({ url: `/api/search?q=${encodeURIComponent("في من")}` }), 400);
  });

  test("analyze: empty body, broken JSON, wrong shape, bad date, unsupported type → 4xx", async () => {
    errorOf(
      await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "text/plain" }, payload: "" }),
      400,
      "empty_body",
    );
    errorOf(
      await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "text/plain" }, payload: "   \n " }),
      400,
      "empty_body",
    );
    errorOf(await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "application/json" }, payload: "" }), 400);
    errorOf(
      await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "application/json" }, payload: '{"text": ' }),
      400,
      "invalid_json",
    );
    assert.match(errorOf(await app.inject({ method: "POST", url: "/api/analyze", payload: { text: 42 } }), 400), /^text: /);
    assert.match(errorOf(await app.inject({ method: "POST", url: "/api/analyze", payload: [1, 2] }), 400), /JSON object/);
    assert.match(
      errorOf(await app.inject({ method: "POST", url: "/api/analyze", payload: { text: "نص", html: "<p>نص</p>" } }), 400),
      /not both/,
    );
    assert.match(
      errorOf(await app.inject({ method: "POST", url: "/api/analyze", payload: { text: "نص قصير", published: "2021-13-01" } }), 400),
      /^published: /,
    );
    errorOf(
      await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "application/xml" }, payload: "<a/>" }),
      415,
      "unsupported_media_type",
    );
    // Text with no words is the analyzer's InputError, as a 400 with its reason.
    errorOf(await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "text/plain" }, payload: "... ---" }), 400);
  });

  test("a body over the limit → 413 with the limit in the message", async () => {
    const small = await server({ bodyLimit: 4096 });
    const big = "كلمة ".repeat(2000);
    const res = await small.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "text/plain" }, payload: big });
    assert.match(errorOf(res, 413, "body_too_large"), /4 KB/);
    const json = await small.inject({ method: "POST", url: "/api/analyze", payload: { text: big } });
    errorOf(json, 413);
  });

  test("the default limit is 2 MB, over a real socket too", async () => {
    const s = await server();
    await s.listen({ host: "127.0.0.1", port: 0 });
    const addr = s.server.address() as { address: string; port: number };
    assert.equal(addr.address, "127.0.0.1");
    const res = await fetch(`http://127.0.0.1:${addr.port}/api/analyze`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "ا".repeat(1024 * 1024 + 10),
    });
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /2 MB/);
  });
});

describe("security", () => {
  test("writes are disabled (403) without MARSAD_API_KEY, and the message says how to enable them", async () => {
    const open = await server({ apiKey: null });
    const res = await open.inject({ method: "POST", url: "/api/ingest", payload: { title: "عنوان", text: "نص" } });
    assert.match(errorOf(res, 403, "writes_disabled"), /MARSAD_API_KEY/);
    errorOf(await open.inject({ method: "DELETE", url: `/api/articles/${idOf(TITLE1)}` }), 403);
    // Reads stay open on loopback.
    assert.equal((await open.inject({ url: "/api/articles" })).statusCode, 200);
  });

  test("writes need the key: missing or wrong → 401; x-api-key or Bearer → accepted", async () => {
    const rec = { title: "خبر للحذف", text: "نص قصير عن سليم الحداد في القاهرة لاختبار الحذف.", published: "2021-07-01" };
    errorOf(await app.inject({ method: "POST", url: "/api/ingest", payload: rec }), 401, "unauthorized");
    errorOf(await app.inject({ method: "POST", url: "/api/ingest", payload: rec, headers: { "x-api-key": "wrong" } }), 401);
    errorOf(await app.inject({ method: "POST", url: "/api/ingest", payload: rec, headers: { authorization: `Basic ${KEY}` } }), 401);
    errorOf(await app.inject({ method: "DELETE", url: `/api/articles/${idOf(TITLE1)}` }), 401);
    const ok = await app.inject({ method: "POST", url: "/api/ingest", payload: rec, headers: { authorization: `Bearer ${KEY}` } });
    assert.equal(ok.statusCode, 200, ok.body);
    const r = ok.json();
    assert.equal(r.results[0].status, "analyzed", JSON.stringify(r));
    assert.equal(r.added, 1);
    const id = r.results[0].id;
    assert.equal((await app.inject({ url: `/api/articles/${id}` })).statusCode, 200);
    // The same input again is skipped; then deleted with the key, and gone.
    const again = (await app.inject({ method: "POST", url: "/api/ingest", payload: rec, headers: { "x-api-key": KEY } })).json();
    assert.deepEqual([again.added, again.unchanged, again.results[0].status], [0, 1, "skipped"]);
    const del = await app.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: { "x-api-key": KEY } });
    assert.equal(del.statusCode, 200);
    errorOf(await app.inject({ url: `/api/articles/${id}` }), 404);
    errorOf(await app.inject({ method: "DELETE", url: `/api/articles/${id}`, headers: { "x-api-key": KEY } }), 404);
    const search = (await app.inject({ url: `/api/search?q=${encodeURIComponent("الحذف")}` })).json();
    assert.equal(search.total, 0, "a deleted article leaves the search index");
  });

  test("ingest reports each bad record with its place and stores the good ones", async () => {
    const lines = [
      JSON.stringify({
        title: "خبر صالح للتخزين",
        text: "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في القاهرة.",
        published: "2021-08-01",
        source: "demo-d",
      }),
      "{broken",
      JSON.stringify({ title: "بلا نص" }),
    ].join("\n");
    const res = await app.inject({
      method: "POST",
      url: "/api/ingest",
      headers: { "content-type": "application/x-ndjson", "x-api-key": KEY },
      payload: lines,
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.added, 1);
    assert.equal(r.failed, 2);
    assert.deepEqual(
      r.results.map((x: { where: string; status: string }) => [x.where, x.status]),
      [
        ["line 1", "analyzed"],
        ["line 2", "failed"],
        ["line 3", "failed"],
      ],
    );
    assert.match(r.results[1].reason, /JSON/);
    assert.match(r.results[2].reason, /no text/);
    await app.inject({ method: "DELETE", url: `/api/articles/${r.results[0].id}`, headers: { "x-api-key": KEY } });
  });

  test("reads off loopback: refused at start without key or --open-reads; key needed unless --open-reads", async () => {
    await assert.rejects(
      buildServer({ store: corpus.store, host: "0.0.0.0", webDir: null, workers: 0 }),
      (e: unknown) => e instanceof InputError && /open-reads/.test(e.message),
    );
    const keyed = await server({ host: "0.0.0.0", apiKey: KEY });
    errorOf(await keyed.inject({ url: "/api/articles" }), 401);
    assert.equal((await keyed.inject({ url: "/api/articles", headers: { "x-api-key": KEY } })).statusCode, 200);
    const open = await server({ host: "0.0.0.0", openReads: true });
    assert.equal((await open.inject({ url: "/api/articles" })).statusCode, 200);
    errorOf(await open.inject({ method: "POST", url: "/api/ingest", payload: {} }), 403);
  });

  test("CORS is off by default; --cors allows exactly one origin", async () => {
    const plain = await app.inject({ url: "/api/articles", headers: { origin: "https://evil.example" } });
    assert.equal(plain.headers["access-control-allow-origin"], undefined);
    const pre = await app.inject({
      method: "OPTIONS",
      url: "/api/articles",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    assert.equal(pre.headers["access-control-allow-origin"], undefined);
    const withCors = await server({ corsOrigin: "https://news.example" });
    const ok = await withCors.inject({ url: "/api/articles", headers: { origin: "https://news.example" } });
    assert.equal(ok.headers["access-control-allow-origin"], "https://news.example");
    const other = await withCors.inject({ url: "/api/articles", headers: { origin: "https://evil.example" } });
    assert.notEqual(other.headers["access-control-allow-origin"], "https://evil.example");
  });

  test("security headers on every response, errors included", async () => {
    for (const url of ["/api/articles", "/api/articles/0123456789abcdef", "/nowhere"]) {
      const res = await app.inject({ url });
      assert.match(String(res.headers["content-security-policy"]), /default-src 'self'/);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["x-frame-options"], "DENY");
    }
  });

  test("the rate limit answers 429 with a JSON error once exceeded", async () => {
    const limited = await server({ rateLimit: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.inject({ url: "/api/health" })).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    const res = await limited.inject({ url: "/api/health" });
    assert.match(errorOf(res, 429, "rate_limited"), /retry/);
    assert.ok(res.headers["retry-after"]);
  });

  test("costly routes have their own, lower limit", async () => {
    const limited = await server({ rateLimit: 100, writeRateLimit: 2, apiKey: KEY });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await limited.inject({ method: "DELETE", url: "/api/articles/0123456789abcdef", headers: { "x-api-key": KEY } })).statusCode,
      );
    assert.deepEqual(codes, [404, 404, 429]);
    assert.equal((await limited.inject({ url: "/api/health" })).statusCode, 200);
  });
});

describe("analysis and the OpenAPI document", () => {
  test("POST /api/analyze returns a marsad.article/1 document for text, JSON and HTML bodies", async () => {
    const text = "وزير الخارجية يبحث مع نظيره التعاون الإقليمي\n\nبحث وزير الخارجية مع نظيره في اتصال هاتفي سبل تعزيز التعاون.";
    const a = await app.inject({
      method: "POST",
      url: "/api/analyze?published=2021-03-02",
      headers: { "content-type": "text/plain; charset=utf-8" },
      payload: text,
    });
    assert.equal(a.statusCode, 200, a.body);
    const doc = a.json();
    assert.equal(doc.schema, "marsad.article/1");
    assert.equal(doc.title, "وزير الخارجية يبحث مع نظيره التعاون الإقليمي");
    assert.equal(doc.published, "2021-03-02");
    const j = (await app.inject({ method: "POST", url: "/api/analyze", payload: { text, published: "2021-03-03" } })).json();
    assert.equal(j.id, doc.id, "same text, same content id");
    assert.equal(j.published, "2021-03-03");
    const html = `<html lang="ar" dir="rtl"><head><title>صفحة</title></head><body><article><h1>عنوان الخبر هنا</h1><p>${"فقرة من نص الخبر تتحدث عن التعاون بين البلدين. ".repeat(4)}</p></article></body></html>`;
    const h = await app.inject({ method: "POST", url: "/api/analyze", headers: { "content-type": "text/html" }, payload: html });
    assert.equal(h.statusCode, 200, h.body);
    assert.equal(h.json().source.format, "html");
  });

  test("the analysis worker pool answers too (workers: 1)", async () => {
    const pooled = await server({ workers: 1 });
    const res = await pooled.inject({
      method: "POST",
      url: "/api/analyze",
      payload: { text: "عنوان قصير\n\nنص الخبر في سطر واحد عن الاقتصاد." },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().title, "عنوان قصير");
  });

  test("openapi.json is valid JSON and lists every endpoint, each of which exists", async () => {
    const res = await app.inject({ url: "/api/openapi.json" });
    assert.equal(res.statusCode, 200);
    const spec = JSON.parse(res.body);
    assert.match(spec.openapi, /^3\./);
    const paths = Object.keys(spec.paths);
    for (const p of [
      "/api/analyze",
      "/api/articles",
      "/api/articles/{id}",
      "/api/articles/{id}/related",
      "/api/search",
      "/api/entities/{key}",
      "/api/entities/{key}/timeline",
      "/api/entities/{key}/cooccurrence",
      "/api/entities/{key}/quotes",
      "/api/entities/{key}/events",
      "/api/quotes",
      "/api/events",
      "/api/ingest",
    ]) {
      assert.ok(paths.includes(p), `${p} is documented`);
    }
    for (const [p, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        assert.ok(
          app.hasRoute({ method: method.toUpperCase() as "GET", url: p.replace(/\{(\w+)\}/g, ":$1") }),
          `${method.toUpperCase()} ${p} is served`,
        );
      }
    }
  });
});

describe("corpus views: one story once, entities by plain name, asserted events", () => {
  let dir2: string;
  let store2: SqliteStore;
  let app2: FastifyInstance;
  const BODY =
    "قررت البلدية إغلاق الشارع الرئيسي أمام السيارات كل يوم جمعة لتحويله إلى ممر للمشاة والدراجات، على أن تبدأ التجربة مطلع الشهر المقبل وتستمر ثلاثة أشهر قبل تقييمها.";
  const copyOf = (body: string) => body.replace("قررت البلدية", "أعلنت البلدية").replace("قبل تقييمها", "ثم تقيّمها");
  const doc = (title: string, body: string, outlet: string, published: string, layers: Partial<ArticleDocument> = {}) => {
    const d = parseArticle({ format: "txt", content: body, title, outlet, published });
    return { ...d, ...layers };
  };

  before(async () => {
    dir2 = mkdtempSync(join(tmpdir(), "marsad-api-stories-"));
    store2 = new SqliteStore(join(dir2, "c.db"));
    const a = doc("شارع للمشاة كل جمعة", BODY, "Jawhara FM", "2022-06-01T08:00:00Z");
    const b = doc("البلدية تغلق الشارع الرئيسي", copyOf(BODY), "alpha news", "2022-06-01T12:00:00Z");
    const text = "اجتمع الوزير نبيل السعدي مع ممثلي التجار. ولم يوقع السعدي اتفاقا مع التجار.";
    const c = doc("السعدي يجتمع بالتجار", text, "beta", "2022-06-02T08:00:00Z");
    const t = c.text;
    const at = (s: string) => t.indexOf(s, c.title.length);
    c.entities = [
      {
        id: "e1",
        name: "نبيل السعدي",
        type: "PER",
        kbId: "test:saadi",
        salience: 0.9,
        mentions: [
          { start: at("نبيل السعدي"), end: at("نبيل السعدي") + 11, text: "نبيل السعدي" },
          { start: at("السعدي اتفاقا"), end: at("السعدي اتفاقا") + 6, text: "السعدي" },
        ],
      },
      {
        id: "e2",
        name: "التجار",
        type: "ORG",
        kbId: null,
        salience: 0.5,
        mentions: [{ start: at("التجار"), end: at("التجار") + 6, text: "التجار" }],
      },
    ];
    const ev = (trigger: string, type: string, negated: boolean) => ({
      start: at(trigger),
      end: at(trigger) + trigger.length,
      type,
      source: ["e1"],
      target: ["e2"],
      trigger,
      confidence: 0.8,
      negated,
      mode: "asserted" as const,
      sentence: 0,
    });
    c.events = [ev("اجتمع", "CONSULT", false), ev("يوقع", "AGREE", true)];
    await store2.put([a, b, c].map((d) => ({ doc: toIndexed(d), inputHash: `api-${d.id}` })));
    app2 = await buildServer({ store: store2, workers: 0, webDir: null });
  });
  after(async () => {
    await app2?.close();
    await store2?.close();
    rmSync(dir2, { recursive: true, force: true });
  });

  test("search: one hit per story with alsoReportedBy; collapse=false lists every copy; total says what it counts", async () => {
    const q = encodeURIComponent("الشارع الرئيسي");
    const folded = (await app2.inject({ url: `/api/search?q=${q}` })).json();
    assert.deepEqual([folded.collapsed, folded.unit, folded.total, folded.documents, folded.hits.length], [true, "stories", 1, 2, 1]);
    assert.equal(folded.hits[0].copies, 1);
    assert.equal(folded.hits[0].alsoReportedBy.length, 1);
    assert.notEqual(folded.hits[0].alsoReportedBy[0].outlet, folded.hits[0].outlet);
    const all = (await app2.inject({ url: `/api/search?q=${q}&collapse=false` })).json();
    assert.deepEqual([all.collapsed, all.unit, all.total, all.hits.length], [false, "documents", 2, 2]);
    errorOf(await app2.inject({ url: `/api/search?q=${q}&collapse=maybe` }), 400, "bad_request");
    // The outlet filter ignores case and spaces.
    const one = (await app2.inject({ url: `/api/search?q=${q}&outlet=JAWHARAFM` })).json();
    assert.deepEqual(
      one.hits.map((h: { outlet: string }) => h.outlet),
      ["Jawhara FM"],
    );
    const stats = (await app2.inject({ url: "/api/stats" })).json();
    assert.deepEqual([stats.documents, stats.stories], [3, 2]);
    const rel = (await app2.inject({ url: `/api/articles/${folded.hits[0].id}/related` })).json();
    assert.deepEqual(
      rel.nearDuplicates.map((d: { id: string }) => d.id),
      [folded.hits[0].alsoReportedBy[0].id],
    );
  });

  test("entities by a plain name: resolved to the linked entity and said so; a key stays as it is", async () => {
    const e = (await app2.inject({ url: `/api/entities/${encodeURIComponent("السعدي")}` })).json();
    assert.equal(e.kbId, "test:saadi");
    assert.equal(e.key, "test:saadi");
    assert.deepEqual([e.resolved.query, e.resolved.key, e.resolved.match], ["السعدي", "test:saadi", "alias"]);
    const byKey = (await app2.inject({ url: "/api/entities/test:saadi" })).json();
    assert.equal(byKey.resolved, undefined);
    const tl = (await app2.inject({ url: `/api/entities/${encodeURIComponent("لالسعدي")}/timeline` })).json();
    assert.equal(tl.key, "test:saadi");
    errorOf(await app2.inject({ url: `/api/entities/${encodeURIComponent("لا_أحد")}/timeline` }), 404, "not_found");
  });

  test("events: asserted ones by default; asserted=false adds the negated one; by=day", async () => {
    const def = (await app2.inject({ url: "/api/events?source=test:saadi" })).json();
    assert.equal(def.total, 1);
    assert.deepEqual(
      def.items.map((x: { type: string; negated: boolean; mode: string }) => [x.type, x.negated, x.mode]),
      [["CONSULT", false, "asserted"]],
    );
    const all = (await app2.inject({ url: "/api/events?source=test:saadi&asserted=false&by=day" })).json();
    assert.equal(all.total, 2);
    assert.deepEqual(all.counts, [
      { period: "2022-06-02", type: "AGREE", events: 1 },
      { period: "2022-06-02", type: "CONSULT", events: 1 },
    ]);
    const page = (await app2.inject({ url: `/api/entities/${encodeURIComponent("نبيل السعدي")}/events?role=source` })).json();
    assert.equal(page.total, 1);
    errorOf(await app2.inject({ url: "/api/events?by=year" }), 400, "bad_request");
    const typo = errorOf(await app2.inject({ url: "/api/events?type=CONSLT" }), 400, "bad_request");
    assert.match(typo, /unknown event type "CONSLT"; one of AGREE, CONSULT/);
    assert.equal((await app2.inject({ url: "/api/events?type=consult" })).statusCode, 200);
  });
});
