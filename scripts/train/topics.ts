/**
 * Trains the topic classifier and the keyword document-frequency table,
 * writing models/topics/:
 *
 *   model.json   multinomial logistic regression over content-term vectors
 *                (src/nlp/topics/features.ts), integer weights (see model.ts)
 *   df.json      in how many news articles each content term occurs, for
 *                the keywords stage's IDF (src/nlp/keywords/df.ts)
 *   README.md    data, date, hyper-parameters and dev scores per outlet
 *
 * Data: ../shared/data/news/*.jsonl (ANT; `category` is the label). Every
 * article is read through the structure stage, so features are those of a
 * user's article. The split is splitOf(id) in src/nlp/topics/corpus.ts:
 * 90% train, 10% dev; the model never sees dev articles, and the dev figures
 * written to the README are those of the model as written (quantized,
 * scored through LinearTopicModel). `marsad eval topics` reproduces them for
 * one outlet.
 *
 * Labels are kept as each outlet gives them (no mapping): the union is
 * culture, diverse, economy, internationalNews, localNews, middleEast,
 * politic, society, sport, technology. See the README for what that means.
 *
 * Usage: node dist/scripts/train/topics.js [--data DIR] [--epochs N]
 *        [--min-df N] [--out DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseArticle } from "../../src/article/index.js";
import type { ArticleDocument } from "../../src/document.js";
import { InputError } from "../../src/errors.js";
import { scoreTopics, type TopicScores } from "../../src/eval/topics.js";
import { DF_FORMAT, type DfFile } from "../../src/nlp/keywords/df.js";
import { DEV_SHARE, readCorpus, splitOf } from "../../src/nlp/topics/corpus.js";
import { docFeatures, TITLE_WEIGHT, unitLogTf } from "../../src/nlp/topics/features.js";
import { LinearTopicModel, MODEL_FORMAT, type TopicModelFile } from "../../src/nlp/topics/model.js";
import { dataDir, MODELS_DIR, seedDir } from "../../src/paths.js";

const NEWS_FILES = ["skynews.jsonl", "alarabia.jsonl", "jawharafm.jsonl"];

/** Hyper-parameters (recorded in model.json and the README). */
const DEFAULTS = {
  /** A term enters the classifier's vocabulary when this many training articles have it. */
  minDf: 8,
  /** Passes over the training data (dev accuracy is flat after the second). */
  epochs: 2,
  /** AdaGrad base learning rate and L2 strength. */
  learningRate: 0.5,
  l2: 1e-6,
  /**
   * Biases start at the log class priors and move slowly (plain SGD at this
   * rate): left free, they learn "what a near-empty article is" from the
   * shortest sections (JawharaFM's diverse briefs), and a one-line sports
   * item comes out diverse.
   */
  biasRate: 0.01,
  /** Weights are stored as round(weight × scale). */
  scale: 20,
  /** Shuffle seed (the order of SGD updates). */
  seed: 1,
  /** A term enters df.json when this many articles (all splits) have it. */
  dfMin: 3,
};

interface Example {
  outlet: string;
  label: string;
  split: "train" | "dev";
  features: Map<string, number>;
  doc: ArticleDocument;
}

/** Park–Miller generator: the same shuffles on every machine. */
function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

function train(examples: Example[], labels: string[], vocab: Set<string>, h: typeof DEFAULTS) {
  const L = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const terms = [...vocab].sort();
  const col = new Map(terms.map((t, j) => [t, j]));
  const V = terms.length;
  const W = new Float64Array(L * V);
  const G = new Float64Array(L * V).fill(1e-8);
  const B = new Float64Array(L);
  for (const e of examples) B[index.get(e.label)!] += 1;
  for (let c = 0; c < L; c++) B[c] = Math.log(B[c] / examples.length);
  const data = examples.map((e) => ({
    y: index.get(e.label)!,
    x: unitLogTf(e.features, (t) => vocab.has(t)).map(([t, v]) => [col.get(t)!, v] as [number, number]),
  }));
  const order = data.map((_, i) => i);
  const rand = rng(h.seed);
  const s = new Float64Array(L);
  for (let ep = 0; ep < h.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const i of order) {
      const { x, y } = data[i];
      let max = -Infinity;
      for (let c = 0; c < L; c++) {
        let z = B[c];
        for (const [j, v] of x) z += W[c * V + j] * v;
        s[c] = z;
        if (z > max) max = z;
      }
      let Z = 0;
      for (let c = 0; c < L; c++) {
        s[c] = Math.exp(s[c] - max);
        Z += s[c];
      }
      loss -= Math.log(s[y] / Z);
      for (let c = 0; c < L; c++) {
        const g = s[c] / Z - (c === y ? 1 : 0);
        B[c] -= h.biasRate * g;
        for (const [j, v] of x) {
          const k = c * V + j;
          const gg = g * v + h.l2 * W[k];
          G[k] += gg * gg;
          W[k] -= (h.learningRate * gg) / Math.sqrt(G[k]);
        }
      }
    }
    console.log(`  epoch ${ep + 1}: mean training loss ${(loss / data.length).toFixed(4)}`);
  }
  // Quantize: integer weights; a term whose weights all round to 0 is dropped.
  const weights: Record<string, number[]> = {};
  for (let j = 0; j < V; j++) {
    const row = labels.map((_, c) => Math.round(W[c * V + j] * h.scale));
    if (row.some((x) => x !== 0)) weights[terms[j]] = row;
  }
  const file: TopicModelFile = {
    format: MODEL_FORMAT,
    labels,
    scale: h.scale,
    bias: [...B].map((b) => Math.round(b * h.scale)),
    weights,
  };
  return file;
}

