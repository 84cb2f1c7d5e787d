/**
 * The corpus views of the Store interface — article list, facets, entity
 * page, lookup by plain name, quotes, events (asserted by default), related
 * articles, near-duplicates, stories and collapsed search, the outlet key,
 * deletion, and the migration that fills version 3 for documents stored by
 * an older build — with ONE test body run against both backends: SQLite
 * always, PostgreSQL when $MARSAD_TEST_PG is set (skipped with the reason
 * otherwise). A last test asks both the same questions and compares the
 * answers field by field.
 *
 * The corpus: our sample articles (examples/articles.jsonl, through the real
 * pipeline) plus short articles written here with hand-set entities, quotes
 * and events: two outlets' copies of one story (and a third copy published
 * too late to count), one outlet spelled three ways, and an event stated,
 * denied and announced.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { parseArticle } from "../src/article/index.js";
import { resolveEntity } from "../src/corpus/entities.js";
import { nearDuplicates } from "../src/corpus/near-dup.js";
import type { ArticleDocument, Entity } from "../src/document.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { analyzeJob, inputHash } from "../src/ingest/job.js";
import { ROOT } from "../src/paths.js";
import { parseQuery } from "../src/search/query.js";
import { clauses, searchCorpus } from "../src/search/search.js";
import { outletKey } from "../src/store/keys.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { parsePgUrl } from "../src/store/postgres/connection.js";
import { migrate as migratePg } from "../src/store/postgres/migrations.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { migrate as migrateSqlite } from "../src/store/sqlite/migrations.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { PutItem, Store } from "../src/store/types.js";

const PG = process.env.MARSAD_TEST_PG;
const PG_SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
const PUTIN = "per:فلاديمير_بوتين";
const GUTERRES = "per:أنطونيو_غوتيريش";

// ---------------------------------------------------------------- the corpus

/** Our sample articles, analyzed by the real pipeline. */
function sampleItems(): { items: PutItem[]; idOf: Map<string, string> } {
  const lines = readFileSync(join(ROOT, "examples", "articles.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim());
  const items: PutItem[] = [];
  const idOf = new Map<string, string>();
  for (const line of lines) {
    const r = analyzeJob({ where: "examples", hash: inputHash("jsonl", line), payload: { kind: "record", line } }, {});
    assert.ok(r.ok, r.ok ? "" : r.reason);
    items.push({ doc: r.doc, inputHash: r.hash });
    idOf.set((JSON.parse(line) as { id: string }).id, r.doc.id);
  }
  return { items, idOf };
}

const STORY =
  "أعلنت وزارة الزراعة اليوم عن خطة وطنية لدعم صغار المزارعين في المناطق الجبلية، تشمل توزيع البذور المحسنة والأسمدة بأسعار مدعومة قبل بداية الموسم الزراعي. وقال مسؤول في الوزارة إن الخطة ستغطي أكثر من عشرين ألف أسرة ريفية خلال العامين المقبلين، وإن التمويل سيأتي من الموازنة العامة ومن قرض ميسر.";
/** The same story as another outlet wrote it: a few words changed. */
const STORY_COPY =
  "أعلنت وزارة الزراعة الثلاثاء عن خطة وطنية لدعم صغار المزارعين في المناطق الجبلية، تشمل توزيع البذور المحسنة والأسمدة بأسعار مدعومة قبل بداية الموسم الزراعي. وأوضح مسؤول في الوزارة أن الخطة ستغطي أكثر من عشرين ألف أسرة ريفية خلال العامين المقبلين، وإن التمويل سيأتي من الموازنة العامة ومن قرض ميسر.";
const OTHER =
  "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب وقاعة للمطالعة ومساحة مخصصة للأطفال، وقالت رئيسة البلدية إن المكتبة ستفتح أبوابها يوميا حتى المساء.";

interface HandEntity extends Omit<Entity, "mentions"> {
  surfaces: string[];
}

function mentionsOf(text: string, surfaces: string[]): Entity["mentions"] {
  const out: Entity["mentions"] = [];
  for (const s of surfaces)
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push({ start: i, end: i + s.length, text: s });
  return out.sort((a, b) => a.start - b.start);
}

function hand(
  title: string,
  body: string,
  meta: { outlet: string; published: string; section?: string },
  layers: {
    entities?: HandEntity[];
    quotes?: Array<{ text: string; speaker: string }>;
    events?: Array<{
      trigger: string;
      type: string;
      source: string[];
      target: string[];
      negated?: boolean;
      mode?: "asserted" | "future" | "hypothetical";
    }>;
  } = {},
): ArticleDocument {
  const d = parseArticle({
    format: "txt",
    content: body,
    title,
    outlet: meta.outlet,
    section: meta.section ?? "local",
    published: meta.published,
  });
  d.entities = (layers.entities ?? []).map(({ surfaces, ...e }) => ({ ...e, mentions: mentionsOf(d.text, surfaces) }));
  const names = new Map(d.entities.map((e) => [e.id, e.name]));
  d.quotes = (layers.quotes ?? []).map((q) => {
    const start = d.text.indexOf(q.text);
    assert.ok(start >= 0, q.text);
    return {
      start,
      end: start + q.text.length,
      text: q.text,
      speaker: q.speaker,
      speakerText: names.get(q.speaker) ?? null,
      cue: "قال",
      direct: true,
    };
  });
  d.events = (layers.events ?? []).map((ev) => {
    const start = d.text.indexOf(ev.trigger, d.title.length);
    assert.ok(start >= 0, ev.trigger);
    return {
      start,
      end: start + ev.trigger.length,
      type: ev.type,
      source: ev.source,
      target: ev.target,
      trigger: ev.trigger,
      confidence: 0.8,
      negated: ev.negated ?? false,
      mode: ev.mode ?? "asserted",
      sentence: 0,
    };
  });
  return d;
}

const MINISTER: HandEntity = {
  id: "e1",
  name: "سامي العطار",
  type: "PER",
  kbId: "test:attar",
  surfaces: ["سامي العطار", "العطار"],
  salience: 0.9,
};
const RIVER: HandEntity = { id: "e2", name: "نهر الوادي", type: "LOC", kbId: null, surfaces: ["نهر الوادي"], salience: 0.4 };
const UNION: HandEntity = {
  id: "e3",
  name: "نقابة الصيادين",
  type: "ORG",
  kbId: "test:union",
  surfaces: ["نقابة الصيادين"],
  salience: 0.6,
};

const HAND = {
  story: hand("خطة لدعم صغار المزارعين", STORY, { outlet: "Jawhara FM", published: "2022-03-01T08:00:00Z", section: "economy" }),
  copy: hand("الزراعة تعلن خطة لدعم المزارعين", STORY_COPY, {
    outlet: "alpha news",
    published: "2022-03-02T10:00:00Z",
    section: "economy",
  }),
  // The same text again, but ten days later: outside the window, a story of its own.
  late: hand("خطة الزراعة بعد عشرة أيام", `${STORY} وأضاف المسؤول أن التنفيذ يبدأ قريبا.`, {
    outlet: "beta",
    published: "2022-03-12T10:00:00Z",
  }),
  other: hand("مكتبة عامة جديدة للمدينة", OTHER, { outlet: "jawharafm", published: "2022-03-01T09:00:00Z" }),
  events: hand(
    "العطار يلتقي نقابة الصيادين",
    "التقى الوزير سامي العطار اليوم ممثلي نقابة الصيادين في مقر الوزارة. ولم يوقع العطار أي اتفاق مع نقابة الصيادين بعد. وسيزور العطار نقابة الصيادين الأسبوع المقبل. وقال العطار: «سنحمي نهر الوادي من التلوث ونقابة الصيادين شريكنا».",
    { outlet: "JAWHARA-FM", published: "2022-04-05T08:00:00Z", section: "politics" },
    {
      entities: [MINISTER, UNION, RIVER],
      quotes: [{ text: "سنحمي نهر الوادي من التلوث ونقابة الصيادين شريكنا", speaker: "e1" }],
      events: [
        { trigger: "التقى", type: "CONSULT", source: ["e1"], target: ["e3"] },
        { trigger: "يوقع", type: "AGREE", source: ["e1"], target: ["e3"], negated: true },
        { trigger: "سيزور", type: "CONSULT", source: ["e1"], target: ["e3"], mode: "future" },
      ],
    },
  ),
};

const handItems = (): PutItem[] => Object.values(HAND).map((d) => ({ doc: toIndexed(d), inputHash: `hand-${d.id}` }));

// ---------------------------------------------------------------- the shared body

interface Backend {
  name: string;
  skip: string | false;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
  /** A store of the same corpus built at schema version 2 and migrated on open (the fill of version 3). */
  migrated(from: Store): Promise<Store>;
}

const sample = sampleItems();
const tq = (q: string) => clauses(parseQuery(q));

function suite(b: Backend): void {
  describe(`corpus views on ${b.name}`, { skip: b.skip }, () => {
    let store: Store;
    before(async () => {
      if (b.skip) return;
      store = await b.open();
      const all = [...sample.items, ...handItems()];
      for (let i = 0; i < all.length; i += 7) await store.put(all.slice(i, i + 7));
    });
    after(async () => {
      await store?.close();
      await b.cleanup();
    });

    test("list: newest first, paged, filtered; outlets match whatever their case and spacing", async () => {
      const all = await store.list({}, 100, 0);
      assert.equal(all.total, sample.items.length + Object.keys(HAND).length);
      for (let i = 1; i < all.items.length; i++) assert.ok((all.items[i - 1].published ?? "") >= (all.items[i].published ?? ""));
      const p2 = await store.list({}, 3, 3);
      assert.deepEqual(
        p2.items.map((a) => a.id),
        all.items.slice(3, 6).map((a) => a.id),
      );
      const jawhara = [HAND.story.id, HAND.other.id, HAND.events.id].sort();
      for (const o of ["jawharafm", "Jawhara FM", "jawhara fm", "JAWHARA-FM", " jawhara_fm "]) {
        assert.deepEqual((await store.list({ outlet: o }, 100, 0)).items.map((a) => a.id).sort(), jawhara, o);
      }
      assert.equal(outletKey("Jawhara FM"), "jawharafm");
      assert.equal((await store.list({ outlet: "-- " }, 100, 0)).total, 0, "an outlet of separators only matches nothing");
      assert.equal((await store.list({ outlet: "jawhara", section: "ECONOMY" }, 100, 0)).total, 0);
      assert.equal((await store.list({ outlet: "jawharafm", section: "ECONOMY" }, 100, 0)).total, 1);
      assert.deepEqual(
        (await store.list({ entity: "test:attar" }, 100, 0)).items.map((a) => a.id),
        [HAND.events.id],
      );
      assert.equal((await store.list({ from: "2022-03-01", to: "2022-03-02" }, 100, 0)).total, 3);
    });

    test("stories: two outlets' copies are one story, a late copy and an unrelated article are not", async () => {
      const f = await store.facets();
      assert.equal(f.documents, sample.items.length + Object.keys(HAND).length);
      // Our sample has two rewritten pairs, the hand corpus one pair.
      assert.equal(f.stories, f.documents - 3);
      assert.ok(f.outlets.some((o) => o.name === "Jawhara FM") && f.outlets.some((o) => o.name === "jawharafm"));
      const dups = await nearDuplicates(store, HAND.story.id);
      assert.deepEqual(
        dups?.map((d) => [d.id, d.outlet]),
        [[HAND.copy.id, "alpha news"]],
      );
      assert.ok((dups?.[0].similarity ?? 0) >= 0.5);
      assert.deepEqual(await nearDuplicates(store, HAND.other.id), []);
      assert.equal(await nearDuplicates(store, "0000000000000000"), null);
      const pairs = [
        ["ex-003", "ex-004"],
        ["ex-015", "ex-016"],
      ];
      for (const [a, c] of pairs) {
        assert.deepEqual(
          (await nearDuplicates(store, sample.idOf.get(a) as string))?.map((d) => d.id),
          [sample.idOf.get(c)],
          `${a}/${c}`,
        );
      }
    });

    test("search: one hit per story with the copy listed; --all-copies lists both; totals say what they count", async () => {
      const q = tq("صغار المزارعين");
      const folded = await store.search({ ...q, filters: {}, limit: 10, offset: 0, collapse: true });
      assert.equal(folded.unit, "stories");
      assert.equal(folded.documents, 3, "story, copy and the late copy match");
      assert.equal(folded.total, 2, "two stories: the pair, and the late copy");
      const pair = folded.hits.find((h) => h.id === HAND.story.id || h.id === HAND.copy.id);
      assert.ok(pair);
      assert.equal(pair.copyCount, 1);
      assert.deepEqual(
        pair.copies?.map((c) => c.id),
        [pair.id === HAND.story.id ? HAND.copy.id : HAND.story.id],
      );
      assert.ok(pair.copies?.every((c) => c.title && c.outlet));
      const late = folded.hits.find((h) => h.id === HAND.late.id);
      assert.deepEqual(late?.copies, []);
      const flat = await store.search({ ...q, filters: {}, limit: 10, offset: 0 });
      assert.equal(flat.unit, "documents");
      assert.equal(flat.total, 3);
      assert.equal(flat.hits.length, 3);
      assert.ok(flat.hits.every((h) => h.copies === undefined));
      // Paging over stories: disjoint pages, totals on every page, past the end too.
      const p1 = await store.search({ ...q, filters: {}, limit: 1, offset: 0, collapse: true });
      const p2 = await store.search({ ...q, filters: {}, limit: 1, offset: 1, collapse: true });
      const p3 = await store.search({ ...q, filters: {}, limit: 1, offset: 5, collapse: true });
      assert.deepEqual(
        [...p1.hits, ...p2.hits].map((h) => h.id),
        folded.hits.map((h) => h.id),
      );
      for (const p of [p1, p2, p3]) assert.deepEqual([p.total, p.documents], [2, 3]);
      assert.equal(p3.hits.length, 0);
      // A filter applies to copies too: only the matching documents of a story are listed.
      const one = await store.search({ ...q, filters: { outlet: "alpha-news" }, limit: 10, offset: 0, collapse: true });
      assert.deepEqual(
        one.hits.map((h) => [h.id, h.copies]),
        [[HAND.copy.id, []]],
      );
      // Through searchCorpus (CLI and API): collapsed by default, with snippets; collapse:false lists every copy.
      const r = await searchCorpus(store, "صغار المزارعين");
      assert.equal(r.collapsed, true);
      assert.equal(r.hits.length, 2);
      assert.ok(r.hits.some((h) => h.copies === 1 && h.alsoReportedBy.length === 1));
      assert.ok(r.hits.every((h) => h.snippet.highlights.length > 0));
      const all = await searchCorpus(store, "صغار المزارعين", { collapse: false });
      assert.deepEqual([all.total, all.unit, all.hits.length], [3, "documents", 3]);
    });

    test("entity page: summary, timeline, co-occurrence from the sample corpus", async () => {
      const s = await store.entity(PUTIN);
      assert.ok(s);
      assert.equal(s.kbId, PUTIN);
      assert.equal(s.type, "PER");
      assert.ok(s.articles >= 2 && s.mentions >= s.articles);
      const months = await store.entityTimeline(PUTIN, "month", {});
      assert.equal(
        months.reduce((a, p) => a + p.articles, 0),
        s.articles,
      );
      for (const p of months) assert.match(p.period, /^\d{4}-\d{2}$/);
      const days = await store.entityTimeline(PUTIN, "day", { from: `${months[0].period}-01`, to: `${months[0].period}-31` });
      assert.ok(days.length > 0 && days.every((p) => p.period.startsWith(months[0].period)));
      const co = await store.cooccurrence(PUTIN, 5);
      assert.ok(co.length > 0 && co.length <= 5);
      assert.ok(!co.some((c) => c.key === PUTIN));
      for (let i = 1; i < co.length; i++) assert.ok(co[i - 1].articles >= co[i].articles);
      assert.equal(await store.entity("per:لا_أحد"), null);
      // An unlinked entity by its name, in another spelling of its key.
      const river = await store.entity("نهر الوادى");
      assert.equal(river?.name, "نهر الوادي");
      assert.equal(river?.kbId, null);
    });

    test("lookup by plain name: a mention, a clitic form, a word of the name; the most mentioned of several", async () => {
      const byName = await resolveEntity(store, "بوتين");
      assert.equal(byName.chosen?.key, PUTIN);
      assert.equal(byName.chosen?.match, "alias");
      const clitic = await resolveEntity(store, "لبوتين");
      assert.equal(clitic.chosen?.key, PUTIN);
      assert.equal(clitic.chosen?.match, "loose");
      assert.equal((await resolveEntity(store, "غوتيريش")).chosen?.key, GUTERRES);
      assert.equal((await resolveEntity(store, "العطار")).chosen?.key, "test:attar");
      assert.equal((await resolveEntity(store, GUTERRES)).chosen?.match, "id");
      const river = await resolveEntity(store, "الوادي");
      assert.deepEqual([river.chosen?.key, river.chosen?.kbId, river.chosen?.match], ["نهر الوادي", null, "loose"]);
      assert.equal((await resolveEntity(store, "كلمة_لا_توجد")).chosen, null);
      // "محمد" is a word of several names: the most mentioned is chosen, the rest are listed, all by mentions.
      const many = await resolveEntity(store, "محمد");
      assert.ok(many.chosen && many.alternatives.length >= 1, JSON.stringify(many));
      const order = [many.chosen, ...many.alternatives].map((c) => c?.mentions ?? 0);
      assert.deepEqual(
        order,
        [...order].sort((a, b) => b - a),
      );
      await assert.rejects(resolveEntity(store, "  "), /empty name/);
    });

    test("quotes: by speaker (kbId or name), about an entity, by day; paging", async () => {
      const g = await store.quotes({ speaker: GUTERRES }, 50, 0);
      assert.ok(g.total >= 2);
      for (const q of g.items) assert.equal(q.speakerKbId, GUTERRES);
      for (let i = 1; i < g.items.length; i++) assert.ok((g.items[i - 1].published ?? "") >= (g.items[i].published ?? ""));
      const p = await store.quotes({ speaker: GUTERRES }, 1, 1);
      assert.equal(p.items[0].text, g.items[1].text);
      assert.equal((await store.quotes({ speaker: GUTERRES, to: "2000-01-01" }, 10, 0)).total, 0);
      const attar = await store.quotes({ speaker: "سامي العطار" }, 10, 0);
      assert.deepEqual(
        attar.items.map((q) => q.text),
        ["سنحمي نهر الوادي من التلوث ونقابة الصيادين شريكنا"],
      );
      assert.equal((await store.quotes({ about: "test:union" }, 10, 0)).total, 1, "the quote names the union");
      assert.equal((await store.quotes({ about: "نهر الوادي", speaker: "test:attar" }, 10, 0)).total, 1);
      assert.equal((await store.quotes({ about: "test:attar" }, 10, 0)).total, 0, "the speaker is not named inside his quote");
    });

    test("events: only asserted, non-negated ones by default; all on request; series by month or day, by type", async () => {
      const pair = { source: "test:attar", target: "test:union" };
      const asserted = await store.events(pair, 10, 0);
      assert.equal(asserted.total, 1);
      assert.deepEqual(
        asserted.items.map((e) => [e.type, e.negated, e.mode, e.trigger]),
        [["CONSULT", false, "asserted", "التقى"]],
      );
      assert.deepEqual(asserted.items[0].source, [{ key: "test:attar", name: "سامي العطار" }]);
      assert.deepEqual(asserted.counts, [{ period: "2022-04", type: "CONSULT", events: 1 }]);
      const all = await store.events({ ...pair, all: true, by: "day" }, 10, 0);
      assert.equal(all.total, 3);
      assert.deepEqual(
        all.items.map((e) => [e.type, e.negated, e.mode]),
        [
          ["CONSULT", false, "asserted"],
          ["AGREE", true, "asserted"],
          ["CONSULT", false, "future"],
        ],
      );
      assert.deepEqual(all.counts, [
        { period: "2022-04-05", type: "AGREE", events: 1 },
        { period: "2022-04-05", type: "CONSULT", events: 2 },
      ]);
      assert.equal((await store.events({ source: "test:union", target: "test:attar" }, 10, 0)).total, 0, "direction matters");
      assert.equal((await store.events({ actor: "test:union", all: true }, 10, 0)).total, 3, "either side");
      // Linked participants are stored by kbId: a name goes through the lookup first (as the CLI does).
      const union = await resolveEntity(store, "نقابة الصيادين");
      assert.equal(union.chosen?.key, "test:union");
      assert.equal((await store.events({ target: "نقابة الصيادين" }, 10, 0)).total, 0);
      assert.equal((await store.events({ ...pair, type: "agree", all: true }, 10, 0)).total, 1);
      assert.equal((await store.events({ ...pair, from: "2022-05-01" }, 10, 0)).total, 0);
    });

    test("related: shared entities first with the names as the reason, never the article itself", async () => {
      const id = sample.idOf.get("ex-015") as string;
      const rel = await store.related(id, 5);
      assert.ok(rel && rel.length > 0 && rel.length <= 5);
      assert.ok(!rel.some((r) => r.id === id));
      assert.equal(rel[0].reason, "entities");
      assert.ok(rel[0].shared.length > 0);
      for (let i = 1; i < rel.length; i++) if (rel[i].reason === "entities") assert.ok(rel[i - 1].score >= rel[i].score);
      assert.equal(await store.related("0000000000000000", 5), null);
      const words = await store.related(HAND.other.id, 3);
      assert.ok(
        words?.every((r) => r.reason === "words"),
        "no entities: related by title words",
      );
    });

    test("a migrated version-2 database answers the same as one built at version 3", async () => {
      const old = await b.migrated(store);
      try {
        const q = tq("صغار المزارعين");
        const norm = (p: Awaited<ReturnType<Store["search"]>>) => ({ ...p, hits: p.hits.map(({ score: _s, ...h }) => h) });
        assert.deepEqual(
          norm(await old.search({ ...q, filters: {}, limit: 10, offset: 0, collapse: true })),
          norm(await store.search({ ...q, filters: {}, limit: 10, offset: 0, collapse: true })),
        );
        assert.deepEqual(await old.facets(), await store.facets());
        assert.deepEqual(await old.list({ outlet: "Jawhara FM" }, 10, 0), await store.list({ outlet: "Jawhara FM" }, 10, 0));
        assert.equal((await resolveEntity(old, "بوتين")).chosen?.key, PUTIN);
        assert.deepEqual(await old.quotes({ about: "test:union" }, 5, 0), await store.quotes({ about: "test:union" }, 5, 0));
        assert.deepEqual(await old.events({ actor: "test:attar" }, 5, 0), await store.events({ actor: "test:attar" }, 5, 0));
        assert.deepEqual(await nearDuplicates(old, HAND.story.id), await nearDuplicates(store, HAND.story.id));
      } finally {
        await old.close();
      }
    });

    test("delete: the article, its rows, its bands and its input go; deleting again is false", async () => {
      const before = await store.facets();
      assert.equal(await store.delete(HAND.copy.id), true);
      assert.equal(await store.get(HAND.copy.id), null);
      assert.equal(await store.delete(HAND.copy.id), false);
      const after = await store.facets();
      assert.equal(after.documents, before.documents - 1);
      assert.equal(after.stories, before.stories, "the story is still there, through its other copy");
      assert.deepEqual(await nearDuplicates(store, HAND.story.id), []);
      assert.equal((await store.knownInputs([`hand-${HAND.copy.id}`])).size, 0);
      const r = await store.search({ ...tq("صغار المزارعين"), filters: {}, limit: 10, offset: 0, collapse: true });
      assert.deepEqual([r.total, r.documents], [2, 2]);
      // Put back: it joins its story again.
      assert.deepEqual(await store.put([{ doc: toIndexed(HAND.copy), inputHash: `hand-${HAND.copy.id}` }]), { added: 1, unchanged: 0 });
      assert.deepEqual(
        (await nearDuplicates(store, HAND.story.id))?.map((d) => d.id),
        [HAND.copy.id],
      );
      assert.equal((await store.facets()).stories, before.stories);
    });
  });
}

// ---------------------------------------------------------------- the backends

const dir = mkdtempSync(join(tmpdir(), "marsad-corpus-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Tables a version-2 database has, with their version-2 columns (copied from a version-3 one). */
const V2_COPY = [
  ["docs", "n, id, published, day, outlet, section, title, url, path, ingested_at"],
  ["inputs", "hash, doc_id"],
  ["entities", "doc_n, local_id, kb_id, name, name_key, type, mentions, salience"],
  ["quotes", 'doc_n, i, start, "end", text, speaker_kb_id, speaker_name, cue, direct'],
  ["events", 'doc_n, i, type, start, "end", trigger, source, target, confidence'],
];

suite({
  name: "SQLite",
  skip: false,
  open: async () => new SqliteStore(join(dir, "corpus.db")),
  cleanup: async () => {},
  async migrated(from) {
    const path = join(dir, "v2.db");
    const db = new Database(path);
    migrateSqlite(db, path, 2);
    db.exec(`ATTACH '${(from as SqliteStore).location.replaceAll("'", "''")}' AS v3`);
    for (const [table, cols] of [...V2_COPY, ["doc_json", "n, doc"]])
      db.exec(`INSERT INTO main.${table} (${cols}) SELECT ${cols} FROM v3.${table}`);
    // The search index holds terms only (contentless): index the copies from their JSON like put() does.
    const add = db.prepare("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)");
    for (const r of db.prepare("SELECT n, doc FROM doc_json").all() as Array<{ n: number; doc: string }>) {
      const x = toIndexed(JSON.parse(r.doc) as ArticleDocument);
      add.run(r.n, x.titleTerms, x.bodyTerms);
    }
    db.exec("DETACH v3");
    db.close();
    return new SqliteStore(path);
  },
});

const pgSchemas: string[] = [];
suite({
  name: "PostgreSQL",
  skip: PG_SKIP,
  open: async () => {
    const url = withSchema(PG as string, uniqueSchema("marsad_corpus"));
    pgSchemas.push(url);
    return PostgresStore.open(url);
  },
  cleanup: async () => {
    for (const url of pgSchemas) await dropCorpus(url).catch(() => {});
  },
  async migrated(from) {
    const url = withSchema(PG as string, uniqueSchema("marsad_v2"));
    pgSchemas.push(url);
    const v3 = parsePgUrl((from as PostgresStore).location).schema as string;
    const v2 = parsePgUrl(url).schema as string;
    const c = new pg.Client({ connectionString: parsePgUrl(PG as string).connectionString });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA ${v2}`);
      await c.query(`SET search_path = ${v2}`);
      await migratePg(c, { schema: v2, create: true, location: url, upTo: 2 });
      for (const [table, cols] of [...V2_COPY, ["doc_terms", "n, tsv"]]) {
        const over = table === "docs" ? "OVERRIDING SYSTEM VALUE" : "";
        const withDoc = table === "docs" ? `${cols}, doc` : cols;
        await c.query(`INSERT INTO ${v2}.${table} (${withDoc}) ${over} SELECT ${withDoc} FROM ${v3}.${table}`);
      }
      await c.query(`SELECT setval(pg_get_serial_sequence('${v2}.docs', 'n'), (SELECT max(n) FROM ${v2}.docs))`);
    } finally {
      await c.end();
    }
    return PostgresStore.open(url);
  },
});

describe("SQLite and PostgreSQL give the same answers", { skip: PG_SKIP }, () => {
  let lite: Store;
  let post: Store;
  const url = PG ? withSchema(PG, uniqueSchema("marsad_parity")) : "";
  before(async () => {
    if (!PG) return;
    lite = new SqliteStore(join(dir, "parity.db"));
    post = await PostgresStore.open(url);
    const all = [...sample.items, ...handItems()];
    for (const s of [lite, post]) for (let i = 0; i < all.length; i += 9) await s.put(all.slice(i, i + 9));
  });
  after(async () => {
    await lite?.close();
    await post?.close();
    if (PG) await dropCorpus(url);
  });

  test("every corpus view, field by field", async () => {
    const ask: Array<[string, (s: Store) => Promise<unknown>]> = [
      ["list", (s) => s.list({}, 100, 0)],
      ["list outlet", (s) => s.list({ outlet: "Jawhara FM", from: "2022-01-01" }, 10, 0)],
      ["facets", (s) => s.facets()],
      ["entity", (s) => s.entity(PUTIN)],
      ["entity by name", (s) => s.entity("نهر الوادي")],
      ["timeline", (s) => s.entityTimeline(GUTERRES, "day", {})],
      ["cooccurrence", (s) => s.cooccurrence(PUTIN, 20)],
      ["quotes", (s) => s.quotes({}, 100, 0)],
      ["quotes by", (s) => s.quotes({ speaker: GUTERRES, from: "2020-01-01" }, 5, 1)],
      ["quotes about", (s) => s.quotes({ about: "test:union" }, 5, 0)],
      ["events", (s) => s.events({ all: true }, 100, 0)],
      ["events by day", (s) => s.events({ actor: "loc:روسيا", by: "day" }, 100, 0)],
      ["refs", (s) => s.entityRefs({ keys: ["بوتين", "الصين"], words: ["محمد", "سلمان"] }, 10)],
      ["resolve", (s) => resolveEntity(s, "محمد")],
      ["near-dups", (s) => nearDuplicates(s, HAND.story.id)],
    ];
    // Related by shared entities is the same SQL on both; the fill-up by title words ranks with BM25 on SQLite and
    // ts_rank_cd on PostgreSQL, so only how many such items there are is compared.
    const related = async (s: Store, id: string) => {
      const items = (await s.related(id, 4)) ?? [];
      return { byEntities: items.filter((r) => r.reason === "entities"), byWords: items.filter((r) => r.reason === "words").length };
    };
    for (const id of [...sample.idOf.values(), HAND.events.id, HAND.other.id]) ask.push([`related ${id}`, (s) => related(s, id)]);
    for (const [what, f] of ask) assert.deepEqual(await f(post), await f(lite), what);
  });

  test("search: the same stories and documents, the same copies (scores differ in scale only)", async () => {
    for (const q of ["صغار المزارعين", "أوبك", "بوتين", "النفط", "الصين -بوتين", '"الأمم المتحدة"']) {
      for (const collapse of [true, false]) {
        const a = await searchCorpus(lite, q, { collapse, limit: 50 });
        const b = await searchCorpus(post, q, { collapse, limit: 50 });
        assert.deepEqual([b.total, b.documents, b.unit], [a.total, a.documents, a.unit], q);
        const shape = (r: typeof a) => new Map(r.hits.map((h) => [h.id, h.alsoReportedBy.map((c) => c.id).sort()]));
        // Which document represents a story depends on the ranking, so compare the stories as sets of ids.
        const stories = (r: typeof a) => new Set([...shape(r)].map(([id, copies]) => [id, ...copies].sort().join(",")));
        assert.deepEqual(stories(b), stories(a), q);
      }
    }
  });
});
