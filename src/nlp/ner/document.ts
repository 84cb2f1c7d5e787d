/**
 * Document-level features for the NER tagger's second pass (stacking).
 *
 * A news article names the same entity many times, but only some mentions
 * carry the context that gives the type away ("شركة سياك" once, then "سياك"
 * alone five times). So the tagger runs twice: the first pass tags every
 * sentence on its own; the second pass sees, besides the usual features,
 * what the first pass said about the same word and the same phrases in the
 * neighbouring sentences (Krishnan & Manning 2006, "an effective two-stage
 * model for exploiting non-local dependencies"):
 *
 *   token     how the other occurrences of this word (its mention form,
 *             without one-letter proclitics) within ±window sentences were
 *             labelled: share of each type (3 buckets), "always O", "no other
 *             occurrence", and the most frequent entity label (B-/I- × type);
 *   phrase    an entity found elsewhere in the window (its token keys) that
 *             occurs here: position (single/first/inside/last) × type, like a
 *             gazetteer built from the article itself;
 *   own       optionally the first pass's own label for this token and its
 *             neighbours (classic stacking).
 *
 * The window slides (counts are added and removed as it moves), so a
 * document of any length costs time linear in its tokens. The counts never
 * include the token (or the entity) being featurized: it only learns from
 * the *other* mentions. The trainer feeds jackknifed first-pass labels
 * (scripts/train/ner.ts), so the second pass learns how far to trust a
 * first pass that has not seen the sentence — as at run time.
 */
import { mix, type WordInfo } from "./features.js";
import { L, LABELS, TYPES } from "./perceptron.js";

/** Feature templates of this file (disjoint from features.ts's T). */
export const DOC_T = {
  NONE: 200,
  TYPE_SHARE: 201,
  ALL_O: 202,
  MAJORITY: 203,
  PHRASE: 204,
  OWN: 205,
  OWN_M1: 206,
  OWN_P1: 207,
} as const;

/** Share buckets of a type among the other occurrences: (0, 1/3], (1/3, 2/3], (2/3, 1]. */
const SHARE_BUCKETS = 3;
/** "Always O" is told apart for 1, 2, and 3+ other occurrences. */
const MAX_O_COUNT = 3;
/** Longest entity (tokens) remembered as a phrase. */
const MAX_PHRASE = 6;

/** Default options (the trainer records the ones it used in model.json). */
export const DOC_DEFAULTS = { window: 10, own: false };
export type DocOptions = typeof DOC_DEFAULTS;

const NT = TYPES.length;
/** Label index → type index + 1 (0 = O), and → is it a beginning. */
const TYPE1 = Uint8Array.from(LABELS, (l) => (l === "O" ? 0 : TYPES.indexOf(l.slice(2) as (typeof TYPES)[number]) + 1));
const BEGINS = Uint8Array.from(LABELS, (l) => (l[0] === "B" || l[0] === "U" ? 1 : 0));

/** One sentence of a document: its analyzed words and its first-pass labels. */
export interface DocSentence {
  words: readonly WordInfo[];
  labels: ArrayLike<number>;
}

interface Entity {
  start: number;
  end: number;
  type: number;
  phrase: string;
}

function entitiesOf(s: DocSentence): Entity[] {
  const out: Entity[] = [];
  const n = s.words.length;
  let i = 0;
  while (i < n) {
    const t = TYPE1[s.labels[i]];
    if (t === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && TYPE1[s.labels[j]] === t && !BEGINS[s.labels[j]]) j++;
    if (j - i <= MAX_PHRASE) out.push({ start: i, end: j, type: t - 1, phrase: phraseKey(s.words, i, j) });
    i = j;
  }
  return out;
}

/** A phrase is its first word's mention key, then the other words' keys. */
function phraseKey(words: readonly WordInfo[], from: number, to: number): string {
  let p = words[from].mentionKey;
  for (let k = from + 1; k < to; k++) p += ` ${words[k].key}`;
  return p;
}

/** Label and phrase counts over the sentences currently in the window. */
class WindowCounts {
  readonly tokens = new Map<string, Int32Array>();
  readonly phrases = new Map<string, Int32Array>();
  readonly prefixes = new Map<string, number>();

