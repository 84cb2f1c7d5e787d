/**
 * The API's analysis guard (src/server/analysis.ts): an input that runs past
 * the timeout gets 503 and its worker is terminated and replaced at once, so
 * the next request is served in milliseconds instead of waiting behind it;
 * inputs of a timed-out request are not started; and a pool that gives up
 * after many such inputs in a row is replaced. Uses the test-only stand-in
 * worker test/fixtures/server/slow-worker.mjs, which sleeps on "slow" jobs.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Job, JobResult } from "../src/ingest/job.js";
import { ROOT } from "../src/paths.js";
import { Analyzer } from "../src/server/analysis.js";
import { ApiError } from "../src/server/errors.js";

const workerUrl = pathToFileURL(join(ROOT, "test", "fixtures", "server", "slow-worker.mjs"));
const job = (where: string): Job => ({ where, hash: where, payload: { kind: "record", line: "{}" } });
const TIMEOUT_MS = 400;

async function timesOut(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof ApiError && err.status === 503 && err.code === "timeout");
}

const worker = (r: JobResult) => (r.ok ? "" : r.reason);

test("a slow input times out with 503 and its worker is replaced: the next input does not wait behind it", async () => {
  const analyzer = new Analyzer(1, TIMEOUT_MS, 16, [], { workerUrl });
  try {
    const first = await analyzer.run([job("warm-up")]);
    const t0 = Date.now();
    await timesOut(analyzer.run([job("slow-1")]));
    assert.ok(Date.now() - t0 < TIMEOUT_MS + 1000);
    // The only worker was asleep for 60 s; it must have been terminated and replaced.
    const t1 = Date.now();
    const [after] = await analyzer.run([job("after")]);
    assert.ok(Date.now() - t1 < 3000, `next input took ${Date.now() - t1} ms`);
    assert.notEqual(worker(after), worker(first[0]), "a new worker thread answered");
  } finally {
    await analyzer.close();
  }
});

test("a timed-out request starts none of its remaining inputs", async () => {
  const analyzer = new Analyzer(1, TIMEOUT_MS, 64, [], { workerUrl });
  try {
    const jobs = [job("slow-a"), ...Array.from({ length: 20 }, (_, i) => job(`queued-${i}`))];
    await timesOut(analyzer.run(jobs));
    const t0 = Date.now();
    await analyzer.run([job("next")]);
    // 20 queued jobs are instant here, but a request that kept feeding the pool would keep
    // the (replaced) worker busy; the next request is served at once either way.
    assert.ok(Date.now() - t0 < 3000);
  } finally {
    await analyzer.close();
  }
});

test("many slow inputs in a row (the pool gives up) still leave the analyzer serving", async () => {
  const analyzer = new Analyzer(1, TIMEOUT_MS, 16, [], { workerUrl });
  try {
    for (let i = 0; i < 7; i++) {
      await assert.rejects(analyzer.run([job(`slow-${i}`)]), (err: unknown) => err instanceof ApiError && err.status === 503);
    }
    const [r] = await analyzer.run([job("after-many")]);
    assert.match(worker(r), /^analyzed by worker \d+$/);
  } finally {
    await analyzer.close();
  }
});
