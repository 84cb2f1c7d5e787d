/**
 * The verb-form matcher of the events stage: from a verb's base form (the
 * 3rd person masculine singular perfect, as dictionaries list it: اتفق,
 * دعا, التقى, أشاد) to the inflected forms news text uses, and back.
 *
 *   conjugate(spec)      every 3rd-person (and 1st-person plural) form of the
 *                        perfect and imperfect, as matching keys, with
 *                        aspect and number: اتفقت, اتفقا, اتفقوا, يتفق,
 *                        تتفقان, يتفقون, نتفق ...
 *   VerbMatcher.match    a word of running text → the verb it inflects,
 *                        after the clitics a verb may carry: و/ف
 *                        (conjunction), س (future) or ل (purpose) before an
 *                        imperfect, and one object pronoun (دعمه, التقاه,
 *                        دعموها).
 *
 * Generation, not stripping: the lemmas are a closed set (the events
 * lexicon), so we spell out what each can look like and look words up; a
 * word that merely looks like a verb never matches. Keys come from
 * normalizeKey, so أ/إ/آ are ا and ى is ي (التقى → التقي).
 *
 * The imperfect stem is derived from the shape of the base form (table
 * below); irregular stems (hollow زار → يزور, assimilated وعد → يعد,
 * hamzated أخذ → يأخذ) are given by the lexicon entry (`imperfect`), and a
 * hollow or assimilated form-I verb without one gets no imperfect at all —
 * guessing يزير or يعد ("is counted") would match the wrong words.
 */
import { normalizeKey } from "../../text/normalize.js";

// ---------------------------------------------------------------- tables

export type Aspect = "perfect" | "imperfect";
export type VerbNumber = "singular" | "dual" | "plural";

/** Endings of the perfect of a sound verb (دعم): 3ms, 3fs, duals, plurals, 1p, 2p. */
const PERFECT_SOUND: ReadonlyArray<[ending: string, n: VerbNumber]> = [
  ["", "singular"],
  ["ت", "singular"],
  ["ا", "dual"],
  ["تا", "dual"],
  ["وا", "plural"],
  ["ن", "plural"],
  ["نا", "plural"],
  ["تم", "plural"],
];
/** Perfect of a verb ending in ا (دعا): stem دع + these. */
const PERFECT_DEFECTIVE_W: ReadonlyArray<[string, VerbNumber]> = [
  ["ا", "singular"],
  ["ت", "singular"],
  ["وا", "dual"],
  ["تا", "dual"],
  ["وا", "plural"],
  ["ون", "plural"],
  ["ونا", "plural"],
];
/** Perfect of a verb ending in ى (التقى → key التقي): stem التق + these. */
const PERFECT_DEFECTIVE_Y: ReadonlyArray<[string, VerbNumber]> = [
  ["ي", "singular"],
  ["ت", "singular"],
  ["يا", "dual"],
  ["تا", "dual"],
  ["وا", "plural"],
  ["ين", "plural"],
  ["ينا", "plural"],
];

/** Imperfect person prefixes: he/she/we/I (أ is ا in keys). */
const IMPERFECT_PREFIXES = ["ي", "ت", "ن", "ا"];
/** Imperfect endings after a sound stem: يدعم, يدعمان, يدعمون, تدعمين, يدعما, يدعموا, يدعمن. */
const IMPERFECT_SOUND: ReadonlyArray<[string, VerbNumber]> = [
  ["", "singular"],
  ["ان", "dual"],
  ["ا", "dual"],
  ["ون", "plural"],
  ["وا", "plural"],
  ["ين", "singular"],
  ["ن", "plural"],
];
/** After a stem ending in و (يدعو): the و is part of the ending here. */
const IMPERFECT_DEFECTIVE_W: ReadonlyArray<[string, VerbNumber]> = [
  ["و", "singular"],
  ["وان", "dual"],
  ["وا", "plural"],
  ["ون", "plural"],
];
/** After a stem ending in ي/ى (يلتقي, يتلقى): endings. */
const IMPERFECT_DEFECTIVE_Y: ReadonlyArray<[string, VerbNumber]> = [
  ["ي", "singular"],
  ["يان", "dual"],
  ["يا", "dual"],
  ["ون", "plural"],
  ["وا", "plural"],
  ["ين", "plural"],
];
/**
 * Jussive of a defective verb drops its last letter (لم يلتق). Only for
 * stems this long: لم يدع is also يدع "he leaves".
 */
const MIN_JUSSIVE_STEM = 3;

