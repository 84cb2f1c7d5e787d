/**
 * `npm run bench`: runs each benchmark in bench/ as its own process (so peak
 * memory figures are per benchmark) and prints their figures. Benchmarks read
 * ../shared/data (or $MARSAD_DATA) and say so when it is absent.
 *   npm run bench                 all, default sizes
 *   npm run bench -- text ner     only these
 *   npm run bench -- --quick      smaller inputs
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../src/paths.js";

const BENCHES = ["text", "ner", "analyze", "ingest", "search", "ingest-pg", "search-pg", "api"];

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));
const passthrough = args.filter((a) => a.startsWith("--"));
for (const name of BENCHES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const script = join(ROOT, "dist", "bench", `${name}.js`);
  if (!existsSync(script)) continue;
  console.log(`\n== bench ${name} ==`);
  const r = spawnSync(process.execPath, [script, ...passthrough], { stdio: "inherit" });
  if (r.status !== 0) console.log(`(bench ${name} exited with ${r.status ?? r.signal})`);
}
