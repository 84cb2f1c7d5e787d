import assert from "node:assert/strict";
import { test } from "node:test";
import { snowballArabic } from "../src/eval/analyzer.js";
import { analyzeText, analyzeWord, isStopword } from "../src/text/analyzer.js";
import { lexicon } from "../src/text/lexicon.js";
import { lightStem, verbStem } from "../src/text/stem.js";

const same = (...ws: string[]) => {
  const terms = ws.map(analyzeWord);
  assert.equal(new Set(terms).size, 1, `${ws.join(" / ")} → ${terms.join(" / ")}`);
  return terms[0];
};

test("clitics off: one term for a name with or without prepositions and conjunctions", () => {
  assert.equal(same("لبوتين", "وبوتين", "بوتين"), "بوتين");
  assert.equal(same("بالصين", "الصين", "والصين", "وبالصين"), "صين");
  assert.equal(same("كتابهم", "الكتاب", "كتاب"), "كتاب");
});

test("sound plurals, feminine and dual conflate", () => {
  same("المعلمون", "المعلمين", "معلم", "معلمة", "معلمات");
  same("وزير", "الوزيرين", "وزيران");
  same("بيانات", "البيان", "بيان");
});

test("enclitics restore the free spelling of the stem: حياته / الحياة", () => {
  same("حياته", "الحياة", "حياة");
});

test("verb forms meet at the past stem when the lexicon knows the verb", () => {
  same("يعملون", "تعمل", "يعمل", "عمل");
  same("قالت", "قال", "وقالوا");
});

test("names are never mangled, unlike Snowball Arabic", () => {
  const snow = snowballArabic();
  for (const w of ["بوتين", "بيان", "فيروس", "كورونا", "لبنان", "فلسطين", "ترامب", "تونس", "يناير", "سلمان"]) {
    assert.equal(analyzeWord(w), w, w);
  }
  // The peer does mangle them (the reason this analyzer exists).
  assert.equal(snow("بوتين"), "وتين");
  assert.equal(snow("فيروس"), "يروس");
});

test("matching key: diacritics, hamza forms and ة folded", () => {
  same("أحمد", "احمد", "أَحْمَد");
  assert.equal(analyzeWord("إلى"), analyzeWord("الى"));
});

test("non-Arabic words and numbers: normalized only", () => {
  assert.equal(analyzeWord("COVID"), "covid");
  assert.equal(analyzeWord("٢٠٢٠"), "2020");
  assert.equal(analyzeWord(""), "");
});

test("analyzeText: one term per word or number, offsets into the text, no punctuation", () => {
  const text = "قال الرئيس لبوتين: «نعم» في ٢٠٢٠.";
  const terms = analyzeText(text);
  assert.deepEqual(
    terms.map((t) => text.slice(t.start, t.end)),
    ["قال", "الرئيس", "لبوتين", "نعم", "في", "٢٠٢٠"],
  );
  assert.equal(terms[2].term, "بوتين");
  assert.equal(terms[5].term, "2020");
  for (const t of terms) assert.ok(!/\s/.test(t.term));
});

test("stopwords are kept by default and dropped on request", () => {
  assert.ok(isStopword("في"));
  assert.ok(!isStopword("بوتين"));
  assert.notEqual(analyzeWord("في"), "");
  const kept = analyzeText("في الصين").map((t) => t.term);
  const dropped = analyzeText("في الصين", { dropStopwords: true }).map((t) => t.term);
  assert.deepEqual(kept, ["في", "صين"]);
  assert.deepEqual(dropped, ["صين"]);
});

test("light stemmer needs partner forms: no plural ين without ون, no dual ان without ين", () => {
  const lex = lexicon();
  assert.equal(lightStem("مسلحين", lex), "مسلح");
  assert.equal(lightStem("ياسين", lex), "ياسين");
  assert.equal(lightStem("عمران", lex), "عمران");
  assert.equal(lightStem("سيارة", lex), "سيار");
  // Nouns that take the article are not verbs, even when they start with ت/ي/ن.
  assert.equal(verbStem("تقرير", lex), "تقرير");
  assert.equal(verbStem("نظام", lex), "نظام");
});
