/**
 * Trains Marsad's NER tagger and writes models/ner/:
 *   gazetteer.tsv     cleaned ANERGazet + UniversalPetrarch actor names
 *   clusters.tsv.gz   news word clusters (learned by ./clusters.ts when absent
 *                     or with --clusters)
 *   weights.bin.gz    averaged-perceptron weights, pruned and quantized
 *   model.json        data, hyper-parameters, date and dev scores
 *
 * Data: ANERcorp train (CAMeL split) plus, by default, AQMAR and Wojood with
 * domain-augmented features (they help: see models/ner/README.md for the
 * cross-validated figures). ANERcorp dev is used only to pick the epoch,
 * never trained on. The figure printed last is the dev score of the model as
 * written, read back through the runtime tagger.
 *
 * Usage: node dist/scripts/train/ner.js [--epochs N] [--extra aqmar,wojood|none]
 *        [--no-gazetteer] [--anetac] [--no-clusters] [--clusters]
 *        [--min-count N] [--prune X] [--bits 8|16] [--out DIR] [--seed N]
 *        [--cv K]   (K-fold cross-validation on ANERcorp train; writes nothing)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WordClusters } from "../../src/nlp/ner/clusters.js";
import { type ConllSentence, readConll } from "../../src/nlp/ner/conll.js";
import { mix, NerFeatures } from "../../src/nlp/ner/features.js";
import { cleanNameList, Gazetteer, mergeEntries, parseActorDictionary, parseTransliterations } from "../../src/nlp/ner/gazetteer.js";
import { NER_FILES, PerceptronNer } from "../../src/nlp/ner/index.js";
import { NerModel } from "../../src/nlp/ner/model.js";
import { decodeLabels, encodeTags, L, PerceptronTrainer, SCHEME, type TrainSentence } from "../../src/nlp/ner/perceptron.js";
import { EntityScorer, type Score } from "../../src/nlp/ner/seqeval.js";
import { dataDir, dataFile, MODELS_DIR } from "../../src/paths.js";
import { normalizeKey } from "../../src/text/normalize.js";
import { trainClusters } from "./clusters.js";

/** Defaults (recorded in model.json). */
const DEFAULTS = {
  /** Corpora trained on besides ANERcorp train. */
  extra: "aqmar,wojood",
  epochs: 25,
  /** Stop when dev F1 has not improved for this many epochs. */
  patience: 6,
  /** Features seen fewer times than this in training are dropped. */
  minCount: 1,
  /** Rows whose largest |averaged weight| is below this are pruned. */
  prune: 1.5,
  bits: 16 as 8 | 16,
  seed: 7,
  /** Perceptrons (different sentence orders) whose weights are averaged. */
  ensemble: 4,
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

function buildGazetteer(withTransliterations: boolean): string[] {
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
  ];
  if (withTransliterations) {
    entries.push(...parseTransliterations(readFileSync(need("lexicons", "anetac", "en-ar-named-entities.txt"), "utf8"), stopwords));
  }
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
  throw new Error(`unknown --extra corpus "${name}" (aqmar, wojood, none)`);
}

