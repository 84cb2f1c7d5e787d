/**
 * The events stage: who did what to whom, typed in PLOVER. Reads the
 * document's sentences, tokens, linked entities and quotes (never the
 * internals of the stages that made them) and writes `events[]`.
 *
 * Per sentence:
 *   1. triggers: verbs of the lexicon in any inflection (verbs.ts), verb +
 *      object phrases (شن غارات, فرض عقوبات), and meeting nouns (محادثات)
 *      — never inside a name;
 *   2. roles (roles.ts): the subject after or right before the verb, the
 *      target after a frame preposition or as direct object; coordinated
 *      subjects of reciprocal verbs are the two sides; persons bring their
 *      country (actors.ts);
 *   3. modality (modality.ts): negated, future, hypothetical;
 *   4. confidence from how the roles were found (CONFIDENCE below);
 *   5. repeated reports of one event (title, lead, body) merged (merge.ts).
 *
 * Precision first: a trigger whose roles are unclear makes no event. Every
 * event needs a source, and a target unless its type is one that often has
 * none (TARGET_OPTIONAL). Events inside quotations keep the parties the
 * quoted text names; the speaker is never made the source.
 */
import type { ArticleDocument, Event, Token } from "../../document.js";
import { InputError } from "../../errors.js";
import type { KnowledgeBase } from "../../kb/index.js";
import { lexicon as wordLexicon } from "../../text/lexicon.js";
import { normalizeKey } from "../../text/normalize.js";
import { type Actor, findActors } from "./actors.js";
import { type EventLexicon, eventLexicon, objectTerm, type PloverType, type Trigger } from "./lexicon.js";
import { mergeRepeated } from "./merge.js";
import { modalityOf } from "./modality.js";
import { findObject, findSubject, findTarget, hasComplement, type Sentence, type Side, type VerbShape } from "./roles.js";
import type { VerbMatch } from "./verbs.js";

// ---------------------------------------------------------------- tables

/**
 * Types whose events often have no target: a source alone is an event
 * ("تعهد ترامب بـ…", "نشرت بكين أسلحة"). RETREAT is not one: "أفرجت X عن
 * لقطات" releases footage, not prisoners; its resignations are marked in
 * the lexicon (optional).
 */
const TARGET_OPTIONAL = new Set<PloverType>(["AGREE", "PROTEST", "MOBILIZE", "CONCEDE"]);

/** Confidence: a base, plus or minus by how the roles were found. */
const CONFIDENCE = {
  base: 0.45,
  curated: 0.1,
  source: { after: 0.2, before: 0.2, relative: 0.15 } as Record<string, number>,
  target: { prep: 0.2, between: 0.2, object: 0.1, reciprocal: 0.15 } as Record<string, number>,
  noTarget: -0.05,
  /** A spelling that is more often a noun (دعم, رفض): the verb reading needed context. */
  nounLike: -0.1,
  /** Sides taken over from the sentence's earlier event ("… خلال محادثات"). */
  inherited: -0.15,
  /** Inside a direct quotation. */
  quoted: -0.1,
  /** The subject of an earlier verb joined by و ("رفض X …، واتهم Y"). */
  sharedSubject: -0.1,
  min: 0.05,
  max: 0.95,
};

/** A verb spelling used with the article this share of its count or more reads as a noun (الدعم, الرفض). */
const NOUN_LIKE_SHARE = 0.1;
/** ... and at least this often with the article. */
const NOUN_LIKE_MIN = 5;
/** Words after which a noun-like spelling is still a verb: "وقد رفض", "كما دعم". */
const VERB_INTRODUCERS = [
  "قد",
  "لقد",
  "كما",
  "ثم",
  "حيث",
  "بينما",
  "فيما",
  "عندما",
  "بعدما",
  "حين",
  "حينما",
  "لم",
  "لن",
  "لا",
  "ما",
  "إذ",
  "الذي",
  "التي",
];
/**
 * Words before a meeting noun that make it the setting of the sentence's
 * event ("اتفقا خلال محادثات"). Not في: "تدعم فرنسا في المفاوضات" does not
 * say the two negotiated with each other.
 */
const DURING = ["خلال", "أثناء"];
/** "بين" must follow a meeting noun this closely: "الاجتماع الشخصي المباشر بين X وY", not "… في العلاقات بين X وY". */
const BETWEEN_WITHIN = 3;
/** Longest sentence (tokens) examined; longer ones are run-ons or lists, with no clear roles. */
const MAX_SENTENCE_TOKENS = 400;

const introducerKeys = new Set(VERB_INTRODUCERS.map((w) => normalizeKey(w)));
const duringKeys = new Set(DURING.map((w) => normalizeKey(w)));

