/**
 * Clitic segmentation of one Arabic word: وبالصين → و + ب + ال + صين,
 * كتابهم → كتاب + هم, للسلطة → ل + ل + سلطة, while بيان, بوتين, فيروس,
 * وزير, كورونا, ولاية, فلسطين, كتاب, لبنان stay whole.
 *
 * Contract: segmentWord(surface) returns segments whose texts concatenate
 * EXACTLY to `surface` (marks and tatweel stay on the letter they follow),
 * roles in the order proclitic* stem enclitic*.
 *
 * Conventions (pinned by test/text-segment.test.ts):
 *   - The article ال is its own proclitic by default (search wants صين for
 *     الصين). With { article: "attach" } it stays on the stem, which is UD
 *     Arabic's convention (the seg evaluation uses that).
 *   - ل + ال is written لل: segmented ل + ل (the second ل is the article).
 *   - Before an enclitic the stem keeps its surface spelling: حياته → حيات + ه,
 *     عليه → علي + ه (UD does the same).
 *   - A preposition that carries a pronoun is the stem: به → ب(stem) + ه.
 *   - Only و ف ب ك ل س, the article and the pronoun enclitics are split;
 *     مما/عما (من/عن + ما) stay whole.
 *
 * How a split is chosen (Farasa/MADAMIRA in spirit, corpus statistics instead
 * of a trained ranker): every analysis the clitic grammar allows is a
 * candidate; the lexicon (models/lexicon, news counts of word forms) gives
 *   support(base)  how often the remaining word occurs on its own or with
 *                  the article (for حيات+ه: حياة),
 *   f(word)        how often the whole form occurs,
 *   h(word)        how often the whole form occurs with a clitic that the
 *                  candidate makes impossible (الوزير and ووزير show that the
 *                  و of وزير is not a conjunction: a word has one conjunction,
 *                  and the article never precedes one; وجهه shows the ه of
 *                  وجه is not a pronoun).
 * A candidate passes when rate × support(base) ≥ MIN_RATIO × f(word) (a
 * compound occurs about `rate` times as often as its base) and h(word) is at
 * most MAX_CONTRADICTION × f(word); among those that pass, the highest ratio
 * wins, else the word stays whole. Guards from the grammar come first
 * (tables below, each with its reason). Words the lexicon does not know are
 * split only on structure (و/ب/ل + ال…).
 *
 * Results are cached per surface form (and analyses per key), so the cost
 * on running text is about one Map lookup per token.
 */
import type { Segment } from "../document.js";
import { type Lexicon, lexicon, segmentKey } from "./lexicon.js";
import { normalizeWithOffsets } from "./normalize.js";

// ---------------------------------------------------------------- tables

/** Conjunctions: at most one, always outermost. */
const CONJ = new Set(["و", "ف"]);
/** Prepositions (and لـ of purpose before verbs): at most one, after a conjunction. */
const PREP = new Set(["ب", "ل", "ك"]);
/** Future marker: only before an imperfect verb, whose first letter is one of these. */
const FUTURE = "س";
const IMPERFECT_FIRST = new Set(["ي", "ت", "ن", "ا"]);
/** Pronoun enclitics, longest first so that هما is tried before هم and ه. */
const ENCLITICS = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي"] as const;
const ARTICLE = "ال";

/**
 * Rough share of a word's uses that carry each clitic. A candidate needs
 * rate × support(base) ≥ MIN_RATIO × f(word): a compound is about `rate`
 * times as frequent as its base. Rare clitics (ك, ي) get low rates so that
 * they need much stronger evidence. Keys: the clitic, or "enc:X" for an
 * enclitic spelled like a proclitic.
 */
const RATE: Record<string, number> = {
  و: 0.3, // the commonest clitic in news: وقال is twice as frequent as قال
  ف: 0.1,
  ب: 0.3, // ب + noun is often an idiom (بشكل, بسبب, بشأن) more frequent than its noun
  ل: 0.3,
  ك: 0.03, // كـ "as" is rare; كان, كما, كل must not become ك + …
  س: 0.3, // guarded by grammar: only before imperfect verbs
  ه: 1,
  ها: 1,
  هم: 1,
  هما: 0.3,
  هن: 0.3,
  كم: 0.1,
  كما: 0.002, // 2nd person dual/feminine plural: almost never in news (تتمكن ≠ تتم + كن)
  كن: 0.002,
  نا: 0.3,
  ني: 0.3,
  "enc:ك": 0.02, // 2nd person: rare in news; ملك, بنك, مبارك are not X + ك
  ي: 0.003, // 1st person: rare in news; دولي, عربي, قانوني are nisba adjectives
  "ي:ت": 0.05, // …but after ت from ة (حياتي, محطتي) ي is the pronoun: nisba drops the ة
};
/**
 * rate × support(base) / (f(word) + 1) must reach this. The bar is low where
 * contradictions (below) are strong evidence on their own: any whole word
 * starting with و/ف takes و/ف/ب/ل (ووصل, بوزير), and a base starting with
 * the article is a noun, which takes ب/ل/ك/ال. Verbs starting with ب/ل/ك
 * (بدأ, لعب) give no contradictions, so a bare base needs the higher bar.
 */
