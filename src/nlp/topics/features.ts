/**
 * What the topic classifier sees of an article: counts of its content terms
 * (src/nlp/keywords/terms.ts), the title's counted TITLE_WEIGHT times
 * because a headline names the subject more densely than any paragraph.
 * Training (scripts/train/topics.ts) and classification use this one
 * function, so the model never sees features built another way.
 */
import type { ArticleDocument } from "../../document.js";
import { contentTerms } from "../keywords/terms.js";

/** How many times a title term counts. */
export const TITLE_WEIGHT = 3;

/** Title span in `doc.text` ([0, 0) when the text does not start with the title). */
export function titleEnd(doc: ArticleDocument): number {
  return doc.title !== "" && doc.text.startsWith(doc.title) ? doc.title.length : 0;
}

export function docFeatures(doc: ArticleDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const tEnd = titleEnd(doc);
  for (const t of contentTerms(doc.text)) {
    const w = t.start < tEnd ? TITLE_WEIGHT : 1;
    counts.set(t.term, (counts.get(t.term) ?? 0) + w);
  }
  return counts;
}

/**
 * The vector a linear model scores: (1 + ln count) for each term `keep`
 * accepts, scaled to unit length so that long and short articles weigh the
 * same. Terms come out in a fixed (sorted) order, for reproducible sums.
 */
export function unitLogTf(counts: Map<string, number>, keep: (term: string) => boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let norm = 0;
  for (const [t, c] of counts) {
    if (!keep(t)) continue;
    const v = 1 + Math.log(c);
    out.push([t, v]);
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (norm > 0) for (const e of out) e[1] /= norm;
  return out;
}
