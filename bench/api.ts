/**
 * `npm run bench -- api`: the HTTP API under load. Builds a corpus from
 * ../shared/data/news (the first N records of each outlet; examples/ when
 * the data is absent), starts `marsad serve` on 127.0.0.1 in its own
 * process, and drives it with autocannon for a bounded time per endpoint:
 *
 *   search   GET /api/search over a rotation of real queries and filters
 *   analyze  POST /api/analyze with real article texts
 *
 * Prints requests/s, p50/p95/p99 latency and any non-2xx answers, and
 * whether the search target (≥ 500 req/s, p95 ≤ 50 ms) is met. Traffic goes
 * to 127.0.0.1 only; every run stops by itself.
 *
 *   --quick          smaller corpus, 4 s per run
 *   --docs N         records per outlet (default 1000; quick 200)
 *   --seconds S      duration of each run (default 10)
 *   --search-only    build the corpus without the entity/quote/event stages (faster)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ingest } from "../src/ingest/ingest.js";
import { dataFile, EXAMPLES_DIR, ROOT } from "../src/paths.js";
import { stageNames } from "../src/pipeline.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

/** Search target of the issue, on this 2-core machine. */
const TARGET = { searchRps: 500, searchP95Ms: 50 };
/** Concurrent connections per run. */
const CONNECTIONS = { search: 10, analyze: 4 };

/** Queries of the kind people type: names, places, topics, phrases, exclusions; some with filters. */
const QUERIES = [
  "بوتين",
  "الصين",
  "النفط",
  '"وزير الخارجية"',
  "كورونا",
  "الاقتصاد العالمي",
  '"الأمم المتحدة"',
  "ترامب",
  "إيران الاتفاق النووي",
  "السعودية",
  "مصر",
  "لبنان الحكومة",
  "الانتخابات",
  "اللقاح",
  "أسعار الذهب",
  "كرة القدم",
  "البنك المركزي الفائدة",
  "تونس",
  "الإمارات",
  "النفط -أوبك",
  '"مجلس الأمن"',
  "الحرب اليمن",
  "الدولار",
  "السياحة",
];
const FILTERS = ["", "&outlet=skynews", "&from=2019-01-01", "&section=economy", "&from=2018-01-01&to=2019-12-31", "&limit=20"];

interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}

