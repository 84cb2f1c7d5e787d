/**
 * Quotations: who said what. Reads the document's text, tokens and linked
 * entities; writes `quotes[]`.
 *
 * Direct speech is text inside quotation marks (« », “ ”, " ") of at least
 * MIN_QUOTE_WORDS words; an unclosed mark runs to the end of its paragraph
 * (scraped articles lose closing marks). Reported speech is a reporting
 * verb followed by أن/إن and a clause, with no quotation marks.
 *
 * Attribution, in order:
 *  1. a reporting verb before the quotation followed, before any أن/إن, by a
 *     named entity: "وقال بوتين … إن «…»", "أكد الرئيس الصيني شي جين بينغ … «…»";
 *  2. a named entity just before the verb: "بوتين قال إن «…»";
 *  3. a post-posed verb and name after the quotation: «…»، قال الوزير;
 *  4. a name followed by a colon: بوتين: «…»;
 *  5. a verb or participle with no name ("وشدد على أن", "مؤكداً أن") continues
 *     the current speaker — the last one named in the article so far.
 */
import type { Entity, Quote, Token } from "../../document.js";
import { normalizeKey } from "../../text/normalize.js";
import {
  ATTRIBUTION_PREPOSITIONS,
  COMPLEMENTIZERS,
  IMPLICIT_SUBJECT_FOLLOWERS,
  MIN_QUOTE_WORDS,
  OBJECT_PREPOSITIONS,
  POSTPOSED_WINDOW,
  REPORTING_PARTICIPLES,
  REPORTING_VERBS,
} from "./cues.js";

type CueKind = "verb" | "participle" | "preposition";

const CUES = new Map<string, CueKind>();
for (const w of REPORTING_VERBS) CUES.set(normalizeKey(w), "verb");
for (const w of REPORTING_PARTICIPLES) CUES.set(normalizeKey(w), "participle");
for (const w of ATTRIBUTION_PREPOSITIONS) CUES.set(normalizeKey(w), "preposition");
const COMPLEMENTIZER_KEYS = new Set(COMPLEMENTIZERS.map((w) => normalizeKey(w)));
const OBJECT_PREPOSITION_KEYS = new Set(OBJECT_PREPOSITIONS.map((w) => normalizeKey(w)));
const IMPLICIT_FOLLOWER_KEYS = new Set(IMPLICIT_SUBJECT_FOLLOWERS.map((w) => normalizeKey(w)));

/** Quotation marks: opener → closer. */
const MARKS = new Map<string, string>([
  ["«", "»"],
  ["“", "”"],
  ['"', '"'],
]);

/** Speakers are people and organizations, and countries speaking as states. */
const SPEAKER_TYPES = new Set(["PER", "ORG", "LOC"]);
/** How many tokens after a verb the speaker's name may start (titles come first: الرئيس الصيني شي). */
const MAX_SPEAKER_DISTANCE = 6;

/** A cue's key: the token's normalized form without one leading و/ف conjunction. */
function cueOf(norm: string): CueKind | undefined {
  const direct = CUES.get(norm);
  if (direct) return direct;
  if ((norm[0] === "و" || norm[0] === "ف") && norm.length > 3) return CUES.get(norm.slice(1));
  return undefined;
}

function isComplementizer(norm: string): boolean {
  if (COMPLEMENTIZER_KEYS.has(norm)) return true;
  return (norm[0] === "و" || norm[0] === "ف") && COMPLEMENTIZER_KEYS.has(norm.slice(1));
}

interface MentionRef {
  start: number;
  end: number;
  entity: Entity;
  text: string;
}

interface Span {
  start: number;
  end: number;
}

function paragraphSpans(text: string): Span[] {
  const out: Span[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf("\n\n", pos);
    if (end < 0) end = text.length;
    if (end > pos) out.push({ start: pos, end });
    pos = end + 2;
  }
  return out;
}

