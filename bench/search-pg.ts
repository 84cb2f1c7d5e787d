/**
 * Search latency on PostgreSQL, side by side with SQLite on the same
 * documents: real news (../shared/data/news/skynews.jsonl, or $MARSAD_DATA)
 * analyzed once, stored in both backends (PostgreSQL in a fresh schema,
 * dropped afterwards), then the same queries run through searchCorpus — the
 * path `marsad search` and the server take (parse, backend search with
 * text, snippets).
 *
 *   node dist/bench/search-pg.js [--db postgres://…] [--limit N] [--quick]
 *        [--queries Q] [--disable STAGES] [--json]
 *
 * The server comes from --db, else $MARSAD_TEST_PG; without either the
 * bench says so and exits 0.
 *
 * Queries are drawn (seeded, so runs compare) from the stored articles:
 * single words and word pairs from titles, two-word phrases from the body,
 * and a word with an exclusion. Reported: p50, p95 and mean milliseconds
 * per query, after one warm-up pass, for the default search (one hit per
 * story: near-duplicate copies folded, `marsad search` and the API) and
 * with every copy listed (--all-copies / collapse=false). "stories" is how
 * many stories the loaded articles make.
 */
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { analyzeJob, inputHash } from "../src/ingest/job.js";
import { dataFile } from "../src/paths.js";
import { searchCorpus } from "../src/search/search.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { PostgresStore } from "../src/store/postgres/store.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { PutItem, Store } from "../src/store/types.js";
import { isStopword } from "../src/text/analyzer.js";
import { tokenize } from "../src/text/tokenize.js";

const DEFAULT_LIMIT = 5000;
const QUICK_LIMIT = 1500;
const DEFAULT_QUERIES = 300;
const PUT_BATCH = 64;
const SEED = 20240601;

