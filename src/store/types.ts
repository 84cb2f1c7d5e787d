/**
 * The corpus store: the one interface every backend implements (SQLite, the
 * embedded default, in src/store/sqlite; PostgreSQL, the scale-out backend,
 * in src/store/postgres). Every method is async so that a networked backend
 * fits the same shape as the embedded one, and every corpus view the CLI and
 * the HTTP API show (article lists, entity pages, quotes, events, related
 * articles, near-duplicates, collapsed search) is a method here, answered in
 * each backend's own SQL with the same results (test/store-corpus.test.ts runs
 * one test body against both).
 *
 * What crosses this boundary is already analyzed: ingest workers turn a
 * `marsad.article/1` document into an IndexedDocument (serialized JSON, the
 * indexed columns, search terms, entity/quote/event rows, the near-duplicate
 * signature), and search hands the store a TermQuery built from analyzed
 * terms. User query syntax never reaches a backend, so no backend has to
 * defend against it. Matching keys (entity names, outlets, participants) are
 * made by src/store/keys.ts on top of normalizeKey, never in SQL.
 */
import type { ArticleDocument, EntityType } from "../document.js";
import type { KbRow } from "../kb/rows.js";

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
  /**
   * The names it is written with in this article — its name and the text of
   * each mention — as distinct alias keys (src/store/keys.ts aliasKey), so
   * that a plain name (بوتين) finds the entity (per:فلاديمير_بوتين).
   */
  aliases: string[];
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
  /** Entities named inside the quoted span, as kbIds when linked, else names (what the quote is about). */
  about: string[];
}

/** How an event is stated: as having happened, as to come, or as a condition/possibility. */
export type EventMode = "asserted" | "future" | "hypothetical";
export const EVENT_MODES: readonly EventMode[] = ["asserted", "future", "hypothetical"];

