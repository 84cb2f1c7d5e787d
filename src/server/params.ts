/**
 * Query-string parameters, checked. Every route reads its parameters through
 * these helpers, so a bad value always gets the same kind of 400 answer
 * naming the parameter ("from: \"2020-13-01\" is not a real calendar date"),
 * and a handler never sees an unchecked string where it expects a number or
 * a day. A malformed percent-escape anywhere in the query is refused before
 * any route runs (checkQueryEscapes, hooked in app.ts): the query parser
 * would otherwise pass "%E0%A4%A" through as literal text.
 *
 * Page sizes: `limit` is at most 100 on every list endpoint (PAGE in
 * routes-read.ts; documented in the OpenAPI document and docs/api.md), and
 * the 400 answer states the maximum. The command line (`marsad search
 * --limit`, up to 1000) reads a local database and is not bound by it.
 */
import { parseDateOption } from "../cli/options.js";
import { InputError } from "../errors.js";
import { ApiError, badRequest } from "./errors.js";

export type Query = Record<string, unknown>;

/** Longest free-text parameter value (names, outlets, ids) accepted. */
const MAX_PARAM_CHARS = 500;
/** Longest piece of a bad escape quoted back in an error message. */
const MAX_QUOTED_CHARS = 40;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const HEX2 = /^[0-9A-Fa-f]{2}$/;

/**
 * The first malformed percent-escape in `s`, as written ("%ZZ", "%E0%A4%A"),
 * or null: a "%" not followed by two hex digits, or a run of escapes whose
 * bytes are not UTF-8.
 */
export function badEscape(s: string): string | null {
  for (let i = s.indexOf("%"); i >= 0; i = s.indexOf("%", i)) {
    if (!HEX2.test(s.slice(i + 1, i + 3))) return s.slice(i, i + 3);
    const bytes: number[] = [];
    let j = i;
    while (s[j] === "%" && HEX2.test(s.slice(j + 1, j + 3))) {
      bytes.push(Number.parseInt(s.slice(j + 1, j + 3), 16));
      j += 3;
    }
    try {
      strictUtf8.decode(Uint8Array.from(bytes));
    } catch {
      // Quote the bytes and a bad "%" that cut them short, if any.
      const end = s[j] === "%" ? j + 3 : j;
      return s.slice(i, Math.min(end, i + MAX_QUOTED_CHARS));
    }
    i = j;
  }
  return null;
}

/** Refuse a URL whose query string has a malformed percent-escape, naming the parameter. */
export function checkQueryEscapes(url: string): void {
  const q = url.indexOf("?");
  if (q < 0 || !url.includes("%", q)) return;
  for (const pair of url.slice(q + 1).split("&")) {
    const bad = badEscape(pair);
    if (bad === null) continue;
    const eq = pair.indexOf("=");
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = badEscape(rawName) === null ? decodeURIComponent(rawName.replace(/\+/g, " ")) : rawName;
    throw new ApiError(
      400,
      "bad_url",
      `${name.slice(0, MAX_QUOTED_CHARS)}: malformed percent-escape "${bad}" in the query string (encode text as UTF-8, and write "%" itself as %25)`,
    );
  }
}

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
