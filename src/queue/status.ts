/**
 * What the ingest queue and its corpus look like right now (`marsad worker
 * --status`): jobs by state, jobs finished in the last minute (the
 * throughput of all workers together), documents stored, and the latest
 * recorded failures. Read-only, through the corpus's own connection: safe
 * to run while workers work, and it creates nothing (a corpus whose queue
 * was never used shows zero jobs).
 */
import { PostgresStore } from "../store/postgres/store.js";
import { type Exec, QUEUE, type QueueCounts, queueCounts, queueSchema } from "./boss.js";

export interface QueueStatus {
  location: string;
  queue: string;
  jobs: QueueCounts;
  /** Jobs completed in the last 60 seconds. */
  completedLastMinute: number;
  documents: number;
  /** Rows in ingest_failures. */
  failures: number;
  recentFailures: Array<{ place: string; reason: string; at: string }>;
}

export async function queueStatus(url: string, recent = 10): Promise<QueueStatus> {
  const store = await PostgresStore.open(url, { create: false, poolSize: 1 });
  try {
    const exec: Exec = (sql, params) => store.pool.query(sql, params);
    const jobs = await queueCounts(exec, store.target);
    let completedLastMinute = 0;
    if (jobs.completed > 0) {
      const r = await exec(
        `SELECT count(*)::int AS n FROM ${queueSchema(store.target)}.job WHERE name = $1 AND state = 'completed' AND completed_on > now() - interval '60 seconds'`,
        [QUEUE],
      );
      completedLastMinute = (r.rows[0] as { n: number }).n;
    }
    const stats = await store.stats();
    const f = await store.pool.query("SELECT count(*)::int AS n FROM ingest_failures");
    const latest = await store.pool.query(
      "SELECT place, reason, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at FROM ingest_failures ORDER BY ingest_failures.at DESC, place LIMIT $1",
      [recent],
    );
    return {
      location: store.location,
      queue: QUEUE,
      jobs,
      completedLastMinute,
      documents: stats.documents,
      failures: f.rows[0].n,
      recentFailures: latest.rows,
    };
  } catch (err) {
    throw store.explainError(err);
  } finally {
    await store.close();
  }
}
