/**
 * Publication dates: the one parser for every date a source hands us — a
 * JSONL record's `published`, an HTML page's meta or JSON-LD date, a feed's
 * pubDate, and `--published` / `?published=` typed by a user. Everything
 * downstream takes the publication day from the first ten characters of
 * `published` (the store's `day` column, the dates stage's anchor), so the
 * one rule that matters is: the day we write is the day the source wrote.
 *
 * Policy (docs/article-structure.md, "Published"):
 *   - the calendar day is kept AS WRITTEN, never shifted to UTC or to the
 *     machine's time zone: "2020-07-08T01:00:00+03:00" stays on 8 July, and
 *     the RFC 2822 "Wed, 08 Jul 2020 01:00:00 +0300" becomes that same string;
 *     a zone is kept as an offset ("Z", "+03:00"), or left out when none is given;
 *   - output is ISO 8601: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS[.fff][zone]";
 *   - accepted: ISO 8601 (also "2017-01-22T185600" and a space for "T"),
 *     RFC 2822 and other English month-name dates ("8 July 2020", "July 8, 2020"),
 *     "YYYY/MM/DD", and day-first "DD/MM/YYYY" (also with "-" or "."), each
 *     with an optional time; Arabic-Indic and Persian digits are read as digits;
 *   - day-first is assumed for DD/MM/YYYY because Arabic-language sites write
 *     dates that way (jawharafm: 3,238 of 5,333 such dates have a first field
 *     over 12, none a second field over 12). A value that is not a real date
 *     in that order ("06/25/2015") is refused, not re-read month-first;
 *   - anything else (or an impossible date) is null with a reason, never a guess.
 *
 * No local-time Date method is used anywhere here, so the result does not
 * depend on the TZ of the machine (test/article-published.test.ts runs it
 * under two time zones).
 */
import { digitValue } from "../text/chars.js";
import { cleanDisplayText } from "../text/normalize.js";

/** Month names (English, as in RFC 2822 and English-language meta), lower case, by month number. */
export const MONTH_NAMES: ReadonlyArray<readonly [string, number]> = [
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
];

/** Named zones of RFC 2822 (and "UTC"), as offsets in minutes. Military one-letter zones are not trusted. */
export const ZONE_NAMES: ReadonlyArray<readonly [string, number]> = [
  ["z", 0],
  ["ut", 0],
  ["utc", 0],
  ["gmt", 0],
  ["est", -300],
  ["edt", -240],
  ["cst", -360],
  ["cdt", -300],
  ["mst", -420],
  ["mdt", -360],
  ["pst", -480],
  ["pdt", -420],
];

/** Years accepted (a four-digit year outside this is a typo or a CMS placeholder). */
export const YEAR_RANGE: readonly [number, number] = [1800, 2200];
/** Longest value looked at; longer strings are not a date. */
export const MAX_DATE_CHARS = 64;
/** Largest zone offset in minutes (UTC−12 … UTC+14). */
const MAX_OFFSET_MINUTES = 14 * 60;

const MONTHS = new Map(MONTH_NAMES);
const ZONES = new Map(ZONE_NAMES);
const WEEKDAY = "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s*";
const TIME = "(\\d{1,2}):?(\\d{2})(?::?(\\d{2})(\\.\\d{1,9})?)?(?:\\s*([ap])\\.?m\\b\\.?)?";
const ZONE = "\\s*(z|[+-]\\d{2}(?::?\\d{2})?|[a-z]{1,4})?";

/** The shapes, tried in order (the input is lower-cased, with ASCII digits). */
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:t|\\s+)${TIME}${ZONE})?$`);
const YEAR_FIRST = new RegExp(`^(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})(?:(?:t|\\s+|\\s*-\\s*)${TIME}${ZONE})?$`);
const DAY_FIRST = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})(?:(?:\\s+|\\s*-\\s*)${TIME}${ZONE})?$`);
const DAY_MONTH_NAME = new RegExp(`^(?:${WEEKDAY})?(\\d{1,2})[\\s-]+([a-z]+)\\.?[\\s-]+(\\d{4})(?:,?\\s+${TIME}${ZONE})?$`);
const MONTH_NAME_DAY = new RegExp(`^(?:${WEEKDAY})?([a-z]+)\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})(?:,?\\s+(?:at\\s+)?${TIME}${ZONE})?$`);

export type DateFormat = "iso" | "year-first" | "day-first" | "month-name";

/** Why a date was refused: not a form we read, or a form we read holding an impossible value. */
export type DateProblem = "unreadable" | "calendar" | "year" | "time" | "zone";

export type PublishedParse =
  | { ok: true; value: string; format: DateFormat }
  | { ok: false; value: null; reason: string; problem: DateProblem; format: DateFormat | null };

interface Parts {
  y: string;
  mo: number;
  d: string;
  time: Array<string | undefined> | null; // [h, m, s?, frac?, a|p?, zone?]
}

function pad2(n: number | string): string {
  return String(n).padStart(2, "0");
}

/** Arabic punctuation written in dates, as the ASCII the shapes expect: ، ARABIC COMMA, ٫ ARABIC DECIMAL SEPARATOR. */
const ARABIC_PUNCTUATION = new Map([
  ["\u060c", ","],
  ["\u066b", "."],
]);

