/**
 * The ingest engine: inputs → jobs (sources.ts) → analysis on worker threads
 * (pool.ts) → store, in batches. The main thread reads, hashes and writes;
 * the workers do everything expensive.
 *
 *   idempotent  a raw input whose hash is already stored is skipped before
 *               analysis; a document whose content id is already stored is
 *               left alone. Both count as "unchanged".
 *   resumable   each batch is one transaction; after a crash or SIGKILL the
 *               next run skips every committed input and redoes the rest.
 *   bounded     at most `workers × IN_FLIGHT_PER_WORKER` batches exist at
 *               once; the source generator is pulled only when there is room,
 *               so memory stays flat whatever the input size.
 *   fault-tolerant  a bad input becomes a failure (where + reason) in the
 *               summary; only a store failure (disk full, database locked)
 *               stops the run, and everything committed before it stays.
 *   learning    the knowledge base the workers link with is the seed plus
 *               the store's learned and user rows, read once at the start;
 *               each worker learns from what it analyzes, and the rows a
 *               new document taught are stored with it (docs/kb.md). Workers
 *               do not see each other's learning within a run; the next run
 *               sees all of it.
 */
import { availableParallelism } from "node:os";
import { InputError } from "../errors.js";
import type { Store } from "../store/types.js";
import { analyzeJob, ingestKnowledgeBase, type Job, type JobResult } from "./job.js";
import { AnalysisPool } from "./pool.js";
import { expandInputs, type SourceOptions } from "./sources.js";

/** Jobs per worker message and per store transaction. */
export const BATCH_SIZE = 32;
/** Batches queued or running per worker: enough to keep every worker busy while the main thread writes. */
const IN_FLIGHT_PER_WORKER = 3;

export interface IngestFailure {
  where: string;
  reason: string;
}

export interface IngestCounts {
  added: number;
  unchanged: number;
  failed: number;
}

export interface IngestOptions extends SourceOptions {
  /** Worker threads; 0 analyzes on the main thread. Default: os.availableParallelism(). */
  workers?: number;
  batchSize?: number;
  /** Pipeline stages to skip (see `stageNames()` in src/pipeline.ts). */
  disable?: string[];
  /** Publication date (ISO) for inputs that give none; an input with its own date keeps it. */
  published?: string | null;
  /** Called after each batch is stored. */
  onProgress?: (counts: IngestCounts) => void;
}

export interface IngestSummary extends IngestCounts {
  failures: IngestFailure[];
  /** Files in directories that are not an input kind (not counted as failures). */
  ignored: number;
  workers: number;
  seconds: number;
  /** Documents analyzed or skipped per second. */
  perSecond: number;
  /**
   * Why the run stopped early (a store failure: disk full, database locked),
   * or null when every input was read. What was stored before it stays.
   */
  stopped: string | null;
}

/** Order failures by input, then line number ("a.jsonl:9" before "a.jsonl:10"). */
function byPlace(a: IngestFailure, b: IngestFailure): number {
  return a.where.localeCompare(b.where, "en", { numeric: true });
}

export async function ingest(store: Store, inputs: string[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const workers = opts.workers ?? availableParallelism();
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const disable = opts.disable ?? [];
  const published = opts.published ?? null;
  const kbRows = await store.kbRows();
  const pool = workers > 0 ? new AnalysisPool(workers, disable, { published, kbRows }) : null;
  const kb = pool ? null : ingestKnowledgeBase(kbRows, disable);
  const counts: IngestCounts = { added: 0, unchanged: 0, failed: 0 };
  const failures: IngestFailure[] = [];
  let ignored = 0;
  let fatal: unknown = null;
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(1, workers) * IN_FLIGHT_PER_WORKER;

  const fail = (where: string, reason: string) => {
    counts.failed++;
    failures.push({ where, reason });
  };

  const analyze = (jobs: Job[]): Promise<JobResult[]> =>
    pool ? pool.run(jobs) : Promise.resolve(jobs.map((j) => analyzeJob(j, { disable, published, kb, learn: kb !== null })));

  const handle = async (jobs: Job[]): Promise<void> => {
    const known = await store.knownInputs(jobs.map((j) => j.hash));
    counts.unchanged += jobs.filter((j) => known.has(j.hash)).length;
    const todo = jobs.filter((j) => !known.has(j.hash));
    if (todo.length > 0) {
      const results = await analyze(todo);
      if (fatal) return;
      const items = [];
      for (const r of results) {
        if (r.ok) items.push({ doc: r.doc, inputHash: r.hash });
        else fail(r.where, r.reason);
      }
      const put = await store.put(items);
      counts.added += put.added;
      counts.unchanged += put.unchanged;
    }
    opts.onProgress?.({ ...counts });
  };

  const dispatch = async (jobs: Job[]): Promise<void> => {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (fatal) return;
    const p: Promise<void> = handle(jobs)
      .catch((err) => {
        fatal ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  try {
    let batch: Job[] = [];
    for await (const ev of expandInputs(inputs, opts)) {
      if (fatal) break;
      if (ev.kind === "failure") {
        fail(ev.where, ev.reason);
        opts.onProgress?.({ ...counts });
      } else if (ev.kind === "ignored") ignored++;
      else {
        batch.push(ev.job);
        if (batch.length >= batchSize) {
          await dispatch(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0 && !fatal) await dispatch(batch);
    while (inFlight.size > 0) await Promise.race(inFlight);
  } finally {
    await pool?.close();
  }
  if (fatal && !(fatal instanceof InputError)) throw fatal;
  failures.sort(byPlace);
  const stopped = fatal instanceof InputError ? fatal.message : null;
  const seconds = (performance.now() - started) / 1000;
  const done = counts.added + counts.unchanged + counts.failed;
  return { ...counts, failures, ignored, workers, seconds, perSecond: seconds > 0 ? done / seconds : 0, stopped };
}
