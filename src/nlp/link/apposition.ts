/**
 * Title phrases in a document and the person each one stands in apposition
 * to: "الرئيس الروسي فلاديمير بوتين" → (president, RUS) held by the PER span
 * that follows. Used by the linker (a later bare "الرئيس الروسي" is the same
 * person) and by the KB when it learns dated title holders from an article.
 *
 * Input spans are mention-like {start, end, type}, sorted by start. The scan
 * is one pass over the document's tokens.
 */
import type { EntityType } from "../../document.js";
import { normalizeKey } from "../../text/normalize.js";
import { type RawToken, tokenize } from "../../text/tokenize.js";
import { mentionForm, skipLetters } from "./mentions.js";
import { COUNTERPART, matchTitle } from "./titles.js";

export interface SpanLike {
  start: number;
  end: number;
  type: EntityType;
}

export interface TitleHit {
  /** Character range of the title phrase (proclitics before it skipped). */
  start: number;
  end: number;
  text: string;
  /** Title id (a counterpart takes the title of the titled person before it). */
  titleId: string;
  /** ISO alpha-3, "org:<key>" for an organization, or null. */
  of: string | null;
  modifier: string | null;
  /** Index of the PER span the title is in apposition to, or null (a bare title). */
  holder: number | null;
  /** Where the holder's name starts (past the title when NER put both in one span). */
  holderStart: number;
  /** Indices of spans lying inside the phrase (adjectives, title-only spans). */
  covered: number[];
}

/** Punctuation allowed between a title and the name: "الرئيس الروسي، فلاديمير بوتين". */
const APPOSITION_PUNCT = new Set(["،", ","]);

/** Index of the token containing offset `pos`, or -1. */
function tokenAt(tokens: RawToken[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (pos < t.start) hi = mid - 1;
    else if (pos >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export interface DocTokens {
  tokens: RawToken[];
  norms: string[];
}

export function docTokens(text: string): DocTokens {
  const tokens = tokenize(text);
  const norms = tokens.map((t) => (t.kind === "punct" ? text.slice(t.start, t.end) : normalizeKey(text.slice(t.start, t.end))));
  return { tokens, norms };
}

export function findTitles(text: string, spans: ReadonlyArray<SpanLike>, dt: DocTokens = docTokens(text)): TitleHit[] {
  const { tokens, norms } = dt;
  // Spans by the token they start in.
  const startsIn = new Map<number, number[]>();
  spans.forEach((s, k) => {
    const ti = tokenAt(tokens, s.start);
    if (ti < 0) return;
    const list = startsIn.get(ti);
    if (list) list.push(k);
    else startsIn.set(ti, [k]);
  });
  const spanStartingAt = (ti: number, pred: (s: SpanLike) => boolean): number => {
    for (const k of startsIn.get(ti) ?? []) if (pred(spans[k])) return k;
    return -1;
  };
  const hits: TitleHit[] = [];
  let lastTitled: string | null = null;
  let cursor = 0; // first span that may overlap the current phrase
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== "word") continue;
    const m = matchTitle(norms, i, (j) => spanStartingAt(j, (s) => s.type === "ORG") >= 0);
    if (!m) continue;
    const start = tokens[i].start + skipLetters(text.slice(tokens[i].start, tokens[i].end), m.procliticLetters);
    const end = tokens[m.end - 1].end;
    let of: string | null = m.country;
    let after = m.end;
    if (m.orgAt >= 0) {
      const org = spans[spanStartingAt(m.orgAt, (s) => s.type === "ORG")];
      // After a title, ل + organization is the genitive: للأمم is ل + الأمم.
      const f = mentionForm(text.slice(org.start, org.end), text, org.start);
      of = `org:${(f.alt ?? f).key}`;
      const endTok = tokenAt(tokens, org.end - 1);
      after = endTok >= 0 ? endTok + 1 : m.end;
    }
    if (after < tokens.length && APPOSITION_PUNCT.has(norms[after])) after++;
    let titleId = m.titleId;
    if (titleId === COUNTERPART) {
      if (lastTitled === null) {
        i = m.end - 1;
        continue;
      }
      titleId = lastTitled;
    }
    // The holder: a PER span starting at the next token, or a PER span that
    // swallowed the title and runs past it.
    let holder: number | null = null;
    let holderStart = -1;
    const covered: number[] = [];
    while (cursor < spans.length && spans[cursor].end <= start) cursor++;
    for (let k = cursor; k < spans.length && spans[k].start < end; k++) {
      const s = spans[k];
      if (s.start >= start && s.end <= end) covered.push(k);
      else if (s.type === "PER" && s.end > end && after < tokens.length && tokens[after].start < s.end) {
        holder = k;
        holderStart = tokens[after].start;
      }
    }
    if (holder === null && after < tokens.length) {
      const k = spanStartingAt(after, (s) => s.type === "PER");
      if (k >= 0) {
        holder = k;
        holderStart = spans[k].start;
      }
    }
    if (m.genitive) holder = null; // the name belongs to the office before the title
    if (holder !== null && m.modifier === null) lastTitled = titleId;
    hits.push({ start, end, text: text.slice(start, end), titleId, of, modifier: m.modifier, holder, holderStart, covered });
    i = m.end - 1;
  }
  return hits;
}
