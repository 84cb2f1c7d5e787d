/**
 * Analysis for the API: POST /api/analyze and POST /api/ingest both turn raw
 * input into documents here. The work runs on analysis worker threads (the
 * ingest pool, src/ingest/pool.ts), so a long article never stalls searches
 * on the event loop; with `workers: 0` it runs in-process (tests).
 *
 * Two guards keep a flood of analyses from taking the server down: at most
 * `maxPending` analyses are queued or running (more get 503 busy at once),
 * and a caller waits at most `timeoutMs` (then 503 timeout; the pool itself
 * replaces a worker that hangs).
 */
import { recordToInput } from "../article/index.js";
import type { RawInput } from "../article/input.js";
import type { ArticleDocument } from "../document.js";
import { InputError } from "../errors.js";
import { analyzeJob, inputHash, type Job, type JobResult } from "../ingest/job.js";
import { AnalysisPool } from "../ingest/pool.js";
import { ApiError } from "./errors.js";

export class Analyzer {
  private readonly pool: AnalysisPool | null;
  private pending = 0;

  constructor(
    workers: number,
    private readonly timeoutMs: number,
    private readonly maxPending: number,
    /** Pipeline stages to skip (as `marsad ingest --disable`). */
    private readonly disable: string[] = [],
  ) {
    this.pool = workers > 0 ? new AnalysisPool(workers, disable) : null;
  }

  /** Analyze jobs; one result per job, in order. Throws 503 when busy or too slow. */
  async run(jobs: Job[]): Promise<JobResult[]> {
    if (this.pending + jobs.length > this.maxPending && this.pending > 0) {
      throw new ApiError(503, "busy", `the server is busy analyzing (${this.pending} documents in progress); retry in a few seconds`);
    }
    this.pending += jobs.length;
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = this.pool ? this.pool.run(jobs) : Promise.resolve(jobs.map((j) => analyzeJob(j, { disable: this.disable })));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ApiError(
                503,
                "timeout",
                `analysis took longer than ${Math.round(this.timeoutMs / 1000)} s; send a shorter text or fewer records`,
              ),
            ),
          this.timeoutMs,
        );
      });
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      this.pending -= jobs.length;
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
