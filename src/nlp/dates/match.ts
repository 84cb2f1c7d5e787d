/**
 * The grammar of Arabic date expressions, over the tokens of a text. Each
 * rule starts at one token and either matches a whole expression or nothing:
 *
 *   numeric    12/3/2021, 2021-03-12, 12.3.2021        → YYYY-MM-DD
 *   dayMonth   12 مارس 2021, 12 آذار/مارس, الثاني عشر من مارس, 12 مارس الماضي
 *   relative   اليوم, أمس, البارحة, أول أمس, غدا, بعد غد  (+ an optional weekday)
 *   weekday    الثلاثاء, يوم الخميس الماضي, الخميس المقبل
 *   month      مارس 2021, مارس الماضي, شهر ماي, في أبريل → YYYY-MM
 *   period     العام الماضي, هذا العام, الشهر المقبل   → YYYY or YYYY-MM
 *   year       عام 2020, سنة 1990م, منذ 2011            → YYYY (null for Hijri years)
 *
 * A relative day or weekday followed by a calendar date (الأربعاء 12 مارس,
 * اليوم الخميس الموافق 9 يوليو) is one expression whose value is the
 * calendar date. Rules are tried in the order above at each token; the scan
 * then jumps past the match, so expressions never overlap.
 *
 * Values are ISO strings at the precision the text gives: a day
 * (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY); null when the
 * expression cannot be resolved (a relative one without a publication date,
 * 31 April, a Hijri year).
 */
import { normalizeKey, normalizeWithOffsets } from "../../text/normalize.js";
import { forEachToken, type TokenKind } from "../../text/tokenize.js";
import { civil, dayNumber, isoDay, isoMonth, isoYear, weekdayNear } from "./calendar.js";
import {
  AD_MARKS,
  BARE_YEAR_RANGE,
  CORRESPONDING,
  DAY_NOT_TODAY_AFTER,
  DAY_NOT_TODAY_BEFORE,
  DAY_WORD,
  DIRECTIONS,
  type Direction,
  FUTURE_CUE_WINDOW,
  FUTURE_CUES,
  HIJRI_MARKS,
  MONTH_BY_FIRST,
  MONTH_TRIGGERS,
  MONTH_WORD,
  NAME_BEFORE_DATE,
  NOT_WEEKDAY_AFTER,
  NOT_WEEKDAY_BEFORE,
  OF_WORD,
  ORDINAL_DAYS,
  PERIOD_WORDS,
  PROCLITICS,
  RELATIVE_DAYS,
  RELATIVE_PHRASES,
  THIS_WORD,
  WEEKDAYS,
  YEAR_RANGE,
  YEAR_TRIGGERS,
  YEAR_WORDS,
} from "./tables.js";

export type DateKind = "numeric" | "dayMonth" | "relative" | "weekday" | "month" | "period" | "year";

/** A date expression with what the grammar learned about it (for evaluation and debugging). */
export interface DateFound {
  start: number;
  end: number;
  kind: DateKind;
  value: string | null;
  /** Relative day offset (اليوم 0, أمس -1), when the expression has one. */
  offset?: number;
  /** Weekday named in the expression (Sunday = 0), when there is one. */
  weekday?: number;
}

interface Tok {
  start: number;
  end: number;
  kind: TokenKind;
  key: string;
}

/** A rule's match: tokens [first, next), with the display start (after stripped proclitics). */
interface Hit {
  next: number;
  start: number;
  kind: DateKind;
  value: string | null;
  offset?: number;
  weekday?: number;
}

