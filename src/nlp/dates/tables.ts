/**
 * The words of Arabic date expressions, as tables: month names of the three
 * naming systems in use (Syriac/Levantine-Iraqi, Egyptian-Gulf from the Latin
 * names, Maghrebi from the French ones), weekdays, relative day words,
 * ordinal day numbers, and the context words that say "past" or "future".
 *
 * Entries are written as an author would spell them; every lookup goes
 * through normalizeKey (src/text/normalize.ts), so hamza forms, ى/ي, ة/ه,
 * harakat and tatweel need no separate entries. This file owns the lexicon
 * only; src/nlp/dates/match.ts owns the grammar that combines the words.
 */
import { normalizeKey } from "../../text/normalize.js";

/** Build a lookup keyed by the matching key of each spelling. */
function keyed<T>(entries: ReadonlyArray<readonly [string, T]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [spelling, v] of entries) m.set(normalizeKey(spelling), v);
  return m;
}

/**
 * Month names → month number. Multiword names are written with one space
 * and matched token by token. `strict` names are also ordinary words or
 * names (تيريزا ماي, شركة نيسان, the verb مارس "exercised", آب "father",
 * كيم كي جوان), so alone they count only with a day, a year, a preceding
 * شهر, or a past/future modifier.
 */
export const MONTHS: ReadonlyArray<readonly [string, number, "strict"?]> = [
  // Egyptian / Gulf (from the Latin names), with the spellings seen in news
  ["يناير", 1],
  ["فبراير", 2],
  ["فبرابر", 2],
  ["مارس", 3],
  ["أبريل", 4],
  ["إبريل", 4],
  ["ابريل", 4],
  ["مايو", 5],
  ["يونيو", 6],
  ["يونيه", 6],
  ["يوليو", 7],
  ["يوليه", 7],
  ["أغسطس", 8],
  ["أغسطس", 8],
  ["سبتمبر", 9],
  ["أكتوبر", 10],
  ["نوفمبر", 11],
  ["ديسمبر", 12],
  // Levantine / Iraqi (Syriac names)
  ["كانون الثاني", 1],
  ["شباط", 2],
  ["آذار", 3],
  ["نيسان", 4, "strict"],
  ["أيار", 5],
  ["حزيران", 6],
  ["تموز", 7, "strict"],
  ["آب", 8, "strict"],
  ["أيلول", 9],
  ["تشرين الأول", 10],
  ["تشرين الثاني", 11],
  ["كانون الأول", 12],
  // Maghrebi (from the French names: Tunisia, Algeria)
  ["جانفي", 1],
  ["فيفري", 2],
  ["أفريل", 4],
  ["ماي", 5, "strict"],
  ["جوان", 6, "strict"],
  ["جويلية", 7],
  ["جويليه", 7],
  ["أوت", 8, "strict"],
  ["اوت", 8, "strict"],
];

export interface MonthEntry {
  month: number;
  /** Further tokens after the first ("الثاني" of "كانون الثاني"). */
  rest: string[];
  strict: boolean;
}

/** First token key → the month names starting with it, longest first. */
export const MONTH_BY_FIRST: Map<string, MonthEntry[]> = (() => {
  const m = new Map<string, MonthEntry[]>();
  for (const [spelling, month, flag] of MONTHS) {
    const [first, ...rest] = spelling.split(" ").map((w) => normalizeKey(w));
    const list = m.get(first) ?? [];
    if (!list.some((e) => e.month === month && e.rest.join(" ") === rest.join(" "))) {
      list.push({ month, rest, strict: flag === "strict" });
    }
    list.sort((a, b) => b.rest.length - a.rest.length);
    m.set(first, list);
  }
  return m;
})();

/** Weekday names → JavaScript weekday number (Sunday = 0, as Date.getUTCDay). */
export const WEEKDAYS = keyed<number>([
  ["الأحد", 0],
  ["الاثنين", 1],
  ["الإثنين", 1],
  ["الاتنين", 1],
  ["الثلاثاء", 2],
  ["الثلاثا", 2],
  ["الأربعاء", 3],
  ["الاربعا", 3],
  ["الخميس", 4],
  ["الجمعة", 5],
  ["السبت", 6],
]);

/**
 * Words before a weekday that make it something else: الاثنين is also "the
 * two" (بين الاثنين, كلا الاثنين).
 */
