/**
 * The analysis pool's isolation: a worker that crashes or hangs on one job
 * is replaced, its batch is re-run job by job, and only the guilty job fails
 * (with the reason) while every other result comes back, in order. Uses a
 * stand-in worker (test/fixtures/ingest/crash-worker.mjs) that misbehaves on
 * purpose.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Job } from "../src/ingest/job.js";
import { AnalysisPool } from "../src/ingest/pool.js";
import { ROOT } from "../src/paths.js";

const workerUrl = pathToFileURL(join(ROOT, "test", "fixtures", "ingest", "crash-worker.mjs"));
const job = (where: string): Job => ({ where, hash: where, payload: { kind: "record", line: "{}" } });

test("a crash fails only its job; the other jobs of the batch and of other batches come back in order", async () => {
  const pool = new AnalysisPool(2, [], { workerUrl });
  try {
    const batches = [["a1", "a2", "a3"], ["b1", "crash-me", "b3"], ["c1", "c2"], ["d1"]];
    const results = await Promise.all(batches.map((b) => pool.run(b.map(job))));
    results.forEach((rs, i) => {
      assert.deepEqual(
        rs.map((r) => r.where),
        batches[i],
      );
    });
    const crashed = results[1][1];
    assert.equal(crashed.ok, false);
    assert.match(crashed.ok ? "" : crashed.reason, /analysis failed: worker exited with code 3/);
    for (const r of results.flat()) if (r.where !== "crash-me") assert.equal(r.ok ? "" : r.reason, "analyzed");
    // The pool still works afterwards.
    assert.equal((await pool.run([job("after")]))[0].where, "after");
  } finally {
    await pool.close();
  }
});

test("a hung job is timed out and reported; the rest of its batch is analyzed", async () => {
  const pool = new AnalysisPool(1, [], { workerUrl, batchBaseMs: 300, perJobMs: 50 });
  try {
    const t0 = Date.now();
    const rs = await pool.run(["x1", "hang-here", "x3"].map(job));
    assert.deepEqual(
      rs.map((r) => (r.ok ? "ok" : r.reason)),
      ["analyzed", "analysis failed: no result within 0.4 s (analysis hung)", "analyzed"],
    );
    assert.ok(Date.now() - t0 < 10_000);
  } finally {
    await pool.close();
  }
});