function fmt(s: Score): string {
  const types = Object.entries(s.byType)
    .map(([t, p]) => `${t} ${(100 * p.f1).toFixed(1)}`)
    .join(", ");
  return `P ${(100 * s.micro.precision).toFixed(2)} R ${(100 * s.micro.recall).toFixed(2)} F1 ${(100 * s.micro.f1).toFixed(2)} (${types})`;
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

/** Extract features (domain-augmented for extra corpora) and give each training feature a row. */
function prepare(features: NerFeatures, train: ConllSentence[], domains: Uint8Array, dev: ConllSentence[], minCount: number) {
  const extracted = train.map((s, i) => {
    const e = features.extract(s.tokens);
    return domains[i] === 0 ? e : augment(e, domains[i]);
  });
  const counts = new Map<number, number>();
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

interface Fitted {
  keys: Uint32Array;
  w: Float32Array;
  trans: Float32Array;
  epoch: number;
  score: Score;
}

/**
 * Train `ensemble` perceptrons that differ only in the order they see the
 * sentences, and average their (averaged) weights epoch by epoch — one model
 * of the same shape, steadier than any single run. Keep the epoch with the
 * best dev F1.
 */
function fit(
  prep: ReturnType<typeof prepare>,
  dev: ConllSentence[],
  epochs: number,
  patience: number,
  seed: number,
  ensemble: number,
): Fitted {
  const { keys, trainSet, devSet } = prep;
  const trainers = Array.from({ length: ensemble }, () => new PerceptronTrainer(keys.length));
  const orders = trainers.map(() => [...trainSet.keys()]);
  let best: Fitted | null = null;
  for (let ep = 1; ep <= epochs; ep++) {
    let right = 0;
    trainers.forEach((trainer, k) => {
      shuffle(orders[k], (seed + 7919 * k) * 1000 + ep);
      for (const i of orders[k]) if (trainer.step(trainSet[i])) right++;
    });
    const avg = averageOf(trainers);
    const scorer = new EntityScorer();
    for (let i = 0; i < devSet.length; i++) scorer.add(dev[i].tags, decodeLabels(trainers[0].predict(devSet[i], avg.w, avg.trans)));
    const score = scorer.score();
    log(`epoch ${ep}: ${(right / ensemble).toFixed(0)}/${trainSet.length} training sentences right; dev ${fmt(score)}`);
    if (best === null || score.micro.f1 > best.score.micro.f1) best = { keys, w: avg.w, trans: avg.trans, epoch: ep, score };
    else if (ep - best.epoch >= patience) {
      log(`no dev gain for ${patience} epochs: stopping`);
      break;
    }
  }
  if (best === null) throw new Error("--epochs must be at least 1");
  log(`best epoch ${best.epoch}: dev F1 ${(100 * best.score.micro.f1).toFixed(2)}`);
  return best;
}

/** Mean of the trainers' averaged weights. */
function averageOf(trainers: PerceptronTrainer[]): { w: Float32Array; trans: Float32Array } {
  const first = trainers[0].averaged();
  for (let k = 1; k < trainers.length; k++) {
    const a = trainers[k].averaged();
    for (let i = 0; i < a.w.length; i++) first.w[i] += a.w[i];
    for (let i = 0; i < a.trans.length; i++) first.trans[i] += a.trans[i];
  }
  if (trainers.length > 1) {
    for (let i = 0; i < first.w.length; i++) first.w[i] /= trainers.length;
    for (let i = 0; i < first.trans.length; i++) first.trans[i] /= trainers.length;
  }
  return first;
}

/**
 * --cv K: K contiguous folds of ANERcorp train (articles stay together; the
 * extra corpora always train), a fixed number of epochs each; prints the mean
 * F1 per epoch. A steadier yardstick than the 400-sentence dev for choosing
 * features (every ANERcorp training sentence is scored once).
 */
function crossValidate(
  k: number,
  prep: ReturnType<typeof prepare>,
  sents: ConllSentence[],
  nAner: number,
  epochs: number,
  ensemble: number,
): void {
  const set = prep.trainSet;
  const foldOf = (i: number) => (i < nAner ? Math.floor((i * k) / nAner) : -1);
  const perEpoch = new Float64Array(epochs);
  for (let f = 0; f < k; f++) {
    const trainIdx = [...set.keys()].filter((i) => foldOf(i) !== f);
    const testIdx = [...set.keys()].filter((i) => foldOf(i) === f);
    const trainers = Array.from({ length: ensemble }, () => new PerceptronTrainer(prep.keys.length));
    for (let ep = 0; ep < epochs; ep++) {
      trainers.forEach((trainer, m) => {
        shuffle(trainIdx, 1000 * f + ep + 7919 * m);
        for (const i of trainIdx) trainer.step(set[i]);
      });
      const avg = averageOf(trainers);
      const scorer = new EntityScorer();
      for (const i of testIdx) scorer.add(sents[i].tags, decodeLabels(trainers[0].predict(set[i], avg.w, avg.trans)));
      perEpoch[ep] += scorer.score().micro.f1 / k;
    }
    log(`fold ${f + 1}/${k} done`);
  }
  log(`cv mean F1 by epoch: ${Array.from(perEpoch, (x) => (100 * x).toFixed(2)).join(" ")}`);
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
  for (let i = 0; i < keep.length; i++) w.set(f.w.subarray(keep[i] * L, keep[i] * L + L), i * L);
  return new NerModel(
    Uint32Array.from(keep, (r) => f.keys[r]),
    w,
    f.trans,
    L,
  );
}

async function main(): Promise<void> {
  const epochs = Number(arg("--epochs") ?? DEFAULTS.epochs);
  const minCount = Number(arg("--min-count") ?? DEFAULTS.minCount);
  const seed = Number(arg("--seed") ?? DEFAULTS.seed);
  const prune = Number(arg("--prune") ?? DEFAULTS.prune);
  const bits = Number(arg("--bits") ?? DEFAULTS.bits) as 8 | 16;
  if (bits !== 8 && bits !== 16) throw new Error("--bits must be 8 or 16");
  const extra = (arg("--extra") ?? DEFAULTS.extra).split(",").filter((e) => e && e !== "none");
  const outDir = arg("--out") ?? join(MODELS_DIR, "ner");
  const useGaz = !flag("--no-gazetteer");
  const useTransliterations = flag("--anetac");
  const useClusters = !flag("--no-clusters");
  const cv = Number(arg("--cv") ?? 0);
  const ensemble = Number(arg("--ensemble") ?? DEFAULTS.ensemble);
  mkdirSync(outDir, { recursive: true });

  // Resources.
  let gazetteer: Gazetteer | null = null;
  let gazLines: string[] = [];
  if (useGaz) {
    gazLines = buildGazetteer(useTransliterations);
    gazetteer = new Gazetteer(gazLines);
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
  const features = new NerFeatures({ gazetteer, clusters });

  // Data.
  const train = readConll(need("ner", "anercorp", "train.conll"));
  const dev = readConll(need("ner", "anercorp", "dev.conll"));
  const extraParts = extra.map(readExtra);
  const all = [...train, ...extraParts.flat()];
  // Corpus of each training sentence: 0 ANERcorp, k the k-th extra corpus.
  const domains = Uint8Array.from([...train.map(() => 0), ...extraParts.flatMap((p, k) => p.map(() => k + 1))]);
  log(
    `train: ${train.length} ANERcorp sentences + ${all.length - train.length} from ${extra.join(", ") || "no extra corpus"}; dev: ${dev.length}`,
  );

  if (cv > 1) {
    crossValidate(cv, prepare(features, all, domains, [], minCount), all, train.length, Math.min(epochs, 12), ensemble);
    return;
  }

  const fitted = fit(prepare(features, all, domains, dev, minCount), dev, epochs, DEFAULTS.patience, seed, ensemble);

  // Prune, quantize, write, read back through the runtime tagger.
  const model = pruned(fitted, prune);
  const buf = model.serialize(bits);
  log(`weights: ${model.rows} of ${fitted.keys.length} rows kept (|w| ≥ ${prune}), ${bits}-bit, ${buf.length} bytes`);
  const tagger = new PerceptronNer(new NerFeatures({ gazetteer, clusters }), NerModel.parse(buf));
  const scorer = new EntityScorer();
  for (const s of dev) scorer.add(s.tags, tagger.tag(s.tokens));
  const final = scorer.score();

  if (useGaz) writeFileSync(join(outDir, NER_FILES.gazetteer), `${gazLines.join("\n")}\n`);
  writeFileSync(join(outDir, NER_FILES.weights), buf);
  const round = (x: number) => Math.round(x * 10000) / 100;
  const meta = {
    trained: new Date().toISOString(),
    data: {
      train: ["ner/anercorp/train.conll", ...extra.map((e) => (e === "aqmar" ? "ner/aqmar/*.conll" : "ner/wojood/train.txt"))],
      trainSentences: all.length,
      selection: "ner/anercorp/dev.conll (epoch selection only)",
      gazetteers: useGaz
        ? [
            "lexicons/anergazet-*.txt",
            "events/universalpetrarch-ar/actor_dict_ar_v4.txt",
            ...(useTransliterations ? ["lexicons/anetac/en-ar-named-entities.txt"] : []),
          ]
        : [],
      clusters: useClusters ? "news/*.jsonl (see clusters.json)" : null,
    },
    resources: { gazetteer: useGaz, clusters: useClusters },
    hyperParameters: {
      learner: "averaged perceptron",
      ensemble,
      scheme: SCHEME,
      epochs,
      bestEpoch: fitted.epoch,
      patience: DEFAULTS.patience,
      minCount,
      prune,
      bits,
      seed,
    },
    rows: model.rows,
    weightsBytes: buf.length,
    trainingSeconds: Math.round((Date.now() - t0) / 1000),
    dev: {
      micro: { precision: round(final.micro.precision), recall: round(final.micro.recall), f1: round(final.micro.f1) },
      byType: Object.fromEntries(
        Object.entries(final.byType).map(([t, p]) => [
          t,
          { precision: round(p.precision), recall: round(p.recall), f1: round(p.f1), support: p.support },
        ]),
      ),
    },
  };
  writeFileSync(join(outDir, NER_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote ${outDir}`);
  log(`final model on ANERcorp dev: ${fmt(final)}`);
  console.log(`dev micro-F1 ${(100 * final.micro.f1).toFixed(2)} (target ≥ 84)`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
