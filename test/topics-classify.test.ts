/**
 * The topic model on short articles we wrote (a football report, a central
 * bank decision, a phone launch), the shape of its output, damaged model
 * files, the scorer behind `marsad eval topics`, and the reference article
 * when the shared data is there.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseArticle } from "../src/article/index.js";
import { InputError } from "../src/errors.js";
import { scoreTopics } from "../src/eval/topics.js";
import { splitOf } from "../src/nlp/topics/corpus.js";
import { loadTopics } from "../src/nlp/topics/index.js";
import { seedDir } from "../src/paths.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

const FOOTBALL = makeDoc("الأهلي يفوز على الزمالك بهدفين في قمة الدوري", [
  "حقق فريق الأهلي فوزا ثمينا على منافسه التقليدي الزمالك بهدفين مقابل هدف في المباراة التي جمعتهما مساء السبت على ملعب القاهرة الدولي ضمن الجولة العاشرة من الدوري الممتاز.",
  "وسجل المهاجم هدف التقدم في الدقيقة العشرين بتسديدة قوية من خارج منطقة الجزاء، قبل أن يعادل الزمالك النتيجة من ركلة جزاء في الشوط الثاني.",
  "وأحرز لاعب الوسط هدف الفوز في الوقت بدل الضائع، ليرفع الأهلي رصيده إلى خمس وعشرين نقطة في صدارة الترتيب، بينما تجمد رصيد الزمالك عند عشرين نقطة.",
  "وقال مدرب الأهلي بعد المباراة إن لاعبيه قدموا أداء قويا أمام جماهيرهم، مؤكدا أن الفريق يستعد الآن لمواجهة صعبة في دوري أبطال أفريقيا.",
]);

const RATES = makeDoc("البنك المركزي يرفع أسعار الفائدة لكبح التضخم", [
  "قرر البنك المركزي رفع سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية، في خطوة تهدف إلى كبح التضخم الذي بلغ أعلى مستوياته منذ عشر سنوات.",
  "وقالت لجنة السياسة النقدية في بيان إن ارتفاع أسعار السلع الغذائية والطاقة دفع معدل التضخم السنوي إلى تسعة بالمئة خلال الشهر الماضي.",
  "وأضافت اللجنة أنها ستواصل مراقبة المؤشرات الاقتصادية وسعر صرف العملة المحلية، وقد تتخذ إجراءات إضافية إذا استمرت الضغوط على الأسعار.",
  "وتراجعت أسهم البنوك في البورصة عقب القرار، فيما ارتفعت عوائد السندات الحكومية، وتوقع محللون أن يتباطأ نمو الاقتراض والاستثمار في الأشهر المقبلة.",
]);

const PHONE = makeDoc("شركة تكشف عن هاتف ذكي جديد بكاميرا متطورة", [
  "كشفت شركة للتكنولوجيا عن هاتفها الذكي الجديد الذي يضم كاميرا بدقة عالية ومعالجا أسرع وبطارية تدوم يومين.",
  "ويعمل الهاتف بنظام التشغيل أندرويد، ويدعم شبكات الجيل الخامس والشحن اللاسلكي، كما يأتي بشاشة قابلة للطي.",
  "وقالت الشركة إن التطبيقات الجديدة تستخدم الذكاء الاصطناعي لتحسين الصور، وإن الجهاز سيطرح في الأسواق الشهر المقبل.",
]);

test("the model loads and gives three labels, best first, scores summing to 1", () => {
  const model = loadTopics();
  assert.ok(model.labels.includes("sport") && model.labels.includes("economy") && model.labels.includes("internationalNews"));
  const topics = model.classify(FOOTBALL);
  assert.equal(topics.length, 3);
  assert.equal(new Set(topics.map((t) => t.label)).size, 3);
  for (let i = 1; i < topics.length; i++) assert.ok(topics[i - 1].score >= topics[i].score);
  const sum = topics.reduce((s, t) => s + t.score, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3, `scores sum to ${sum}`);
});

test("a football match report is sport", () => {
  assert.equal(loadTopics().classify(FOOTBALL)[0].label, "sport");
});

test("a central bank rate decision is economy", () => {
  assert.equal(loadTopics().classify(RATES)[0].label, "economy");
});

test("a phone launch is technology", () => {
  assert.equal(loadTopics().classify(PHONE)[0].label, "technology");
});

test("one-line items: the words decide, not the section sizes", () => {
  const model = loadTopics();
  assert.equal(model.classify(makeDoc("المنتخب يفوز في مباراة ودية", []))[0].label, "sport");
  assert.equal(model.classify(makeDoc("ارتفاع أسعار النفط في الأسواق", []))[0].label, "economy");
  assert.equal(model.classify(makeDoc("انطلاق مهرجان السينما", []))[0].label, "culture");
});

test("an article without content words still gets labels (the priors), not a crash", () => {
  const topics = loadTopics().classify(makeDoc("", ["2021 ، 15 ."]));
  assert.equal(topics.length, 3);
});

test("a missing or damaged model file is an InputError", () => {
  const dir = mkdtempSync(join(tmpdir(), "marsad-topics-"));
  assert.throws(() => loadTopics(join(dir, "none.json")), InputError);
  const bad = join(dir, "bad.json");
  writeFileSync(bad, "{not json");
  assert.throws(() => loadTopics(bad), InputError);
  writeFileSync(bad, JSON.stringify({ format: "marsad.topics/1", labels: ["a", "b"], scale: 10, bias: [0], weights: {} }));
  assert.throws(() => loadTopics(bad), /malformed/);
});

test("the train/dev split is deterministic and about one in ten", () => {
  assert.equal(splitOf("SK-economy-1-20180218"), splitOf("SK-economy-1-20180218"));
  let dev = 0;
  for (let i = 0; i < 5000; i++) if (splitOf(`article-${i}`) === "dev") dev++;
  assert.ok(dev > 400 && dev < 600, `${dev} of 5000 in dev`);
});

test("scoreTopics: accuracy and macro-F1 over the gold labels", () => {
  const s = scoreTopics([
    { gold: "sport", predicted: "sport" },
    { gold: "sport", predicted: "economy" },
    { gold: "economy", predicted: "economy" },
    { gold: "economy", predicted: "economy" },
  ]);
  assert.equal(s.accuracy, 75);
  // sport: P 1, R .5, F1 .667; economy: P .667, R 1, F1 .8 → macro .733
  assert.equal(s.macroF1, 73.33);
  assert.equal(s.confusion.sport.economy, 1);
});

test("reference article: internationalNews first", (t) => {
  let text: string;
  try {
    text = readFileSync(join(seedDir(), "000_1d7f084c0602acb7.txt"), "utf8");
  } catch {
    t.skip("reference article not found: set MARSAD_DATA");
    return;
  }
  const expected = JSON.parse(readFileSync(join(seedDir(), "expected.json"), "utf8"));
  const doc = parseArticle({ format: "txt", content: text, published: expected.published });
  assert.equal(loadTopics().classify(doc)[0].label, expected.topics.first);
});
