/**
 * The NER tagger's learning and decoding: a first-order averaged structured
 * perceptron (Collins 2002) over IOB2 labels, decoded with Viterbi under the
 * IOB2 constraint that I-X may only follow B-X or I-X.
 *
 * Weights live in one Float32Array, a row of LABELS.length weights per
 * feature; transition weights in a small matrix. Training keeps the
 * "lazy averaging" pair (w, u): the averaged weight is w - u / c, so each
 * update costs O(1) however many steps have passed.
 */

/** Entity types, in label order. */
export const TYPES = ["PER", "LOC", "ORG", "MISC"] as const;

/**
 * Label scheme of the tagger. BILOU (Begin, Inside, Last, Unit) gives a
 * linear model separate weights for the edges and for one-word names, which
 * usually beats IOB2; the tagger converts back to IOB2 for its callers.
 */
export const SCHEME = "BIO" as "BIO" | "BILOU";
const PARTS = SCHEME === "BIO" ? ["B", "I"] : ["B", "I", "L", "U"];

export const LABELS: readonly string[] = ["O", ...TYPES.flatMap((t) => PARTS.map((p) => `${p}-${t}`))];
export const L = LABELS.length;
export const LABEL_INDEX: ReadonlyMap<string, number> = new Map(LABELS.map((l, i) => [l, i]));
const PART_OF = LABELS.map((l) => l[0]);
const TYPE_OF = LABELS.map((l) => (l === "O" ? "" : l.slice(2)));

/** Score given to forbidden transitions (an I- that continues nothing). */
const FORBIDDEN = -1e9;

/** Does label p open (or continue) a name that label y must continue? */
const continues = (p: number) => PART_OF[p] === "B" || PART_OF[p] === "I";

/** allowed[p * L + y]: may label y follow label p? Row L is "start of sentence". */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let y = 0; y < L; y++) {
      const inner = PART_OF[y] === "I" || PART_OF[y] === "L";
      if (SCHEME === "BIO") {
        a[p * L + y] = PART_OF[y] !== "I" || (p < L && PART_OF[p] !== "O" && TYPE_OF[p] === TYPE_OF[y]) ? 1 : 0;
      } else if (inner) a[p * L + y] = p < L && continues(p) && TYPE_OF[p] === TYPE_OF[y] ? 1 : 0;
      else a[p * L + y] = p === L || !continues(p) ? 1 : 0;
    }
  }
  return a;
})();

/** May a sentence end on label y? (BILOU: not inside an open name.) */
export const END_OK: Uint8Array = Uint8Array.from(LABELS, (_, y) => (SCHEME === "BIO" || !continues(y) ? 1 : 0));

/** IOB2 tags (seqeval reading: a stray I- opens a name) → label indices. */
export function encodeTags(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t === "O" || t.length < 3) {
      i++;
      continue;
    }
    const type = t.slice(2);
    let j = i + 1;
    while (j < tags.length && tags[j] === `I-${type}`) j++;
    const at = (part: string) => LABEL_INDEX.get(`${part}-${type}`) ?? 0;
    if (SCHEME === "BIO") {
      out[i] = at("B");
      for (let k = i + 1; k < j; k++) out[k] = at("I");
    } else if (j - i === 1) out[i] = at("U");
    else {
      out[i] = at("B");
      for (let k = i + 1; k < j - 1; k++) out[k] = at("I");
      out[j - 1] = at("L");
    }
    i = j;
  }
  return out;
}

/** Label indices → IOB2 tags. */
export function decodeLabels(labels: ArrayLike<number>): string[] {
  const out: string[] = new Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const part = PART_OF[y];
    out[i] = part === "O" ? "O" : `${part === "B" || part === "U" ? "B" : "I"}-${TYPE_OF[y]}`;
  }
  return out;
}

/**
 * Viterbi over emission scores em[i*L + y] and transition scores
 * trans[p*L + y] (row L = from the start). Writes labels into `out`.
 * Linear in the sentence length.
 */
