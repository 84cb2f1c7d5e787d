/**
 * Trains Marsad's NER tagger and writes models/ner/:
 *   gazetteer.tsv     cleaned ANERGazet + UniversalPetrarch actor names
 *   clusters.tsv.gz   news word clusters (learned by ./clusters.ts when absent)
 *   weights.bin.gz    averaged-perceptron weights, pruned and quantized
 *   model.json        data, hyper-parameters, date and dev scores
 *
 * Data: ANERcorp train (CAMeL split) — plus AQMAR and/or Wojood when asked
 * with --extra (measured; see models/ner/README.md). ANERcorp dev is used
 * only to pick the epoch, never trained on. The figure printed last is the
 * dev score of the model as written, read back through the runtime tagger.
 *
 * Usage: node dist/scripts/train/ner.js [--epochs N] [--extra aqmar,wojood]
 *        [--no-gazetteer] [--no-clusters] [--clusters] (re-learn clusters)
 *        [--min-count N] [--prune X] [--bits 8|16] [--out DIR] [--seed N]
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { WordClusters } from "../../src/nlp/ner/clusters.js";
import { type ConllSentence, readConll } from "../../src/nlp/ner/conll.js";
import { NerFeatures, mix } from "../../src/nlp/ner/features.js";
import { Gazetteer, cleanNameList, mergeEntries, parseActorDictionary, parseTransliterations } from "../../src/nlp/ner/gazetteer.js";
import { NER_FILES, PerceptronNer } from "../../src/nlp/ner/index.js";
import { NerModel } from "../../src/nlp/ner/model.js";
import { CrfTrainer } from "../../src/nlp/ner/crf.js";
import { NEWS_TYPES, NewsTagCounter, type NewsTags } from "../../src/nlp/ner/newstags.js";
import { L, PerceptronTrainer, SCHEME, type TrainSentence, decodeLabels, encodeTags } from "../../src/nlp/ner/perceptron.js";
import { EntityScorer, type Score } from "../../src/nlp/ner/seqeval.js";
import { MODELS_DIR, dataDir, dataFile } from "../../src/paths.js";
import { normalizeKey } from "../../src/text/normalize.js";
import { splitSentences } from "../../src/text/sentences.js";
import { tokenize } from "../../src/text/tokenize.js";
import { trainClusters } from "./clusters.js";

/** Defaults (recorded in model.json). */
const DEFAULTS = {
  learner: "perceptron" as "perceptron" | "crf",
  /** CRF: initial SGD learning rate and per-step L2 strength. */
  eta0: 0.1,
  lambda: 3e-4,
  epochs: 25,
  /** Stop when dev F1 has not improved for this many epochs. */
  patience: 6,
  /** Features seen fewer times than this in training are dropped. */
  minCount: 1,
  /** Rows whose largest |averaged weight| is below this are pruned. */
  prune: 0.02,
  bits: 16 as 8 | 16,
  seed: 7,
  /** News articles tagged by the stage-1 tagger for the news tag lexicon. */
  newsArticles: 1_000_000,
  /** Words seen fewer times in the tagged news are left out of the lexicon. */
  newsMinCount: 3,
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(name);

const t0 = Date.now();
const log = (msg: string) => process.stdout.write(`[ner ${((Date.now() - t0) / 1000).toFixed(0)}s] ${msg}\n`);

function need(...parts: string[]): string {
  const p = dataFile(...parts);
  if (!p) throw new Error(`${parts.join("/")} not found under ${dataDir()} (set MARSAD_DATA)`);
  return p;
}

function shuffle<T>(a: T[], seed: number): void {
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

function buildGazetteer(): string[] {
  const stopwords = new Set(
    readFileSync(need("lexicons", "stopwords-ar.txt"), "utf8")
      .split(/\r?\n/)
      .map((w) => normalizeKey(w.trim()))
      .filter(Boolean),
  );
  const entries = [
    ...cleanNameList(readFileSync(need("lexicons", "anergazet-persons.txt"), "utf8"), "PER", stopwords),
    ...cleanNameList(readFileSync(need("lexicons", "anergazet-locations.txt"), "utf8"), "LOC", stopwords),
    ...cleanNameList(readFileSync(need("lexicons", "anergazet-organizations.txt"), "utf8"), "ORG", stopwords),
    ...parseActorDictionary(readFileSync(need("events", "universalpetrarch-ar", "actor_dict_ar_v4.txt"), "utf8"), stopwords),
    ...(flag("--anetac") ? parseTransliterations(readFileSync(need("lexicons", "anetac", "en-ar-named-entities.txt"), "utf8"), stopwords) : []),
  ];
  return mergeEntries(entries);
}

function readExtra(name: string): ConllSentence[] {
  if (name === "aqmar") {
    const dir = need("ner", "aqmar");
    return readdirSync(dir)
      .filter((f) => f.endsWith(".conll"))
      .sort()
      .flatMap((f) => readConll(join(dir, f), "aqmar"));
  }
  if (name === "wojood") return readConll(need("ner", "wojood", "train.txt"), "wojood");
  throw new Error(`unknown --extra corpus "${name}" (aqmar, wojood)`);
}

function fmt(s: Score): string {
  const types = Object.entries(s.byType)
    .map(([t, p]) => `${t} ${(100 * p.f1).toFixed(1)}`)
    .join(", ");
  return `P ${(100 * s.micro.precision).toFixed(2)} R ${(100 * s.micro.recall).toFixed(2)} F1 ${(100 * s.micro.f1).toFixed(2)} (${types})`;
}

/**
 * --cv K: K contiguous folds of the training data (articles stay together),
 * each trained for a fixed number of epochs on the rest; prints mean F1 per
 * epoch. A steadier yardstick than the 400-sentence dev for feature choices.
 */
function crossValidate(k: number, set: TrainSentence[], sents: ConllSentence[], nAner: number, o: Options): void {
  const epochs = o.epochs;
  const perEpoch = new Float64Array(epochs);
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * nAner) / k);
    const hi = Math.floor(((f + 1) * nAner) / k);
    const trainIdx = [...set.keys()].filter((i) => i < lo || i >= hi);
    let rows = 0;
    for (const s of set) for (const r of s.rows) if (r >= rows) rows = r + 1;
    const trainer = makeTrainer(rows, o);
    for (let ep = 0; ep < epochs; ep++) {
      shuffle(trainIdx, 1000 * f + ep);
      for (const i of trainIdx) trainer.step(set[i]);
      const avg = trainer.weights();
      const scorer = new EntityScorer();
      for (let i = lo; i < hi; i++) scorer.add(sents[i].tags, decodeLabels(trainer.predict(set[i], avg.w, avg.trans)));
      perEpoch[ep] += scorer.score().micro.f1 / k;
    }
    log(`fold ${f + 1}/${k} done`);
  }
  log(`cv mean F1 by epoch: ${Array.from(perEpoch, (x) => (100 * x).toFixed(2)).join(" ")}`);
}