  update(s: DocSentence, ents: Entity[], sign: 1 | -1): void {
    for (let i = 0; i < s.words.length; i++) {
      const k = s.words[i].mentionKey;
      let c = this.tokens.get(k);
      if (c === undefined) {
        c = new Int32Array(L);
        this.tokens.set(k, c);
      }
      c[s.labels[i]] += sign;
    }
    for (const e of ents) {
      let c = this.phrases.get(e.phrase);
      if (c === undefined) {
        c = new Int32Array(NT);
        this.phrases.set(e.phrase, c);
      }
      c[e.type] += sign;
      let p = s.words[e.start].mentionKey;
      for (let k = e.start + 1; k < e.end; k++) {
        this.prefixes.set(p, (this.prefixes.get(p) ?? 0) + sign);
        p += ` ${s.words[k].key}`;
      }
    }
  }
}

/**
 * Document features of every token of every sentence. Returns, per sentence,
 * token i's hashes in hashes[offsets[i] .. offsets[i+1]).
 */
export function documentFeatures(
  doc: readonly DocSentence[],
  opts: DocOptions = DOC_DEFAULTS,
): { offsets: Int32Array; hashes: Uint32Array }[] {
  const ents = doc.map(entitiesOf);
  const counts = new WindowCounts();
  const out: { offsets: Int32Array; hashes: Uint32Array }[] = [];
  let lo = 0;
  let hi = -1;
  const own = new Int32Array(L);
  const typeShare = new Int32Array(NT);
  for (let s = 0; s < doc.length; s++) {
    const wantLo = Math.max(0, s - opts.window);
    const wantHi = Math.min(doc.length - 1, s + opts.window);
    while (hi < wantHi) {
      hi++;
      counts.update(doc[hi], ents[hi], 1);
    }
    while (lo < wantLo) {
      counts.update(doc[lo], ents[lo], -1);
      lo++;
    }
    const { words, labels } = doc[s];
    const n = words.length;
    const perToken: number[][] = Array.from({ length: n }, () => []);

    // Token level: the other occurrences of this word.
    for (let i = 0; i < n; i++) {
      const f = perToken[i];
      const c = counts.tokens.get(words[i].mentionKey) as Int32Array;
      own.set(c);
      own[labels[i]]--;
      let total = 0;
      for (let y = 0; y < L; y++) total += own[y];
      if (total === 0) {
        f.push(mix(DOC_T.NONE, 0));
      } else {
        typeShare.fill(0);
        let best = -1;
        for (let y = 1; y < L; y++) {
          typeShare[TYPE1[y] - 1] += own[y];
          if (own[y] > 0 && (best < 0 || own[y] > own[best])) best = y;
        }
        if (best < 0) f.push(mix(DOC_T.ALL_O, Math.min(total, MAX_O_COUNT)));
        else {
          f.push(mix(DOC_T.MAJORITY, best));
          for (let t = 0; t < NT; t++) {
            if (typeShare[t] === 0) continue;
            const b = Math.min(SHARE_BUCKETS - 1, Math.floor((typeShare[t] / total) * SHARE_BUCKETS - 1e-9));
            f.push(mix(DOC_T.TYPE_SHARE, t * SHARE_BUCKETS + b));
          }
        }
      }
      if (opts.own) {
        f.push(mix(DOC_T.OWN, labels[i]));
        f.push(mix(DOC_T.OWN_M1, i > 0 ? labels[i - 1] : L));
        f.push(mix(DOC_T.OWN_P1, i + 1 < n ? labels[i + 1] : L));
      }
    }

    // Phrase level: entities found elsewhere in the window that occur here.
    const mine = new Map<string, number>();
    for (const e of ents[s]) mine.set(`${e.start}:${e.end}`, e.type);
    for (let i = 0; i < n; i++) {
      let p = words[i].mentionKey;
      for (let j = i; j < n && j - i < MAX_PHRASE; j++) {
        if (j > i) p += ` ${words[j].key}`;
        const c = counts.phrases.get(p);
        if (c !== undefined) {
          const self = mine.get(`${i}:${j + 1}`);
          for (let t = 0; t < NT; t++) {
            if (c[t] - (self === t ? 1 : 0) <= 0) continue;
            if (j === i) perToken[i].push(mix(DOC_T.PHRASE, t * 4));
            else {
              perToken[i].push(mix(DOC_T.PHRASE, t * 4 + 1));
              for (let k = i + 1; k < j; k++) perToken[k].push(mix(DOC_T.PHRASE, t * 4 + 2));
              perToken[j].push(mix(DOC_T.PHRASE, t * 4 + 3));
            }
          }
        }
        if (!((counts.prefixes.get(p) ?? 0) > 0)) break;
      }
    }

    const offsets = new Int32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = total;
      total += perToken[i].length;
    }
    offsets[n] = total;
    const hashes = new Uint32Array(total);
    for (let i = 0, o = 0; i < n; i++) for (const h of perToken[i]) hashes[o++] = h;
    out.push({ offsets, hashes });
  }
  return out;
}
