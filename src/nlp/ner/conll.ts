/**
 * Reader for the CoNLL-style NER corpora Marsad trains and evaluates on.
 *
 * One file format, three tag dialects, all mapped onto our four types
 * (PER, LOC, ORG, MISC) in IOB2 notation ("O", "B-PER", "I-LOC", ...):
 *
 *   anercorp  `token TAG`; PERS/PER, LOC, ORG, MISC. An unknown tag is an
 *             error: this is the gold format of `marsad eval ner`.
 *   aqmar     `token TAG`; PER, LOC, ORG, MIS0..MIS3 (→ MISC). The corpus has
 *             a handful of typo tags (B-MIS-1, IO, B-ENGLISH, ...): read as O.
 *   wojood    `token TAG TAG ...` nested, outermost first, 21 types. We take
 *             the outermost tag whose type maps to ours (PERS→PER, GPE/LOC→LOC,
 *             ORG→ORG); all other types (DATE, OCC, NORP, ...) become O.
 *             "$#$" paragraph-marker tokens are dropped.
 *
 * Sentences are separated by blank lines. A line with more than two fields in
 * a two-column dialect keeps the first field as token and the last as tag (the
 * ANERcorp dev file has one such glued line).
 */
import { readFileSync } from "node:fs";
import { InputError } from "../../errors.js";

export type NerType = "PER" | "LOC" | "ORG" | "MISC";
export type Dialect = "anercorp" | "aqmar" | "wojood";

export interface ConllSentence {
  tokens: string[];
  /** IOB2 tags over our types: "O", "B-PER", "I-ORG", ... */
  tags: string[];
}

/** Source type name → our type, per dialect. Absent means "not ours" (→ O). */
const TYPE_MAPS: Record<Dialect, Record<string, NerType>> = {
  anercorp: { PERS: "PER", PER: "PER", LOC: "LOC", ORG: "ORG", MISC: "MISC" },
  aqmar: { PER: "PER", LOC: "LOC", ORG: "ORG", MIS0: "MISC", MIS1: "MISC", MIS2: "MISC", MIS3: "MISC", MIS: "MISC" },
  wojood: { PERS: "PER", GPE: "LOC", LOC: "LOC", ORG: "ORG" },
};

/** Tokens that are markup, not text. */
const DROPPED_TOKENS: Record<Dialect, Set<string>> = {
  anercorp: new Set(),
  aqmar: new Set(),
  wojood: new Set(["$#$"]),
};

/**
 * Map one source tag to IOB2 over our types. Returns null when the tag is
 * malformed (the caller decides whether that is an error or an O).
 */
export function mapTag(tag: string, dialect: Dialect): string | null {
  if (tag === "O") return "O";
  const m = /^([BI])-(.+)$/.exec(tag);
  if (!m) return null;
  const source = m[2];
  const map = TYPE_MAPS[dialect];
  if (Object.hasOwn(map, source)) return `${m[1]}-${map[source]}`;
  return dialect === "anercorp" ? null : "O";
}

/** Parse CoNLL text. `source` names the input in error messages. */
export function parseConll(text: string, source: string, dialect: Dialect = "anercorp"): ConllSentence[] {
  const out: ConllSentence[] = [];
  let cur: ConllSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (cur.tokens.length > 0) out.push(cur);
    cur = { tokens: [], tags: [] };
  };
  const lines = text.split(/\r?\n/);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].trim();
    if (line === "") {
      flush();
      continue;
    }
    const fields = line.split(/\s+/);
    if (fields.length < 2) throw new InputError(`${source}:${ln + 1}`, `expected "token TAG", got "${line.slice(0, 40)}"`);
    const token = fields[0];
    if (DROPPED_TOKENS[dialect].has(token)) continue;
    let tag: string | null;
    if (dialect === "wojood") {
      tag = "O";
      for (let k = 1; k < fields.length; k++) {
        const t = mapTag(fields[k], dialect);
        if (t !== null && t !== "O") {
          tag = t;
          break;
        }
      }
    } else {
      tag = mapTag(fields[fields.length - 1], dialect);
      if (tag === null) {
        if (dialect === "anercorp") {
          throw new InputError(
            `${source}:${ln + 1}`,
            `unknown NER tag "${fields[fields.length - 1]}" (expected O or B-/I- with PERS, LOC, ORG, MISC)`,
          );
        }
        tag = "O";
      }
    }
    cur.tokens.push(token);
    cur.tags.push(tag);
  }
  flush();
  return out;
}

/** Read a CoNLL file; a missing or unreadable file is an InputError. */
export function readConll(path: string, dialect: Dialect = "anercorp"): ConllSentence[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, `cannot read CoNLL file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseConll(text, path, dialect);
}
