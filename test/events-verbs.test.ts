/**
 * The events stage's verb-form matcher (src/nlp/events/verbs.ts): inflected
 * Arabic verbs back to their base form, with aspect, number, gender and
 * clitics — and the words it must not take for verbs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { conjugate, VerbMatcher } from "../src/nlp/events/verbs.js";
import { normalizeKey } from "../src/text/normalize.js";

const matcher = new VerbMatcher([
  { lemma: "اتفق" },
  { lemma: "دعا" },
  { lemma: "التقى" },
  { lemma: "أشاد" },
  { lemma: "أدان" },
  { lemma: "زار", imperfect: "يزور" },
  { lemma: "وعد", perfectOnly: true },
  { lemma: "استقال" },
  { lemma: "دعم" },
  { lemma: "أيد" },
]);

function lemmaOf(word: string): string | null {
  return matcher.match(word)[0]?.lemma ?? null;
}

test("verbs: perfect and imperfect persons of a form-VIII verb meet at the base form", () => {
  for (const w of ["اتفق", "اتفقت", "اتفقا", "اتفقتا", "اتفقوا", "يتفق", "تتفق", "تتفقان", "يتفقون", "نتفق", "يتفقا"]) {
    assert.equal(lemmaOf(w), normalizeKey("اتفق"), w);
  }
  const dual = matcher.match("تتفقان")[0];
  assert.equal(dual.aspect, "imperfect");
  assert.equal(dual.number, "dual");
  const fem = matcher.match("اتفقت")[0];
  assert.equal(fem.feminine, true);
  assert.equal(matcher.match("اتفق")[0].feminine, false);
});

test("verbs: proclitics و ف س ل and object pronouns are taken off", () => {
  const fut = matcher.match("وستتفق")[0];
  assert.ok(fut, "وستتفق");
  assert.equal(fut.conjunction, true);
  assert.equal(fut.future, true);
  assert.equal(matcher.match("ليتفقوا")[0]?.purpose, true);
  const enc = matcher.match("التقاه")[0];
  assert.equal(enc?.lemma, normalizeKey("التقى"), "final ى is written ا before a pronoun");
  assert.equal(enc.enclitic, "ه");
  assert.equal(matcher.match("دعموها")[0]?.lemma, "دعم", "plural وا loses its alef before a pronoun");
  // The future س goes only on the imperfect (سأتفق is "I will agree"; سدعمت is nothing).
  assert.equal(matcher.match("سأتفق")[0]?.future, true);
  assert.equal(matcher.match("سدعمت").length, 0);
});

test("verbs: weak, hollow and hamzated verbs", () => {
  for (const w of ["دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون", "يدعوان"]) assert.equal(lemmaOf(w), "دعا", w);
  for (const w of ["التقى", "التقت", "التقيا", "التقوا", "يلتقي", "تلتقي", "يلتقيان", "يلتقون", "يلتق"])
    assert.equal(lemmaOf(w), normalizeKey("التقى"), w);
  for (const w of ["أشاد", "أشادت", "يشيد", "تشيد", "يشيدان"]) assert.equal(lemmaOf(w), normalizeKey("أشاد"), w);
  for (const w of ["أدان", "يدين", "تدين"]) assert.equal(lemmaOf(w), normalizeKey("أدان"), w);
  for (const w of ["استقال", "يستقيل", "استقالت"]) assert.equal(lemmaOf(w), normalizeKey("استقال"), w);
  for (const w of ["زار", "زارت", "يزور", "سيزور", "تزور"]) assert.equal(lemmaOf(w), "زار", w);
  for (const w of ["أيد", "أيدت", "يؤيد", "تؤيد"]) assert.equal(lemmaOf(w), normalizeKey("أيد"), w);
});

test("verbs: spellings that belong to other words do not match", () => {
  // وعد has no imperfect here: يعد is also "is counted".
  assert.equal(lemmaOf("وعدت"), "وعد");
  assert.equal(lemmaOf("يعد"), null);
  // A word ending in ة is a noun, even when its key looks like verb + pronoun (وزارة ≠ و + زار + ه).
  assert.equal(lemmaOf("وزارة"), null);
  assert.equal(lemmaOf("دعوة"), null);
  // No stem guessed for a hollow verb without its imperfect, nor from a two-letter rest.
  assert.deepEqual(
    conjugate({ lemma: "قال" }).filter((f) => f.aspect === "imperfect"),
    [],
  );
  for (const w of ["الاتفاق", "اتفاقية", "Putin", "", "123", "ودع"]) assert.equal(lemmaOf(w), null, w);
});

test("verbs: diacritics and tatweel do not hide a verb", () => {
  assert.equal(lemmaOf("اتَّفَقَتْ"), normalizeKey("اتفق"));
  assert.equal(lemmaOf("يـتـفـقـان"), normalizeKey("اتفق"));
  assert.equal(lemmaOf("إتفقت"), normalizeKey("اتفق"), "hamza spelling of the alef");
});
