/** Parsing of option values shared by several commands: dates, sizes and pipeline stages. */
import { InputError } from "../errors.js";
import { stageNames } from "../pipeline.js";

/** Accepts YYYY-MM-DD or a full ISO timestamp; returns it as given after checking it is a real date. */
export function parseDateOption(value: string, option: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) throw new InputError(option, `"${value}" is not a date (expected YYYY-MM-DD)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new InputError(option, `"${value}" is not a real calendar date`);
  }
  return value.trim();
}

/** "8M", "512K", "1000000" → bytes. */
export function parseSizeOption(value: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(value.trim());
  if (!m) throw new InputError(option, `"${value}" is not a size (e.g. 8M, 512K)`);
  const mult = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  const n = Math.floor(Number(m[1]) * mult);
  if (n <= 0) throw new InputError(option, "must be positive");
  return n;
}

/** "--disable quotes,topics" → stage names, checked against the pipeline's stages. */
export function parseStagesOption(value: string | undefined, option = "--disable"): string[] {
  if (value === undefined) return [];
  const known = stageNames().slice(1);
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!known.includes(n)) throw new InputError(option, `unknown stage "${n}" (stages: ${known.join(", ")}; structure cannot be skipped)`);
  }
  return names;
}
