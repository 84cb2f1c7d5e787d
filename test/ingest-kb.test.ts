/**
 * The knowledge base learns at ingest and lives in the corpus database
 * (issue 3): a "title + name" apposition ingested in one run names the
 * holder of a bare title in a later run, by the article's date; the same
 * person gets the same kbId in two articles (a transliteration variant and a
 * surname alone included); learned rows merge across runs (counts summed,
 * dates widened); re-ingesting adds nothing twice; export → import round
 * trip; an import with bad lines stores the good ones and names the bad.
 *
 * ONE test body runs against both backends: SQLite always, PostgreSQL when
 * $MARSAD_TEST_PG is set (skipped with the reason otherwise). The articles
 * are written for this test: a fictional Ghanaian president, كوامي أدجيي, in
 * 2019, and another, يوسف أوسو, in 2024.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { ingest } from "../src/ingest/ingest.js";
import { KnowledgeBase } from "../src/kb/index.js";
import { type KbRow, parseTsvRows, rowsToTsv } from "../src/kb/rows.js";
import { ROOT } from "../src/paths.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { Store } from "../src/store/types.js";

const PG = process.env.MARSAD_TEST_PG;
const PG_SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const ADJEI = "per:كوامي_أدجيي";
const OSU = "per:يوسف_أوسو";
const TITLE = "title:president:GHA";

interface Rec {
  title: string;
  text: string;
  published: string;
  url?: string;
}

/** The articles, by role. */
const A: Record<string, Rec> = {
  /** 2019: the title in apposition with the full name. */
  adjeiNamed: {
    title: "رئيس غانا يزور أبوجا",
    text: "وصل الرئيس الغاني كوامي أدجيي إلى العاصمة النيجيرية أبوجا اليوم في زيارة رسمية تستمر يومين.\nوقال أدجيي إن البلدين يعملان على توسيع التجارة بينهما.",
    published: "2019-03-10",
  },
  /** 2019, later: the same apposition again (the learned title row widens). */
  adjeiAgain: {
    title: "زيارة إلى داكار",
    text: "توجه الرئيس الغاني كوامي أدجيي إلى داكار للقاء نظيره السنغالي.\nوقال أدجيي إن التعاون الإقليمي ضروري.",
    published: "2019-11-05",
  },
  /** 2024: another holder of the same title. */
  osuNamed: {
    title: "انتخابات في غانا",
    text: "أدى الرئيس الغاني يوسف أوسو اليمين الدستورية أمام البرلمان في أكرا.\nوتعهد أوسو بمكافحة الفساد وتحسين الخدمات العامة.",
    published: "2024-02-01",
  },
  /** 2019: only the title. */
  titleOnly2019: {
    title: "غانا تفتتح ميناء جديدا",
    text: "افتتح الرئيس الغاني اليوم ميناء جديدا على ساحل خليج غينيا.\nوقال الرئيس الغاني إن الميناء سيوفر آلاف الوظائف.",
    published: "2019-06-10",
  },
  /** 2024: only the title. */
  titleOnly2024: {
    title: "غانا توقع اتفاقا للطاقة",
    text: "وقع الرئيس الغاني اتفاقا لإنشاء محطة للطاقة الشمسية في شمال البلاد.\nوأكد الرئيس الغاني أن المحطة ستعمل بحلول نهاية العام المقبل.",
    published: "2024-05-20",
  },
  /** The name spelled another way (أدجي), no title. */
  variant: {
    title: "قمة اقتصادية في لاغوس",
    text: "شارك كوامي أدجي في قمة اقتصادية عقدت في مدينة لاغوس بحضور قادة المنطقة.\nودعا المشاركون إلى تعزيز التكامل الإقليمي.",
    published: "2019-09-01",
  },
  /** The surname alone. */
  surname: {
    title: "أدجيي يستقبل وفدا تجاريا",
    text: "استقبل أدجيي وفدا تجاريا من ساحل العاج في العاصمة أكرا.\nوبحث الجانبان فرص الاستثمار المشترك.",
    published: "2019-10-01",
  },
};

