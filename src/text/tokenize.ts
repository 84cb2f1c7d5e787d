/**
 * Word tokenization with offsets. A token is one of:
 *   word   a run of letters (Arabic or Latin) with their marks and joiners
 *   number a run of digits (any script) with inner decimal/thousand separators
 *   punct  a single punctuation or symbol character
 * Whitespace separates tokens and is never part of one. Clitics stay attached
 * here; src/text/segment.ts splits them.
 *
 * This is the hot path of the whole engine, so it is a single pass over char
 * codes with no regular expressions and no per-character allocation.
 */
import { digitValue, isArabicMark, isLatinLetter, isSpace, isWordChar } from "./chars.js";

export type TokenKind = "word" | "number" | "punct";

export interface RawToken {
  start: number;
  end: number;
  kind: TokenKind;
}

/** Separators that may sit between two digits inside one number: 3.5, 1,000, ٣٫٥, 12:30, 2020/07/08 */
function isNumberJoiner(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x066b || c === 0x066c || c === 0x3a || c === 0x2f;
}

/** Tokenize `text[from, to)` and call `emit` for each token (no array is built). */
export function forEachToken(text: string, emit: (start: number, end: number, kind: TokenKind) => void, from = 0, to = text.length): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isWordChar(c) && !isArabicMark(c)) {
      // A word is one script: "فيروسCovid" is two tokens.
      const latin = isLatinLetter(c);
      i++;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (!isWordChar(d) || (isLatinLetter(d) !== latin && !isArabicMark(d) && d !== 0x200c && d !== 0x200d)) break;
        i++;
      }
      emit(start, i, "word");
    } else if (digitValue(c) >= 0) {
      i++;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (digitValue(d) >= 0) i++;
        else if (isNumberJoiner(d) && i + 1 < to && digitValue(text.charCodeAt(i + 1)) >= 0) i += 2;
        else break;
      }
      emit(start, i, "number");
    } else if (isArabicMark(c)) {
      // A stray mark (tatweel or haraka after a space or punctuation): glue it
      // to the word that follows when there is one, else skip it.
      i++;
      while (i < to && isArabicMark(text.charCodeAt(i))) i++;
      if (i < to && isWordChar(text.charCodeAt(i)) && !isLatinLetter(text.charCodeAt(i))) {
        while (i < to && isWordChar(text.charCodeAt(i))) i++;
        emit(start, i, "word");
      }
    } else {
      // Surrogate pairs (emoji, rare symbols) stay one token.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < to ? 2 : 1;
      emit(start, i, "punct");
    }
  }
}

/** All tokens of a text (or of a slice of it), as an array. */
export function tokenize(text: string, from = 0, to = text.length): RawToken[] {
  const out: RawToken[] = [];
  forEachToken(text, (start, end, kind) => out.push({ start, end, kind }), from, to);
  return out;
}
