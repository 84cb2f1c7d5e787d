/**
 * The FTS5 MATCH expression of a TermQuery, and the ranking weights.
 *
 * User syntax never gets here: src/search/query.ts has already turned the
 * query into analyzed terms. Each term is still written as an FTS5 string
 * ("…", with " doubled), so whatever characters a term holds, FTS5 reads it
 * as text to tokenize and never as an operator, column filter, prefix star
 * or NEAR group. Phrases are terms joined with FTS5's `+` (adjacent tokens).
 */

/** BM25 column weights: a term in the title counts this much more than one in the body. */
export const COLUMN_WEIGHTS = { title: 3.0, body: 1.0 } as const;

/** Characters FTS5's unicode61 tokenizer keeps in a token: letters, numbers, private use. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** An FTS5 string literal holding exactly `term`. */
export function ftsString(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A phrase: terms that must be adjacent. Terms FTS5 would read as nothing are dropped. */
function phrase(terms: string[]): string | null {
  const kept = terms.filter((t) => TOKEN_CHAR.test(t));
  if (kept.length === 0) return null;
  return kept.length === 1 ? ftsString(kept[0]) : `(${kept.map(ftsString).join(" + ")})`;
}

/**
 * `must` phrases ANDed, minus any `not` phrase. Returns null when nothing is
 * left to match (the caller reports that as an empty query).
 */
export function buildMatch(must: string[][], not: string[][]): string | null {
  const pos = must.map(phrase).filter((p): p is string => p !== null);
  if (pos.length === 0) return null;
  let expr = pos.join(" AND ");
  const neg = not.map(phrase).filter((p): p is string => p !== null);
  if (neg.length > 0) expr = `(${expr}) NOT (${neg.join(" OR ")})`;
  return expr;
}
