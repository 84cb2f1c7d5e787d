/**
 * Ingest worker thread: receives batches of Jobs, analyzes each (job.ts),
 * and posts the results back in one message per batch (messages are not
 * free; see pool.ts for batch sizes). Models load once per worker, on the
 * first job.
 */
import { parentPort, workerData } from "node:worker_threads";
import { analyzeJob, type Job } from "./job.js";

export interface BatchMessage {
  batch: number;
  jobs: Job[];
}

if (!parentPort) throw new Error("src/ingest/worker.ts must run as a worker thread");
const port = parentPort;
/** Pipeline options given by the pool (workerData): stages to skip, default publication date. */
const data = (workerData ?? {}) as { disable?: string[]; published?: string | null };
const opts = { disable: data.disable ?? [], published: data.published ?? null };
port.on("message", (msg: BatchMessage) => {
  port.postMessage({ batch: msg.batch, results: msg.jobs.map((j) => analyzeJob(j, opts)) });
});
