/**
 * Assembling the structural part of a `marsad.article/1` document: the
 * canonical text (title, lead and paragraphs joined by "\n\n") that every
 * later offset points into, the id and the source block. The publication
 * date is parsed in published.ts. Later layers start empty.
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
