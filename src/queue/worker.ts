/**
 * The consumer side of distributed ingest (`marsad worker --db postgres://…`):
 * take queue jobs, analyze their inputs (src/ingest/job.ts → the pipeline,
 * on a pool of worker threads) and store them. Run any number of these, on
 * any number of machines, against one database.
 *
 *   exactly once   put() is idempotent by document id and raw-input hash,
 *                  so a job done twice (retried, expired, raced) stores
 *                  nothing twice; inputs already stored skip analysis.
 *   bad input      an input that cannot be analyzed is recorded in
 *                  ingest_failures (place, reason) and the job completes:
 *                  one bad record never fails its batch or stops a worker.
 *                  Malformed job data is recorded the same way.
 *   bad storage    a job whose batch cannot be stored (database down, disk
 *                  full) is failed, and pg-boss retries it with backoff
 *                  (QUEUE_POLICY), on this worker or another.
 *   stopping       stop() (SIGINT/SIGTERM in the CLI) fetches nothing more,
 *                  lets active jobs finish (up to stopTimeoutMs), fails the
 *                  ones still running after that so another worker retries
 *                  them, and closes every connection.
 *   concurrency    N fetch loops share N analysis threads: N jobs in flight.
 *   knowledge base read from the corpus once, at start (seed + learned and
 *                  user rows), shipped to the analysis threads; each thread
 *                  learns from what it analyzes and the rows a new document
 *                  taught are stored with it. What other workers learn
 *                  reaches this one when it is restarted (docs/kb.md).
 *
 * Jobs are fetched and completed explicitly (fetch / complete / fail), not
 * through pg-boss's work(), so that a job is completed — awaited — before
 * the worker reports it done or shuts down.
 */
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { InputError } from "../errors.js";
import { analyzeJob, ingestKnowledgeBase, type Job, type JobResult } from "../ingest/job.js";
import { AnalysisPool } from "../ingest/pool.js";
import type { KnowledgeBase } from "../kb/index.js";
import type { PgTarget } from "../store/postgres/connection.js";
import { type FailureRecord, PostgresStore } from "../store/postgres/store.js";
import type { PutItem } from "../store/types.js";
import { bossExec, checkJobData, type IngestJobData, openBoss, pending, QUEUE, QUEUE_POLICY, queueCounts } from "./boss.js";

export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_STOP_TIMEOUT_MS = 60_000;
/** The same failing database is reported at most this often while polling. */
const ERROR_LOG_EVERY_MS = 30_000;

export interface WorkerOptions {
  /** Jobs in flight at once (fetch loops), default 1. */
  concurrency?: number;
  /** Analysis threads, default = concurrency; 0 analyzes on the main thread. */
  threads?: number;
  /** Stop by itself once the queue has nothing queued, retrying or active. */
  untilEmpty?: boolean;
  /** Wait between polls of an empty queue. */
  pollMs?: number;
  /** How long stop() lets active jobs finish. */
  stopTimeoutMs?: number;
  /** Pipeline stages to skip (as `marsad ingest --disable`). */
  disable?: string[];
  /** One line of progress (default: none). */
  log?: (line: string) => void;
}

/**
 * A short article analyzed before the first job: a worker whose pipeline
 * cannot run (a model missing from this machine) must refuse to start, not
 * record every article it takes as a bad input.
 */
const PREFLIGHT: Job = {
  where: "(worker self-check)",
  hash: "preflight",
  learn: false,
  payload: {
    kind: "input",
    input: { format: "txt", title: "اختبار العامل", content: "قال المتحدث إن الاجتماع سيعقد في القاهرة يوم الأحد المقبل." },
  },
};

export interface WorkerTotals {
  /** Queue jobs completed. */
  jobs: number;
  /** Queue jobs failed (to be retried, or given up). */
  failedJobs: number;
  added: number;
  unchanged: number;
  /** Inputs that could not be analyzed. */
  failed: number;
  seconds: number;
}

type Fetched = PgBoss.JobWithMetadata<unknown>;

function span(jobs: Job[]): string {
  if (jobs.length === 0) return "(empty)";
  const a = jobs[0].where;
  const b = jobs[jobs.length - 1].where;
  if (a === b) return a;
  // file.jsonl:1 … file.jsonl:32 → file.jsonl:1–32
  const m = /^(.*):(\d+)$/.exec(a);
  const n = /^(.*):(\d+)$/.exec(b);
  if (m && n && m[1] === n[1]) return `${a}–${n[2]}`;
  return `${a} … ${b}`;
}

export class IngestWorker {
  /** Resolves when the worker has stopped (stop(), or an empty queue with untilEmpty) and closed everything. */
  readonly done: Promise<WorkerTotals>;
  readonly name = `${hostname()}:${process.pid}`;
  private readonly totals: WorkerTotals = { jobs: 0, failedJobs: 0, added: 0, unchanged: 0, failed: 0, seconds: 0 };
  private readonly started = performance.now();
  private readonly active = new Map<string, Fetched>();
  private readonly sleepers = new Set<() => void>();
  private readonly log: (line: string) => void;
  private stopping = false;
  private stopReason: string | null = null;
  private lastErrorLog = 0;
  /** An error was reported and no query has succeeded since. */
  private troubled = false;
  private resolveDone!: (t: WorkerTotals) => void;

