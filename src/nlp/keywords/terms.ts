/**
 * Content terms: the search analyzer's terms (src/text/analyzer.ts) of the
 * words that carry meaning. The keywords, topics and summary stages all
 * count these, and the DF table in models/topics/ was counted with them, so
 * "which term is a content term" is decided here once:
 *
 *   - not a stopword: the term of no word on the lexicon's stopword list
 *     (models/lexicon/stopwords.txt, derived from the shared list). Terms,
 *     not words, are compared, so وقال and فقال fall with قال;
 *   - not a number, and not a single letter.
 */
import { analyzeText, analyzeWord } from "../../text/analyzer.js";
import { lexicon } from "../../text/lexicon.js";

/** Shortest term that counts (single letters are leftovers of segmentation). */
export const MIN_TERM_LENGTH = 2;

export interface ContentTerm {
  term: string;
  start: number;
  end: number;
}

let stopTerms: Set<string> | null = null;

/** Terms of the stopwords (built once, from the lexicon's stopword list). */
export function stopwordTerms(): ReadonlySet<string> {
  if (stopTerms === null) {
    const s = new Set<string>();
    for (const w of lexicon().stopwords) {
      s.add(w);
      const t = analyzeWord(w);
      if (t !== "") s.add(t);
    }
    stopTerms = s;
  }
  return stopTerms;
}

/** true when a term has a letter and is long enough, and is not a stopword's term. */
export function isContentTerm(term: string): boolean {
  if (term.length < MIN_TERM_LENGTH || !/\p{L}/u.test(term)) return false;
  return !stopwordTerms().has(term);
}

/** Content terms of `text[from, to)` with their offsets in `text`, in order. */
export function contentTerms(text: string, from = 0, to = text.length): ContentTerm[] {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const out: ContentTerm[] = [];
  for (const t of analyzeText(slice)) {
    if (isContentTerm(t.term)) out.push({ term: t.term, start: t.start + from, end: t.end + from });
  }
  return out;
}
