/**
 * Near-duplicate articles: the same story sent out twice, or lightly
 * rewritten by a second outlet (wire copies). It owns the text fingerprint —
 * word shingles of the normalized text, a MinHash signature over them — the
 * LSH banding that finds candidate pairs without comparing every pair, and
 * `nearDuplicates(store, id)`, which looks for copies of one stored article
 * among the stored articles published within a few days of it.
 *
 * Shingle size, measured on examples/articles.jsonl (title, abstract and
 * text; shingles as below), whose two rewritten pairs (ex-003/ex-004,
 * ex-015/ex-016) are the kind of copy this is for. Exact Jaccard of the
 * pairs / highest of any other pair of the 24 articles:
 *   5-shingles 0.451, 0.459 / 0.019  (under the 0.5 bar: a rewrite breaks most 5-word runs)
 *   4-shingles 0.494, 0.511 / 0.025
 *   3-shingles 0.561, 0.575 / 0.034  ← used
 * Light rewrites pass the bar and unrelated articles stay far below it.
 *
 * Words are compared on normalizeKey, so spelling variants of the same
 * letters (أ/ا, ة/ه, diacritics) do not break a shingle.
 *
 * Scores are MinHash estimates of that Jaccard (SIGNATURE_SIZE hashes:
 * standard error about 0.044 at 0.5; on the pairs above 0.563 and 0.602). LSH uses LSH_BANDS bands of
 * LSH_ROWS rows: two articles become candidates when any band agrees, which
 * for a true Jaccard of 0.5 happens with probability 1 − (1 − 0.5²)^64 ≈ 1,
 * so the banding loses no pair the estimate would keep.
 *
 * The corpus query (`nearDuplicates`) reads the article list through
 * listArticles, so it is SQLite-only like the other corpus queries.
 */
import { type ArticleSummary, listArticles } from "../server/queries.js";
import type { Store } from "../store/types.js";
import { normalizeKey } from "../text/normalize.js";
import { forEachToken } from "../text/tokenize.js";

/** Words per shingle (see the measurement above). */
export const SHINGLE_WORDS = 3;
/** MinHash functions per signature. */
export const SIGNATURE_SIZE = 128;
/** LSH: bands × rows = SIGNATURE_SIZE. */
export const LSH_BANDS = 64;
export const LSH_ROWS = SIGNATURE_SIZE / LSH_BANDS;
/** Estimated Jaccard at or above which two articles are near-duplicates. */
export const NEAR_DUP_THRESHOLD = 0.5;
/** Copies are looked for among articles published this many days before or after. */
export const WINDOW_DAYS = 3;
/** At most this many articles in the date window are compared (the newest first). */
export const MAX_CANDIDATES = 2000;

const DAY_MS = 86_400_000;

/** FNV-1a, 32 bits: the shingle's id. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3_32 of one 32-bit key under a seed: the i-th MinHash function is this hash with seed i. */
function murmur(key: number, seed: number): number {
  let k = Math.imul(key, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = seed ^ k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds (a simple LCG) so signatures are the same on every run and machine. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let s = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    seeds[i] = s;
  }
  return seeds;
})();

/** The text's word shingles (normalized words, numbers included), as 32-bit ids. A text shorter than a shingle is one shingle. */
export function shingles(text: string, size = SHINGLE_WORDS): Set<number> {
  const words: string[] = [];
  forEachToken(text, (start, end, kind) => {
    if (kind === "punct") return;
    const key = normalizeKey(text.slice(start, end));
    if (key) words.push(key);
  });
  const out = new Set<number>();
  if (words.length === 0) return out;
  if (words.length < size) {
    out.add(fnv1a(words.join(" ")));
    return out;
  }
  for (let i = 0; i + size <= words.length; i++) out.add(fnv1a(words.slice(i, i + size).join(" ")));
  return out;
}

/** MinHash signature of a shingle set; null for an empty set (nothing to compare). */
export function signature(set: Set<number>): Uint32Array | null {
  if (set.size === 0) return null;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = murmur(x, SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard: the share of signature slots that agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Exact Jaccard of two shingle sets (for checking the estimate). */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    keys.push(`${b}:${Array.from(sig.subarray(b * LSH_ROWS, (b + 1) * LSH_ROWS)).join(",")}`);
  }
  return keys;
}

export interface NearDuplicate {
  id: string;
  /** Estimated Jaccard of the two texts' shingles, two decimals. */
  similarity: number;
}

/** An LSH index of signatures: add texts, then ask which ones are near-duplicates of a text. */
export class NearDupIndex {
  private readonly buckets = new Map<string, string[]>();
  private readonly signatures = new Map<string, Uint32Array>();

  add(id: string, text: string): void {
    const sig = signature(shingles(text));
    if (!sig || this.signatures.has(id)) return;
    this.signatures.set(id, sig);
    for (const key of bandKeys(sig)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** Indexed texts (other than `selfId`) whose estimated Jaccard with `text` is at least `threshold`, most similar first. */
  query(text: string, selfId: string | null = null, threshold = NEAR_DUP_THRESHOLD): NearDuplicate[] {
    const sig = signature(shingles(text));
    if (!sig) return [];
    const candidates = new Set<string>();
    for (const key of bandKeys(sig)) for (const id of this.buckets.get(key) ?? []) if (id !== selfId) candidates.add(id);
    const out: NearDuplicate[] = [];
    for (const id of candidates) {
      const s = estimateJaccard(sig, this.signatures.get(id) as Uint32Array);
      if (s >= threshold) out.push({ id, similarity: Math.round(s * 100) / 100 });
    }
    return out.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
  }
}

export interface StoredNearDuplicate extends NearDuplicate {
  title: string;
  published: string | null;
  outlet: string | null;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Stored articles that are near-duplicates of the stored article `id`, among
 * those published within WINDOW_DAYS of it. null when there is no such
 * article; [] when it is undated (there is no window to look in).
 */
export async function nearDuplicates(store: Store, id: string, threshold = NEAR_DUP_THRESHOLD): Promise<StoredNearDuplicate[] | null> {
  const me = await store.get(id);
  if (!me) return null;
  const day = me.published?.slice(0, 10);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
  const window = listArticles(store, { from: shiftDay(day, -WINDOW_DAYS), to: shiftDay(day, WINDOW_DAYS) }, MAX_CANDIDATES, 0);
  const index = new NearDupIndex();
  const listed = new Map<string, ArticleSummary>();
  for (const a of window.items) {
    if (a.id === id) continue;
    const doc = await store.get(a.id);
    if (!doc) continue;
    listed.set(a.id, a);
    index.add(a.id, doc.text);
  }
  return index.query(me.text, id, threshold).map((d) => {
    const a = listed.get(d.id) as ArticleSummary;
    return { ...d, title: a.title, published: a.published, outlet: a.outlet };
  });
}