  private constructor(
    private readonly store: PostgresStore,
    private readonly boss: PgBoss,
    private readonly target: PgTarget,
    private readonly pool: AnalysisPool | null,
    /** The main thread's knowledge base when threads is 0 (null when linking is disabled). */
    private readonly kb: KnowledgeBase | null,
    private readonly opts: Required<Omit<WorkerOptions, "log">>,
    log: (line: string) => void,
  ) {
    this.log = log;
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  /** Connect to the corpus and the queue, and start taking jobs. */
  static async start(url: string, options: WorkerOptions = {}): Promise<IngestWorker> {
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError("--concurrency", "must be a whole number ≥ 1");
    const disable = options.disable ?? [];
    const opts = {
      concurrency,
      disable,
      threads: options.threads ?? concurrency,
      untilEmpty: options.untilEmpty ?? false,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      stopTimeoutMs: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    };
    const log = options.log ?? (() => {});
    let pool: AnalysisPool | null = null;
    let kb: KnowledgeBase | null = null;
    let store: PostgresStore | null = null;
    let opened: Awaited<ReturnType<typeof openBoss>>;
    let worker: IngestWorker | null = null;
    try {
      // The corpus first: its knowledge-base rows go to the analysis threads.
      store = await PostgresStore.open(url, { poolSize: concurrency + 1 });
      const kbRows = await store.kbRows();
      // The self-check runs where analysis will run (a pool thread loads the models anyway).
      if (opts.threads > 0) pool = new AnalysisPool(opts.threads, disable, { kbRows });
      else kb = ingestKnowledgeBase(kbRows, disable);
      const [check] = pool ? await pool.run([PREFLIGHT]) : [analyzeJob(PREFLIGHT, { disable, kb })];
      if (!check.ok) throw new InputError("worker", `the analysis pipeline cannot run on this machine: ${check.reason}`);
      opened = await openBoss(url, { supervise: true }, (err) => worker?.reportError(err));
    } catch (err) {
      await pool?.close();
      await store?.close();
      throw err;
    }
    worker = new IngestWorker(store, opened.boss, opened.target, pool, kb, opts, log);
    worker.run();
    return worker;
  }

  /** Totals so far. */
  get counts(): WorkerTotals {
    return { ...this.totals, seconds: (performance.now() - this.started) / 1000 };
  }

  private reportError(err: unknown): void {
    this.troubled = true;
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLog = now;
    const e = this.store.explainError(err);
    this.log(`queue error (will keep trying): ${e instanceof InputError ? e.reason : ((e as Error)?.message ?? String(e))}`);
  }

  private run(): void {
    const { concurrency, threads } = this.opts;
    this.log(
      `started: queue ${QUEUE} at ${this.target.location}, concurrency ${concurrency}` +
        ` (${threads > 0 ? `${threads} analysis thread${threads === 1 ? "" : "s"}` : "analysis on the main thread"})${this.opts.untilEmpty ? ", until the queue is empty" : ""}`,
    );
    const loops = Array.from({ length: concurrency }, () => this.loop());
    void Promise.all(loops).then(() => this.shutdown());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let jobs: Fetched[] = [];
      try {
        jobs = await this.boss.fetch<unknown>(QUEUE, { batchSize: 1, includeMetadata: true });
      } catch (err) {
        this.reportError(err);
      }
      if (this.stopping) {
        // Fetched while stopping: hand it back at once.
        for (const j of jobs) await this.boss.fail(QUEUE, j.id, { message: "worker stopped before starting this job" }).catch(() => {});
        return;
      }
      if (jobs.length === 0) {
        // pg-boss's fetch reports no error (an unreachable database looks like an empty
        // queue): counting the queue tells the two apart, and is what --until-empty needs.
        let left: number | null = null;
        try {
          left = pending(await queueCounts(bossExec(this.boss), this.target));
          if (this.troubled) {
            this.troubled = false;
            this.lastErrorLog = 0;
            this.log("the database answers again: taking jobs");
          }
        } catch (err) {
          this.reportError(err);
        }
        if (this.opts.untilEmpty && left === 0) {
          if (!this.stopping) this.stopReason = "the queue is empty";
          this.stopping = true;
          for (const wake of [...this.sleepers]) wake();
          return;
        }
        await this.sleep(this.opts.pollMs);
        continue;
      }
      for (const job of jobs) await this.handle(job);
    }
  }

