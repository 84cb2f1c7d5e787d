/**
 * The search query language, parsed into analyzed terms. Deliberately small:
 *
 *   word            every word must occur (in any clitic or inflected form
 *                   the analyzer folds to the same term: بوتين finds لبوتين);
 *                   stopwords (في, من) are left out of loose words
 *   "a phrase"      the words must occur next to each other, stopwords
 *                   included («…» and “…” work too)
 *   -word -"phrase" documents with it are left out
 *
 * Nothing else is syntax: `OR`, `NEAR(`, `*`, `col:term`, quotes inside
 * words, SQL are all just text, analyzed like any other. The result holds
 * only analyzer terms; backends build their own match expression from them
 * (src/store/sqlite/fts.ts), so user input never reaches FTS or SQL as syntax.
 */
import { InputError } from "../errors.js";
import { tokenize } from "../text/tokenize.js";
import { termsOf } from "./terms.js";

/** Opening quote → its closing quote. */
const QUOTES: Record<string, string> = { '"': '"', "«": "»", "“": "”" };
/** Characters that mark an exclusion in front of a word or phrase (ASCII hyphen-minus, minus sign). */
const EXCLUDE = new Set(["-", "−"]);
/** Longest query accepted, in characters. */
export const MAX_QUERY_CHARS = 1000;

export interface Clause {
  /** What the user wrote for this clause. */
  text: string;
  /** Analyzer terms; more than one means a phrase (adjacent, in order). */
  terms: string[];
}

export interface ParsedQuery {
  must: Clause[];
  not: Clause[];
  /** Words that the analyzer dropped (stopwords), for messages. */
  dropped: string[];
}

const isSpace = (c: string) => /\s/u.test(c);

/** Split into raw chunks: {text, phrase, negated}. Throws on an unbalanced quote. */
function chunks(input: string): Array<{ text: string; phrase: boolean; negated: boolean }> {
  const out: Array<{ text: string; phrase: boolean; negated: boolean }> = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (EXCLUDE.has(input[i]) && i + 1 < n && !isSpace(input[i + 1])) {
      negated = true;
      i++;
    }
    const close = QUOTES[input[i]];
    if (close !== undefined) {
      const end = input.indexOf(close, i + 1);
      if (end < 0) {
        throw new InputError(
          "query",
          `unbalanced quote: the phrase opened with ${input[i]} at character ${i + 1} is never closed with ${close}`,
        );
      }
      out.push({ text: input.slice(i + 1, end), phrase: true, negated });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < n && !isSpace(input[j]) && QUOTES[input[j]] === undefined) j++;
    out.push({ text: input.slice(i, j), phrase: false, negated });
    i = j;
  }
  return out;
}

/** Word tokens of `text` that produced no term (stopwords, in practice). */
function droppedWords(text: string, covered: Array<{ start: number; end: number }>): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind !== "word") continue;
    if (!covered.some((c) => c.start < t.end && t.start < c.end)) out.push(text.slice(t.start, t.end));
  }
  return out;
}

/** Parse a user query. Throws InputError("query", …) when there is nothing to search for. */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_CHARS) throw new InputError("query", `too long (${input.length} characters; at most ${MAX_QUERY_CHARS})`);
  const must: Clause[] = [];
  const not: Clause[] = [];
  const dropped: string[] = [];
  for (const c of chunks(input)) {
    // Loose words drop stopwords (they match nearly every article); a quoted phrase keeps them, as the index does.
    const analyzed = termsOf(c.text, { dropStopwords: !c.phrase });
    dropped.push(...droppedWords(c.text, analyzed));
    if (analyzed.length === 0) continue;
    const terms = analyzed.map((t) => t.term);
    if (c.negated) not.push({ text: c.text, terms });
    else if (c.phrase) must.push({ text: c.text, terms });
    // An unquoted chunk that analyzes to several terms ("col:term", "بوتين،الصين") is several words, not a phrase.
    else for (const t of analyzed) must.push({ text: c.text.slice(t.start, t.end), terms: [t.term] });
  }
  if (must.length === 0) {
    if (input.trim() === "") throw new InputError("query", 'empty query: give words to search for, e.g. marsad search "بوتين الصين"');
    if (not.length > 0) throw new InputError("query", "nothing to search for: exclusions (-word) need at least one word to search for");
    if (dropped.length > 0) {
      throw new InputError("query", `only stopwords (${dropped.map((w) => `"${w}"`).join(", ")}): add a word that carries meaning`);
    }
    throw new InputError(
      "query",
      `no words to search for in ${JSON.stringify(input)} (the query language is words, "phrases" and -exclusions; operators such as * are not supported)`,
    );
  }
  return { must, not, dropped };
}
