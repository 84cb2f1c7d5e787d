/**
 * The events lexicon: which words trigger which PLOVER event, and how each
 * marks its target. Two sources, merged once on first use:
 *
 *   models/events/triggers.tsv   verbs and verb + object patterns taken from
 *                                UniversalPetrarch's Arabic CAMEO dictionary
 *                                by scripts/train/events.ts (see the README
 *                                there for what was kept and why)
 *   curated.ts                   hand-written verbs, phrases and nouns; they
 *                                win over dictionary entries for the same
 *                                verb and object
 *
 * Verbs are looked up through the VerbMatcher (verbs.ts), which knows every
 * inflection of every lemma; objects and nouns through the search analyzer's
 * term (src/text/analyzer.ts: clitics and inflectional suffixes removed, so
 * العقوبات, عقوبات and عقوبة meet).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.js";
import { MODELS_DIR } from "../../paths.js";
import { analyzeWord } from "../../text/analyzer.js";
import { normalizeKey } from "../../text/normalize.js";
import { CURATED_NOUNS, CURATED_PHRASES, CURATED_VERBS } from "./curated.js";
import { VerbMatcher, type VerbSpec } from "./verbs.js";

// ---------------------------------------------------------------- types

/** The PLOVER event types Marsad codes (CAMEO 01/02 "comment" and "appeal" are not events). */
export const PLOVER_TYPES = [
  "AGREE",
  "CONSULT",
  "SUPPORT",
  "COOPERATE",
  "AID",
  "REQUEST",
  "DEMAND",
  "ACCUSE",
  "REJECT",
  "DISAPPROVE",
  "THREATEN",
  "PROTEST",
  "SANCTION",
  "MOBILIZE",
  "COERCE",
  "ASSAULT",
  "RETREAT",
  "CONCEDE",
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];
const TYPE_SET = new Set<string>(PLOVER_TYPES);

export function isPloverType(s: string): s is PloverType {
  return TYPE_SET.has(s);
}

/** A curated entry as written in curated.ts. */
export interface CuratedEntry {
  lemma: string;
  imp?: string;
  type: PloverType;
  frame: string;
  object?: string;
  recip?: boolean;
  inverse?: boolean;
  optional?: boolean;
  asks?: string;
  by?: string;
}

/** The target marker "obj": a bare noun phrase after the verb. */
export const DIRECT_OBJECT = "obj";

export interface Trigger {
  kind: "verb" | "noun";
  /** Key of the lemma (normalizeKey). */
  lemma: string;
  type: PloverType;
  /** Alternatives of the object phrase, each a sequence of analyzer terms; empty for a bare verb. */
  objects: string[][];
  /** Target markers in order of preference: DIRECT_OBJECT or preposition keys. */
  frame: string[];
  recip: boolean;
  inverse: boolean;
  /** An event even when no target is found. */
  targetOptional: boolean;
  /** Prepositions (keys) one of which must follow the target; empty for none. */
  asks: string[];
  /** Entity types the source may have; empty for any. */
  sourceTypes: string[];
  origin: "curated" | "dictionary";
}

export interface EventLexicon {
  verbs: VerbMatcher;
  /** lemma key → bare-verb trigger (at most one per lemma). */
  bareVerbs: Map<string, Trigger>;
  /** lemma key → phrase triggers (verb + object). */
  phrases: Map<string, Trigger[]>;
  /** First term of a noun trigger → triggers starting with it. */
  nouns: Map<string, Array<{ terms: string[]; trigger: Trigger }>>;
  /** Counts by origin, for reports. */
  counts: { curatedVerbs: number; curatedPhrases: number; curatedNouns: number; dictionaryVerbs: number; dictionaryPhrases: number };
}

export const TRIGGERS_FILE = "triggers.tsv";
/** Header of models/events/triggers.tsv. */
export const TRIGGERS_HEADER = ["lemma", "imperfect", "type", "object", "frame", "cameo", "gloss"] as const;

// ---------------------------------------------------------------- building

/** The analyzer term of one object word; the accusative alef (اتصالا) is dropped. */
export function objectTerm(word: string): string {
  const t = analyzeWord(word);
  return t.length > 3 && t.endsWith("ا") ? t.slice(0, -1) : t;
}

function parseObjects(object: string | undefined): string[][] {
  if (!object) return [];
  return object
    .split("|")
    .map((alt) => alt.trim().split(/\s+/).filter(Boolean).map(objectTerm))
    .filter((alt) => alt.length > 0 && alt.every((t) => t !== ""));
}

function parseFrame(frame: string): string[] {
  return frame
    .split(/\s+/)
    .filter(Boolean)
    .map((f) => (f === DIRECT_OBJECT ? f : normalizeKey(f)));
}

function fromCurated(e: CuratedEntry, kind: "verb" | "noun"): Trigger {
  return {
    kind,
    lemma: normalizeKey(e.lemma),
    type: e.type,
    objects: parseObjects(e.object),
    frame: parseFrame(e.frame),
    recip: e.recip === true,
    inverse: e.inverse === true,
    targetOptional: e.optional === true,
    asks: e.asks ? parseFrame(e.asks) : [],
    sourceTypes: e.by ? e.by.split(/\s+/).filter(Boolean) : [],
    origin: "curated",
  };
}

