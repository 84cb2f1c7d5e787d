/**
 * The knowledge base as rows: one format for the committed seed
 * (models/kb/seed.tsv), for files a user saves, reads and edits, and for the
 * storage layer (one SQL row each). A row says "this alias names this KB
 * entity", or, when the alias starts with "title:", "this entity held this
 * title" during [validFrom, validTo].
 *
 *   kbId       stable id: "<type>:<canonical name, spaces as _>" (per:فلاديمير_بوتين,
 *              loc:روسيا); a "#2" suffix tells namesakes apart. The canonical
 *              display name is read back from the id.
 *   alias      aliasKey of the name (normalizeKey form), or a namespaced key:
 *              "title:<titleId>:<ISO3 or org:<key>>" (held the title),
 *              "iso:<ISO3>" (a country's code), "role:<CAMEO code>" (actor
 *              dictionary role, dated).
 *   display    the alias as written (for titles: the title phrase).
 *   type       PER | ORG | LOC | MISC (of the entity).
 *   source     seed (actor dictionary), country (ISO names), curated
 *              (models/kb/curated.tsv), learned (from articles), user.
 *   validFrom, validTo   YYYY-MM-DD or empty (open).
 *   count      how many times the alias was seen (learned rows), else 1.
 *
 * A row's identity is (kbId, alias, source): the store keeps one row per key.
 * Learned rows with the same key are merged (mergeRows): counts summed, the
 * date range widened to cover both; any other source is replaced by the
 * newer row (a user's latest statement wins).
 */

import type { EntityType } from "../document.js";
import { InputError } from "../errors.js";
import { aliasKey } from "./keys.js";

export type KbSource = "seed" | "country" | "curated" | "learned" | "user";

export interface KbRow {
  kbId: string;
  alias: string;
  display: string;
  type: EntityType;
  source: KbSource;
  validFrom: string | null;
  validTo: string | null;
  count: number;
}