function fmt(s: TopicScores): string {
  return `${s.accuracy.toFixed(2)} | ${s.macroF1.toFixed(2)} | ${s.n}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      epochs: { type: "string" },
      "min-df": { type: "string" },
      out: { type: "string" },
    },
  });
  const h = { ...DEFAULTS };
  if (values.epochs) h.epochs = Number(values.epochs);
  if (values["min-df"]) h.minDf = Number(values["min-df"]);
  if (!Number.isInteger(h.epochs) || h.epochs < 1) throw new InputError("--epochs", "must be a positive integer");
  if (!Number.isInteger(h.minDf) || h.minDf < 1) throw new InputError("--min-df", "must be a positive integer");
  const data = values.data ?? dataDir();
  const out = values.out ?? join(MODELS_DIR, "topics");

  // 1. Read and featurize every article.
  const examples: Example[] = [];
  const sources: Array<{ file: string; articles: number; skipped: number }> = [];
  for (const f of NEWS_FILES) {
    const t0 = Date.now();
    const { articles, skipped } = readCorpus(join(data, "news", f));
    for (const a of articles) {
      if (a.label === "") continue;
      examples.push({ outlet: a.outlet, label: a.label, split: splitOf(a.id), features: docFeatures(a.doc), doc: a.doc });
    }
    sources.push({ file: `news/${f}`, articles: articles.length, skipped });
    console.log(`${f}: ${articles.length} articles (${skipped} skipped) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const trainSet = examples.filter((e) => e.split === "train");
  const devSet = examples.filter((e) => e.split === "dev");
  const labels = [...new Set(examples.map((e) => e.label))].sort();

  // 2. Document frequencies: over all articles for keywords, over train for the classifier vocabulary.
  const dfAll = new Map<string, number>();
  const dfTrain = new Map<string, number>();
  for (const e of examples) {
    for (const t of e.features.keys()) {
      dfAll.set(t, (dfAll.get(t) ?? 0) + 1);
      if (e.split === "train") dfTrain.set(t, (dfTrain.get(t) ?? 0) + 1);
    }
  }
  const vocab = new Set([...dfTrain].filter(([, n]) => n >= h.minDf).map(([t]) => t));
  console.log(`train ${trainSet.length}, dev ${devSet.length}, labels ${labels.join(", ")}; vocabulary ${vocab.size}`);

  // 3. Train, quantize, and score the model as written.
  const file = train(trainSet, labels, vocab, h);
  const model = LinearTopicModel.fromFile(file);
  const scores: Record<string, TopicScores> = {};
  for (const outlet of ["all", ...new Set(devSet.map((e) => e.outlet))]) {
    const set = devSet.filter((e) => outlet === "all" || e.outlet === outlet);
    scores[outlet] = scoreTopics(set.map((e) => ({ gold: e.label, predicted: model.classify(e.doc)[0].label })));
  }
  let seedTop: string | null = null;
  try {
    const text = readFileSync(join(seedDir(), "000_1d7f084c0602acb7.txt"), "utf8");
    const doc = parseArticle({ format: "txt", content: text });
    seedTop = model
      .classify(doc)
      .map((t) => `${t.label} ${t.score}`)
      .join(", ");
  } catch {
    // The reference article is a check, not a requirement.
  }

  const date = new Date().toISOString().slice(0, 10);
  file.meta = {
    trained: date,
    script: "scripts/train/topics.ts",
    sources,
    split: `sha1(record id) < ${DEV_SHARE} → dev, else train`,
    features: `content terms (src/nlp/keywords/terms.ts), title ×${TITLE_WEIGHT}, (1+ln tf), unit length`,
    hyperParameters: h,
    train: trainSet.length,
    dev: devSet.length,
    vocabulary: Object.keys(file.weights).length,
    dev_scores: Object.fromEntries(Object.entries(scores).map(([o, s]) => [o, { accuracy: s.accuracy, macroF1: s.macroF1, n: s.n }])),
  };
  const df: DfFile = {
    format: DF_FORMAT,
    built: date,
    docs: examples.length,
    minDf: h.dfMin,
    df: Object.fromEntries([...dfAll].filter(([, n]) => n >= h.dfMin).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
  };

  mkdirSync(out, { recursive: true });
  const modelJson = JSON.stringify(file);
  const dfJson = JSON.stringify(df);
  writeFileSync(join(out, "model.json"), modelJson);
  writeFileSync(join(out, "df.json"), dfJson);

  const rows = Object.entries(scores).map(([o, s]) => `| ${o} | ${fmt(s)} |`);
  const perLabel = Object.entries(scores.all.perLabel).map(
    ([l, s]) => `| ${l} | ${s.gold} | ${s.precision.toFixed(1)} | ${s.recall.toFixed(1)} | ${s.f1.toFixed(1)} |`,
  );
  writeFileSync(
    join(out, "README.md"),
    `# models/topics

Built ${date} by \`node dist/scripts/train/topics.js\` (scripts/train/topics.ts).

## model.json — section classifier (\`${MODEL_FORMAT}\`)

Multinomial logistic regression (AdaGrad SGD, ${h.epochs} epochs, L2 ${h.l2}; biases
start at the log class priors and move at rate ${h.biasRate}) over
content terms of the search analyzer (stopwords, numbers and single letters
left out; src/nlp/keywords/terms.ts), title terms counted ×${TITLE_WEIGHT}, vectors
(1 + ln tf) scaled to unit length. Vocabulary: terms in ≥ ${h.minDf} training
articles, ${Object.keys(file.weights).length} kept after quantization (weights stored as
round(w × ${h.scale})). ${(Buffer.byteLength(modelJson) / 1024).toFixed(0)} KB.

Data: ANT corpus, ${sources.map((s) => `${s.file} (${s.articles})`).join(", ")}.
Split: sha1(record id) < ${DEV_SHARE} → dev (${devSet.length} articles), else train
(${trainSet.length}). The dev articles were never trained on.

Labels are kept as the outlets give them — ${labels.join(", ")}.
SkyNews alone has middleEast (Arab-world news; Al Arabiya files that under
internationalNews); JawharaFM alone has localNews, politic, society and
diverse (Tunisian domestic sections). So an Arab-world story may come out
middleEast or internationalNews, and a Tunisian domestic one localNews.
Mapping the Tunisian sections onto the pan-Arab ones would invent a
correspondence the outlets never made, so the labels stay distinct.

Dev scores of the model as written (top label vs the outlet's section;
macro-F1 over the labels the outlet uses):

| outlet | accuracy % | macro-F1 % | dev articles |
|---|---|---|---|
${rows.join("\n")}

Per label, all outlets:

| label | dev articles | precision % | recall % | F1 % |
|---|---|---|---|---|
${perLabel.join("\n")}

Reference article (/work/shared/seed, a Russia–China news item): ${seedTop ?? "not found"}.

Reproduce one outlet's figures: \`marsad eval topics --gold ../shared/data/news/skynews.jsonl\`.

## df.json — document frequencies (\`${DF_FORMAT}\`)

In how many of the ${examples.length} articles (all three files, all splits) each
content term occurs, for terms in ≥ ${h.dfMin} articles (${Object.keys(df.df).length} terms,
${(Buffer.byteLength(dfJson) / 1024).toFixed(0)} KB). Used by the keywords stage for IDF.
`,
  );
  console.log(`dev (outlet: accuracy | macro-F1 | n):`);
  for (const [o, s] of Object.entries(scores)) console.log(`  ${o}: ${fmt(s)}`);
  console.log(`reference article: ${seedTop ?? "not found"}`);
  console.log(
    `wrote ${out}/model.json (${(Buffer.byteLength(modelJson) / 1024).toFixed(0)} KB), df.json (${(Buffer.byteLength(dfJson) / 1024).toFixed(0)} KB), README.md`,
  );
}

main().catch((e) => {
  console.error(e instanceof InputError ? e.message : e);
  process.exit(1);
});
