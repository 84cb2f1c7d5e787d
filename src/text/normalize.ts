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
 * Clean display text without changing what a reader sees: drop invisible
 * controls, turn odd spaces into plain ones and CRLF into LF. Used once, when
 * the article's canonical text is built, so that all offsets point into it.
 */
export function cleanDisplayText(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad\u2060]/g, "")
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, " ");
}
