/**
 * Feature extraction for the NER tagger: every token becomes a list of 32-bit
 * feature hashes (FNV-1a over strings, an integer mixer over ids), which the
 * perceptron turns into rows of per-label weights.
 *
 * Features split in two kinds, and the split is what makes tagging fast:
 *
 *   word features     depend on the token alone (its key, stem, affixes,
 *                     shape, clusters, gazetteer-token and trigger classes).
 *                     Computed once per distinct surface form and cached in a
 *                     WordInfo; at inference their summed weights are cached
 *                     too, so a frequent word costs one map lookup.
 *   context features  depend on neighbours (words ±2, bigrams, neighbour
 *                     clusters/stems/triggers, multi-word gazetteer matches).
 *                     Built by mixing the neighbours' precomputed ids: no
 *                     string is allocated per feature in the hot path.
 *
 * Keys come from normalizeKey; clitics from segmentWord (src/text/segment.ts),
 * so the stem and the mention form improve when the segmenter does.
 */
import type { Segment } from "../../document.js";
import { digitValue, isArabicLetter, isArabicMark, isLatinLetter } from "../../text/chars.js";
import { normalizeKey } from "../../text/normalize.js";
import { segmentWord } from "../../text/segment.js";
import type { WordClusters } from "./clusters.js";
import { GAZ_TYPES, type Gazetteer } from "./gazetteer.js";
import type { WordProfiles } from "./profiles.js";
import { triggerTable } from "./triggers.js";

/** Feature templates. The numbers are hashed into every feature: never reuse one. */
export const T = {
  BIAS: 1,
  WORD: 2,
  MENTION: 3,
  STEM: 4,
  PROCLITICS: 5,
  ENCLITICS: 6,
  PREFIX: 10, // + length (1..4)
  SUFFIX: 20, // + length (1..4)
  MENTION_PREFIX: 30, // + length
  SHAPE: 40,
  LENGTH: 41,
  CLUSTER: 50, // + level (1..4)
  STEM_CLUSTER: 70, // + level
  KEY_CLUSTER: 75, // + level: cluster of the full key when the mention key differs
  GAZ_TOKEN: 80,
  TRIGGER: 81,
  FREQ: 82,
  ARTICLE_RATE: 83,
  PROFILE: 84, // + nothing: the profile code is the value
  NGRAM: 85, // + n: character n-grams of the mention key (fastText-style subwords)
  // context
  WORD_M2: 100,
  WORD_M1: 101,
  WORD_P1: 102,
  WORD_P2: 103,
  BIGRAM_M1: 104,
  BIGRAM_P1: 105,
  MENTION_M1: 106,
  MENTION_P1: 107,
  SUFFIX2_M1: 108,
  SUFFIX2_P1: 109,
  CLUSTER_M1: 110, // + level
  CLUSTER_P1: 115, // + level
  SHAPE_TRIGRAM: 120,
  TRIGGER_M1: 121,
  TRIGGER_M2: 122,
  TRIGGER_P1: 123,
  GAZ: 130,
  GAZ_TOKEN_M1: 131,
  GAZ_TOKEN_P1: 132,
  CLUSTER_BIGRAM_M1: 133,
  CLUSTER_BIGRAM_P1: 134,
  TRIGGER_M1_CLUSTER: 135,
  QUOTED: 138, // + position in a short quotation
} as const;

/** Cluster path levels used as features (hex digits of the path). */
export const CLUSTER_LEVELS = [1, 2, 3, 4];
/** Bins of the "seen with the article" rate. */
const ARTICLE_RATE_BINS = 5;
/** Affix lengths. */
const AFFIX_LENGTHS = [1, 2, 3, 4];
/** Runs of this many identical Arabic letters are elongation (وجيييه → وجيه). */
const ELONGATION_RUN = 3;
const ELONGATION = /([\u0621-\u064a])\1{2,}/g;
/** Letters that are proclitics on their own: a mention starts after them. */
const ONE_LETTER_PROCLITICS = new Set(["و", "ف", "ب", "ل", "ك"]);
/** Ids standing for the positions before/after the sentence. */
const BOS = 0x5eed0001;
const EOS = 0x5eed0002;
/** Quotation marks that open / close a quoted name (« » and straight quotes). */
const OPEN_QUOTE = new Set(["«", '"', "“", "'"]);
const CLOSE_QUOTE = new Set(["»", '"', "”", "'"]);
/** Longest quotation (in tokens) read as a quoted name rather than a quoted statement. */
const MAX_QUOTED_NAME = 6;
/** Word cache bound: beyond it the cache starts afresh (keeps memory flat on streams of text). */
const WORD_CACHE_MAX = 200_000;

