/**
 * A pool of analysis worker threads (worker.ts), one per core by default.
 * Work goes out in batches (one message per batch of jobs, not per job:
 * structured cloning has a fixed cost per message) to whichever worker is
 * idle; a caller awaits the results of its batch.
 *
 * Isolation: a worker that crashes (out of memory on a monstrous record, a
 * bug) or exceeds the time budget of its batch is replaced, and its batch is
 * re-run one job at a time, so only the guilty job fails, with a reason. A
 * pool whose workers die without ever finishing a batch gives up with an
 * error instead of respawning forever.
 */
import { Worker } from "node:worker_threads";
import type { Job, JobResult } from "./job.js";

/** Time budget of a batch: fixed part plus a part per job (analysis takes ~10 ms per article). */
const BATCH_BASE_MS = 60_000;
const PER_JOB_MS = 10_000;
/** Heap ceiling of one worker: a record that needs more fails alone instead of taking the machine down. */
const WORKER_HEAP_MB = 768;
/** Consecutive worker deaths, with no batch finished in between, after which the pool gives up. */
const MAX_CRASHES = 4;

interface Task {
  id: number;
  jobs: Job[];
  resolve: (r: JobResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private crashes = 0;
  private closed = false;
  private broken: Error | null = null;

  constructor(
    readonly size: number,
    /** Pipeline stages the workers skip. */
    private readonly disable: string[] = [],
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(new URL("./worker.js", import.meta.url), {
      workerData: { disable: this.disable },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, task: null, timer: null };
    worker.on("message", (msg: { batch: number; results: JobResult[] }) => {
      const task = slot.task;
      if (!task || task.id !== msg.batch) return;
      this.crashes = 0;
      this.release(slot);
      task.resolve(msg.results);
      this.pump();
    });
    worker.on("error", (err) => this.died(slot, err.message));
    worker.on("exit", (code) => {
      if (!this.closed) this.died(slot, `worker exited with code ${code}`);
    });
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  /** A worker died or hung: replace it and re-run or fail its batch. */
  private died(slot: Slot, reason: string): void {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // already replaced (error and exit both fire)
    const task = slot.task;
    this.release(slot);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.crashes++;
    if (this.crashes > MAX_CRASHES * this.size) {
      this.slots.splice(i, 1);
      this.broken = new Error(`analysis workers keep failing (${reason})`);
      for (const t of [...(task ? [task] : []), ...this.queue.splice(0)]) t.reject(this.broken);
      for (const s of this.slots) if (s.task) s.task.reject(this.broken);
      void this.close();
      return;
    }
    this.slots[i] = this.spawn();
    if (task) {
      if (task.jobs.length === 1) {
        const job = task.jobs[0];
        const why = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(reason) ? "document too large to analyze (out of memory)" : `analysis failed: ${reason}`;
        task.resolve([{ ok: false, where: job.where, reason: why }]);
      } else {
        // Find the guilty job: run each alone.
        Promise.all(task.jobs.map((j) => this.run([j]))).then((rs) => task.resolve(rs.flat()), task.reject);
      }
    }
    this.pump();
  }

  private timedOut(slot: Slot): void {
    const task = slot.task;
    if (!task) return;
    this.died(slot, `no result within ${Math.round((BATCH_BASE_MS + PER_JOB_MS * task.jobs.length) / 1000)} s (analysis hung)`);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.task) continue;
      const task = this.queue.shift() as Task;
      slot.task = task;
      slot.timer = setTimeout(() => this.timedOut(slot), BATCH_BASE_MS + PER_JOB_MS * task.jobs.length);
      slot.worker.postMessage({ batch: task.id, jobs: task.jobs });
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
