/**
 * Negation and mode of an event trigger, from the words before it in its
 * clause: "لم تتفق" is negated, "ستتفق" / "من المقرر أن يلتقي" are future,
 * "إذا اتفقت" / "قد يلتقي" / "يمكن أن" are hypothetical. Such events are
 * flagged, not dropped: a consumer that wants facts filters on
 * `negated === false && mode === "asserted"`.
 *
 * Every cue is a table entry below (matching keys; one leading و/ف is
 * allowed on any cue word), with the distance it may stand from the trigger.
 */
import type { Token } from "../../document.js";
import { normalizeKey } from "../../text/normalize.js";

// ---------------------------------------------------------------- tables

/** Particles that negate the next verb: [word, furthest tokens before the trigger]. */
const VERB_NEGATORS: ReadonlyArray<[string, number]> = [
  ["لم", 2], // لم تتفق / لم يلتق الرئيس
  ["لن", 2], // also future
  ["لا", 1],
  ["ألا", 1], // أن + لا: وعد بألا تفرض
  ["بألا", 1],
  ["لئلا", 1],
  ["لما", 1],
  ["ليس", 2],
  ["ليست", 2],
  ["ليسوا", 2],
  ["دون", 2], // دون أن يتفقا
  ["بدون", 2],
];
/** Words that negate the next noun (a meeting noun): عدم إجراء محادثات is two words off. */
const NOUN_NEGATORS: ReadonlyArray<[string, number]> = [
  ["عدم", 2],
  ["بعدم", 2],
  ["دون", 2],
  ["بدون", 2],
  ["غياب", 1],
];
/** "ما" negates only right before a perfect verb (ما اتفق); elsewhere it is "what". */
const MA = "ما";
/** Verbs of denial: anything they govern later in the sentence is negated (نفى أن يكون التقى). */
const DENIAL_VERBS = ["نفى", "نفت", "ينفي", "تنفي", "نفوا", "ينفون", "نفيا", "كذب", "كذبت"];

/** Future markers: سوف, and phrases of plan or intent before the trigger. */
const FUTURE_WORDS: ReadonlyArray<[string, number]> = [
  ["سوف", 2],
  ["لن", 2],
];
const FUTURE_PHRASES = [
  "من المقرر",
  "من المزمع",
  "من المنتظر",
  "من المتوقع",
  "من المرتقب",
  "يعتزم",
  "تعتزم",
  "يعتزمون",
  "ينوي",
  "تنوي",
  "يستعد",
  "تستعد",
  "يخطط",
  "تخطط",
  "يرغب",
  "ترغب",
  "يأمل",
  "تأمل",
  "يسعى",
  "تسعى",
  "يريد",
  "تريد",
  "عازم",
  "عازمة",
  "سيتم",
  // Purpose: what is done "in order to" or "in preparation for" has not happened yet.
  "من أجل",
  "بهدف",
  "سعيا",
  "استعدادا",
  "تمهيدا",
];
/** How many tokens before the trigger a plan/intent phrase may start. */
const FUTURE_PHRASE_WINDOW = 6;

/** Conditionals, possibility and questions. */
const HYPOTHETICAL_PHRASES = [
  "إذا",
  "لو",
  "لولا",
  "في حال",
  "حال",
  "ربما",
  "يمكن",
  "يمكنه",
  "يمكنها",
  "من الممكن",
  "بإمكان",
  "هل",
  "عسى",
  // "لا تستبعد عقد اجتماع": (not) ruling out is talk of a possibility.
  "تستبعد",
  "يستبعد",
  "استبعد",
  "استبعدت",
  "احتمال",
  "إمكانية",
];
const HYPOTHETICAL_WINDOW = 6;
/** قد before an imperfect is "may"; before a perfect it only stresses (قد اتفقا = they did agree). */
const QAD = "قد";
/**
 * إن right before a perfect verb is "if" (إن اتفقت); before a noun it is the
 * complementizer. Matched on the surface: in keys إن and أن ("بعد أن اتفقا")
 * are both ان.
 */
const IN_CONDITIONAL = "إن";

/** Tokens that close a clause: modality cues do not reach across them. */
const CLAUSE_BREAK = /^[.!?؟؛;:]$/;

// ---------------------------------------------------------------- detection

export type Mode = "asserted" | "future" | "hypothetical";

export interface Modality {
  negated: boolean;
  mode: Mode;
}

export interface TriggerShape {
  /** The trigger is a verb in the perfect / imperfect, or a noun. */
  aspect: "perfect" | "imperfect" | "noun";
  /** The verb carries the future prefix س. */
  futurePrefix: boolean;
}

const key = (w: string) => normalizeKey(w);
const verbNegators = new Map(VERB_NEGATORS.map(([w, d]) => [key(w), d]));
const nounNegators = new Map(NOUN_NEGATORS.map(([w, d]) => [key(w), d]));
const denial = new Set(DENIAL_VERBS.map(key));
const futureWords = new Map(FUTURE_WORDS.map(([w, d]) => [key(w), d]));
const futurePhrases = FUTURE_PHRASES.map((p) => key(p).split(" "));
const hypoPhrases = HYPOTHETICAL_PHRASES.map((p) => key(p).split(" "));

/** A token's key and its key without one leading و/ف. */
function forms(norm: string): string[] {
  return (norm[0] === "و" || norm[0] === "ف") && norm.length > 2 ? [norm, norm.slice(1)] : [norm];
}

function isQuoteMark(norm: string): boolean {
  return /^["«»“”']$/.test(norm);
}

/** Whether a phrase (key words) ends... starts at token i. */
function phraseAt(tokens: Token[], i: number, phrase: string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[i + k];
    if (!t) return false;
    if (!(k === 0 ? forms(t.norm) : [t.norm]).includes(phrase[k])) return false;
  }
  return true;
}

/**
 * Negation and mode of the trigger at token `at` (first token of the
 * trigger), looking back no further than `floor` (the sentence start).
 */
export function modalityOf(tokens: Token[], at: number, floor: number, shape: TriggerShape): Modality {
  let negated = false;
  let future = shape.futurePrefix;
  let hypothetical = false;
  const negators = shape.aspect === "noun" ? nounNegators : verbNegators;
  // Walk back over the clause: distance counts words, not punctuation or quote marks.
  let dist = 0;
  for (let i = at - 1; i >= floor; i--) {
    const norm = tokens[i].norm;
    if (CLAUSE_BREAK.test(norm)) break;
    if (isQuoteMark(norm) || norm === "،" || norm === ",") continue;
    dist++;
    for (const f of forms(norm)) {
      const d = negators.get(f);
      if (d !== undefined && dist <= d) {
        negated = true;
        if (f === key("لن")) future = true;
      }
      if (f === MA && dist === 1 && shape.aspect === "perfect") negated = true;
      const fw = futureWords.get(f);
      if (fw !== undefined && dist <= fw) future = true;
      if (f === QAD && dist === 1 && shape.aspect === "imperfect") hypothetical = true;
      if (dist === 1 && shape.aspect === "perfect" && tokens[i].text === IN_CONDITIONAL) hypothetical = true;
      if (denial.has(f)) negated = true;
    }
    if (dist <= FUTURE_PHRASE_WINDOW && futurePhrases.some((p) => phraseAt(tokens, i, p))) future = true;
    if (dist <= HYPOTHETICAL_WINDOW && hypoPhrases.some((p) => phraseAt(tokens, i, p))) hypothetical = true;
  }
  return { negated, mode: hypothetical ? "hypothetical" : future ? "future" : "asserted" };
}
