/**
 * The SQLite store: round trip of a document and its rows, idempotent puts,
 * migrations, and the failure paths a user meets (database locked by another
 * process, disk full, a file that is not a database, a missing database for
 * search, an unknown URL scheme). Documents are built from short
 * Arabic texts written for this test.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { parseArticle } from "../src/article/index.js";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { openStore } from "../src/store/open.js";
import { SCHEMA_VERSION } from "../src/store/sqlite/migrations.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { PutItem } from "../src/store/types.js";

const dir = mkdtempSync(join(tmpdir(), "marsad-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const dbPath = () => join(dir, `t${++n}.db`);

function article(
  title: string,
  body: string,
  extra: Partial<{ outlet: string; section: string; published: string; url: string }> = {},
): ArticleDocument {
  return parseArticle({
    format: "txt",
    content: body,
    title,
    outlet: extra.outlet ?? "testnews",
    section: extra.section,
    published: extra.published,
    url: extra.url,
  });
}

function item(doc: ArticleDocument, hash = `h-${doc.id}`): PutItem {
  return { doc: toIndexed(doc), inputHash: hash };
}

const DOC_A = (() => {
  const d = article(
    "وزير الخارجية يزور القاهرة",
    "وصل وزير الخارجية إلى القاهرة صباح اليوم في زيارة رسمية.\nويلتقي الوزير نظيره المصري لبحث ملفات إقليمية.",
    {
      section: "politics",
      published: "2022-01-10T08:00:00Z",
      url: "https://example.org/1",
    },
  );
  d.entities = [
    { id: "e1", name: "القاهرة", type: "LOC", kbId: "Q85", mentions: [{ start: 21, end: 27, text: "القاهرة" }], salience: 0.8 },
    { id: "e2", name: "وزير الخارجية", type: "PER", kbId: null, mentions: [], salience: 0.5 },
  ];
  d.quotes = [{ start: 0, end: 10, text: "نص مقتبس", speaker: "e2", speakerText: "الوزير", cue: "قال", direct: true }];
  d.events = [
    {
      start: 0,
      end: 5,
      type: "CONSULT",
      source: ["e2"],
      target: ["e1"],
      trigger: "يلتقي",
      confidence: 0.7,
      negated: false,
      mode: "asserted",
      sentence: 0,
    },
  ];
  return d;
})();
const DOC_B = article("افتتاح سوق شعبي جديد", "افتتحت البلدية سوقا شعبيا جديدا في وسط المدينة.\nويضم السوق مئة محل للخضار والفواكه.", {
  section: "local",
});

test("a document round-trips: JSON, columns, entities, quotes, events, search terms", async () => {
  const store = await openStore(dbPath());
  assert.ok(store instanceof SqliteStore);
  const r = await store.put([item(DOC_A), item(DOC_B)]);
  assert.deepEqual(r, { added: 2, unchanged: 0 });
  assert.deepEqual(await store.get(DOC_A.id), DOC_A);
  assert.equal(await store.get("0000000000000000"), null);
  const stats = await store.stats();
  assert.deepEqual(stats, { documents: 2, entities: 2, quotes: 1, events: 1, schemaVersion: SCHEMA_VERSION });
  const db = (store as SqliteStore).db;
  const row = db.prepare("SELECT published, day, outlet, section, title, url FROM docs WHERE id = ?").get(DOC_A.id);
  assert.deepEqual(row, {
    published: "2022-01-10T08:00:00Z",
    day: "2022-01-10",
    outlet: "testnews",
    section: "politics",
    title: "وزير الخارجية يزور القاهرة",
    url: "https://example.org/1",
  });
  const ent = db.prepare("SELECT kb_id, name, type, mentions FROM entities ORDER BY local_id").all();
  assert.deepEqual(ent, [
    { kb_id: "Q85", name: "القاهرة", type: "LOC", mentions: 1 },
    { kb_id: null, name: "وزير الخارجية", type: "PER", mentions: 0 },
  ]);
  const quote = db.prepare("SELECT speaker_kb_id, speaker_name, cue, direct FROM quotes").get();
  assert.deepEqual(quote, { speaker_kb_id: null, speaker_name: "وزير الخارجية", cue: "قال", direct: 1 });
  const ev = db.prepare("SELECT type, source, target FROM events").get();
  assert.deepEqual(ev, { type: "CONSULT", source: '["وزير الخارجية"]', target: '["Q85"]' });
  const seen: string[] = [];
  for await (const d of store.documents()) seen.push(d.id);
  assert.deepEqual(seen, [DOC_A.id, DOC_B.id]);
  await store.close();
});

test("putting the same document again (even from another input) changes nothing", async () => {
  const path = dbPath();
  const store = await openStore(path);
  assert.deepEqual(await store.put([item(DOC_A, "first")]), { added: 1, unchanged: 0 });
  assert.deepEqual(await store.put([item(DOC_A, "first")]), { added: 0, unchanged: 1 });
  assert.deepEqual(await store.put([item(DOC_A, "second"), item(DOC_A, "third")]), { added: 0, unchanged: 2 });
  assert.deepEqual([...(await store.knownInputs(["first", "second", "third", "never"]))].sort(), ["first", "second", "third"]);
  assert.equal((await store.stats()).documents, 1);
  assert.equal((await store.stats()).entities, 2);
  await store.close();
  // Reopening keeps everything and does not re-run migrations.
  const again = await openStore(path);
  assert.equal((await again.stats()).documents, 1);
  const versions = (again as SqliteStore).db.prepare("SELECT count(*) AS c FROM schema_version").get() as { c: number };
  assert.equal(versions.c, SCHEMA_VERSION);
  await again.close();
});

test("a database from a newer schema is refused with a clear message", async () => {
  const path = dbPath();
  await (await openStore(path)).close();
  const raw = new Database(path);
  raw.prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, 'future', 'x')").run(SCHEMA_VERSION + 1);
  raw.close();
  await assert.rejects(openStore(path), (e: unknown) => e instanceof InputError && /newer than this marsad knows/.test(e.message));
});

test("a database locked by another process: wait, then a one-line message", async () => {
  const path = dbPath();
  const store = await openStore(path, { busyTimeoutMs: 200 });
  const other = new Database(path);
  other.exec("BEGIN IMMEDIATE");
  const t0 = Date.now();
  await assert.rejects(
    store.put([item(DOC_B)]),
    (e: unknown) => e instanceof InputError && /database is locked by another process \(waited 200 ms\)/.test(e.message),
  );
  assert.ok(Date.now() - t0 >= 150, "it waited for the busy timeout");
  other.exec("ROLLBACK");
  assert.deepEqual(await store.put([item(DOC_B)]), { added: 1, unchanged: 0 }, "works once the lock is released");
  other.close();
  await store.close();
});

test("disk full: a clear message, the failed batch is not half-stored, earlier batches stay", async () => {
  const path = dbPath();
  const store = (await openStore(path)) as SqliteStore;
  await store.put([item(DOC_A)]);
  // Cap the file at its current size: the next write that needs a page fails with SQLITE_FULL.
  const pages = store.db.pragma("page_count", { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages}`);
  const big = Array.from({ length: 40 }, (_, i) =>
    item(
      article(`تقرير مطول رقم ${i + 1}`, `${"فقرة طويلة عن الاقتصاد والتجارة والأسواق المالية في المنطقة. ".repeat(60)}\nرقم ${i + 1}.`),
    ),
  );
  await assert.rejects(
    store.put(big),
    (e: unknown) => e instanceof InputError && /disk full/.test(e.message) && /free some space/.test(e.message),
  );
  assert.equal((await store.stats()).documents, 1, "nothing of the failed batch is stored");
  assert.deepEqual(await store.get(DOC_A.id), DOC_A, "what was stored before is intact");
  assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
  await store.close();
});

test("opening: not a database, a directory, a missing database for reading, unknown schemes", async () => {
  const junk = join(dir, "junk.db");
  writeFileSync(junk, "this is a text file, not SQLite ".repeat(100));
  await assert.rejects(openStore(junk), /not a Marsad database/);
  await assert.rejects(openStore(dir), /is a directory/);
  await assert.rejects(openStore(join(dir, "absent.db"), { create: false }), /no such database: run `marsad ingest/);
  await assert.rejects(openStore(join(dir, "no", "such", "dir.db")), /directory .* does not exist/);
  await assert.rejects(openStore("mysql://localhost/x"), /not a database kind/);
});

test("MARSAD_DB is used when no path is given", async () => {
  const path = dbPath();
  const saved = process.env.MARSAD_DB;
  process.env.MARSAD_DB = path;
  try {
    const store = await openStore();
    assert.equal(store.location, path);
    await store.close();
  } finally {
    if (saved === undefined) delete process.env.MARSAD_DB;
    else process.env.MARSAD_DB = saved;
  }
});
