/**
 * What one mention is, for linking: its matching key and the display form
 * of the name it writes. NER spans already skip one-letter proclitics, but
 * two cases remain and are handled here, with the display text adjusted to
 * match:
 *   - ل before ال assimilates: "للأمم المتحدة" is ل + "الأمم المتحدة"; a span
 *     starting after the first ل reads "لأمم المتحدة". This one is ambiguous
 *     (للبنان is ل + لبنان), so both readings are returned.
 *   - a proclitic left before ال: "والصين", "بالصين" → "الصين" (only when a
 *     real word follows ال: "بالي" is Bali, not ب + الي).
 * A leading و/ف/ب on a word without ال is left alone (وليد, فلاديمير, بوتين);
 * the linker strips it only when the stripped form is a name seen elsewhere
 * in the same article.
 */
import { aliasKey } from "../../kb/keys.js";
import { isArabicMark, isWordChar } from "../../text/chars.js";

/** Name particles: never a reference to a person on their own. */
export const NAME_PARTICLES = new Set(
  [
    "بن",
    "ابن",
    "بنت",
    "ابو",
    "أبو",
    "أبي",
    "ام",
    "أم",
    "عبد",
    "آل",
    "ال",
    "ولد",
    "بو",
    "دي",
    "دو",
    "دا",
    "فون",
    "فان",
    "دل",
    "لا",
    "لي",
  ].map((w) => aliasKey(w)),
);

/** Letters after ال needed before "proclitic + ال" is read as such (بالي is Bali). */
const MIN_LETTERS_AFTER_AL = 2;

export interface MentionForm {
  /** Matching key (aliasKey of the display form). */
  key: string;
  /** Key tokens. */
  tokens: string[];
  /** The name as it would be written on its own. */
  display: string;
  /** Characters of the span to skip so that it starts at the name (a proclitic before ال), else 0. */
  skip: number;
  /** The same name with an assimilated article restored (لأمم → الأمم), when that reading is possible. */
  alt?: MentionForm;
}

/** Offset in `text` after its first `letters` letters (marks after a letter go with it). */
export function skipLetters(text: string, letters: number): number {
  let i = 0;
  let n = 0;
  while (i < text.length && n < letters) {
    if (!isArabicMark(text.charCodeAt(i))) n++;
    i++;
    while (i < text.length && isArabicMark(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * The mention form of `text`, found at `start` in `docText`. When the name may
 * have lost its article to an assimilated ل (للأمم = ل + الأمم, but للبنان =
 * ل + لبنان), the form is the name as written and `alt` the form with ال
 * restored: the linker takes `alt` when that name occurs elsewhere in the
 * article or in the KB.
 */
export function mentionForm(text: string, docText: string, start: number): MentionForm {
  const key = aliasKey(text);
  const prev = start > 0 ? docText.charCodeAt(start - 1) : 0;
  const glued = start > 0 && isWordChar(prev);
  // "لأمم" right after a ل of the same word: the NER stripped one ل of للأمم.
  if (glued && docText[start - 1] === "ل" && key.startsWith("ل") && !key.startsWith("لل") && key.length > 3) {
    return { ...build(key, text, 0), alt: build(`ا${key}`, `ال${text.slice(skipLetters(text, 1))}`, 0) };
  }
  if (key.startsWith("لل") && key.length > 4) {
    const skip = skipLetters(text, 1);
    return {
      ...build(key.slice(1), text.slice(skip), skip),
      alt: build(`ال${key.slice(2)}`, `ال${text.slice(skipLetters(text, 2))}`, skip),
    };
  }
  const m = /^([وف]?[بكل]?|[وف])ال/.exec(key);
  if (m && m[1].length > 0) {
    const rest = key.slice(m[1].length + 2).split(" ")[0];
    if (rest.length >= MIN_LETTERS_AFTER_AL) {
      const skip = skipLetters(text, m[1].length);
      return build(key.slice(m[1].length), text.slice(skip), skip);
    }
  }
  return build(key, text, 0);
}

function build(key: string, display: string, skip: number): MentionForm {
  return { key, tokens: key.split(" ").filter(Boolean), display, skip };
}

/** Whether a key token can refer to a person on its own (not a particle, not one letter). */
export function isNameWord(tok: string): boolean {
  return tok.length >= 2 && !NAME_PARTICLES.has(tok);
}
