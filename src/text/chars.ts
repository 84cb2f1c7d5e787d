/**
 * Arabic character tables, named. Everything in src/text that asks "what kind
 * of character is this?" asks here, so the answer is written once.
 */

// Letters and marks
export const HAMZA = 0x0621;
export const ALEF_MADDA = 0x0622; // آ
export const ALEF_HAMZA_ABOVE = 0x0623; // أ
export const WAW_HAMZA = 0x0624; // ؤ
export const ALEF_HAMZA_BELOW = 0x0625; // إ
export const YEH_HAMZA = 0x0626; // ئ
export const ALEF = 0x0627; // ا
export const TEH_MARBUTA = 0x0629; // ة
export const HEH = 0x0647; // ه
export const ALEF_MAKSURA = 0x0649; // ى
export const YEH = 0x064a; // ي
export const TATWEEL = 0x0640; // ـ
export const ALEF_WASLA = 0x0671; // ٱ
export const SUPERSCRIPT_ALEF = 0x0670; // ٰ (dagger alef)
export const KAF = 0x0643;
export const PERSIAN_KEHEH = 0x06a9; // ک
export const FARSI_YEH = 0x06cc; // ی
export const HEH_GOAL = 0x06c1; // ہ

/** Harakat, tanween, shadda, sukun and the small marks after them (U+064B–U+065F). */
export function isHaraka(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === SUPERSCRIPT_ALEF;
}

/** Quranic annotation marks (U+06D6–U+06ED, minus the letter-like U+06E5/6). */
export function isQuranicMark(c: number): boolean {
  return c >= 0x06d6 && c <= 0x06ed && c !== 0x06e5 && c !== 0x06e6;
}

/** Marks that are dropped from matching keys and never start a token. */
export function isArabicMark(c: number): boolean {
  return isHaraka(c) || isQuranicMark(c) || c === TATWEEL;
}

/** Invisible format characters: zero-width, bidi controls, BOM, soft hyphen. */
export function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) || // ZWSP, ZWNJ, ZWJ, LRM, RLM
    (c >= 0x202a && c <= 0x202e) || // LRE, RLE, PDF, LRO, RLO
    (c >= 0x2066 && c <= 0x2069) || // LRI, RLI, FSI, PDI
    c === 0xfeff || // BOM / ZWNBSP
    c === 0x061c || // Arabic letter mark
    c === 0x00ad || // soft hyphen
    c === 0x2060 // word joiner
  );
}

/** Arabic presentation forms (ligatures and contextual shapes). */
export function isPresentationForm(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

/** Arabic letters proper (not digits, punctuation or marks). */
export function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0621 && c <= 0x063a) ||
    (c >= 0x0641 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x066f) ||
    (c >= 0x0671 && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06ee && c <= 0x06ef) ||
    (c >= 0x06fa && c <= 0x06fc) ||
    c === 0x06ff ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    isPresentationForm(c)
  );
}

export function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Value 0–9 of an ASCII, Arabic-Indic or Persian digit, else -1. */
export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0;
  return -1;
}

export function isDigit(c: number): boolean {
  return digitValue(c) >= 0;
}

export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Characters that make up a word token: letters, marks, and joiners inside words. */
export function isWordChar(c: number): boolean {
  return isArabicLetter(c) || isArabicMark(c) || isLatinLetter(c) || c === 0x200c || c === 0x200d;
}

/** Opening and closing quotation marks used in Arabic news. */
export const OPEN_QUOTES = new Set(["«", "“", "„", "‹", '"', "'"]);
export const CLOSE_QUOTES = new Set(["»", "”", "›", '"', "'"]);
