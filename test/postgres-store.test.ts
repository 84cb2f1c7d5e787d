/**
 * The PostgreSQL store against a REAL server ($MARSAD_TEST_PG, e.g. from
 * scripts/pg-test-server.sh; skipped with a message when unset). Each test
 * file works in its own fresh schema (?schema=…), dropped at the end.
 *
 * Covers: migrations (versions, concurrent first opens, a newer schema,
 * create:false), idempotent and atomic put(), concurrent overlapping puts,
 * copies of one story put concurrently filed under one story,
 * round trips, documents() paging, search semantics (morphology through
 * analyzer terms, phrases, exclusions, filters, paging, title weighting),
 * the same answers as the SQLite store on the same corpus, injection safety
 * (user syntax and hostile terms), NUL characters, and connection errors in
 * words. Articles are short Arabic texts written for this test.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { parseArticle } from "../src/article/index.js";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { parseQuery } from "../src/search/query.js";
import { clauses, searchCorpus } from "../src/search/search.js";
import { openStore } from "../src/store/open.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { parsePgUrl } from "../src/store/postgres/connection.js";
import { SCHEMA_VERSION } from "../src/store/postgres/migrations.js";
import { cleanJson, PostgresStore } from "../src/store/postgres/store.js";
import { buildTsquery, documentVector } from "../src/store/postgres/tsearch.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { PutItem, SearchFilters, Store, TermQuery } from "../src/store/types.js";

const PG = process.env.MARSAD_TEST_PG;
const SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
/** A test that needs the server: reported as skipped, with the reason, when there is none. */
const pgTest = (name: string, fn: () => Promise<void> | void) => test(name, { skip: SKIP }, fn);

interface Spec {
  title: string;
  body: string;
  outlet: string;
  section: string;
  published: string;
  kb?: string[];
}

/** A small corpus: keys name what each article is there to test. */
const SPECS: Record<string, Spec> = {
  // Only clitic forms of بوتين: لبوتين and وبوتين, never the bare word.
  clitics: {
    title: "برقية من الحكومة اليابانية",
    body: "أرسلت الحكومة اليابانية برقية لبوتين صباح أمس.\nوبوتين لم يرد على البرقية حتى الآن.",
    outlet: "alpha",
    section: "politics",
    published: "2023-01-04T09:00:00Z",
  },
  title: {
    title: "بوتين يزور مصنعا للجرارات",
    body: "زار الرئيس مصنعا كبيرا للجرارات في الأورال.\nوتحدث مع العمال عن الأجور.",
    outlet: "beta",
    section: "politics",
    published: "2023-02-11T09:00:00Z",
    kb: ["Q7747"],
  },
  china: {
    title: "ميناء جديد على الساحل",
    body: "افتتح ميناء تجاري جديد بتمويل من الصين.\nوقال مسؤول إن الميناء سيخدم سفن الحاويات.",
    outlet: "alpha",
    section: "economy",
    published: "2023-03-20T09:00:00Z",
  },
  phrase: {
    title: "اجتماع في العاصمة",
    body: "عقد مجلس الأمن جلسة طارئة مساء الأحد.\nوناقش الأعضاء الوضع الإنساني.",
    outlet: "gamma",
    section: "politics",
    published: "2023-04-02T09:00:00Z",
  },
  scattered: {
    title: "الأمن الغذائي في المنطقة",
    body: "حذر تقرير من تراجع الأمن الغذائي.\nودعا المجلس البلدي إلى دعم المزارعين.",
    outlet: "gamma",
    section: "economy",
    published: "2023-05-15T09:00:00Z",
  },
  both: {
    title: "محادثات بين موسكو وبكين",
    body: "أجرى بوتين محادثات هاتفية مع نظيره في الصين.\nوتناولت المحادثات التجارة والطاقة.",
    outlet: "beta",
    section: "politics",
    published: "2023-06-30T09:00:00Z",
    kb: ["Q7747", "Q148"],
  },
};

function article(s: Spec): ArticleDocument {
  const d = parseArticle({ format: "txt", content: s.body, title: s.title, outlet: s.outlet, section: s.section, published: s.published });
  d.entities = (s.kb ?? []).map((kb, i) => ({ id: `e${i + 1}`, name: `كيان ${kb}`, type: "PER", kbId: kb, mentions: [], salience: 0.5 }));
  return d;
}

