/**
 * Entity-level scoring the way seqeval does it by default (IOB2 tags, lenient
 * chunking): an entity is a maximal run that starts at B-X, or at an I-X that
 * does not continue an entity of the same type (a "stray" I- begins one), and
 * continues over I-X. A prediction counts only when span and type both match
 * exactly. Micro P/R/F1 over all entities, plus the same per type.
 *
 * Written here (not borrowed) so that `marsad eval ner` and the trainer's
 * model selection compute exactly the same figure.
 */

export interface Chunk {
  type: string;
  /** Token index of the first token. */
  start: number;
  /** Exclusive end token index. */
  end: number;
}

/** Split "B-PER" into ["B", "PER"]; "O" (or anything unparsable) is ["O", ""]. */
function splitTag(tag: string): [string, string] {
  if (tag.length > 2 && tag[1] === "-" && (tag[0] === "B" || tag[0] === "I")) return [tag[0], tag.slice(2)];
  return ["O", ""];
}

/** The entities in one sentence's tag sequence (seqeval's get_entities for IOB2). */
export function chunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i < tags.length; i++) {
    const [p, t] = splitTag(tags[i]);
    // A chunk continues only over I- of the same type.
    if (cur !== null && !(p === "I" && t === cur.type)) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
    if (cur === null && p !== "O") cur = { type: t, start: i, end: i + 1 };
  }
  if (cur !== null) {
    cur.end = tags.length;
    out.push(cur);
  }
  return out;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold entities. */
  support: number;
  /** Number of predicted entities. */
  predicted: number;
  /** Exact matches. */
  correct: number;
}

export interface Score {
  micro: PRF;
  byType: Record<string, PRF>;
}

function prf(correct: number, predicted: number, support: number): PRF {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = support === 0 ? 0 : correct / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support, predicted, correct };
}

/** Accumulates gold/predicted tag sequences sentence by sentence. */
export class EntityScorer {
  private readonly counts = new Map<string, { correct: number; predicted: number; support: number }>();

  private bucket(type: string) {
    let b = this.counts.get(type);
    if (!b) {
      b = { correct: 0, predicted: 0, support: 0 };
      this.counts.set(type, b);
    }
    return b;
  }

  add(gold: readonly string[], predicted: readonly string[]): void {
    if (gold.length !== predicted.length) {
      throw new Error(`EntityScorer: ${gold.length} gold tags but ${predicted.length} predicted`);
    }
    const g = chunks(gold);
    const p = chunks(predicted);
    const goldKeys = new Set(g.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of g) this.bucket(c.type).support++;
    for (const c of p) {
      const b = this.bucket(c.type);
      b.predicted++;
      if (goldKeys.has(`${c.start}:${c.end}:${c.type}`)) b.correct++;
    }
  }

  score(): Score {
    let c = 0;
    let p = 0;
    let s = 0;
    const byType: Record<string, PRF> = {};
    for (const type of [...this.counts.keys()].sort()) {
      const b = this.counts.get(type)!;
      byType[type] = prf(b.correct, b.predicted, b.support);
      c += b.correct;
      p += b.predicted;
      s += b.support;
    }
    return { micro: prf(c, p, s), byType };
  }
}

/** Score whole corpora at once. */
export function scoreEntities(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): Score {
  if (gold.length !== predicted.length) throw new Error(`scoreEntities: ${gold.length} gold sentences but ${predicted.length} predicted`);
  const s = new EntityScorer();
  for (let i = 0; i < gold.length; i++) s.add(gold[i], predicted[i]);
  return s.score();
}
