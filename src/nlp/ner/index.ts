/**
 * Marsad's named-entity recognizer: public API of the `ner` stage.
 *
 * A model we train ourselves (scripts/train/ner.ts): an averaged structured
 * perceptron over hashed features (features.ts), decoded with Viterbi under
 * IOB2 constraints (perceptron.ts), weights in models/ner/ (model.ts), with
 * gazetteers and news-learned word clusters as feature sources.
 *
 * The pipeline hands over one sentence at a time as surface tokens (clitics
 * still attached, as in ANERcorp) with document offsets; we return entity
 * spans whose `start` skips a one-letter proclitic glued to the first token
 * ("لبوتين" → "بوتين") when the segmenter (src/text/segment.ts) reports one;
 * the article ال stays inside the mention. Token ranges still cover whole
 * tokens. Sentences of any length are tagged in linear time.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.js";
import { MODELS_DIR } from "../../paths.js";
import { WordClusters } from "./clusters.js";
import { type FeatureResources, NerFeatures } from "./features.js";
import { Gazetteer } from "./gazetteer.js";
import { NerModel } from "./model.js";
import { decodeLabels, L, LABELS, viterbi } from "./perceptron.js";

export interface NerToken {
  text: string;
  start: number;
  end: number;
}

export type NerType = "PER" | "ORG" | "LOC" | "MISC";

export interface NerSpan {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  type: NerType;
  start: number;
  end: number;
  text: string;
}

export interface Ner {
  recognize(sentence: NerToken[]): NerSpan[];
}

/** Files of a model directory. */
export const NER_FILES = {
  weights: "weights.bin.gz",
  gazetteer: "gazetteer.tsv",
  clusters: "clusters.tsv.gz",
  meta: "model.json",
} as const;

/** Per label: does it open a name ("B"/"U"), continue one ("I"/"L"), or neither ("O")? */
const LABEL_ROLE = LABELS.map((l) => (l === "O" ? "O" : l[0] === "B" || l[0] === "U" ? "B" : "I"));
const LABEL_TYPE = LABELS.map((l) => (l === "O" ? "" : l.slice(2))) as (NerType | "")[];

/** The tagger: features + weights. */
export class PerceptronNer implements Ner {
  private em = new Float32Array(64 * L);
  private labels = new Uint8Array(64);

  constructor(
    readonly features: NerFeatures,
    readonly model: NerModel,
  ) {
    if (model.labels !== L) throw new Error(`NER model has ${model.labels} labels, expected ${L}`);
  }

  /** IOB2 label indices for a sentence of surface strings. */
  tagIndices(surfaces: readonly string[]): Uint8Array {
    const n = surfaces.length;
    if (this.em.length < n * L) {
      this.em = new Float32Array(n * L * 2);
      this.labels = new Uint8Array(n * 2);
    }
    const em = this.em;
    em.fill(0, 0, n * L);
    const s = this.features.sentence(surfaces);
    const model = this.model;
    let base = 0;
    const add = (h: number) => model.add(h, em, base);
    for (let i = 0; i < n; i++) {
      base = i * L;
      const w = s.words[i];
      let self = w.selfScore;
      if (self === null || w.selfOwner !== model) {
        self = new Float32Array(L);
        for (const h of w.self) model.add(h, self, 0);
        w.selfScore = self;
        w.selfOwner = model;
      }
      for (let y = 0; y < L; y++) em[base + y] = self[y];
      this.features.context(s, i, add);
    }
    viterbi(em, n, model.trans, this.labels);
    return this.labels.subarray(0, n);
  }

  /** IOB2 tags ("B-PER", ...) for a sentence of surface strings. */
  tag(surfaces: readonly string[]): string[] {
    return decodeLabels(this.tagIndices(surfaces));
  }

  recognize(sentence: NerToken[]): NerSpan[] {
    const n = sentence.length;
    if (n === 0) return [];
    const surfaces = sentence.map((t) => t.text);
    const y = this.tagIndices(surfaces);
    const spans: NerSpan[] = [];
    let i = 0;
    while (i < n) {
      if (LABEL_ROLE[y[i]] === "O") {
        i++;
        continue;
      }
      // Viterbi's constraints guarantee that an inner label only continues its own type.
      const type = LABEL_TYPE[y[i]] as NerType;
      let j = i + 1;
      while (j < n && LABEL_ROLE[y[j]] === "I" && LABEL_TYPE[y[j]] === type) j++;
      spans.push(this.span(sentence, i, j, type));
      i = j;
    }
    return spans;
  }

  private span(sentence: NerToken[], from: number, to: number, type: NerType): NerSpan {
    const first = sentence[from];
    const skip = this.features.word(first.text).skip;
    const start = first.start + skip;
    const end = sentence[to - 1].end;
    // Rebuild the text from the tokens at their offsets (gaps become spaces).
    let text = first.text.slice(skip);
    for (let k = from + 1; k < to; k++) {
      const gap = sentence[k].start - sentence[k - 1].end;
      text += (gap > 0 ? " ".repeat(gap) : "") + sentence[k].text;
    }
    return { tokenStart: from, tokenEnd: to, type, start, end, text };
  }
}

/**
 * Load a tagger from a model directory. The weights were trained with the
 * gazetteer and clusters that model.json lists; a missing one would silently
 * change every feature, so it is an error rather than a degraded model.
 */
export function loadNerFrom(dir: string): PerceptronNer {
  const weightsPath = join(dir, NER_FILES.weights);
  if (!existsSync(weightsPath)) throw new InputError(weightsPath, "NER model not found (run: npm run train:ner)");
  let model: NerModel;
  try {
    model = NerModel.parse(readFileSync(weightsPath), weightsPath);
  } catch (e) {
    throw new InputError(weightsPath, e instanceof Error ? e.message : String(e));
  }
  const metaPath = join(dir, NER_FILES.meta);
  let resources = { gazetteer: true, clusters: true };
  if (existsSync(metaPath)) {
    try {
      resources = { ...resources, ...(JSON.parse(readFileSync(metaPath, "utf8")) as { resources?: typeof resources }).resources };
    } catch {
      throw new InputError(metaPath, "not valid JSON");
    }
  }
  const need = (name: keyof typeof resources, file: string): string | null => {
    const p = join(dir, file);
    if (!resources[name]) return null;
    if (!existsSync(p)) throw new InputError(p, `the NER model was trained with its ${name} but the file is missing`);
    return p;
  };
  const gazPath = need("gazetteer", NER_FILES.gazetteer);
  const clPath = need("clusters", NER_FILES.clusters);
  let res: FeatureResources;
  try {
    res = {
      gazetteer: gazPath ? new Gazetteer(readFileSync(gazPath, "utf8").split("\n")) : null,
      clusters: clPath ? WordClusters.parse(readFileSync(clPath)) : null,
    };
  } catch (e) {
    throw new InputError(dir, `damaged NER resources (${e instanceof Error ? e.message : String(e)})`);
  }
  return new PerceptronNer(new NerFeatures(res), model);
}

let cached: PerceptronNer | null = null;

/** The committed model in models/ner, loaded once. */
export function loadNer(): Ner {
  if (cached === null) cached = loadNerFrom(join(MODELS_DIR, "ner"));
  return cached;
}