/** First words of ordinal days, which also make اليوم "the day" (اليوم الأول). */
const ORDINAL_FIRST: ReadonlyMap<string, true> = new Map(
  [...ORDINAL_DAYS.map(([w]) => w[0]), normalizeKey("العاشر")].map((k) => [k, true]),
);
/** اليوم, and في before it ("per day", "on the day"). */
const TODAY = normalizeKey("اليوم");
const IN_WORD = normalizeKey("في");
/** The word "day" as a lookup table (يوم, ويوم). */
const DAY_WORDS: ReadonlyMap<string, true> = new Map([[DAY_WORD, true]]);
/** Every word a rule can begin with (the scan skips other tokens without trying the rules). */
const START_WORDS: ReadonlySet<string> = new Set([
  ...MONTH_BY_FIRST.keys(),
  ...WEEKDAYS.keys(),
  ...RELATIVE_DAYS.keys(),
  ...RELATIVE_PHRASES.map(([w]) => w[0]),
  ...ORDINAL_FIRST.keys(),
  DAY_WORD,
  ...THIS_WORD.keys(),
  ...PERIOD_WORDS.keys(),
  ...YEAR_WORDS.keys(),
]);
/** Punctuation allowed between a weekday and its calendar date. */
const DATE_JOINERS = new Set([",", "،", "("]);
const SENTENCE_END = new Set([".", "؟", "?", "!", "؛"]);

/** How much more a future distance weighs than a past one when a date has no year (see nearest). */
const FUTURE_WEIGHT = 2;

/** Shortest key taken for a nisba adjective (ال + three letters + ي). */
const NISBA_MIN_LENGTH = 6;

const DAY_DIGITS = /^\d{1,2}$/;
const YEAR_DIGITS = /^\d{4}$/;
const DMY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const YMD = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

export class DateScanner {
  private readonly toks: Tok[];
  private readonly variantCache: Array<string[] | undefined> = [];

  constructor(
    private readonly text: string,
    /** Publication day number (see calendar.ts), or null. */
    private readonly pub: number | null,
  ) {
    const toks: Tok[] = [];
    forEachToken(text, (start, end, kind) => {
      toks.push({ start, end, kind, key: kind === "punct" ? text[start] : normalizeKey(text.slice(start, end)) });
    });
    this.toks = toks;
  }

  scan(): DateFound[] {
    const out: DateFound[] = [];
    const rules = [this.numeric, this.dayMonth, this.relative, this.weekday, this.month, this.period, this.year];
    let i = 0;
    while (i < this.toks.length) {
      if (!this.mayStart(i)) {
        i++;
        continue;
      }
      let hit: Hit | null = null;
      for (const rule of rules) {
        hit = rule.call(this, i);
        if (hit) break;
      }
      if (!hit) {
        i++;
        continue;
      }
      const { next, start, kind, value, offset, weekday } = hit;
      const f: DateFound = { start, end: this.toks[next - 1].end, kind, value };
      if (offset !== undefined) f.offset = offset;
      if (weekday !== undefined) f.weekday = weekday;
      out.push(f);
      i = next;
    }
    return out;
  }

  // ---- token access -------------------------------------------------------

  private key(j: number): string {
    return j >= 0 && j < this.toks.length ? this.toks[j].key : "";
  }

  /** true when tokens j and j+1 touch (no space between: 2021-03-12). */
  private touching(j: number): boolean {
    return j + 1 < this.toks.length && this.toks[j].end === this.toks[j + 1].start;
  }

  /**
   * The keys token j may be looked up by: variant k is its key without its
   * first k letters, for up to two one-letter proclitics (وأمس, بالأمس,
   * والخميس). Computed once per token.
   */
  private variants(j: number): string[] {
    let v = this.variantCache[j];
    if (v) return v;
    const t = this.toks[j];
    v = [t.key];
    if (t.kind === "word") {
      for (let k = 1; k <= 2 && t.key.length - k >= 2 && PROCLITICS.has(t.key[k - 1]); k++) v.push(t.key.slice(k));
    }
    this.variantCache[j] = v;
    return v;
  }

  /** Display start of token j without its first k key letters. */
  private startOf(j: number, k: number): number {
    const t = this.toks[j];
    return k === 0 ? t.start : t.start + normalizeWithOffsets(this.text.slice(t.start, t.end)).offsets[k];
  }

  /** Look token j up in `table`, with or without proclitics. Returns the value and the display start. */
  private lookup<T>(table: ReadonlyMap<string, T>, j: number): { value: T; start: number } | null {
    if (j < 0 || j >= this.toks.length || this.toks[j].kind !== "word") return null;
    const v = this.variants(j);
    for (let k = 0; k < v.length; k++) {
      const value = table.get(v[k]);
      if (value !== undefined) return { value, start: this.startOf(j, k) };
    }
    return null;
  }

