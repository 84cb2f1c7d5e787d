/**
 * Readers for the event dictionaries in ../shared/data/events, used by
 * scripts/train/events.ts to build models/events/triggers.tsv (never at
 * run time):
 *
 *   UniversalPetrarch CAMEO.ar   verb blocks: "--- LEMMA [CODE] ---", then
 *                                synonym verbs ("طلب   [020]  # ask,request")
 *                                and patterns ("- * مساعدة [073] # قدم,سلم")
 *   synsets.ar.txt               "&NAME" followed by "+word_" lines
 *   CAMEO2PLOVER-2021.txt        "0311: AGREE,  ,   economic # …"
 *
 * PETRARCH pattern syntax, as far as we use it: "*" is the verb, "(…)" a
 * prepositional phrase, "{…}" a compound noun, "&NAME" a synonym set, and
 * "$ + %" mark source, target and compound actor slots. Words are lemmas
 * with "_" for spaces.
 */
import { normalizeKey } from "../../text/normalize.js";

export interface DictVerb {
  /** The verb as written; "+" joins particles and objects (اضرم+نار+في). */
  form: string;
  /** Its own CAMEO code, else the block's; null when neither gives one. */
  code: string | null;
  /** English gloss from the comment ("refuse,deny,reject"). */
  gloss: string[];
}

export interface DictPattern {
  /** The pattern text after "- ", without code and comment. */
  text: string;
  code: string;
  /** Verbs the comment lists for this pattern (as written). */
  verbs: string[];
}

export interface DictBlock {
  lemma: string;
  code: string | null;
  verbs: DictVerb[];
  patterns: DictPattern[];
}

const BLOCK = /^---\s*(\S+)\s*\[([^\]]*)\]\s*---/;
const CODE = /\[(\d+)\]/;

/** The verb section of CAMEO.ar (after "####### VERB PATTERNS #######"). */
export function parseVerbDictionary(text: string): DictBlock[] {
  const lines = text.split(/\r?\n/);
  let i = lines.findIndex((l) => l.includes("VERB PATTERNS"));
  if (i < 0) i = 0;
  const blocks: DictBlock[] = [];
  let cur: DictBlock | null = null;
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "" || line.startsWith("#")) continue;
    const b = BLOCK.exec(line);
    if (b) {
      cur = { lemma: b[1], code: /^\d+$/.test(b[2]) ? b[2] : null, verbs: [], patterns: [] };
      blocks.push(cur);
      continue;
    }
    if (!cur) continue;
    const hash = line.indexOf("#");
    const body = hash >= 0 ? line.slice(0, hash) : line;
    const comment = hash >= 0 ? line.slice(hash + 1).trim() : "";
    const code = CODE.exec(body)?.[1] ?? null;
    if (line.startsWith("-")) {
      if (!code) continue;
      cur.patterns.push({
        text: body.replace(CODE, "").replace(/^-\s*/, "").trim(),
        code,
        verbs: comment
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      });
    } else {
      const form = body.replace(CODE, "").trim();
      if (form === "") continue;
      cur.verbs.push({
        form,
        code: code ?? cur.code,
        gloss: comment
          .split(",")
          .map((g) => g.trim().toLowerCase())
          .filter(Boolean),
      });
    }
  }
  return blocks;
}

/** Synonym sets: "&NAME" → member phrases (spaces for "_"). Both files use the same layout. */
export function parseSynsets(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("####### VERB")) break;
    if (line.startsWith("&")) {
      cur = [];
      out.set(line.split(/\s+/)[0], cur);
      continue;
    }
    if (cur && line.startsWith("+")) {
      const phrase = line.slice(1).split("#")[0].replace(/_/g, " ").trim();
      if (phrase) cur.push(phrase);
    }
  }
  return out;
}

export interface PloverCode {
  type: string;
  mode: string;
}

/** CAMEO2PLOVER: code → PLOVER type and mode. */
export function parseCameoToPlover(text: string): Map<string, PloverCode> {
  const out = new Map<string, PloverCode>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*)/.exec(line);
    if (m) out.set(m[1], { type: m[2], mode: m[3].trim() });
  }
  return out;
}

/** A dictionary verb split into lemma, preposition particles and object words: اضرم+نار+في → اضرم, [نار], [في]. */
export function splitVerbForm(form: string, prepositions: ReadonlySet<string>): { lemma: string; objects: string[]; preps: string[] } {
  const parts = form
    .split("+")
    .map((p) => p.trim())
    .filter(Boolean);
  const objects: string[] = [];
  const preps: string[] = [];
  for (const p of parts.slice(1)) {
    if (prepositions.has(normalizeKey(p))) preps.push(p);
    else objects.push(...p.split(/\s+/));
  }
  return { lemma: parts[0] ?? "", objects, preps };
}