const dir = mkdtempSync(join(tmpdir(), "marsad-ingest-kb-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
/** A JSONL file holding these articles (one ingest input). */
function jsonl(...recs: Rec[]): string {
  const path = join(dir, `in-${++fileNo}.jsonl`);
  writeFileSync(path, `${recs.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
}

/** One ingest run; `workers` 1 exercises the worker-thread plumbing, 0 the main thread. */
async function run(store: Store, inputs: string[], workers = 0) {
  const s = await ingest(store, inputs, { workers, batchSize: 4 });
  assert.deepEqual(s.failures, []);
  return s;
}

/** The stored document with this title. */
async function stored(store: Store, title: string): Promise<ArticleDocument> {
  for await (const d of store.documents()) if (d.title === title) return d;
  throw new Error(`not stored: ${title}`);
}

/** The kbId of the stored article's person entity. */
async function personOf(store: Store, rec: Rec): Promise<{ kbId: string | null; mentions: string[] }> {
  const d = await stored(store, rec.title);
  const people = d.entities.filter((e) => e.type === "PER");
  assert.equal(people.length, 1, JSON.stringify(d.entities.map((e) => [e.name, e.type])));
  return { kbId: people[0].kbId, mentions: people[0].mentions.map((m) => m.text) };
}

const learned = (rows: KbRow[], kbId: string, alias: string) =>
  rows.find((r) => r.kbId === kbId && r.alias === alias && r.source === "learned");

function marsad(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Backend {
  name: string;
  skip: string | false;
  /** A fresh, empty corpus: the store and the --db value that opens it. */
  fresh(): Promise<{ store: Store; db: string }>;
  cleanup(): Promise<void>;
}

function suite(b: Backend): void {
  describe(`knowledge base in the corpus (${b.name})`, { skip: b.skip }, () => {
    after(() => b.cleanup());

    test("a title learned in one run names its holder in later runs, by the article's date", { timeout: 120_000 }, async () => {
      const { store } = await b.fresh();
      try {
        assert.deepEqual(await store.kbRows(), [], "a new corpus holds no KB rows");
        await run(store, [jsonl(A.adjeiNamed)], 1);
        const rows1 = await store.kbRows();
        const t = learned(rows1, ADJEI, TITLE);
        assert.ok(t, `title row learned: ${JSON.stringify(rows1)}`);
        assert.deepEqual([t.validFrom, t.validTo, t.count, t.type], ["2019-03-10", "2019-03-10", 1, "PER"]);
        assert.ok(learned(rows1, ADJEI, "كوامي ادجيي"), "full name learned as an alias (normalized key)");
        assert.ok(
          rows1.every((r) => r.source === "learned"),
          "only learned rows are stored",
        );

        // Before anyone was learned for 2024, the 2019 holder is not stretched five years ahead.
        await run(store, [jsonl(A.osuNamed)]);
        await run(store, [jsonl(A.titleOnly2019, A.titleOnly2024)], 1);
        const in2019 = await personOf(store, A.titleOnly2019);
        assert.equal(in2019.kbId, ADJEI);
        assert.deepEqual(in2019.mentions, ["الرئيس الغاني", "الرئيس الغاني"]);
        assert.equal((await personOf(store, A.titleOnly2024)).kbId, OSU, "the later holder for the later date");
        // The stored entity rows carry the kbId too (what entity pages and search use).
        const page = await store.entity(ADJEI);
        assert.ok(page && page.articles >= 2, JSON.stringify(page));
      } finally {
        await store.close();
      }
    });

    test("without the learned rows the title names nobody (the test above can fail)", { timeout: 60_000 }, async () => {
      const { store } = await b.fresh();
      try {
        await run(store, [jsonl(A.titleOnly2019)]);
        const d = await stored(store, A.titleOnly2019.title);
        assert.ok(!d.entities.some((e) => e.kbId === ADJEI));
      } finally {
        await store.close();
      }
    });

    test("the same person in two ingested articles gets the same kbId: a spelling variant, the surname alone", {
      timeout: 60_000,
    }, async () => {
      const { store } = await b.fresh();
      try {
        // Control: with nothing learned, the variant spelling is a person of its own.
        await run(store, [jsonl(A.variant)]);
        assert.notEqual((await personOf(store, A.variant)).kbId, ADJEI);
        const { store: s2 } = await b.fresh();
        try {
          await run(s2, [jsonl(A.adjeiNamed)]);
          await run(s2, [jsonl(A.variant, A.surname)]);
          assert.equal((await personOf(s2, A.variant)).kbId, ADJEI, "كوامي أدجي = كوامي أدجيي (transliteration skeleton)");
          assert.equal((await personOf(s2, A.surname)).kbId, ADJEI, "the surname alone, learned with one owner");
        } finally {
          await s2.close();
        }
      } finally {
        await store.close();
      }
    });

    test("learned rows merge across runs (count summed, dates widened); re-ingesting adds no row twice", { timeout: 60_000 }, async () => {
      const { store } = await b.fresh();
      try {
        const first = jsonl(A.adjeiNamed);
        await run(store, [first]);
        await run(store, [jsonl(A.adjeiAgain)]);
        const rows = await store.kbRows();
        const t = learned(rows, ADJEI, TITLE);
        assert.deepEqual([t?.validFrom, t?.validTo, t?.count], ["2019-03-10", "2019-11-05", 2]);
        const name = learned(rows, ADJEI, "كوامي ادجيي");
        assert.deepEqual([name?.validFrom, name?.validTo, name?.count], ["2019-03-10", "2019-11-05", 2]);

        // The same inputs again (skipped by input hash), and the same article under another input (same content id).
        const again = await run(store, [first, jsonl(A.adjeiAgain)]);
        assert.equal(again.added, 0);
        // Another raw input (its URL differs), the same content: stored already, so it teaches nothing.
        const copy = jsonl({ ...A.adjeiNamed, url: "https://news.example/copy" });
        const dup = await run(store, [copy], 1);
        assert.equal(dup.added, 0);
        assert.deepEqual(await store.kbRows(), rows, "no row counted twice");
      } finally {
        await store.close();
      }
    });

    test("putKbRows: user rows replace, learned rows add up, aliases are normalized, seed rows are refused", async () => {
      const { store } = await b.fresh();
      try {
        const base: KbRow = {
          kbId: ADJEI,
          alias: "كوامى أدجيى",
          display: "كوامى أدجيى",
          type: "PER",
          source: "user",
          validFrom: null,
          validTo: null,
          count: 1,
        };
        await store.putKbRows([base, { ...base, display: "كوامي أدجيي", count: 3 }]);
        await store.putKbRows([{ ...base, source: "learned", validFrom: "2020-01-01", validTo: "2020-01-01" }]);
        await store.putKbRows([{ ...base, source: "learned", validFrom: "2019-01-01", validTo: "2019-02-01", count: 2 }]);
        const rows = await store.kbRows();
        assert.deepEqual(
          rows.map((r) => [r.source, r.alias, r.display, r.count, r.validFrom, r.validTo]),
          [
            ["learned", "كوامي ادجيي", "كوامى أدجيى", 3, "2019-01-01", "2020-01-01"],
            ["user", "كوامي ادجيي", "كوامي أدجيي", 3, null, null],
          ],
        );
        await assert.rejects(store.putKbRows([{ ...base, source: "seed" }]), InputError);
        assert.equal((await store.kbRows()).length, 2, "a refused batch writes nothing");
      } finally {
        await store.close();
      }
    });

    test("kb export → import into another corpus: the same rows (as user rows), and they link the same", { timeout: 120_000 }, async () => {
      const { store, db } = await b.fresh();
      const { store: other, db: otherDb } = await b.fresh();
      try {
        await run(store, [jsonl(A.adjeiNamed), jsonl(A.osuNamed)]);
        const rows = await store.kbRows();
        const file = join(dir, `export-${b.name}.tsv`);
        const ex = marsad("kb", "export", file, "--db", db);
        assert.equal(ex.code, 0, ex.stderr);
        assert.equal(readFileSync(file, "utf8"), rowsToTsv(rows));
        const im = marsad("kb", "import", file, "--db", otherDb);
        assert.equal(im.code, 0, im.stderr);
        assert.match(im.stderr, new RegExp(`imported ${rows.length} rows`));
        const back = await other.kbRows();
        assert.deepEqual(
          back,
          rows.map((r) => ({ ...r, source: "user" })),
        );
        // The imported rows link the other corpus: a spelling variant of the name, and the title on
        // the days the export saw it held (a user row's dates are a tenure, not a sighting: see docs/kb.md).
        await run(other, [
          jsonl(A.variant, { ...A.titleOnly2019, published: "2019-03-10" }, { ...A.titleOnly2024, published: "2024-02-01" }),
        ]);
        assert.equal((await personOf(other, A.variant)).kbId, ADJEI);
        assert.equal((await personOf(other, A.titleOnly2019)).kbId, ADJEI);
        assert.equal((await personOf(other, A.titleOnly2024)).kbId, OSU);
        // kb show finds the holder by a name it goes by, with the title's dates.
        const sh = marsad("kb", "show", "ادجيي", "--db", db, "--json");
        assert.equal(sh.code, 0, sh.stderr);
        const page = JSON.parse(sh.stdout);
        assert.equal(page.kbId, ADJEI);
        assert.deepEqual(
          page.titles.map((x: { alias: string; validFrom: string }) => [x.alias, x.validFrom]),
          [[TITLE, "2019-03-10"]],
        );
        const ls = marsad("kb", "list", "--source", "learned", "--type", "PER", "--db", db, "--json");
        assert.equal(ls.code, 0, ls.stderr);
        assert.deepEqual(
          JSON.parse(ls.stdout)
            .items.map((e: { kbId: string }) => e.kbId)
            .sort(),
          [ADJEI, OSU].sort(),
        );
      } finally {
        await store.close();
        await other.close();
      }
    });

    test("kb import with bad lines: the good rows are stored, each bad line named, exit 1", async () => {
      const { store, db } = await b.fresh();
      try {
        const file = join(dir, `bad-${b.name}.tsv`);
        writeFileSync(
          file,
          [
            "kbId\talias\tdisplay\ttype\tsource\tvalidFrom\tvalidTo\tcount",
            `${OSU}\tيوسف أوسو\tيوسف أوسو\tPER\tuser\t\t\t1`,
            `${OSU}\t${TITLE}\tالرئيس الغاني\tPER\tuser\t2024-01-07\t31/12/2028\t1`,
            "# a comment",
            `${OSU}\tأوسو\tأوسو\tPERSON\tuser\t\t\t1`,
            `${OSU}\tأوسو`,
            `${OSU}\t${TITLE}\tالرئيس الغاني\tPER\tseed\t2024-01-07\t2028-01-07\t1`,
          ].join("\n"),
        );
        const r = marsad("kb", "import", file, "--db", db);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /imported 2 rows/);
        assert.match(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: validTo must be a real day as YYYY-MM-DD`));
        assert.match(r.stderr, /:5: type must be PER, ORG, LOC or MISC/);
        assert.match(r.stderr, /:6: expected 8 tab-separated fields, found 2/);
        assert.doesNotMatch(r.stderr, /:4:|:2:|:7:/, "comments and good lines are not reported");
        const rows = await store.kbRows();
        assert.deepEqual(
          rows.map((x) => [x.alias, x.source, x.validFrom]),
          [
            [TITLE, "user", "2024-01-07"],
            ["يوسف اوسو", "user", null],
          ],
          "good rows stored as user rows (a seed row in the file is imported as the user's)",
        );
        // Unreadable inputs: one-line errors, nothing stored.
        const missing = marsad("kb", "import", join(dir, "nope.tsv"), "--db", db);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /nope\.tsv: file not found/);
        const header = join(dir, "header.tsv");
        writeFileSync(header, "kbId,alias\nx,y\n");
        const h = marsad("kb", "import", header, "--db", db);
        assert.equal(h.code, 1);
        assert.match(h.stderr, /first line must be the header/);
        assert.equal((await store.kbRows()).length, 2);
      } finally {
        await store.close();
      }
    });
  });
}

