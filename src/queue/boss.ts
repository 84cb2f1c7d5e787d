/**
 * The ingest job queue: pg-boss (v10) in the same PostgreSQL database as
 * the corpus, so that the one URL every machine is given (`--db
 * postgres://…`) is all it needs — no broker to run. This file owns what
 * producers (enqueue.ts) and workers (worker.ts) must agree on: the queue's
 * name and retry policy, where pg-boss keeps its tables, and the shape of a
 * job's data.
 *
 * A queue job carries a batch of ingest Jobs (src/ingest/job.ts): raw JSONL
 * lines, or decoded article files and feed items, with the hash of each raw
 * input. Content travels inside the job, so a worker on another machine
 * never needs the producer's files.
 *
 * Where: pg-boss's own schema, `pgboss` for a corpus in the default schema,
 * `<schema>_queue` for a corpus in `?schema=<schema>`, so that corpora in
 * separate schemas also have separate queues.
 */
import PgBoss from "pg-boss";
import type { Job } from "../ingest/job.js";
import { APPLICATION_NAME, type PgTarget, parsePgUrl } from "../store/postgres/connection.js";
import { explain, isRetryable, pgCode } from "../store/postgres/errors.js";

/** The queue every producer sends to and every worker takes from. */
export const QUEUE = "marsad-ingest";
/** Version of IngestJobData; a worker refuses data of another version with a clear failure. */
export const JOB_DATA_VERSION = 1;

/**
 * Retry policy of the queue. A job fails (and is retried) only when storing
 * fails — the database was unreachable, the disk full — never for a bad
 * input, which is recorded as a failure and completes the job. A job whose
 * worker died (kill -9, machine lost) is active until EXPIRE_SECONDS, then
 * retried by another worker.
 */
export const QUEUE_POLICY = {
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  /** How long a queued job may wait for a worker before pg-boss archives it unprocessed. */
  retentionMinutes: 30 * 24 * 60,
} as const;

/** Inputs per queue job (as ingest's BATCH_SIZE: one store transaction each). */
export const JOB_BATCH = 32;
/** Most characters of content in one queue job: a larger batch is cut early. */
export const JOB_MAX_CHARS = 4 * 1024 * 1024;

/** What a queue job holds. */
export interface IngestJobData {
  v: typeof JOB_DATA_VERSION;
  jobs: Job[];
}

/** The data of a queue job, checked; a string saying what is wrong otherwise. */
export function checkJobData(data: unknown): IngestJobData | string {
  const d = data as Partial<IngestJobData> | null;
  if (!d || typeof d !== "object") return "job data is not an object";
  if (d.v !== JOB_DATA_VERSION)
    return `job data version ${JSON.stringify(d.v)} is not ${JOB_DATA_VERSION} (made by another marsad version?)`;
  if (!Array.isArray(d.jobs)) return "job data has no jobs array";
  for (const j of d.jobs) {
    const p = (j as Job | null)?.payload;
    const ok =
      j !== null &&
      typeof j === "object" &&
      typeof j.where === "string" &&
      typeof j.hash === "string" &&
      p !== null &&
      typeof p === "object" &&
      ((p.kind === "record" && typeof p.line === "string") ||
        (p.kind === "input" && typeof p.input === "object" && p.input !== null && typeof p.input.content === "string"));
    if (!ok) return "job data holds an entry that is not an ingest job (where, hash, payload)";
  }
  return d as IngestJobData;
}

/** pg-boss's schema for a corpus at `target`. */
export function queueSchema(target: PgTarget): string {
  return target.schema ? `${target.schema}_queue` : "pgboss";
}

export interface BossOptions {
  /** Run pg-boss maintenance (expire stuck jobs, archive old ones): workers yes, one-shot producers no. */
  supervise?: boolean;
  /** Connections of pg-boss's own pool. */
  poolSize?: number;
}

export interface OpenedBoss {
  boss: PgBoss;
  target: PgTarget;
}

/**
 * Start pg-boss on the database of `url` (installing or migrating its schema
 * when needed) and make sure the ingest queue exists. Errors while running
 * are passed to `onError` (pg-boss emits them; an unheard one would crash).
 */
export async function openBoss(url: string, opts: BossOptions = {}, onError: (err: Error) => void = () => {}): Promise<OpenedBoss> {
  const target = parsePgUrl(url);
  const user = decodeURIComponent(new URL(target.connectionString).username || process.env.PGUSER || "");
  const boss = new PgBoss({
    connectionString: target.connectionString,
    schema: queueSchema(target),
    application_name: `${APPLICATION_NAME}-queue`,
    max: opts.poolSize ?? 2,
    supervise: opts.supervise ?? false,
    schedule: false,
    migrate: true,
  });
  boss.on("error", onError);
  try {
    await boss.start();
    await ensureQueue(boss);
  } catch (err) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    throw explain(err, { location: target.location, server: target.server, user });
  }
  return { boss, target };
}

/** Attempts at creating the queue when other processes create it at the same moment. */
const CREATE_ATTEMPTS = 6;

/**
 * Create the ingest queue unless it exists. Workers starting together race
 * to create it, and pg-boss's create_queue can deadlock against itself
 * (it also creates a partition table); the loser retries and finds it made.
 */
async function ensureQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(QUEUE)) return;
    try {
      await boss.createQueue(QUEUE, { name: QUEUE, policy: "standard", ...QUEUE_POLICY });
      return;
    } catch (err) {
      const code = pgCode(err);
      if (attempt >= CREATE_ATTEMPTS || !(isRetryable(err) || code === "23505" || code === "42P07")) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
    }
  }
}

export interface QueueCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  cancelled: number;
  failed: number;
}

/** Runs one SQL statement: pg-boss's executeSql, or a pg pool's query. */
export type Exec = (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

/** An Exec on pg-boss's own connections. */
export function bossExec(boss: PgBoss): Exec {
  return (sql, params) => boss.getDb().executeSql(sql, params);
}

/**
 * Jobs of the ingest queue by state (finished jobs stay counted until
 * pg-boss archives them). All zero when the queue was never created.
 */
export async function queueCounts(exec: Exec, target: PgTarget): Promise<QueueCounts> {
  const counts: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };
  const schema = queueSchema(target);
  const has = await exec("SELECT to_regclass($1) IS NOT NULL AS has", [`${schema}.job`]);
  if (!(has.rows[0] as { has: boolean }).has) return counts;
  const r = await exec(`SELECT state::text AS state, count(*)::int AS n FROM ${schema}.job WHERE name = $1 GROUP BY state`, [QUEUE]);
  for (const row of r.rows as Array<{ state: keyof QueueCounts; n: number }>) counts[row.state] = row.n;
  return counts;
}

/** Jobs still to do or being done: queued, waiting to retry, or active. */
export function pending(c: QueueCounts): number {
  return c.created + c.retry + c.active;
}
