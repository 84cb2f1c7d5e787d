/**
 * The topic model: a linear (multinomial logistic regression) classifier
 * over content-term vectors and region shares (features.ts), stored as models/topics/model.json
 * by scripts/train/topics.ts. This file owns the model's file format and its
 * scoring; training lives in the script, the stage API in index.ts.
 *
 * File format (`marsad.topics/1`): labels, one bias per label, and for each
 * kept term one integer weight per label; real weight = integer / scale.
 * Integers keep the file small (and diffs readable) at no measurable cost.
 * `meta.trainOutlets` names the outlets the model was trained on (outlet
 * keys, corpus.ts), so that an evaluation knows which records it may only
 * score on their dev split.
 *
 * The biases carry no class prior (the trainer subtracts the training
 * priors): an unseen outlet's section mix is unknown, so labels are scored
 * under a uniform prior and the words decide.
 */
import type { ArticleDocument, Topic } from "../../document.js";
import { docFeatures, featureVector } from "./features.js";

export const MODEL_FORMAT = "marsad.topics/1";
/** How many labels classify() returns. */
export const TOP_LABELS = 3;

export interface TopicModelFile {
  format: typeof MODEL_FORMAT;
  labels: string[];
  scale: number;
  bias: number[];
  weights: Record<string, number[]>;
  meta?: Record<string, unknown>;
}

export interface TopicModel {
  /** Section labels, best first, at most TOP_LABELS, scores summing to 1. */
  classify(doc: ArticleDocument): Topic[];
}

export class LinearTopicModel implements TopicModel {
  readonly labels: readonly string[];
  /** The file's `meta` (training data, scores); {} when absent. */
  readonly meta: Readonly<Record<string, unknown>>;
  private readonly bias: Float64Array;
  private readonly weights: Map<string, Float64Array>;

  constructor(labels: string[], bias: ArrayLike<number>, weights: Map<string, Float64Array>, meta: Record<string, unknown> = {}) {
    this.labels = labels;
    this.bias = Float64Array.from(bias);
    this.weights = weights;
    this.meta = meta;
  }

  /** Outlet keys the model was trained on (meta.trainOutlets; [] when the file does not say). */
  get trainOutlets(): string[] {
    const t = this.meta.trainOutlets;
    return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : [];
  }

  /** Build from the JSON file's contents; throws Error naming what is wrong. */
  static fromFile(f: TopicModelFile): LinearTopicModel {
    if (f?.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} model`);
    const L = f.labels?.length ?? 0;
    if (L < 2 || f.bias?.length !== L || !(f.scale > 0) || typeof f.weights !== "object") throw new Error("malformed topic model");
    const w = new Map<string, Float64Array>();
    for (const [term, ints] of Object.entries(f.weights)) {
      if (!Array.isArray(ints) || ints.length !== L) throw new Error(`malformed weights for "${term}"`);
      w.set(
        term,
        Float64Array.from(ints, (x) => x / f.scale),
      );
    }
    return new LinearTopicModel(
      f.labels,
      Array.from(f.bias, (b) => b / f.scale),
      w,
      f.meta && typeof f.meta === "object" ? f.meta : {},
    );
  }

  has(term: string): boolean {
    return this.weights.has(term);
  }

  /** Probability of each label (softmax of the linear scores) for a feature vector. */
  probabilities(vector: Array<[string, number]>): Float64Array {
    const s = Float64Array.from(this.bias);
    for (const [t, v] of vector) {
      const w = this.weights.get(t);
      if (w) for (let y = 0; y < s.length; y++) s[y] += w[y] * v;
    }
    let max = -Infinity;
    for (const x of s) max = Math.max(max, x);
    let z = 0;
    for (let y = 0; y < s.length; y++) {
      s[y] = Math.exp(s[y] - max);
      z += s[y];
    }
    for (let y = 0; y < s.length; y++) s[y] /= z;
    return s;
  }

  probabilitiesOf(doc: ArticleDocument): Float64Array {
    return this.probabilities(featureVector(docFeatures(doc), (t) => this.weights.has(t)));
  }

  /**
   * The best label among `allowed` (labels of this model; others are
   * ignored), or null when none is. For scoring an outlet that uses fewer
   * sections than the model knows: argmax over that outlet's labels.
   */
  bestAmong(p: Float64Array, allowed: ReadonlySet<string>): string | null {
    let best = -1;
    for (let y = 0; y < p.length; y++) if (allowed.has(this.labels[y]) && (best < 0 || p[y] > p[best])) best = y;
    return best < 0 ? null : this.labels[best];
  }

  classify(doc: ArticleDocument): Topic[] {
    const p = this.probabilitiesOf(doc);
    const order = [...p.keys()].sort((a, b) => p[b] - p[a] || a - b).slice(0, TOP_LABELS);
    const total = order.reduce((s, y) => s + p[y], 0);
    return order.map((y) => ({ label: this.labels[y], score: round4(p[y] / total) }));
  }
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