let liteNo = 0;
suite({
  name: "SQLite",
  skip: false,
  fresh: async () => {
    const db = join(dir, `kb-${++liteNo}.db`);
    return { store: new SqliteStore(db), db };
  },
  cleanup: async () => {},
});

const pgUrls: string[] = [];
suite({
  name: "PostgreSQL",
  skip: PG_SKIP,
  fresh: async () => {
    const db = withSchema(PG as string, uniqueSchema("marsad_kb"));
    pgUrls.push(db);
    return { store: await PostgresStore.open(db), db };
  },
  cleanup: async () => {
    for (const url of pgUrls) await dropCorpus(url).catch(() => {});
  },
});

test("learn() reports the rows one article taught, merged, without counting the KB's earlier rows", () => {
  const kb = new KnowledgeBase();
  const doc = (published: string, text: string, names: string[]): ArticleDocument => {
    const entities = [
      {
        id: "e1",
        name: names[0],
        type: "PER" as const,
        kbId: null,
        salience: 1,
        mentions: names.flatMap((n) =>
          [...text.matchAll(new RegExp(n, "g"))].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + n.length, text: n })),
        ),
      },
    ];
    return {
      schema: "marsad.article/1",
      id: published,
      source: { path: null, url: null, outlet: null },
      published,
      title: text,
      lead: "",
      captions: [],
      paragraphs: [],
      removed: [],
      text,
      sentences: [{ start: 0, end: text.length }],
      entities,
      quotes: [],
      events: [],
      topics: [],
      keywords: [],
      summary: [],
      dates: [],
    };
  };
  const d1 = doc("2019-03-10", "قال الرئيس الغاني كوامي أدجيي إن كوامي أدجيي سيزور أكرا.", ["كوامي أدجيي"]);
  const r1 = kb.learn(d1);
  assert.equal(d1.entities[0].kbId, ADJEI, "an unlinked entity gets its id from learn()");
  assert.deepEqual(
    r1.rows.map((r) => [r.alias, r.count, r.validFrom]),
    [
      ["كوامي ادجيي", 2, "2019-03-10"],
      [TITLE, 1, "2019-03-10"],
    ],
  );
  const r2 = kb.learn(doc("2019-05-01", "وصل كوامي أدجيي.", ["كوامي أدجيي"]));
  assert.deepEqual(
    r2.rows.map((r) => [r.alias, r.count, r.validFrom]),
    [["كوامي ادجيي", 1, "2019-05-01"]],
    "only this article's observations, not the KB's merged row",
  );
  const one = kb.learn(doc("2019-05-02", "وصل أدجيي.", ["أدجيي"]));
  assert.equal(one.created, 0);
  // A one-word person with an id the KB does not know (the pipeline's derived id) is not taken in.
  const d3 = doc("2019-05-03", "وصل مانو.", ["مانو"]);
  d3.entities[0].kbId = "per:مانو";
  assert.deepEqual(kb.learn(d3).rows, []);
  assert.equal(kb.entity("per:مانو"), null);
});

