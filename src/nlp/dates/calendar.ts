/**
 * Civil-calendar arithmetic for date resolution: days are counted as whole
 * UTC days since 1970-01-01, so adding, comparing and taking the weekday of
 * a date never meets time zones or daylight saving. Also turns the
 * document's `published` field into the publication day.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a civil date, or null when the date does not exist (31 April) or the year is outside 100–9999. */
export function dayNumber(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || year < 100 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Days in a month (the 0th day of the next month is the last of this one). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface Civil {
  year: number;
  month: number;
  day: number;
}

export function civil(n: number): Civil {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Weekday of a day number, Sunday = 0. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function isoDay(n: number): string {
  const c = civil(n);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

export function isoMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

export function isoYear(year: number): string {
  return pad(year, 4);
}

const PUBLISHED = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The publication day of a document: the calendar date written at the start
 * of `published` (an ISO date, or a timestamp whose date part is the
 * outlet's local day), or null when absent or not a real date.
 */
export function publishedDay(published: string | null | undefined): number | null {
  if (typeof published !== "string") return null;
  const m = PUBLISHED.exec(published.trim());
  if (!m) return null;
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * The day with weekday `wd` nearest to `anchor` in a direction:
 *   "onOrBefore"  anchor-6 … anchor
 *   "before"      anchor-7 … anchor-1
 *   "onOrAfter"   anchor … anchor+6
 *   "after"       anchor+1 … anchor+7
 *   "nearest"     anchor-3 … anchor+3
 */
export function weekdayNear(anchor: number, wd: number, dir: "onOrBefore" | "before" | "onOrAfter" | "after" | "nearest"): number {
  const back = (weekday(anchor) - wd + 7) % 7; // days back to reach wd, 0..6
  const fwd = (wd - weekday(anchor) + 7) % 7; // days forward, 0..6
  switch (dir) {
    case "onOrBefore":
      return anchor - back;
    case "before":
      return anchor - (back === 0 ? 7 : back);
    case "onOrAfter":
      return anchor + fwd;
    case "after":
      return anchor + (fwd === 0 ? 7 : fwd);
    case "nearest":
      return back <= 3 ? anchor - back : anchor + fwd;
  }
}
