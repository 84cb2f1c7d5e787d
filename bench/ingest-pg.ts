/**
 * Ingest throughput on PostgreSQL, on real news (../shared/data/news/
 * skynews.jsonl, or $MARSAD_DATA), each run in a fresh schema that is
 * dropped afterwards.
 *
 *   node dist/bench/ingest-pg.js [--db postgres://…] [--limit N] [--quick]
 *        [--procs P] [--disable STAGES] [--keep] [--json]
 *
 * The server comes from --db, else $MARSAD_TEST_PG (scripts/pg-test-server.sh);
 * without either the bench says so and exits 0.
 *
 * Rows:
 *   store put        pre-analyzed documents written with put(), 32 a batch:
 *                    the database's share alone (tsvector, rows, indexes);
 *                    docs = added (the source repeats a few articles), rate
 *                    = puts per second
 *   ingest direct    `marsad ingest --db postgres://…` in one process
 *                    (analysis on all cores, one writer)
 *   queue enqueue    `marsad ingest --queue`: reading + sending jobs
 *   queue workers    P `marsad worker --until-empty` processes (concurrency
 *                    1 each) draining that queue, wall clock from start to
 *                    the last exit (includes process start and model loads)
 */
import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ingest } from "../src/ingest/ingest.js";
import { analyzeJob, inputHash } from "../src/ingest/job.js";
import { dataFile, ROOT } from "../src/paths.js";
import { enqueueInputs } from "../src/queue/enqueue.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import type { PutItem } from "../src/store/types.js";

const DEFAULT_LIMIT = 3000;
const QUICK_LIMIT = 600;
const PUT_BATCH = 32;

interface Row {
  name: string;
  docs: number;
  seconds: number;
  perSecond: number;
  note?: string;
}

async function readLines(path: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (out.length >= limit) break;
    if (line.trim()) out.push(line);
  }
  rl.close();
  return out;
}

function runWorker(url: string, disable: string): Promise<number> {
  const bin = join(ROOT, "dist", "src", "cli", "bin.js");
  const args = [
    bin,
    "worker",
    "--db",
    url,
    "--concurrency",
    "1",
    "--until-empty",
    "--poll",
    "0.2",
    "--quiet",
    ...(disable ? ["--disable", disable] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      limit: { type: "string" },
      quick: { type: "boolean", default: false },
      procs: { type: "string" },
      disable: { type: "string", default: "" },
      keep: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const base = values.db ?? process.env.MARSAD_TEST_PG;
  if (!base) {
    console.log("ingest-pg: skipped (no server: pass --db postgres://… or set MARSAD_TEST_PG; see scripts/pg-test-server.sh)");
    return;
  }
  const source = dataFile("news", "skynews.jsonl");
  if (!source) {
    console.log("ingest-pg: skipped (news/skynews.jsonl not found: set MARSAD_DATA)");
    return;
  }
  const limit = Number(values.limit ?? (values.quick ? QUICK_LIMIT : DEFAULT_LIMIT));
  const procs = Number(values.procs ?? 2);
  const disable = values.disable ?? "";
  const stages = disable ? disable.split(",") : [];
  const lines = await readLines(source, limit);
  const dir = mkdtempSync(join(tmpdir(), "marsad-bench-pg-"));
  const file = join(dir, "news.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const rows: Row[] = [];
  const urls: string[] = [];
  const fresh = (tag: string) => {
    const u = withSchema(base, uniqueSchema(`bench_${tag}`));
    urls.push(u);
    return u;
  };
  try {
    // 1. put() alone, on documents analyzed beforehand.
    const items: PutItem[] = [];
    lines.forEach((line, i) => {
      const r = analyzeJob(
        { where: `${file}:${i + 1}`, hash: inputHash("jsonl", line), payload: { kind: "record", line } },
        { disable: stages },
      );
      if (r.ok) items.push({ doc: r.doc, inputHash: r.hash });
    });
    {
      const store = await PostgresStore.open(fresh("put"));
      const t0 = performance.now();
      let added = 0;
      for (let i = 0; i < items.length; i += PUT_BATCH) added += (await store.put(items.slice(i, i + PUT_BATCH))).added;
      const s = (performance.now() - t0) / 1000;
      rows.push({
        name: "store put",
        docs: added,
        seconds: s,
        perSecond: items.length / s,
        note: `${items.length} puts in batches of ${PUT_BATCH}`,
      });
      await store.close();
    }
    // 2. The ingest engine, one process, PostgreSQL store.
    {
      const store = await PostgresStore.open(fresh("direct"));
      const t0 = performance.now();
      const r = await ingest(store, [file], { disable: stages });
      const s = (performance.now() - t0) / 1000;
      rows.push({ name: "ingest direct", docs: r.added, seconds: s, perSecond: r.added / s, note: `${r.workers} analysis threads` });
      await store.close();
    }
    // 3. Queue: enqueue, then P worker processes.
    {
      const url = fresh("queue");
      const q = await enqueueInputs(url, [file]);
      rows.push({ name: "queue enqueue", docs: q.inputs, seconds: q.seconds, perSecond: q.inputs / q.seconds, note: `${q.jobs} jobs` });
      const t0 = performance.now();
      const codes = await Promise.all(Array.from({ length: procs }, () => runWorker(url, disable)));
      const s = (performance.now() - t0) / 1000;
      const store = await PostgresStore.open(url, { create: false });
      const n = (await store.stats()).documents;
      await store.close();
      rows.push({
        name: "queue workers",
        docs: n,
        seconds: s,
        perSecond: n / s,
        note: `${procs} processes × concurrency 1${codes.some((c) => c !== 0) ? ` (exit codes ${codes.join(",")})` : ""}`,
      });
    }
  } finally {
    if (!values.keep) for (const u of urls) await dropCorpus(u).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  if (values.json) {
    console.log(JSON.stringify({ limit, cores: availableParallelism(), disable: stages, rows }, null, 2));
    return;
  }
  console.log(
    `ingest on PostgreSQL: ${lines.length} skynews articles, ${availableParallelism()} cores${stages.length ? `, stages off: ${stages.join(",")}` : ""}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(14)} ${String(r.docs).padStart(6)} docs in ${r.seconds.toFixed(2).padStart(6)} s = ${r.perSecond.toFixed(0).padStart(5)} docs/s${r.note ? `  (${r.note})` : ""}`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
