/**
 * Ingest throughput on SQLite with full analysis, on real news
 * (../shared/data/news/*.jsonl, or $MARSAD_DATA): the same engine as
 * `marsad ingest` (src/ingest), in this process, into a temporary database
 * that is deleted afterwards.
 *
 *   node dist/bench/ingest.js [--limit N] [--quick] [--workers W] [--disable STAGES] [--keep PATH] [--json]
 *
 * --limit N takes the first N records across skynews, alarabia, jawharafm
 * (default: all, about 30,000). Reported: articles/s (records read per second
 * of wall clock, analysis on all cores), peak RSS of the whole process
 * (worker threads included) from process.resourceUsage().maxRSS, database
 * size, and a second, idempotent run over the same input (everything
 * "unchanged", nothing analyzed).
 *
 * Targets (issue): ≥ 200 articles/s on a 2-core machine, peak RSS ≤ 1 GB.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ingest } from "../src/ingest/ingest.js";
import { dataFile } from "../src/paths.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

const FILES = ["skynews.jsonl", "alarabia.jsonl", "jawharafm.jsonl"];
const QUICK_LIMIT = 2000;
const TARGETS = { perSecond: 200, maxRssMb: 1024 };

async function firstLines(paths: string[], limit: number, out: string): Promise<number> {
  const lines: string[] = [];
  for (const p of paths) {
    const rl = createInterface({ input: createReadStream(p, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (lines.length >= limit) break;
      if (line.trim()) lines.push(line);
    }
    rl.close();
    if (lines.length >= limit) break;
  }
  writeFileSync(out, `${lines.join("\n")}\n`);
  return lines.length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: "string" },
      quick: { type: "boolean", default: false },
      workers: { type: "string" },
      disable: { type: "string", default: "" },
      keep: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const sources = FILES.map((f) => dataFile("news", f)).filter((p): p is string => p !== null);
  if (sources.length === 0) {
    console.log("ingest: skipped (news/*.jsonl not found: set MARSAD_DATA)");
    return;
  }
  const limit = values.limit !== undefined ? Number(values.limit) : values.quick ? QUICK_LIMIT : Number.POSITIVE_INFINITY;
  const workers = values.workers !== undefined ? Number(values.workers) : availableParallelism();
  const disable = values.disable ? values.disable.split(",") : [];
  const dir = mkdtempSync(join(tmpdir(), "marsad-bench-ingest-"));
  try {
    let inputs = sources;
    let records: number | null = null;
    if (Number.isFinite(limit)) {
      const file = join(dir, "news.jsonl");
      records = await firstLines(sources, limit, file);
      inputs = [file];
    }
    const dbPath = values.keep ?? join(dir, "bench.db");
    const store = new SqliteStore(dbPath);
    const first = await ingest(store, inputs, { workers, disable });
    const second = await ingest(store, inputs, { workers, disable });
    await store.close();
    const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const dbMb = Math.round(statSync(dbPath).size / 1024 / 1024);
    const read = first.added + first.unchanged + first.failed;
    const result = {
      inputs: records === null ? sources : `${records} records from ${sources.map((s) => s.split("/").pop()).join(", ")}`,
      cores: availableParallelism(),
      workers,
      disable,
      first: {
        read,
        added: first.added,
        unchanged: first.unchanged,
        failed: first.failed,
        seconds: first.seconds,
        perSecond: first.perSecond,
      },
      rerun: { unchanged: second.unchanged, added: second.added, seconds: second.seconds, perSecond: second.perSecond },
      maxRssMb,
      dbMb,
      targets: TARGETS,
    };
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const met = (ok: boolean) => (ok ? "✓ met" : "✗ not met");
    console.log(
      `ingest on SQLite: ${read} articles (${result.inputs}), ${workers} analysis threads on ${result.cores} cores${disable.length ? `, stages off: ${disable.join(",")}` : ""}`,
    );
    console.log(`  added ${first.added}, unchanged ${first.unchanged}, failed ${first.failed} in ${first.seconds.toFixed(1)} s`);
    console.log(
      `  throughput     ${first.perSecond.toFixed(0).padStart(6)} articles/s   target ≥ ${TARGETS.perSecond}  ${met(first.perSecond >= TARGETS.perSecond)}`,
    );
    console.log(
      `  peak RSS       ${String(maxRssMb).padStart(6)} MB           target ≤ ${TARGETS.maxRssMb}  ${met(maxRssMb <= TARGETS.maxRssMb)}`,
    );
    console.log(`  database       ${String(dbMb).padStart(6)} MB`);
    console.log(
      `  re-run         ${second.perSecond.toFixed(0).padStart(6)} articles/s   (${second.unchanged} unchanged, ${second.added} added: idempotent)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