const MIN_RATIO = { conj: 0.005, definite: 0.005, other: 0.03 };
/**
 * h(word), the uses of the whole form that contradict a split (ووجد, الوزير,
 * وجهه), may be at most this share of f(word): a true compound has none
 * but typos.
 */
const MAX_CONTRADICTION = 0.02;
/** A base seen fewer times than this (alone and with the article) is no evidence. */
const MIN_SUPPORT = 3;

/**
 * Longer "words" are run-ons, URLs or noise: left whole, which also bounds
 * the work (and the recursion through bases) per token.
 */
const MAX_WORD_LETTERS = 30;

/** Minimum stem length (in key letters) left after stripping, by situation. */
const MIN_STEM = {
  /** Three letters, except the short words in SHORT_STEMS (و + لا, ب + ما). */
  general: 3,
  /** س + an imperfect verb has at least three letters (سيكون, ستبدأ). */
  afterFuture: 3,
  /** After the article: ال + ان (الآن) is not article + ان; see ARTICLE_WHOLE. */
  afterArticle: 2,
  /** Unknown words are split on structure only when this much is left. */
  unknownStem: 3,
};

/**
 * Two-letter words that may stand after a proclitic or before an enclitic
 * (وفي, بما, ولا, فإن, منه, فيها, كلهم). Other two-letter remainders are
 * chance (بدأ ≠ ب + دأ, بات ≠ ب + ات, بيد ≠ ب + يد).
 */
const SHORT_STEMS = new Set(["ما", "لا", "في", "من", "عن", "مع", "هو", "هي", "هم", "قد", "ان", "لم", "لن", "كل", "اي", "ذا", "لو", "ها"]);
/** Of those, the ones that take an enclitic pronoun (فيه, منها, كلهم, أنه); ماي is "May", not ما + ي. */
const SHORT_HOSTS = new Set(["في", "من", "عن", "مع", "ان", "كل", "اي"]);

/**
 * Prepositions that take a pronoun directly, with no stem between:
 * به, لها, لهم, لنا, لي. (بي is left out: in news it is the B of "بي بي سي".)
 */
const PREP_PRONOUN = new Map<string, Set<string>>([
  ["ب", new Set(["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا"])],
  ["ل", new Set(["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي"])],
]);
/**
 * Hosts of ني ("me"), which follows verbs (يمكنني, تجعلني: imperfect, first
 * letter in IMPERFECT_FIRST) and these particles; elsewhere ني is a word
 * ending (قانوني, ثاني).
 */
const NI_HOSTS = new Set(["ان", "لكن", "ليت", "لعل", "كان"]);
/** Short stems allowed after ك (كـ "as" + a two-letter word is rare; كان ≠ ك + ان). */
const SHORT_STEMS_AFTER_KAF = new Set(["ما", "ذا"]);

/**
 * Words that are never split (keys). Closed-class words whose letters look
 * like clitics, and adverbs UD keeps whole (فحسب, كذلك).
 */
const NEVER_SPLIT = new Set([
  "هناك",
  "هنالك",
  "ذلك",
  "تلك",
  "اولئك",
  "ذاك",
  "لكن",
  "لكي",
  "لذا",
  "كذا",
  "كذلك",
  "كي",
  "لدي",
  "لقد",
  "لعل",
  "ليس",
  "ليست",
  "لو",
  "لولا",
  "لم",
  "لن",
  "لما",
  "كما",
  "كلما",
  "كيف",
  "كل",
  "فقط",
  "فحسب",
  "فيما",
  "بل",
  "بين",
  "بعد",
  "سوي",
  "سوف",
]);