interface Options {
  learner: "perceptron" | "crf";
  eta0: number;
  lambda: number;
  epochs: number;
  patience: number;
  minCount: number;
  seed: number;
}

interface Fitted {
  keys: Uint32Array;
  w: Float32Array;
  trans: Float32Array;
  epoch: number;
  score: Score;
}

interface Trainer {
  step(s: TrainSentence): boolean | number;
  weights(): { w: Float32Array; trans: Float32Array };
  predict(s: TrainSentence, w: Float32Array, trans: Float32Array): Uint8Array;
}

function makeTrainer(rows: number, o: Options): Trainer {
  if (o.learner === "crf") return new CrfTrainer(rows, { eta0: o.eta0, lambda: o.lambda });
  if (o.learner === "perceptron") return new PerceptronTrainer(rows);
  throw new Error(`unknown --learner "${o.learner}" (perceptron, crf)`);
}

/**
 * Domain augmentation (Daumé 2007, one-sided): a sentence from another
 * corpus fires every feature twice, as itself and as a copy private to its
 * corpus, so the corpus's own habits (AQMAR's MISC, Wojood's nesting) can go
 * to the private copies instead of bending the shared weights ANERcorp uses.
 */
function augment(e: { offsets: Int32Array; hashes: Uint32Array }, domain: number) {
  const n = e.offsets.length - 1;
  const offsets = new Int32Array(n + 1);
  const hashes = new Uint32Array(e.hashes.length * 2);
  let o = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = o;
    for (let k = e.offsets[i]; k < e.offsets[i + 1]; k++) {
      hashes[o++] = e.hashes[k];
      hashes[o++] = mix(e.hashes[k], 0xd0d0 + domain);
    }
  }
  offsets[n] = o;
  return { offsets, hashes };
}

