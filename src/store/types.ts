/**
 * The corpus store: the one interface every backend implements (SQLite, the
 * embedded default, in src/store/sqlite; PostgreSQL later in
 * src/store/postgres). Every method is async so that a networked backend fits
 * the same shape as the embedded one.
 *
 * What crosses this boundary is already analyzed: ingest workers turn a
 * `marsad.article/1` document into an IndexedDocument (serialized JSON, the
 * indexed columns, search terms, entity/quote/event rows), and search hands
 * the store a TermQuery built from analyzed terms. User query syntax never
 * reaches a backend, so no backend has to defend against it.
 */
import type { ArticleDocument, EntityType } from "../document.js";

/** One entity of a document, flattened for the mentions table. */
export interface EntityRow {
  /** Article-local id ("e1"). */
  localId: string;
  kbId: string | null;
  name: string;
  type: EntityType;
  /** Number of mentions in the article. */
  mentions: number;
  salience: number;
}

export interface QuoteRow {
  start: number;
  end: number;
  text: string;
  /** Speaker as a knowledge-base id, when the speaker entity is linked. */
  speakerKbId: string | null;
  /** Speaker's display name (entity name, else the speaker text). */
  speakerName: string | null;
  cue: string | null;
  direct: boolean;
}

export interface EventRow {
  type: string;
  start: number;
  end: number;
  trigger: string;
  /** Participants as kbIds when linked, else entity names. */
  source: string[];
  target: string[];
  confidence: number;
}

/** A document ready to be stored: everything a backend writes, precomputed off the main thread. */
export interface IndexedDocument {
  id: string;
  /** The whole `marsad.article/1` document, serialized. */
  json: string;
  title: string;
  published: string | null;
  outlet: string | null;
  section: string | null;
  url: string | null;
  path: string | null;
  /** Search terms (src/text/analyzer.ts) of the title, space-joined in text order. */
  titleTerms: string;
  /** Search terms of the rest of the text (lead and paragraphs), space-joined in text order. */
  bodyTerms: string;
  entities: EntityRow[];
  quotes: QuoteRow[];
  events: EventRow[];
}

/** One document to put, with the hash of the raw input it came from (for skipping re-ingest before analysis). */
export interface PutItem {
  doc: IndexedDocument;
  inputHash: string;
}

export interface PutResult {
  /** Documents that were new. */
  added: number;
  /** Documents whose id was already stored (same content). */
  unchanged: number;
}

export interface SearchFilters {
  /** Inclusive day range, YYYY-MM-DD (compared on the first 10 characters of `published`). */
  from?: string | null;
  to?: string | null;
  outlet?: string | null;
  section?: string | null;
  /** Entity knowledge-base id (or, failing that, exact entity name). */
  entity?: string | null;
}

/**
 * A search in analyzed form. Each clause is a phrase: a sequence of terms
 * that must occur next to each other (a single word is a one-term phrase).
 * A document matches when it contains every `must` phrase and no `not` phrase.
 */
export interface TermQuery {
  must: string[][];
  not: string[][];
  filters: SearchFilters;
  limit: number;
  offset: number;
}

export interface StoredHit {
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  section: string | null;
  published: string | null;
  /** Relevance, higher is better (BM25, title weighted). */
  score: number;
  /** The document's `text`, when asked for (snippets). */
  text?: string;
}

export interface HitPage {
  /** All documents that match (before paging). */
  total: number;
  hits: StoredHit[];
}

export interface StoreStats {
  documents: number;
  entities: number;
  quotes: number;
  events: number;
  schemaVersion: number;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** File path or URL (without password), for messages. */
  readonly location: string;
  /** Of these raw-input hashes, the ones already ingested. */
  knownInputs(hashes: string[]): Promise<Set<string>>;
  /**
   * Store a batch atomically: all of it or none of it. A document whose id is
   * already stored is counted unchanged and left as it is; every input hash is
   * recorded in the same transaction.
   */
  put(items: PutItem[]): Promise<PutResult>;
  /** One stored document by id, or null. */
  get(id: string): Promise<ArticleDocument | null>;
  /** Every stored document, in storage order (for evaluations and re-indexing). */
  documents(): AsyncIterable<ArticleDocument>;
  search(q: TermQuery, opts?: { withText?: boolean }): Promise<HitPage>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
