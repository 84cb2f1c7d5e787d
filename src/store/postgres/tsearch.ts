/**
 * PostgreSQL full-text search over OUR analyzer's terms: the tsvector a
 * document is indexed under, the tsquery a TermQuery becomes, and the
 * ranking weights.
 *
 * Neither goes through PostgreSQL's own parser or dictionaries (no
 * to_tsvector / to_tsquery): the terms were made by src/text/analyzer.ts,
 * and a second tokenizer would split what it joined (hyphens, dots, digits)
 * and shift positions. Instead both are written in PostgreSQL's input syntax
 * for the tsvector and tsquery types, every lexeme single-quoted with ' and
 * \ escaped, so whatever characters a term holds (' & | ! : * <-> ( ) ;)
 * PostgreSQL reads a lexeme and never an operator, weight or prefix mark.
 * The strings travel as bind parameters ($n::tsvector, $n::tsquery): no
 * user text is ever part of the SQL itself.
 *
 * Positions: title terms are 1…t (weight A), body terms start at t+2
 * (weight D), so a phrase cannot run from the title into the body (as in
 * SQLite, where they are separate FTS5 columns). PostgreSQL keeps positions
 * up to 16383 and 256 positions per lexeme; later ones are dropped, which
 * only blurs phrase matching and ranking deep inside very long documents.
 */

/** ts_rank_cd weights {D, C, B, A}: a title term (A) counts 3× a body term (D), as COLUMN_WEIGHTS in SQLite. */
export const RANK_WEIGHTS = [1 / 3, 1 / 3, 1 / 3, 1] as const;
/** ts_rank_cd normalization: 1 = divide by 1 + log(document length), a BM25-like length penalty. */
export const RANK_NORMALIZATION = 1;
/** Largest position PostgreSQL stores (MAXENTRYPOS - 1). */
const MAX_POSITION = 16383;
/** Positions kept per lexeme (MAXNUMPOS). */
const MAX_POSITIONS_PER_LEXEME = 256;
/** Longest lexeme PostgreSQL accepts, in bytes (MAXSTRLEN - 1). */
export const MAX_LEXEME_BYTES = 2046;

/** A lexeme in tsvector/tsquery input syntax: single-quoted, ' doubled, \ escaped. */
export function lexeme(term: string): string {
  return `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** Whether PostgreSQL can hold `term` as a lexeme. */
export function indexable(term: string): boolean {
  return term !== "" && Buffer.byteLength(term, "utf8") <= MAX_LEXEME_BYTES;
}

/**
 * The tsvector (input syntax) of a document from its space-joined title and
 * body terms (IndexedDocument.titleTerms / bodyTerms).
 */
export function documentVector(titleTerms: string, bodyTerms: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (terms: string, weight: string) => {
    for (const term of terms.split(" ")) {
      if (term === "") continue;
      pos++;
      if (!indexable(term)) continue;
      let list = positions.get(term);
      if (!list) {
        list = [];
        positions.set(term, list);
      }
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(pos, MAX_POSITION)}${weight}`);
    }
  };
  add(titleTerms, "A");
  pos++; // the gap between title and body
  add(bodyTerms, "");
  const parts: string[] = [];
  for (const [term, list] of positions) parts.push(`${lexeme(term)}:${list.join(",")}`);
  return parts.join(" ");
}

/** A phrase as a tsquery operand: adjacent terms joined by <->. null when it can never match. */
function phrase(terms: string[]): string | null {
  const kept = terms.filter((t) => t !== "");
  if (kept.length === 0 || !kept.every(indexable)) return null;
  return kept.length === 1 ? lexeme(kept[0]) : `(${kept.map(lexeme).join(" <-> ")})`;
}

/**
 * The tsquery (input syntax) of a TermQuery's clauses: every `must` phrase
 * ANDed, each `not` phrase negated. Returns null when no document can match
 * (no must clause left, or a must term too long to have been indexed).
 */
export function buildTsquery(must: string[][], not: string[][]): string | null {
  const pos: string[] = [];
  for (const m of must) {
    if (m.every((t) => t === "")) continue;
    const p = phrase(m);
    if (p === null) return null;
    pos.push(p);
  }
  if (pos.length === 0) return null;
  const neg = not.map(phrase).filter((p): p is string => p !== null);
  return [...pos, ...neg.map((p) => `!${p}`)].join(" & ");
}
