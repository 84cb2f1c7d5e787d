/**
 * `marsad ingest --queue`: the command-line face of enqueue.ts, kept here so
 * that the ingest command needs one branch to offer it. Prints what was
 * queued, what the corpus already had, and every input that could not be
 * read; workers (`marsad worker`) do the rest.
 */
import { InputError } from "../errors.js";
import { isPostgresUrl } from "../store/postgres/connection.js";
import { type EnqueueOptions, enqueueInputs } from "./enqueue.js";

/** Failures listed in the human summary (all of them are in --json). */
const LIST_FAILURES = 30;

export interface EnqueueCliOptions extends Omit<EnqueueOptions, "onProgress"> {
  json?: boolean;
}

/** Queue `inputs` for the workers of the corpus at `url`; returns the exit code. */
export async function runEnqueue(url: string, inputs: string[], opts: EnqueueCliOptions = {}): Promise<number> {
  if (!isPostgresUrl(url)) {
    throw new InputError("--queue", "queued ingest needs a PostgreSQL corpus: give --db postgres://USER:PASS@HOST:PORT/DB");
  }
  if (inputs.length === 0)
    throw new InputError("ingest", "no inputs: give files, directories, .jsonl batches or feed URLs (see `marsad ingest --help`)");
  const s = await enqueueInputs(url, inputs, opts);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ db: url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1@"), queued: true, ...s }, null, 2)}\n`);
  } else {
    const lines = [
      `queued ${s.inputs} input${s.inputs === 1 ? "" : "s"} in ${s.jobs} job${s.jobs === 1 ? "" : "s"}` +
        `${s.known ? `, ${s.known} already stored` : ""}${s.failed ? `, ${s.failed} unreadable` : ""} (${s.seconds.toFixed(1)} s)`,
      "run `marsad worker --db <the same URL>` on one or more machines to analyze and store them (`marsad worker --status` to watch)",
    ];
    if (s.ignored) lines.push(`ignored ${s.ignored} file${s.ignored === 1 ? "" : "s"} of other kinds in directories`);
    if (s.failures.length) {
      lines.push("skipped:");
      for (const f of s.failures.slice(0, LIST_FAILURES)) lines.push(`  ${f.where}: ${f.reason}`);
      if (s.failures.length > LIST_FAILURES) lines.push(`  … and ${s.failures.length - LIST_FAILURES} more (use --json for all)`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return s.failed > 0 ? 1 : 0;
}