  /** Match a sequence of keys at j (the first may carry proclitics); returns the display start. */
  private phrase(words: readonly string[], j: number): number | null {
    if (j < 0 || j >= this.toks.length || this.toks[j].kind !== "word") return null;
    for (let k = 1; k < words.length; k++) if (this.key(j + k) !== words[k]) return null;
    const k = this.variants(j).indexOf(words[0]);
    return k < 0 ? null : this.startOf(j, k);
  }

  /** true when an expression may start at token j: a number, or a word some rule begins with. */
  private mayStart(j: number): boolean {
    const t = this.toks[j];
    if (t.kind === "number") return true;
    if (t.kind !== "word") return false;
    for (const k of this.variants(j)) if (START_WORDS.has(k)) return true;
    return false;
  }

  /** Month name at j ("مارس", "كانون الثاني", with "آذار/مارس" or "آذار (مارس)"). */
  private monthAt(j: number): { month: number; next: number; start: number; strict: boolean } | null {
    const one = (at: number, clitics: boolean) => {
      const entries = clitics
        ? this.lookup(MONTH_BY_FIRST, at)
        : MONTH_BY_FIRST.has(this.key(at))
          ? { value: MONTH_BY_FIRST.get(this.key(at))!, start: this.toks[at].start }
          : null;
      if (!entries) return null;
      for (const e of entries.value) {
        if (e.rest.every((w, k) => this.key(at + 1 + k) === w)) {
          return { month: e.month, next: at + 1 + e.rest.length, start: entries.start, strict: e.strict };
        }
      }
      return null;
    };
    const m = one(j, true);
    if (!m) return null;
    // A second name for the same month: آذار/مارس, آذار (مارس), مارس آذار.
    const sep = this.key(m.next);
    if (!DATE_JOINERS.has(sep) && sep !== "/") {
      const alt = one(m.next, false);
      if (alt && alt.month === m.month) return { ...m, next: alt.next, strict: m.strict && alt.strict };
    }
    if (sep === "/" || sep === "(") {
      const alt = one(m.next + 1, false);
      if (alt && alt.month === m.month) {
        let next = alt.next;
        if (sep === "(" && this.key(next) === ")") next++;
        return { ...m, next, strict: m.strict && alt.strict };
      }
    }
    return m;
  }

  /** A year at j: [من] [عام|العام|سنة] 2021 [م|هـ]. `year` is null for a Hijri year. */
  private yearAt(j: number, needMarker: boolean): { year: number | null; next: number } | null {
    let k = j;
    if (this.key(k) === OF_WORD) k++;
    const marked = YEAR_WORDS.has(this.key(k));
    if (marked) k++;
    else if (needMarker) return null;
    const t = this.toks[k];
    if (t?.kind !== "number" || !YEAR_DIGITS.test(t.key)) return null;
    let year: number | null = Number(t.key);
    if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return null;
    k++;
    if (AD_MARKS.has(this.key(k))) k++;
    else if (HIJRI_MARKS.has(this.key(k))) {
      year = null;
      k++;
    }
    return { year, next: k };
  }

  // ---- resolution -----------------------------------------------------------

  /** A day and month without a year, placed relative to publication. */
  private resolveDayMonth(month: number, day: number, dir: Direction | null): string | null {
    if (this.pub === null) return null;
    const y = civil(this.pub).year;
    const cands = [y - 1, y, y + 1].map((yy) => dayNumber(yy, month, day)).filter((n): n is number => n !== null);
    let best: number | undefined;
    if (dir === "past") best = cands.filter((n) => n <= this.pub!).pop();
    else if (dir === "future") best = cands.find((n) => n >= this.pub!);
    else if (dir === "current") best = dayNumber(y, month, day) ?? undefined;
    else best = nearest(cands, this.pub);
    return best === undefined ? null : isoDay(best);
  }