export const ROW_FIELDS = ["kbId", "alias", "display", "type", "source", "validFrom", "validTo", "count"] as const;
const TYPES = new Set<string>(["PER", "ORG", "LOC", "MISC"]);
const SOURCES = new Set<string>(["seed", "country", "curated", "learned", "user"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that names a real day (2020-02-30 and 2020-13-45 do not). */
function isCalendarDay(v: string): boolean {
  if (!DATE.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The namespace of an alias that is not a name ("title:…", "iso:…", "role:…"), or null for a name. */
export function namespaceOf(alias: string): "title" | "iso" | "role" | null {
  const m = /^(title|iso|role):/.exec(alias.trim());
  return m ? (m[1] as "title" | "iso" | "role") : null;
}

/** The alias as the KB matches and stores it: a name's aliasKey, or a namespaced key trimmed. */
export function canonicalAlias(alias: string): string {
  return namespaceOf(alias) ? alias.trim() : aliasKey(alias);
}

/** The identity of a row in storage: kbId, alias, source. */
export function rowKey(r: Pick<KbRow, "kbId" | "alias" | "source">): string {
  return `${r.kbId}\u0001${r.alias}\u0001${r.source}`;
}

/** The earlier (min) / later (max) of two optional dates; an open (null) side does not count. */
function minDate(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a < b ? a : b;
}
function maxDate(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

/**
 * One row per key (rowKey), aliases in canonical form, first-seen order.
 * Learned rows are merged (count summed, validFrom = min, validTo = max);
 * for other sources the later row replaces the earlier. Rows whose alias is
 * empty once normalized are dropped. The input is not modified.
 */
export function mergeRows(rows: Iterable<KbRow>): KbRow[] {
  const byKey = new Map<string, KbRow>();
  for (const row of rows) {
    const r = { ...row, alias: canonicalAlias(row.alias) };
    if (r.alias === "") continue;
    const k = rowKey(r);
    const prev = byKey.get(k);
    if (prev && r.source === "learned") {
      prev.count += r.count;
      prev.validFrom = minDate(prev.validFrom, r.validFrom);
      prev.validTo = maxDate(prev.validTo, r.validTo);
    } else if (prev) {
      Object.assign(prev, r);
    } else byKey.set(k, r);
  }
  return [...byKey.values()];
}

/** Checks one row; throws an InputError naming `where` when it is malformed. */
export function checkRow(r: Partial<Record<keyof KbRow, unknown>>, where: string): KbRow {
  const str = (k: keyof KbRow) => {
    const v = r[k];
    if (typeof v !== "string" || v.trim() === "") throw new InputError(where, `${k} must be a non-empty string`);
    return v.trim();
  };
  const date = (k: "validFrom" | "validTo") => {
    const v = r[k];
    if (v === null || v === undefined || v === "") return null;
    if (typeof v !== "string" || !isCalendarDay(v))
      throw new InputError(where, `${k} must be a real day as YYYY-MM-DD, or empty; got ${JSON.stringify(v)}`);
    return v;
  };
  const kbId = str("kbId");
  if (!/^[a-z]+:\S+$/.test(kbId)) throw new InputError(where, `kbId must look like "per:Name_Parts", got ${JSON.stringify(kbId)}`);
  const type = str("type");
  if (!TYPES.has(type)) throw new InputError(where, `type must be PER, ORG, LOC or MISC, got ${JSON.stringify(type)}`);
  const source = str("source");
  if (!SOURCES.has(source)) throw new InputError(where, `source must be one of ${[...SOURCES].join(", ")}, got ${JSON.stringify(source)}`);
  const count = r.count === undefined || r.count === "" ? 1 : Number(r.count);
  if (!Number.isFinite(count) || count < 0) throw new InputError(where, `count must be a number ≥ 0, got ${JSON.stringify(r.count)}`);
  const validFrom = date("validFrom");
  const validTo = date("validTo");
  if (validFrom && validTo && validTo < validFrom) throw new InputError(where, `validTo ${validTo} is before validFrom ${validFrom}`);
  return {
    kbId,
    alias: str("alias"),
    display: str("display"),
    type: type as EntityType,
    source: source as KbSource,
    validFrom,
    validTo,
    count,
  };
}

/** Tab-separated, one row a line, header first; tabs and newlines inside fields become spaces. */
export function rowsToTsv(rows: Iterable<KbRow>): string {
  const clean = (s: string | number | null) => (s === null ? "" : String(s).replace(/[\t\r\n]+/g, " "));
  const lines = [ROW_FIELDS.join("\t")];
  for (const r of rows) lines.push(ROW_FIELDS.map((f) => clean(r[f])).join("\t"));
  return `${lines.join("\n")}\n`;
}

/** A line of a TSV file that is not a valid row. */
export interface BadRow {
  /** 1-based line number. */
  line: number;
  reason: string;
}

/**
 * Parses a TSV written by rowsToTsv (or by hand), keeping going past bad
 * lines: the good rows, and each bad line with its number and reason. Lines
 * starting with # and blank lines are skipped. A wrong header is an
 * InputError (nothing else can be read).
 */
export function parseTsvRows(text: string, subject: string): { rows: KbRow[]; bad: BadRow[] } {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").replace(/^\ufeff/, "").split("\t");
  if (header.join(",") !== ROW_FIELDS.join(",")) {
    throw new InputError(subject, `first line must be the header ${ROW_FIELDS.join("<TAB>")}`);
  }
  const rows: KbRow[] = [];
  const bad: BadRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "" || line.startsWith("#")) continue;
    const f = line.split("\t");
    if (f.length !== ROW_FIELDS.length) {
      bad.push({ line: i + 1, reason: `expected ${ROW_FIELDS.length} tab-separated fields, found ${f.length}` });
      continue;
    }
    const rec: Record<string, string> = {};
    ROW_FIELDS.forEach((k, j) => {
      rec[k] = f[j];
    });
    try {
      rows.push(checkRow(rec, `${subject}:${i + 1}`));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad.push({ line: i + 1, reason: err.reason });
    }
  }
  return { rows, bad };
}

/** Parses a TSV written by rowsToTsv (or by hand); the first bad line is an InputError naming it. */
export function rowsFromTsv(text: string, subject: string): KbRow[] {
  const { rows, bad } = parseTsvRows(text, subject);
  if (bad.length > 0) throw new InputError(`${subject}:${bad[0].line}`, bad[0].reason);
  return rows;
}
