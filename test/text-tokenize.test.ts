import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../src/text/tokenize.js";

const texts = (s: string) => tokenize(s).map((t) => `${t.kind}:${s.slice(t.start, t.end)}`);

test("words, numbers and punctuation with offsets", () => {
  const s = "قال الوزير، إن النمو بلغ 3.5% في ٢٠٢٠.";
  assert.deepEqual(texts(s), [
    "word:قال",
    "word:الوزير",
    "punct:،",
    "word:إن",
    "word:النمو",
    "word:بلغ",
    "number:3.5",
    "punct:%",
    "word:في",
    "number:٢٠٢٠",
    "punct:.",
  ]);
});

test("diacritics and tatweel stay inside the word", () => {
  assert.deepEqual(texts("مُحَمَّدٌ وجيـــه"), ["word:مُحَمَّدٌ", "word:وجيـــه"]);
});

test("scripts split: Arabic glued to Latin is two tokens; quotes are punctuation", () => {
  assert.deepEqual(texts("«فيروسCovid-19»"), ["punct:«", "word:فيروس", "word:Covid", "punct:-", "number:19", "punct:»"]);
});

test("numbers with separators: thousands, dates and times", () => {
  assert.deepEqual(texts("1,000 و2020/07/08 الساعة 12:30"), ["number:1,000", "word:و", "number:2020/07/08", "word:الساعة", "number:12:30"]);
});

test("a trailing separator is not part of the number", () => {
  assert.deepEqual(texts("عام 2020."), ["word:عام", "number:2020", "punct:."]);
});

test("empty and whitespace-only input give no tokens; a long input is linear", () => {
  assert.deepEqual(tokenize(""), []);
  assert.deepEqual(tokenize(" \n\t "), []);
  const long = "كلمة ".repeat(200_000);
  assert.equal(tokenize(long).length, 200_000);
});

test("a range of the text can be tokenized alone", () => {
  const s = "أولى. ثانية ثالثة.";
  const toks = tokenize(s, 6, s.length);
  assert.equal(s.slice(toks[0].start, toks[0].end), "ثانية");
});
