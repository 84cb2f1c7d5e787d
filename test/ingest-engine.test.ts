/**
 * The ingest engine in-process (src/ingest/ingest.ts): the same result on
 * worker threads and on the main thread; a full disk stops the run with a
 * clear reason, keeps everything stored before, and a re-run once there is
 * room stores the rest exactly once.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ingest } from "../src/ingest/ingest.js";
import { ROOT } from "../src/paths.js";
import { openStore } from "../src/store/open.js";
import type { SqliteStore } from "../src/store/sqlite/store.js";

const FIXTURES = join(ROOT, "test", "fixtures", "ingest");
const dir = mkdtempSync(join(tmpdir(), "marsad-engine-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("worker threads and the main thread store the same documents", async () => {
  const ids: string[][] = [];
  for (const workers of [0, 2]) {
    const store = (await openStore(join(dir, `w${workers}.db`))) as SqliteStore;
    const s = await ingest(store, [FIXTURES], { workers, batchSize: 4 });
    assert.equal(s.workers, workers);
    assert.deepEqual([s.added, s.failed, s.stopped], [12, 5, null]);
    ids.push((store.db.prepare("SELECT id FROM docs ORDER BY id").all() as { id: string }[]).map((r) => r.id));
    await store.close();
  }
  assert.deepEqual(ids[0], ids[1]);
});

test("disk full: the run stops with a clear reason, stored documents stay, a re-run finishes the job", async () => {
  const path = join(dir, "full.db");
  const store = (await openStore(path)) as SqliteStore;
  const first = await ingest(store, [join(FIXTURES, "articles.jsonl")], { workers: 0 });
  assert.equal(first.added, 5);
  const pages = store.db.pragma("page_count", { simple: true }) as number;
  store.db.pragma(`max_page_count = ${pages}`);
  const s = await ingest(store, [join(FIXTURES, "page.html"), join(FIXTURES, "feed.xml"), join(FIXTURES, "cp1256.txt")], {
    workers: 0,
    batchSize: 2,
  });
  assert.match(s.stopped ?? "", /disk full while writing: documents stored before this point are kept/);
  assert.equal((await store.stats()).documents, 5 + s.added);
  assert.equal(store.db.pragma("integrity_check", { simple: true }), "ok");
  // Room again (a new connection has no page cap): the rest goes in, nothing twice.
  await store.close();
  const again = (await openStore(path)) as SqliteStore;
  const r = await ingest(again, [join(FIXTURES, "page.html"), join(FIXTURES, "feed.xml"), join(FIXTURES, "cp1256.txt")], { workers: 0 });
  assert.equal(r.stopped, null);
  assert.equal(r.added + r.unchanged, 5);
  assert.equal(r.unchanged, s.added);
  const c = again.db.prepare("SELECT count(*) AS n, count(DISTINCT id) AS d FROM docs").get() as { n: number; d: number };
  assert.deepEqual(c, { n: 10, d: 10 });
  await again.close();
});