interface Latency {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

/** mulberry32: a small seeded PRNG, so that every run draws the same queries. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind === "word")
    .map((t) => text.slice(t.start, t.end))
    .filter((w) => w.length >= 3 && !isStopword(w));
}

function drawQueries(docs: Array<{ title: string; body: string }>, n: number): Array<{ kind: string; q: string }> {
  const rand = rng(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const out: Array<{ kind: string; q: string }> = [];
  let guard = 0;
  while (out.length < n && guard++ < n * 20) {
    const d = pick(docs);
    const tw = words(d.title);
    const bw = words(d.body);
    const kind = ["word", "word", "two words", "phrase", "exclusion"][out.length % 5];
    if (kind === "word" && tw.length > 0) out.push({ kind, q: pick(tw) });
    else if (kind === "two words" && tw.length > 1) out.push({ kind, q: `${pick(tw)} ${pick(tw)}` });
    else if (kind === "phrase" && bw.length > 2) {
      const i = Math.floor(rand() * (bw.length - 1));
      out.push({ kind, q: `"${bw[i]} ${bw[i + 1]}"` });
    } else if (kind === "exclusion" && tw.length > 0 && bw.length > 0) out.push({ kind, q: `${pick(tw)} -${pick(bw)}` });
  }
  return out;
}

function summarize(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length, n: s.length };
}

async function time(
  store: Store,
  queries: Array<{ kind: string; q: string }>,
  collapse: boolean,
): Promise<{ all: Latency; byKind: Record<string, Latency>; hits: number }> {
  for (const { q } of queries) await searchCorpus(store, q, { collapse }).catch(() => null); // warm-up
  const all: number[] = [];
  const byKind: Record<string, number[]> = {};
  let hits = 0;
  for (const { kind, q } of queries) {
    const t0 = performance.now();
    const r = await searchCorpus(store, q, { collapse }).catch(() => null);
    const ms = performance.now() - t0;
    if (r) hits += r.total;
    all.push(ms);
    byKind[kind] = [...(byKind[kind] ?? []), ms];
  }
  return { all: summarize(all), byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])), hits };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      limit: { type: "string" },
      quick: { type: "boolean", default: false },
      queries: { type: "string" },
      disable: { type: "string", default: "" },
      json: { type: "boolean", default: false },
    },
  });
  const base = values.db ?? process.env.MARSAD_TEST_PG;
  if (!base) {
    console.log("search-pg: skipped (no server: pass --db postgres://… or set MARSAD_TEST_PG; see scripts/pg-test-server.sh)");
    return;
  }
  const source = dataFile("news", "skynews.jsonl");
  if (!source) {
    console.log("search-pg: skipped (news/skynews.jsonl not found: set MARSAD_DATA)");
    return;
  }
  const limit = Number(values.limit ?? (values.quick ? QUICK_LIMIT : DEFAULT_LIMIT));
  const nq = Number(values.queries ?? DEFAULT_QUERIES);
  const stages = values.disable ? values.disable.split(",") : [];

  // Analyze once; both stores get the same IndexedDocuments.
  const items: PutItem[] = [];
  const texts: Array<{ title: string; body: string }> = [];
  const rl = createInterface({ input: createReadStream(source, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  const t0 = performance.now();
  let lineNo = 0;
  for await (const line of rl) {
    if (items.length >= limit) break;
    lineNo++;
    if (!line.trim()) continue;
    const r = analyzeJob(
      { where: `${source}:${lineNo}`, hash: inputHash("jsonl", line), payload: { kind: "record", line } },
      { disable: stages },
    );
    if (!r.ok) continue;
    items.push({ doc: r.doc, inputHash: r.hash });
    const doc = JSON.parse(r.doc.json) as { title: string; text: string };
    texts.push({ title: doc.title, body: doc.text.slice(doc.title.length) });
  }
  rl.close();
  const analyzeSeconds = (performance.now() - t0) / 1000;
  const queries = drawQueries(texts, nq);

  const url = withSchema(base, uniqueSchema("bench_search"));
  const dir = mkdtempSync(join(tmpdir(), "marsad-bench-search-"));
  const results: Record<string, Awaited<ReturnType<typeof time>> & { loadSeconds: number; stories: number }> = {};
  try {
    const pgStore = await PostgresStore.open(url);
    const lite = new SqliteStore(join(dir, "bench.db"));
    for (const [name, store] of [
      ["postgres", pgStore],
      ["sqlite", lite],
    ] as Array<[string, Store]>) {
      const l0 = performance.now();
      for (let i = 0; i < items.length; i += PUT_BATCH) await store.put(items.slice(i, i + PUT_BATCH));
      const loadSeconds = (performance.now() - l0) / 1000;
      if (store === pgStore) await pgStore.pool.query("ANALYZE");
      const stories = (await store.facets()).stories;
      results[name] = { ...(await time(store, queries, true)), loadSeconds, stories };
      results[`${name} all-copies`] = { ...(await time(store, queries, false)), loadSeconds, stories };
    }
    await pgStore.close();
    await lite.close();
  } finally {
    await dropCorpus(url).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }

  if (values.json) {
    console.log(
      JSON.stringify(
        { documents: items.length, queries: queries.length, cores: availableParallelism(), disable: stages, analyzeSeconds, results },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `search: ${items.length} skynews articles (analyzed in ${analyzeSeconds.toFixed(1)} s${stages.length ? `, stages off: ${stages.join(",")}` : ""}), ${queries.length} queries, limit 10 with snippets`,
  );
  const f = (x: number) => x.toFixed(2).padStart(7);
  for (const [name, r] of Object.entries(results)) {
    const load = name.includes("all-copies")
      ? "".padEnd(26)
      : `load ${r.loadSeconds.toFixed(1).padStart(5)} s, ${String(r.stories).padStart(5)} stories`;
    console.log(
      `  ${name.padEnd(20)} ${load}   p50 ${f(r.all.p50)} ms   p95 ${f(r.all.p95)} ms   mean ${f(r.all.mean)} ms   (total hits ${r.hits})`,
    );
    for (const [kind, l] of Object.entries(r.byKind))
      console.log(`      ${kind.padEnd(10)} p50 ${f(l.p50)} ms   p95 ${f(l.p95)} ms   (${l.n})`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
