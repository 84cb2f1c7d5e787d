/**
 * Who did it, and to whom: the source and target of one trigger, found in
 * its sentence by word order and prepositions. Arabic news is mostly VSO
 * ("اتفق بوتين مع شي"), with a topicalised subject before the verb after
 * أن/إن or at the start of a sentence ("روسيا والصين تتفقان", "أن بلاده
 * تدعم"); targets follow a preposition the trigger's frame names (مع, ب,
 * على, ...) or stand as its direct object.
 *
 * Everything here is conservative: a subject must be right after the verb
 * (titles and time words may sit between) or right before it (only modal
 * particles between), agree with the verb in gender and number when the
 * names show it, and a target must come before any clause boundary. When
 * the roles are not clear, nothing is returned and no event is made.
 */
import type { Token } from "../../document.js";
import { normalizeKey } from "../../text/normalize.js";
import { type Actor, type ActorIndex, cliticForms, groupFrom, groupTo, isNationalityAdjective, OFFICE_MODIFIERS } from "./actors.js";
import { DIRECT_OBJECT } from "./lexicon.js";

// ---------------------------------------------------------------- tables

/** Standalone prepositions. One not in the trigger's frame ends the direct-object search. */
const PREPOSITIONS = [
  "مع",
  "على",
  "ضد",
  "إلى",
  "الى",
  "من",
  "عن",
  "في",
  "لدى",
  "حول",
  "خلال",
  "بين",
  "نحو",
  "تجاه",
  "باتجاه",
  "أمام",
  "عبر",
  "بعد",
  "قبل",
  "منذ",
  "ضمن",
  "إزاء",
  "بشأن",
  "حيال",
  "عند",
  "أثناء",
];
/** Words that open a new clause: roles never cross them. */
const CLAUSE_OPENERS = [
  "أن",
  "إن",
  "بأن",
  "لأن",
  "كي",
  "لكي",
  "حتى",
  "الذي",
  "التي",
  "الذين",
  "اللذين",
  "اللتين",
  "اللذان",
  "اللتان",
  "اللواتي",
  "اللاتي",
  "بينما",
  "فيما",
  "حيث",
  "إذ",
  "لكن",
  "كما",
];
/**
 * A complementizer carrying a pronoun ("لأنها وعدت الكونغرس", "أنه التقى"):
 * the pronoun is the subject, so a name after the verb is its object.
 */
const PRONOUN_SUBJECTS = [
  "أنه",
  "أنها",
  "أنهم",
  "أنهما",
  "إنه",
  "إنها",
  "إنهم",
  "إنهما",
  "لأنه",
  "لأنها",
  "لأنهم",
  "بأنه",
  "بأنها",
  "بأنهم",
  "كونه",
  "كونها",
];
/** Relative pronouns: a verb right after one has the noun before it as subject (روسيا التي تدعم). */
const RELATIVES = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"];
/** Of those, the singular ones. */
const SINGULAR_RELATIVES = ["الذي", "التي"];
/** Words that may stand between a verb and its subject: titles, time words, adverbs. */
const SUBJECT_SKIP = [
  "المتحدث",
  "الناطق",
  "باسم",
  "رئيس",
  "الرئيس",
  "وزير",
  "الوزير",
  "وزيرة",
  "الخارجية",
  "الدفاع",
  "الداخلية",
  "الأمين",
  "العام",
  "زعيم",
  "قائد",
  "نائب",
  "مستشار",
  "المستشار",
  "المستشارة",
  "السيناتور",
  "الجنرال",
  "الملك",
  "العاهل",
  "الأمير",
  "ولي",
  "العهد",
  "عهد",
  "نائب",
  "القائد",
  "الأعلى",
  "الوزراء",
  "نظيره",
  "نظيرته",
  "الشيخ",
  "السيد",
  "حكومة",
  "وزارة",
  "مجلس",
  "اليوم",
  "أمس",
  "مساء",
  "صباح",
  "الأحد",
  "الاثنين",
  "الإثنين",
  "الثلاثاء",
  "الأربعاء",
  "الخميس",
  "الجمعة",
  "السبت",
  "أيضا",
  "بدوره",
  "بدورها",
  "كذلك",
  "مجددا",
  "رسميا",
];
/** How many skippable words may stand between a verb and its subject. */
const MAX_SUBJECT_SKIP = 4;
/** Particles between a topicalised subject and its verb: "روسيا لم تتفق", "بوتين قد التقى". */
const PREVERBAL_GAP = ["قد", "لقد", "لم", "لن", "لا", "ما", "سوف", "بدوره", "بدورها", "أيضا", "كذلك"];
/** Words that may precede a topicalised subject: the clause starts there. */
const SUBJECT_OPENERS = ["أن", "إن", "بأن", "لأن", "كما", "حيث", "بينما", "فيما", "إذ", "لكن", "و", "ف", "ثم"];
/** Reciprocal objects: "تدعمان بعضهما البعض" — each member of the subject acts on the others. */
const RECIPROCALS = ["بعضهما", "بعضهم", "بعضها", "بعضا"];
/**
 * Heads of group names: after a possessed noun, "ل" + one of these + a name
 * is the possessor ("مواقع لحركة حماس", "أهداف لحزب العمال"). Other ل-nouns
 * start a new phrase ("انتقادات لقرار برلين": Berlin is not the target).
 */
