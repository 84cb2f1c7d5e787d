/**
 * The keywords stage: the article's key phrases and names, best first.
 * Fills `keywords[]`; reads `text`, `title` and, when the link stage ran,
 * `entities` (names are the best keywords a news article has).
 *
 * Candidates
 *   names    each entity, shown by its canonical name (فلاديمير بوتين), its
 *            count the number of its mentions; the words inside mentions
 *            are not candidates again
 *   phrases  two or three adjacent content words (terms.ts: analyzer terms,
 *            no stopwords or numbers) with only spaces between, seen
 *            together at least MIN_PHRASE_COUNT times (فيروس كورونا
 *            المستجد); a later word with a proclitic starts a new phrase
 *            (not الصين وروسيا); a phrase inside a longer one seen as often
 *            gives way to it; its words give up those occurrences
 *   words    the remaining content words, verbs left out (verbs.ts: تتفقان,
 *            يدعم are not key terms)
 * Weight: count × idf (df.ts, models/topics/df.json), a title occurrence
 * counting TITLE_BONUS extra; words and phrases common across the news
 * (حماية, تعزيز التعاون: in more than GENERIC_SHARE of articles) are
 * multiplied by sqrt(GENERIC_SHARE / share), names are not. Candidates seen
 * fewer than MIN_TF times (title counting extra) rank after all the others,
 * except multi-word names: a one-off rare word is seldom a key term.
 * Each term appears once: in a name, a phrase or alone, not twice.
 * Display: the article's most frequent spelling without one-letter
 * proclitics (وبالصين, للصين → الصين), spellings without a pronoun suffix
 * first (display.ts).
 */
import type { ArticleDocument, Entity } from "../../document.js";
import { loadCountries } from "../../kb/countries.js";
import { analyzeWord } from "../../text/analyzer.js";
import { normalizeKey } from "../../text/normalize.js";
import { titleEnd } from "../topics/features.js";
import { loadDf } from "./df.js";
import { displayForm, hasEnclitic } from "./display.js";
import { type ContentTerm, contentTerms, isContentTerm, isStopWord } from "./terms.js";
import { looksLikeVerb } from "./verbs.js";

/** Keywords returned by default. */
export const DEFAULT_KEYWORDS = 10;
/** Extra weight of an occurrence in the title. */
export const TITLE_BONUS = 1;
/** One-letter conjunctions (see startsWithConjunction). */
const CONJUNCTIONS = new Set(["و", "ف"]);
/** A phrase must occur at least this often to compete. */
export const MIN_PHRASE_COUNT = 2;
/** Longest phrase, in content words. */
export const MAX_PHRASE_WORDS = 3;
/** Share of news articles above which a word counts as generic and is weighed down. */
export const GENERIC_SHARE = 0.01;
/** Candidates counted fewer times than this rank after the rest (multi-word names excepted). */
export const MIN_TF = 2;

