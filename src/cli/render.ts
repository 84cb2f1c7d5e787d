/**
 * What the corpus commands (`marsad entity`, `quotes`, `events`, `related`)
 * share: opening the store for one command and closing it whatever happens,
 * option parsing for limits and dates, and plain-text formatting (bars, dim
 * meta lines) that reads well next to Arabic text: one item per line, no
 * ANSI unless stdout is a terminal.
 *
 * Every backend answers every corpus view (the Store interface), so nothing
 * here special-cases one: a store's failures arrive already explained as
 * one-line InputErrors (src/store/sqlite, src/store/postgres) and pass
 * through unchanged.
 */
import { InputError } from "../errors.js";
import { openStore } from "../store/open.js";
import type { EventItem, Store } from "../store/types.js";
import { parseDateOption } from "./options.js";

/** Widest bar in a timeline, in characters. */
export const BAR_WIDTH = 30;
const BAR = "█";
/** A period with some activity never draws an empty bar. */
const BAR_MIN = "▏";

const DIM = "\x1b[2m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

export interface Style {
  dim(s: string): string;
  bold(s: string): string;
}

/** ANSI only on a terminal, and never with NO_COLOR. */
export function style(): Style {
  const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  return {
    dim: (s) => (tty ? `${DIM}${s}${RESET}` : s),
    bold: (s) => (tty ? `${BOLD}${s}${RESET}` : s),
  };
}

/** A bar of `value` out of `max`, at most BAR_WIDTH wide. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (value <= 0 || max <= 0) return "";
  const n = Math.round((value / max) * width);
  return n === 0 ? BAR_MIN : BAR.repeat(n);
}

/** Rows of label · bar · note, labels and bars aligned. */
export function barTable(rows: Array<{ label: string; value: number; note: string }>): string[] {
  const max = Math.max(0, ...rows.map((r) => r.value));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  return rows.map((r) => `  ${r.label.padEnd(labelWidth)}  ${bar(r.value, max).padEnd(BAR_WIDTH)}  ${r.note}`);
}

export function intOption(v: string | undefined, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InputError(name, `"${v}" is not a whole number`);
  if (n > max) throw new InputError(name, `at most ${max}`);
  return n;
}

export function dayOption(v: string | undefined, name: string): string | null {
  return v === undefined ? null : parseDateOption(v, name).slice(0, 10);
}

export function byOption(v: string | undefined, allowed: readonly string[], fallback: string): string {
  if (v === undefined) return fallback;
  if (!allowed.includes(v)) throw new InputError("--by", `"${v}" is not one of ${allowed.join(", ")}`);
  return v;
}

export const day = (published: string | null): string => published?.slice(0, 10) ?? "undated";

/** "SUPPORT (negated): روسيا → الصين": an event's type, its modality when not a plain fact, and its sides. */
export function eventHead(e: Pick<EventItem, "type" | "negated" | "mode" | "source" | "target">): string {
  const who = `${e.source.map((x) => x.name).join("، ") || "?"} → ${e.target.map((x) => x.name).join("، ") || "?"}`;
  const how = e.negated ? " (negated)" : e.mode !== "asserted" ? ` (${e.mode})` : "";
  return `${e.type}${how}: ${who}`;
}

/**
 * Open the corpus (never creating it), run `f` on it, and close it, also
 * when `f` throws.
 */
export async function withCorpus<T>(db: string | undefined, f: (store: Store) => T | Promise<T>): Promise<T> {
  const store = await openStore(db, { create: false });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(lines: string[]): void {
  process.stdout.write(`${lines.join("\n")}\n`);
}
