/**
 * Near-duplicate articles: the same story sent out twice, or lightly
 * rewritten by a second outlet (wire copies). It owns the text fingerprint —
 * word shingles of the normalized text, a MinHash signature over them — the
 * LSH banding that finds candidate pairs without comparing every pair, the
 * rule that files a new article under a story (`chooseStory`, run by both
 * stores at put time), and `nearDuplicates(store, id)`, which lists the
 * copies of one stored article among the stored articles published within a
 * few days of it.
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
 * standard error about 0.044 at 0.5; on the pairs above 0.563 and 0.602).
 * LSH uses LSH_BANDS bands of LSH_ROWS rows (the first 126 of the 128
 * slots): two articles become candidates when any band agrees, which for a
 * true Jaccard of 0.5 happens with probability 1 − (1 − 0.5³)^42 ≈ 0.996
 * (0.94 at 0.4), so the banding loses almost no pair the estimate would
 * keep. The stores keep one row per band and document (doc_bands), so the
 * band count is also the index's size per document: 42 rows, where 64
 * bands of 2 rows would cost 64 for no recall that matters at this bar.
 *
 * Stories: a new article joins the story of its most similar stored
 * near-duplicate (estimate ≥ NEAR_DUP_THRESHOLD, published within
 * WINDOW_DAYS, or both undated), else it starts a story of its own. Search
 * shows one hit per story (src/search/search.ts).
 */
import type { ArticleSummary, NearDupCandidate, Store } from "../store/types.js";
import { normalizeKey } from "../text/normalize.js";
import { forEachToken } from "../text/tokenize.js";

/** Words per shingle (see the measurement above). */
export const SHINGLE_WORDS = 3;
/** MinHash functions per signature. */
export const SIGNATURE_SIZE = 128;
/** LSH: bands × rows ≤ SIGNATURE_SIZE (see the header for the choice). */
export const LSH_BANDS = 42;
export const LSH_ROWS = 3;
/** Estimated Jaccard at or above which two articles are near-duplicates. */
export const NEAR_DUP_THRESHOLD = 0.5;
/** Copies are looked for among articles published this many days before or after. */
export const WINDOW_DAYS = 3;
/** At most this many candidates (articles sharing a band, in the date window) are compared, the newest first. */
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

/** The text's signature as stored (IndexedDocument.signature): plain numbers, or null for a text without words. */
export function textSignature(text: string): number[] | null {
  const sig = signature(shingles(text));
  return sig ? Array.from(sig) : null;
}

/** A signature as bytes (little-endian uint32s), for a BLOB / bytea column. */
export function encodeSignature(sig: ArrayLike<number>): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i] >>> 0, i * 4);
  return buf;
}

/** The bytes of encodeSignature back as a signature; null when they are not one. */
export function decodeSignature(buf: Uint8Array | null | undefined): Uint32Array | null {
  if (!buf || buf.length !== SIGNATURE_SIZE * 4) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const sig = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

function bandKeys(sig: ArrayLike<number>): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    const row: number[] = [];
    for (let r = 0; r < LSH_ROWS; r++) row.push(sig[b * LSH_ROWS + r]);
    keys.push(`${b}:${row.join(",")}`);
  }
  return keys;
}

/**
 * The LSH bands of a signature as integers for the stores' doc_bands table:
 * one per band, 52 bits (a safe JavaScript integer, an SQLite INTEGER, a
 * PostgreSQL bigint), hashing the band number with its rows. Two documents
 * share a value when that band agrees (or, one time in 2^52, by collision,
 * which only adds a candidate that the full signature then rejects).
 */
export function bandHashes(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let lo = murmur(b + 1, 0x2545f491);
    let hi = murmur(b + 1, 0x9e3779b1);
    for (let r = 0; r < LSH_ROWS; r++) {
      const v = sig[b * LSH_ROWS + r] >>> 0;
      lo = murmur(v ^ lo, 0x85ebca6b + r);
      hi = murmur(v ^ hi, 0xc2b2ae35 + r);
    }
    out.push((hi & 0xfffff) * 0x100000000 + lo);
  }
  return [...new Set(out)];
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

/** `day` (YYYY-MM-DD) moved by `days`. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The days a document's copies may be published on: [day − WINDOW_DAYS, day + WINDOW_DAYS]; null when undated. */
export function dayWindow(day: string | null, days = WINDOW_DAYS): { lo: string; hi: string } | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return { lo: shiftDay(day, -days), hi: shiftDay(day, days) };
}

/** A stored document as a story candidate: its number, story and signature. */
export interface StoryCandidate {
  n: number;
  story: number;
  signature: Uint32Array;
}

/**
 * The story a new document joins: that of its most similar candidate whose
 * estimate reaches `threshold` (the earliest such candidate on a tie), or
 * null when none does (the document starts its own story).
 */
export function chooseStory(sig: Uint32Array, candidates: StoryCandidate[], threshold = NEAR_DUP_THRESHOLD): number | null {
  let best: StoryCandidate | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    const s = estimateJaccard(sig, c.signature);
    if (s < threshold) continue;
    if (s > bestScore || (s === bestScore && best !== null && c.n < best.n)) {
      best = c;
      bestScore = s;
    }
  }
  return best ? best.story : null;
}

/**
 * Stored articles that are near-duplicates of the stored article `id`: those
 * sharing an LSH band with it, published within WINDOW_DAYS of it (an
 * undated article is compared with undated ones), whose estimate reaches
 * `threshold`; most similar first. null when there is no such article.
 */
export async function nearDuplicates(store: Store, id: string, threshold = NEAR_DUP_THRESHOLD): Promise<StoredNearDuplicate[] | null> {
  const found = await store.nearDuplicateCandidates(id, WINDOW_DAYS, MAX_CANDIDATES);
  if (!found) return null;
  const { self, candidates } = found;
  if (!self.signature) return [];
  const byId = new Map<string, NearDupCandidate>(candidates.map((c) => [c.id, c]));
  const out: StoredNearDuplicate[] = [];
  for (const c of byId.values()) {
    const s = estimateJaccard(self.signature, c.signature);
    if (s >= threshold)
      out.push({ id: c.id, similarity: Math.round(s * 100) / 100, title: c.title, published: c.published, outlet: c.outlet });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
}

export type { ArticleSummary };