/** Direct quotations of one paragraph: inner spans, trimmed. */
function findDirect(text: string, para: Span): Array<Span & { unclosed: boolean }> {
  const out: Array<Span & { unclosed: boolean }> = [];
  let i = para.start;
  while (i < para.end) {
    const ch = text[i];
    const closer = MARKS.get(ch);
    if (closer === undefined) {
      i++;
      continue;
    }
    if (ch === '"') {
      // A straight quote right after a letter closes something, it does not open.
      const prev = i > para.start ? text[i - 1] : " ";
      if (/[\p{L}\p{N}]/u.test(prev)) {
        i++;
        continue;
      }
    }
    let close = text.indexOf(closer, i + 1);
    const unclosed = close < 0 || close >= para.end;
    if (unclosed) close = para.end;
    let s = i + 1;
    let e = close;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    // An unclosed quotation runs to the paragraph's end: its final stop is the sentence's, not the speaker's.
    if (unclosed) while (e > s && /[\s.،,؛]/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, unclosed });
    i = close + 1;
  }
  return out;
}

function wordCount(text: string, s: number, e: number): number {
  let n = 0;
  let inWord = false;
  for (let i = s; i < e; i++) {
    const letter = /[\p{L}\p{N}]/u.test(text[i]);
    if (letter && !inWord) n++;
    inWord = letter;
  }
  return n;
}

