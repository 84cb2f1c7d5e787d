/**
 * Talking to the Marsad API from the browser: one fetch wrapper (JSON in and
 * out, the API key when the user gave one, errors turned into ApiFailure
 * with the server's message) and the `useApi` hook every page loads data
 * with.
 *
 * Response types: the corpus views are the Store's own types
 * (src/store/types.ts, imported as types only, so they cannot drift); the
 * envelopes the routes add around them (src/server/routes-read.ts: `key`,
 * `resolved`, `role`, `nearDuplicates`) and the search answer
 * (src/search/search.ts, whose module is not type-only) are written out
 * here, as the OpenAPI document (src/server/openapi.ts) describes them.
 */
import { useEffect, useState } from "preact/hooks";
import type { ArticleDocument } from "../../src/document.js";
import type { EntitySummary, EventPage, RelatedItem, StoryCopy, TimelinePoint } from "../../src/store/types.js";

export type { Entity, Event, Quote } from "../../src/document.js";
export type {
  ArticleSummary,
  CoEntity,
  EntitySummary,
  EventCount,
  EventItem,
  EventMode,
  EventPage,
  Facets,
  Page,
  Participant,
  QuoteItem,
  RelatedItem,
  StoryCopy,
  TimelinePoint,
} from "../../src/store/types.js";
export type { ArticleDocument };

export interface Highlight {
  start: number;
  end: number;
}

/** One hit of GET /api/search: a story (collapsed, the default) or a document (collapse=false). */
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
  snippet: { text: string; highlights: Highlight[] };
  /** Other matching documents of the same story, best ranked first (at most 20; empty when not collapsed). */
  alsoReportedBy: StoryCopy[];
  /** How many other matching documents the story has (may exceed alsoReportedBy.length). */
  copies: number;
}

export interface SearchResult {
  query: string;
  /** true: one hit per story; false (collapse=false): every document. */
  collapsed: boolean;
  /** Matches before paging, counted in `unit`. */
  total: number;
  unit: "stories" | "documents";
  /** Matching documents, copies included. */
  documents: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  tookMs: number;
}

/** An entity the name in the path could also mean. */
export interface Alternative {
  key: string;
  name: string;
  mentions: number;
}

/** Present when the path named the entity by a name that is not its key. */
export interface Resolved {
  query: string;
  key: string;
  match: "id" | "alias" | "loose";
  alternatives: Alternative[];
}

/** GET /api/entities/{key}. */
export interface EntityReply extends EntitySummary {
  resolved?: Resolved;
}

/** GET /api/entities/{key}/timeline. */
export interface TimelineReply {
  key: string;
  by: "month" | "day";
  points: TimelinePoint[];
}

/** GET /api/entities/{key}/events. */
export interface EntityEventsReply extends EventPage {
  key: string;
  role: "any" | "source" | "target";
}

/** A stored copy of the same story elsewhere (GET /api/articles/{id}/related). */
export interface NearDuplicate {
  id: string;
  title: string;
  published: string | null;
  outlet: string | null;
  /** Estimated Jaccard of the two texts' word shingles, 0..1. */
  similarity: number;
}

/** GET /api/articles/{id}/related. */
export interface RelatedReply {
  id: string;
  items: RelatedItem[];
  nearDuplicates: NearDuplicate[];
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const KEY_STORAGE = "marsad-api-key";

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string): void {
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage disabled: the key lasts until the page is reloaded.
  }
}

/** Query string from the non-empty values of `params`. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export async function api<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
  const headers = new Headers(init.headers);
  const key = apiKey();
  if (key) headers.set("x-api-key", key);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, signal });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiFailure(0, "network", "الخادم لا يستجيب: تحقق من أن marsad serve يعمل.");
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(res.status, e?.code ?? "http", e?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export type Load<T> = { state: "loading" } | { state: "ok"; data: T } | { state: "error"; error: ApiFailure };

/** GET `path` whenever it changes (null: do nothing); returns the state and a reload function. */
export function useApi<T>(path: string | null): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    setLoad({ state: "loading" });
    api<T>(path, {}, ctl.signal).then(
      (data) => setLoad({ state: "ok", data }),
      (err: unknown) => {
        if ((err as Error).name === "AbortError") return;
        setLoad({ state: "error", error: err instanceof ApiFailure ? err : new ApiFailure(0, "client", String(err)) });
      },
    );
    return () => ctl.abort();
  }, [path, round]);
  return [load, () => setRound((r) => r + 1)];
}