export function viterbi(em: Float32Array, n: number, trans: Float32Array, out: Uint8Array): void {
  if (n === 0) return;
  const back = new Uint8Array(n * L);
  let prev = new Float64Array(L);
  let cur = new Float64Array(L);
  for (let y = 0; y < L; y++) prev[y] = ALLOWED[L * L + y] ? em[y] + trans[L * L + y] : FORBIDDEN;
  for (let i = 1; i < n; i++) {
    const base = i * L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = prev[p] + (ALLOWED[p * L + y] ? trans[p * L + y] : FORBIDDEN);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[y] = best + em[base + y];
      back[base + y] = arg;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (END_OK[y] && prev[y] > best) {
      best = prev[y];
      arg = y;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg];
  }
}

/**
 * Transitions with a per-label bias folded in: adding bias[y] to every
 * transition into y is the same as adding it to every emission of y, so a
 * decoding bias (say, less reluctance to open a name) costs nothing at run
 * time.
 */
export function foldBias(trans: Float32Array, bias: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(trans);
  for (let p = 0; p <= L; p++) for (let y = 0; y < L; y++) out[p * L + y] += bias[y];
  return out;
}

/** A per-label bias vector from per-type biases (applied to B- and I- labels alike). */
export function typeBias(byType: Readonly<Record<string, number>>): Float32Array {
  const b = new Float32Array(L);
  for (let y = 0; y < L; y++) if (TYPE_OF[y] !== "") b[y] = byType[TYPE_OF[y]] ?? 0;
  return b;
}

/** A training sentence: feature rows per token and gold labels. */
export interface TrainSentence {
  /** rows[offsets[i] .. offsets[i+1]) are token i's feature rows. */
  offsets: Int32Array;
  rows: Int32Array;
  gold: Uint8Array;
}

/** Averaged perceptron state. */
export class PerceptronTrainer {
  w: Float32Array;
  u: Float32Array;
  trans: Float32Array = new Float32Array((L + 1) * L);
  transU: Float32Array = new Float32Array((L + 1) * L);
  /** Update counter (incremented once per sentence). */
  c = 1;

  constructor(readonly rows: number) {
    this.w = new Float32Array(rows * L);
    this.u = new Float32Array(rows * L);
  }

  /** Emission scores of a sentence under weights `w` (n × L). */
  emissionsOf(s: TrainSentence, w: Float32Array = this.w): Float32Array {
    const em = new Float32Array(s.gold.length * L);
    this.emissions(s, w, em);
    return em;
  }

  private emissions(s: TrainSentence, w: Float32Array, em: Float32Array): void {
    const n = s.gold.length;
    em.fill(0, 0, n * L);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
        const r = s.rows[k] * L;
        for (let y = 0; y < L; y++) em[base + y] += w[r + y];
      }
    }
  }

  /** Tag a sentence with the current (or averaged, if given) weights. */
  predict(s: TrainSentence, w: Float32Array = this.w, trans: Float32Array = this.trans): Uint8Array {
    const n = s.gold.length;
    const em = new Float32Array(n * L);
    this.emissions(s, w, em);
    const out = new Uint8Array(n);
    viterbi(em, n, trans, out);
    return out;
  }

  /** One perceptron step on a sentence; returns true when it was already right. */
  step(s: TrainSentence): boolean {
    const pred = this.predict(s);
    const g = s.gold;
    const n = g.length;
    let ok = true;
    const c = this.c;
    for (let i = 0; i < n; i++) {
      const pp = i === 0 ? L : pred[i - 1];
      const gp = i === 0 ? L : g[i - 1];
      if (pred[i] === g[i] && pp === gp) continue;
      ok = false;
      if (pred[i] !== g[i]) {
        for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
          const r = s.rows[k] * L;
          this.w[r + g[i]] += 1;
          this.u[r + g[i]] += c;
          this.w[r + pred[i]] -= 1;
          this.u[r + pred[i]] -= c;
        }
      }
      this.trans[gp * L + g[i]] += 1;
      this.transU[gp * L + g[i]] += c;
      this.trans[pp * L + pred[i]] -= 1;
      this.transU[pp * L + pred[i]] -= c;
    }
    this.c++;
    return ok;
  }

  /** The averaged weights (w - u/c), as new arrays. */
  averaged(): { w: Float32Array; trans: Float32Array } {
    const w = new Float32Array(this.w.length);
    for (let i = 0; i < w.length; i++) w[i] = this.w[i] - this.u[i] / this.c;
    const trans = new Float32Array(this.trans.length);
    for (let i = 0; i < trans.length; i++) trans[i] = this.trans[i] - this.transU[i] / this.c;
    return { w, trans };
  }
}
