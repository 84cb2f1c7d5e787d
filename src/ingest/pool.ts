/**
 * A pool of analysis worker threads (worker.ts), one per core by default.
 * Work goes out in batches (one message per batch of jobs, not per job:
 * structured cloning has a fixed cost per message) to the least busy
 * worker; a caller awaits the results of its batch.
 *
 * Each worker holds up to PER_WORKER batches: the one it analyzes and the
 * next, so it never waits for the main thread (which may be busy writing a
 * transaction) to hand it more work. Results come back in the order sent.
 *
 * Isolation: a worker that crashes (out of memory on a monstrous record, a
 * bug) or exceeds the time budget of its batch is replaced, and its batches
 * are re-run one job at a time, so only the guilty job fails, with a reason.
 * A pool whose workers keep dying without finishing a batch gives up with an
 * error instead of respawning forever.
 */
import { Worker } from "node:worker_threads";
import type { KbRow } from "../kb/rows.js";
import type { Job, JobResult } from "./job.js";

/** Batches sent ahead to one worker. */
const PER_WORKER = 2;
/** Time budget of a batch once it is the one being analyzed: fixed part plus a part per job (a job takes ~10 ms). */
const BATCH_BASE_MS = 60_000;
const PER_JOB_MS = 10_000;
/**
 * Heap ceiling of one worker. A worker's live set is ~150 MB (an 8,000-article
 * single-thread ingest completes under a 200 MB ceiling), but V8 lets the heap
 * grow lazily toward whatever ceiling it has, so the ceiling, not the work,
 * sets peak memory: at 768 MB a 30k-article ingest peaked at 1.17 GB RSS, at
 * 384 MB (with events and KB learning) 1,023 MB, at 320 MB 884–919 MB for
 * 210–214 articles/s (bench/ingest.ts, all 30,388 ANT articles). A record
 * that needs more fails alone instead of taking the machine down.
 */
const WORKER_HEAP_MB = 320;
/** Consecutive worker deaths per worker, with no batch finished in between, after which the pool gives up. */
const MAX_CRASHES = 4;

interface Task {
  id: number;
  jobs: Job[];
  resolve: (r: JobResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Batches sent to this worker, oldest (the one being analyzed) first. */
  tasks: Task[];
  timer: NodeJS.Timeout | null;
}

export interface PoolOptions {
  /** Worker script (default worker.ts); tests substitute one that crashes or hangs on purpose. */
  workerUrl?: URL;
  batchBaseMs?: number;
  perJobMs?: number;
  /** Publication date for inputs that give none (AnalyzeOptions.published), passed to every worker. */
  published?: string | null;
  /**
   * The store's knowledge-base rows (learned and user): each worker builds
   * its KB from the seed plus these, once, and learns from what it analyzes
   * (job.ts). Absent: the default seed KB, nothing learned.
   */
  kbRows?: KbRow[];
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private crashes = 0;
  private closed = false;
  private broken: Error | null = null;

  private readonly budget: (t: Task) => number;
  private readonly workerUrl: URL;
  private readonly published: string | null;
  private readonly kbRows: KbRow[] | null;

  constructor(
    readonly size: number,
    /** Pipeline stages the workers skip. */
    private readonly disable: string[] = [],
    opts: PoolOptions = {},
  ) {
    const base = opts.batchBaseMs ?? BATCH_BASE_MS;
    const perJob = opts.perJobMs ?? PER_JOB_MS;
    this.budget = (t) => base + perJob * t.jobs.length;
    this.workerUrl = opts.workerUrl ?? new URL("./worker.js", import.meta.url);
    this.published = opts.published ?? null;
    this.kbRows = opts.kbRows ?? null;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl, {
      workerData: { disable: this.disable, published: this.published, kbRows: this.kbRows },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const slot: Slot = { worker, tasks: [], timer: null };
    worker.on("message", (msg: { batch: number; results: JobResult[] }) => {
      const task = slot.tasks[0];
      if (!task || task.id !== msg.batch) return;
      slot.tasks.shift();
      this.crashes = 0;
      this.arm(slot);
      task.resolve(msg.results);
      this.pump();
    });
    worker.on("error", (err) => this.died(slot, err.message));
    worker.on("exit", (code) => {
      if (!this.closed) this.died(slot, `worker exited with code ${code}`);
    });
    return slot;
  }

  /** (Re)start the watchdog for the batch the worker is on now. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const head = slot.tasks[0];
    if (!head) return;
    const ms = this.budget(head);
    slot.timer = setTimeout(() => this.died(slot, `no result within ${Math.round(ms / 100) / 10} s (analysis hung)`), ms);
  }

  /** A worker died or hung: replace it, and re-run or fail its batches. */
  private died(slot: Slot, reason: string): void {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // already replaced ("error" and "exit" both fire)
    const [guilty, ...innocent] = slot.tasks;
    slot.tasks = [];
    this.arm(slot);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.crashes++;
    if (this.crashes > MAX_CRASHES * this.size) {
      this.slots.splice(i, 1);
      this.broken = new Error(`analysis workers keep failing (${reason})`);
      const all = [...(guilty ? [guilty] : []), ...innocent, ...this.queue.splice(0), ...this.slots.flatMap((s) => s.tasks)];
      for (const t of all) t.reject(this.broken);
      void this.close();
      return;
    }
    this.slots[i] = this.spawn();
    // Batches that were only waiting go back to the front of the queue, in order.
    this.queue.unshift(...innocent);
    if (guilty) {
      if (guilty.jobs.length === 1) {
        const job = guilty.jobs[0];
        const why = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(reason)
          ? "document too large to analyze (out of memory)"
          : `analysis failed: ${reason}`;
        guilty.resolve([{ ok: false, where: job.where, reason: why }]);
      } else {
        // Find the guilty job: run each alone.
        Promise.all(guilty.jobs.map((j) => this.run([j]))).then((rs) => guilty.resolve(rs.flat()), guilty.reject);
      }
    }
    this.pump();
  }

  /** Hand queued batches to the least busy workers. */
  private pump(): void {
    while (this.queue.length > 0) {
      let best: Slot | null = null;
      for (const s of this.slots) if (s.tasks.length < PER_WORKER && (best === null || s.tasks.length < best.tasks.length)) best = s;
      if (best === null) return;
      const task = this.queue.shift() as Task;
      best.tasks.push(task);
      if (best.tasks.length === 1) this.arm(best);
      best.worker.postMessage({ batch: task.id, jobs: task.jobs });
    }
  }

  /** Analyze a batch; resolves with one result per job, in order. */
  run(jobs: Job[]): Promise<JobResult[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error("analysis pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, jobs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.slots.map((s) => {
        if (s.timer) clearTimeout(s.timer);
        return s.worker.terminate();
      }),
    );
  }
}
