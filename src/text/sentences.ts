/**
 * Sentence boundaries for Arabic news text.
 *
 * A sentence ends at . ؟ ? ! ؛ … (and runs of them), at a line break, and
 * at the end of a paragraph. It does not end:
 *   - at a decimal or ordinal point between digits (3.5، ٣٫٥), or in 2020.07.08;
 *   - after an abbreviation (a lone Arabic letter such as د. or م., the
 *     abbreviations in ABBREVIATIONS, or Latin initials such as U.S.);
 *   - inside a short quotation: when the boundary falls inside «…» or "…"
 *     and the quotation closes within SHORT_QUOTE characters, the quotation
 *     is kept whole. A long or unclosed quotation may still be split.
 * Closing quotes and brackets after the punctuation stay with the sentence.
 */
import type { Span } from "../document.js";
import { isArabicLetter, isDigit, isLatinLetter, isSpace } from "./chars.js";

/** A quotation closing within this many characters of a boundary is kept in one sentence. */
const SHORT_QUOTE = 200;

/** Abbreviations (without their dot) after which a dot does not end a sentence. */
const ABBREVIATIONS = new Set([
  "د", // دكتور
  "م", // ميلادي / متر
  "هـ", // هجري
  "ه",
  "ق", // قبل
  "ص", // صفحة / صباحا
  "ج", // جزء
  "ت", // توفي / تلفون
  "ش", // شارع
  "أ", // أستاذ
  "ا",
  "ق.م",
  "كم",
  "Mr",
  "Dr",
  "St",
  "Inc",
  "Ltd",
  "No",
  "vs",
]);

const TERMINATORS = new Set([".", "؟", "?", "!", "؛", "…"]);
const CLOSERS = new Set(["»", "”", '"', "'", ")", "]", "}", "’", "›"]);
const OPENERS = new Map<string, string>([
  ["«", "»"],
  ["“", "”"],
  ['"', '"'],
]);

/**
 * Characters the scanner must stop at (terminators, quotation marks, line
 * breaks). Everything else is skipped by one table lookup per character:
 * this loop runs over every character of every article.
 */
const INTERESTING = new Uint8Array(0x10000);
for (const ch of [...TERMINATORS, ...OPENERS.keys(), ...OPENERS.values(), "\n"]) INTERESTING[ch.charCodeAt(0)] = 1;

/** The word (letters only) that ends right before position `i`. */
function wordBefore(text: string, i: number): string {
  let j = i;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (isArabicLetter(c) || isLatinLetter(c) || c === 0x0640) j--;
    else break;
  }
  return text.slice(j, i);
}

function isAbbreviationDot(text: string, dot: number): boolean {
  const w = wordBefore(text, dot);
  if (w.length === 0) return false;
  if (ABBREVIATIONS.has(w)) {
    // "ق.م." and similar: only an abbreviation when the word stands alone.
    const before = dot - w.length - 1;
    return before < 0 || !isArabicLetter(text.charCodeAt(before)) || text[before] === ".";
  }
  // Latin initials: U.S. / J.R.R.
  if (w.length === 1 && isLatinLetter(w.charCodeAt(0)) && w === w.toUpperCase()) return true;
  return false;
}

/** Position where the quotation open at `from` closes, searching at most `limit` chars; -1 if not found. */
function findClose(text: string, from: number, to: number, closer: string, limit: number): number {
  const end = Math.min(to, from + limit);
  for (let k = from; k < end; k++) {
    if (text[k] === closer) return k;
    if (text[k] === "\n") return -1;
  }
  return -1;
}

/** Sentence spans of `text[from, to)`, trimmed, in order. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  let openQuote: string | null = null; // the closer we are waiting for

  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };

  let i = from;
  while (i < to) {
    if (INTERESTING[text.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const ch = text[i];
    if (ch === "\n") {
      push(start, i);
      start = i + 1;
      openQuote = null;
      i++;
      continue;
    }
    if (openQuote !== null && ch === openQuote) {
      openQuote = null;
      i++;
      continue;
    }
    if (openQuote === null && OPENERS.has(ch)) {
      // A straight quote opens only when it does not follow a letter (else it closes nothing we track).
      const prev = i > from ? text.charCodeAt(i - 1) : 0x20;
      if (ch !== '"' || !(isArabicLetter(prev) || isLatinLetter(prev) || isDigit(prev))) {
        openQuote = OPENERS.get(ch) ?? null;
      }
      i++;
      continue;
    }
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    // A dot between digits (3.5) or after an abbreviation (د.) is not a boundary.
    if (ch === ".") {
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0x20;
      if (i > from && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) {
        i++;
        continue;
      }
      if (isAbbreviationDot(text, i) && next !== 0x0a) {
        i++;
        continue;
      }
    }
    // Take the whole run of terminators and closing quotes/brackets.
    let end = i + 1;
    while (end < to && (TERMINATORS.has(text[end]) || CLOSERS.has(text[end]))) {
      if (openQuote !== null && text[end] === openQuote) openQuote = null;
      end++;
    }
    // Inside a short quotation: keep going.
    if (openQuote !== null && findClose(text, end, to, openQuote, SHORT_QUOTE) >= 0) {
      i = end;
      continue;
    }
    // A boundary must be followed by space or the end; "3.x" or ".com" are not.
    if (end < to && !isSpace(text.charCodeAt(end))) {
      i = end;
      continue;
    }
    push(start, end);
    start = end;
    openQuote = null;
    i = end;
  }
  push(start, to);
  return out;
}