export interface EventRow {
  type: string;
  start: number;
  end: number;
  trigger: string;
  /** Participants as kbIds when linked, else entity names. */
  source: string[];
  target: string[];
  confidence: number;
  /** The text says it did NOT happen ("لم يلتق"). */
  negated: boolean;
  mode: EventMode;
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
  /**
   * MinHash signature of the text's word shingles (src/corpus/near-dup.ts,
   * SIGNATURE_SIZE unsigned 32-bit values), or null for a text without
   * words. The store files the document under a story with it.
   */
  signature: number[] | null;
  /**
   * Knowledge-base rows the document taught (src/kb learn(), source
   * "learned"). Written in the same transaction as the document, only when
   * the document is new, merged into the kb table (count summed, dates
   * widened), so re-ingesting an article teaches nothing twice.
   */
  kbRows: KbRow[];
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

export interface DayFilters {
  /** Inclusive day range, YYYY-MM-DD (compared on the first 10 characters of `published`). */
  from?: string | null;
  to?: string | null;
}

export interface SearchFilters extends DayFilters {
  /** Outlet, compared on its key: case, spaces, "-", "_" and "." do not matter (jawharafm = "Jawhara FM"). */
  outlet?: string | null;
  /** Section, compared case-insensitively. */
  section?: string | null;
  /** Entity knowledge-base id (or, failing that, name compared on its matching key). */
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
  /**
   * One hit per story: matching documents of the same story (near-duplicate
   * copies) are folded into the best-ranked one, listed in its `copies`, and
   * `total` counts stories. Default false (every document).
   */
  collapse?: boolean;
}

/** Another document of the same story, listed in a collapsed hit. */
export interface StoryCopy {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
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
  /** Collapsed search only: the other matching documents of the story (at most MAX_STORY_COPIES), best ranked first. */
  copies?: StoryCopy[];
  /** Collapsed search only: how many other matching documents the story has (may exceed copies.length). */
  copyCount?: number;
}

export interface HitPage {
  /** What matches before paging: stories when collapsed, else documents (see `unit`). */
  total: number;
  unit: "stories" | "documents";
  /** Matching documents (equals `total` when not collapsed). */
  documents: number;
  hits: StoredHit[];
}

/** Copies listed per collapsed hit (copyCount says how many there are in all). */
export const MAX_STORY_COPIES = 20;

export interface StoreStats {
  documents: number;
  entities: number;
  quotes: number;
  events: number;
  schemaVersion: number;
}

// ------------------------------------------------------------------ corpus views

export interface ListFilters extends SearchFilters {}

export interface ArticleSummary {
  id: string;
  title: string;
  published: string | null;
  outlet: string | null;
  section: string | null;
  url: string | null;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface Facets {
  documents: number;
  /** Stories: documents with their near-duplicate copies counted once. */
  stories: number;
  entities: number;
  quotes: number;
  events: number;
  firstDay: string | null;
  lastDay: string | null;
  outlets: Array<{ name: string; articles: number }>;
  sections: Array<{ name: string; articles: number }>;
}

export interface EntitySummary {
  /** The key it was looked up by. */
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  /** Names it appears under, most frequent first. */
  names: Array<{ name: string; articles: number }>;
  articles: number;
  mentions: number;
  firstDay: string | null;
  lastDay: string | null;
}

export interface TimelinePoint {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string;
  articles: number;
  mentions: number;
}

export interface CoEntity {
  /** kbId when linked, else the name: what /api/entities/:key takes. */
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  /** Articles that mention both. */
  articles: number;
}

export interface QuoteFilters extends DayFilters {
  /** Speaker: kbId, or name compared on its matching key. */
  speaker?: string | null;
  /** Only quotes whose quoted span names this entity (kbId, or name compared on its matching key). */
  about?: string | null;
}

export interface QuoteItem {
  articleId: string;
  title: string;
  published: string | null;
  outlet: string | null;
  text: string;
  start: number;
  end: number;
  speakerKbId: string | null;
  speakerName: string | null;
  cue: string | null;
  direct: boolean;
}

export interface EventFilters extends DayFilters {
  /** Participant on the acting side (kbId or name). */
  source?: string | null;
  /** Participant on the receiving side. */
  target?: string | null;
  /** Participant on either side. */
  actor?: string | null;
  /** Event type, any case. */
  type?: string | null;
  /** Granularity of `counts` (default month). */
  by?: "month" | "day";
  /**
   * Every event, negated, future and hypothetical ones included. Default
   * false: rows and counts hold only events stated as having happened
   * (mode "asserted", not negated).
   */
  all?: boolean;
}

/** An event participant: the key it is stored under (kbId or name) and a name to show. */
export interface Participant {
  key: string;
  name: string;
}

export interface EventItem {
  articleId: string;
  title: string;
  published: string | null;
  type: string;
  trigger: string;
  start: number;
  end: number;
  source: Participant[];
  target: Participant[];
  confidence: number;
  negated: boolean;
  mode: EventMode;
}

export interface EventCount {
  /** YYYY-MM or YYYY-MM-DD, as asked by `by`. */
  period: string;
  type: string;
  events: number;
}

export interface EventPage extends Page<EventItem> {
  /** Matching events per period and type (for charts), oldest first. Undated articles are left out. */
  counts: EventCount[];
}

export interface RelatedItem extends ArticleSummary {
  score: number;
  /** Why: the entities shared with the article ("entities"), or its title's words ("words"). */
  reason: "entities" | "words";
  shared: string[];
}

/**
 * What to look an entity up by (src/corpus/entities.ts makes it from what a
 * user typed): alias keys to match whole, and single words to match inside
 * a multi-word alias.
 */
export interface EntityLookup {
  /** Alias keys (src/store/keys.ts aliasKey) matched against whole names and mentions. */
  keys: string[];
  /** Alias keys of single words matched against the words of multi-word names. */
  words: string[];
}

/** An entity some alias matched: linked ones by kbId, unlinked ones by name key. */
export interface EntityRef {
  /** The kbId, or the matching key of the name for an unlinked entity. */
  ref: string;
  linked: boolean;
  /** true when only a word of one of its names matched (a weaker match). */
  word: boolean;
  /** Its mentions in the corpus (as EntitySummary.mentions counts them). */
  mentions: number;
}

/** A stored document whose signature may make it a near-duplicate of another. */
export interface NearDupCandidate extends ArticleSummary {
  signature: Uint32Array;
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
   * recorded in the same transaction. A new document joins the story of its
   * most similar stored near-duplicate (src/corpus/near-dup.ts), or starts one.
   */
  put(items: PutItem[]): Promise<PutResult>;
  /** One stored document by id, or null. */
  get(id: string): Promise<ArticleDocument | null>;
  /** Every stored document, in storage order (for evaluations and re-indexing). */
  documents(): AsyncIterable<ArticleDocument>;
  search(q: TermQuery, opts?: { withText?: boolean }): Promise<HitPage>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;