  private async handle(job: Fetched): Promise<void> {
    const t0 = performance.now();
    this.active.set(job.id, job);
    const short = job.id.slice(0, 8);
    try {
      const data = checkJobData(job.data);
      if (typeof data === "string") {
        // Retrying cannot fix malformed data: record it and complete the job.
        await this.store.recordFailures([{ place: `queue job ${job.id}`, reason: data, jobId: job.id }]);
        await this.boss.complete(QUEUE, job.id, { added: 0, unchanged: 0, failed: 1, reason: data });
        this.totals.jobs++;
        this.totals.failed++;
        this.log(`job ${short}: not an ingest job (${data}); recorded in ingest_failures`);
        return;
      }
      const out = await this.process(data, job.id);
      await this.boss.complete(QUEUE, job.id, out);
      this.totals.jobs++;
      this.totals.added += out.added;
      this.totals.unchanged += out.unchanged;
      this.totals.failed += out.failed;
      const t = this.totals;
      this.log(
        `job ${short} ${span(data.jobs)}: added ${out.added}, unchanged ${out.unchanged}${out.failed ? `, failed ${out.failed}` : ""}` +
          ` (${((performance.now() - t0) / 1000).toFixed(1)} s) · totals: ${t.jobs} jobs, ${t.added} added, ${t.unchanged} unchanged, ${t.failed} failed`,
      );
    } catch (err) {
      this.totals.failedJobs++;
      const e = this.store.explainError(err);
      const message = e instanceof InputError ? e.reason : ((e as Error)?.message ?? String(e));
      const attempt = (job.retryCount ?? 0) + 1;
      const limit = (job.retryLimit ?? QUEUE_POLICY.retryLimit) + 1;
      this.log(
        `job ${short} failed (attempt ${attempt} of ${limit}): ${message}${attempt < limit ? "; it will be retried" : "; giving up (the job stays failed in the queue)"}`,
      );
      await this.boss.fail(QUEUE, job.id, { message }).catch((e2) => this.reportError(e2));
    } finally {
      this.active.delete(job.id);
    }
  }

  /** Analyze and store one batch; bad inputs are recorded, not thrown. */
  private async process(data: IngestJobData, jobId: string): Promise<{ added: number; unchanged: number; failed: number }> {
    const jobs = data.jobs;
    const known = await this.store.knownInputs(jobs.map((j) => j.hash));
    const todo = jobs.filter((j) => !known.has(j.hash));
    const results: JobResult[] =
      todo.length === 0
        ? []
        : this.pool
          ? await this.pool.run(todo)
          : todo.map((j) => analyzeJob(j, { disable: this.opts.disable, kb: this.kb, learn: this.kb !== null }));
    const items: PutItem[] = [];
    const failures: FailureRecord[] = [];
    results.forEach((r, i) => {
      if (r.ok) items.push({ doc: r.doc, inputHash: r.hash });
      else failures.push({ place: r.where, reason: r.reason, inputHash: todo[i].hash, jobId });
    });
    const put = await this.store.put(items);
    await this.store.recordFailures(failures);
    return { added: put.added, unchanged: known.size + put.unchanged, failed: failures.length };
  }

  /**
   * Stop taking jobs, let active ones finish (up to stopTimeoutMs), hand back
   * the rest, close everything. Resolves with the totals (same as `done`).
   */
  stop(reason = "asked to stop"): Promise<WorkerTotals> {
    if (!this.stopping) {
      this.stopping = true;
      this.stopReason = reason;
      for (const wake of [...this.sleepers]) wake();
      if (this.active.size > 0)
        this.log(`stopping (${reason}): finishing ${this.active.size} active job${this.active.size === 1 ? "" : "s"}…`);
      const timer = setTimeout(() => void this.abandon(), this.opts.stopTimeoutMs);
      void this.done.then(() => clearTimeout(timer));
    }
    return this.done;
  }

  /** Active jobs that outlived the stop timeout: fail them so another worker retries them, then close. */
  private async abandon(): Promise<void> {
    const left = [...this.active.values()];
    if (left.length === 0) return;
    this.log(`stop timeout: handing back ${left.length} unfinished job${left.length === 1 ? "" : "s"} for retry`);
    for (const j of left) await this.boss.fail(QUEUE, j.id, { message: "worker stopped before finishing this job" }).catch(() => {});
    this.active.clear();
    await this.shutdown();
  }

  private closing: Promise<void> | null = null;

  private shutdown(): Promise<void> {
    this.closing ??= (async () => {
      await this.pool?.close().catch(() => {});
      await this.boss.stop({ graceful: false, close: true }).catch(() => {});
      await this.store.close().catch(() => {});
      const t = this.counts;
      const rate = t.seconds > 0 ? (t.added + t.unchanged + t.failed) / t.seconds : 0;
      this.log(
        `stopped${this.stopReason ? ` (${this.stopReason})` : ""}: ${t.jobs} jobs, ${t.added} added, ${t.unchanged} unchanged, ${t.failed} failed` +
          `${t.failedJobs ? `, ${t.failedJobs} jobs failed` : ""} in ${t.seconds.toFixed(1)} s (${rate.toFixed(1)} inputs/s)`,
      );
      this.resolveDone(t);
    })();
    return this.closing;
  }
}
