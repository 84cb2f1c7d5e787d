/**
 * Name gazetteers for the NER tagger: cleaning the raw lists (ANERGazet,
 * UniversalPetrarch actors) into models/ner/gazetteer.tsv, and matching them
 * against a sentence.
 *
 * A gazetteer hit is only a feature: the tagger learns how far to trust each
 * list, so the lists may stay noisy, but cleaning still pays (fewer false
 * hits → a larger weight on the true ones). Cleaning drops: separator lines,
 * one-word entries shorter than 3 letters, stopwords, one-word entries listed
 * under two types (ambiguous), and actor-dictionary entries that are titles
 * with no name in them ("عاهل أردني").
 *
 * Entries are stored as normalizeKey'd tokens joined by one space. Matching
 * walks a prefix set from every token, so it is linear in the sentence (times
 * the longest entry), never quadratic.
 */
import { normalizeKey } from "../../text/normalize.js";

/** Gazetteer classes, as bits (an entry may carry several after merging). */
export const GAZ = { PER: 1, LOC: 2, ORG: 4, ACT: 8, XPER: 16, XLOC: 32, XORG: 64 } as const;
export const GAZ_NAMES: Record<string, number> = { ...GAZ };
export const GAZ_TYPES = 7;

/** Cleaning thresholds. */
const MIN_SINGLE_WORD_LETTERS = 3; // shorter one-word names (عز, بن) match everywhere
const MAX_ENTRY_TOKENS = 8; // longer lines are descriptions, not names

/** Words that open an actor-dictionary entry naming an organization. */
const ACTOR_ORG_HEADS = new Set(
  `حركة منظمة وزارة مجلس جيش قوة قوات حزب اتحاد جامعة شركة جبهة هيئة لجنة وكالة محكمة حكومة ديوان كتيبة لواء جماعة تنظيم
  مؤسسة جمعية بنك صندوق برلمان سلطة ائتلاف تحالف رابطة نقابة مكتب شرطة حرس`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeKey(w)),
);

/** Titles at the head of actor entries ("رئيس وزير غوردون براون"): stripped; an entry that is only titles is dropped. */
const ACTOR_TITLES = new Set(
  `رئيس وزير نائب ملك أمير شيخ عاهل جنرال سلطان إمام سفير أمين عام زعيم قائد مستشار وزيرة رئيسة سيد دكتور قاضي مفتي
  ولي عهد لواء عقيد عميد بابا متحدث ناطق باسم حاكم ل`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeKey(w)),
);

/** Adjectives of nationality etc. end in ي: an actor entry made of a title plus such words names no one. */
function isNisba(k: string): boolean {
  return k.endsWith("ي") || k.endsWith("يه");
}

function hasLetter(s: string): boolean {
  return /[\u0621-\u064a]/.test(s);
}

/** Normalize one raw name into gazetteer tokens (empty when it is not a name). */
export function nameTokens(raw: string): string[] {
  return normalizeKey(raw)
    .replace(/[_\s]+/g, " ")
    .replace(/[^\u0621-\u064a0-9a-z ]/g, "")
    .trim()
    .split(" ")
    .filter(Boolean);
}

export interface GazetteerEntry {
  tokens: string[];
  type: keyof typeof GAZ;
}

/** Clean one plain name list (one name a line). */
export function cleanNameList(text: string, type: keyof typeof GAZ, stopwords: ReadonlySet<string>): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!hasLetter(line)) continue; // "====", "****" separators
    const tokens = nameTokens(line);
    if (!acceptable(tokens, stopwords)) continue;
    out.push({ tokens, type });
  }
  return out;
}

function acceptable(tokens: string[], stopwords: ReadonlySet<string>): boolean {
  if (tokens.length === 0 || tokens.length > MAX_ENTRY_TOKENS) return false;
  if (tokens.length === 1 && (tokens[0].length < MIN_SINGLE_WORD_LETTERS || stopwords.has(tokens[0]))) return false;
  // A name made only of stopwords is not a name.
  return tokens.some((t) => !stopwords.has(t));
}

/**
 * Parse the UniversalPetrarch actor dictionary: a name at the start of a line
 * (underscores between words, a trailing underscore on multi-word names),
 * optionally `[CODE]` after it, and indented `[CODE dates]` lines for actors
 * whose role changed over time (people, mostly).
 */
