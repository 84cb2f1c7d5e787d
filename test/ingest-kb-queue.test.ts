/**
 * Queue workers (`marsad worker`, src/queue/worker.ts) learn like `marsad
 * ingest`: a worker reads the corpus's KB rows at start, learns from what it
 * analyzes, and the rows a new document taught are stored with it; a worker
 * started later links a bare title to the holder an earlier worker learned.
 * On both kinds of analysis: worker threads and the main thread (threads 0).
 * Needs a real PostgreSQL server ($MARSAD_TEST_PG; skipped when unset).
 * The articles are written for this test (a fictional Ghanaian president).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { enqueueInputs } from "../src/queue/enqueue.js";
import { IngestWorker } from "../src/queue/worker.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { PostgresStore } from "../src/store/postgres/store.js";

const PG = process.env.MARSAD_TEST_PG;
const SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
const ADJEI = "per:كوامي_أدجيي";

const NAMED = {
  title: "رئيس غانا يزور أبوجا",
  text: "وصل الرئيس الغاني كوامي أدجيي إلى العاصمة النيجيرية أبوجا اليوم في زيارة رسمية تستمر يومين.\nوقال أدجيي إن البلدين يعملان على توسيع التجارة بينهما.",
  published: "2019-03-10",
};
const BARE = {
  title: "غانا تفتتح ميناء جديدا",
  text: "افتتح الرئيس الغاني اليوم ميناء جديدا على ساحل خليج غينيا.\nوقال الرئيس الغاني إن الميناء سيوفر آلاف الوظائف.",
  published: "2019-06-10",
};

const dir = mkdtempSync(join(tmpdir(), "marsad-kb-queue-"));
const urls: string[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const u of urls) await dropCorpus(u).catch(() => {});
});

async function work(url: string, file: string, threads: number): Promise<void> {
  const q = await enqueueInputs(url, [file]);
  assert.equal(q.inputs, 1);
  const w = await IngestWorker.start(url, { concurrency: 1, threads, untilEmpty: true, pollMs: 100 });
  const totals = await w.done;
  assert.equal(totals.added, 1, JSON.stringify(totals));
}

for (const threads of [1, 0]) {
  test(`queue workers learn, and a later worker links by what was learned (${threads ? "worker thread" : "main thread"})`, {
    skip: SKIP,
    timeout: 120_000,
  }, async () => {
    const url = withSchema(PG as string, uniqueSchema("marsad_kbq"));
    urls.push(url);
    const a = join(dir, `a-${threads}.jsonl`);
    const b = join(dir, `b-${threads}.jsonl`);
    writeFileSync(a, `${JSON.stringify(NAMED)}\n`);
    writeFileSync(b, `${JSON.stringify(BARE)}\n`);
    await work(url, a, threads);
    const store = await PostgresStore.open(url);
    try {
      const rows = await store.kbRows();
      assert.ok(
        rows.some((r) => r.kbId === ADJEI && r.alias === "title:president:GHA" && r.validFrom === "2019-03-10"),
        JSON.stringify(rows),
      );
      await work(url, b, threads);
      let bare = null;
      for await (const d of store.documents()) if (d.title === BARE.title) bare = d;
      const holder = bare?.entities.find((e) => e.type === "PER");
      assert.equal(holder?.kbId, ADJEI, JSON.stringify(bare?.entities));
    } finally {
      await store.close();
    }
  });
}