  /** A month without a year: "مارس الماضي" is the last March before the publication month. */
  private resolveMonth(month: number, dir: Direction | null): string | null {
    if (this.pub === null) return null;
    const p = civil(this.pub);
    const pm = p.year * 12 + p.month - 1;
    const cands = [p.year - 1, p.year, p.year + 1].map((yy) => yy * 12 + month - 1);
    let best: number | undefined;
    if (dir === "past") best = cands.filter((c) => c < pm).pop();
    else if (dir === "future") best = cands.find((c) => c > pm);
    else if (dir === "current") best = p.year * 12 + month - 1;
    else best = nearest(cands, pm);
    return best === undefined ? null : isoMonth(Math.floor(best / 12), (best % 12) + 1);
  }

  /** true when a future cue stands in the few tokens before j, within its sentence. */
  private futureBefore(j: number): boolean {
    for (let k = j - 1; k >= 0 && k >= j - FUTURE_CUE_WINDOW; k--) {
      if (SENTENCE_END.has(this.key(k)) || this.text.slice(this.toks[k].end, this.toks[k + 1].start).includes("\n")) return false;
      if (this.lookup(FUTURE_CUES, k)) return true;
    }
    return false;
  }

  /**
   * A calendar date right after a weekday or relative day (الأربعاء 12 مارس
   * 2021, اليوم الخميس، الموافق 9 يوليو, الأحد (3/5/2020)).
   */
  private calendarAfter(j: number): Hit | null {
    let k = j;
    let paren = false;
    if (DATE_JOINERS.has(this.key(k))) {
      paren = this.key(k) === "(";
      k++;
    }
    if (CORRESPONDING.has(this.key(k))) k++;
    const d = this.numeric(k) ?? this.dayMonth(k);
    if (!d) return null;
    if (paren && this.key(d.next) === ")") d.next++;
    return d;
  }

  /** Merge a following calendar date into a relative/weekday hit. */
  private withCalendar(h: Hit): Hit {
    const cal = this.calendarAfter(h.next);
    if (!cal) return h;
    return { ...h, next: cal.next, value: cal.value ?? h.value };
  }

  // ---- rules ----------------------------------------------------------------

  private numeric(i: number): Hit | null {
    const t = this.toks[i];
    if (t?.kind !== "number") return null;
    let y: number,
      m: number,
      d: number,
      next = i + 1;
    const dmy = DMY.exec(t.key);
    const ymd = dmy ? null : YMD.exec(t.key);
    if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    else {
      // 2021-03-12 or 12-03-2021: five touching tokens number - number - number.
      const parts = [0, 2, 4].map((k) => this.toks[i + k]);
      if (!parts.every((p) => p?.kind === "number") || this.key(i + 1) !== "-" || this.key(i + 3) !== "-") return null;
      if (![0, 1, 2, 3].every((k) => this.touching(i + k))) return null;
      const [a, b, c] = parts.map((p) => p.key);
      if (YEAR_DIGITS.test(a) && DAY_DIGITS.test(b) && DAY_DIGITS.test(c)) [y, m, d] = [Number(a), Number(b), Number(c)];
      else if (DAY_DIGITS.test(a) && DAY_DIGITS.test(b) && YEAR_DIGITS.test(c)) [d, m, y] = [Number(a), Number(b), Number(c)];
      else return null;
      next = i + 5;
    }
    if (y < YEAR_RANGE.min || y > YEAR_RANGE.max) return null;
    const n = dayNumber(y, m, d);
    // Not a real date (45/12/2020, 2020.13.01): not a date expression at all.
    if (n === null) return null;
    return { next, start: t.start, kind: "numeric", value: isoDay(n) };
  }

