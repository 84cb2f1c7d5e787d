/**
 * Measuring the transliteration skeleton (keys.ts) on ANETAC, the English–
 * Arabic named-entity pairs in ../shared/data/lexicons/anetac.
 *
 * ANETAC has one Arabic spelling per English name, so "same English name,
 * different Arabic spellings" never occurs in it (we count it to show that).
 * What it does have is many near-identical names (Daga داغا, Dagu داجو, Dago
 * ديغو): we group names by an ENGLISH consonant skeleton (vowels dropped
 * after the first letter, ph→f, ck→k, ...) and ask how far the Arabic
 * skeleton agrees with it, pair by pair, within an entity class:
 *   recall     of the pairs the English skeleton joins that are spelled
 *              differently in Arabic, the share the Arabic skeleton joins
 *   precision  of the pairs the Arabic skeleton joins, the share the English
 *              skeleton joins too (the rest are wrong merges)
 *   wrong names  names whose Arabic skeleton is shared with a name of another
 *              English skeleton
 * Used by scripts/train/kb.ts (figures in models/kb/README.md) and by a test.
 */
import { aliasKey, skeletonKey } from "./keys.js";

export interface TransliterationPair {
  cls: string;
  english: string;
  arabic: string;
}

export function parseAnetac(text: string): TransliterationPair[] {
  const out: TransliterationPair[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3) continue;
    out.push({ cls: f[0], english: f[1].toLowerCase(), arabic: aliasKey(f.slice(2).join(" ")) });
  }
  return out;
}

/** English rewrites before vowels are dropped (digraphs first). */
const ENGLISH_RULES: ReadonlyArray<[RegExp, string]> = [
  [/[^a-z]/g, ""],
  [/ph/g, "f"],
  [/ck/g, "k"],
  [/sch|sh|ch/g, "S"],
  [/th/g, "t"],
  [/kh/g, "x"],
  [/gh/g, "g"],
  [/c(?=[eiy])/g, "s"],
  [/c/g, "k"],
  [/[qj]/g, "g"],
  [/x/g, "ks"],
  [/v/g, "f"],
  [/w/g, "u"],
  [/y/g, "i"],
];

export function englishSkeleton(en: string): string {
  let t = en.toLowerCase();
  for (const [re, s] of ENGLISH_RULES) t = t.replace(re, s);
  if (t === "") return "";
  const first = "aeiou".includes(t[0]) ? "a" : t[0];
  return (first + t.slice(1).replace(/[aeiouh]/g, "")).replace(/(.)\1+/g, "$1");
}

export interface SkeletonFigures {
  pairs: number;
  englishNames: number;
  /** English names spelled more than one way in Arabic (0 in ANETAC). */
  englishWithVariants: number;
  /** Pairs the English skeleton joins whose Arabic keys differ. */
  variantPairs: number;
  recall: number;
  precision: number;
  wrongNames: number;
  wrongNameShare: number;
}

function pairCount(keys: Iterable<string>): number {
  const n = new Map<string, number>();
  for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
  let s = 0;
  for (const c of n.values()) s += (c * (c - 1)) / 2;
  return s;
}

export function measureSkeleton(pairs: TransliterationPair[], native?: ReadonlySet<string>): SkeletonFigures {
  const en = pairs.map((p) => `${p.cls}|${englishSkeleton(p.english)}`);
  const ar = pairs.map((p) => `${p.cls}|${skeletonKey(p.arabic, native)}`);
  const exact = pairs.map((p) => `${p.cls}|${p.arabic}`);
  const enPairs = pairCount(en);
  const sameArabic = pairCount(en.map((e, i) => `${e}#${exact[i]}`));
  const both = pairCount(en.map((e, i) => `${e}#${ar[i]}`));
  const arPairs = pairCount(ar);
  const variantPairs = enPairs - sameArabic;
  const spellings = new Map<string, Set<string>>();
  pairs.forEach((p) => {
    const k = `${p.cls}|${p.english}`;
    if (!spellings.has(k)) spellings.set(k, new Set());
    spellings.get(k)!.add(p.arabic);
  });
  // Names sharing an Arabic skeleton with a name of another English skeleton.
  const bucket = new Map<string, Set<string>>();
  ar.forEach((a, i) => {
    if (!bucket.has(a)) bucket.set(a, new Set());
    bucket.get(a)!.add(en[i]);
  });
  let wrongNames = 0;
  for (const a of ar) if (bucket.get(a)!.size > 1) wrongNames++;
  return {
    pairs: pairs.length,
    englishNames: spellings.size,
    englishWithVariants: [...spellings.values()].filter((s) => s.size > 1).length,
    variantPairs,
    recall: variantPairs > 0 ? (both - sameArabic) / variantPairs : 0,
    precision: arPairs > 0 ? both / arPairs : 0,
    wrongNames,
    wrongNameShare: pairs.length > 0 ? wrongNames / pairs.length : 0,
  };
}

/** How many distinct names of a list the skeleton puts together (false merges among native names). */
export function skeletonCollisions(names: string[], native?: ReadonlySet<string>): { names: number; merged: number } {
  const keys = [...new Set(names.map(aliasKey))];
  const n = new Map<string, number>();
  for (const k of keys) {
    const s = skeletonKey(k, native);
    n.set(s, (n.get(s) ?? 0) + 1);
  }
  let merged = 0;
  for (const c of n.values()) if (c > 1) merged += c;
  return { names: keys.length, merged };
}
