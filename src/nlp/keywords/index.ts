/**
 * The keywords stage: the article's key terms, best first, by TF-IDF over
 * content terms (terms.ts: analyzer terms, no stopwords or numbers) with
 * document frequencies from the news corpus (df.ts, models/topics/df.json).
 * Fills `keywords[]`; reads `text` and `title`.
 *
 *   weight   tf × idf, a title occurrence counting TITLE_BONUS extra
 *   phrases  two adjacent content words seen together at least
 *            MIN_PHRASE_COUNT times (الأمم المتحدة, هونغ كونغ), the second
 *            without a proclitic (not الصين وروسيا), compete as one
 *            keyword; the words they cover give up those occurrences
 *   variety  a term appears once: in a phrase or alone, not both
 *   display  the article's most frequent spelling of the term, without
 *            one-letter proclitics (وبالصين, للصين → الصين), preferring
 *            spellings without a pronoun suffix (display.ts)
 */
import type { ArticleDocument } from "../../document.js";
import { analyzeWord } from "../../text/analyzer.js";
import { normalizeKey } from "../../text/normalize.js";
import { titleEnd } from "../topics/features.js";
import { loadDf } from "./df.js";
import { displayForm, hasEnclitic } from "./display.js";
import { type ContentTerm, contentTerms } from "./terms.js";

/** Keywords returned by default. */
export const DEFAULT_KEYWORDS = 10;
/** Extra weight of an occurrence in the title. */
export const TITLE_BONUS = 1;
/** One-letter conjunctions (see startsWithConjunction). */
const CONJUNCTIONS = new Set(["و", "ف"]);
/** A two-word phrase must occur at least this often to compete. */
export const MIN_PHRASE_COUNT = 2;

interface Candidate {
  key: string;
  tf: number;
  idf: number;
  /** Surface display forms → count. */
  forms: Map<string, number>;
  first: number;
}

function addForm(c: Candidate, form: string, weight: number): void {
  c.forms.set(form, (c.forms.get(form) ?? 0) + weight);
}

/** Most frequent form; spellings without a pronoun suffix first, then the earliest seen. */
function bestForm(c: Candidate): string {
  let best = "";
  let bestScore = -1;
  for (const [f, n] of c.forms) {
    const score = n + (hasEnclitic(f) ? 0 : 1000);
    if (score > bestScore) [best, bestScore] = [f, score];
  }
  return best;
}

/**
 * و/ف + a word of this article that the segmenter left joined (وروسيا when
 * روسيا is also here): a conjunction, so the word starts a new phrase.
 */
function startsWithConjunction(word: string, words: ReadonlyMap<string, Candidate>): boolean {
  const key = normalizeKey(word);
  return CONJUNCTIONS.has(key[0]) && key.length > 3 && words.has(analyzeWord(key.slice(1)));
}

export function extractKeywords(doc: ArticleDocument, n = DEFAULT_KEYWORDS): string[] {
  if (!(n > 0) || doc.text === "") return [];
  const df = loadDf();
  const text = doc.text;
  const tEnd = titleEnd(doc);
  const terms = contentTerms(text);
  const weightOf = (t: ContentTerm) => (t.start < tEnd ? 1 + TITLE_BONUS : 1);

  const words = new Map<string, Candidate>();
  for (const t of terms) {
    let c = words.get(t.term);
    if (!c) {
      c = { key: t.term, tf: 0, idf: df.idf(t.term), forms: new Map(), first: t.start };
      words.set(t.term, c);
    }
    c.tf += weightOf(t);
    addForm(c, displayForm(text.slice(t.start, t.end)), 1);
  }

  // وروسيا beside روسيا: the segmenter left a conjunction on; count it with the word.
  for (const [key, c] of words) {
    if (!CONJUNCTIONS.has(key[0]) || key.length <= 3) continue;
    const base = words.get(analyzeWord(key.slice(1)));
    if (!base || base === c) continue;
    base.tf += c.tf;
    for (const [f, k] of c.forms) addForm(base, CONJUNCTIONS.has(normalizeKey(f)[0]) ? f.slice(1) : f, k);
    words.delete(key);
  }

  // Two adjacent content words with only spaces between them.
  const phrases = new Map<string, Candidate & { parts: [string, string] }>();
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = terms[i];
    const b = terms[i + 1];
    if (a.term === b.term || !/^ +$/.test(text.slice(a.end, b.start))) continue;
    // الصين وروسيا: a second word with a proclitic starts a new phrase, not this one.
    const second = text.slice(b.start, b.end);
    if (displayForm(second) !== second || startsWithConjunction(second, words)) continue;
    const key = `${a.term} ${b.term}`;
    let c = phrases.get(key);
    if (!c) {
      c = { key, tf: 0, idf: (df.idf(a.term) + df.idf(b.term)) / 2, forms: new Map(), first: a.start, parts: [a.term, b.term] };
      phrases.set(key, c);
    }
    c.tf += weightOf(a);
    addForm(c, `${displayForm(text.slice(a.start, a.end))} ${text.slice(b.start, b.end)}`, 1);
  }
  const candidates: Candidate[] = [...words.values()];
  for (const p of phrases.values()) {
    const count = [...p.forms.values()].reduce((s, x) => s + x, 0);
    if (count < MIN_PHRASE_COUNT) continue;
    // A phrase scores as its words' occurrences together; the words keep the rest.
    for (const part of p.parts) {
      const w = words.get(part);
      if (w) w.tf = Math.max(0, w.tf - p.tf);
    }
    candidates.push(p);
  }

  const scored = candidates
    .filter((c) => c.tf > 0)
    .map((c) => ({ c, score: c.tf * c.idf }))
    .sort((x, y) => y.score - x.score || x.c.first - y.c.first);
  // Each term once: a phrase and the words in it, or two phrases sharing a word, do not both appear.
  const out: string[] = [];
  const used = new Set<string>();
  for (const { c } of scored) {
    const parts = c.key.split(" ");
    if (parts.some((p) => used.has(p))) continue;
    for (const p of parts) used.add(p);
    const form = bestForm(c);
    out.push(form);
    if (out.length >= n) break;
  }
  return out;
}
