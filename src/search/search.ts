/**
 * Search over a store: user query → analyzed clauses (query.ts) → ranked page
 * from the backend (BM25 over analyzer terms) → snippets with highlights over
 * each hit's display text (snippet.ts). Backend-neutral: the CLI, the
 * server and the evaluation all search through here or through
 * Store.search with a parsed query.
 */
import { InputError } from "../errors.js";
import type { SearchFilters, Store } from "../store/types.js";
import { type ParsedQuery, parseQuery } from "./query.js";
import { type Highlight, makeSnippet, type Snippet } from "./snippet.js";
import { titleEnd } from "./terms.js";

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

export interface SearchOptions {
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
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
}

export interface SearchResult {
  query: string;
  /** The analyzed form: what was actually searched. */
  parsed: { must: string[][]; not: string[][]; dropped: string[] };
  filters: SearchFilters;
  total: number;
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
  const page = await store.search({ must, not, filters, limit, offset }, { withText: true });
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
    };
  });
  return {
    query,
    parsed: { must, not, dropped: parsed.dropped },
    filters,
    total: page.total,
    offset,
    limit,
    hits,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
