/**
 * Search over a small SQLite corpus of articles written for this test:
 * morphology (بوتين finds لبوتين and وبوتين, الصين finds بالصين), BM25
 * ranking with the title weighted, phrases, exclusions, filters, paging,
 * snippets highlighting the surface forms, and injection attempts that must
 * neither break the query nor touch the database.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseArticle } from "../src/article/index.js";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { searchCorpus } from "../src/search/search.js";
import { openStore } from "../src/store/open.js";
import type { SqliteStore } from "../src/store/sqlite/store.js";
import type { Store } from "../src/store/types.js";

interface Spec {
  key: string;
  title: string;
  body: string;
  outlet: string;
  section: string;
  published: string;
  kb?: string[];
}

const SPECS: Spec[] = [
  {
    key: "putin-title",
    title: "بوتين يستقبل رئيس وزراء الهند في موسكو",
    body: "استقبل الرئيس الروسي بوتين رئيس وزراء الهند في الكرملين.\nوبحث الجانبان التعاون في مجال الطاقة.",
    outlet: "alpha",
    section: "politics",
    published: "2021-01-05T10:00:00Z",
    kb: ["Q7747"],
  },
  {
    key: "li-putin",
    title: "رسالة تهنئة من طوكيو",
    body: "بعث رئيس الوزراء الياباني برسالة تهنئة لبوتين بمناسبة العيد الوطني.\nوأكدت الرسالة أهمية الحوار بين البلدين.",
    outlet: "beta",
    section: "politics",
    published: "2021-02-10T10:00:00Z",
    kb: ["Q7747"],
  },
  {
    key: "wa-putin",
    title: "قمة إقليمية في آسيا الوسطى",
    body: "اجتمع قادة دول آسيا الوسطى في قمة إقليمية.\nوبوتين كان قد دعا إلى القمة قبل شهرين، وأرسل وفدا رفيع المستوى.",
    outlet: "alpha",
    section: "politics",
    published: "2021-03-15T10:00:00Z",
  },
  {
    key: "china",
    title: "صادرات النفط إلى آسيا ترتفع",
    body: "ارتفعت صادرات النفط الخام إلى الأسواق الآسيوية.\nوتعد الصين أكبر مستورد للنفط الخام في العالم.",
    outlet: "beta",
    section: "economy",
    published: "2021-04-20T10:00:00Z",
  },
  {
    key: "bi-china",
    title: "معرض للسيارات الكهربائية",
    body: "افتتح معرض للسيارات الكهربائية بالصين بمشاركة مئات الشركات.\nوعرضت الشركات طرازات جديدة من البطاريات.",
    outlet: "alpha",
    section: "technology",
    published: "2021-05-25T10:00:00Z",
  },
  {
    key: "minister-phrase",
    title: "وزير الخارجية يصل إلى الرياض",
    body: "وصل وزير الخارجية إلى الرياض في زيارة رسمية تستمر يومين.\nويلتقي خلالها عددا من المسؤولين.",
    outlet: "beta",
    section: "politics",
    published: "2021-06-01T10:00:00Z",
  },
  {
    key: "minister-apart",
    title: "الوزير يتحدث عن الموازنة",
    body: "قال الوزير إن الموازنة الجديدة تركز على التعليم.\nوأشار إلى أن وزارة الخارجية ستحصل على مخصصات أقل هذا العام.",
    outlet: "alpha",
    section: "economy",
    published: "2021-06-02T10:00:00Z",
  },
  {
    key: "oil-many",
    title: "أسعار الطاقة في الأسواق",
    body: "النفط يرتفع. النفط يقود الأسواق. النفط يحدد أسعار الطاقة هذا الأسبوع، والنفط الخام يتصدر التداول.",
    outlet: "alpha",
    section: "economy",
    published: "2021-07-01T10:00:00Z",
  },
  {
    key: "oil-once",
    title: "أسعار الطاقة في الأسواق",
    body: "الذهب يرتفع. الذهب يقود الأسواق. الفضة تحدد أسعار المعادن هذا الأسبوع، والنفط الخام يتصدر التداول.",
    outlet: "beta",
    section: "economy",
    published: "2021-07-02T10:00:00Z",
  },
];

/** Ten near-identical articles for paging. */
for (let i = 1; i <= 10; i++) {
  SPECS.push({
    key: `page-${i}`,
    title: `نشرة الطقس اليومية رقم ${i}`,
    body: `${"توقعات بأمطار متفرقة ورياح معتدلة. ".repeat(i)}\nتقرير الأرصاد الجوية ليوم ${i}.`,
    outlet: "gamma",
    section: "weather",
    published: `2021-08-${String(i).padStart(2, "0")}T06:00:00Z`,
  });
}