/** Conjunctions a verb may carry (outermost). */
const CONJUNCTIONS = ["و", "ف"];
/** Before an imperfect only: future س, and ل of purpose (ليتفق). */
const IMPERFECT_PROCLITICS: ReadonlyArray<[string, "future" | "purpose"]> = [
  ["س", "future"],
  ["ل", "purpose"],
];
/** Object pronouns, longest first. */
const ENCLITICS = ["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك"];
/** Words whose readings are kept (the cache is cleared when full). */
const CACHE_LIMIT = 100_000;
/** Fewest letters a form keeps once clitics are removed (ودع is not و + دع). */
const MIN_FORM_LETTERS = 3;

// ---------------------------------------------------------------- conjugation

export interface VerbSpec {
  /** Base form as written (3ms perfect): "اتفق", "أشاد", "التقى". */
  lemma: string;
  /** 3ms imperfect as written, when it cannot be derived: "يزور", "يأخذ". */
  imperfect?: string;
  /** No imperfect forms at all (وعد: its imperfect يعد is also "is counted"). */
  perfectOnly?: boolean;
}

export interface VerbFormInfo {
  /** Key of the base form (normalizeKey(lemma)). */
  lemma: string;
  aspect: Aspect;
  number: VerbNumber;
  /** 3rd person feminine (أعلنت, تعلن, اتفقتا); 2nd person forms look the same. */
  feminine: boolean;
}

function defectiveClass(key: string): "w" | "y" | null {
  if (key.length < 3) return null;
  const last = key[key.length - 1];
  // A hollow verb's ا is in the middle (قال); a final ا/ى is the weak third letter.
  if (last === "ا") return "w";
  if (last === "ي") return "y";
  return null;
}

/**
 * The imperfect stem (what follows ي) of a base key, from its shape, or
 * null when the shape does not tell (hollow or assimilated form I).
 */
function derivedImperfectStem(key: string): string[] | null {
  const n = key.length;
  if (key.startsWith("است") && n >= 6) {
    // Form X: استقبل → ستقبل; hollow استعاد → ستعيد.
    if (n === 6 && key[4] === "ا") return [`${key.slice(1, 4)}ي${key[5]}`];
    return [key.slice(1)];
  }
  if (key[0] === "ا" && n >= 5) return [key.slice(1)]; // VII انسحب, VIII اتفق → نسحب, تفق
  if (key[0] === "ا" && n === 4) {
    // Form IV: أعلن → علن; hollow أشاد → شيد, أدان → دين.
    if (key[2] === "ا") return [`${key[1]}ي${key[3]}`];
    return [key.slice(1)];
  }
  if (key[0] === "ا" && n === 3) {
    // Initial hamza: form I يأخذ or form II يؤكد, يؤيد — both spellings.
    return [key, `ؤ${key.slice(1)}`];
  }
  if (n === 3 && key[1] === "ا") return null; // hollow: يقول or يبيع?
  if (n === 3 && key[0] === "و") return null; // assimilated: يعد or يوقع?
  return [key];
}

/** Every inflected key of a verb (no clitics), with its aspect and number. */
export function conjugate(spec: VerbSpec): Array<{ form: string } & VerbFormInfo> {
  const lemma = normalizeKey(spec.lemma).trim();
  const out: Array<{ form: string } & VerbFormInfo> = [];
  if (lemma.length < 2 || /\s/.test(lemma)) return out;
  const add = (form: string, aspect: Aspect, number: VerbNumber, feminine: boolean) => {
    if (form.length >= 2) out.push({ form, lemma, aspect, number, feminine });
  };
  const weak = defectiveClass(lemma);
  const stem = weak ? lemma.slice(0, -1) : lemma;
  const perfect = weak === "w" ? PERFECT_DEFECTIVE_W : weak === "y" ? PERFECT_DEFECTIVE_Y : PERFECT_SOUND;
  for (const [e, n] of perfect) add(stem + e, "perfect", n, e === "ت" || e === "تا");
  if (spec.perfectOnly) return out;

  // Imperfect: from the explicit form, or derived.
  let stems: string[] | null;
  let iweak: "w" | "y" | null = weak;
  if (spec.imperfect) {
    const imp = normalizeKey(spec.imperfect).trim();
    if (imp.length < 3 || !IMPERFECT_PREFIXES.includes(imp[0])) return out;
    const body = imp.slice(1);
    const last = body[body.length - 1];
    iweak = last === "و" ? "w" : last === "ي" ? "y" : null;
    stems = [iweak ? body.slice(0, -1) : body];
  } else {
    // A weak verb's stem is derived from the whole base (ادّعى → دعي) and loses its last letter (دع).
    stems = derivedImperfectStem(lemma);
    if (stems && weak) stems = stems.map((s) => (s.endsWith("ا") || s.endsWith("ي") ? s.slice(0, -1) : s));
  }
  if (!stems) return out;
  const endings = iweak === "w" ? IMPERFECT_DEFECTIVE_W : iweak === "y" ? IMPERFECT_DEFECTIVE_Y : IMPERFECT_SOUND;
  for (const s of stems) {
    for (const p of IMPERFECT_PREFIXES) {
      // ت is "she" (or "you"); with a plural ending it is the feminine plural: treated as not feminine.
      for (const [e, n] of endings) add(p + s + e, "imperfect", n, p === "ت" && n !== "plural");
      if (iweak && s.length >= MIN_JUSSIVE_STEM) add(p + s, "imperfect", "singular", p === "ت");
    }
  }
  return out;
}