interface Candidate {
  /** Analyzer terms this candidate covers (one for a word). */
  parts: string[];
  tf: number;
  idf: number;
  /** 0..1: 1 for names and specific words (see GENERIC_SHARE). */
  specific: number;
  /** Display forms → count. */
  forms: Map<string, number>;
  first: number;
  /** A name of two words or more: competes even when seen once. */
  multiWordName: boolean;
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

let adjectives: Map<string, string> | null = null;
/**
 * Nationality adjective term → its country's term (صيني → صين), from the
 * knowledge base's country table: "الرئيس الصيني" is about China, so the
 * adjective does not appear beside the country.
 */
function countryOfAdjective(): Map<string, string> {
  if (adjectives) return adjectives;
  adjectives = new Map();
  for (const c of loadCountries()) {
    if (c.name.includes(" ")) continue;
    const country = analyzeWord(c.name);
    for (const a of c.adjectives) if (!a.includes(" ")) adjectives.set(analyzeWord(a), country);
  }
  return adjectives;
}

/** The weight that keeps common words down: 1 up to GENERIC_SHARE of articles, then sqrt(GENERIC_SHARE / share). */
function specificity(share: number): number {
  return share <= GENERIC_SHARE ? 1 : Math.sqrt(GENERIC_SHARE / share);
}

/** Name candidates from the link stage's entities; fills `covered` with the mention spans. */
function nameCandidates(
  entities: readonly Entity[],
  tEnd: number,
  idf: (t: string) => number,
  covered: Array<[number, number]>,
): Candidate[] {
  const out: Candidate[] = [];
  for (const e of entities) {
    if (e.mentions.length === 0) continue;
    const words = e.name.split(/\s+/).filter(Boolean);
    const parts = [...new Set(words.filter((w) => !isStopWord(w)).map(analyzeWord))].filter(isContentTerm);
    if (parts.length === 0) continue;
    let tf = 0;
    let first = Number.POSITIVE_INFINITY;
    for (const m of e.mentions) {
      tf += m.start < tEnd ? 1 + TITLE_BONUS : 1;
      first = Math.min(first, m.start);
      covered.push([m.start, m.end]);
    }
    out.push({
      parts,
      tf,
      idf: parts.reduce((s, p) => s + idf(p), 0) / parts.length,
      specific: 1,
      forms: new Map([[e.name, 1]]),
      first,
      multiWordName: words.length > 1,
    });
  }
  covered.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Marks the terms inside any covered span (both sorted by start). */
function coveredTerms(terms: readonly ContentTerm[], covered: ReadonlyArray<[number, number]>): Uint8Array {
  const inside = new Uint8Array(terms.length);
  let k = 0;
  let reach = -1;
  for (let i = 0; i < terms.length; i++) {
    while (k < covered.length && covered[k][0] <= terms[i].start) reach = Math.max(reach, covered[k++][1]);
    if (terms[i].end <= reach) inside[i] = 1;
  }
  return inside;
}

export function extractKeywords(doc: ArticleDocument, n = DEFAULT_KEYWORDS): string[] {
  if (!(n > 0) || doc.text === "") return [];
  const df = loadDf();
  const text = doc.text;
  const tEnd = titleEnd(doc);
  const terms = contentTerms(text);
  const weightOf = (t: ContentTerm) => (t.start < tEnd ? 1 + TITLE_BONUS : 1);

  const covered: Array<[number, number]> = [];
  const names = nameCandidates(doc.entities ?? [], tEnd, (t) => df.idf(t), covered);
  const inName = coveredTerms(terms, covered);
  // Terms that may be a word or part of a phrase: outside names, not verbs.
  const free = terms.map((t, i) => inName[i] === 0 && !looksLikeVerb(text.slice(t.start, t.end)));

  const words = new Map<string, Candidate>();
  const countryOf = countryOfAdjective();
  for (let i = 0; i < terms.length; i++) {
    if (!free[i]) continue;
    const t = terms[i];
    let c = words.get(t.term);
    if (!c) {
      const country = countryOf.get(t.term);
      c = {
        parts: country === undefined ? [t.term] : [t.term, country],
        tf: 0,
        idf: df.idf(t.term),
        specific: specificity(df.share(t.term)),
        forms: new Map(),
        first: t.start,
        multiWordName: false,
      };
      words.set(t.term, c);
    }
    c.tf += weightOf(t);
    addForm(c, displayForm(text.slice(t.start, t.end)), 1);
  }

  // وروسيا beside روسيا: the segmenter left a conjunction on; count it with the word or name.
  const nameOf = new Map<string, Candidate>();
  for (const c of names) for (const p of c.parts) nameOf.set(p, c);
  for (const [key, c] of words) {
    if (!CONJUNCTIONS.has(key[0]) || key.length <= 3) continue;
    const rest = analyzeWord(key.slice(1));
    const name = nameOf.get(rest);
    if (name) {
      name.tf += c.tf;
      words.delete(key);
      continue;
    }
    const base = words.get(rest);
    if (!base || base === c) continue;
    base.tf += c.tf;
    for (const [f, k] of c.forms) addForm(base, CONJUNCTIONS.has(normalizeKey(f)[0]) ? f.slice(1) : f, k);
    words.delete(key);
  }

  // Phrases: MAX_PHRASE_WORDS or fewer adjacent free terms with only spaces between.
  // First where each occurs (most occur once and never become candidates), then the candidates.
  const occurrences = new Map<string, number[]>();
  for (let i = 0; i < terms.length; i++) {
    if (!free[i]) continue;
    let key = terms[i].term;
    for (let j = i + 1; j < terms.length && j - i < MAX_PHRASE_WORDS; j++) {
      const b = terms[j];
      if (!free[j] || b.term === terms[i].term || (j - i === 2 && b.term === terms[i + 1].term)) break;
      if (!/^ +$/.test(text.slice(terms[j - 1].end, b.start))) break;
      // الصين وروسيا: a later word with a proclitic starts a new phrase, not this one.
      const surface = text.slice(b.start, b.end);
      if (displayForm(surface) !== surface || startsWithConjunction(surface, words)) break;
      key += ` ${b.term}`;
      const at = occurrences.get(key);
      if (at) at.push(i);
      else occurrences.set(key, [i]);
    }
  }
  const phrases = new Map<string, Candidate & { count: number }>();
  for (const [key, at] of occurrences) {
    if (at.length < MIN_PHRASE_COUNT) continue;
    const parts = key.split(" ");
    const c: Candidate & { count: number } = {
      parts,
      tf: 0,
      idf: parts.reduce((s, p) => s + df.idf(p), 0) / parts.length,
      // A phrase is as specific as its most specific word.
      specific: Math.max(...parts.map((p) => specificity(df.share(p)))),
      forms: new Map(),
      first: terms[at[0]].start,
      multiWordName: false,
      count: at.length,
    };
    for (const i of at) {
      c.tf += weightOf(terms[i]);
      const last = terms[i + parts.length - 1];
      addForm(c, displayForm(text.slice(terms[i].start, terms[i].end)) + text.slice(terms[i].end, last.end), 1);
    }
    phrases.set(key, c);
  }
  const kept = [...phrases].filter(([, p]) => p.count >= MIN_PHRASE_COUNT);
  const candidates: Candidate[] = [...names, ...words.values()];
  for (const [key, p] of kept) {
    // فيروس كورونا inside فيروس كورونا المستجد, seen as often: the longer one says more.
    if (kept.some(([k2, p2]) => k2 !== key && p2.count === p.count && ` ${k2} `.includes(` ${key} `))) continue;
    // A phrase scores as its words' occurrences together; the words keep the rest.
    for (const part of p.parts) {
      const w = words.get(part);
      if (w) w.tf = Math.max(0, w.tf - p.tf);
    }
    candidates.push(p);
  }

  const scored = candidates
    .filter((c) => c.tf > 0)
    .map((c) => ({ c, tier: c.tf >= MIN_TF || c.multiWordName ? 0 : 1, score: c.tf * c.idf * c.specific }))
    .sort((x, y) => x.tier - y.tier || y.score - x.score || x.c.first - y.c.first);
  // Each term once: a name or phrase and the words in it, or two phrases sharing a word, do not both appear.
  const out: string[] = [];
  const used = new Set<string>();
  const shown = new Set<string>();
  for (const { c } of scored) {
    if (c.parts.some((p) => used.has(p))) continue;
    const form = bestForm(c);
    if (shown.has(form)) continue;
    for (const p of c.parts) used.add(p);
    shown.add(form);
    out.push(form);
    if (out.length >= n) break;
  }
  return out;
}