/** Words starting with ال whose ال is not the article. */
const ARTICLE_WHOLE = new Set([
  "الذي",
  "التي",
  "الذين",
  "اللذان",
  "اللذين",
  "اللتان",
  "اللتين",
  "اللاتي",
  "اللواتي",
  "اللائي",
  "الي",
  "الا",
  "الان",
  "الله",
  "اللهم",
  "الف",
  "الاف",
  "الفا",
]);

/**
 * Clitics that cannot stand before a word whose outer layer is a conjunction
 * / preposition. (ل before a word in ل is skipped: لل… also spells ل + ال.)
 */
const CONTRADICT_BEFORE_CONJ = ["و", "ف", "ب", "ل", "ك", ARTICLE];
const CONTRADICT_BEFORE_PREP = ["ب", "ل", "ك", ARTICLE];
/** Endings that cannot follow an enclitic pronoun (وجهه, توجهت, جنيهات show ه is part of the word). */
const CONTRADICT_AFTER_ENC = ["ه", "ها", "هم", "ت", "وا", "ات", "ان", "ين", "ون", "ية", "ي"];

/** Tanween (ً ٌ ٍ): an indefinite noun, which takes no article and no enclitic. */
/** What the key no longer shows but the analysis needs, read off the surface. */
export enum SurfaceFlag {
  None = 0,
  /** Tanween (ً ٌ ٍ): an indefinite noun, which takes no article and no enclitic. */
  Tanween = 1,
  /** The word ends in ى (alef maksura), which the pronoun ي never is (إحدى, مستشفى). */
  FinalMaksura = 2,
  /** Fathatan (ً): accusative, so not after a preposition, which governs the genitive (بديلاً, بعداً). */
  TanweenFath = 4,
}

function surfaceFlags(s: string): number {
  let f = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x064b && c <= 0x064d) f |= SurfaceFlag.Tanween;
    if (c === 0x064b) f |= SurfaceFlag.TanweenFath;
  }
  let j = s.length - 1;
  while (j > 0 && s.charCodeAt(j) >= 0x064b && s.charCodeAt(j) <= 0x0652) j--;
  if (s.charCodeAt(j) === 0x0649) f |= SurfaceFlag.FinalMaksura;
  return f;
}

// ---------------------------------------------------------------- analysis

/** Boundaries of one analysis, in key letters. */
export interface CliticAnalysis {
  /** Length of the conjunction (0 or 1). */
  conj: number;
  /** Length of the preposition / future marker (0 or 1). */
  prep: number;
  /** Article: 0 none, 2 ال, 1 the elided ل of لل. */
  art: number;
  /** Length of the enclitic pronoun (0 when none). */
  enc: number;
}

/** Candidate features for debugging (see setCliticTrace). */
export interface CliticTrace {
  key: string;
  conj: number;
  prep: number;
  enc: string;
  fw: number;
  sup: number;
  h: number;
  rate: number;
}
let trace: ((t: CliticTrace) => void) | null = null;
/** Debugging aid: receive every candidate analyzeClitics weighs (null to stop). */
export function setCliticTrace(fn: ((t: CliticTrace) => void) | null): void {
  trace = fn;
}

const WHOLE: CliticAnalysis = Object.freeze({ conj: 0, prep: 0, art: 0, enc: 0 });

function encRate(e: string): number {
  return e === "ك" ? RATE["enc:ك"] : RATE[e];
}

/**
 * Forms the base may take when it stands alone: before an enclitic, ة is
 * written ت (حياته), ى is written ا (مستشفاه), final hamza sits on و/ي
 * (ارتداؤه), and the plural ون loses its ن (معلموهم).
 */
function baseForms(stem: string, enclitic: string): string[] {
  if (!enclitic) return [stem];
  const last = stem[stem.length - 1];
  const head = stem.slice(0, -1);
  switch (last) {
    case "ت":
      return [stem, `${head}ة`];
    case "ا":
      return [stem, `${head}ي`];
    case "ؤ":
    case "ئ":
      return [stem, `${head}ء`];
    case "و":
      // Not before نا: مليونا is مليون + the accusative alef, not مليو(ن) + نا.
      return enclitic === "نا" ? [stem] : [stem, `${stem}ن`];
    default:
      return [stem];
  }
}

/** Analyses memoized per key and flags (spelling variants and recursive bases share them). */
const MEMO_LIMIT = 200_000;

class Analyzer {
  private readonly memo = new Map<string, CliticAnalysis>();
  constructor(private readonly lex: Lexicon) {}