/** Extract features for a corpus and give each training feature a row. */
function prepare(features: NerFeatures, train: ConllSentence[], dev: ConllSentence[], minCount: number, domains?: Uint8Array) {
  const counts = new Map<number, number>();
  const extracted = train.map((s, i) => {
    const e = features.extract(s.tokens);
    const d = domains ? domains[i] : 0;
    return d === 0 ? e : augment(e, d);
  });
  for (const e of extracted) for (const h of e.hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  const rowOf = new Map<number, number>();
  const keys: number[] = [];
  for (const [h, c] of counts) {
    if (c >= minCount) {
      rowOf.set(h, keys.length);
      keys.push(h);
    }
  }
  const toTrain = (s: ConllSentence, e: { offsets: Int32Array; hashes: Uint32Array }): TrainSentence => {
    const rows: number[] = [];
    const offsets = new Int32Array(s.tokens.length + 1);
    for (let i = 0; i < s.tokens.length; i++) {
      offsets[i] = rows.length;
      for (let k = e.offsets[i]; k < e.offsets[i + 1]; k++) {
        const r = rowOf.get(e.hashes[k]);
        if (r !== undefined) rows.push(r);
      }
    }
    offsets[s.tokens.length] = rows.length;
    return { offsets, rows: Int32Array.from(rows), gold: encodeTags(s.tags) };
  };
  log(`features: ${counts.size} distinct, ${keys.length} kept (min count ${minCount})`);
  return {
    keys: Uint32Array.from(keys),
    trainSet: train.map((s, i) => toTrain(s, extracted[i])),
    devSet: dev.map((s) => toTrain(s, features.extract(s.tokens))),
  };
}

/** Train the perceptron; keep the averaged weights of the epoch with the best dev F1. */
function fit(features: NerFeatures, train: ConllSentence[], dev: ConllSentence[], o: Options, label: string, domains?: Uint8Array): Fitted {
  const { keys, trainSet, devSet } = prepare(features, train, dev, o.minCount, domains);
  const trainer = makeTrainer(keys.length, o);
  const order = [...trainSet.keys()];
  let best: Fitted | null = null;
  for (let ep = 1; ep <= o.epochs; ep++) {
    shuffle(order, o.seed * 1000 + ep);
    let loss = 0;
    for (const i of order) loss += Number(trainer.step(trainSet[i]));
    const avg = trainer.weights();
    const scorer = new EntityScorer();
    for (let i = 0; i < devSet.length; i++) scorer.add(dev[i].tags, decodeLabels(trainer.predict(devSet[i], avg.w, avg.trans)));
    const score = scorer.score();
    const lossText = o.learner === "crf" ? `loss ${loss.toFixed(0)}` : `${loss}/${order.length} train sentences right`;
    log(`${label} epoch ${ep}: ${lossText}; dev ${fmt(score)}`);
    if (best === null || score.micro.f1 > best.score.micro.f1) best = { keys, w: avg.w, trans: avg.trans, epoch: ep, score };
    else if (ep - best.epoch >= o.patience) {
      log(`${label}: no dev gain for ${o.patience} epochs, stopping`);
      break;
    }
  }
  if (best === null) throw new Error("no epochs run");
  log(`${label}: best epoch ${best.epoch}, dev F1 ${(100 * best.score.micro.f1).toFixed(2)}`);
  return best;
}

/** Drop rows whose largest |weight| is below `prune`. */
function pruned(f: Fitted, prune: number): NerModel {
  const keep: number[] = [];
  for (let r = 0; r < f.keys.length; r++) {
    let m = 0;
    for (let y = 0; y < L; y++) m = Math.max(m, Math.abs(f.w[r * L + y]));
    if (m >= prune) keep.push(r);
  }
  const w = new Float32Array(keep.length * L);
  keep.forEach((r, i) => w.set(f.w.subarray(r * L, r * L + L), i * L));
  return new NerModel(Uint32Array.from(keep, (r) => f.keys[r]), w, f.trans, L);
}

/** Run a tagger over the news and count, per mention key, the types it gave. */
async function tagNews(tagger: PerceptronNer, maxArticles: number): Promise<NewsTagCounter> {
  const dir = need("news");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort();
  const counter = new NewsTagCounter();
  const typeIndex = new Map(NEWS_TYPES.map((t, i) => [t, i + 1]));
  let articles = 0;
  let tokens = 0;
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(join(dir, file), "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (articles >= maxArticles) break;
      let rec: { title?: string; text?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        continue;
      }
      articles++;
      const text = `${rec.title ?? ""}\n\n${rec.text ?? ""}`;
      for (const span of splitSentences(text)) {
        const surfaces = tokenize(text, span.start, span.end).map((t) => text.slice(t.start, t.end));
        if (surfaces.length === 0) continue;
        const tags = tagger.tag(surfaces);
        for (let i = 0; i < surfaces.length; i++) {
          const w = tagger.features.word(surfaces[i]);
          counter.add(w.mentionKey, tags[i] === "O" ? 0 : (typeIndex.get(tags[i].slice(2) as (typeof NEWS_TYPES)[number]) ?? 0));
        }
        tokens += surfaces.length;
      }
    }
    rl.close();
  }
  log(`tagged ${articles} news articles, ${tokens} tokens`);
  return counter;
}

