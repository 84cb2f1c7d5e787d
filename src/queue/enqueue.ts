/**
 * The producer side of distributed ingest (`marsad ingest --db postgres://…
 * --queue <inputs…>`): read the inputs exactly as local ingest does
 * (src/ingest/sources.ts: files, directories, JSONL, feeds, stdin), skip
 * raw inputs the corpus already holds, and send the rest to the queue in
 * batches (one queue job per JOB_BATCH inputs). Analysis and storing happen
 * in `marsad worker` processes, on any machine that reaches the database.
 *
 * Inputs that cannot even be read (missing file, line too long, feed down)
 * are reported here and recorded in the corpus's ingest_failures table,
 * where workers record the inputs they cannot analyze: one place to look.
 *
 * Memory stays flat: the source generator is pulled one batch at a time and
 * each batch is sent before the next is read.
 */

import type { IngestFailure } from "../ingest/ingest.js";
import type { Job } from "../ingest/job.js";
import { expandInputs, type SourceOptions } from "../ingest/sources.js";
import { PostgresStore } from "../store/postgres/store.js";
import { type IngestJobData, JOB_BATCH, JOB_DATA_VERSION, JOB_MAX_CHARS, openBoss, QUEUE } from "./boss.js";

export interface EnqueueOptions extends SourceOptions {
  /** Inputs per queue job (default JOB_BATCH). */
  batchSize?: number;
  /** Send inputs the corpus already holds too (default: skip them here). */
  includeKnown?: boolean;
  /** Called after each queue job is sent. */
  onProgress?: (s: { inputs: number; known: number; failed: number; jobs: number }) => void;
}

export interface EnqueueSummary {
  /** Queue jobs sent. */
  jobs: number;
  /** Inputs sent inside them. */
  inputs: number;
  /** Inputs skipped because the corpus already holds them. */
  known: number;
  failed: number;
  failures: IngestFailure[];
  /** Files in directories that are not an input kind. */
  ignored: number;
  seconds: number;
}

function contentChars(job: Job): number {
  return job.payload.kind === "record" ? job.payload.line.length : job.payload.input.content.length;
}

/**
 * PostgreSQL's jsonb (pg-boss's job data) cannot hold U+0000. A JSONL line
 * with a raw NUL is not valid JSON anyway; decoded article text gets U+FFFD.
 */
function nulProblem(job: Job): string | null {
  const p = job.payload;
  if (p.kind === "record") return p.line.includes("\u0000") ? "not valid JSON (the line contains a NUL character)" : null;
  if (p.input.content.includes("\u0000")) p.input = { ...p.input, content: p.input.content.replaceAll("\u0000", "\uFFFD") };
  return null;
}

/** Read `inputs` and queue them for the workers of the corpus at `url` (postgres://…). */
export async function enqueueInputs(url: string, inputs: string[], opts: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const started = performance.now();
  const batchSize = Math.max(1, opts.batchSize ?? JOB_BATCH);
  // The corpus is opened (and created) first: workers and producers agree on its schema.
  const store = await PostgresStore.open(url, { poolSize: 2 });
  let boss: Awaited<ReturnType<typeof openBoss>>["boss"] | null = null;
  const summary: EnqueueSummary = { jobs: 0, inputs: 0, known: 0, failed: 0, failures: [], ignored: 0, seconds: 0 };
  const fail = (where: string, reason: string, inputHash: string | null = null) => {
    summary.failed++;
    summary.failures.push({ where, reason });
    pendingFailures.push({ place: where, reason, inputHash });
  };
  const pendingFailures: Array<{ place: string; reason: string; inputHash: string | null }> = [];
  try {
    boss = (await openBoss(url, { supervise: false })).boss;
    const send = async (batch: Job[]) => {
      if (batch.length === 0) return;
      let todo = batch;
      if (!opts.includeKnown) {
        const known = await store.knownInputs(batch.map((j) => j.hash));
        todo = batch.filter((j) => !known.has(j.hash));
        summary.known += batch.length - todo.length;
      }
      if (todo.length > 0) {
        const data: IngestJobData = { v: JOB_DATA_VERSION, jobs: todo };
        await (boss as NonNullable<typeof boss>).insert([{ name: QUEUE, data }]);
        summary.jobs++;
        summary.inputs += todo.length;
      }
      if (pendingFailures.length > 0) await store.recordFailures(pendingFailures.splice(0));
      opts.onProgress?.({ inputs: summary.inputs, known: summary.known, failed: summary.failed, jobs: summary.jobs });
    };
    let batch: Job[] = [];
    let chars = 0;
    for await (const ev of expandInputs(inputs, opts)) {
      if (ev.kind === "failure") fail(ev.where, ev.reason);
      else if (ev.kind === "ignored") summary.ignored++;
      else {
        const problem = nulProblem(ev.job);
        if (problem) {
          fail(ev.job.where, problem, ev.job.hash);
          continue;
        }
        const size = contentChars(ev.job);
        if (batch.length > 0 && chars + size > JOB_MAX_CHARS) {
          await send(batch);
          batch = [];
          chars = 0;
        }
        batch.push(ev.job);
        chars += size;
        if (batch.length >= batchSize) {
          await send(batch);
          batch = [];
          chars = 0;
        }
      }
    }
    await send(batch);
    if (pendingFailures.length > 0) await store.recordFailures(pendingFailures.splice(0));
  } catch (err) {
    throw store.explainError(err);
  } finally {
    await boss?.stop({ graceful: false, close: true }).catch(() => {});
    await store.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