// ---------------------------------------------------------------------------
// Hashing

/** FNV-1a over UTF-16 code units. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mix two 32-bit values into one (murmur3 finalizer over a combination). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const str = (template: number, s: string): number => mix(template, fnv1a(s));

// ---------------------------------------------------------------------------
// Word-level analysis

/**
 * The key a word is known by in the NER model and its clusters:
 * normalizeKey, with elongation (3+ repeats of an Arabic letter) collapsed so
 * that "وجيييه" reads as "وجيه". No Arabic word has a letter thrice in a row;
 * digits ("2000") and Latin letters are left alone.
 */
export function wordKey(surface: string): string {
  const k = normalizeKey(surface);
  for (let i = ELONGATION_RUN - 1; i < k.length; i++) {
    if (k[i] === k[i - 1] && k[i] === k[i - 2] && isArabicLetter(k.charCodeAt(i))) return k.replace(ELONGATION, "$1");
  }
  return k;
}

/**
 * How many UTF-16 units at the start of `surface` are one-letter proclitics
 * (و ف ب ل ك) according to the segmenter: "وروسيا" → 1, "لبوتين" → 1,
 * "والقاهرة" → 1 (ال stays in the mention). 0 when what is left would be
 * shorter than 2 letters, and for "لل…" (the ل of the article follows).
 */
export function procliticSkip(surface: string, segments: readonly Segment[] = segmentWord(surface)): number {
  let skip = 0;
  for (let k = 0; k < segments.length - 1; k++) {
    const s = segments[k];
    if (s.role !== "proclitic") break;
    const key = normalizeKey(s.text);
    if (key.length !== 1 || !ONE_LETTER_PROCLITICS.has(key)) break;
    const next = segments[k + 1];
    if (key === "ل" && next.role === "proclitic" && normalizeKey(next.text).startsWith("ل")) break;
    skip += s.text.length;
  }
  return surface.length - skip >= 2 ? skip : 0;
}

/** Character classes of the shape feature. */
function charClass(c: number): string {
  if (isArabicLetter(c)) return "a";
  if (isLatinLetter(c)) return c >= 0x41 && c <= 0x5a ? "A" : "l";
  if (digitValue(c) >= 0) return "d";
  if (isArabicMark(c)) return "";
  return "p";
}

/** Compressed shape: class runs collapsed, at most 4 classes ("a", "Al", "dpd"). */
function shapeOf(surface: string): string {
  let out = "";
  for (let i = 0; i < surface.length && out.length < 4; i++) {
    const c = charClass(surface.charCodeAt(i));
    if (c && out[out.length - 1] !== c) out += c;
  }
  return out || "p";
}

/** Everything the tagger needs to know about one surface form. */
export interface WordInfo {
  /** wordKey(surface). */
  key: string;
  /** Key of the mention form (one-letter proclitics dropped). */
  mentionKey: string;
  /** UTF-16 units of proclitics to skip at the start of a mention. */
  skip: number;
  /** Hashes used by neighbours' context features. */
  id: number;
  mentionId: number;
  suffix2Id: number;
  shapeId: number;
  /** Cluster path prefix ids by level (0 when unclustered). */
  clusterIds: Uint32Array;
  /** Gazetteer types of multi-word entries containing this token (bits). */
  gazToken: number;
  /** Trigger class of the mention form (0 when none). */
  trigger: number;
  /** Word features (hashes). */
  self: Uint32Array;
  /**
   * Inference cache: summed weights of `self`, per label, under the model
   * selfOwner[k], for the tagger's k-th pass (0 first pass, 1 second pass).
   */
  selfScore: (Float32Array | null)[];
  selfOwner: (object | null)[];
}

