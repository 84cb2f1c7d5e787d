/** Parsing of option values shared by several commands: dates, sizes and pipeline stages. */
import { parsePublished } from "../article/published.js";
import { InputError } from "../errors.js";
import { stageNames } from "../pipeline.js";

/**
 * A date typed by a user (--published, --from, ?published=): YYYY-MM-DD or an
 * ISO timestamp, checked to be a real date by the one date parser
 * (src/article/published.ts) and returned in its ISO form, the day as written.
 * Other forms a source may use (RFC 2822, DD/MM/YYYY) are not accepted here:
 * a user can type the unambiguous one.
 */
export function parseDateOption(value: string, option: string): string {
  const r = parsePublished(value);
  if (r.format !== "iso") throw new InputError(option, `"${value}" is not a date (expected YYYY-MM-DD)`);
  if (!r.ok) {
    throw new InputError(option, r.problem === "calendar" ? `"${value}" is not a real calendar date` : r.reason);
  }
  return r.value;
}

/** "8M", "512K", "1000000" → bytes; at least `min` bytes when given. */
export function parseSizeOption(value: string, option: string, min = 1): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(value.trim());
  if (!m) throw new InputError(option, `"${value}" is not a size (e.g. 8M, 512K)`);
  const mult = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  const n = Math.floor(Number(m[1]) * mult);
  if (n <= 0) throw new InputError(option, "must be positive");
  if (n < min) throw new InputError(option, `"${value}" is too small (at least ${min >= 1024 ? `${min / 1024}K` : `${min} bytes`})`);
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