async function main(): Promise<void> {
  const o: Options = {
    learner: (arg("--learner") ?? DEFAULTS.learner) as Options["learner"],
    eta0: Number(arg("--eta0") ?? DEFAULTS.eta0),
    lambda: Number(arg("--lambda") ?? DEFAULTS.lambda),
    epochs: Number(arg("--epochs") ?? DEFAULTS.epochs),
    patience: DEFAULTS.patience,
    minCount: Number(arg("--min-count") ?? DEFAULTS.minCount),
    seed: Number(arg("--seed") ?? DEFAULTS.seed),
  };
  const prune = Number(arg("--prune") ?? DEFAULTS.prune);
  const bits = Number(arg("--bits") ?? DEFAULTS.bits) as 8 | 16;
  const extra = (arg("--extra") ?? "").split(",").filter(Boolean);
  const outDir = arg("--out") ?? join(MODELS_DIR, "ner");
  const useGaz = !flag("--no-gazetteer");
  const useClusters = !flag("--no-clusters");
  const useNewsTags = !flag("--no-news-tags");
  const newsArticles = Number(arg("--news-articles") ?? DEFAULTS.newsArticles);
  mkdirSync(outDir, { recursive: true });

  // Resources.
  let gazetteer: Gazetteer | null = null;
  if (useGaz) {
    const lines = buildGazetteer();
    writeFileSync(join(outDir, NER_FILES.gazetteer), `${lines.join("\n")}\n`);
    gazetteer = new Gazetteer(lines);
    log(`gazetteer: ${gazetteer.size} names`);
  }
  let clusters: WordClusters | null = null;
  if (useClusters) {
    const clPath = join(outDir, NER_FILES.clusters);
    if (flag("--clusters") || !existsSync(clPath)) {
      log("learning word clusters from news");
      await trainClusters(outDir);
    }
    clusters = WordClusters.parse(readFileSync(clPath));
    log(`clusters: ${clusters.size} words`);
  }

  // Data.
  const train = readConll(need("ner", "anercorp", "train.conll"));
  const dev = readConll(need("ner", "anercorp", "dev.conll"));
  const extraParts = extra.map(readExtra);
  const extraSents = extraParts.flat();
  const all = [...train, ...extraSents];
  // Corpus of each training sentence: 0 ANERcorp, k the k-th --extra corpus (augmented features).
  const domains = flag("--no-augment") ? undefined : Uint8Array.from([...train.map(() => 0), ...extraParts.flatMap((p, k) => p.map(() => k + 1))]);
  log(`train: ${train.length} ANERcorp sentences + ${extraSents.length} from ${extra.join(",") || "no extra corpus"}; dev: ${dev.length}`);

  const cv = Number(arg("--cv") ?? 0);
  if (cv > 1) {
    const { trainSet } = prepare(new NerFeatures({ gazetteer, clusters }), all, [], o.minCount, domains);
    crossValidate(cv, trainSet, all, train.length, o);
    return;
  }

  // Stage 1: tagger without news tags; stage 2 (default): with the news tag lexicon it produces.
  let fitted = fit(new NerFeatures({ gazetteer, clusters }), all, dev, o, "stage 1", domains);
  let newsTags: NewsTags | null = null;
  const newsPath = join(outDir, NER_FILES.newsTags);
  if (useNewsTags) {
    const first = new PerceptronNer(new NerFeatures({ gazetteer, clusters }), pruned(fitted, prune));
    newsTags = (await tagNews(first, newsArticles)).build(DEFAULTS.newsMinCount);
    writeFileSync(newsPath, newsTags.serialize());
    log(`news tag lexicon: ${newsTags.size} words`);
    fitted = fit(new NerFeatures({ gazetteer, clusters, newsTags }), all, dev, o, "stage 2", domains);
  } else if (existsSync(newsPath)) rmSync(newsPath);

  // Prune, quantize, write, read back through the runtime tagger.
  const model = pruned(fitted, prune);
  const buf = model.serialize(bits);
  writeFileSync(join(outDir, NER_FILES.weights), buf);
  log(`weights: ${model.rows} of ${fitted.keys.length} rows kept (|w| ≥ ${prune}), ${bits}-bit, ${buf.length} bytes`);
  const tagger = new PerceptronNer(new NerFeatures({ gazetteer, clusters, newsTags }), NerModel.parse(buf));
  const scorer = new EntityScorer();
  for (const s of dev) scorer.add(s.tags, tagger.tag(s.tokens));
  const final = scorer.score();
  const round = (x: number) => Math.round(x * 10000) / 100;
  const meta = {
    trained: new Date().toISOString(),
    data: {
      train: ["ner/anercorp/train.conll", ...extra.map((e) => (e === "aqmar" ? "ner/aqmar/*.conll" : "ner/wojood/train.txt"))],
      trainSentences: all.length,
      selection: "ner/anercorp/dev.conll (epoch selection only)",
    },
    resources: { gazetteer: useGaz, clusters: useClusters, newsTags: useNewsTags },
    hyperParameters: { learner: o.learner, ...(o.learner === "crf" ? { eta0: o.eta0, lambda: o.lambda } : {}), scheme: SCHEME, epochs: o.epochs, bestEpoch: fitted.epoch, patience: o.patience, minCount: o.minCount, prune, bits, seed: o.seed, newsArticles },
    rows: model.rows,
    seconds: Math.round((Date.now() - t0) / 1000),
    dev: {
      micro: { precision: round(final.micro.precision), recall: round(final.micro.recall), f1: round(final.micro.f1) },
      byType: Object.fromEntries(
        Object.entries(final.byType).map(([t, p]) => [t, { precision: round(p.precision), recall: round(p.recall), f1: round(p.f1), support: p.support }]),
      ),
    },
  };
  writeFileSync(join(outDir, NER_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
  log(`final model on ANERcorp dev: ${fmt(final)}`);
  console.log(`dev micro-F1 ${(100 * final.micro.f1).toFixed(2)} (target ≥ 84)`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