  /** Articles, newest first, with the same filters as search. */
  list(f: ListFilters, limit: number, offset: number): Promise<Page<ArticleSummary>>;
  /** Corpus size, date range, and the outlets and sections there are (for filter menus). */
  facets(): Promise<Facets>;
  /**
   * Delete one article with its index entry, rows and input hashes (so
   * ingesting the same input again stores it again). false when no article
   * has that id.
   */
  delete(id: string): Promise<boolean>;
  /** An entity (kbId, or name on its matching key) across the corpus, or null when no article mentions it. */
  entity(key: string): Promise<EntitySummary | null>;
  /** Articles mentioning the entity (and its mentions) per day or month, oldest first; undated articles are left out. */
  entityTimeline(key: string, by: "day" | "month", f: DayFilters): Promise<TimelinePoint[]>;
  /** Entities that appear in the same articles as this one, most shared articles first. */
  cooccurrence(key: string, limit: number): Promise<CoEntity[]>;
  /** Quotes, newest first. */
  quotes(f: QuoteFilters, limit: number, offset: number): Promise<Page<QuoteItem>>;
  /** Events, newest first, with counts per period and type. */
  events(f: EventFilters, limit: number, offset: number): Promise<EventPage>;
  /**
   * Articles related to one article: first those sharing its entities (score:
   * sum over shared entities of the product of saliences), then, to fill the
   * list, those ranked for the words of its title. null when the article
   * does not exist.
   */
  related(id: string, limit: number): Promise<RelatedItem[] | null>;
  /**
   * Entities with an alias (or, for `words`, an alias word) among the
   * lookup's keys: whole-alias matches first, then by mentions, most first;
   * at most `limit`.
   */
  entityRefs(lookup: EntityLookup, limit: number): Promise<EntityRef[]>;
  /**
   * Stored documents sharing a MinHash band with the document `id` and
   * published within `windowDays` of it (both undated also counts), newest
   * first, at most `max`; with the document's own signature (null when its
   * text has no words). null when there is no such document.
   */
  nearDuplicateCandidates(
    id: string,
    windowDays: number,
    max: number,
  ): Promise<{ self: ArticleSummary & { signature: Uint32Array | null }; candidates: NearDupCandidate[] } | null>;

  /**
   * The knowledge-base rows this corpus holds: learned from ingested articles
   * and imported by the user (the seed stays in models/kb), ordered by
   * kbId, alias, source. Ingest adds them to the seed KB it links with.
   */
  kbRows(): Promise<KbRow[]>;
  /**
   * Store knowledge-base rows (a user import): learned rows are merged with
   * the stored row of the same kbId, alias and source (count summed, dates
   * widened), user rows replace it. Aliases are stored in canonical form
   * (src/kb/rows.ts canonicalAlias). Rows of another source (seed, country,
   * curated) are an InputError: those live in models/kb. Returns the number
   * of rows written (after merging duplicates within `rows`).
   */
  putKbRows(rows: KbRow[]): Promise<number>;
}