const GROUP_HEADS = ["حركة", "تنظيم", "حزب", "جماعة", "قوات", "ميليشيا", "ميليشيات", "جيش", "فصائل", "فصيل"];
/** Most plain words (not titles, adjectives, adverbs) between the verb and a direct object's name. */
const MAX_OBJECT_HEADS = 2;
/** Manner adverbs between a verb and its object: stepped over ("تدعم بقوة جهود الصين"). */
const ADVERBS = [
  "بقوة",
  "بشدة",
  "بحزم",
  "بوضوح",
  "بشكل",
  "بصورة",
  "بالكامل",
  "تماما",
  "مجددا",
  "أيضا",
  "رسميا",
  "علنا",
  "بالفعل",
  "كذلك",
  "اليوم",
  "أمس",
];
/** Tokens after the trigger (or its subject, or object) within which the target must start. */
const TARGET_WINDOW = 8;
/** Title words between a frame preposition and the target name: "من ولي العهد السعودي الأمير محمد". */
const MAX_PREP_SKIP = 4;

const keys = (ws: readonly string[]) => new Set(ws.map((w) => normalizeKey(w)));
const PREP_KEYS = keys(PREPOSITIONS);
const OPENER_KEYS = keys(CLAUSE_OPENERS);
const RELATIVE_KEYS = keys(RELATIVES);
const SINGULAR_RELATIVE_KEYS = keys(SINGULAR_RELATIVES);
const PRONOUN_SUBJECT_KEYS = keys(PRONOUN_SUBJECTS);
const SKIP_KEYS = keys([...SUBJECT_SKIP, ...OFFICE_MODIFIERS]);
const GAP_KEYS = keys(PREVERBAL_GAP);
const SUBJECT_OPENER_KEYS = keys(SUBJECT_OPENERS);
const RECIPROCAL_KEYS = keys(RECIPROCALS);
const ADVERB_KEYS = keys(ADVERBS);
const GROUP_HEAD_KEYS = keys(GROUP_HEADS);
const BETWEEN = normalizeKey("بين");

// ---------------------------------------------------------------- context

export interface Sentence {
  tokens: Token[];
  actors: ActorIndex;
  /** Token range of the sentence. */
  start: number;
  end: number;
  /** Whether token i is a trigger verb of the lexicon (ends direct-object scans). */
  isTrigger(i: number): boolean;
  /** Whether token i is a meeting noun ("اجتماع"): a مع/بين after it is the noun's, not the verb's. */
  isMeetingNoun(i: number): boolean;
}

