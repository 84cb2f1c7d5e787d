/**
 * Content terms: the search analyzer's terms (src/text/analyzer.ts) of the
 * words that carry meaning. The keywords, topics and summary stages all
 * count these, and the DF table in models/topics/ was counted with them, so
 * "which term is a content term" is decided here once:
 *
 *   - not a stopword: the word, or the word without its one-letter
 *     proclitics (وقال → قال, والتي → التي), is on the lexicon's stopword
 *     list (models/lexicon/stopwords.txt, derived from the shared list).
 *     Words, not terms, are compared: the analyzer folds طاقة into طاق,
 *     which is also a listed interjection;
 *   - not a number, and not a single letter.
 */
import { analyzeText } from "../../text/analyzer.js";
import { lexicon } from "../../text/lexicon.js";
import { normalizeKey } from "../../text/normalize.js";
import { displayForm } from "./display.js";

/** Shortest term that counts (single letters are leftovers of segmentation). */
export const MIN_TERM_LENGTH = 2;

export interface ContentTerm {
  term: string;
  start: number;
  end: number;
}

/** Stopword verdicts per surface word (news vocabulary is Zipfian; the cache is bounded). */
const verdicts = new Map<string, boolean>();
const CACHE_LIMIT = 100_000;

/** true when a word (as written, proclitics and all) is a stopword. */
export function isStopWord(word: string): boolean {
  let v = verdicts.get(word);
  if (v === undefined) {
    const stop = lexicon().stopwords;
    v = stop.has(normalizeKey(word)) || stop.has(normalizeKey(displayForm(word)));
    if (verdicts.size >= CACHE_LIMIT) verdicts.clear();
    verdicts.set(word, v);
  }
  return v;
}

/** true when an analyzer term can be a content term: it has a letter and is long enough. */
export function isContentTerm(term: string): boolean {
  return term.length >= MIN_TERM_LENGTH && /\p{L}/u.test(term);
}

/**
 * The last text's terms: the topics, keywords and summary stages run one
 * after another on the same document, and each needs its terms.
 */
let last: { text: string; terms: ContentTerm[] } | null = null;

/** Content terms of `text` with their offsets, in order. Treat the array as read-only. */
export function contentTerms(text: string): readonly ContentTerm[] {
  if (last !== null && last.text === text) return last.terms;
  const terms: ContentTerm[] = [];
  for (const t of analyzeText(text)) {
    if (isContentTerm(t.term) && !isStopWord(text.slice(t.start, t.end))) terms.push({ term: t.term, start: t.start, end: t.end });
  }
  last = { text, terms };
  return terms;
}