  analyze(key: string, flags: number): CliticAnalysis {
    const id = flags === 0 ? key : `${key}\u0000${flags}`;
    let a = this.memo.get(id);
    if (a === undefined) {
      a = Object.freeze(this.decide(key, flags));
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(id, a);
    }
    return a;
  }

  /**
   * How often `base` occurs as a word: alone and with the article. A base
   * that itself starts with a conjunction (بوغاز → ب + وغاز?) counts only
   * when it is not itself و/ف + word.
   */
  support(base: string, enclitic: string): number {
    const lex = this.lex;
    let best = 0;
    for (const b of baseForms(base, enclitic)) {
      let s = lex.count(b);
      if (s > 0 && CONJ.has(b[0]) && this.analyze(b, SurfaceFlag.None).conj) s = 0;
      if (!b.startsWith(ARTICLE)) s += lex.count(ARTICLE + b);
      else if (b.length - 2 >= MIN_STEM.afterArticle) s += lex.count(b.slice(2));
      if (s > best) best = s;
    }
    return best;
  }

  /** Uses of the whole form that contradict splitting its first letter as a clitic. */
  contradictBefore(w: string, outer: "conj" | "prep"): number {
    let h = 0;
    for (const p of outer === "conj" ? CONTRADICT_BEFORE_CONJ : CONTRADICT_BEFORE_PREP) {
      if (p === "ل" && w[0] === "ل") continue;
      h += this.lex.count(p + w);
    }
    return h;
  }

  /** Uses of the whole form that contradict reading its end as an enclitic. */
  contradictAfter(w: string): number {
    let h = w.startsWith(ARTICLE) ? 0 : this.lex.count(ARTICLE + w);
    for (const e of CONTRADICT_AFTER_ENC) h += this.lex.count(w + e);
    return h;
  }

