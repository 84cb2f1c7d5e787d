/**
 * Full-analysis benchmark: the default pipeline's `analyze` (every stage) on
 * one core over real news, ../shared/data/news/skynews.jsonl (or
 * $MARSAD_DATA).
 *
 *   node dist/bench/analyze.js [--limit N] [--all] [--quick] [--json]
 *
 * The records are read and turned into inputs first (not timed); the first
 * article is analyzed once untimed, which loads the models (its time is
 * printed as "model loading"); then every article is analyzed:
 *
 *   cold     analyze() as a caller runs it, first time over these articles
 *            (per-word caches filling: the start of a process's life)
 *   warm     the same again (caches warm: a long-running process's steady
 *            state): articles/s, tokens/s (all tokens: words, numbers,
 *            punctuation), ms per article p50/p95 — the headline
 *   stages   the same articles with each stage's run() wrapped in a timer
 *            from the outside (src/pipeline.ts is untouched): each stage's
 *            share of the time; "structure" is what analyze() spends
 *            outside the stages (parsing the input)
 *
 * Peak RSS is the process's maximum resident set size. Target (issue 6):
 * ≥ 200 articles/s.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { recordToInput } from "../src/article/index.js";
import type { RawInput } from "../src/article/input.js";
import { dataFile } from "../src/paths.js";
import { analyze, STAGES } from "../src/pipeline.js";

const TARGET_ARTICLES_PER_SEC = 200;
const DEFAULT_ARTICLES = 2000;
const QUICK_ARTICLES = 300;

async function readInputs(path: string, limit: number): Promise<RawInput[]> {
  const out: RawInput[] = [];
  const rl = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (out.length >= limit) break;
    if (!text.trim()) continue;
    try {
      out.push(recordToInput(JSON.parse(text), `${path}:${line}`));
    } catch {
      // a damaged record is skipped: this is a benchmark, not a validator
    }
  }
  rl.close();
  return out;
}

const ms = (ns: bigint) => Number(ns) / 1e6;

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Analyze each input; returns per-article milliseconds and the token count. Inputs analyze() refuses are counted. */
function pass(inputs: RawInput[]): { times: number[]; tokens: number; refused: number; seconds: number } {
  const times: number[] = [];
  let tokens = 0;
  let refused = 0;
  const start = process.hrtime.bigint();
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    try {
      tokens += analyze(input, { tokens: true }).tokens?.length ?? 0;
    } catch {
      refused++;
    }
    times.push(ms(process.hrtime.bigint() - t0));
  }
  return { times, tokens, refused, seconds: ms(process.hrtime.bigint() - start) / 1000 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { limit: { type: "string" }, all: { type: "boolean" }, quick: { type: "boolean" }, json: { type: "boolean" } },
  });
  const limit = values.all
    ? Number.POSITIVE_INFINITY
    : values.limit
      ? Number(values.limit)
      : values.quick
        ? QUICK_ARTICLES
        : DEFAULT_ARTICLES;
  if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 1))) {
    console.error("marsad bench analyze: --limit must be a positive integer");
    process.exit(2);
  }
  const path = dataFile("news", "skynews.jsonl");
  if (path === null) {
    console.log("bench analyze: skipped — news/skynews.jsonl not found (set MARSAD_DATA)");
    return;
  }
  const inputs = await readInputs(path, limit);
  if (inputs.length === 0) {
    console.log(`bench analyze: no usable records in ${path}`);
    return;
  }

  const l0 = process.hrtime.bigint();
  analyze(inputs[0]);
  const loadMs = ms(process.hrtime.bigint() - l0);

  // As a caller runs it: cold, then warm (the headline).
  const cold = pass(inputs);
  const p1 = pass(inputs);
  const sorted = [...p1.times].sort((a, b) => a - b);

  // Each stage timed from outside.
  const stageNs = new Map<string, bigint>(STAGES.map((s) => [s.name, 0n]));
  const originals = STAGES.map((s) => s.run);
  STAGES.forEach((s, i) => {
    const run = originals[i];
    s.run = (work) => {
      const t0 = process.hrtime.bigint();
      run.call(s, work);
      stageNs.set(s.name, (stageNs.get(s.name) ?? 0n) + (process.hrtime.bigint() - t0));
    };
  });
  const p2 = pass(inputs);
  STAGES.forEach((s, i) => {
    s.run = originals[i];
  });
  const totalMs = p2.seconds * 1000;
  const stagesMs = [...stageNs.values()].reduce((a, b) => a + ms(b), 0);
  const shares = [{ stage: "structure", ms: totalMs - stagesMs }, ...[...stageNs].map(([stage, ns]) => ({ stage, ms: ms(ns) }))].map(
    (r) => ({ ...r, share: (100 * r.ms) / totalMs, msPerArticle: r.ms / inputs.length }),
  );

  const result = {
    bench: "analyze",
    corpus: path,
    articles: inputs.length,
    refused: p1.refused,
    modelLoadingMs: loadMs,
    coldArticlesPerSecond: inputs.length / cold.seconds,
    articlesPerSecond: inputs.length / p1.seconds,
    tokensPerSecond: p1.tokens / p1.seconds,
    msPerArticle: {
      mean: (1000 * p1.seconds) / inputs.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      max: sorted[sorted.length - 1],
    },
    stages: shares,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    target: TARGET_ARTICLES_PER_SEC,
  };
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const met = result.articlesPerSecond >= TARGET_ARTICLES_PER_SEC ? "(met)" : "(NOT met)";
  console.log(`corpus: ${path} (${inputs.length} articles, one core; ${p1.refused} refused)`);
  console.log(`model loading (first article): ${loadMs.toFixed(0)} ms`);
  console.log(
    `articles/s    ${result.articlesPerSecond.toFixed(1).padStart(10)}   warm (second pass)   target ≥ ${TARGET_ARTICLES_PER_SEC} ${met}`,
  );
  console.log(`articles/s    ${result.coldArticlesPerSecond.toFixed(1).padStart(10)}   cold (first pass: per-word caches filling)`);
  console.log(
    `tokens/s      ${Math.round(result.tokensPerSecond).toLocaleString("en-US").padStart(10)}   (${p1.tokens.toLocaleString("en-US")} tokens)`,
  );
  console.log(
    `ms/article    warm: mean ${result.msPerArticle.mean.toFixed(2)}, p50 ${result.msPerArticle.p50.toFixed(2)}, p95 ${result.msPerArticle.p95.toFixed(2)}, max ${result.msPerArticle.max.toFixed(1)}`,
  );
  console.log(`peak RSS      ${result.peakRssMB.toFixed(0)} MB`);
  console.log("stage shares (third pass, each stage timed from outside):");
  for (const s of shares)
    console.log(`  ${s.stage.padEnd(10)} ${s.share.toFixed(1).padStart(5)} %   ${s.msPerArticle.toFixed(3)} ms/article`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