/** Index of the first token starting at or after `pos` (binary search). */
function tokenAt(tokens: Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function extractQuotes(text: string, tokens: Token[], entities: Entity[]): Quote[] {
  const mentions: MentionRef[] = [];
  for (const e of entities) {
    if (!SPEAKER_TYPES.has(e.type)) continue;
    for (const m of e.mentions) mentions.push({ start: m.start, end: m.end, entity: e, text: m.text });
  }
  mentions.sort((a, b) => a.start - b.start);
  // The mention (if any) that begins inside token i.
  const mentionStartingIn = new Map<number, MentionRef>();
  for (const m of mentions) {
    const t = tokenAt(tokens, m.start + 1) - 1;
    if (t >= 0 && tokens[t].start <= m.start && m.start < tokens[t].end && !mentionStartingIn.has(t)) mentionStartingIn.set(t, m);
  }
  const mentionEndingIn = new Map<number, MentionRef>();
  for (const m of mentions) {
    const t = tokenAt(tokens, m.end) - 1;
    if (t >= 0) mentionEndingIn.set(t, m);
  }

  const quotes: Quote[] = [];
  let current: MentionRef | null = null;

  /** The speaker named right after cue token `c`, before any complementizer or `limit`. */
  const speakerAfter = (c: number, limit: number): MentionRef | null => {
    for (let t = c + 1; t < tokens.length && t <= c + MAX_SPEAKER_DISTANCE && tokens[t].start < limit; t++) {
      const m = mentionStartingIn.get(t);
      if (m) return m;
      const norm = tokens[t].norm;
      if (isComplementizer(norm) || OBJECT_PREPOSITION_KEYS.has(norm) || norm === ":" || norm === "«" || norm === '"') return null;
    }
    return null;
  };
  /** A cue whose subject is not written: what follows it is أن/إن, a preposition, punctuation or an adverb. */
  const implicitSubject = (c: number): boolean => {
    const next = tokens[c + 1];
    if (!next) return true;
    const norm = next.norm;
    return isComplementizer(norm) || OBJECT_PREPOSITION_KEYS.has(norm) || IMPLICIT_FOLLOWER_KEYS.has(norm) || !/[\p{L}\p{N}]/u.test(norm);
  };
  /** The speaker named right before cue token `c` ("بوتين قال"). */
  const speakerBefore = (c: number, floor: number): MentionRef | null => {
    for (let t = c - 1; t >= 0 && t >= c - 2 && tokens[t].start >= floor; t--) {
      const m = mentionEndingIn.get(t);
      if (m) return m;
    }
    return null;
  };

  const resolve = (windowStart: number, qStart: number, qEnd: number, paraEnd: number) => {
    const first = tokenAt(tokens, windowStart);
    const last = tokenAt(tokens, qStart); // exclusive
    // Last cue before the quotation, within the window. A participle ("مؤكداً أن")
    // continues the speaker of an earlier verb in the same window, else the current one.
    let participle: string | null = null;
    for (let c = last - 1; c >= first; c--) {
      const kind = cueOf(tokens[c].norm);
      if (!kind) continue;
      const cue = participle ?? tokens[c].text;
      if (kind === "participle") {
        participle ??= tokens[c].text;
        continue;
      }
      const after = speakerAfter(c, qStart);
      if (after) return { speaker: after, cue, explicit: true };
      const before = kind === "verb" ? speakerBefore(c, windowStart) : null;
      if (before) return { speaker: before, cue, explicit: true };
      // "وشدد على أن…" continues the current speaker; "قال محللون إن…" names
      // someone we did not link: unknown, and the one later cues continue.
      if (implicitSubject(c)) return { speaker: current, cue, explicit: false };
      return { speaker: null, cue, explicit: true };
    }
    if (participle) return { speaker: current, cue: participle, explicit: false };
    // Post-posed attribution: «…»، قال الوزير
    const afterQ = tokenAt(tokens, qEnd);
    for (let c = afterQ; c < tokens.length && tokens[c].start < Math.min(paraEnd, qEnd + POSTPOSED_WINDOW); c++) {
      const kind = cueOf(tokens[c].norm);
      if (kind === "verb") {
        const sp = speakerAfter(c, paraEnd);
        if (sp) return { speaker: sp, cue: tokens[c].text, explicit: true };
      }
    }
    // Name and colon: بوتين: «…»
    const colon = text.lastIndexOf(":", qStart);
    if (colon >= windowStart && qStart - colon <= 3) {
      const t = tokenAt(tokens, colon) - 1;
      const m = t >= 0 ? mentionEndingIn.get(t) : undefined;
      if (m) return { speaker: m, cue: null, explicit: true };
    }
    return null;
  };

  for (const para of paragraphSpans(text)) {
    const direct = findDirect(text, para).filter((q) => wordCount(text, q.start, q.end) >= MIN_QUOTE_WORDS);
    let windowStart = para.start;
    for (const q of direct) {
      const r = resolve(windowStart, q.start - 1, q.end, para.end);
      if (r) {
        if (r.explicit) current = r.speaker;
        quotes.push({
          start: q.start,
          end: q.end,
          text: text.slice(q.start, q.end),
          speaker: r.speaker ? r.speaker.entity.id : null,
          speakerText: r.speaker ? r.speaker.text : null,
          cue: r.cue,
          direct: true,
        });
      }
      windowStart = q.unclosed ? para.end : q.end + 1;
    }
    // Reported speech: verb … أن/إن clause, in sentences of this paragraph with no direct quotation.
    collectReported(text, tokens, para, direct, (cueTok, clauseStart, clauseEnd) => {
      const sp = speakerAfter(cueTok, clauseStart) ?? speakerBefore(cueTok, para.start);
      const implicit = !sp && implicitSubject(cueTok);
      if (!implicit) current = sp;
      const speaker = implicit ? current : sp;
      if (!speaker) return;
      quotes.push({
        start: clauseStart,
        end: clauseEnd,
        text: text.slice(clauseStart, clauseEnd),
        speaker: speaker.entity.id,
        speakerText: speaker.text,
        cue: tokens[cueTok].text,
        direct: false,
      });
    });
  }
  quotes.sort((a, b) => a.start - b.start);
  return quotes;
}

/** Sentence-final punctuation that ends a reported clause. */
const CLAUSE_END = /[.؟?!؛]/;

function collectReported(
  text: string,
  tokens: Token[],
  para: Span,
  direct: Span[],
  emit: (cueTok: number, clauseStart: number, clauseEnd: number) => void,
): void {
  const first = tokenAt(tokens, para.start);
  const last = tokenAt(tokens, para.end);
  for (let c = first; c < last; c++) {
    if (cueOf(tokens[c].norm) !== "verb") continue;
    // The complementizer must follow within a few tokens (a name or time phrase may sit between).
    let k = -1;
    for (let t = c + 1; t < last && t <= c + 10; t++) {
      if (isComplementizer(tokens[t].norm)) {
        k = t;
        break;
      }
      if (CLAUSE_END.test(tokens[t].text)) break;
    }
    if (k < 0 || k + 1 >= last) continue;
    const clauseStart = tokens[k + 1].start;
    let clauseEnd = para.end;
    for (let t = k + 1; t < last; t++) {
      if (CLAUSE_END.test(tokens[t].text)) {
        clauseEnd = tokens[t].start;
        break;
      }
    }
    // A clause that contains or runs into a direct quotation is already covered.
    if (direct.some((q) => q.start - 1 < clauseEnd && q.end + 1 > tokens[c].start)) continue;
    while (clauseEnd > clauseStart && /[\s،,]/.test(text[clauseEnd - 1])) clauseEnd--;
    if (wordCount(text, clauseStart, clauseEnd) < MIN_QUOTE_WORDS) continue;
    emit(c, clauseStart, clauseEnd);
    c = tokenAt(tokens, clauseEnd) - 1;
  }
}
