/**
 * Line-level helpers shared by the raw-text and HTML paths: cleaning a line
 * for display, its matching key, word counts, bullets and sentence ends.
 * Every check is a single linear pass (no backtracking regexes), so a 50 MB
 * input costs the same per character as a short one.
 */
import { cleanDisplayText, normalizeKey } from "../text/normalize.js";

/** Characters that open a bulleted line ("• caption", "- item", "* note"). */
export const BULLETS = new Set(["•", "▪", "▫", "●", "○", "■", "□", "◆", "◇", "◦", "‣", "∙", "·", "►", "▶", "➢", "✓", "-", "–", "—", "*"]);

/** A line that ends with one of these (before closing quotes) ends a sentence. */
export const SENTENCE_END = new Set([".", "!", "?", "؟", "…", "۔"]);

/** Closing quotes and brackets skipped when looking for a line's last mark. */
const CLOSERS = new Set(['"', "'", "»", "”", "’", "›", ")", "]", "}", "﴾", "﴿"]);

const WORD_RE = /[\p{L}\p{N}]+/gu;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;

/** Clean a whole input once: drop invisible controls, unify spaces and newlines. */
export function cleanContent(s: string): string {
  return cleanDisplayText(s);
}

/** Trim a line and collapse runs of spaces inside it (display text otherwise unchanged). */
export function collapseLine(s: string): string {
  const t = s.trim();
  return t.includes("  ") ? t.replace(/ {2,}/g, " ") : t;
}

/** Split cleaned content into lines (trimmed, spaces collapsed; empty lines kept as ""). */
export function splitLines(content: string): string[] {
  return content.split("\n").map(collapseLine);
}

/** true when the line has at least one letter or digit (in any script). */
export function hasWord(s: string): boolean {
  return HAS_WORD_RE.test(s);
}

/** Number of words (letter/digit runs), counting at most `limit + 1`. */
export function countWords(s: string, limit = Number.MAX_SAFE_INTEGER): number {
  let n = 0;
  WORD_RE.lastIndex = 0;
  while (WORD_RE.exec(s) !== null) {
    if (++n > limit) break;
  }
  WORD_RE.lastIndex = 0;
  return n;
}

/** The words of a string's matching key: normalized, punctuation dropped, single spaces. */
export function wordKey(s: string): string {
  return normalizeKey(s).toLowerCase().replace(NON_WORD_RUN, " ").trim();
}

/** The key with no spaces at all: compares texts whose line breaks or spacing differ. */
export function compactKey(s: string): string {
  return normalizeKey(s).toLowerCase().replace(NON_WORD_RUN, "");
}

/** The bullet a line starts with ("•", "-", …) and the rest of the line, trimmed. */
export function splitBullet(line: string): { bullet: string | null; rest: string } {
  let i = 0;
  while (i < line.length && BULLETS.has(line[i])) i++;
  if (i === 0) return { bullet: null, rest: line };
  return { bullet: line.slice(0, i), rest: line.slice(i).trim() };
}

/** The last character that is not a space, closing quote or bracket ("" if none). */
export function lastMark(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && (s[i] === " " || CLOSERS.has(s[i]))) i--;
  return i >= 0 ? s[i] : "";
}

/** true when the line ends a sentence (". ! ? ؟ …", possibly inside closing quotes). */
export function endsSentence(s: string): boolean {
  return SENTENCE_END.has(lastMark(s));
}
