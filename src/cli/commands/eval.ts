/**
 * `marsad eval <name>`: runs one evaluation from src/eval/registry.ts against
 * gold data and prints its figures beside their targets (or JSON).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { EVALUATIONS } from "../../eval/registry.js";
import type { EvalResult } from "../../eval/types.js";
import { dataDir } from "../../paths.js";
import type { Command } from "../command.js";
import { Progress } from "../progress.js";

function help(): string {
  const width = Math.max(8, ...EVALUATIONS.map((e) => e.name.length));
  return `marsad eval — measure quality against gold data

Usage: marsad eval <name> [--gold FILE] [--json] [evaluation flags]

Evaluations:
${EVALUATIONS.map((e) => `  ${e.name.padEnd(width)}  ${e.summary}\n  ${" ".repeat(width)}  default gold: $MARSAD_DATA/${e.defaultGold}${e.flagsHelp ? `\n${e.flagsHelp.replace(/^/gm, `  ${" ".repeat(width)}  `)}` : ""}`).join("\n")}

Options:
  --gold FILE   gold data to score against (default under $MARSAD_DATA, i.e. ../shared/data)
  --json        print the full result as JSON
  --limit N     score only the first N items (quick runs)

Examples:
  marsad eval seg --gold ../shared/data/seg/ud-pud-dev.conllu --json
  marsad eval ner`;
}

export function formatResult(r: EvalResult): string {
  const lines = [`${r.eval} on ${r.gold}`];
  const width = Math.max(...r.figures.map((f) => f.name.length));
  for (const f of r.figures) {
    let line = `  ${f.name.padEnd(width)}  ${f.value.toFixed(2).padStart(8)}`;
    if (f.target !== undefined) {
      const met = f.higherIsBetter === false ? f.value <= f.target : f.value >= f.target;
      line += `   target ${f.higherIsBetter === false ? "≤" : "≥"} ${f.target}  ${met ? "✓ met" : "✗ not met"}`;
    }
    lines.push(line);
  }
  return lines.join("\n");
}

export const evalCommand: Command = {
  name: "eval",
  summary: "measure quality against gold data (seg, analyzer, ner, …)",
  get help() {
    return help();
  },
  async run(argv) {
    const [name, ...rest] = argv;
    if (!name) {
      process.stdout.write(`${help()}\n`);
      return 2;
    }
    const ev = EVALUATIONS.find((e) => e.name === name);
    if (!ev) throw new InputError("eval", `unknown evaluation "${name}" (known: ${EVALUATIONS.map((e) => e.name).join(", ")})`);
    const { values } = parseArgs({
      args: rest,
      strict: false,
      options: {
        gold: { type: "string" },
        json: { type: "boolean", default: false },
        // Valued flags shared by evaluations, declared so "--limit 100" keeps its value.
        limit: { type: "string" },
        db: { type: "string" },
        sample: { type: "string" },
        quick: { type: "boolean" },
      },
    });
    const gold = typeof values.gold === "string" ? values.gold : join(dataDir(), ev.defaultGold);
    if (!existsSync(gold)) {
      throw new InputError(
        gold,
        typeof values.gold === "string"
          ? "no such file"
          : "gold data not found (set MARSAD_DATA to the shared data directory, or pass --gold FILE)",
      );
    }
    const flags: Record<string, string | boolean | undefined> = {};
    for (const [k, v] of Object.entries(values)) if (k !== "gold" && k !== "json") flags[k] = v as string | boolean | undefined;
    const progress = new Progress(`eval ${name}`);
    const result = await ev.run({ gold, flags, progress: (done, total) => progress.update(done, total) });
    progress.finish();
    process.stdout.write(`${values.json ? JSON.stringify(result, null, 2) : formatResult(result)}\n`);
    return 0;
  },
};
