/**
 * RSS 2.0 and Atom feeds: fetching over HTTP (with a timeout and a size cap,
 * so a dead or endless server costs one clear message, never a hang) and
 * parsing items into RawInputs. Parsing uses linkedom's DOMParser in XML
 * mode; only the handful of elements that carry an article are read.
 *
 * Each item becomes one article from what the feed itself carries (title,
 * link, date, and the richest body the item has: content:encoded, then
 * Atom content, then description/summary). Linked pages are not fetched.
 */
import { DOMParser } from "linkedom";
import { looksLikeHtml } from "../article/index.js";
import type { RawInput } from "../article/input.js";
import { InputError } from "../errors.js";
import { decodeBytes } from "../text/decode.js";

export const DEFAULT_FEED_TIMEOUT_MS = 20_000;
/** A feed larger than this is refused (real feeds are well under 5 MB). */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;

/** Item body elements, richest first. */
const BODY_TAGS = ["content:encoded", "content", "description", "summary"];
const DATE_TAGS = ["pubDate", "published", "dc:date", "updated"];
const AUTHOR_TAGS = ["dc:creator", "author"];

export interface FeedItem {
  title: string | null;
  link: string | null;
  published: string | null;
  author: string | null;
  body: string;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** GET `url` and return its decoded body. Throws InputError(url, …) on any failure. */
export async function fetchFeed(url: string, timeoutMs = DEFAULT_FEED_TIMEOUT_MS, maxBytes = MAX_FEED_BYTES): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const chunks: Buffer[] = [];
  try {
    const res = await fetch(url, {
      signal,
      redirect: "follow",
      headers: { accept: "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.5" },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new InputError(url, `the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}; feed skipped`);
    }
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > maxBytes) {
          throw new InputError(url, `feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; skipped`);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError")
      throw new InputError(url, `no complete answer within ${seconds(timeoutMs)} (timed out); feed skipped`);
    const code = e.cause?.code;
    if (code === "ECONNREFUSED") throw new InputError(url, "connection refused; feed skipped");
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") throw new InputError(url, "host not found; feed skipped");
    throw new InputError(url, `cannot fetch (${code ?? e.cause?.message ?? e.message}); feed skipped`);
  }
  const buf = Buffer.concat(chunks);
  if (buf.length === 0) throw new InputError(url, "the server sent an empty answer; feed skipped");
  return decodeBytes(buf, url).text;
}

type El = {
  tagName: string;
  textContent: string | null;
  children: Iterable<El>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<El>;
};

function child(el: El, names: string[]): El | null {
  for (const name of names) for (const c of el.children) if (c.tagName === name) return c;
  return null;
}

function text(el: El | null): string | null {
  const t = el?.textContent?.trim();
  return t ? t : null;
}

function atomLink(entry: El): string | null {
  let fallback: string | null = null;
  for (const c of entry.children) {
    if (c.tagName !== "link") continue;
    const href = c.getAttribute("href");
    const rel = c.getAttribute("rel");
    if (href && (rel === null || rel === "alternate")) return href;
    if (href && fallback === null) fallback = href;
  }
  return fallback;
}

/** Items of an RSS or Atom document. Throws InputError(where, …) when it is neither. */
export function parseFeed(xml: string, where: string): FeedItem[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as { documentElement: El | null };
  const root = doc.documentElement;
  const kind = root?.tagName.toLowerCase();
  if (!root || (kind !== "rss" && kind !== "feed" && kind !== "rdf:rdf")) {
    throw new InputError(where, "not an RSS or Atom feed (give a feed URL, or save the page and ingest the .html file)");
  }
  const atom = kind === "feed";
  const items = Array.from(root.getElementsByTagName(atom ? "entry" : "item"));
  return items.map((item) => ({
    title: text(child(item, ["title"])),
    link: atom ? atomLink(item) : (text(child(item, ["link"])) ?? text(child(item, ["guid"]))),
    published: text(child(item, DATE_TAGS)),
    author: text(child(item, AUTHOR_TAGS)),
    body: text(child(item, BODY_TAGS)) ?? "",
  }));
}

/** The outlet name of a feed: its host without "www.". */
export function feedOutlet(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** One feed item as an article input. */
export function itemToInput(item: FeedItem, feedUrl: string): RawInput {
  const html = looksLikeHtml(item.body);
  return {
    format: html ? "html" : "txt",
    content: html ? `<html><body><article>${item.body}</article></body></html>` : item.body,
    title: item.title,
    url: item.link ?? feedUrl,
    outlet: feedOutlet(feedUrl),
    published: item.published,
    author: item.author,
  };
}
