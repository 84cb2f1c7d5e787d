/**
 * Search latency on SQLite: p50/p95 over sampled queries, through
 * searchCorpus — the path `marsad search` takes (parse, BM25 page with
 * filters, snippets re-analyzed over the display text) — and through the
 * store alone (no snippets), to show where the time goes.
 *
 *   node dist/bench/search.js [--db PATH] [--limit N] [--quick] [--queries Q] [--disable STAGES] [--json]
 *
 * Corpus: --db PATH (an existing database), else the first --limit records
 * of ../shared/data/news/skynews.jsonl (default 5000) ingested into a
 * temporary database. Queries are drawn with a fixed seed from the stored
 * articles: single title words, word pairs, two-word body phrases, a word
 * with an exclusion, and a word with a date filter. One warm-up pass first.
 *
 * Target (issue): p95 ≤ 20 ms.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ingest } from "../src/ingest/ingest.js";
import { dataFile } from "../src/paths.js";
import { parseQuery } from "../src/search/query.js";
import { clauses, searchCorpus } from "../src/search/search.js";
import { SqliteStore } from "../src/store/sqlite/store.js";
import type { SearchFilters } from "../src/store/types.js";
import { isStopword } from "../src/text/analyzer.js";
import { tokenize } from "../src/text/tokenize.js";

const DEFAULT_LIMIT = 5000;
const QUICK_LIMIT = 1500;
const DEFAULT_QUERIES = 300;
const SEED = 7;
const TARGET_P95_MS = 20;

interface Query {
  kind: string;
  q: string;
  filters: SearchFilters;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function words(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind === "word")
    .map((t) => text.slice(t.start, t.end))
    .filter((w) => w.length >= 3 && !isStopword(w));
}

function draw(docs: Array<{ title: string; body: string; day: string | null }>, n: number): Query[] {
  const rand = rng(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const kinds = ["word", "word", "two words", "phrase", "exclusion", "word + dates"];
  const out: Query[] = [];
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const d = pick(docs);
    const tw = words(d.title);
    const bw = words(d.body.slice(0, 2000));
    const kind = kinds[out.length % kinds.length];
    if (tw.length === 0 || bw.length < 3) continue;
    if (kind === "word") out.push({ kind, q: pick(tw), filters: {} });
    else if (kind === "two words" && tw.length > 1) out.push({ kind, q: `${pick(tw)} ${pick(tw)}`, filters: {} });
    else if (kind === "phrase") {
      const i = Math.floor(rand() * (bw.length - 1));
      out.push({ kind, q: `"${bw[i]} ${bw[i + 1]}"`, filters: {} });
    } else if (kind === "exclusion") out.push({ kind, q: `${pick(tw)} -${pick(bw)}`, filters: {} });
    else if (kind === "word + dates" && d.day)
      out.push({ kind, q: pick(tw), filters: { from: `${d.day.slice(0, 7)}-01`, to: `${d.day.slice(0, 7)}-28` } });
  }
  return out;
}

function stats(ms: number[]): { p50: number; p95: number; mean: number; max: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { p50: r(at(0.5)), p95: r(at(0.95)), mean: r(s.reduce((a, b) => a + b, 0) / s.length), max: r(s[s.length - 1]), n: s.length };
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
  const nq = Number(values.queries ?? DEFAULT_QUERIES);
  let tmp: string | null = null;
  let store: SqliteStore;
  try {
    if (values.db) store = new SqliteStore(values.db, { create: false });
    else {
      const source = dataFile("news", "skynews.jsonl");
      if (!source) {
        console.log("search: skipped (news/skynews.jsonl not found: set MARSAD_DATA, or pass --db)");
        return;
      }
      const limit = Number(values.limit ?? (values.quick ? QUICK_LIMIT : DEFAULT_LIMIT));
      tmp = mkdtempSync(join(tmpdir(), "marsad-bench-search-"));
      const lines: string[] = [];
      const rl = createInterface({ input: createReadStream(source, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of rl) {
        if (lines.length >= limit) break;
        if (line.trim()) lines.push(line);
      }
      rl.close();
      writeFileSync(join(tmp, "news.jsonl"), `${lines.join("\n")}\n`);
      store = new SqliteStore(join(tmp, "bench.db"));
      await ingest(store, [join(tmp, "news.jsonl")], { disable: values.disable ? values.disable.split(",") : [] });
    }
    const docs: Array<{ title: string; body: string; day: string | null }> = [];
    for await (const d of store.documents())
      docs.push({ title: d.title, body: d.text.slice(d.title.length), day: d.published?.slice(0, 10) ?? null });
    const queries = draw(docs, nq);

    for (const { q, filters } of queries) await searchCorpus(store, q, { filters }).catch(() => null); // warm-up
    const full: number[] = [];
    const bare: number[] = [];
    const byKind = new Map<string, number[]>();
    let totalHits = 0;
    let errors = 0;
    for (const { kind, q, filters } of queries) {
      const t0 = performance.now();
      const r = await searchCorpus(store, q, { filters }).catch(() => null);
      const ms = performance.now() - t0;
      if (r) totalHits += r.total;
      else errors++;
      full.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      let parsed: ReturnType<typeof clauses> | null = null;
      try {
        parsed = clauses(parseQuery(q));
      } catch {
        parsed = null;
      }
      if (parsed) {
        const t1 = performance.now();
        await store.search({ ...parsed, filters, limit: 10, offset: 0 });
        bare.push(performance.now() - t1);
      }
    }
    const result = {
      documents: docs.length,
      queries: queries.length,
      refused: errors,
      meanTotalHits: Math.round(totalHits / Math.max(1, queries.length)),
      searchCorpus: stats(full),
      storeOnly: stats(bare),
      byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, stats(v)])),
      targetP95Ms: TARGET_P95_MS,
    };
    await store.close();
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const p95 = result.searchCorpus.p95;
    console.log(`search on SQLite: ${result.documents} articles, ${result.queries} queries (mean ${result.meanTotalHits} matches each)`);
    console.log(
      `  with snippets  p50 ${result.searchCorpus.p50} ms  p95 ${p95} ms  mean ${result.searchCorpus.mean} ms  max ${result.searchCorpus.max} ms   target p95 ≤ ${TARGET_P95_MS}  ${p95 <= TARGET_P95_MS ? "✓ met" : "✗ not met"}`,
    );
    console.log(`  store only     p50 ${result.storeOnly.p50} ms  p95 ${result.storeOnly.p95} ms  mean ${result.storeOnly.mean} ms`);
    for (const [k, s] of Object.entries(result.byKind)) console.log(`  ${k.padEnd(14)} p50 ${s.p50} ms  p95 ${s.p95} ms  (n=${s.n})`);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
