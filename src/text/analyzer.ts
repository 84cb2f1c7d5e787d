/**
 * The search analyzer: one term per word, the same for indexing, querying
 * and highlighting (src/search/* call analyzeText). A chain of small steps,
 * Lucene-style:
 *
 *   word ──segmentWord──▶ stem (clitics off, article ال included:
 *                          وبالصين → صين, لبوتين → بوتين, كتابهم → كتاب)
 *        ──restore──────▶ the stem's free spelling when an enclitic bent it
 *                          (حيات+ه → حياة, معلمي+هم → معلمين, مستشفا+ه → مستشفى)
 *        ──lightStem────▶ inflectional suffix off when the lexicon allows
 *                          (معلمون → معلم; بوتين, فيروس, بيان untouched)
 *        ──normalizeKey─▶ the matching key (hamza forms, ى, ة folded)
 *
 * Stopwords are KEPT: analyzeWord never returns "" for a real word, so that
 * phrases and negations (لا, لم) stay searchable; BM25's IDF already makes
 * them cheap. Callers that want them out use isStopword or
 * analyzeText(text, { dropStopwords: true }).
 *
 * Non-Arabic words (Latin, numbers) get normalizeKey only (lower case,
 * ASCII digits). Terms never contain spaces.
 */
import type { Segment } from "../document.js";
import { type Lexicon, lexicon, segmentKey } from "./lexicon.js";
import { normalizeKey } from "./normalize.js";
import { segmentWord } from "./segment.js";
import { lightStem, verbStem } from "./stem.js";
import { forEachToken } from "./tokenize.js";

export interface AnalyzedTerm {
  term: string;
  /** Offsets of the word in the analyzed text (UTF-16, end exclusive). */
  start: number;
  end: number;
}

export interface AnalyzeOptions {
  /** Leave out words on the stopword list (models/lexicon/stopwords.txt). Default false. */
  dropStopwords?: boolean;
}

/**
 * Spellings a stem takes before an enclitic, and the free form to try
 * instead (kept only when the lexicon knows it better: نشرت+ها stays نشرت).
 */
const BEFORE_ENCLITIC: [ending: string, free: string][] = [
  ["ت", "ة"], // حياته → حياة
  ["و", "ون"], // معلموه → معلمون
  ["ي", "ين"], // معلميهم → معلمين
  ["ا", "ي"], // مستشفاه → مستشفى (ى is ي in keys)
  ["ؤ", "ء"], // ارتداؤه → ارتداء
  ["ئ", "ء"], // ورائه → وراء
];

const TANWEEN_FATH = /\u064b/;

/** Analyzed terms cached per surface word (news vocabulary is Zipfian). */
const CACHE_LIMIT = 200_000;
const cache = new Map<string, string>();

function hasArabicLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0620 && c <= 0x064a) return true;
  }
  return false;
}

function freeForm(stem: string, lex: Lexicon): string {
  for (const [ending, free] of BEFORE_ENCLITIC) {
    if (!stem.endsWith(ending) || stem.length < 3) continue;
    const alt = stem.slice(0, -ending.length) + free;
    const count = (w: string) => lex.count(w) + lex.count(`ال${w}`);
    return count(alt) > count(stem) ? alt : stem;
  }
  return stem;
}

function stemOf(segs: Segment[]): { stem: string; enclitic: boolean } {
  let stem = "";
  let enclitic = false;
  for (const s of segs) {
    if (s.role === "stem") stem = s.text;
    else if (s.role === "enclitic") enclitic = true;
  }
  return { stem, enclitic };
}

function analyzeUncached(word: string, lex: Lexicon): string {
  if (!hasArabicLetter(word)) return normalizeKey(word);
  const { stem, enclitic } = stemOf(segmentWord(word));
  let key = segmentKey(stem);
  if (enclitic) key = freeForm(key, lex);
  // Accusative tanween alef (كثيراً, شيئاً): the ا is an ending, not a letter of the word.
  if (key.endsWith("ا") && key.length > 3 && TANWEEN_FATH.test(stem)) key = key.slice(0, -1);
  // Gazetteer names (سلمان, ياسين, تامر) are not inflected forms: no stemming.
  if (lex.names.has(key)) return normalizeKey(key);
  const light = lightStem(key, lex);
  const term = normalizeKey(light === key ? verbStem(key, lex) : light);
  return term === "" ? normalizeKey(word) : term;
}

/** The search term of one word ("" only for an empty or all-mark input). */
export function analyzeWord(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const term = analyzeUncached(word, lexicon());
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, term);
  return term;
}

/** Whether a word (any spelling: diacritics, hamza forms) is on the stopword list. */
export function isStopword(word: string): boolean {
  return lexicon().stopwords.has(normalizeKey(word));
}

/** Terms of every word and number of `text`, in order, with their offsets. Punctuation yields none. */
export function analyzeText(text: string, opts?: AnalyzeOptions): AnalyzedTerm[] {
  const out: AnalyzedTerm[] = [];
  const drop = opts?.dropStopwords === true;
  forEachToken(text, (start, end, kind) => {
    if (kind === "punct") return;
    const w = text.slice(start, end);
    if (drop && isStopword(w)) return;
    const term = analyzeWord(w);
    if (term !== "") out.push({ term, start, end });
  });
  return out;
}