  private dayMonth(i: number): Hit | null {
    const t = this.toks[i];
    if (!t) return null;
    let day = 0;
    let j = i;
    let start = t.start;
    if (t.kind === "number") {
      if (!DAY_DIGITS.test(t.key)) return null;
      day = Number(t.key);
      j = i + 1;
    } else if (this.lookup(ORDINAL_FIRST, i)) {
      for (const [words, d] of ORDINAL_DAYS) {
        const s = this.phrase(words, i);
        if (s !== null) {
          day = d;
          start = s;
          j = i + words.length;
          break;
        }
      }
    }
    if (day < 1 || day > 31) return null;
    if (this.key(j) === OF_WORD) j++;
    const m = this.monthAt(j);
    if (!m || m.start !== this.toks[j].start) return null; // no proclitic on a month after its day
    j = m.next;
    const y = this.yearAt(j, false);
    let dir: Direction | null = null;
    if (y) j = y.next;
    else if (DIRECTIONS.has(this.key(j))) dir = DIRECTIONS.get(this.key(j++))!;
    if (!y && t.kind === "number" && this.lookup(NAME_BEFORE_DATE, i - 1)) return null; // قوى 14 آذار
    let value: string | null;
    if (y) {
      const n = y.year === null ? null : dayNumber(y.year, m.month, day);
      value = n === null ? null : isoDay(n);
    } else value = this.resolveDayMonth(m.month, day, dir);
    return { next: j, start, kind: "dayMonth", value };
  }

  private relative(i: number): Hit | null {
    let offset: number | null = null;
    let start = 0;
    let j = i;
    for (const [words, off] of RELATIVE_PHRASES) {
      const s = this.phrase(words, i);
      if (s !== null) {
        [offset, start, j] = [off, s, i + words.length];
        break;
      }
    }
    let single = false;
    if (offset === null) {
      const r = this.lookup(RELATIVE_DAYS, i);
      if (!r) return null;
      [offset, start, j, single] = [r.value, r.start, i + 1, true];
    }
    let wd = WEEKDAYS.get(this.key(j));
    if (wd === undefined && (this.key(j) === "," || this.key(j) === "،") && WEEKDAYS.has(this.key(j + 1))) {
      wd = WEEKDAYS.get(this.key(++j));
    }
    if (single && wd === undefined) {
      // اليوم الذي, اليوم الأول, ذلك اليوم, مرتين في اليوم: "the day", not "today".
      const after = this.key(j);
      if (DAY_NOT_TODAY_AFTER.has(after) || ORDINAL_FIRST.has(after) || isNisba(after)) return null;
      // ذلك اليوم, في اليوم: only اليوم is also "the day" after a word.
      const today = this.key(i) === TODAY;
      if (today && (DAY_NOT_TODAY_BEFORE.has(this.key(i - 1)) || this.key(i - 1) === IN_WORD)) return null;
    }
    let value: string | null = null;
    if (this.pub !== null) {
      const anchor = this.pub + offset;
      // "اليوم الأربعاء": the Wednesday nearest the anchor day. The weekday
      // wins over the timestamp: an article stamped just after midnight, or
      // in UTC while the newsroom was already in the next day, still means
      // the day it names.
      const n = wd === undefined ? anchor : weekdayNear(anchor, wd, "nearest");
      value = isoDay(n);
    }
    if (wd !== undefined) j++;
    const h: Hit = { next: j, start, kind: "relative", value, offset };
    if (wd !== undefined) h.weekday = wd;
    return this.withCalendar(h);
  }

  private weekday(i: number): Hit | null {
    let j = i;
    let start: number;
    const dayWord = this.lookup(DAY_WORDS, i);
    let wd: number | undefined;
    if (dayWord && WEEKDAYS.has(this.key(i + 1))) {
      start = dayWord.start;
      j = i + 1;
      wd = WEEKDAYS.get(this.key(j));
    } else {
      const w = this.lookup(WEEKDAYS, i);
      if (!w) return null;
      [wd, start] = [w.value, w.start];
      // الاثنين is also "the two": بين الاثنين, الاثنين معا.
      if (this.lookup(NOT_WEEKDAY_BEFORE, i - 1) || NOT_WEEKDAY_AFTER.has(this.key(i + 1))) return null;
    }
    j++;
    const dir = DIRECTIONS.get(this.key(j)) ?? null;
    if (dir !== null) j++;
    let value: string | null = null;
    if (this.pub !== null && wd !== undefined) {
      // Past/future words decide; else a future cue before it (من المقرر أن …);
      // else news speaks of the past: the most recent such day.
      const n =
        dir === "past"
          ? weekdayNear(this.pub, wd, "before")
          : dir === "future"
            ? weekdayNear(this.pub, wd, "after")
            : this.futureBefore(i)
              ? weekdayNear(this.pub, wd, "onOrAfter")
              : weekdayNear(this.pub, wd, "onOrBefore");
      value = isoDay(n);
    }
    return this.withCalendar({ next: j, start, kind: "weekday", value, weekday: wd });
  }