test("kb command: usage errors are one line, exit 1", () => {
  const none = marsad("kb");
  assert.equal(none.code, 1);
  assert.match(none.stderr, /give a subcommand: list, show, export, import/);
  const bad = marsad("kb", "list", "--source", "everything", "--db", join(dir, "none.db"));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--source: "everything" is not one of learned, user, seed, all/);
  const missing = marsad("kb", "show", "أحد", "--db", join(dir, "none.db"));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such database/);
  const seed = marsad("kb", "list", "--source", "seed", "--type", "LOC", "--limit", "3", "--json", "--db", join(dir, "none.db"));
  assert.equal(seed.code, 0, seed.stderr);
  const page = JSON.parse(seed.stdout);
  assert.ok(page.total >= 200, "every country is in the seed");
  assert.equal(page.items.length, 3);
  const help = marsad("kb", "--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /marsad kb import FILE\.tsv/);
  const examples = help.stdout
    .split("\n")
    .filter((l) => l.startsWith("  per:"))
    .map((l) => l.slice(2));
  assert.equal(examples.length, 2);
  const parsed = parseTsvRows(["kbId\talias\tdisplay\ttype\tsource\tvalidFrom\tvalidTo\tcount", ...examples].join("\n"), "help");
  assert.deepEqual(parsed.bad, [], "the help's example rows are valid");
});
