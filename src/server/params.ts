/**
 * Query-string parameters, checked. Every route reads its parameters through
 * these helpers, so a bad value always gets the same kind of 400 answer
 * naming the parameter ("from: \"2020-13-01\" is not a real calendar date"),
 * and a handler never sees an unchecked string where it expects a number or
 * a day.
 */
import { parseDateOption } from "../cli/options.js";
import { InputError } from "../errors.js";
import { badRequest } from "./errors.js";

export type Query = Record<string, unknown>;

/** Longest free-text parameter value (names, outlets, ids) accepted. */
const MAX_PARAM_CHARS = 500;

/** A string parameter, trimmed; null when absent or empty. A repeated parameter is an error. */
export function str(q: Query, name: string, max = MAX_PARAM_CHARS): string | null {
  const v = q[name];
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) throw badRequest(`${name}: given more than once`);
  if (typeof v !== "string") throw badRequest(`${name}: expected text`);
  const t = v.trim();
  if (t.length > max) throw badRequest(`${name}: too long (at most ${max} characters)`);
  return t === "" ? null : t;
}

/** A whole-number parameter within [min, max], or `fallback` when absent. */
export function int(q: Query, name: string, min: number, max: number, fallback: number): number {
  const v = str(q, name);
  if (v === null) return fallback;
  if (!/^\d+$/.test(v)) throw badRequest(`${name}: "${v}" is not a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw badRequest(`${name}: must be from ${min} to ${max} (got ${v})`);
  return n;
}

/** A day parameter (YYYY-MM-DD, or a timestamp cut to its day). */
export function day(q: Query, name: string): string | null {
  const v = str(q, name);
  if (v === null) return null;
  try {
    return parseDateOption(v, name).slice(0, 10);
  } catch (err) {
    if (err instanceof InputError) throw badRequest(err.message);
    throw err;
  }
}

/** `from` and `to`, checked to be in order. */
export function dayRange(q: Query): { from: string | null; to: string | null } {
  const from = day(q, "from");
  const to = day(q, "to");
  if (from && to && from > to) throw badRequest(`from: ${from} is after to ${to}`);
  return { from, to };
}

/** One of a fixed set of words, or `fallback` when absent. */
export function oneOf<T extends string>(q: Query, name: string, values: readonly T[], fallback: T): T {
  const v = str(q, name);
  if (v === null) return fallback;
  if (!(values as readonly string[]).includes(v)) throw badRequest(`${name}: "${v}" is not one of ${values.join(", ")}`);
  return v as T;
}

/** A boolean flag parameter: 1/true/yes or 0/false/no. */
export function flag(q: Query, name: string, fallback = false): boolean {
  const v = str(q, name);
  if (v === null) return fallback;
  if (/^(1|true|yes)$/i.test(v)) return true;
  if (/^(0|false|no)$/i.test(v)) return false;
  throw badRequest(`${name}: "${v}" is not true or false`);
}
