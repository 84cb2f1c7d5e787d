/**
 * Normalization of Arabic text into matching keys, with offsets kept.
 *
 * Display text always stays as the author wrote it; what we normalize is the
 * *key* used for matching, indexing and models. One function owns the rules so
 * that no stage normalizes "almost the same way" as another:
 *
 *   harakat, dagger alef, Quranic marks, tatweel  → removed
 *   أ إ آ ٱ                                       → ا
 *   ى                                             → ي
 *   ة                                             → ه   (keys only)
 *   ک ی ہ (Persian/Urdu letters)                  → ك ي ه
 *   ٠–٩ ۰–۹                                       → 0–9
 *   presentation forms (ﻻ, ﷲ, …)                 → their letters (NFKC)
 *   zero-width and bidi controls                  → removed
 *   Latin letters                                 → lower case
 */
import {
  ALEF,
  ALEF_HAMZA_ABOVE,
  ALEF_HAMZA_BELOW,
  ALEF_MADDA,
  ALEF_MAKSURA,
  ALEF_WASLA,
  digitValue,
  FARSI_YEH,
  HEH,
  HEH_GOAL,
  isArabicMark,
  isInvisible,
  isPresentationForm,
  KAF,
  PERSIAN_KEHEH,
  TEH_MARBUTA,
  YEH,
} from "./chars.js";

export interface NormalizeOptions {
  /** Fold ة into ه (default true). Set false where the distinction matters. */
  tehMarbuta?: boolean;
}

/** Single-character replacements; 0 means "drop", -1 means "no change". */
const MAP = new Int32Array(0x10000).fill(-1);
for (const c of [ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA, ALEF_WASLA]) MAP[c] = ALEF;
MAP[ALEF_MAKSURA] = YEH;
MAP[FARSI_YEH] = YEH;
MAP[PERSIAN_KEHEH] = KAF;
MAP[HEH_GOAL] = HEH;
for (let c = 0; c < 0x10000; c++) {
  if (isArabicMark(c) || isInvisible(c)) MAP[c] = 0;
  const d = digitValue(c);
  if (d >= 0 && c > 0x7f) MAP[c] = 0x30 + d;
  if (c >= 0x41 && c <= 0x5a) MAP[c] = c + 0x20;
}

const presentationCache = new Map<number, string>();
function expandPresentation(c: number, opts?: NormalizeOptions): string {
  let s = presentationCache.get(c);
  if (s === undefined) {
    s = normalizeKey(String.fromCharCode(c).normalize("NFKC").replace(/ /g, ""), opts);
    presentationCache.set(c, s);
  }
  return s;
}

/**
 * The matching key of a string (a word or a phrase). Returns the input itself
 * when nothing changes, so the common case allocates nothing.
 */
export function normalizeKey(s: string, opts?: NormalizeOptions): string {
  const foldTeh = opts?.tehMarbuta !== false;
  let i = 0;
  const n = s.length;
  // Fast scan: find the first character that changes.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (MAP[c] !== -1 || (foldTeh && c === TEH_MARBUTA) || isPresentationForm(c)) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (foldTeh && c === TEH_MARBUTA) {
      out += "ه";
      continue;
    }
    if (isPresentationForm(c)) {
      out += expandPresentation(c, opts);
      continue;
    }
    const m = MAP[c];
    if (m === -1) out += s[i];
    else if (m !== 0) out += String.fromCharCode(m);
  }
  return out;
}

export interface Normalized {
  /** The normalized text. */
  text: string;
  /**
   * For each UTF-16 unit of `text`, the offset of the source unit it came
   * from; one extra entry at the end maps the end of `text` to the end of the
   * source. Use it to turn a match in the key back into a display span.
   */
  offsets: Int32Array;
}

/** Normalize a whole text and keep, for every key character, its source offset. */
export function normalizeWithOffsets(s: string, opts?: NormalizeOptions): Normalized {
  const foldTeh = opts?.tehMarbuta !== false;
  const parts: string[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (foldTeh && c === TEH_MARBUTA) {
      parts.push("ه");
      offsets.push(i);
    } else if (isPresentationForm(c)) {
      const e = expandPresentation(c, opts);
      parts.push(e);
      for (let k = 0; k < e.length; k++) offsets.push(i);
    } else {
      const m = MAP[c];
      if (m === 0) continue;
      parts.push(m === -1 ? s[i] : String.fromCharCode(m));
      offsets.push(i);
    }
  }
  offsets.push(s.length);
  return { text: parts.join(""), offsets: Int32Array.from(offsets) };
}