  private decide(key: string, flags: number): CliticAnalysis {
    const n = key.length;
    if (n < 2 || n > MAX_WORD_LETTERS || NEVER_SPLIT.has(key)) return n > MAX_WORD_LETTERS ? WHOLE : this.withArticle(key, WHOLE);
    const lex = this.lex;
    const fw = lex.count(key);
    let best: CliticAnalysis | null = null;
    let bestScore = 0;
    // Contradiction counts, computed at most once per layer.
    let hConj = -1;
    let hPrep = -1;
    let hEnc = -1;

    for (let c = 0; c <= 1; c++) {
      if (c === 1 && !CONJ.has(key[0])) continue;
      for (let p = 0; p <= 1; p++) {
        const pc = key[c];
        if (p === 1 && !(c < n && (PREP.has(pc) || pc === FUTURE))) continue;
        if (p === 1 && pc !== FUTURE && (flags & SurfaceFlag.TanweenFath) !== 0) continue;
        const isFuture = p === 1 && pc === FUTURE;
        const isLil = p === 1 && pc === "ل" && key[c + 1] === "ل";
        for (let ei = -1; ei < ENCLITICS.length; ei++) {
          const e = ei < 0 ? "" : ENCLITICS[ei];
          if (c + p === 0 && e === "") continue; // the whole word: the default
          if (e && ((flags & SurfaceFlag.Tanween) !== 0 || !key.endsWith(e))) continue;
          if (e === "ي" && (flags & SurfaceFlag.FinalMaksura) !== 0) continue;
          const stem = key.slice(c + p, n - e.length);
          let rate = 1;
          if (c) rate *= RATE[key[0]];
          if (p) rate *= RATE[pc];
          if (e) rate *= e === "ي" && stem.endsWith("ت") ? RATE["ي:ت"] : encRate(e);

          let sup: number;
          if (p && e && stem.length === 0) {
            // Preposition + pronoun with nothing between: به, لهم.
            if (isFuture || !PREP_PRONOUN.get(pc)?.has(e)) continue;
            // With a conjunction, the whole form may be a word (ولي العهد): check contradictions.
            if (c) {
              if (hConj < 0) hConj = this.contradictBefore(key, "conj");
              if (hConj > MAX_CONTRADICTION * (fw + 1)) continue;
            }
            if (trace) trace({ key, conj: c, prep: p, enc: e, fw, sup: -1, h: 0, rate });
            best = { conj: c, prep: p, art: 0, enc: e.length };
            bestScore = Number.POSITIVE_INFINITY;
            continue;
          } else {
            if (isFuture) {
              if (stem.length < MIN_STEM.afterFuture || !IMPERFECT_FIRST.has(stem[0])) continue;
            } else if (stem.length < MIN_STEM.general) {
              if (!(e ? SHORT_HOSTS : p && pc === "ك" ? SHORT_STEMS_AFTER_KAF : SHORT_STEMS).has(stem)) continue;
            }
            if (c && (p || e) && NEVER_SPLIT.has(key.slice(1))) continue; // و + لكن, not و + ل + كن
            if (e === "ني" && !NI_HOSTS.has(stem) && !IMPERFECT_FIRST.has(stem[0])) continue;
            if (e && stem.startsWith(ARTICLE) && stem.length > 3 && !ARTICLE_WHOLE.has(stem)) continue; // article + enclitic
            // للسلطة: the base is السلطة (ل + ال with the alef dropped), or لسلطة.
            sup = this.support(stem, e);
            if (isLil) sup = Math.max(sup, this.support(ARTICLE + stem.slice(1), ""));
            if (e === "ني") sup = lex.count(stem); // ني follows verbs and particles: no ة, no article
            if (sup < MIN_SUPPORT) continue;
          }

          // Cheap tests first: the ratio, and whether this could beat the best so far.
          const expected = rate * sup;
          const score = expected / (fw + 1);
          const bar = c && !p ? MIN_RATIO.conj : stem.startsWith(ARTICLE) || isLil ? MIN_RATIO.definite : MIN_RATIO.other;
          if (trace === null && (score < bar || (best !== null && score <= bestScore))) continue;
          let h = 0;
          if (c) {
            if (hConj < 0) hConj = this.contradictBefore(key, "conj");
            h += hConj;
          } else if (p) {
            if (hPrep < 0) hPrep = this.contradictBefore(key, "prep");
            h += hPrep;
          }
          if (e) {
            if (hEnc < 0) hEnc = this.contradictAfter(key);
            h += hEnc;
          }
          if (trace) trace({ key, conj: c, prep: p, enc: e, fw, sup, h, rate });
          if (score < bar) continue;
          if (h > MAX_CONTRADICTION * (fw + 1)) continue;
          if (best === null || score > bestScore) {
            best = { conj: c, prep: p, art: 0, enc: e.length };
            bestScore = score;
          }
        }
      }
    }
    if (best === null) best = fw === 0 ? structuralSplit(key) : WHOLE;
    else if (best.conj && !best.prep && !best.enc) {
      // و + بحلول: what follows the conjunction is analyzed on its own.
      const rest = this.analyze(key.slice(1), flags);
      if (rest.prep || rest.enc) best = { conj: 1, prep: rest.prep, art: 0, enc: rest.enc };
    }
    return this.withArticle(key, best);
  }

  /** Decide whether the stem begins with the article (ال, or the ل left of it in لل). */
  withArticle(key: string, a: CliticAnalysis): CliticAnalysis {
    if (a.enc > 0) return a;
    const lex = this.lex;
    const stem = key.slice(a.conj + a.prep);
    if (a.prep === 1 && key[a.conj] === "ل" && stem[0] === "ل") {
      // لل: ل + ال + X, unless the word itself starts with ل (للجنة = ل + لجنة).
      const rest = stem.slice(1);
      if (rest.length < MIN_STEM.afterArticle) return a;
      if (lex.count(ARTICLE + stem) > lex.count(ARTICLE + rest)) return a;
      return { ...a, art: 1 };
    }
    if (!stem.startsWith(ARTICLE) || stem.length - 2 < MIN_STEM.afterArticle || ARTICLE_WHOLE.has(stem)) return a;
    // لألمانيا, الألمانيا: uses that show this ال is part of the word.
    const contra = lex.count(`ل${stem}`) + lex.count(ARTICLE + stem);
    if (contra > MAX_CONTRADICTION * lex.count(stem)) return a;
    return { ...a, art: 2 };
  }
}

/**
 * For words the lexicon does not know (fresh names, rare forms): split a
 * conjunction and/or preposition only when what follows starts with the
 * article (والكابيتول, بالكابيتول, للكابيتول), which no stem does by accident
 * after و/ف/ب/ك/ل.
 */
