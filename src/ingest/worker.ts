/**
 * Ingest worker thread: receives batches of Jobs, analyzes each (job.ts),
 * and posts the results back in one message per batch (messages are not
 * free; see pool.ts for batch sizes). Models load once per worker, on the
 * first job.
 *
 * The knowledge base is built once, at start, from the seed and the store's
 * rows the pool passes in (workerData.kbRows), and learns from every
 * document this worker analyzes (job.ts); it does not see what the other
 * workers learn during the run.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { KbRow } from "../kb/rows.js";
import { analyzeJob, ingestKnowledgeBase, type Job } from "./job.js";

export interface BatchMessage {
  batch: number;
  jobs: Job[];
}

if (!parentPort) throw new Error("src/ingest/worker.ts must run as a worker thread");
const port = parentPort;
/** Pipeline options given by the pool (workerData): stages to skip, default publication date, the store's KB rows. */
const data = (workerData ?? {}) as { disable?: string[]; published?: string | null; kbRows?: KbRow[] | null };
const disable = data.disable ?? [];
/** No kbRows (a pool made outside ingest): analyze with the default seed KB, learn nothing. */
const kb = Array.isArray(data.kbRows) ? ingestKnowledgeBase(data.kbRows, disable) : undefined;
const opts = { disable, published: data.published ?? null, kb, learn: kb !== undefined };
port.on("message", (msg: BatchMessage) => {
  port.postMessage({ batch: msg.batch, results: msg.jobs.map((j) => analyzeJob(j, opts)) });
});
