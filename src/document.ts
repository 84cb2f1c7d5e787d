/**
 * The `marsad.article/1` document: the one typed object that flows down the
 * pipeline. Each stage fills its own fields and never rewrites another's
 * (see docs/schema.md for the field-by-field contract).
 *
 * Every `start`/`end` in the document is a UTF-16 code-unit offset into
 * `text`, end exclusive, so `text.slice(start, end)` is the span.
 */

export const SCHEMA = "marsad.article/1" as const;

export interface Span {
  start: number;
  end: number;
}

export interface Source {
  /** File the article came from, when it came from a file. */
  path: string | null;
  url: string | null;
  /** Short outlet name ("skynews", "al-mayadeen"), when known. */
  outlet: string | null;
  /** Section or category given by the source ("economy"), when known. */
  section?: string | null;
  author?: string | null;
  /** Detected input format: txt, html, jsonl. */
  format?: "txt" | "html" | "jsonl";
  /** Encoding the bytes were decoded from. */
  encoding?: string;
  /** Language and direction declared by the page (HTML only). */
  lang?: string | null;
  dir?: string | null;
}

export interface Removed {
  text: string;
  /** Why it was dropped: "chosen-for-you", "read-also", "share", "copyright", ... */
  reason: string;
}

export interface Segment {
  /** Surface form of this segment; segments of a token concatenate to its text. */
  text: string;
  /** "proclitic" | "stem" | "enclitic" */
  role: "proclitic" | "stem" | "enclitic";
}

export interface Token extends Span {
  text: string;
  /** Matching key: normalized form (see src/text/normalize.ts). */
  norm: string;
  segments: Segment[];
}

export type EntityType = "PER" | "ORG" | "LOC" | "MISC";

export interface Mention extends Span {
  text: string;
}

export interface Entity {
  /** Article-local id ("e1", "e2", ...) */
  id: string;
  /** Canonical display name. */
  name: string;
  type: EntityType;
  /** Knowledge-base id, stable across articles, or null when unlinked. */
  kbId: string | null;
  mentions: Mention[];
  /** 0..1; higher means more central to the article. */
  salience: number;
}

export interface Quote extends Span {
  text: string;
  /** Entity id of the speaker, or null when unknown. */
  speaker: string | null;
  speakerText: string | null;
  /** The reporting verb or phrase ("قال", "أكد"), or null. */
  cue: string | null;
  /** true for quoted speech, false for reported (indirect) speech. */
  direct: boolean;
}

export interface Event extends Span {
  /** PLOVER event type: CONSULT, AGREE, SUPPORT, ... */
  type: string;
  /** Entity ids on the acting side (a person may be joined by the country they act for). */
  source: string[];
  /** Entity ids on the receiving side (empty for types that may have none: AGREE, PROTEST, ...). */
  target: string[];
  /** The trigger as written (`text.slice(start, end)`): the verb (also for verb + object phrases such as فرضت … عقوبات) or the meeting noun. */
  trigger: string;
  /** 0..1, from how the roles were found (see src/nlp/events/index.ts). */
  confidence: number;
  /** The text says it did not happen (لم, لن, عدم, نفى أن …). */
  negated: boolean;
  /** Said to happen ("asserted"), planned or announced ("future": س, سوف, من المقرر), or only possible ("hypothetical": إذا, لو, قد + imperfect). */
  mode: "asserted" | "future" | "hypothetical";
  /** Index into `sentences` of the sentence the trigger is in. */
  sentence: number;
}

export interface Topic {
  label: string;
  score: number;
}

export interface DateMention extends Span {
  text: string;
  /**
   * Resolved ISO date at the precision the text gives: YYYY-MM-DD, YYYY-MM
   * ("مارس الماضي") or YYYY ("عام 2020"); null when it cannot be resolved.
   */
  value: string | null;
}

export interface ArticleDocument {
  schema: typeof SCHEMA;
  /** Stable content hash of the canonical text (see src/article/id.ts). */
  id: string;
  source: Source;
  /** ISO date (YYYY-MM-DD or full timestamp) or null. */
  published: string | null;
  title: string;
  lead: string;
  captions: string[];
  /** Body paragraphs, in order. */
  paragraphs: string[];
  removed: Removed[];
  /** title, lead and paragraphs joined by blank lines ("\n\n"). */
  text: string;
  sentences: Span[];
  /** Present only when tokens were requested. */
  tokens?: Token[];
  entities: Entity[];
  quotes: Quote[];
  events: Event[];
  topics: Topic[];
  keywords: string[];
  summary: string[];
  dates: DateMention[];
}