export function parseActorDictionary(text: string, stopwords: ReadonlySet<string>): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0 || /^\s/.test(line) || line.startsWith("#")) continue;
    const m = /^(\S+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!m) continue;
    let tokens = nameTokens(m[1]);
    const code = (m[2] ?? "").trim();
    const dated = i + 1 < lines.length && /^\s+\[/.test(lines[i + 1]);
    if (tokens.length === 0) continue;
    let type: keyof typeof GAZ;
    if (ACTOR_ORG_HEADS.has(tokens[0])) type = "ORG";
    else {
      let k = 0;
      while (k < tokens.length && ACTOR_TITLES.has(tokens[k])) k++;
      if (k > 0) {
        tokens = tokens.slice(k);
        // What is left after the titles must look like a name, not "أردني".
        if (tokens.length === 0 || tokens.every(isNisba)) continue;
      }
      if (tokens.length === 1 && /^[A-Z]{3}$/.test(code)) type = "LOC";
      else if (tokens.length >= 2 && dated) type = "PER";
      else type = "ACT";
    }
    if (!acceptable(tokens, stopwords)) continue;
    out.push({ tokens, type });
  }
  return out;
}

/**
 * ANETAC transliteration pairs (`CLASS English Arabic`): one-word foreign
 * names, kept as their own classes (XPER, XLOC, XORG) because they are
 * many and noisier than the curated lists.
 */
export function parseTransliterations(text: string, stopwords: ReadonlySet<string>): GazetteerEntry[] {
  const classes: Record<string, keyof typeof GAZ> = { PERSON: "XPER", LOCATION: "XLOC", ORGANIZATION: "XORG" };
  const out: GazetteerEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3) continue;
    const type = classes[f[0]];
    if (!type) continue;
    const tokens = nameTokens(f.slice(2).join(" "));
    if (acceptable(tokens, stopwords)) out.push({ tokens, type });
  }
  return out;
}

/**
 * Merge entries into gazetteer lines ("TYPE<TAB>tok tok"). One-word entries
 * listed under two different PER/LOC/ORG types are dropped as ambiguous.
 */
export function mergeEntries(entries: GazetteerEntry[]): string[] {
  const byPhrase = new Map<string, number>();
  for (const e of entries) {
    const p = e.tokens.join(" ");
    byPhrase.set(p, (byPhrase.get(p) ?? 0) | GAZ[e.type]);
  }
  const lines: string[] = [];
  for (const [phrase, bits] of [...byPhrase].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const typed = bits & (GAZ.PER | GAZ.LOC | GAZ.ORG);
    if (!phrase.includes(" ") && typed & (typed - 1)) continue; // two or more types: ambiguous
    for (const [name, bit] of Object.entries(GAZ_NAMES)) if (bits & bit) lines.push(`${name}\t${phrase}`);
  }
  return lines;
}

/** A match of a gazetteer entry: tokens [start, end) with type bits. */
export interface GazMatch {
  start: number;
  end: number;
  bits: number;
}

/** The matcher built from gazetteer.tsv. */
export class Gazetteer {
  /** Phrase → type bits. */
  private readonly entries = new Map<string, number>();
  /** Proper prefixes of multi-word entries. */
  private readonly prefixes = new Set<string>();
  /** Token → type bits of the multi-word entries it appears in. */
  private readonly tokenBits = new Map<string, number>();
  private maxLen = 1;

  constructor(lines: Iterable<string>) {
    for (const line of lines) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const bit = GAZ_NAMES[line.slice(0, tab)];
      if (!bit) continue;
      const phrase = line.slice(tab + 1);
      this.entries.set(phrase, (this.entries.get(phrase) ?? 0) | bit);
      const toks = phrase.split(" ");
      if (toks.length > this.maxLen) this.maxLen = toks.length;
      for (let k = 1; k < toks.length; k++) this.prefixes.add(toks.slice(0, k).join(" "));
      if (toks.length > 1)
        for (const t of toks) if (t.length >= MIN_SINGLE_WORD_LETTERS) this.tokenBits.set(t, (this.tokenBits.get(t) ?? 0) | bit);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Type bits of the multi-word entries a token appears in (0 if none). */
  tokenTypes(key: string): number {
    return this.tokenBits.get(key) ?? 0;
  }

  /**
   * All matches in a sentence. `firstKeys[i]` are the keys token i may take
   * when it opens a name (its full key, and its key without one-letter
   * proclitics); `keys[i]` is its full key, used inside a name.
   */
  match(firstKeys: readonly (readonly string[])[], keys: readonly string[], emit: (m: GazMatch) => void): void {
    const n = keys.length;
    for (let i = 0; i < n; i++) {
      for (const first of firstKeys[i]) {
        let phrase = first;
        for (let j = i; j < n && j - i < this.maxLen; j++) {
          if (j > i) phrase = `${phrase} ${keys[j]}`;
          const bits = this.entries.get(phrase);
          if (bits !== undefined) emit({ start: i, end: j + 1, bits });
          if (!this.prefixes.has(phrase)) break;
        }
      }
    }
  }
}
