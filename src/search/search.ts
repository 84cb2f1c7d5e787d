/**
 * Search over a store: user query → analyzed clauses (query.ts) → ranked page
 * from the backend (BM25 over analyzer terms) → snippets with highlights over
 * each hit's display text (snippet.ts). Backend-neutral: the CLI, the
 * server and the evaluation all search through here or through
 * Store.search with a parsed query.
 *
 * One story once: by default the hits are stories, not documents. Copies of
 * the same story (near-duplicates filed together at ingest, see
 * src/corpus/near-dup.ts) are folded into their best-ranked document, which
 * lists them under `alsoReportedBy`; `total` then counts stories and
 * `documents` the matching documents (`unit` says which `total` is).
 * `collapse: false` returns every document.
 */
import { InputError } from "../errors.js";
import type { SearchFilters, Store, StoryCopy } from "../store/types.js";
import { type ParsedQuery, parseQuery } from "./query.js";
import { type Highlight, makeSnippet, type Snippet } from "./snippet.js";
import { titleEnd } from "./terms.js";

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

export interface SearchOptions {
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
  /** One hit per story (default true); false lists every document. */
  collapse?: boolean;
}

export interface SearchHit {
  rank: number;
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  section: string | null;
  published: string | null;
  score: number;
  titleHighlights: Highlight[];
  snippet: Snippet;
  /** Other matching documents of the same story (collapsed search), best ranked first; at most MAX_STORY_COPIES. */
  alsoReportedBy: StoryCopy[];
  /** How many other matching documents the story has (may exceed alsoReportedBy.length); 0 when not collapsed. */
  copies: number;
}

export interface SearchResult {
  query: string;
  /** The analyzed form: what was actually searched. */
  parsed: { must: string[][]; not: string[][]; dropped: string[] };
  filters: SearchFilters;
  /** Whether hits are stories (copies folded) or documents. */
  collapsed: boolean;
  /** What matched before paging: stories when collapsed, else documents (see `unit`). */
  total: number;
  unit: "stories" | "documents";
  /** Matching documents, copies included. */
  documents: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  tookMs: number;
}

/** The TermQuery clauses of a parsed query. */
export function clauses(p: ParsedQuery): { must: string[][]; not: string[][] } {
  return { must: p.must.map((c) => c.terms), not: p.not.map((c) => c.terms) };
}

export async function searchCorpus(store: Store, query: string, opts: SearchOptions = {}): Promise<SearchResult> {
  const started = performance.now();
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const offset = opts.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new InputError("--limit", `must be a whole number from 1 to ${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0) throw new InputError("--offset", "must be a whole number ≥ 0");
  const filters = opts.filters ?? {};
  if (filters.from && filters.to && filters.from > filters.to)
    throw new InputError("--from", `${filters.from} is after --to ${filters.to}`);
  const parsed = parseQuery(query);
  const { must, not } = clauses(parsed);
  const collapse = opts.collapse ?? true;
  const page = await store.search({ must, not, filters, limit, offset, collapse }, { withText: true });
  const hits = page.hits.map((h, i): SearchHit => {
    const text = h.text ?? "";
    const { snippet, title } = makeSnippet(text, titleEnd({ title: h.title, text }), must);
    return {
      rank: offset + i + 1,
      id: h.id,
      title: h.title,
      url: h.url,
      outlet: h.outlet,
      section: h.section,
      published: h.published,
      score: Math.round(h.score * 1000) / 1000,
      titleHighlights: title,
      snippet,
      alsoReportedBy: h.copies ?? [],
      copies: h.copyCount ?? 0,
    };
  });
  return {
    query,
    parsed: { must, not, dropped: parsed.dropped },
    filters,
    collapsed: collapse,
    total: page.total,
    unit: page.unit,
    documents: page.documents,
    offset,
    limit,
    hits,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
