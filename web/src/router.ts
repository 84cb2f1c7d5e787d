/**
 * Hash routing: the page and its parameters live after the "#", so the
 * server serves one index.html and a link or a reload lands on the same
 * view. Links are built with `href` and never by hand, so every route has
 * one spelling.
 *
 *   #/  #/search?q=…&from=&to=&outlet=&section=&collapse=false&offset=   search
 *   #/article/ID                                                      article
 *   #/entity/KEY                                                      entity (kbId or any name)
 *   #/dyad?a=KEY&b=KEY&by=day&asserted=false                          two actors
 *   #/analyze                                                         paste and analyze
 *
 * Optional parameters are left out at their default (collapse=true,
 * by=month, asserted=true), so a plain link and the default view are one
 * URL.
 */
import { useEffect, useState } from "preact/hooks";
import { qs } from "./api.js";

export type Route =
  | { page: "search"; params: URLSearchParams }
  | { page: "article"; id: string }
  | { page: "entity"; key: string }
  | { page: "dyad"; params: URLSearchParams }
  | { page: "analyze" }
  | { page: "unknown"; path: string };

/** The dyad page's view options: series granularity, and every event or only asserted ones. */
export interface DyadView {
  by: "month" | "day";
  all: boolean;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0 || (parts[0] === "search" && parts.length === 1)) return { page: "search", params };
  if (parts[0] === "article" && parts.length === 2) return { page: "article", id: parts[1] };
  if (parts[0] === "entity" && parts.length === 2) return { page: "entity", key: parts[1] };
  if (parts[0] === "dyad" && parts.length === 1) return { page: "dyad", params };
  if (parts[0] === "analyze" && parts.length === 1) return { page: "analyze" };
  return { page: "unknown", path };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

export const href = {
  search: (params: Record<string, string | number | null | undefined> = {}) => `#/search${qs(params)}`,
  article: (id: string) => `#/article/${encodeURIComponent(id)}`,
  entity: (key: string) => `#/entity/${encodeURIComponent(key)}`,
  dyad: (a?: string | null, b?: string | null, view?: DyadView) =>
    `#/dyad${qs({ a, b, by: view?.by === "day" ? "day" : null, asserted: view?.all ? "false" : null })}`,
  analyze: () => "#/analyze",
};

export function go(to: string): void {
  if (location.hash === to) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = to;
}