const dir = mkdtempSync(join(tmpdir(), "marsad-search-"));
let store: Store;
const idOf = new Map<string, string>();
const keyOf = new Map<string, string>();

before(async () => {
  store = await openStore(join(dir, "s.db"));
  const items = SPECS.map((s, i) => {
    const doc: ArticleDocument = parseArticle({
      format: "txt",
      content: s.body,
      title: s.title,
      outlet: s.outlet,
      section: s.section,
      published: s.published,
    });
    doc.entities = (s.kb ?? []).map((kb, j) => ({
      id: `e${j + 1}`,
      name: "فلاديمير بوتين",
      type: "PER",
      kbId: kb,
      mentions: [],
      salience: 0.9,
    }));
    idOf.set(s.key, doc.id);
    keyOf.set(doc.id, s.key);
    return { doc: toIndexed(doc), inputHash: `in-${i}` };
  });
  await store.put(items);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function keys(q: string, opts: Parameters<typeof searchCorpus>[2] = {}): Promise<string[]> {
  const r = await searchCorpus(store, q, { limit: 100, ...opts });
  return r.hits.map((h) => keyOf.get(h.id) as string);
}

test("بوتين finds لبوتين and وبوتين; الصين finds بالصين", async () => {
  assert.deepEqual(new Set(await keys("بوتين")), new Set(["putin-title", "li-putin", "wa-putin"]));
  assert.deepEqual(new Set(await keys("الصين")), new Set(["china", "bi-china"]));
  assert.deepEqual(await keys("لبوتين"), await keys("بوتين"), "a clitic form in the query means the same word");
});

test("ranking: a title match ranks first; more occurrences rank higher", async () => {
  assert.equal((await keys("بوتين"))[0], "putin-title");
  const oil = await keys("النفط");
  assert.ok(oil.indexOf("oil-many") < oil.indexOf("oil-once"), oil.join(" "));
  const r = await searchCorpus(store, "النفط");
  for (let i = 1; i < r.hits.length; i++) assert.ok(r.hits[i - 1].score >= r.hits[i].score, "scores descend");
});

test("all words must match", async () => {
  assert.deepEqual(await keys("بوتين الهند"), ["putin-title"]);
  assert.deepEqual(await keys("بوتين البطاريات"), []);
});

test("phrase search: words next to each other, in any clitic form", async () => {
  assert.deepEqual(await keys('"وزير الخارجية"'), ["minister-phrase"]);
  // Without quotes both articles have both words.
  assert.deepEqual(new Set(await keys("وزير الخارجية")), new Set(["minister-phrase", "minister-apart"]));
  assert.deepEqual(await keys('"الخارجية وزير"'), [], "order matters");
});

test("exclusions leave articles out", async () => {
  assert.deepEqual(new Set(await keys("بوتين -تهنئة")), new Set(["putin-title", "wa-putin"]));
  const oil = await keys("النفط");
  assert.ok(oil.includes("oil-once"));
  assert.deepEqual(
    await keys('النفط -"الذهب يرتفع"'),
    oil.filter((k) => k !== "oil-once"),
    "a phrase exclusion",
  );
});

test("filters: date range, outlet, section, entity", async () => {
  assert.deepEqual(await keys("بوتين", { filters: { from: "2021-02-01", to: "2021-02-28" } }), ["li-putin"]);
  assert.deepEqual(
    new Set(await keys("بوتين", { filters: { from: "2021-02-10" } })),
    new Set(["li-putin", "wa-putin"]),
    "from is inclusive",
  );
  assert.deepEqual(await keys("بوتين", { filters: { to: "2021-01-05" } }), ["putin-title"], "to is inclusive");
  assert.deepEqual(
    new Set(await keys("بوتين", { filters: { outlet: "ALPHA" } })),
    new Set(["putin-title", "wa-putin"]),
    "outlet ignores case",
  );
  assert.deepEqual(new Set(await keys("النفط", { filters: { section: "economy", outlet: "beta" } })), new Set(["china", "oil-once"]));
  assert.deepEqual(new Set(await keys("بوتين", { filters: { entity: "Q7747" } })), new Set(["putin-title", "li-putin"]));
  assert.deepEqual(
    new Set(await keys("رئيس", { filters: { entity: "فلاديمير بوتين" } })),
    new Set(["putin-title", "li-putin"]),
    "entity by exact name",
  );
  await assert.rejects(searchCorpus(store, "بوتين", { filters: { from: "2021-03-01", to: "2021-01-01" } }), /is after --to/);
});

test("paging: total, disjoint pages that add up to the whole list (every copy listed)", async () => {
  const opts = { collapse: false };
  const all = await searchCorpus(store, "الطقس", { ...opts, limit: 100 });
  assert.equal(all.total, 10);
  assert.equal(all.unit, "documents");
  assert.equal(all.hits.length, 10);
  const pages: string[] = [];
  for (let offset = 0; offset < 10; offset += 3) {
    const p = await searchCorpus(store, "الطقس", { ...opts, limit: 3, offset });
    assert.equal(p.total, 10);
    assert.equal(p.hits[0].rank, offset + 1);
    pages.push(...p.hits.map((h) => h.id));
  }
  assert.deepEqual(
    pages,
    all.hits.map((h) => h.id),
  );
  assert.equal((await searchCorpus(store, "الطقس", { ...opts, offset: 50 })).hits.length, 0);
  await assert.rejects(searchCorpus(store, "الطقس", { limit: 0 }), /--limit/);
  await assert.rejects(searchCorpus(store, "الطقس", { offset: -1 }), /--offset/);
});

test("the near-identical daily bulletins are one story by default: one hit, the other nine listed with it", async () => {
  const r = await searchCorpus(store, "الطقس", { limit: 100 });
  assert.deepEqual([r.collapsed, r.unit, r.total, r.documents, r.hits.length], [true, "stories", 1, 10, 1]);
  assert.equal(r.hits[0].copies, 9);
  const listed = new Set([r.hits[0].id, ...r.hits[0].alsoReportedBy.map((c) => c.id)]);
  assert.equal(listed.size, 10);
  for (const c of r.hits[0].alsoReportedBy) assert.equal(c.outlet, "gamma");
});

test("snippets highlight the surface form that matched, in the display text", async () => {
  const r = await searchCorpus(store, "بوتين");
  const li = r.hits.find((h) => keyOf.get(h.id) === "li-putin");
  assert.ok(li);
  const marked = li.snippet.highlights.map((h) => li.snippet.text.slice(h.start, h.end));
  assert.deepEqual(marked, ["لبوتين"]);
  const wa = r.hits.find((h) => keyOf.get(h.id) === "wa-putin");
  assert.deepEqual(
    wa?.snippet.highlights.map((h) => wa.snippet.text.slice(h.start, h.end)),
    ["وبوتين"],
  );
  const top = r.hits[0];
  assert.deepEqual(
    top.titleHighlights.map((h) => top.title.slice(h.start, h.end)),
    ["بوتين"],
  );
  // A phrase is highlighted as one span.
  const p = await searchCorpus(store, '"وزير الخارجية"');
  const s = p.hits[0].snippet;
  assert.deepEqual(
    s.highlights.map((h) => s.text.slice(h.start, h.end)),
    ["وزير الخارجية"],
  );
  assert.ok(!s.text.includes("\n"), "snippets are one line");
});

test("injection attempts are searched as text and leave the database intact", async () => {
  const before = (await store.stats()).documents;
  const attempts = [
    '"',
    "*",
    "NEAR(",
    "NEAR(بوتين الصين, 2)",
    "OR",
    "بوتين OR الصين",
    "'; DROP TABLE docs; --",
    "col:term",
    "title:بوتين",
    "body:النفط",
    "بوتين*",
    "^بوتين",
    "\\",
    "%",
    "_",
    "NOT بوتين",
    "بوتين AND",
    "(بوتين",
    "\u0000بوتين",
  ];
  for (const q of attempts) {
    try {
      const r = await searchCorpus(store, q);
      assert.ok(r.total >= 0);
    } catch (e) {
      assert.ok(e instanceof InputError, `${JSON.stringify(q)} threw ${String(e)}`);
    }
  }
  assert.deepEqual(await keys("title:بوتين"), [], "col:term is two words, not a column filter");
  assert.deepEqual(new Set(await keys("بوتين*")), new Set(await keys("بوتين")), "* is not a prefix operator");
  assert.equal((await store.stats()).documents, before);
  assert.equal((store as SqliteStore).db.pragma("integrity_check", { simple: true }), "ok");
});
