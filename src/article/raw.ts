/**
 * Scraped plain text → units for the structure pass. Plain text has no markup,
 * so each non-empty line is one unit (scrapers and the ANT corpus put one
 * paragraph on a line; blank lines between paragraphs are optional). Cleaning
 * is the one from src/text/normalize.ts (cleanDisplayText), plus trimming each
 * line and collapsing runs of spaces inside it.
 */
import { cleanContent, collapseLine } from "./line.js";
import { type LeadHints, type Structure, structureUnits, type Unit } from "./structure.js";

/** Line breaks: LF (CR and CRLF are folded by cleanDisplayText), and the Unicode line/paragraph separators. */
const LINE_BREAK = /[\n\u2028\u2029\u0085]/;

/** The non-empty lines of a text, cleaned, as structure units. */
export function textUnits(content: string): Unit[] {
  const units: Unit[] = [];
  for (const raw of cleanContent(content).split(LINE_BREAK)) {
    const text = collapseLine(raw);
    if (text !== "") units.push({ text, kind: "line" });
  }
  return units;
}

/** Structure scraped text; null when it has no line with a word (and no title was given). */
export function parseRawText(content: string, title: string | null, hints: LeadHints = {}): Structure | null {
  return structureUnits(textUnits(content), title, hints);
}