const DOCS = Object.fromEntries(Object.entries(SPECS).map(([k, s]) => [k, article(s)])) as Record<string, ArticleDocument>;
const keyOf = new Map(Object.entries(DOCS).map(([k, d]) => [d.id, k]));
const item = (d: ArticleDocument, hash = `h-${d.id}`): PutItem => ({ doc: toIndexed(d), inputHash: hash });

function tq(query: string, filters: SearchFilters = {}, limit = 20, offset = 0): TermQuery {
  return { ...clauses(parseQuery(query)), filters, limit, offset };
}

async function keys(store: Store, q: TermQuery): Promise<string[]> {
  return (await store.search(q)).hits.map((h) => keyOf.get(h.id) ?? h.id);
}

describe("PostgreSQL store", () => {
  const url = PG ? withSchema(PG, uniqueSchema("marsad_store")) : "";
  let store: PostgresStore;
  const dir = mkdtempSync(join(tmpdir(), "marsad-pg-"));

  before(async () => {
    if (!PG) return;
    store = await PostgresStore.open(url);
    const r = await store.put(Object.values(DOCS).map((d) => item(d)));
    assert.deepEqual(r, { added: Object.keys(DOCS).length, unchanged: 0 });
  });
  after(async () => {
    await store?.close();
    if (PG) await dropCorpus(url);
    rmSync(dir, { recursive: true, force: true });
  });

  pgTest("migrations: recorded versions, reopening is a no-op, a newer schema is refused", async () => {
    const rows = (await store.pool.query("SELECT version FROM schema_version ORDER BY version")).rows.map((r) => r.version);
    assert.deepEqual(
      rows,
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    const again = await PostgresStore.open(url);
    assert.equal(again.schemaVersion, SCHEMA_VERSION);
    await again.close();

    const newer = withSchema(PG as string, uniqueSchema("marsad_newer"));
    const s = await PostgresStore.open(newer);
    await s.pool.query("INSERT INTO schema_version (version, name) VALUES ($1, 'from the future')", [SCHEMA_VERSION + 1]);
    await s.close();
    await assert.rejects(
      PostgresStore.open(newer),
      (e: unknown) => e instanceof InputError && /newer than this marsad knows/.test(e.reason),
    );
    await dropCorpus(newer);
  });

  pgTest("migrations: many processes opening a new corpus at once all succeed, once", async () => {
    const fresh = withSchema(PG as string, uniqueSchema("marsad_race"));
    try {
      const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(fresh, { poolSize: 1 })));
      const v = await stores[0].pool.query("SELECT count(*)::int AS n FROM schema_version");
      assert.equal(v.rows[0].n, SCHEMA_VERSION);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await dropCorpus(fresh);
    }
  });

  pgTest("create:false refuses a database or schema without a corpus", async () => {
    const none = withSchema(PG as string, uniqueSchema("marsad_none"));
    await assert.rejects(openStore(none, { create: false }), (e: unknown) => e instanceof InputError && /no Marsad corpus/.test(e.reason));
    const c = new pg.Client({ connectionString: parsePgUrl(PG as string).connectionString });
    await c.connect();
    const schema = parsePgUrl(none).schema as string;
    await c.query(`CREATE SCHEMA ${schema}`);
    await assert.rejects(openStore(none, { create: false }), /no Marsad corpus/);
    await c.query(`DROP SCHEMA ${schema}`);
    await c.end();
  });

  pgTest("openStore(postgres://…) returns this store", async () => {
    const s = await openStore(url, { create: false });
    assert.ok(s instanceof PostgresStore);
    assert.equal(s.kind, "postgres");
    assert.doesNotMatch(s.location, /marsad:marsad@/, "no password in the location");
    assert.equal((await s.stats()).documents, Object.keys(DOCS).length);
    await s.close();
  });

  pgTest("round trip: the document, its rows, documents() in storage order", async () => {
    const d = DOCS.both;
    assert.deepEqual(await store.get(d.id), d);
    assert.equal(await store.get("no-such-id"), null);
    const stats = await store.stats();
    assert.equal(stats.documents, Object.keys(DOCS).length);
    assert.equal(stats.entities, 3);
    assert.equal(stats.schemaVersion, SCHEMA_VERSION);
    const seen: string[] = [];
    for await (const doc of store.documents()) seen.push(doc.id);
    assert.deepEqual(
      seen,
      Object.values(DOCS).map((x) => x.id),
    );
    const known = await store.knownInputs([`h-${d.id}`, "h-unknown"]);
    assert.deepEqual([...known], [`h-${d.id}`]);
  });

  pgTest("documents() pages through more documents than one page", async () => {
    const big = withSchema(PG as string, uniqueSchema("marsad_page"));
    const s = await PostgresStore.open(big);
    try {
      const many = Array.from({ length: 600 }, (_, i) =>
        article({ ...SPECS.phrase, title: `خبر رقم ${i}`, body: `نص الخبر رقم ${i} عن الطقس.` }),
      );
      for (let i = 0; i < many.length; i += 200) await s.put(many.slice(i, i + 200).map((d) => item(d)));
      let count = 0;
      const ids = new Set<string>();
      for await (const d of s.documents()) {
        count++;
        ids.add(d.id);
      }
      assert.equal(count, 600);
      assert.equal(ids.size, 600);
    } finally {
      await s.close();
      await dropCorpus(big);
    }
  });

  pgTest("put is idempotent: again, duplicates in a batch, same document under another input", async () => {
    const extra = article({ ...SPECS.china, title: "سوق السمك يعود إلى العمل", body: "عاد سوق السمك إلى العمل بعد الترميم." });
    assert.deepEqual(await store.put([item(DOCS.china)]), { added: 0, unchanged: 1 });
    assert.deepEqual(await store.put([item(extra), item(extra), item(extra, "other-hash")]), { added: 1, unchanged: 2 });
    const known = await store.knownInputs([`h-${extra.id}`, "other-hash"]);
    assert.equal(known.size, 2, "every input hash is recorded");
    assert.deepEqual(await store.put([]), { added: 0, unchanged: 0 });
    await store.pool.query("DELETE FROM docs WHERE id = $1", [extra.id]);
    await store.pool.query("DELETE FROM inputs WHERE doc_id = $1", [extra.id]);
  });

  pgTest("put is atomic: a batch that fails part-way stores nothing", async () => {
    const good = article({ ...SPECS.china, title: "مهرجان للكتاب", body: "افتتح مهرجان للكتاب بمشاركة دور نشر عربية." });
    const bad = toIndexed(article({ ...SPECS.china, title: "خبر معطوب", body: "هذا خبر سيفشل تخزينه." }));
    // A row the database must refuse (NOT NULL), after the documents were inserted.
    bad.entities = [{ localId: "e1", kbId: null, name: "س", type: null as unknown as "PER", mentions: 1, salience: 0.1, aliases: ["س"] }];
    const before = (await store.stats()).documents;
    await assert.rejects(store.put([item(good), { doc: bad, inputHash: "h-bad" }]));
    assert.equal((await store.stats()).documents, before);
    assert.equal(await store.get(good.id), null);
    assert.equal((await store.knownInputs([`h-${good.id}`, "h-bad"])).size, 0);
  });

  pgTest("concurrent overlapping puts from several connections: each document once, no deadlock", async () => {
    const shared = withSchema(PG as string, uniqueSchema("marsad_conc"));
    const a = await PostgresStore.open(shared, { poolSize: 3 });
    const b = await PostgresStore.open(shared, { poolSize: 3 });
    try {
      const docs = Array.from({ length: 60 }, (_, i) =>
        article({ ...SPECS.scattered, title: `تقرير زراعي ${i}`, body: `محصول القمح في الحقل ${i} جيد هذا العام.` }),
      );
      const shuffled = (seed: number) =>
        [...docs].sort((x, y) => ((x.id.charCodeAt(3) * seed) % 7) - ((y.id.charCodeAt(3) * seed) % 7) || (x.id < y.id ? -1 : 1));
      const batches: PutItem[][] = [];
      for (let k = 0; k < 8; k++)
        batches.push(
          shuffled(k + 2)
            .slice(0, 45)
            .map((d) => item(d)),
        );
      const results = await Promise.all(batches.map((batch, k) => (k % 2 ? a : b).put(batch)));
      const added = results.reduce((s, r) => s + r.added, 0);
      const stored = (await a.stats()).documents;
      assert.equal(added, stored, "added counts sum to what is stored");
      assert.ok(stored <= 60 && stored >= 45);
      for (const r of results) assert.equal(r.added + r.unchanged, 45);
    } finally {
      await a.close();
      await b.close();
      await dropCorpus(shared);
    }
  });

  pgTest("stories under concurrency: copies put at once by many connections end up in one story", async () => {
    const shared = withSchema(PG as string, uniqueSchema("marsad_story"));
    const a = await PostgresStore.open(shared, { poolSize: 4 });
    const b = await PostgresStore.open(shared, { poolSize: 4 });
    try {
      const base =
        "أعلنت شركة الكهرباء الوطنية أنها ستقطع التيار عن أحياء المدينة الشرقية يوم السبت من الثامنة صباحا حتى الثانية ظهرا لإجراء أعمال صيانة في محطة التحويل الرئيسية، ودعت السكان إلى اتخاذ الاحتياطات اللازمة.";
      const words = ["صباحا", "ظهرا", "السبت", "الشرقية", "الرئيسية", "اللازمة", "الوطنية", "المدينة"];
      // Eight outlets' copies, each with one word of its own: every pair far above the near-duplicate bar.
      const copies = words.map((w, i) =>
        article({
          ...SPECS.phrase,
          title: `قطع الكهرباء ${i}`,
          body: base.replace(w, `${w} تقريبا`),
          outlet: `outlet${i}`,
          published: "2023-09-01T10:00:00Z",
        }),
      );
      const loner = article({
        ...SPECS.phrase,
        title: "خبر آخر",
        body: "فاز فريق المدينة بالبطولة بعد مباراة مثيرة.",
        published: "2023-09-01T11:00:00Z",
      });
      await Promise.all([...copies, loner].map((d, i) => (i % 2 ? a : b).put([item(d)])));
      const f = await a.facets();
      assert.equal(f.documents, 9);
      assert.equal(f.stories, 2, "the eight copies are one story, the other article its own");
      const r = await a.search({ ...tq("محطة"), collapse: true });
      assert.deepEqual([r.total, r.documents, r.hits.length, r.hits[0].copyCount], [1, 8, 1, 7]);
    } finally {
      await a.close();
      await b.close();
      await dropCorpus(shared);
    }
  });

  pgTest("morphology: a document with only لبوتين and وبوتين is found by بوتين", async () => {
    const found = await keys(store, tq("بوتين"));
    assert.ok(found.includes("clitics"), `found ${found.join(", ")}`);
    assert.deepEqual(new Set(found), new Set(["clitics", "title", "both"]));
    assert.deepEqual(await keys(store, tq("لبوتين")), await keys(store, tq("بوتين")), "clitic form in the query too");
    assert.deepEqual(new Set(await keys(store, tq("الصين"))), new Set(["china", "both"]));
  });

  pgTest("ranking: the title counts more than the body", async () => {
    const page = await store.search(tq("بوتين"));
    assert.equal(keyOf.get(page.hits[0].id), "title");
    for (let i = 1; i < page.hits.length; i++) assert.ok(page.hits[i - 1].score >= page.hits[i].score);
  });

  pgTest("phrases match adjacent terms only; exclusions leave documents out", async () => {
    assert.deepEqual(await keys(store, tq('"مجلس الأمن"')), ["phrase"]);
    assert.deepEqual(new Set(await keys(store, tq("مجلس الأمن"))), new Set(["phrase", "scattered"]));
    assert.deepEqual(await keys(store, tq("بوتين -الصين")).then((k) => new Set(k)), new Set(["clitics", "title"]));
    assert.deepEqual(await keys(store, tq('الأمن -"مجلس الأمن"')), ["scattered"]);
    // A phrase does not run from the title into the body.
    const t = DOCS.title;
    const lastTitle = t.title.split(" ").at(-1) as string;
    const firstBody = SPECS.title.body.split(" ")[0];
    assert.equal((await store.search(tq(`"${lastTitle} ${firstBody}"`))).total, 0);
  });

  pgTest("filters: from/to, outlet, section (any case), entity; paging with the total", async () => {
    assert.deepEqual(new Set(await keys(store, tq("بوتين", { from: "2023-02-01" }))), new Set(["title", "both"]));
    assert.deepEqual(await keys(store, tq("بوتين", { to: "2023-01-31" })), ["clitics"]);
    assert.deepEqual(await keys(store, tq("بوتين", { from: "2023-02-11", to: "2023-02-11" })), ["title"]);
    assert.deepEqual(await keys(store, tq("بوتين", { outlet: "ALPHA" })), ["clitics"]);
    assert.deepEqual(await keys(store, tq("الصين", { section: "Economy" })), ["china"]);
    assert.deepEqual(new Set(await keys(store, tq("بوتين", { entity: "Q7747" }))), new Set(["title", "both"]));
    assert.deepEqual(await keys(store, tq("بوتين", { entity: "كيان Q148" })), ["both"], "entity by exact name");
    const all = await store.search(tq("بوتين", {}, 20, 0));
    const p1 = await store.search(tq("بوتين", {}, 2, 0));
    const p2 = await store.search(tq("بوتين", {}, 2, 2));
    const past = await store.search(tq("بوتين", {}, 2, 10));
    assert.equal(all.total, 3);
    assert.deepEqual([p1.total, p2.total, past.total], [3, 3, 3]);
    assert.deepEqual(
      [...p1.hits, ...p2.hits].map((h) => h.id),
      all.hits.map((h) => h.id),
    );
    assert.equal(past.hits.length, 0);
  });

  pgTest("withText returns the display text; searchCorpus works end to end with snippets", async () => {
    const r = await searchCorpus(store, "بوتين", { limit: 5 });
    assert.equal(r.total, 3);
    const hit = r.hits.find((h) => keyOf.get(h.id) === "clitics");
    assert.ok(hit);
    const marked = hit.snippet.highlights.map((h) => hit.snippet.text.slice(h.start, h.end));
    assert.ok(marked.includes("لبوتين") && marked.includes("وبوتين"), marked.join(","));
  });

  pgTest("the same answers as the SQLite store on the same corpus", async () => {
    const lite = new SqliteStore(join(dir, "parity.db"));
    await lite.put(Object.values(DOCS).map((d) => item(d)));
    const queries: Array<[string, SearchFilters]> = [
      ["بوتين", {}],
      ["الصين", {}],
      ["بوتين الصين", {}],
      ['"مجلس الأمن"', {}],
      ["الأمن", {}],
      ["الأمن -المجلس", {}],
      ['بوتين -"برقية لبوتين"', {}],
      ["محادثات", { outlet: "beta" }],
      ["بوتين", { entity: "Q7747", from: "2023-06-01" }],
      ["الميناء التجاري", { section: "economy" }],
      ["كلمة_غير_موجودة", {}],
    ];
    for (const [q, f] of queries) {
      const a = await lite.search(tq(q, f));
      const b = await store.search(tq(q, f));
      assert.equal(b.total, a.total, `total for ${q}`);
      assert.deepEqual(new Set(b.hits.map((h) => h.id)), new Set(a.hits.map((h) => h.id)), `hits for ${q}`);
    }
    await lite.close();
  });

  pgTest("injection: query syntax characters are text, never tsquery or SQL", async () => {
    const lite = new SqliteStore(join(dir, "injection.db"));
    await lite.put(Object.values(DOCS).map((d) => item(d)));
    const queries = [
      "بوتين'",
      "بوتين & الصين",
      "بوتين | الصين",
      "!بوتين",
      "بوتين:*",
      "بوتين <-> الصين",
      "بوتين'); DROP TABLE docs; --",
      "'':* & !|",
      "\\ بوتين",
      'بوتين -"&|!"',
    ];
    for (const q of queries) {
      const r = await searchCorpus(store, q).catch((e: unknown) => e);
      if (r instanceof InputError) continue; // nothing searchable left: a clear message, fine
      assert.ok(!(r instanceof Error), `${q}: ${(r as Error)?.message}`);
      const ids = (r as Awaited<ReturnType<typeof searchCorpus>>).hits.map((h) => h.id);
      const expected = (await searchCorpus(lite, q)).hits.map((h) => h.id);
      assert.deepEqual(new Set(ids), new Set(expected), `${q}: same documents as SQLite`);
    }
    for (const q of ["بوتين'", "بوتين & الصين", "!بوتين", "بوتين:*", "بوتين <-> الصين"]) {
      assert.ok((await searchCorpus(store, q)).total >= 1, `${q}: the operator characters are ignored, the words still match`);
    }
    await lite.close();
    // Hostile terms straight into a TermQuery (no analyzer in between).
    const hostile = ["x'", "'", "&", "|", "!", ":*", "a:*", "<->", "<2>", ");", "'); DROP TABLE docs; --", "\\", "\\'", "(", "a b", "A"];
    for (const t of hostile) {
      const r = await store.search({ must: [[t]], not: [[t, t]], filters: {}, limit: 5, offset: 0 });
      assert.equal(r.total, 0, t);
    }
    assert.equal((await store.stats()).documents, Object.keys(DOCS).length, "tables intact");
  });

  pgTest("hostile terms are indexed as exact lexemes", async () => {
    const d = toIndexed(article({ ...SPECS.phrase, title: "رمز غريب", body: "نص قصير." }));
    d.titleTerms = "it's a:* x<->y );drop \\";
    d.bodyTerms = "(b) !c | &";
    await store.put([{ doc: d, inputHash: "h-hostile" }]);
    const find = async (must: string[][], not: string[][] = []) =>
      (await store.search({ must, not, filters: {}, limit: 5, offset: 0 })).total;
    assert.equal(await find([["it's"]]), 1);
    assert.equal(await find([["it"]]), 0);
    assert.equal(await find([["a:*"]]), 1);
    assert.equal(await find([["a"]]), 0, "a:* is not a prefix search");
    assert.equal(await find([["x<->y", ");drop"]]), 1, "phrase of hostile terms");
    assert.equal(await find([["\\"]]), 1);
    assert.equal(await find([["(b)", "!c", "|", "&"]]), 1);
    assert.equal(await find([["it's"]], [["&"]]), 0);
    assert.equal(await find([["\\", "(b)"]]), 0, "no phrase across title and body");
    await store.pool.query("DELETE FROM docs WHERE id = $1", [d.id]);
  });

  pgTest("tsquery and tsvector builders", () => {
    assert.equal(buildTsquery([["a"], ["b", "c"]], [["d"], ["e", "f"]]), "'a' & ('b' <-> 'c') & !'d' & !('e' <-> 'f')");
    assert.equal(buildTsquery([], [["a"]]), null);
    assert.equal(buildTsquery([["x".repeat(3000)]], []), null, "a term too long to index matches nothing");
    assert.equal(buildTsquery([["'"]], []), "''''");
    assert.equal(documentVector("a b", "a"), "'a':1A,4 'b':2A");
  });

  pgTest("NUL characters are stored as U+FFFD instead of failing the batch", async () => {
    const d = article({ ...SPECS.phrase, title: "عنوان\u0000فيه صفر", body: "نص\u0000فيه صفر أيضا." });
    const r = await store.put([item(d)]);
    assert.equal(r.added, 1);
    const back = await store.get(d.id);
    assert.ok(back && !back.text.includes("\u0000") && back.title.includes("\uFFFD"));
    assert.equal(cleanJson('"a\\u0000b\\\\u0000c"'), '"a\\ufffdb\\\\u0000c"', "an escaped backslash before u0000 is text");
    await store.pool.query("DELETE FROM docs WHERE id = $1", [d.id]);
  });
});

describe("PostgreSQL connection errors in words", () => {
  pgTest("wrong password, unknown database, nothing listening, bad URL, bad schema name", async () => {
    const u = new URL(PG as string);
    const wrongPw = new URL(u.href);
    wrongPw.password = "not-the-password";
    await assert.rejects(
      PostgresStore.open(wrongPw.href),
      (e: unknown) => e instanceof InputError && /password authentication failed/.test(e.reason) && !e.message.includes("not-the-password"),
    );
    const noDb = new URL(u.href);
    noDb.pathname = "/marsad_no_such_db";
    await assert.rejects(PostgresStore.open(noDb.href), (e: unknown) => e instanceof InputError && /does not exist/.test(e.reason));
    await assert.rejects(
      PostgresStore.open("postgres://marsad:x@127.0.0.1:1/marsad"),
      (e: unknown) => e instanceof InputError && /connection refused/.test(e.reason),
    );
    await assert.rejects(PostgresStore.open("postgres://[bad"), (e: unknown) => e instanceof InputError && e.subject === "--db");
    await assert.rejects(
      PostgresStore.open(withSchema(u.href, "Robert'); DROP")),
      (e: unknown) => e instanceof InputError && /schema/.test(e.reason),
    );
  });
});
