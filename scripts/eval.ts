/**
 * `npm run eval`: the scoreboard. Runs every evaluation in src/eval/registry.ts
 * against the dev data in $MARSAD_DATA (../shared/data) and prints each
 * figure beside its target. Quick by default (the evaluations get
 * `--quick`, which bounds the slow ones); `npm run eval -- --full` runs
 * them in full, `--json` prints all results as JSON.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { formatResult } from "../src/cli/commands/eval.js";
import { EVALUATIONS } from "../src/eval/registry.js";
import type { EvalResult } from "../src/eval/types.js";
import { dataDir } from "../src/paths.js";

async function main(): Promise<number> {
  const full = process.argv.includes("--full");
  const json = process.argv.includes("--json");
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const results: EvalResult[] = [];
  let missed = 0;
  console.log(`Marsad scoreboard (${full ? "full" : "quick"}; data: ${dataDir()})\n`);
  for (const ev of EVALUATIONS) {
    if (only.length > 0 && !only.includes(ev.name)) continue;
    const gold = join(dataDir(), ev.defaultGold);
    if (!existsSync(gold)) {
      console.log(`${ev.name}: skipped — ${gold} not found (set MARSAD_DATA)\n`);
      continue;
    }
    const t0 = Date.now();
    try {
      const r = await ev.run({ gold, flags: full ? {} : { quick: true }, progress: () => {} });
      results.push(r);
      if (!json) console.log(`${formatResult(r)}\n  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      for (const f of r.figures) {
        if (f.target === undefined) continue;
        const met = f.higherIsBetter === false ? f.value <= f.target : f.value >= f.target;
        if (!met) missed++;
      }
    } catch (err) {
      console.log(`${ev.name}: failed — ${(err as Error).message}\n`);
      missed++;
    }
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  console.log(missed === 0 ? "All targets met." : `${missed} target(s) not met.`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