function structuralSplit(key: string): CliticAnalysis {
  let i = 0;
  let conj = 0;
  let prep = 0;
  const articleAt = (j: number) => key.startsWith(ARTICLE, j) || (key[j - 1] === "ل" && key[j] === "ل");
  if (CONJ.has(key[0]) && key.length - 1 >= 2 + MIN_STEM.unknownStem) {
    if (articleAt(1) || (PREP.has(key[1]) && articleAt(2))) {
      conj = 1;
      i = 1;
    }
  }
  if (PREP.has(key[i]) && key.length - i - 1 >= 1 + MIN_STEM.unknownStem && articleAt(i + 1)) prep = 1;
  return conj || prep ? { conj, prep, art: 0, enc: 0 } : WHOLE;
}

const analyzers = new WeakMap<Lexicon, Analyzer>();

/**
 * Choose the clitic analysis of a key (segmentKey form); `flags` are the
 * SurfaceFlags of the word it came from. Exported for the
 * analyzer and for tests; most callers want segmentWord.
 */
export function analyzeClitics(key: string, flags: number = SurfaceFlag.None, lex: Lexicon = lexicon()): CliticAnalysis {
  let a = analyzers.get(lex);
  if (a === undefined) {
    a = new Analyzer(lex);
    analyzers.set(lex, a);
  }
  return a.analyze(key, flags);
}

// ---------------------------------------------------------------- surface

export interface SegmentOptions {
  /** "split" (default): ال is its own proclitic. "attach": ال stays on the stem (UD Arabic). */
  article?: "split" | "attach";
}

/** Segments cached per surface form; news vocabulary is Zipfian, so most lookups hit. */
const CACHE_LIMIT = 200_000;
const cacheSplit = new Map<string, Segment[]>();
const cacheAttach = new Map<string, Segment[]>();

function hasArabicLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0620 && c <= 0x064a) return true;
  }
  return false;
}

/** Turn key boundaries into surface segments (marks stay with the letter before them). */
function build(surface: string, key: string, a: CliticAnalysis, attach: boolean): Segment[] {
  if (a.conj + a.prep + a.art + a.enc === 0) return [{ text: surface, role: "stem" }];
  const offsets = key.length !== surface.length ? normalizeWithOffsets(surface, { tehMarbuta: false }).offsets : null;
  const at = (i: number) => (offsets ? offsets[i] : i);
  let art = a.art;
  if (art === 2) {
    // The article is written with a bare alef (or wasla): أل/إل/آل begin a word (ألمانيا).
    const c = surface.charCodeAt(at(a.conj + a.prep));
    if (c !== 0x0627 && c !== 0x0671) art = 0;
  }
  // Key offsets where a proclitic ends.
  const cuts: number[] = [];
  if (a.conj) cuts.push(a.conj);
  // In به / وله the preposition is the host of the pronoun: it is the stem.
  const prepIsStem = a.prep > 0 && a.conj + a.prep + a.enc === key.length;
  if (a.prep && !prepIsStem) cuts.push(a.conj + a.prep);
  if (art && !attach) cuts.push(a.conj + a.prep + art);
  if (cuts.length === 0 && a.enc === 0) return [{ text: surface, role: "stem" }];
  const out: Segment[] = [];
  let prev = 0;
  for (const c of cuts) {
    const pos = at(c);
    out.push({ text: surface.slice(prev, pos), role: "proclitic" });
    prev = pos;
  }
  if (a.enc) {
    const pos = at(key.length - a.enc);
    out.push({ text: surface.slice(prev, pos), role: "stem" });
    out.push({ text: surface.slice(pos), role: "enclitic" });
  } else {
    out.push({ text: surface.slice(prev), role: "stem" });
  }
  // A cut inside a presentation-form ligature (ﻻ) would leave an empty piece.
  for (const seg of out) if (seg.text.length === 0) return [{ text: surface, role: "stem" }];
  return out;
}

/**
 * Split one word into proclitics, stem and enclitics. The result may be a
 * shared, frozen array: do not modify it.
 */
export function segmentWord(surface: string, opts?: SegmentOptions): Segment[] {
  const attach = opts?.article === "attach";
  const cache = attach ? cacheAttach : cacheSplit;
  const hit = cache.get(surface);
  if (hit !== undefined) return hit;
  let segs: Segment[];
  if (surface.length < 2 || !hasArabicLetter(surface)) {
    segs = [{ text: surface, role: "stem" }];
  } else {
    const key = segmentKey(surface);
    segs = build(surface, key, analyzeClitics(key, surfaceFlags(surface)), attach);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  for (const s of segs) Object.freeze(s);
  Object.freeze(segs);
  cache.set(surface, segs);
  return segs;
}