/** Resources the features read: all optional, so a bare model still works. */
export interface FeatureResources {
  gazetteer: Gazetteer | null;
  clusters: WordClusters | null;
  /** News context profiles (optional; absent in older models). */
  profiles?: WordProfiles | null;
  /** Character n-gram lengths of the mention key used as features (none by default). */
  charNgrams?: readonly number[];
  /** Clitic segmenter (default: segmentWord from src/text/segment.ts; tests may pass their own). */
  segment?: (surface: string) => Segment[];
}

export class NerFeatures {
  private readonly words = new Map<string, WordInfo>();
  private readonly triggers = triggerTable();
  private readonly segment: (surface: string) => Segment[];

  constructor(private readonly res: FeatureResources) {
    this.segment = res.segment ?? segmentWord;
  }

  /** Drop cached word analyses (and their cached scores). */
  clearCache(): void {
    this.words.clear();
  }

  /** The analysis of one surface form (cached). */
  word(surface: string): WordInfo {
    let w = this.words.get(surface);
    if (w === undefined) {
      if (this.words.size >= WORD_CACHE_MAX) this.words.clear();
      w = this.analyze(surface);
      this.words.set(surface, w);
    }
    return w;
  }

  private analyze(surface: string): WordInfo {
    const key = wordKey(surface);
    const segments = this.segment(surface);
    const skip = procliticSkip(surface, segments);
    const mentionKey = skip > 0 ? wordKey(surface.slice(skip)) : key;
    let stem = "";
    let procl = "";
    let encl = "";
    for (const s of segments) {
      if (s.role === "stem") stem += s.text;
      else if (s.role === "proclitic") procl += s.text;
      else encl += s.text;
    }
    const stemKey = stem ? wordKey(stem) : key;
    const shape = shapeOf(surface);
    const f: number[] = [T.BIAS, str(T.WORD, key), str(T.SHAPE, shape), mix(T.LENGTH, Math.min(key.length, 10))];
    // Mention and stem fire for bare words too, so "بدارفور" shares weights with "دارفور".
    f.push(str(T.MENTION, mentionKey));
    f.push(str(T.STEM, stemKey));
    if (procl) f.push(str(T.PROCLITICS, normalizeKey(procl)));
    if (encl) f.push(str(T.ENCLITICS, normalizeKey(encl)));
    for (const n of AFFIX_LENGTHS) {
      if (key.length > n) {
        f.push(str(T.PREFIX + n, key.slice(0, n)));
        f.push(str(T.SUFFIX + n, key.slice(key.length - n)));
      }
      if (mentionKey !== key && mentionKey.length > n) f.push(str(T.MENTION_PREFIX + n, mentionKey.slice(0, n)));
    }
    // Inner character n-grams ("^كو", "وفي", "في$"): an unseen transliterated
    // name shares them with seen ones (fastText's subwords, as sparse features).
    if (this.res.charNgrams && mentionKey.length > 3) {
      const padded = `^${mentionKey}$`;
      for (const n of this.res.charNgrams) {
        for (let i = 0; i + n <= padded.length; i++) f.push(str(T.NGRAM + n, padded.slice(i, i + n)));
      }
    }
    // No feature looks at diacritics, tatweel or elongation: "إِيمانويل" and
    // "وجيييه" are tagged exactly like "إيمانويل" and "وجيه".

    const clusterIds = new Uint32Array(CLUSTER_LEVELS.length);
    const cl = this.res.clusters;
    if (cl) {
      // The mention form's cluster first: "وموسكو" is a place like "موسكو".
      const path = cl.get(mentionKey) ?? cl.get(key);
      if (path !== undefined) {
        for (let l = 0; l < CLUSTER_LEVELS.length; l++) {
          const n = CLUSTER_LEVELS[l];
          if (path.length < n) break;
          clusterIds[l] = str(T.CLUSTER + n, path.slice(0, n));
          f.push(clusterIds[l]);
        }
      }
      if (mentionKey !== key) {
        const kp = cl.get(key);
        if (kp !== undefined) for (const n of CLUSTER_LEVELS) if (kp.length >= n) f.push(str(T.KEY_CLUSTER + n, kp.slice(0, n)));
      }
      if (stemKey !== key && stemKey !== mentionKey) {
        const sp = cl.get(stemKey);
        if (sp !== undefined) for (const n of CLUSTER_LEVELS) if (sp.length >= n) f.push(str(T.STEM_CLUSTER + n, sp.slice(0, n)));
      }
      // News frequency (log2 bucket) and how often the word takes the article.
      const count = Math.max(cl.count(mentionKey), cl.count(key));
      f.push(mix(T.FREQ, count === 0 ? 0 : 1 + Math.min(Math.floor(Math.log2(count)), 14)));
      if (!mentionKey.startsWith("ال") && count > 0) {
        const withArticle = cl.count(`ال${mentionKey}`);
        const rate = withArticle / (withArticle + count);
        f.push(mix(T.ARTICLE_RATE, Math.min(Math.floor(rate * ARTICLE_RATE_BINS), ARTICLE_RATE_BINS - 1)));
      }
    }
    const pr = this.res.profiles;
    if (pr) {
      const codes = pr.get(mentionKey) ?? pr.get(key);
      if (codes !== undefined) for (const c of codes) f.push(mix(T.PROFILE, c));
    }
    const gazToken = this.res.gazetteer ? this.res.gazetteer.tokenTypes(mentionKey) | this.res.gazetteer.tokenTypes(key) : 0;
    if (gazToken) f.push(mix(T.GAZ_TOKEN, gazToken));
    const trigger = this.triggers.get(mentionKey) ?? this.triggers.get(key) ?? 0;
    if (trigger) f.push(mix(T.TRIGGER, trigger));

    return {
      key,
      mentionKey,
      skip,
      id: fnv1a(key),
      mentionId: fnv1a(mentionKey),
      suffix2Id: fnv1a(key.length > 2 ? key.slice(key.length - 2) : key),
      shapeId: fnv1a(shape),
      clusterIds,
      gazToken,
      trigger,
      self: Uint32Array.from(f),
      selfScore: [null, null],
      selfOwner: [null, null],
    };
  }

