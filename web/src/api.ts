/**
 * Talking to the Marsad API from the browser: one fetch wrapper (JSON in and
 * out, the API key when the user gave one, errors turned into ApiFailure
 * with the server's message) and the `useApi` hook every page loads data
 * with. The response types mirror src/server (queries.ts, routes-*.ts) and
 * src/search/search.ts; the document type is the engine's own.
 */
import { useEffect, useState } from "preact/hooks";
import type { ArticleDocument } from "../../src/document.js";

export type { Entity, Event, Quote } from "../../src/document.js";
export type { ArticleDocument };

export interface Highlight {
  start: number;
  end: number;
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
  snippet: { text: string; highlights: Highlight[] };
}

export interface SearchResult {
  query: string;
  total: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  tookMs: number;
}

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
  firstDay: string | null;
  lastDay: string | null;
  outlets: Array<{ name: string; articles: number }>;
  sections: Array<{ name: string; articles: number }>;
}

export interface RelatedItem extends ArticleSummary {
  score: number;
  reason: "entities" | "words";
  shared: string[];
}

export interface EntitySummary {
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  names: Array<{ name: string; articles: number }>;
  articles: number;
  mentions: number;
  firstDay: string | null;
  lastDay: string | null;
}

export interface TimelinePoint {
  period: string;
  articles: number;
  mentions: number;
}

export interface CoEntity {
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  articles: number;
}

export interface QuoteItem {
  articleId: string;
  title: string;
  published: string | null;
  text: string;
  speakerName: string | null;
  cue: string | null;
  direct: boolean;
}

export interface EventItem {
  articleId: string;
  title: string;
  published: string | null;
  type: string;
  trigger: string;
  source: Participant[];
  target: Participant[];
  confidence: number;
}

/** An event participant: its entity key (kbId or name) and a name to show. */
export interface Participant {
  key: string;
  name: string;
}

export interface EventPage extends Page<EventItem> {
  counts: Array<{ period: string; type: string; events: number }>;
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
