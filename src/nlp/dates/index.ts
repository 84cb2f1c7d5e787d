/**
 * The dates stage: Arabic date expressions in `doc.text` with their offsets
 * and ISO values resolved against `doc.published` (see match.ts for the
 * grammar and the value precision, tables.ts for the words). Fills
 * `dates[]`; reads only `text` and `published`.
 */
import type { ArticleDocument, DateMention } from "../../document.js";
import { publishedDay } from "./calendar.js";
import { type DateFound, DateScanner } from "./match.js";

export type { DateFound, DateKind } from "./match.js";

/** Every date expression of a text, with its kind, given a publication date (ISO or null). */
export function scanDates(text: string, published: string | null): DateFound[] {
  return new DateScanner(text, publishedDay(published)).scan();
}

export function findDates(doc: ArticleDocument): DateMention[] {
  return scanDates(doc.text, doc.published).map((f) => ({
    start: f.start,
    end: f.end,
    text: doc.text.slice(f.start, f.end),
    value: f.value,
  }));
}
