/**
 * "Is this word a verb?" for the keywords stage, which wants names and
 * noun phrases, not تتفقان or يدعم. Marsad has no part-of-speech tagger; the
 * word lexicon (models/lexicon, corpus counts of whole word forms) and the
 * clitic segmenter give enough cues for the common cases:
 *
 *   against  the word's stem takes the article or a noun-only preposition
 *            somewhere in the corpus (التعاون, بروسيا), or it is a gazetteer
 *            name: a noun;
 *   for      an imperfect (ي ت ن + rest) whose other persons are attested
 *            (تتفقان: يتفقان; يدعم: تدعم), or a past in ا (forms IV, VIII,
 *            X: اتفق, أعلن) whose imperfect is (يتفق, يعلن), or a form the
 *            search analyzer's verb stemmer reduces (src/text/stem.ts).
 *
 * Misses (hollow and plain triliteral pasts: أشاد, قال) stay keywords only
 * if frequent and rare enough, which reporting verbs seldom are; the common
 * ones are stopwords anyway.
 */
import { lexicon, segmentKey } from "../../text/lexicon.js";
import { segmentWord } from "../../text/segment.js";
import { verbStem } from "../../text/stem.js";

/** Imperfect person prefixes: a verb's other persons share the rest of the word. */
const IMPERFECT_PREFIXES = ["ي", "ت", "ن"];
/** Proclitics only nouns take (the article, ب and ك): a stem seen with them is a noun. */
const NOUN_PROCLITICS = ["ال", "بال", "وال", "فال", "كال", "لل", "ب", "ك"];
/** Noun evidence above this share of the stem's own count makes it a noun (تعاون: التعاون). */
const MAX_NOUN_SHARE = 0.02;
/** Sightings of sibling forms needed to call a word a verb. */
const MIN_EVIDENCE = 3;
/** Shortest stem tested (shorter ones are particles or too ambiguous). */
const MIN_STEM = 3;

const cache = new Map<string, boolean>();
const CACHE_LIMIT = 100_000;

function count(w: string): number {
  return lexicon().count(w);
}

function verbal(k: string): boolean {
  const lex = lexicon();
  if (k.length < MIN_STEM || lex.names.has(k)) return false;
  // Verb evidence first (most words have none, and it takes fewer lookups), then noun evidence against it.
  return verbEvidence(k) && !nounEvidence(k);
}

function verbEvidence(k: string): boolean {
  // Imperfect: the same rest with another person prefix (تتفقان ~ يتفقان).
  if (IMPERFECT_PREFIXES.includes(k[0]) && k.length > MIN_STEM) {
    let siblings = 0;
    for (const p of IMPERFECT_PREFIXES) if (p !== k[0]) siblings += count(p + k.slice(1));
    if (siblings >= MIN_EVIDENCE) return true;
  }
  // Past of a derived form (hamza folded: أعلن → اعلن): its imperfect is ي + the rest.
  if (k[0] === "ا" && k.length > MIN_STEM && count(`ي${k.slice(1)}`) >= MIN_EVIDENCE && count(`ت${k.slice(1)}`) >= MIN_EVIDENCE)
    return true;
  return verbStem(k, lexicon()) !== k;
}

function nounEvidence(k: string): boolean {
  let noun = 0;
  for (const p of NOUN_PROCLITICS) noun += count(p + k);
  if (noun > MAX_NOUN_SHARE * (count(k) + 1)) return true;
  // قيمت+ها: a feminine noun bent by its enclitic (قيمة), not a past in ت.
  if (k.endsWith("ت")) {
    const free = `${k.slice(0, -1)}ة`;
    noun = 0;
    for (const p of NOUN_PROCLITICS) noun += count(p + free);
    if (noun > MAX_NOUN_SHARE * (count(free) + 1)) return true;
  }
  return false;
}

/** true when `word` (as written, clitics and all) reads as a verb. */
export function looksLikeVerb(word: string): boolean {
  let v = cache.get(word);
  if (v === undefined) {
    let stem = word;
    for (const s of segmentWord(word)) if (s.role === "stem") stem = s.text;
    v = verbal(segmentKey(stem));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, v);
  }
  return v;
}
