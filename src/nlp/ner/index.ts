/**
 * Marsad's named-entity recognizer: public API of the `ner` stage.
 *
 * A model we train ourselves (scripts/train/ner.ts): an averaged structured
 * perceptron over hashed features (features.ts), decoded with Viterbi under
 * IOB2 constraints (perceptron.ts), weights in models/ner/ (model.ts), with
 * gazetteers, news-learned word clusters and context profiles as feature
 * sources. Two passes when the model has them: the first reads each
 * sentence alone; the second (stack.bin.gz) also reads what the first said
 * about the same words in the neighbouring sentences (document.ts).
 *
 * Callers hand over sentences as surface tokens (clitics still attached, as
 * in ANERcorp) with document offsets: recognizeDocument() takes a whole
 * article (both passes), recognize() one sentence (first pass). We return entity
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
import { DOC_DEFAULTS, type DocOptions, documentFeatures } from "./document.js";
import { type FeatureResources, NerFeatures, type SentenceInfo } from "./features.js";
import { Gazetteer } from "./gazetteer.js";
import { NerModel } from "./model.js";
import { decodeLabels, L, LABELS, viterbi } from "./perceptron.js";
import { WordProfiles } from "./profiles.js";

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
  /** Entities of one sentence, read on its own (first pass only). */
  recognize(sentence: NerToken[]): NerSpan[];
  /** Entities of each sentence of one document (better: mentions help each other). */
  recognizeDocument(sentences: readonly NerToken[][]): NerSpan[][];
}

/** Files of a model directory. */
export const NER_FILES = {
  weights: "weights.bin.gz",
  /** Second-pass weights (optional: without it the tagger reads sentence by sentence). */
  stack: "stack.bin.gz",
  gazetteer: "gazetteer.tsv",
  clusters: "clusters.tsv.gz",
  profiles: "profiles.tsv.gz",
  meta: "model.json",
} as const;

/** Per label: does it open a name ("B"/"U"), continue one ("I"/"L"), or neither ("O")? */
const LABEL_ROLE = LABELS.map((l) => (l === "O" ? "O" : l[0] === "B" || l[0] === "U" ? "B" : "I"));
const LABEL_TYPE = LABELS.map((l) => (l === "O" ? "" : l.slice(2))) as (NerType | "")[];

/** The tagger: features + weights (and, when present, the second-pass weights). */
export class PerceptronNer implements Ner {
  /** Both passes' weights in one table (rows of 2L: first pass, then second), when there is a second pass. */
  private readonly joint: NerModel | null;

  constructor(
    readonly features: NerFeatures,
    readonly model: NerModel,
    /** Second-pass (document-level) weights; null = one pass, sentence by sentence. */
    readonly stack: NerModel | null = null,
    readonly docOptions: DocOptions = DOC_DEFAULTS,
  ) {
    if (model.labels !== L) throw new Error(`NER model has ${model.labels} labels, expected ${L}`);
    if (stack && stack.labels !== L) throw new Error(`NER second-pass model has ${stack.labels} labels, expected ${L}`);
    this.joint = stack ? NerModel.joint(model, stack) : null;
  }

  /**
   * Word + context scores of one analyzed sentence under `model`, whose rows
   * hold `width` weights (L, or 2L for the joint model): n × width.
   */
  private scores(s: SentenceInfo, model: NerModel, slot: 0 | 1): Float32Array {
    const n = s.words.length;
    const width = model.labels;
    const em = new Float32Array(n * width);
    let base = 0;
    const add = (h: number) => model.add(h, em, base);
    for (let i = 0; i < n; i++) {
      base = i * width;
      const w = s.words[i];
      let self = w.selfScore[slot];
      if (self === null || w.selfOwner[slot] !== model) {
        self = new Float32Array(width);
        for (const h of w.self) model.add(h, self, 0);
        w.selfScore[slot] = self;
        w.selfOwner[slot] = model;
      }
      em.set(self, base);
      this.features.context(s, i, add);
    }
    return em;
  }

  /** Columns [from, from+L) of an n × width score matrix. */
  private static columns(em: Float32Array, n: number, width: number, from: number): Float32Array {
    if (width === L && from === 0) return em;
    const out = new Float32Array(n * L);
    for (let i = 0; i < n; i++) out.set(em.subarray(i * width + from, i * width + from + L), i * L);
    return out;
  }