/** ASCII digits for Arabic-Indic and Persian ones, ASCII for Arabic date punctuation. */
function asciiDigits(s: string): string {
  let out = "";
  for (const ch of s) {
    const d = digitValue(ch.charCodeAt(0));
    out += d >= 0 ? String(d) : (ARABIC_PUNCTUATION.get(ch) ?? ch);
  }
  return out;
}

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** "+0300", "+03", "GMT", "EST" → "+03:00" / "Z"; null when not a zone we know; undefined when absent. */
function zoneOf(z: string | undefined): string | null | undefined {
  if (z === undefined || z === "") return undefined;
  const named = ZONES.get(z);
  let minutes: number;
  if (named !== undefined) {
    if (named === 0) return "Z";
    minutes = named;
  } else {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
    if (!m) return null;
    const mm = Number(m[3] ?? "0");
    if (mm > 59) return null;
    minutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + mm);
    if (Math.abs(minutes) > MAX_OFFSET_MINUTES) return null;
  }
  const a = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

function build(p: Parts, format: DateFormat, raw: string): PublishedParse {
  const y = Number(p.y);
  const d = Number(p.d);
  const fail = (reason: string, problem: DateProblem): PublishedParse => ({ ok: false, value: null, reason, problem, format });
  if (y < YEAR_RANGE[0] || y > YEAR_RANGE[1]) return fail(`"${raw}": year ${y} is out of range`, "year");
  if (!realDay(y, p.mo, d)) {
    return fail(
      format === "day-first"
        ? `"${raw}" is not a real calendar date (read day first, as DD/MM/YYYY)`
        : `"${raw}" is not a real calendar date`,
      "calendar",
    );
  }
  const day = `${p.y}-${pad2(p.mo)}-${pad2(d)}`;
  if (p.time === null) return { ok: true, value: day, format };
  const [hh, mi = "", s, frac, ampm, z] = p.time;
  let h = Number(hh);
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return fail(`"${raw}": the time is not a real time`, "time");
    h = (h % 12) + (ampm === "p" ? 12 : 0);
  }
  if (h > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return fail(`"${raw}": the time is not a real time`, "time");
  const zone = zoneOf(z);
  if (zone === null) return fail(`"${raw}": unknown time zone "${z}"`, "zone");
  return { ok: true, value: `${day}T${pad2(h)}:${mi}:${s ?? "00"}${frac ?? ""}${zone ?? ""}`, format };
}

/** The time captures of a match starting at `i` (h, m, s, frac, a|p, zone), or null when there is no time. */
function timeAt(m: RegExpExecArray, i: number): Array<string | undefined> | null {
  return m[i] === undefined ? null : m.slice(i, i + 6);
}

/**
 * Parse a publication date (see the header for the accepted forms and the
 * policy). `ok: false` carries a reason a person can act on.
 */
export function parsePublished(input: string): PublishedParse {
  const raw = cleanDisplayText(input).trim().replace(/\s+/g, " ");
  const unreadable = (reason: string): PublishedParse => ({ ok: false, value: null, reason, problem: "unreadable", format: null });
  if (raw === "") return unreadable("empty date");
  if (raw.length > MAX_DATE_CHARS) return unreadable(`"${raw.slice(0, 40)}…" is too long to be a date`);
  const s = asciiDigits(raw).toLowerCase();
  let m = ISO.exec(s);
  if (m) return build({ y: m[1], mo: Number(m[2]), d: m[3], time: timeAt(m, 4) }, "iso", raw);
  m = YEAR_FIRST.exec(s);
  if (m) return build({ y: m[1], mo: Number(m[2]), d: m[3], time: timeAt(m, 4) }, "year-first", raw);
  m = DAY_FIRST.exec(s);
  if (m) return build({ y: m[4], mo: Number(m[3]), d: m[1], time: timeAt(m, 5) }, "day-first", raw);
  m = DAY_MONTH_NAME.exec(s);
  if (m && MONTHS.has(m[2])) return build({ y: m[3], mo: MONTHS.get(m[2]) as number, d: m[1], time: timeAt(m, 4) }, "month-name", raw);
  m = MONTH_NAME_DAY.exec(s);
  if (m && MONTHS.has(m[1])) return build({ y: m[3], mo: MONTHS.get(m[1]) as number, d: m[2], time: timeAt(m, 4) }, "month-name", raw);
  return unreadable(`"${raw}" is not a date Marsad reads (ISO 8601, RFC 2822, YYYY/MM/DD or DD/MM/YYYY)`);
}

/** A date a source gives, and where it came from (named in warnings). */
export interface DateCandidate {
  value: string | null | undefined;
  /** "the page", "the record", … */
  from: string;
}

/**
 * The publication date from candidates in order of trust (for HTML, the
 * page's own date before the caller's): the first that parses. Each one that
 * is given but unreadable is reported through `warn` and skipped.
 */
export function choosePublished(candidates: readonly DateCandidate[], warn?: (message: string) => void): string | null {
  for (const c of candidates) {
    if (typeof c.value !== "string" || c.value.trim() === "") continue;
    const r = parsePublished(c.value);
    if (r.ok) return r.value;
    warn?.(`publication date from ${c.from} ignored: ${r.reason}`);
  }
  return null;
}
