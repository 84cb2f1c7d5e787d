/**
 * Assembling the structural part of a `marsad.article/1` document: the
 * canonical text (title, lead and paragraphs joined by "\n\n") that every
 * later offset points into, the id, the source block and the publication
 * date. Later layers start empty.
 */
import { type ArticleDocument, SCHEMA, type Source, type Span } from "../document.js";
import { contentId } from "./id.js";
import type { Structure } from "./structure.js";

/** Separator between the parts of `text`. */
export const PART_SEPARATOR = "\n\n";

/** The canonical text: non-empty parts joined by a blank line. */
export function canonicalText(title: string, lead: string, paragraphs: readonly string[]): string {
  return [title, lead, ...paragraphs].filter((p) => p !== "").join(PART_SEPARATOR);
}

export function assembleDocument(s: Structure, source: Source, published: string | null): ArticleDocument {
  return {
    schema: SCHEMA,
    id: contentId(s.title, s.lead, s.paragraphs),
    source,
    published,
    title: s.title,
    lead: s.lead,
    captions: s.captions,
    paragraphs: s.paragraphs,
    removed: s.removed,
    text: canonicalText(s.title, s.lead, s.paragraphs),
    sentences: [],
    entities: [],
    quotes: [],
    events: [],
    topics: [],
    keywords: [],
    summary: [],
    dates: [],
  };
}

export interface Layout {
  /** Span of the title in `text`, or null when it is empty. */
  title: Span | null;
  lead: Span | null;
  /** One span per paragraph, in order. */
  paragraphs: Span[];
}

/** Where title, lead and each paragraph sit in `doc.text` (UTF-16 offsets). */
export function layout(doc: Pick<ArticleDocument, "title" | "lead" | "paragraphs">): Layout {
  let pos = 0;
  const place = (part: string): Span | null => {
    if (part === "") return null;
    const span = { start: pos, end: pos + part.length };
    pos = span.end + PART_SEPARATOR.length;
    return span;
  };
  const title = place(doc.title);
  const lead = place(doc.lead);
  const paragraphs = doc.paragraphs.map((p) => place(p)).filter((s): s is Span => s !== null);
  return { title, lead, paragraphs };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;

/**
 * A publication date as the schema wants it: an ISO date or timestamp is kept
 * as given; another date format the JS Date parser understands ("Wed, 08 Jul
 * 2020 10:00:00 GMT") becomes an ISO timestamp; anything else is null.
 */
export function normalizePublished(s: string | null | undefined): string | null {
  if (typeof s !== "string") return null;
  const t = s.trim();
  if (t === "" || t.length > 64) return null;
  if (ISO_DATE.test(t)) {
    const month = Number(t.slice(5, 7));
    const day = Number(t.slice(8, 10));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? t : null;
  }
  // Day-first numeric dates (05/06/2015 = 5 June), as Arabic-language sites
  // write them; Date.parse would read them month-first or not at all.
  const dmy = DAY_FIRST.exec(t);
  if (dmy) {
    const [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
    return `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}`;
  }
  // Anything else must at least name a four-digit year ("12" is not a date,
  // though Date.parse says 2001-12-01).
  if (!/\b\d{4}\b/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** DD/MM/YYYY or DD-MM-YYYY or DD.MM.YYYY. */
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
