/**
 * How `marsad eval topics` chooses and scores records, on a tiny model and
 * JSONL files we write: an outlet the model was trained on is scored on its
 * dev tenth only, an unseen one in full; the restricted prediction chooses
 * among the gold file's labels only, the unrestricted one among all; labels
 * the model does not know are left out (or counted, on request); and the
 * region features see which part of the world an article's countries are in.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { evaluateTopics, scorable, topicsEval } from "../src/eval/topics.js";
import { outletKey, readCorpus, splitOf } from "../src/nlp/topics/corpus.js";
import { docFeatures, featureVector, REGION_FEATURES } from "../src/nlp/topics/features.js";
import { LinearTopicModel } from "../src/nlp/topics/model.js";
import { analyzeWord } from "../src/text/analyzer.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

const MATCH = analyzeWord("مباراة");
const SUMMIT = analyzeWord("قمة");
const FILM = analyzeWord("فيلم");

/** sport ← مباراة; middleEast, then internationalNews ← قمة; culture ← فيلم. */
function tinyModel(trainOutlets: string[]): LinearTopicModel {
  const labels = ["culture", "internationalNews", "middleEast", "sport"];
  const w = new Map<string, Float64Array>([
    [MATCH, Float64Array.from([0, 0, 0, 5])],
    [SUMMIT, Float64Array.from([0, 3, 5, 0])],
    [FILM, Float64Array.from([5, 0, 0, 0])],
  ]);
  return new LinearTopicModel(labels, [0, 0, 0, 0], w, { trainOutlets });
}

/** Ids on each side of the split (found, not assumed). */
function idsOn(side: "train" | "dev", n: number, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (splitOf(`${prefix}-${i}`) === side) out.push(`${prefix}-${i}`);
  return out;
}

function jsonl(records: Array<Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), "marsad-topics-eval-"));
  const path = join(dir, "gold.jsonl");
  writeFileSync(path, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
}

const rec = (id: string, source: string, category: string, title: string) => ({
  id,
  source,
  category,
  title,
  text: `${title}. وقال المراسل إن الحدث جرى مساء أمس أمام جمهور كبير.`,
});

test("outlet keys: one key per outlet however ANT spells it", () => {
  assert.equal(outletKey("Jawhara FM"), "jawharafm");
  assert.equal(outletKey("JawharaFM"), "jawharafm");
  assert.equal(outletKey("skynews"), "skynews");
});

test("a training outlet is scored on its dev tenth only, an unseen outlet in full", () => {
  const model = tinyModel(["seen"]);
  const train = idsOn("train", 3, "s");
  const dev = idsOn("dev", 2, "s");
  const path = jsonl([
    ...train.map((id) => rec(id, "Seen", "sport", "مباراة في الدوري")),
    ...dev.map((id) => rec(id, "Seen", "sport", "مباراة في الدوري")),
    ...["u1", "u2", "u3", "u4"].map((id) => rec(id, "Other Outlet", "sport", "مباراة في الدوري")),
  ]);
  const { articles } = readCorpus(path, { keep: scorable(model) });
  assert.deepEqual(articles.map((a) => a.id).sort(), [...dev, "u1", "u2", "u3", "u4"].sort());
  const e = evaluateTopics(model, articles);
  assert.equal(e.unseen, 4);
  assert.equal(e.dev, 2);
  assert.equal(e.restricted.accuracy, 100);
});

test("restricted prediction chooses among the gold file's labels; unrestricted among all", () => {
  const model = tinyModel([]);
  // An outlet without middleEast: its Arab-world summit is internationalNews.
  const path = jsonl([
    rec("a", "x", "internationalNews", "قمة عربية في العاصمة"),
    rec("b", "x", "sport", "مباراة في الدوري"),
    rec("c", "x", "culture", "فيلم جديد في الصالات"),
  ]);
  const { articles } = readCorpus(path, { keep: scorable(model) });
  const e = evaluateTopics(model, articles);
  assert.deepEqual(e.goldLabels, ["culture", "internationalNews", "sport"]);
  assert.equal(e.restricted.accuracy, 100);
  assert.equal(e.restricted.macroF1, 100);
  // Unrestricted, the summit comes out middleEast: one error of three.
  assert.equal(e.unrestricted.accuracy, 66.67);
  assert.equal(e.unrestricted.confusion.internationalNews.middleEast, 1);
});

test("gold labels the model does not know are left out, or counted as errors on request", () => {
  const model = tinyModel([]);
  const path = jsonl([
    rec("a", "x", "sport", "مباراة في الدوري"),
    rec("b", "x", "localNews", "مباراة في الدوري"),
    rec("c", "x", "", "قمة"),
  ]);
  const { articles } = readCorpus(path);
  const e = evaluateTopics(model, articles);
  assert.equal(e.restricted.n, 1);
  assert.equal(e.outsideModel, 1);
  assert.equal(e.unlabelled, 1);
  const counted = evaluateTopics(model, articles, { countUnknown: true });
  assert.equal(counted.restricted.n, 2);
  assert.equal(counted.restricted.perLabel.localNews.f1, 0);
});

test("the evaluation refuses a file with nothing it can score, naming the labels", async () => {
  const path = jsonl([rec("a", "x", "localNews", "مباراة"), rec("b", "x", "politic", "قمة")]);
  await assert.rejects(topicsEval.run({ gold: path, flags: {}, progress: () => {} }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match((e as Error).message, /model's labels/);
    return true;
  });
  await assert.rejects(topicsEval.run({ gold: path, flags: { limit: "abc" }, progress: () => {} }), InputError);
});

test("region features: shares of the article's country mentions by part of the world", () => {
  const doc = makeDoc("وزير الخارجية المصري يزور الصين", ["التقى الوزير المصري نظيره الصيني في بكين، وبحثا العلاقات بين مصر والصين."]);
  const f = docFeatures(doc);
  const arab = f.regions.get(REGION_FEATURES.arab) ?? 0;
  const world = f.regions.get(REGION_FEATURES.world) ?? 0;
  assert.ok(arab >= 2 && world >= 2, `arab ${arab}, world ${world}`);
  const v = new Map(featureVector(f, () => true));
  const shares = (v.get(REGION_FEATURES.arab) ?? 0) + (v.get(REGION_FEATURES.world) ?? 0) + (v.get(REGION_FEATURES.near) ?? 0);
  assert.ok(Math.abs(shares - 1) < 1e-9, `shares sum to ${shares}`);
  // No country, no region feature.
  assert.equal(docFeatures(makeDoc("مباراة في الدوري", [])).regions.size, 0);
});
