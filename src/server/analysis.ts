/**
 * Analysis for the API: POST /api/analyze and POST /api/ingest both turn raw
 * input into documents here. The work runs on analysis worker threads (the
 * ingest pool, src/ingest/pool.ts), so a long article never stalls searches
 * on the event loop; with `workers: 0` it runs in-process (tests).
 *
 * Guards, so that a flood of analyses or one pathological input cannot take
 * the server down:
 *   - at most `maxPending` analyses are queued or running (more get 503 busy);
 *   - a caller waits at most `timeoutMs` (then 503 timeout);
 *   - each input is its own pool batch whose time budget is that same
 *     timeout (plus a short grace, so the caller's 503 comes first): the pool
 *     terminates the worker of an input that overruns it and starts a fresh
 *     one, so one slow input never holds a worker past the timeout;
 *   - inputs of a request that has timed out are not started;
 *   - a pool that gave up (its workers kept dying: e.g. a run of inputs that
 *     all time out) is replaced by a new one for the next requests.
 */
import { recordToInput } from "../article/index.js";
import type { RawInput } from "../article/input.js";
import type { ArticleDocument } from "../document.js";
import { InputError } from "../errors.js";
import { analyzeJob, inputHash, type Job, type JobResult } from "../ingest/job.js";
import { AnalysisPool, type PoolOptions } from "../ingest/pool.js";
import { ApiError } from "./errors.js";

/**
 * How long past the caller's timeout the pool lets an input run before it
 * terminates the worker. The caller's timer is started first and fires
 * first, so the caller gets 503 rather than the pool's "no result" failure.
 */
export const WORKER_GRACE_MS = 20;
/** Inputs of one request handed to the pool at a time, per worker (the pool keeps two per worker busy). */
const IN_FLIGHT_PER_WORKER = 2;

export class Analyzer {
  private pool: AnalysisPool | null;
  private pending = 0;
  private closed = false;
  private readonly makePool: () => AnalysisPool;

  constructor(
    private readonly workers: number,
    private readonly timeoutMs: number,
    private readonly maxPending: number,
    /** Pipeline stages to skip (as `marsad ingest --disable`). */
    private readonly disable: string[] = [],
    /** Tests only: a stand-in worker script (test/fixtures/server/slow-worker.mjs). Production leaves it unset. */
    testPool: Pick<PoolOptions, "workerUrl"> = {},
  ) {
    this.makePool = () => new AnalysisPool(workers, disable, { ...testPool, batchBaseMs: timeoutMs + WORKER_GRACE_MS, perJobMs: 0 });
    this.pool = workers > 0 ? this.makePool() : null;
  }

  /** Analyze jobs; one result per job, in order. Throws 503 when busy or too slow. */
  async run(jobs: Job[]): Promise<JobResult[]> {
    if (this.pending + jobs.length > this.maxPending && this.pending > 0) {
      throw new ApiError(503, "busy", `the server is busy analyzing (${this.pending} documents in progress); retry in a few seconds`);
    }
    this.pending += jobs.length;
    let timer: NodeJS.Timeout | undefined;
    let abandoned = false;
    try {
      // The caller's timer starts before any input reaches a worker (see WORKER_GRACE_MS).
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abandoned = true;
          const secs = +(this.timeoutMs / 1000).toFixed(1);
          reject(new ApiError(503, "timeout", `analysis took longer than ${secs} s; send a shorter text or fewer records`));
        }, this.timeoutMs);
      });
      const work = this.pool
        ? this.onWorkers(jobs, () => abandoned)
        : Promise.resolve(jobs.map((j) => analyzeJob(j, { disable: this.disable })));
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      this.pending -= jobs.length;
    }
  }

  /** Each job as its own pool batch, a few at a time, none started once the request is abandoned. */
  private async onWorkers(jobs: Job[], abandoned: () => boolean): Promise<JobResult[]> {
    const results: JobResult[] = new Array(jobs.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < jobs.length && !abandoned()) {
        const i = next++;
        results[i] = await this.runOne(jobs[i]);
      }
    };
    const lanes = Math.min(jobs.length, Math.max(1, this.workers) * IN_FLIGHT_PER_WORKER);
    await Promise.all(Array.from({ length: lanes }, lane));
    return results;
  }

  private async runOne(job: Job): Promise<JobResult> {
    const pool = this.pool as AnalysisPool;
    try {
      const [r] = await pool.run([job]);
      return r;
    } catch (err) {
      // The pool gave up (its workers kept dying or timing out): the next requests get a fresh one.
      if (this.pool === pool && !this.closed) {
        this.pool = this.makePool();
        void pool.close();
      }
      throw new ApiError(503, "analysis_failed", `analysis workers failed (${(err as Error).message}); retry in a few seconds`);
    }
  }

  /** One input → its document. Unusable input is a 400 with the analyzer's reason. */
  async analyze(input: RawInput): Promise<ArticleDocument> {
    const job: Job = { where: "body", hash: "", payload: { kind: "input", input } };
    const [r] = await this.run([job]);
    if (!r.ok) throw new InputError("body", r.reason);
    return JSON.parse(r.doc.json) as ArticleDocument;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}

/** A JSONL record (ANT corpus fields) as an ingest job; hashed like `marsad ingest` hashes JSONL lines, so both skip each other's inputs. */
export function recordJob(record: unknown, where: string): Job {
  // Check the record here so a bad one fails with its position before any work is queued.
  recordToInput(record, where);
  const line = JSON.stringify(record);
  return { where, hash: inputHash("jsonl", line), payload: { kind: "record", line } };
}

/** One article given as text or HTML, as an ingest job (hashed like an article file). */
export function articleJob(input: RawInput, where: string): Job {
  return { where, hash: inputHash("article", input.format, input.content), payload: { kind: "input", input } };
}