// ---------------------------------------------------------------- matching

export interface VerbMatch extends VerbFormInfo {
  /** The inflected form found (key, clitics removed). */
  form: string;
  /** و/ف before the verb. */
  conjunction: boolean;
  /** س before an imperfect (future). */
  future: boolean;
  /** ل of purpose before an imperfect. */
  purpose: boolean;
  /** Object pronoun after the verb, or null. */
  enclitic: string | null;
}

/** A word → the verb of a closed set it inflects. Built once per lexicon. */
export class VerbMatcher {
  private readonly forms = new Map<string, VerbFormInfo[]>();
  /** Readings per surface word: news vocabulary is Zipfian, so most lookups hit. */
  private readonly cache = new Map<string, readonly VerbMatch[]>();

  constructor(specs: Iterable<VerbSpec>) {
    for (const spec of specs) {
      for (const f of conjugate(spec)) {
        const list = this.forms.get(f.form);
        const info: VerbFormInfo = { lemma: f.lemma, aspect: f.aspect, number: f.number, feminine: f.feminine };
        if (!list) this.forms.set(f.form, [info]);
        else if (
          !list.some((x) => x.lemma === info.lemma && x.aspect === info.aspect && x.number === info.number && x.feminine === info.feminine)
        )
          list.push(info);
      }
    }
  }

  get size(): number {
    return this.forms.size;
  }

  /** Readings of an inflected form with no clitics (several when lemmas share a form). */
  lookup(form: string): readonly VerbFormInfo[] {
    return this.forms.get(form) ?? [];
  }

  /**
   * All readings of a word (any spelling; it is normalized here), the
   * reading with the fewest clitics first. Empty when it inflects no known
   * verb.
   */
  match(word: string): readonly VerbMatch[] {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const out = Object.freeze(this.analyze(word));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, out);
    return out;
  }

  private analyze(word: string): VerbMatch[] {
    const out: VerbMatch[] = [];
    // No verb ends in ة; the key would fold it into the pronoun ه (وزارة → و + زار + ه).
    if (/\u0629[\u064B-\u0652\u0640]*$/.test(word)) return out;
    const key = normalizeKey(word);
    if (key.length < 2 || key.length > 20) return out;
    const conjs = [""];
    if (CONJUNCTIONS.includes(key[0])) conjs.push(key[0]);
    for (const c of conjs) {
      const afterConj = key.slice(c.length);
      const procs: Array<[string, "future" | "purpose" | null]> = [["", null]];
      for (const [p, kind] of IMPERFECT_PROCLITICS) if (afterConj.startsWith(p)) procs.push([p, kind]);
      for (const [p, kind] of procs) {
        const body = afterConj.slice(p.length);
        const encs: Array<string | null> = [null];
        for (const e of ENCLITICS) if (body.endsWith(e) && body.length - e.length >= MIN_FORM_LETTERS) encs.push(e);
        for (const e of encs) {
          const core = e ? body.slice(0, -e.length) : body;
          if (core.length < MIN_FORM_LETTERS && (c || p || e)) continue;
          for (const form of e ? hostForms(core) : [core]) {
            for (const info of this.lookup(form)) {
              if (p && info.aspect !== "imperfect") continue;
              out.push({ ...info, form, conjunction: c !== "", future: kind === "future", purpose: kind === "purpose", enclitic: e });
            }
          }
        }
      }
    }
    // Fewest stripped letters first: وقف is the verb وقف before it is و + قف.
    return out.sort((a, b) => stripped(a) - stripped(b));
  }
}

/**
 * A verb's spelling before an object pronoun: final ى is written ا
 * (التقاه = التقى + ه), and the plural وا loses its alef (دعموه = دعموا + ه).
 */
function hostForms(core: string): string[] {
  const out = [core];
  if (core.endsWith("ا")) out.push(`${core.slice(0, -1)}ي`);
  if (core.endsWith("و")) out.push(`${core}ا`);
  return out;
}

function stripped(m: VerbMatch): number {
  return (m.conjunction ? 1 : 0) + (m.future || m.purpose ? 1 : 0) + (m.enclitic ? m.enclitic.length : 0);
}