/**
 * Invisible controls that may stand for a space: a zero-width space, the
 * directional marks (LRM, RLM, ALM) and the bidi embeddings, overrides and
 * isolates. Pages and editors put them between words as well as inside
 * words, so a run of them between two letters becomes a space only when it
 * separates words (see spaceBetween); elsewhere it is dropped.
 */
const MAY_SEPARATE = /[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
/**
 * Every control cleaning removes: the ones above plus BOM / zero-width
 * no-break space, soft hyphen and word joiner, which never separate words.
 * ZWNJ and ZWJ (U+200C/D) are kept: they shape letters inside one word
 * (Persian "می‌خواهد"), the tokenizer keeps them inside the word, and
 * matching keys drop them.
 */
const INVISIBLE_RUN = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad\u2060]+/g;
/**
 * Words made only of proclitics (conjunction, preposition, article): a
 * control after one is inside the word ("و\u200fبعد" is "وبعد").
 */
const PROCLITIC_WORDS = new Set("و ف ب ل ك س ال وال فال بال كال لل ولل فلل وب فب ول فل وك وس فس".split(" "));
/** Longest entry of PROCLITIC_WORDS, in letters. */
const PROCLITIC_MAX_LETTERS = 3;
/**
 * A letter run this short after a control is the tail of the word cut off
 * ("العراق\u200bية", "فبرا\u202cير"), unless it is one of SHORT_WORDS. In the
 * ANT corpus (30,388 articles) such controls sit between two letters 9 times:
 * after a lone "و" 3 times, before a 2-letter tail 4 times, and between two
 * words twice (once between Arabic and Latin); these rules read all 9 as written.
 */
const SUFFIX_MAX_LETTERS = 2;
/** Words of one or two letters (function words), which a control before them does separate. */
const SHORT_WORDS = new Set(
  ["في", "من", "عن", "إن", "أن", "لا", "ما", "قد", "هو", "هي", "لم", "لن", "ثم", "أو", "بل", "كل", "مع", "يا", "أي", "إذ", "كي", "ذا"].map(
    (w) => normalizeKey(w),
  ),
);
const LETTER = /[\p{L}\p{M}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const ARABIC = /\p{Script=Arabic}/u;

/**
 * Clean display text without changing what a reader sees: drop invisible
 * controls (a run of them that separates two words becomes a space), turn odd
 * spaces into plain ones and CRLF into LF. Used once, when the article's
 * canonical text is built, so that all offsets point into it.
 */
export function cleanDisplayText(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE_RUN, (run: string, at: number, all: string) =>
      MAY_SEPARATE.test(run) && spaceBetween(all, at, at + run.length) ? " " : "",
    )
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, " ");
}

/**
 * Does a control run at [from, to) of `s` separate two words? Yes when it
 * stands between two word characters, unless the word before is only
 * proclitics or the letters after are a short tail (not a short word);
 * always when the script changes (Arabic | Latin).
 */
function spaceBetween(s: string, from: number, to: number): boolean {
  const before = charBefore(s, from);
  const after = charAfter(s, to);
  if (!WORD_CHAR.test(before) || !WORD_CHAR.test(after)) return false;
  if (LETTER.test(before) && LETTER.test(after) && ARABIC.test(before) !== ARABIC.test(after)) return true;
  let start = from;
  while (start > 0 && LETTER.test(s[start - 1]) && from - start <= 2 * PROCLITIC_MAX_LETTERS) start--;
  if (!LETTER.test(s[start - 1] ?? "") && PROCLITIC_WORDS.has(normalizeKey(s.slice(start, from)))) return false;
  let end = to;
  let letters = 0;
  while (end < s.length && LETTER.test(s[end]) && letters <= SUFFIX_MAX_LETTERS) {
    if (!/\p{M}/u.test(s[end])) letters++;
    end++;
  }
  const shortTail = letters > 0 && letters <= SUFFIX_MAX_LETTERS && !WORD_CHAR.test(charAfter(s, end));
  return !shortTail || SHORT_WORDS.has(normalizeKey(s.slice(to, end)));
}

/** The code point ending at `at` (a surrogate pair whole), or "". */
function charBefore(s: string, at: number): string {
  if (at <= 0) return "";
  const lo = s.charCodeAt(at - 1);
  return lo >= 0xdc00 && lo <= 0xdfff && at >= 2 ? s.slice(at - 2, at) : s[at - 1];
}

/** The code point starting at `at`, or "". */
function charAfter(s: string, at: number): string {
  if (at >= s.length) return "";
  return String.fromCodePoint(s.codePointAt(at) as number);
}