// ---------------------------------------------------------------- helpers

const nounLikeCache = new Map<string, boolean>();
/** Whether an inflected verb spelling is more often a noun (the word lexicon's counts). */
function nounLike(form: string): boolean {
  let v = nounLikeCache.get(form);
  if (v === undefined) {
    const lex = wordLexicon();
    const withArticle = lex.count(`ال${form}`);
    v = withArticle >= NOUN_LIKE_MIN && withArticle >= NOUN_LIKE_SHARE * lex.count(form);
    nounLikeCache.set(form, v);
  }
  return v;
}

function isWord(t: Token): boolean {
  return /\p{L}/u.test(t.norm);
}
function isPunct(t: Token): boolean {
  return !/[\p{L}\p{N}]/u.test(t.norm);
}
function isQuoteMark(t: Token): boolean {
  return /^["«»“”']$/.test(t.norm);
}
function bare(norm: string): string {
  return (norm[0] === "و" || norm[0] === "ف") && norm.length > 2 ? norm.slice(1) : norm;
}

function ids(group: readonly Actor[]): string[] {
  const out: string[] = [];
  for (const a of group) for (const id of a.ids) if (!out.includes(id)) out.push(id);
  return out;
}

// ---------------------------------------------------------------- tracing

/** Why a trigger made no event (see setEventTrace). */
export type DropReason = "noun-like" | "no-subject" | "no-target" | "no-sides";
let trace: ((t: { reason: DropReason; trigger: string; type: string; sentence: number; at: number }) => void) | null = null;
/** Debugging aid: receive every trigger that made no event, with the reason (null to stop). */
export function setEventTrace(fn: typeof trace): void {
  trace = fn;
}

// ---------------------------------------------------------------- stage

interface Found {
  trigger: Trigger;
  /** Token range of the trigger (verb, or verb … object, or the noun). */
  at: number;
  end: number;
  /** For phrases: the object's token range. */
  object: [number, number] | null;
  verb: VerbMatch | null;
}

/**
 * The events of one analyzed document. `tokens` are the pipeline's tokens
 * (text order, with keys and clitic segments) and `sentenceTokens` their
 * range per sentence; `kb` ties people to their countries (may be null).
 */
export function extractEvents(
  doc: ArticleDocument,
  tokens: Token[],
  sentenceTokens: ReadonlyArray<[number, number]>,
  kb: KnowledgeBase | null,
  lex: EventLexicon = eventLexicon(),
): Event[] {
  if (!doc || typeof doc.text !== "string" || !Array.isArray(doc.entities))
    throw new InputError("document", "the events stage needs a linked document (text and entities)");
  if (!Array.isArray(tokens) || !Array.isArray(sentenceTokens))
    throw new InputError("document", "the events stage needs the document's tokens and sentences");
  const events: Event[] = [];
  if (doc.entities.length === 0 || tokens.length === 0) return events;
  const actors = findActors(doc, tokens, kb);
  if (actors.startingAt.size === 0) return events;

  const termCache = new Map<number, string>();
  const termAt = (j: number): string => {
    let t = termCache.get(j);
    if (t === undefined) {
      t = isWord(tokens[j]) ? objectTerm(tokens[j].text) : "";
      termCache.set(j, t);
    }
    return t;
  };
  const verbCache = new Map<number, readonly VerbMatch[]>();
  const verbsAt = (j: number): readonly VerbMatch[] => {
    let v = verbCache.get(j);
    if (v === undefined) {
      const t = tokens[j];
      // A verb is an Arabic word outside names. (The matcher never strips an article: الدعم is no
      // verb form, while التقى and ألغى, which the segmenter reads as ال + stem, are.)
      v =
        isWord(t) && !actors.inMention.has(j)
          ? lex.verbs.match(t.text).filter((m) => lex.bareVerbs.has(m.lemma) || lex.phrases.has(m.lemma))
          : [];
      verbCache.set(j, v);
    }
    return v;
  };
  let lastDrop: DropReason = "no-sides";
  /** Subjects found for the verbs of the current sentence: "تدعمان وتساعدان" share one. */
  const subjects = new Map<number, Side>();
  const quoteSpans = doc.quotes.filter((q) => q.direct).map((q) => [q.start, q.end] as const);
  const inQuote = (pos: number) => quoteSpans.some(([s, e]) => s <= pos && pos < e);

  sentenceTokens.forEach(([sa, sb], si) => {
    if (sb - sa < 2 || sb - sa > MAX_SENTENCE_TOKENS) return;
    const sentence: Sentence = {
      tokens,
      actors,
      start: sa,
      end: sb,
      // A verb that starts another clause; a noun-like spelling (طلب, دعم) may be the object instead.
      isTrigger: (j) => verbsAt(j).some((m) => lex.bareVerbs.has(m.lemma) && (m.conjunction || !nounLike(m.form))),
      isMeetingNoun: (j) => (lex.nouns.get(termAt(j))?.length ?? 0) > 0,
    };
    const made: Event[] = [];
    subjects.clear();
    for (let i = sa; i < sb; i++) {
      const found = triggerAt(i, sentence);
      if (!found) continue;
      const ev = found.trigger.kind === "noun" ? nounEvent(found, sentence, made) : verbEvent(found, sentence);
      const drop = (reason: DropReason) =>
        trace?.({ reason, trigger: tokens[found.at].text, type: found.trigger.type, sentence: si, at: found.at });
      if (!ev) {
        drop(lastDrop);
        continue;
      }
      const { source, target } = ev;
      const tgt = target.filter((x) => !source.includes(x));
      if (source.length === 0) {
        drop("no-subject");
        continue;
      }
      if (tgt.length === 0 && !TARGET_OPTIONAL.has(found.trigger.type) && !found.trigger.targetOptional) {
        drop("no-target");
        continue;
      }
      let conf = ev.confidence + (tgt.length === 0 ? CONFIDENCE.noTarget : 0);
      if (inQuote(tokens[found.at].start)) conf += CONFIDENCE.quoted;
      const shape = found.verb
        ? { aspect: found.verb.aspect, futurePrefix: found.verb.future }
        : { aspect: "noun" as const, futurePrefix: false };
      const modality = ev.inheritedFrom ?? modalityOf(tokens, found.at, sa, shape);
      const start = tokens[found.at].start;
      const end = tokens[found.end - 1].end;
      const event: Event = {
        type: found.trigger.type,
        source,
        target: tgt,
        start,
        end,
        trigger: doc.text.slice(start, end),
        confidence: Math.round(Math.min(CONFIDENCE.max, Math.max(CONFIDENCE.min, conf)) * 100) / 100,
        negated: modality.negated,
        mode: modality.mode,
        sentence: si,
      };
      made.push(event);
      events.push(event);
      i = Math.max(i, found.end - 1);
    }
  });
  return mergeRepeated(events);

  /** The trigger starting at token i, if any. */
  function triggerAt(i: number, s: Sentence): Found | null {
    const sb = s.end;
    const readings = verbsAt(i);
    for (const m of readings) {
      // A verb with an object pronoun (نشرتها) has its object already: a noun after it is not one.
      if (m.enclitic) continue;
      for (const p of lex.phrases.get(m.lemma) ?? []) {
        const obj = findObject(s, i + 1, p.objects, termAt);
        if (obj) return { trigger: p, at: i, end: i + 1, object: obj, verb: m };
      }
    }
    for (const m of readings) {
      const t = lex.bareVerbs.get(m.lemma);
      if (t) return { trigger: t, at: i, end: i + 1, object: null, verb: m };
    }
    if (actors.inMention.has(i)) return null;
    const term = termAt(i);
    for (const n of term ? (lex.nouns.get(term) ?? []) : []) {
      let ok = true;
      for (let k = 1; k < n.terms.length && ok; k++) ok = i + k < sb && termAt(i + k) === n.terms[k];
      if (ok) return { trigger: n.trigger, at: i, end: i + n.terms.length, object: null, verb: null };
    }
    return null;
  }

  function verbEvent(f: Found, s: Sentence): { source: string[]; target: string[]; confidence: number; inheritedFrom?: undefined } | null {
    const m = f.verb!;
    const t = f.trigger;
    const shape: VerbShape = { at: f.at, end: f.end, feminine: m.feminine, number: m.number, enclitic: m.enclitic !== null };
    let conf = CONFIDENCE.base + (t.origin === "curated" ? CONFIDENCE.curated : 0);
    let subject = findSubject(s, shape);
    if (!subject && m.conjunction) {
      // "X تدعم وتساعد Y", "ورفض ترامب البيان، واتهم ترودو": a verb joined by و to an earlier
      // one of the sentence shares its subject, when they agree.
      let latest = -1;
      for (const k of subjects.keys()) if (k < f.at && k > latest) latest = k;
      const shared = latest >= 0 ? subjects.get(latest) : undefined;
      if (
        shared &&
        (shared.group.length > 1 || shared.group[0].feminine === null || shared.group[0].feminine === m.feminine || m.number !== "singular")
      ) {
        subject = shared;
        conf += CONFIDENCE.sharedSubject;
      }
    }
    if (subject) subjects.set(f.at, subject);
    // A spelling that is usually a noun (دعم, رفض) is a verb only at the head of its clause with its subject after it, or right after its subject.
    if (nounLike(m.form) && !m.enclitic && !m.future && !m.purpose) {
      const prev = previousWord(f.at, s.start);
      const clauseHead =
        prev === null ||
        isPunct(tokens[prev]) ||
        introducerKeys.has(bare(tokens[prev].norm)) ||
        introducerKeys.has(tokens[prev].norm) ||
        (m.conjunction && (prev === null || isPunct(tokens[prev])));
      const ok =
        subject !== null &&
        ((subject.how === "after" && clauseHead) ||
          subject.how === "relative" ||
          (subject.how === "before" && subject.group[subject.group.length - 1].end === f.at));
      if (!ok) {
        lastDrop = "noun-like";
        return null;
      }
      conf += CONFIDENCE.nounLike;
    }
    const skip = new Set<number>();
    let from = f.end;
    if (subject && subject.how === "after") {
      const last = subject.group[subject.group.length - 1];
      for (let k = f.end; k < last.end; k++) skip.add(k);
      from = Math.max(from, last.end);
    }
    if (f.object) {
      for (let k = f.object[0]; k < f.object[1]; k++) skip.add(k);
      from = Math.max(from, f.object[1]);
    }
    const exclude = new Set(subject ? subject.group.map((a) => a.ids[0]) : []);
    const apposition = subject?.how === "after" ? subject.group[subject.group.length - 1].end : undefined;
    let target: Side | null = m.enclitic
      ? null
      : findTarget(s, { from, frame: t.frame, skip, exclude, apposition, stopAtMeetingNouns: true });
    if (t.inverse) {
      // "تلقى X اتصالا من Y": Y called X.
      if (!target || target.how === "reciprocal") return null;
      [subject, target] = [target, subject];
      if (!subject || !target) return null;
    }
    if (!subject) {
      lastDrop = "no-subject";
      return null;
    }
    if (t.sourceTypes.length > 0 && !subject.group.every((a) => t.sourceTypes.includes(a.entityType))) {
      lastDrop = "no-subject";
      return null;
    }
    conf += CONFIDENCE.source[subject.how] ?? 0;
    let source = ids(subject.group);
    let tgt: string[] = [];
    if (target && target.how === "reciprocal") {
      // "الصين وروسيا تدعمان بعضهما": the first party toward the others.
      if (subject.group.length < 2) return null;
      source = ids(subject.group.slice(0, 1));
      tgt = ids(subject.group.slice(1));
      conf += CONFIDENCE.target.reciprocal;
    } else if (target) {
      // "دعت الدوحة X" with nothing asked for is an invitation, not a request.
      if (t.asks.length > 0 && !hasComplement(s, target.group[target.group.length - 1].end, t.asks)) return null;
      tgt = ids(target.group);
      conf += CONFIDENCE.target[target.how] ?? 0;
    } else if (t.recip && subject.group.length >= 2) {
      // "روسيا والصين تتفقان": a reciprocal verb with a coordinated subject.
      source = ids(subject.group.slice(0, 1));
      tgt = ids(subject.group.slice(1));
      conf += CONFIDENCE.target.reciprocal;
    }
    return { source, target: tgt, confidence: conf };
  }

  function nounEvent(
    f: Found,
    s: Sentence,
    made: Event[],
  ): { source: string[]; target: string[]; confidence: number; inheritedFrom?: { negated: boolean; mode: Event["mode"] } } | null {
    const conf = CONFIDENCE.base + CONFIDENCE.curated;
    // "محادثات بين روسيا والصين".
    const between = findTarget(s, { from: f.end, frame: f.trigger.frame, skip: new Set(), betweenWithin: BETWEEN_WITHIN });
    if (between && between.how === "between" && between.group.length >= 2) {
      return {
        source: ids(between.group.slice(0, 1)),
        target: ids(between.group.slice(1)),
        confidence: conf + CONFIDENCE.target.between + CONFIDENCE.source.after,
      };
    }
    // "اتفق X مع Y … خلال محادثات": the talks are where the sentence's event happened.
    const prev = previousWord(f.at, s.start);
    lastDrop = "no-sides";
    if (prev === null || !duringKeys.has(bare(tokens[prev].norm))) return null;
    const host = [...made].reverse().find((e) => e.source.length > 0 && e.target.length > 0);
    if (!host) return null;
    return {
      source: [...host.source],
      target: [...host.target],
      confidence: host.confidence + CONFIDENCE.inherited,
      inheritedFrom: { negated: host.negated, mode: host.mode },
    };
  }

  function previousWord(i: number, floor: number): number | null {
    for (let j = i - 1; j >= floor; j--) if (!isQuoteMark(tokens[j])) return j;
    return null;
  }
}