type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    requests: Array<{ method?: string; path: string; headers?: Record<string, string>; body?: string }>;
  },
  done: (err: Error | null, r: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function flag(name: string): boolean {
  return process.argv.includes(name);
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number`);
  return n;
}

/** The first `n` lines of a JSONL file. */
async function head(path: string, n: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.trim() === "") continue;
    lines.push(line);
    if (lines.length >= n) break;
  }
  rl.close();
  return lines;
}

async function corpusLines(perOutlet: number): Promise<{ lines: string[]; from: string }> {
  const dir = dataFile("news");
  if (dir) {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .sort();
    const lines: string[] = [];
    for (const f of files) lines.push(...(await head(join(dir, f), perOutlet)));
    return { lines, from: `${files.length} outlets in ${dir}` };
  }
  return {
    lines: await head(join(EXAMPLES_DIR, "articles.jsonl"), 1e9),
    from: "examples/articles.jsonl (../shared/data not found: set MARSAD_DATA for real figures)",
  };
}

/** CPU seconds a process has used (Linux /proc; null elsewhere). Clock ticks are 100 a second on Linux. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function percentiles(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : Number.NaN);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

function load(
  url: string,
  name: string,
  connections: number,
  seconds: number,
  requests: Parameters<Autocannon>[0]["requests"],
): Promise<{ r: AutocannonResult; lat: Latency; codes: Map<number, number> }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const codes = new Map<number, number>();
    const inst = autocannon({ url, connections, duration: seconds, requests }, (err, r) =>
      err ? reject(err) : resolve({ r, lat: percentiles(times), codes }),
    );
    inst.on("response", (_c, status, _b, ms) => {
      times.push(ms);
      codes.set(status, (codes.get(status) ?? 0) + 1);
    });
    process.stdout.write(`${name}: ${connections} connections for ${seconds} s…\n`);
  });
}

function report(name: string, x: { r: AutocannonResult; lat: Latency; codes: Map<number, number>; cpu: number | null }): void {
  const f = (n: number) => n.toFixed(1);
  const cpu =
    x.cpu !== null && x.r.requests.total > 0 ? `   server CPU ${((x.cpu * 1000) / x.r.requests.total).toFixed(2)} ms/request` : "";
  const bad = [...x.codes].filter(([c]) => c >= 300).map(([c, n]) => `${n}×${c}`);
  console.log(
    `  ${name.padEnd(8)} ${f(x.r.requests.average).padStart(8)} req/s   p50 ${f(x.lat.p50)} ms   p95 ${f(x.lat.p95)} ms   p99 ${f(x.lat.p99)} ms   (${x.r.requests.total} requests${bad.length ? `, non-2xx: ${bad.join(" ")}` : ""}${x.r.errors ? `, ${x.r.errors} errors` : ""})${cpu}`,
  );
}

/** Start `marsad serve` and resolve with its base URL once it is listening. */
function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(ROOT, "dist", "src", "cli", "bin.js");
  const child = spawn(
    process.execPath,
    [bin, "serve", "--db", db, "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0", "--workers", "1"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      err += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

async function main(): Promise<void> {
  const quick = flag("--quick");
  const seconds = option("--seconds", quick ? 4 : 10);
  const perOutlet = option("--docs", quick ? 200 : 1000);
  const dir = mkdtempSync(join(tmpdir(), "marsad-bench-api-"));
  let child: ChildProcess | null = null;
  try {
    const { lines, from } = await corpusLines(perOutlet);
    const jsonl = join(dir, "corpus.jsonl");
    writeFileSync(jsonl, `${lines.join("\n")}\n`);
    const db = join(dir, "corpus.db");
    const store = new SqliteStore(db);
    const disable = flag("--search-only") ? stageNames().filter((n) => !["structure", "sentences", "tokens"].includes(n)) : [];
    const t0 = performance.now();
    const summary = await ingest(store, [jsonl], { disable });
    const stats = await store.stats();
    await store.close();
    console.log(
      `corpus: ${stats.documents} documents from ${from} (ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s${summary.failed ? `, ${summary.failed} failed: ${summary.failures[0]?.reason}` : ""})`,
    );
    if (stats.documents === 0) throw new Error("no document could be ingested; nothing to benchmark");

    const server = await serve(db);
    child = server.child;
    const searches = QUERIES.flatMap((q, i) => [
      { path: `/api/search?q=${encodeURIComponent(q)}${FILTERS[i % FILTERS.length]}` },
      { path: `/api/search?q=${encodeURIComponent(q)}` },
    ]);
    // Warm up (statement caches, page cache) before measuring.
    for (const r of searches) await fetch(server.url + r.path).then((res) => res.arrayBuffer());
    const measured = async (name: string, connections: number, requests: Parameters<Autocannon>[0]["requests"]) => {
      const before = cpuSeconds(server.child.pid);
      const x = await load(server.url, name, connections, seconds, requests);
      const after = cpuSeconds(server.child.pid);
      // The server's CPU per request does not depend on what else the machine runs; req/s and latency do.
      return { ...x, cpu: before !== null && after !== null ? after - before : null };
    };
    const search = await measured("search", CONNECTIONS.search, searches);

    const bodies = lines.slice(0, 40).map((l) => {
      const r = JSON.parse(l) as { title?: string; text?: string; published?: string };
      return JSON.stringify({ text: `${r.title ?? ""}\n\n${r.text ?? ""}`, published: r.published?.slice(0, 10) ?? null });
    });
    const analyze = await measured(
      "analyze",
      CONNECTIONS.analyze,
      bodies.map((body) => ({ method: "POST", path: "/api/analyze", headers: { "content-type": "application/json" }, body })),
    );

    console.log(
      `\nHTTP API on 127.0.0.1 (${stats.documents} documents; server in its own process, 1 analysis worker; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores):`,
    );
    report("search", search);
    report("analyze", analyze);
    const ok = search.r.requests.average >= TARGET.searchRps && search.lat.p95 <= TARGET.searchP95Ms;
    console.log(`  search target (≥ ${TARGET.searchRps} req/s, p95 ≤ ${TARGET.searchP95Ms} ms): ${ok ? "met" : "NOT met"}`);
  } finally {
    child?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench api: ${(err as Error).message}`);
  process.exitCode = 1;
});