export const NOT_WEEKDAY_BEFORE = keyed<true>([
  ["بين", true],
  ["كلا", true],
  ["هذين", true],
  ["هذان", true],
]);
export const NOT_WEEKDAY_AFTER = keyed<true>([
  ["معا", true],
  ["معاً", true],
]);

/** One-word relative days → offset from the publication day. */
export const RELATIVE_DAYS = keyed<number>([
  ["اليوم", 0],
  ["أمس", -1],
  ["الأمس", -1],
  ["البارحة", -1],
  ["غدا", 1],
  ["غداً", 1],
  ["غد", 1], // غد: يوم غد, غدٍ الأحد
]);

/** Multiword relative days (token keys) → offset. Matched before the one-word ones. */
export const RELATIVE_PHRASES: ReadonlyArray<readonly [string[], number]> = (
  [
    ["أول من أمس", -2],
    ["أول أمس", -2],
    ["أمس الأول", -2],
    ["بعد غد", 2],
  ] as const
).map(([s, n]) => [s.split(" ").map((w) => normalizeKey(w)), n] as const);

/**
 * A relative-day word is "the day" rather than "today" (or "the past" rather
 * than "yesterday") before these words: اليوم الذي, اليوم العالمي,
 * اليوم التالي, الأمس القريب, and before any ordinal (اليوم الأول, the
 * newspaper اليوم السابع; see ORDINAL_DAYS) or any nisba adjective (اليوم
 * الأوروبي, اليوم العربي; see match.ts). Other following words are the
 * rest of the sentence (أعلنت اليوم السلطات …), so the table lists the
 * exceptions, not the rule.
 */
export const DAY_NOT_TODAY_AFTER = keyed<true>(
  [
    "الذي",
    "التي",
    "نفسه",
    "ذاته",
    "عينه",
    "الواحد",
    "العالمي",
    "الوطني",
    "الدولي",
    "التالي",
    "الموالي",
    "السابق",
    "الأخير",
    "الختامي",
    "الافتتاحي",
    "الدراسي",
    "الرياضي",
    "التاريخي",
    "المفتوح",
    "الموعود",
    "الكامل",
    "الطويل",
    "المشهود",
    "الأسود",
    "المئة",
    "القريب",
    "البعيد",
  ].map((w) => [w, true] as const),
);
/** …and after these: ذلك اليوم, في مثل هذا اليوم, the newspaper المصري اليوم. */
export const DAY_NOT_TODAY_BEFORE = keyed<true>(
  ["ذلك", "ذات", "نفس", "هذا", "ذاك", "لذلك", "مثل", "المصري"].map((w) => [w, true] as const),
);

/** The word "day" that may stand before a weekday (يوم الخميس). */
export const DAY_WORD = normalizeKey("يوم");
/** The word "month" that may stand before a month name (شهر مارس). */
export const MONTH_WORD = normalizeKey("شهر");
/** "of" between a day and its month (الثاني عشر من مارس, 12 من مارس). */
export const OF_WORD = normalizeKey("من");
/** "corresponding to", between a weekday and its calendar date. */
export const CORRESPONDING = keyed<true>([["الموافق", true]]);

/** Direction words after a weekday, month, "العام" or "الشهر". */
export type Direction = "past" | "future" | "current";
export const DIRECTIONS = keyed<Direction>([
  ["الماضي", "past"],
  ["الماضية", "past"],
  ["المنصرم", "past"],
  ["المنصرمة", "past"],
  ["الفائت", "past"],
  ["السابق", "past"],
  ["الفارط", "past"],
  ["الفارطة", "past"],
  ["المنقضي", "past"], // الفارط, المنقضي: Tunisia
  ["المقبل", "future"],
  ["المقبلة", "future"],
  ["القادم", "future"],
  ["القادمة", "future"],
  ["الآتي", "future"],
  ["الجاري", "current"],
  ["الحالي", "current"],
]);

/**
 * Words in the few tokens before a bare weekday that put it in the future
 * (من المقرر أن ... الخميس). Without one, news speaks of the past: a bare
 * weekday is the most recent one on or before publication.
 */
