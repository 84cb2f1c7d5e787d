/**
 * Keywords on an article we wrote: a repeated name ranks high, stopwords
 * and numbers never appear, display forms drop one-letter proclitics, each
 * term appears once, and odd inputs give an empty list.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { displayForm } from "../src/nlp/keywords/display.js";
import { extractKeywords } from "../src/nlp/keywords/index.js";
import { isContentTerm } from "../src/nlp/keywords/terms.js";
import { analyzeWord, isStopword } from "../src/text/analyzer.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

const DOC = makeDoc("المهندسة ريم الدباغ تفوز بجائزة الابتكار", [
  "فازت المهندسة ريم الدباغ بجائزة الابتكار السنوية عن تصميمها جهازا لتحلية المياه يعمل بالطاقة الشمسية، وذلك في حفل أقيم في العاصمة يوم الخميس بحضور 300 مدعو.",
  "وقالت الدباغ في كلمتها إن الجهاز يستطيع أن ينتج ألف لتر من المياه العذبة يوميا، وإنه صمم ليناسب القرى البعيدة عن شبكات الكهرباء.",
  "وأضافت أن فريقها عمل على المشروع ثلاث سنوات، وأن النموذج الأول جرب في قرية ساحلية صغيرة عام 2019.",
  "وأشاد أعضاء لجنة التحكيم بعمل الدباغ، معتبرين أن التحلية بالطاقة الشمسية حل عملي لنقص المياه في المنطقة.",
  "وتعتزم الدباغ إنتاج الجهاز على نطاق أوسع بالتعاون مع شركات محلية خلال العام المقبل.",
]);

test("a name repeated through the article ranks among the first keywords", () => {
  const kw = extractKeywords(DOC);
  assert.ok(kw.length > 0 && kw.length <= 10);
  const i = kw.findIndex((k) => k.includes("الدباغ"));
  assert.ok(i >= 0 && i < 3, `الدباغ at ${i} in ${kw.join(" | ")}`);
  assert.ok(
    kw.some((k) => k.includes("المياه") || k.includes("التحلية") || k.includes("تحلية")),
    kw.join(" | "),
  );
});

test("no stopwords, numbers or single letters", () => {
  for (const k of extractKeywords(DOC, 30)) {
    for (const w of k.split(" ")) {
      assert.ok(!isStopword(w), `stopword "${w}" in "${k}"`);
      assert.ok(isContentTerm(analyzeWord(w)), `"${w}" is not a content term`);
      assert.ok(!/^[\d٠-٩]+$/.test(w), `number "${w}"`);
    }
  }
});

test("each term appears once: not both alone and inside a phrase", () => {
  const kw = extractKeywords(DOC, 30);
  const terms = kw.flatMap((k) => k.split(" ").map((w) => analyzeWord(w)));
  assert.equal(new Set(terms).size, terms.length, kw.join(" | "));
});

test("display forms keep the article and drop one-letter proclitics", () => {
  assert.equal(displayForm("وبالصين"), "الصين");
  assert.equal(displayForm("للصين"), "الصين");
  assert.equal(displayForm("لبوتين"), "بوتين");
  assert.equal(displayForm("الكرملين"), "الكرملين");
  const kw = extractKeywords(
    makeDoc("زيارة إلى الصين", [
      "وصل الوفد إلى الصين أمس.",
      "وقال رئيس الوفد إن للصين دورا كبيرا، وإن العلاقات بالصين قوية.",
      "وتستمر الزيارة في الصين ثلاثة أيام.",
    ]),
    5,
  );
  assert.ok(kw.includes("الصين"), kw.join(" | "));
});

test("n limits the list; empty or numeric-only articles give none", () => {
  assert.equal(extractKeywords(DOC, 3).length, 3);
  assert.deepEqual(extractKeywords(DOC, 0), []);
  assert.deepEqual(extractKeywords(makeDoc("", []), 5), []);
  assert.deepEqual(extractKeywords(makeDoc("2020", ["15 ، 30 . 45"]), 5), []);
});
