/**
 * Light stemming of an Arabic stem (clitics already removed by
 * src/text/segment.ts): inflectional suffixes only — feminine ة, sound
 * plurals ات ون ين, duals ان ين, feminine duals تان تين — so that
 * معلم / معلمة / معلمون / معلمين / معلمات meet in one term.
 *
 * Unlike Snowball's Arabic stemmer (بوتين → وتين, بيان → يان), a suffix is
 * removed only when the lexicon attests the PARTNER forms the suffix implies:
 * a sound plural in ين has a nominative in ون (مسلحين/مسلحون) or a singular
 * with its feminine (معلم/معلمة); بوتين, ياسين, فلسطين have neither, so they
 * keep their letters. Broken plurals and derivation (كتب/كتاب/مكتبة) are
 * deliberately left alone: they are not inflection.
 *
 * Works on segment keys (ة kept, see src/text/lexicon.ts); callers fold the
 * result with normalizeKey.
 */
import type { Lexicon } from "./lexicon.js";

interface SuffixRule {
  suffix: string;
  /** Letters that must remain. */
  minStem: number;
  /** Forms of the remainder (base + ending) whose counts are evidence for the removal. */
  partners: string[];
  /**
   * Extra evidence from the bare base together with its feminine (معلم and
   * معلمة); the partner form itself must always be attested.
   */
  singularPair?: boolean;
}

/** Tried in order; the first suffix that matches decides (ين of مسلحين, not ن). */
const RULES: SuffixRule[] = [
  { suffix: "تان", minStem: 2, partners: ["ة", "تين"] }, // دولتان → دول (دولة)
  { suffix: "تين", minStem: 2, partners: ["ة", "تان"] }, // دولتين, سنتين
  { suffix: "ات", minStem: 3, partners: ["ة", ""] }, // بيانات → بيان; 3 letters: ذات, بات stay
  { suffix: "ون", minStem: 3, partners: ["ين"], singularPair: true }, // معلمون; كانون, قانون stay
  { suffix: "ين", minStem: 3, partners: ["ون", "ان"], singularPair: true }, // معلمين; بوتين, ياسين stay
  { suffix: "ان", minStem: 3, partners: ["ين"] }, // وزيران (وزيرين); لبنان, عمران, بيان stay
];

/** ة is always the feminine ending: removed whenever this much remains. */
const TEH_MARBUTA_MIN_STEM = 2;
/**
 * Partner evidence needed, relative to the word's own count (alone + with
 * the article), and in absolute sightings.
 */
const MIN_PARTNER_SHARE = 0.05;
const MIN_PARTNER_COUNT = 3;

function withArticle(lex: Lexicon, w: string): number {
  return lex.count(w) + lex.count(`ال${w}`);
}

/**
 * Remove one inflectional suffix from `stem` (a segment key with no clitics)
 * when the lexicon supports it; otherwise return `stem` unchanged.
 */
export function lightStem(stem: string, lex: Lexicon): string {
  if (stem.endsWith("ة")) return stem.length - 1 >= TEH_MARBUTA_MIN_STEM ? stem.slice(0, -1) : stem;
  for (const r of RULES) {
    if (!stem.endsWith(r.suffix)) continue;
    const base = stem.slice(0, -r.suffix.length);
    if (base.length < r.minStem) return stem;
    let partners = 0;
    for (const p of r.partners) partners += withArticle(lex, base + p);
    if (partners < MIN_PARTNER_COUNT) return stem; // تأمين (تامين) has no تامون: not a plural
    const pair = r.singularPair ? Math.min(withArticle(lex, base), withArticle(lex, `${base}ة`)) : 0;
    return partners + pair >= MIN_PARTNER_SHARE * withArticle(lex, stem) ? base : stem;
  }
  return stem;
}

// ---------------------------------------------------------------- verbs

/**
 * Imperfect prefixes removed (يعمل, تعمل, نعمل → عمل). Not أ: in keys أعمل is
 * also a form-IV past and the first letter of names (أحمد, أشرف, أسامة).
 */
const IMPERFECT_PREFIXES = ["ي", "ت", "ن"];
/** Endings found only on imperfects (يعملون, يعملان, تعملين): removed only together with the prefix. */
const IMPERFECT_SUFFIXES = ["ون", "ان", "ين"];
/** Endings of the past (عملوا, عملت, عملتم, عملنا). */
const PAST_SUFFIXES = ["وا", "تم", "نا", "ت"];
/** A verb stem keeps at least three letters (قال, عمل). */
const VERB_MIN_STEM = 3;
/**
 * A form used with the article more than this share of its own count is a
 * noun (تقرير, يوم, نظام), never stripped as a verb.
 */
const VERB_MAX_ARTICLE_SHARE = 0.02;
/** Sightings of sibling forms needed before a verb affix is removed. */
const VERB_MIN_EVIDENCE = 3;

function imperfectSiblings(lex: Lexicon, base: string, except: string): number {
  let n = 0;
  for (const p of IMPERFECT_PREFIXES) if (p !== except) n += lex.count(p + base);
  return n;
}

/** يعمل → عمل when تعمل/نعمل and عمل are attested; null when it is not an imperfect. */
function stripImperfect(r: string, lex: Lexicon): string | null {
  const p = r[0];
  if (r.length - 1 < VERB_MIN_STEM || !IMPERFECT_PREFIXES.includes(p)) return null;
  const b = r.slice(1);
  // Derived forms whose past starts with ا: ينفعل → انفعل (VII), يفتعل → افتعل
  // (VIII: ينتهي → انتهى), يستفعل → استفعل (X). Not يقول → أقول.
  const derived = b[0] === "ن" || b[1] === "ت" || b.startsWith("ست");
  const past = lex.count(b);
  const pastA = derived ? lex.count(`ا${b}`) : 0;
  if (imperfectSiblings(lex, b, p) < VERB_MIN_EVIDENCE || Math.max(past, pastA) < VERB_MIN_EVIDENCE) return null;
  return pastA > past ? `ا${b}` : b;
}

/**
 * Reduce a verb form to its past-tense stem: يعملون → عمل, قالت → قال,
 * ينتهي → انتهي, يستخدم → استخدم. A form counts as a verb only when it
 * never takes the article and its siblings (other persons, the bare past)
 * are in the lexicon, so names (تونس, ترامب, بوتين, زيدان) and nouns pass
 * through.
 */
export function verbStem(w: string, lex: Lexicon): string {
  if (w.length - 1 < VERB_MIN_STEM) return w;
  if (lex.count(`ال${w}`) > VERB_MAX_ARTICLE_SHARE * lex.count(w)) return w;
  for (const s of IMPERFECT_SUFFIXES) {
    if (!w.endsWith(s)) continue;
    const r = stripImperfect(w.slice(0, -s.length), lex);
    if (r !== null) return r;
    break;
  }
  // Past endings first: نقلت is نقل + ت, not ن + قلت.
  for (const s of PAST_SUFFIXES) {
    if (!w.endsWith(s) || w.length - s.length < VERB_MIN_STEM) continue;
    const cand = w.slice(0, -s.length);
    // The bare past must be a verb too: attested, with imperfect or plural siblings.
    let verbal = imperfectSiblings(lex, cand, "");
    for (const x of ["وا", "ت"]) if (cand + x !== w) verbal += lex.count(cand + x);
    if (lex.count(cand) >= VERB_MIN_EVIDENCE && verbal >= VERB_MIN_EVIDENCE) return cand;
    break;
  }
  return stripImperfect(w, lex) ?? w;
}