export interface DictionaryRow {
  lemma: string;
  imperfect: string;
  type: PloverType;
  object: string;
  frame: string;
  cameo: string;
  gloss: string;
}

/** Parse triggers.tsv (header first, `#` comments). */
export function parseTriggersTsv(text: string, subject: string): DictionaryRow[] {
  const rows: DictionaryRow[] = [];
  const lines = text.split("\n");
  let header = true;
  lines.forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cols = line.split("\t");
    if (header) {
      header = false;
      if (cols.join("\t") !== TRIGGERS_HEADER.join("\t"))
        throw new InputError(`${subject}:${i + 1}`, `expected header ${TRIGGERS_HEADER.join(" ")}`);
      return;
    }
    if (cols.length !== TRIGGERS_HEADER.length)
      throw new InputError(`${subject}:${i + 1}`, `expected ${TRIGGERS_HEADER.length} tab-separated columns`);
    const [lemma, imperfect, type, object, frame, cameo, gloss] = cols;
    if (!isPloverType(type)) throw new InputError(`${subject}:${i + 1}`, `unknown PLOVER type "${type}"`);
    if (lemma.trim() === "") throw new InputError(`${subject}:${i + 1}`, "empty lemma");
    rows.push({ lemma, imperfect, type, object, frame, cameo, gloss });
  });
  return rows;
}

/** Build a lexicon from dictionary rows and the curated tables. */
export function buildLexicon(dictionary: readonly DictionaryRow[]): EventLexicon {
  const bareVerbs = new Map<string, Trigger>();
  const phrases = new Map<string, Trigger[]>();
  const nouns = new Map<string, Array<{ terms: string[]; trigger: Trigger }>>();
  const specs: VerbSpec[] = [];
  const seenSpecs = new Set<string>();
  const counts = { curatedVerbs: 0, curatedPhrases: 0, curatedNouns: 0, dictionaryVerbs: 0, dictionaryPhrases: 0 };

  const addSpec = (lemma: string, imp: string | undefined) => {
    const key = normalizeKey(lemma);
    if (seenSpecs.has(key)) return;
    seenSpecs.add(key);
    // "-": no imperfect at all (the imperfect would be another word).
    specs.push(imp === "-" ? { lemma, perfectOnly: true } : { lemma, imperfect: imp || undefined });
  };
  const phraseKey = (t: Trigger) => t.objects.map((o) => o.join(" ")).join("|");
  const addPhrase = (t: Trigger): boolean => {
    const list = phrases.get(t.lemma) ?? [];
    // A curated phrase wins over a dictionary phrase with an object in common.
    const objs = new Set(t.objects.map((o) => o.join(" ")));
    if (t.origin === "dictionary" && list.some((x) => x.objects.some((o) => objs.has(o.join(" "))))) return false;
    if (list.some((x) => phraseKey(x) === phraseKey(t) && x.type === t.type)) return false;
    list.push(t);
    phrases.set(t.lemma, list);
    return true;
  };

  for (const e of CURATED_VERBS) {
    const t = fromCurated(e, "verb");
    bareVerbs.set(t.lemma, t);
    addSpec(e.lemma, e.imp);
    counts.curatedVerbs++;
  }
  for (const e of CURATED_PHRASES) {
    const t = fromCurated(e, "verb");
    if (t.objects.length === 0) continue;
    if (addPhrase(t)) counts.curatedPhrases++;
    addSpec(e.lemma, e.imp);
  }
  for (const e of CURATED_NOUNS) {
    const t = fromCurated(e, "noun");
    const terms = normalizeKey(e.lemma).split(/\s+/).filter(Boolean).map(objectTerm);
    if (terms.length === 0 || terms.some((x) => x === "")) continue;
    const list = nouns.get(terms[0]) ?? [];
    list.push({ terms, trigger: t });
    nouns.set(terms[0], list);
    counts.curatedNouns++;
  }
  for (const r of dictionary) {
    const t: Trigger = {
      kind: "verb",
      lemma: normalizeKey(r.lemma),
      type: r.type,
      objects: parseObjects(r.object),
      frame: parseFrame(r.frame || DIRECT_OBJECT),
      recip: false,
      inverse: false,
      targetOptional: false,
      asks: [],
      sourceTypes: [],
      origin: "dictionary",
    };
    if (t.objects.length === 0) {
      if (bareVerbs.has(t.lemma)) continue;
      bareVerbs.set(t.lemma, t);
      counts.dictionaryVerbs++;
    } else if (addPhrase(t)) counts.dictionaryPhrases++;
    else continue;
    addSpec(r.lemma, r.imperfect || undefined);
  }
  const verbs = new VerbMatcher(specs);
  return { verbs, bareVerbs, phrases, nouns, counts };
}

let shared: EventLexicon | null = null;

/** The committed lexicon (models/events/triggers.tsv + curated.ts), loaded once. */
export function eventLexicon(): EventLexicon {
  if (shared) return shared;
  const path = join(MODELS_DIR, "events", TRIGGERS_FILE);
  // Without the dictionary file the curated tables still work.
  const rows = existsSync(path) ? parseTriggersTsv(readFileSync(path, "utf8"), path) : [];
  shared = buildLexicon(rows);
  return shared;
}
