/**
 * The summary stage: an extractive summary, `n` sentences of `doc.text`
 * returned in text order. Fills `summary[]`; reads `text`, `title` and
 * `sentences`.
 *
 * Each body sentence (the title is never one) is scored by
 *   centrality  the TF-IDF weight (keywords' vector: content terms × IDF
 *               from models/topics/df.json) of the distinct terms it
 *               shares with the article, over sqrt(its term count) so that
 *               a long sentence does not win by length alone, scaled to the
 *               best sentence = 1;
 *   position    news puts the point first: LEAD_BONUS for the first body
 *               sentence, decaying as 1 / (1 + POSITION_DECAY × index);
 *   length      sentences under MIN_WORDS or over MAX_WORDS words are
 *               multiplied by LENGTH_PENALTY (datelines, captions, run-ons).
 * Sentences are then taken best first, skipping one that repeats an
 * already taken sentence (term overlap above MAX_OVERLAP), and never the
 * same text twice.
 */
import type { ArticleDocument, Span } from "../../document.js";
import { splitSentences } from "../../text/sentences.js";
import { loadDf } from "../keywords/df.js";
import { type ContentTerm, contentTerms } from "../keywords/terms.js";
import { titleEnd } from "../topics/features.js";

export const DEFAULT_SENTENCES = 3;
/** Weight of position against centrality (both 0..1). */
const POSITION_WEIGHT = 0.6;
/** How fast the position score falls with the sentence index. */
const POSITION_DECAY = 0.5;
/** Extra score of the first body sentence (the lead). */
const LEAD_BONUS = 0.3;
const MIN_WORDS = 6;
const MAX_WORDS = 60;
const LENGTH_PENALTY = 0.5;
/** Share of a candidate's terms already in a taken sentence above which it is a repeat. */
const MAX_OVERLAP = 0.5;

interface Scored {
  span: Span;
  text: string;
  terms: Set<string>;
  score: number;
}

/** Sentence spans of the document (from the sentences stage, else split here). */
function sentenceSpans(doc: ArticleDocument): Span[] {
  if (doc.sentences.length > 0) return doc.sentences;
  const out: Span[] = [];
  let pos = 0;
  const text = doc.text;
  while (pos < text.length) {
    let end = text.indexOf("\n\n", pos);
    if (end < 0) end = text.length;
    out.push(...splitSentences(text, pos, end));
    pos = end + 2;
  }
  return out;
}

export function summarize(doc: ArticleDocument, n = DEFAULT_SENTENCES): string[] {
  if (!(n > 0) || doc.text === "") return [];
  const text = doc.text;
  const tEnd = titleEnd(doc);
  const title = doc.title.trim();
  const body = sentenceSpans(doc)
    .filter((s) => {
      const t = text.slice(s.start, s.end).trim();
      return s.start >= tEnd && t !== "" && t !== title;
    })
    .sort((a, b) => a.start - b.start);
  if (body.length === 0) return [];

  // The article's term weights: tf × idf over the whole text.
  const df = loadDf();
  const all = contentTerms(text);
  const tf = new Map<string, number>();
  for (const t of all) tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
  const weight = (term: string) => (tf.get(term) ?? 0) * df.idf(term);

  let k = 0;
  const raw = body.map((span) => {
    // Sentences are in text order: walk the article's terms once.
    while (k < all.length && all[k].start < span.start) k++;
    const terms: ContentTerm[] = [];
    for (let j = k; j < all.length && all[j].end <= span.end; j++) terms.push(all[j]);
    const distinct = new Set(terms.map((t) => t.term));
    let c = 0;
    for (const t of distinct) c += weight(t);
    const words = text.slice(span.start, span.end).split(/\s+/).filter(Boolean).length;
    return { span, distinct, central: distinct.size ? c / Math.sqrt(terms.length) : 0, words };
  });
  const maxCentral = Math.max(...raw.map((r) => r.central)) || 1;
  const scored: Scored[] = raw.map((r, i) => {
    let score = r.central / maxCentral + POSITION_WEIGHT * (1 / (1 + POSITION_DECAY * i)) + (i === 0 ? LEAD_BONUS : 0);
    if (r.words < MIN_WORDS || r.words > MAX_WORDS) score *= LENGTH_PENALTY;
    return { span: r.span, text: text.slice(r.span.start, r.span.end).trim(), terms: r.distinct, score };
  });

  const order = scored.map((_, i) => i).sort((a, b) => scored[b].score - scored[a].score || a - b);
  const taken: number[] = [];
  const texts = new Set<string>();
  for (const i of order) {
    if (taken.length >= n) break;
    const s = scored[i];
    if (texts.has(s.text)) continue;
    const repeats = taken.some((j) => overlap(s.terms, scored[j].terms) > MAX_OVERLAP);
    if (repeats) continue;
    taken.push(i);
    texts.add(s.text);
  }
  return taken.sort((a, b) => a - b).map((i) => scored[i].text);
}

/** Share of `a`'s terms that are also in `b` (0 for a sentence without terms). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let k = 0;
  for (const t of a) if (b.has(t)) k++;
  return k / a.size;
}