export interface VerbShape {
  /** First and last (exclusive) token of the trigger. */
  at: number;
  end: number;
  feminine: boolean;
  number: "singular" | "dual" | "plural";
  /** The verb carries an object pronoun (دعمه): its object is not in the text. */
  enclitic: boolean;
}

export interface Side {
  group: Actor[];
  how: "after" | "before" | "relative" | "prep" | "object" | "reciprocal" | "between" | "inherited";
}

function isPunct(t: Token): boolean {
  return !/[\p{L}\p{N}]/u.test(t.norm);
}
/** "لحركة", "لتنظيم": ل + the head of a group's name. */
function isGroupHead(t: Token): boolean {
  const f = cliticForms(t);
  return f.prep === "ل" && f.forms.some((x) => GROUP_HEAD_KEYS.has(x));
}
function isComma(t: Token): boolean {
  return t.norm === "،" || t.norm === ",";
}
function isQuoteMark(t: Token): boolean {
  return /^["«»“”']$/.test(t.norm);
}
/** The key of a word without one leading و/ف. */
function bare(t: Token): string {
  const n = t.norm;
  return (n[0] === "و" || n[0] === "ف") && n.length > 2 ? n.slice(1) : n;
}
/** Whether a word, or the word without one leading و/ف, is in a table. */
function isIn(table: ReadonlySet<string>, t: Token): boolean {
  return table.has(t.norm) || table.has(bare(t));
}

/** Gender agreement between a verb and a would-be subject (unknown gender always agrees). */
function agrees(verb: VerbShape, a: Actor): boolean {
  if (a.feminine === null || verb.number !== "singular") return true;
  return a.feminine === verb.feminine;
}

// ---------------------------------------------------------------- source

/** The subject of a verb trigger, or null. */
export function findSubject(s: Sentence, verb: VerbShape): Side | null {
  const { tokens, actors } = s;
  // Relative clause: "روسيا التي تدعم الأسد" — the antecedent is the subject.
  const before = verb.at - 1;
  if (before >= s.start && isIn(RELATIVE_KEYS, tokens[before])) {
    if (verb.enclitic) return null; // "التي يدعمها الأسد": the antecedent is the object
    const ante = actors.endingAt.get(before - 1);
    if (!ante || ante.prep) return null;
    // الذي/التي point to the nearest noun ("بين واشنطن وهافانا التي تتهم"); dual and plural ones to the group.
    const singular = SINGULAR_RELATIVE_KEYS.has(bare(tokens[before])) || SINGULAR_RELATIVE_KEYS.has(tokens[before].norm);
    return { group: singular ? [ante] : groupTo(actors, ante, s.start), how: "relative" };
  }

  // "لأنها وعدت الكونغرس": the subject is the pronoun; what follows is the object.
  if (before >= s.start && isIn(PRONOUN_SUBJECT_KEYS, tokens[before])) return null;

  // Topicalised subject first: a name right before the verb at the head of its clause
  // ("كيم دعا ترامب") makes the name after the verb its object.
  const topical = topicalSubject(s, verb);
  if (topical) return topical;

  // VSO: right after the verb, past titles and time words. A verb before its subject is
  // singular ("اتفق بوتين وشي"); a dual or plural one ("سيزورون بورما") has its subject
  // before it or unwritten, and the name after it is the object.
  if (verb.number !== "singular") return null;
  let skipped = 0;
  for (let j = verb.end; j < s.end; j++) {
    const a = actors.startingAt.get(j);
    if (a && !a.prep) {
      // A masculine verb before a feminine name: that name is the object, the subject is unwritten.
      if (!agrees(verb, a)) break;
      return { group: groupFrom(actors, a, s.end), how: "after" };
    }
    if (a?.prep) {
      // "المتحدث باسم الكرملين": a name inside the title; skip it.
      if (skipped + (a.end - j) > MAX_SUBJECT_SKIP) break;
      skipped += a.end - j;
      j = a.end - 1;
      continue;
    }
    const t = tokens[j];
    if (isQuoteMark(t)) continue;
    if (isPunct(t) && t.norm !== "،" && t.norm !== ",") break;
    if (isPunct(t)) continue; // "أعلن الكرملين، اليوم": a comma after the subject is fine, before it too
    // Titles, time words and nationality adjectives ("الرئيس الأمريكي جو بايدن").
    if (!(isIn(SKIP_KEYS, t) || isNationalityAdjective(t)) || ++skipped > MAX_SUBJECT_SKIP) break;
  }

  return null;
}

/** The subject right before the verb, at the start of its clause, or null. */
function topicalSubject(s: Sentence, verb: VerbShape): Side | null {
  const { tokens, actors } = s;
  // Topicalised subject: right before the verb, at the start of its clause.
  let j = verb.at - 1;
  let comma = false;
  while (j >= s.start) {
    const t = tokens[j];
    if (isQuoteMark(t)) {
      j--;
      continue;
    }
    if (t.norm === "،" || t.norm === ",") {
      if (comma) return null;
      comma = true;
      j--;
      continue;
    }
    if (isIn(GAP_KEYS, t) && !actors.endingAt.has(j)) {
      j--;
      continue;
    }
    break;
  }
  const last = j >= s.start ? actors.endingAt.get(j) : undefined;
  if (!last || last.prep) return null;
  const group = groupTo(actors, last, s.start);
  const first = group[0];
  // The clause must start at the subject: not "جهود الصين تدعم" (genitive), not "مع الصين".
  const k = first.start - 1;
  // "وترامب دعا كيم": the و on the subject itself opens the clause.
  let opener = k < s.start || first.conj;
  if (!opener) {
    const t = tokens[k];
    opener = isQuoteMark(t) || (isPunct(t) && !comma) || isIn(SUBJECT_OPENER_KEYS, t);
    if (isQuoteMark(t) && k - 1 >= s.start) opener = isIn(SUBJECT_OPENER_KEYS, tokens[k - 1]) || isPunct(tokens[k - 1]);
  }
  if (!opener) return null;
  // A comma between subject and verb only after أن/إن: "أن بوتين وشي، أشادا".
  if (comma && !(k >= s.start && isIn(OPENER_KEYS, tokens[k]))) return null;
  // Agreement: a dual verb wants two names; a singular one its gender.
  if (verb.number === "dual" && group.length < 2 && first.kind === "name") return null;
  if (group.length === 1 && !agrees(verb, first)) return null;
  return { group, how: "before" };
}

// ---------------------------------------------------------------- target

export interface TargetScan {
  /** Where to start looking (after the trigger, its subject and its object). */
  from: number;
  frame: readonly string[];
  /** Tokens to step over (the object phrase, the subject). */
  skip: ReadonlySet<number>;
  /** Entities of the subject: another mention of them ("العاهل الأردني الملك عبد الله") is stepped over. */
  exclude?: ReadonlySet<string>;
  /** End of a subject written after the verb: a name right after it may be its apposition. */
  apposition?: number;
  /** For nouns: "بين" must come within this many tokens ("محادثات هاتفية بين"). */
  betweenWithin?: number;
  /** For verbs: a meeting noun on the way owns the مع/بين after it. */
  stopAtMeetingNouns?: boolean;
}

/** Opening quotation marks and brackets: a name in them right after another is its alias. */
const OPENING = /^[«"“(]$/;

/**
 * Whether actor `a` restates the subject that ends at `subjectEnd`: in
 * quotes or brackets right after it ("وزارة الدفاع الأميركية "البنتاغون""),
 * or after a bare title ("كيم جونغ أون زعيم كوريا الشمالية").
 */
function isApposition(s: Sentence, subjectEnd: number, a: Actor): boolean {
  let j = subjectEnd;
  let opened = false;
  let titles = 0;
  while (j < a.start) {
    const t = s.tokens[j];
    if (OPENING.test(t.norm)) opened = true;
    else if (isIn(SKIP_KEYS, t)) titles++;
    else return false;
    j++;
  }
  return opened || (titles > 0 && a.entityType !== "PER");
}

/**
 * The party a frame preposition at token j introduces (the actor may carry
 * the clitic itself: "لروسيا"). Between them: titles and nationality
 * adjectives, and at most one other noun, the thing possessed ("بجهود
 * الصين", "على قرار الحكومة"); with a clitic, that noun is the clitic's host.
 */
function afterPreposition(s: Sentence, j: number, clitic: boolean): Actor | null {
  const { tokens, actors } = s;
  if (clitic) {
    const a = actors.startingAt.get(j);
    if (a) return a;
  }
  let titles = 0;
  let nouns = clitic ? 1 : 0;
  for (let k = j + 1; k < s.end; k++) {
    const a = actors.startingAt.get(k);
    // "ضد أهداف لحزب العمال": after the possessed noun, ل marks the possessor.
    if (a) return !a.prep || (a.prep === "ل" && nouns === 1) ? a : null;
    const t = tokens[k];
    if (isPunct(t) || isIn(PREP_KEYS, t) || isIn(OPENER_KEYS, t) || s.isTrigger(k)) return null;
    if (isIn(SKIP_KEYS, t) || isNationalityAdjective(t)) {
      if (++titles > MAX_PREP_SKIP) return null;
    } else if (++nouns > 1 && !(nouns === 2 && isGroupHead(t))) return null; // "مواقع لتنظيم داعش"
  }
  return null;
}

/**
 * The target of a trigger: the first party marked by a frame preposition,
 * else its direct object when the frame allows one. "reciprocal" when the
 * object is بعضهما البعض.
 */
export function findTarget(s: Sentence, scan: TargetScan): Side | null {
  const { tokens, actors } = s;
  const direct = scan.frame.includes(DIRECT_OBJECT);
  let objectBlocked = false;
  /** Plain words seen so far: the head of the object noun phrase. */
  let heads = 0;
  const limit = Math.min(s.end, scan.from + TARGET_WINDOW);
  for (let j = scan.from; j < limit; j++) {
    if (scan.skip.has(j)) continue;
    const t = tokens[j];
    // "دعا غوتيريس ووزيرة خارجية الاتحاد الأوروبي …": a title with و right after the subject
    // coordinates a second subject; names in it are not objects.
    if (j === scan.apposition && t.norm[0] === "و" && isIn(SKIP_KEYS, t)) objectBlocked = true;
    if (isQuoteMark(t)) continue;
    if (isComma(t)) {
      // "اتهمت بريطانيا، روسيا", "دعا آبي، السبت، الزعيم الكوري": a comma before a name, a
      // frame preposition or a time word does not end the clause.
      const n = tokens[j + 1];
      if (n && (actors.startingAt.has(j + 1) || isIn(SKIP_KEYS, n) || scan.frame.includes(n.norm))) continue;
      return null;
    }
    if (isPunct(t)) return null;
    if (isIn(RECIPROCAL_KEYS, t)) return { group: [], how: "reciprocal" };
    if (isIn(ADVERB_KEYS, t)) continue;
    const a = actors.startingAt.get(j);
    if (a && (scan.exclude?.has(a.ids[0]) || (scan.apposition !== undefined && isApposition(s, scan.apposition, a)))) {
      j = a.end - 1;
      continue;
    }
    if (a) {
      if (a.prep) {
        if (scan.frame.includes(a.prep)) return { group: groupFrom(actors, a, s.end), how: "prep" };
        objectBlocked = true;
        j = a.end - 1;
        continue;
      }
      // "أدانت بريطانيا مجموعة إجرامية مقرها إيران": too far into the noun phrase to be its owner.
      if (direct && !objectBlocked && heads <= MAX_OBJECT_HEADS) return { group: groupFrom(actors, a, s.end), how: "object" };
      j = a.end - 1;
      continue;
    }
    if (isIn(OPENER_KEYS, t)) return null;
    if (s.isTrigger(j) && !(t.norm[0] === "و" && direct)) return null;
    // "بحثت احتمال اجتماع زعمائها مع اليابان": the مع is the meeting's.
    if (scan.stopAtMeetingNouns && s.isMeetingNoun(j)) return null;
    if (isIn(PREP_KEYS, t)) {
      const b = PREP_KEYS.has(t.norm) ? t.norm : bare(t);
      if (b === BETWEEN && scan.frame.includes(b)) {
        if (scan.betweenWithin !== undefined && j - scan.from >= scan.betweenWithin) return null;
        const first = afterPreposition(s, j, false);
        return first ? { group: groupFrom(actors, first, s.end), how: "between" } : null;
      }
      if (scan.frame.includes(b)) {
        const p = afterPreposition(s, j, false);
        if (p) return { group: groupFrom(actors, p, s.end), how: "prep" };
        return null;
      }
      objectBlocked = true;
      continue;
    }
    const { prep } = cliticForms(t);
    if (prep === "ل" && direct && !objectBlocked && heads === 1 && isGroupHead(t)) {
      // "قصفت إسرائيل مواقع لحركة حماس": the object's possessor after ل is the target.
      const p = afterPreposition(s, j, true);
      if (p) return { group: groupFrom(actors, p, s.end), how: "object" };
    }
    if (prep) {
      if (scan.frame.includes(prep)) {
        // "بجهود الصين", "لدعم روسيا": the party is the genitive after the noun.
        const p = afterPreposition(s, j, true);
        if (p) return { group: groupFrom(actors, p, s.end), how: "prep" };
        return null;
      }
      objectBlocked = true;
    } else if (!isNationalityAdjective(t) && !isIn(SKIP_KEYS, t)) heads++;
  }
  return null;
}

// ---------------------------------------------------------------- object

/** Tokens after a verb within which a phrase's object must start. */
const OBJECT_WINDOW = 8;

/**
 * Where a light verb's object ("شن غارات", "فرض عقوبات", "توصل إلى اتفاق")
 * starts and ends, or null. Between the verb and the object there may only
 * be names (the subject), titles, nationality adjectives, adverbs and
 * prepositions: "قد يتوصل إلى طريقة يبقي بها على الاتفاق" has no object.
 */
export function findObject(s: Sentence, from: number, objects: readonly string[][], terms: (j: number) => string): [number, number] | null {
  const { tokens, actors } = s;
  for (let j = from; j < s.end && j < from + OBJECT_WINDOW; j++) {
    const t = tokens[j];
    if (isQuoteMark(t)) continue;
    if (isPunct(t)) return null;
    for (const alt of objects) {
      let ok = true;
      for (let k = 0; k < alt.length && ok; k++) ok = j + k < s.end && terms(j + k) === alt[k];
      if (ok) return [j, j + alt.length];
    }
    const a = actors.startingAt.get(j);
    if (a) {
      j = a.end - 1;
      continue;
    }
    if (isIn(SKIP_KEYS, t) || isIn(ADVERB_KEYS, t) || isIn(PREP_KEYS, t) || isNationalityAdjective(t)) continue;
    return null;
  }
  return null;
}

/** How far after the target a required complement ("إلى الحوار") may start. */
const ASKS_WINDOW = 4;

/** Whether one of the prepositions `asks` (keys; ب ل as clitics) starts within ASKS_WINDOW tokens after `from`. */
export function hasComplement(s: Sentence, from: number, asks: readonly string[]): boolean {
  for (let j = from; j < s.end && j < from + ASKS_WINDOW; j++) {
    const t = s.tokens[j];
    if (isPunct(t) && !isQuoteMark(t)) return false;
    if (asks.includes(t.norm) || asks.includes(bare(t))) return true;
    const p = cliticForms(t).prep;
    if (p && asks.includes(p)) return true;
  }
  return false;
}
