/**
 * Linear-chain CRF training for the NER tagger (an alternative learner to
 * the averaged perceptron in perceptron.ts, same features, same weights
 * layout, same Viterbi decoding — so the runtime does not care which one
 * produced the model).
 *
 * Objective: conditional log-likelihood with an L2 penalty, optimized by
 * stochastic gradient descent with Bottou's tricks: the weight vector is
 * stored as scale × v so that the L2 shrink of every weight is one multiply,
 * and the learning rate decays as η0 / (1 + λ η0 t). Gradients come from
 * forward-backward in log space under the same transition constraints as
 * decoding (forbidden transitions have probability 0).
 */
import { ALLOWED, END_OK, L, type TrainSentence, viterbi } from "./perceptron.js";

const NEG = -1e30;

function logSumExp(a: Float64Array, n: number): number {
  let m = NEG;
  for (let i = 0; i < n; i++) if (a[i] > m) m = a[i];
  if (m <= NEG) return NEG;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(a[i] - m);
  return m + Math.log(s);
}

export interface CrfOptions {
  /** Initial learning rate. */
  eta0: number;
  /** L2 strength per sentence step (λ; the total penalty is λ/2 · |w|² · N). */
  lambda: number;
}

export class CrfTrainer {
  /** w = scale * v */
  private readonly v: Float32Array;
  private scale = 1;
  private readonly transV: Float64Array = new Float64Array((L + 1) * L);
  private t = 0;

  constructor(
    readonly rows: number,
    readonly opts: CrfOptions,
  ) {
    this.v = new Float32Array(rows * L);
  }

  private emissions(s: TrainSentence): Float64Array {
    const n = s.gold.length;
    const em = new Float64Array(n * L);
    const v = this.v;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
        const r = s.rows[k] * L;
        for (let y = 0; y < L; y++) em[base + y] += v[r + y];
      }
      for (let y = 0; y < L; y++) em[base + y] *= this.scale;
    }
    return em;
  }

  private transScore(p: number, y: number): number {
    return ALLOWED[p * L + y] ? this.transV[p * L + y] : NEG;
  }

  /** One SGD step on a sentence; returns its negative log-likelihood. */
  step(s: TrainSentence): number {
    const n = s.gold.length;
    if (n === 0) return 0;
    const eta = this.opts.eta0 / (1 + this.opts.lambda * this.opts.eta0 * this.t);
    this.t++;
    const em = this.emissions(s);
    // Forward.
    const alpha = new Float64Array(n * L);
    const tmp = new Float64Array(L);
    for (let y = 0; y < L; y++) alpha[y] = em[y] + this.transScore(L, y);
    for (let i = 1; i < n; i++) {
      for (let y = 0; y < L; y++) {
        for (let p = 0; p < L; p++) tmp[p] = alpha[(i - 1) * L + p] + this.transScore(p, y);
        alpha[i * L + y] = logSumExp(tmp, L) + em[i * L + y];
      }
    }
    for (let y = 0; y < L; y++) tmp[y] = END_OK[y] ? alpha[(n - 1) * L + y] : NEG;
    const logZ = logSumExp(tmp, L);
    // Backward.
    const beta = new Float64Array(n * L);
    for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = END_OK[y] ? 0 : NEG;
    for (let i = n - 2; i >= 0; i--) {
      for (let p = 0; p < L; p++) {
        for (let y = 0; y < L; y++) tmp[y] = this.transScore(p, y) + em[(i + 1) * L + y] + beta[(i + 1) * L + y];
        beta[i * L + p] = logSumExp(tmp, L);
      }
    }
    // Gold score (for the loss).
    const g = s.gold;
    let gold = em[g[0]] + this.transScore(L, g[0]);
    for (let i = 1; i < n; i++) gold += em[i * L + g[i]] + this.transScore(g[i - 1], g[i]);

    // L2 shrink of all weights (lazily, through the scale).
    this.scale *= 1 - eta * this.opts.lambda;
    if (this.scale < 1e-6) this.rescale();
    const step = eta / this.scale;
    // Emission gradients: (gold indicator − marginal) for every feature of token i.
    const grad = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      for (let y = 0; y < L; y++) grad[y] = -Math.exp(alpha[i * L + y] + beta[i * L + y] - logZ);
      grad[g[i]] += 1;
      for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
        const r = s.rows[k] * L;
        for (let y = 0; y < L; y++) this.v[r + y] += step * grad[y];
      }
    }
    // Transition gradients (not regularized).
    for (let y = 0; y < L; y++) {
      if (ALLOWED[L * L + y]) this.transV[L * L + y] -= eta * Math.exp(alpha[y] + beta[y] - logZ);
    }
    this.transV[L * L + g[0]] += eta;
    for (let i = 1; i < n; i++) {
      for (let p = 0; p < L; p++) {
        const ap = alpha[(i - 1) * L + p];
        if (ap <= NEG) continue;
        for (let y = 0; y < L; y++) {
          if (!ALLOWED[p * L + y]) continue;
          const m = Math.exp(ap + this.transV[p * L + y] + em[i * L + y] + beta[i * L + y] - logZ);
          this.transV[p * L + y] -= eta * m;
        }
      }
      this.transV[g[i - 1] * L + g[i]] += eta;
    }
    return logZ - gold;
  }

  private rescale(): void {
    for (let i = 0; i < this.v.length; i++) this.v[i] *= this.scale;
    this.scale = 1;
  }

  /** Current weights as plain arrays (the same layout as the perceptron's). */
  weights(): { w: Float32Array; trans: Float32Array } {
    const w = new Float32Array(this.v.length);
    for (let i = 0; i < w.length; i++) w[i] = this.v[i] * this.scale;
    return { w, trans: Float32Array.from(this.transV) };
  }

  /** Decode with given weights. */
  predict(s: TrainSentence, w: Float32Array, trans: Float32Array): Uint8Array {
    const n = s.gold.length;
    const em = new Float32Array(n * L);
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let k = s.offsets[i]; k < s.offsets[i + 1]; k++) {
        const r = s.rows[k] * L;
        for (let y = 0; y < L; y++) em[base + y] += w[r + y];
      }
    }
    const out = new Uint8Array(n);
    viterbi(em, n, trans, out);
    return out;
  }
}