  /**
   * IOB2 label indices for a document given as sentences of surface strings:
   * a first pass sentence by sentence, then (with a second-pass model) a
   * pass that also sees what the first said about the same words and
   * phrases in the neighbouring sentences (document.ts). Both passes share
   * their feature lookups (the joint model), so the second costs little more
   * than its document features.
   */
  tagDocumentIndices(doc: readonly (readonly string[])[]): Uint8Array[] {
    const infos = doc.map((surfaces) => this.features.sentence(surfaces));
    const joint = this.joint;
    const stack = this.stack;
    if (joint === null || stack === null) return infos.map((s) => this.decodeFirst(s));
    const both = infos.map((s) => this.scores(s, joint, 1));
    const first = infos.map((s, k) => {
      const n = s.words.length;
      const out = new Uint8Array(n);
      viterbi(PerceptronNer.columns(both[k], n, 2 * L, 0), n, this.model.trans, out);
      return out;
    });
    const docf = documentFeatures(
      infos.map((s, k) => ({ words: s.words, labels: first[k] })),
      this.docOptions,
    );
    return infos.map((s, k) => {
      const n = s.words.length;
      const em = PerceptronNer.columns(both[k], n, 2 * L, L);
      const { offsets, hashes } = docf[k];
      for (let i = 0; i < n; i++) for (let j = offsets[i]; j < offsets[i + 1]; j++) stack.add(hashes[j], em, i * L);
      const out = new Uint8Array(n);
      viterbi(em, n, stack.trans, out);
      return out;
    });
  }

  /** First-pass labels of one analyzed sentence. */
  private decodeFirst(s: SentenceInfo): Uint8Array {
    const n = s.words.length;
    const out = new Uint8Array(n);
    viterbi(this.scores(s, this.model, 0), n, this.model.trans, out);
    return out;
  }

  /**
   * IOB2 label indices for one sentence read on its own: the first pass only
   * (the second pass was trained on documents; with no neighbours to read
   * it does worse than the first — measured in models/ner/README.md).
   */
  tagIndices(surfaces: readonly string[]): Uint8Array {
    return this.decodeFirst(this.features.sentence(surfaces));
  }

  /** IOB2 tags ("B-PER", ...) for a sentence of surface strings. */
  tag(surfaces: readonly string[]): string[] {
    return decodeLabels(this.tagIndices(surfaces));
  }

  /** IOB2 tags for each sentence of a document. */
  tagDocument(doc: readonly (readonly string[])[]): string[][] {
    return this.tagDocumentIndices(doc).map((y) => decodeLabels(y));
  }

  recognize(sentence: NerToken[]): NerSpan[] {
    return this.spans(sentence, this.tagIndices(sentence.map((t) => t.text)));
  }

  /**
   * Entities of every sentence of one document (an article, in order): the
   * second pass reads the other sentences, so this finds more than calling
   * recognize() sentence by sentence.
   */
  recognizeDocument(sentences: readonly NerToken[][]): NerSpan[][] {
    const labels = this.tagDocumentIndices(sentences.map((s) => s.map((t) => t.text)));
    return sentences.map((s, k) => this.spans(s, labels[k]));
  }

  private spans(sentence: NerToken[], y: Uint8Array): NerSpan[] {
    const n = sentence.length;
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
  let resources = { gazetteer: true, clusters: true, stack: false, profiles: false };
  let docOptions: DocOptions = DOC_DEFAULTS;
  let charNgrams: number[] = [];
  if (existsSync(metaPath)) {
    let meta: { resources?: Partial<typeof resources>; document?: Partial<DocOptions>; features?: { charNgrams?: unknown } };
    try {
      meta = JSON.parse(readFileSync(metaPath, "utf8"));
    } catch {
      throw new InputError(metaPath, "not valid JSON");
    }
    resources = { ...resources, ...meta.resources };
    docOptions = { ...DOC_DEFAULTS, ...meta.document };
    const ng = meta.features?.charNgrams ?? [];
    if (!Array.isArray(ng) || !ng.every((n) => Number.isInteger(n) && n >= 1 && n <= 8)) {
      throw new InputError(metaPath, "features.charNgrams must be a list of n-gram lengths (1..8)");
    }
    charNgrams = ng;
    if (!Number.isInteger(docOptions.window) || docOptions.window < 0 || typeof docOptions.own !== "boolean") {
      throw new InputError(metaPath, "document options must be { window: integer ≥ 0, own: boolean }");
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
  const stackPath = need("stack", NER_FILES.stack);
  const prPath = need("profiles", NER_FILES.profiles);
  let stack: NerModel | null = null;
  if (stackPath) {
    try {
      stack = NerModel.parse(readFileSync(stackPath), stackPath);
    } catch (e) {
      throw new InputError(stackPath, e instanceof Error ? e.message : String(e));
    }
  }
  let res: FeatureResources;
  try {
    res = {
      gazetteer: gazPath ? new Gazetteer(readFileSync(gazPath, "utf8").split("\n")) : null,
      clusters: clPath ? WordClusters.parse(readFileSync(clPath)) : null,
      profiles: prPath ? WordProfiles.parse(readFileSync(prPath)) : null,
      charNgrams,
    };
  } catch (e) {
    throw new InputError(dir, `damaged NER resources (${e instanceof Error ? e.message : String(e)})`);
  }
  return new PerceptronNer(new NerFeatures(res), model, stack, docOptions);
}

let cached: PerceptronNer | null = null;

/** The committed model in models/ner, loaded once. */
export function loadNer(): Ner {
  if (cached === null) cached = loadNerFrom(join(MODELS_DIR, "ner"));
  return cached;
}