export const FUTURE_CUES = keyed<true>(
  [
    "سوف",
    "المقرر",
    "المقررة",
    "المرتقب",
    "المرتقبة",
    "المنتظر",
    "المنتظرة",
    "المزمع",
    "المزمعة",
    "المتوقع",
    "يعتزم",
    "تعتزم",
    "سيتم",
    "ستتم",
    "سيعقد",
    "ستعقد",
    "سيجري",
    "ستجري",
    "ستنطلق",
    "سينطلق",
    "سيلتقي",
    "ستلتقي",
    "سيزور",
    "ستزور",
    "سيبدأ",
    "ستبدأ",
    "سيصل",
    "ستصل",
    "سيلقي",
    "ستقام",
    "سيقام",
    "سيخوض",
    "يستضيف",
    "سيستضيف",
    "يلتقي",
    "تنطلق",
    "ينطلق",
  ].map((w) => [w, true] as const),
);
/** How many tokens before a bare weekday are searched for a FUTURE_CUE. */
export const FUTURE_CUE_WINDOW = 8;

/** Year markers: عام 2020, العام 2020, سنة 2020 (and the dual عامي). */
export const YEAR_WORDS = keyed<true>([
  ["عام", true],
  ["العام", true],
  ["سنة", true],
  ["السنة", true],
  ["عامي", true],
]);
/** After a year: م (AD) keeps it, هـ (Hijri) makes it unresolvable to an ISO year. */
export const AD_MARKS = keyed<true>([
  ["م", true],
  ["ميلادي", true],
  ["للميلاد", true],
]);
export const HIJRI_MARKS = keyed<true>([
  ["هـ", true],
  ["ه", true],
  ["هجري", true],
  ["هجرية", true],
  ["للهجرة", true],
]);
/**
 * Words after which a bare four-digit number in BARE_YEAR_RANGE is a year
 * (منذ 2011, بحلول 2030). Not في or حتى: "في 2000 حالة" counts things.
 */
export const YEAR_TRIGGERS = keyed<true>(
  ["منذ", "بحلول", "مطلع", "أوائل", "أواخر", "منتصف", "أواسط", "نهاية", "بداية", "ربيع", "صيف", "خريف", "شتاء"].map(
    (w) => [w, true] as const,
  ),
);
export const BARE_YEAR_RANGE = { min: 1900, max: 2100 };
/** Years accepted as calendar years. */
export const YEAR_RANGE = { min: 1000, max: 2199 };

/** "الشهر الماضي", "العام المقبل", "هذا العام": periods relative to publication. */
export const PERIOD_WORDS = keyed<"month" | "year">([
  ["الشهر", "month"],
  ["العام", "year"],
  ["السنة", "year"],
]);
export const THIS_WORD = keyed<true>([
  ["هذا", true],
  ["هذه", true],
]);

/**
 * Words after which a bare month name (no day, no year) is a date:
 * في مارس, منذ أبريل, مطلع يناير. Strict months need more (see MONTHS).
 */
export const MONTH_TRIGGERS = keyed<true>(
  ["في", "منذ", "خلال", "حتى", "مطلع", "أوائل", "أواخر", "منتصف", "أواسط", "نهاية", "بداية", "قبل", "بعد", "شهر", "شهري"].map(
    (w) => [w, true] as const,
  ),
);

/**
 * A day and month that name a political movement, not a date (قوى 14 آذار).
 * The day-month is skipped after these words.
 */
export const NAME_BEFORE_DATE = keyed<true>(
  ["قوى", "قوي", "تيار", "فريق", "تحالف", "حركة", "ثورة", "انتفاضة", "شارع", "ساحة", "جامعة", "مدينة", "جسر"].map(
    (w) => [w, true] as const,
  ),
);

/** Ordinal day numbers (days are masculine: اليوم الثاني عشر). Multiword ones as token keys. */
const UNITS = ["", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"];
export const ORDINAL_DAYS: ReadonlyArray<readonly [string[], number]> = (() => {
  const out: Array<[string, number]> = [];
  for (let d = 1; d <= 9; d++) out.push([UNITS[d], d]);
  out.push(["العاشر", 10], ["الحادي عشر", 11]);
  for (let d = 2; d <= 9; d++) out.push([`${UNITS[d]} عشر`, 10 + d]);
  out.push(["العشرين", 20], ["الحادي والعشرين", 21], ["الثلاثين", 30], ["الحادي والثلاثين", 31]);
  for (let d = 2; d <= 9; d++) out.push([`${UNITS[d]} والعشرين`, 20 + d]);
  return out.map(([s, n]) => [s.split(" ").map((w) => normalizeKey(w)), n] as [string[], number]).sort((a, b) => b[0].length - a[0].length);
})();

/** One-letter proclitics a date word may carry (وأمس, بالأمس, والخميس). At most two are stripped. */
export const PROCLITICS = new Set(["و", "ف", "ب", "ل", "ك"]);