  private month(i: number): Hit | null {
    const m = this.monthAt(i);
    if (!m) return null;
    let j = m.next;
    const y = this.yearAt(j, false);
    if (y) {
      return { next: y.next, start: m.start, kind: "month", value: y.year === null ? null : isoMonth(y.year, m.month) };
    }
    const dir = DIRECTIONS.get(this.key(j)) ?? null;
    if (dir !== null) j++;
    else {
      // Alone, a month needs شهر before it, or (when not also a common word) a preposition.
      const before = this.lookup(MONTH_TRIGGERS, i - 1);
      const named = this.key(i - 1) === MONTH_WORD || this.key(i - 1) === normalizeKey("شهري");
      if (!named && (!before || m.strict || m.start !== this.toks[i].start)) return null;
    }
    return { next: j, start: m.start, kind: "month", value: this.resolveMonth(m.month, dir) };
  }

  private period(i: number): Hit | null {
    let start: number;
    let dir: Direction | null;
    let unit: "month" | "year";
    const thisWord = this.lookup(THIS_WORD, i);
    const after = PERIOD_WORDS.get(this.key(i + 1));
    if (thisWord && after) {
      [start, dir, unit] = [thisWord.start, "current", after]; // هذا العام
    } else {
      const p = this.lookup(PERIOD_WORDS, i); // العام الماضي
      dir = DIRECTIONS.get(this.key(i + 1)) ?? null;
      if (!p || dir === null) return null;
      [start, unit] = [p.start, p.value];
    }
    const j = i + 2;
    let value: string | null = null;
    if (this.pub !== null) {
      const p = civil(this.pub);
      const step = dir === "past" ? -1 : dir === "future" ? 1 : 0;
      if (unit === "year") value = isoYear(p.year + step);
      else {
        const mi = p.year * 12 + p.month - 1 + step;
        value = isoMonth(Math.floor(mi / 12), (mi % 12) + 1);
      }
    }
    return { next: j, start, kind: "period", value };
  }

  private year(i: number): Hit | null {
    const t = this.toks[i];
    if (t.kind === "number") {
      // منذ 2011, بحلول 2030: a bare year after a word that wants a time.
      if (!YEAR_DIGITS.test(t.key) || !this.lookup(YEAR_TRIGGERS, i - 1)) return null;
      const y = Number(t.key);
      if (y < BARE_YEAR_RANGE.min || y > BARE_YEAR_RANGE.max) return null;
      return { next: i + 1, start: t.start, kind: "year", value: isoYear(y) };
    }
    const w = this.lookup(YEAR_WORDS, i);
    if (!w) return null;
    const y = this.yearAt(i + 1, false);
    if (!y) return null;
    return { next: y.next, start: w.start, kind: "year", value: y.year === null ? null : isoYear(y.year) };
  }
}

/** A nisba adjective with the article (الأوروبي, العربي): after اليوم it names a day (اليوم الأوروبي). */
function isNisba(key: string): boolean {
  return key.length >= NISBA_MIN_LENGTH && key.startsWith("ال") && key.endsWith("ي") && !WEEKDAYS.has(key);
}

/**
 * The candidate closest to `target`, a distance into the future counting
 * FUTURE_WEIGHT times a distance into the past (news reports more than it
 * announces: "في 5 يناير" in July is the last January); ties go to the past.
 */
function nearest(cands: number[], target: number): number | undefined {
  const dist = (c: number) => (c > target ? FUTURE_WEIGHT * (c - target) : target - c);
  let best: number | undefined;
  for (const c of cands) if (best === undefined || dist(c) < dist(best)) best = c;
  return best;
}
