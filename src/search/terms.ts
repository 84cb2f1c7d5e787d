/**
 * Search terms of a document, the one place where indexing calls the
 * analyzer (src/text/analyzer.ts). Query parsing (query.ts) and snippet
 * highlighting (snippet.ts) call the same analyzeText, so a word is indexed,
 * searched and highlighted under exactly the same term.
 *
 * The title is indexed apart from the rest of the text so that the ranking
 * can weight it (src/store/sqlite/fts.ts COLUMN_WEIGHTS). `doc.text` starts
 * with the title (src/article/build.ts), so the split is an offset.
 */
import type { ArticleDocument } from "../document.js";
import { type AnalyzedTerm, type AnalyzeOptions, analyzeText } from "../text/analyzer.js";

export type { AnalyzedTerm } from "../text/analyzer.js";

/** Analyzer terms of `text`, in order (stopwords included unless asked otherwise: the index keeps them). */
export function termsOf(text: string, opts?: AnalyzeOptions): AnalyzedTerm[] {
  return analyzeText(text, opts);
}

/** Where the title ends in `doc.text` (0 when the document has no title). */
export function titleEnd(doc: Pick<ArticleDocument, "title" | "text">): number {
  return doc.title !== "" && doc.text.startsWith(doc.title) ? doc.title.length : 0;
}

/** Space-joined terms of the title and of the rest of the text, for the search index. */
export function documentTerms(doc: Pick<ArticleDocument, "title" | "text">): { title: string; body: string } {
  const cut = titleEnd(doc);
  const title: string[] = [];
  const body: string[] = [];
  for (const t of termsOf(doc.text)) (t.start < cut ? title : body).push(t.term);
  return { title: title.join(" "), body: body.join(" ") };
}