  /** Analyze a sentence: word infos plus gazetteer match codes per token. */
  sentence(surfaces: readonly string[]): SentenceInfo {
    const n = surfaces.length;
    const words: WordInfo[] = new Array(n);
    for (let i = 0; i < n; i++) words[i] = this.word(surfaces[i]);
    const gaz = new Uint32Array(n);
    const g = this.res.gazetteer;
    if (g && n > 0) {
      const keys = words.map((w) => w.key);
      const firstKeys = words.map((w) => (w.mentionKey === w.key ? [w.key] : [w.key, w.mentionKey]));
      g.match(firstKeys, keys, (m) => {
        // Position codes: 0 single, 1 first, 2 inside, 3 last; 4 bits per type.
        for (let t = 0; t < GAZ_TYPES; t++) {
          if (!(m.bits & (1 << t))) continue;
          if (m.end - m.start === 1) gaz[m.start] |= 1 << (t * 4);
          else {
            gaz[m.start] |= 1 << (t * 4 + 1);
            for (let k = m.start + 1; k < m.end - 1; k++) gaz[k] |= 1 << (t * 4 + 2);
            gaz[m.end - 1] |= 1 << (t * 4 + 3);
          }
        }
      });
    }
    // Short quotations: « أورفان », « الشرق الأوسط » are names more often than not.
    const quoted = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!OPEN_QUOTE.has(surfaces[i])) continue;
      for (let j = i + 1; j < n && j - i - 1 <= MAX_QUOTED_NAME; j++) {
        if (!CLOSE_QUOTE.has(surfaces[j])) continue;
        if (j - i - 1 >= 1) {
          // 1 single, 2 first, 3 inside, 4 last
          if (j - i - 1 === 1) quoted[i + 1] = 1;
          else {
            quoted[i + 1] = 2;
            for (let k = i + 2; k < j - 1; k++) quoted[k] = 3;
            quoted[j - 1] = 4;
          }
        }
        i = j;
        break;
      }
    }
    return { words, gaz, quoted };
  }

  /** Context features of token i (emitted one hash at a time). */
  context(s: SentenceInfo, i: number, emit: (h: number) => void): void {
    const ws = s.words;
    const n = ws.length;
    const w0 = ws[i];
    const m1 = i > 0 ? ws[i - 1] : null;
    const m2 = i > 1 ? ws[i - 2] : null;
    const p1 = i + 1 < n ? ws[i + 1] : null;
    const p2 = i + 2 < n ? ws[i + 2] : null;
    emit(mix(T.WORD_M1, m1 ? m1.id : BOS));
    emit(mix(T.WORD_M2, m2 ? m2.id : m1 ? BOS : EOS));
    emit(mix(T.WORD_P1, p1 ? p1.id : EOS));
    emit(mix(T.WORD_P2, p2 ? p2.id : p1 ? EOS : BOS));
    emit(mix(mix(T.BIGRAM_M1, m1 ? m1.id : BOS), w0.id));
    emit(mix(mix(T.BIGRAM_P1, w0.id), p1 ? p1.id : EOS));
    if (m1) {
      if (m1.mentionId !== m1.id) emit(mix(T.MENTION_M1, m1.mentionId));
      emit(mix(T.SUFFIX2_M1, m1.suffix2Id));
      if (m1.trigger) {
        emit(mix(T.TRIGGER_M1, m1.trigger));
        emit(mix(mix(T.TRIGGER_M1_CLUSTER, m1.trigger), w0.clusterIds[1]));
      }
      if (m1.gazToken) emit(mix(T.GAZ_TOKEN_M1, m1.gazToken));
      for (let l = 0; l < CLUSTER_LEVELS.length; l++) if (m1.clusterIds[l]) emit(mix(T.CLUSTER_M1 + l, m1.clusterIds[l]));
      emit(mix(mix(T.CLUSTER_BIGRAM_M1, m1.clusterIds[1]), w0.clusterIds[1]));
    }
    if (m2?.trigger) emit(mix(T.TRIGGER_M2, m2.trigger));
    if (p1) {
      if (p1.mentionId !== p1.id) emit(mix(T.MENTION_P1, p1.mentionId));
      emit(mix(T.SUFFIX2_P1, p1.suffix2Id));
      if (p1.trigger) emit(mix(T.TRIGGER_P1, p1.trigger));
      if (p1.gazToken) emit(mix(T.GAZ_TOKEN_P1, p1.gazToken));
      for (let l = 0; l < CLUSTER_LEVELS.length; l++) if (p1.clusterIds[l]) emit(mix(T.CLUSTER_P1 + l, p1.clusterIds[l]));
      emit(mix(mix(T.CLUSTER_BIGRAM_P1, w0.clusterIds[1]), p1.clusterIds[1]));
    }
    emit(mix(mix(mix(T.SHAPE_TRIGRAM, m1 ? m1.shapeId : BOS), w0.shapeId), p1 ? p1.shapeId : EOS));
    const g = s.gaz[i];
    if (g) for (let b = 0; b < 32; b++) if (g & (1 << b)) emit(mix(T.GAZ, b));
    if (s.quoted[i]) emit(mix(T.QUOTED, s.quoted[i]));
  }

  /** All features of a sentence, flattened (training): token i owns hashes[offsets[i], offsets[i+1]). */
  extract(surfaces: readonly string[]): { offsets: Int32Array; hashes: Uint32Array } {
    return this.extractFrom(this.sentence(surfaces));
  }

  /** The same, from an analyzed sentence. */
  extractFrom(s: SentenceInfo): { offsets: Int32Array; hashes: Uint32Array } {
    const n = s.words.length;
    const out: number[] = [];
    const offsets = new Int32Array(n + 1);
    const push = (h: number) => out.push(h);
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length;
      for (const h of s.words[i].self) out.push(h);
      this.context(s, i, push);
    }
    offsets[n] = out.length;
    return { offsets, hashes: Uint32Array.from(out) };
  }
}

export interface SentenceInfo {
  words: WordInfo[];
  /** Gazetteer match codes per token (bit t*4+pos, see sentence()). */
  gaz: Uint32Array;
  /** Position in a short quotation (0 none, 1 single, 2 first, 3 inside, 4 last). */
  quoted: Uint8Array;
}
