/**
 * `marsad worker`: one distributed-ingest worker on a PostgreSQL corpus
 * (src/queue/worker.ts), or, with --status, a look at the queue. Log lines
 * (one per job, plus start and stop) go to stderr with a timestamp and the
 * worker's host:pid, so the logs of many machines can be merged.
 * SIGINT/SIGTERM stop it gracefully; a second signal stops it at once.
 */
import { availableParallelism, hostname } from "node:os";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { stageNames } from "../../pipeline.js";
import { QUEUE, QUEUE_POLICY } from "../../queue/boss.js";
import { queueStatus } from "../../queue/status.js";
import { DEFAULT_POLL_MS, DEFAULT_STOP_TIMEOUT_MS, IngestWorker } from "../../queue/worker.js";
import { storeLocation } from "../../store/open.js";
import { isPostgresUrl } from "../../store/postgres/connection.js";
import type { Command } from "../command.js";
import { parseStagesOption } from "../options.js";

const HELP = `marsad worker — analyze and store queued articles (distributed ingest on PostgreSQL)

Usage:
  marsad worker --db postgres://USER:PASS@HOST:PORT/DB [options]
  marsad worker --db postgres://… --status [--json]

Producers queue inputs with \`marsad ingest --db postgres://… --queue <inputs…>\`;
any number of workers, on any number of machines, take jobs from the queue
(${QUEUE}, kept by pg-boss in the same database) and store the articles.
Each article is stored once, however many workers or retries touch it.

Options:
  --db URL             the corpus database (default $MARSAD_DB); add ?schema=NAME
                       to keep the corpus and its queue in their own schema
  --concurrency N      jobs in flight and analysis threads (default ${availableParallelism()}, one per core)
  --disable STAGES     pipeline stages to skip, comma-separated (of: ${stageNames().slice(1).join(", ")});
                       give every worker of a corpus the same list
  --until-empty        stop by itself once nothing is queued, retrying or active
  --poll SECS          how often an idle worker looks for jobs (default ${DEFAULT_POLL_MS / 1000})
  --stop-timeout SECS  on SIGINT/SIGTERM, how long active jobs may finish
                       before they are handed back for retry (default ${DEFAULT_STOP_TIMEOUT_MS / 1000})
  --status             print the queue's jobs by state, recent throughput and
                       recorded failures, then exit
  --json               with --status: as JSON
  --quiet              no per-job lines (start, stop and errors only)
  -h, --help           this help

Knowledge base: a worker reads the corpus's learned and user KB rows when it
starts and learns from the articles it stores (docs/kb.md); what other workers
learn reaches it when it is restarted.

Failures: an input that cannot be analyzed is recorded in the ingest_failures
table (see --status) and the rest of its job is stored. A job that cannot be
stored (database down) is retried ${QUEUE_POLICY.retryLimit} times with backoff; a job whose worker
died is retried after ${QUEUE_POLICY.expireInSeconds / 60} minutes.

Examples:
  marsad ingest --db postgres://marsad:secret@db:5432/news --queue news/*.jsonl
  marsad worker --db postgres://marsad:secret@db:5432/news --concurrency 4
  marsad worker --db postgres://marsad:secret@db:5432/news --status

Exit status: 0 after a graceful stop; 1 on a connection or database error.`;

function seconds(v: string | undefined, name: string, fallbackMs: number): number {
  if (v === undefined) return fallbackMs;
  const n = Number(v);
  if (!(n > 0 && n <= 86_400)) throw new InputError(name, `"${v}" is not a number of seconds from 0 to 86400`);
  return Math.round(n * 1000);
}

function printStatus(s: Awaited<ReturnType<typeof queueStatus>>): string {
  const j = s.jobs;
  const lines = [
    `${s.location}: queue ${s.queue}`,
    `  jobs: ${j.created} queued, ${j.retry} waiting to retry, ${j.active} active, ${j.completed} completed, ${j.failed} failed${j.cancelled ? `, ${j.cancelled} cancelled` : ""}`,
    `  completed in the last minute: ${s.completedLastMinute}`,
    `  documents stored: ${s.documents}`,
    `  recorded failures: ${s.failures}`,
  ];
  for (const f of s.recentFailures) lines.push(`    ${f.at} ${f.place}: ${f.reason}`);
  return lines.join("\n");
}

export const workerCommand: Command = {
  name: "worker",
  summary: "run a distributed-ingest worker on a PostgreSQL corpus (or show the queue with --status)",
  help: HELP,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        db: { type: "string" },
        concurrency: { type: "string" },
        "until-empty": { type: "boolean", default: false },
        disable: { type: "string" },
        poll: { type: "string" },
        "stop-timeout": { type: "string" },
        status: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
      },
    });
    const url = storeLocation(values.db);
    if (!isPostgresUrl(url)) {
      throw new InputError("--db", "workers need a PostgreSQL corpus: give --db postgres://USER:PASS@HOST:PORT/DB (or set MARSAD_DB)");
    }
    if (values.status) {
      const s = await queueStatus(url);
      process.stdout.write(`${values.json ? JSON.stringify(s, null, 2) : printStatus(s)}\n`);
      return 0;
    }
    let concurrency = availableParallelism();
    if (values.concurrency !== undefined) {
      concurrency = Number(values.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
        throw new InputError("--concurrency", `"${values.concurrency}" is not a whole number from 1 to 256`);
      }
    }
    const disable = parseStagesOption(values.disable);
    const pollMs = seconds(values.poll, "--poll", DEFAULT_POLL_MS);
    const stopTimeoutMs = seconds(values["stop-timeout"], "--stop-timeout", DEFAULT_STOP_TIMEOUT_MS);
    const prefix = `marsad worker ${hostname()}:${process.pid}`;
    const quiet = values.quiet ?? false;
    const log = (line: string) => {
      if (quiet && line.startsWith("job ") && !line.includes(" failed (")) return;
      process.stderr.write(`${new Date().toISOString()} ${prefix}: ${line}\n`);
    };

    const worker = await IngestWorker.start(url, { concurrency, disable, untilEmpty: values["until-empty"], pollMs, stopTimeoutMs, log });
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        void worker.stop(sig);
        return;
      }
      log(`${sig} again: exiting now (active jobs are retried after they expire)`);
      process.exit(130);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      await worker.done;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 0;
  },
};
