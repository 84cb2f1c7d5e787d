/**
 * The committed NER model on sentences we wrote: the types it should find,
 * offsets that point into the text, and robustness (empty, huge, Latin,
 * elongated and diacritized input).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadNer, type NerSpan, type NerToken } from "../src/nlp/ner/index.js";
import { tokenize } from "../src/text/tokenize.js";

function tokens(text: string): NerToken[] {
  return tokenize(text).map((t) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end }));
}

function run(text: string): { spans: NerSpan[]; found: string[] } {
  const spans = loadNer().recognize(tokens(text));
  for (const s of spans) {
    assert.ok(s.start < s.end && s.tokenStart < s.tokenEnd);
    assert.equal(text.slice(s.start, s.end), s.text, "span text is the text at its offsets");
  }
  return { spans, found: spans.map((s) => `${s.type}:${s.text}`) };
}

test("a president and a city", () => {
  const { found } = run("التقى الرئيس الفرنسي إيمانويل ماكرون نظيره المصري في القاهرة");
  assert.deepEqual(found, ["PER:إيمانويل ماكرون", "LOC:القاهرة"]);
});

test("a minister, a capital, an organization", () => {
  assert.deepEqual(run("وصل وزير الخارجية الروسي سيرغي لافروف إلى دمشق").found, ["PER:سيرغي لافروف", "LOC:دمشق"]);
  const { found } = run("زار الأمين العام للأمم المتحدة أنطونيو غوتيريش بغداد");
  assert.ok(found.includes("PER:أنطونيو غوتيريش"), found.join(" | "));
  assert.ok(found.includes("LOC:بغداد"), found.join(" | "));
  assert.ok(
    found.some((f) => f.startsWith("ORG:") && f.includes("المتحدة")),
    found.join(" | "),
  );
});

test("a company and a mention after a glued preposition", () => {
  assert.ok(run("أعلنت شركة أرامكو السعودية عن أرباح قياسية").found.some((f) => f.startsWith("ORG:") && f.includes("أرامكو")));
  // "لبوتين": the segmenter splits ل + بوتين, so the mention starts at بوتين.
  const { found } = run("وشارك لبوتين وفد من موسكو");
  assert.deepEqual(found, ["PER:بوتين", "LOC:موسكو"]);
});

test("diacritized and elongated text is read like plain text", () => {
  const plain = run("التقى الرئيس الفرنسي إيمانويل ماكرون نظيره المصري في القاهرة").spans;
  const marked = run("التقى الرئيسُ الفرنسيُّ إيمانويلُ ماكرونُ نظيرَه المصريَّ في القاهرةِ").spans;
  assert.deepEqual(
    marked.map((s) => [s.type, s.tokenStart, s.tokenEnd]),
    plain.map((s) => [s.type, s.tokenStart, s.tokenEnd]),
  );
  const { found } = run("قال الرئيــــس الفرنسي إيمانويل ماكرووون");
  assert.deepEqual(found, ["PER:إيمانويل ماكرووون"]);
});

test("empty input, punctuation only, pure Latin text: sensible output, no crash", () => {
  assert.deepEqual(loadNer().recognize([]), []);
  assert.deepEqual(run("، . ؟ !").spans, []);
  const latin = run("Emmanuel Macron met Vladimir Putin in Moscow on Tuesday.");
  assert.ok(Array.isArray(latin.spans));
});

test("a 10,000-token sentence is tagged in linear time", () => {
  const base = "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الاتحاد الأوروبي سيدعم أوكرانيا";
  const words: string[] = [];
  while (words.length < 10_000) words.push(...base.split(" "));
  const text = words.slice(0, 10_000).join(" ");
  const t0 = Date.now();
  const { spans } = run(text);
  const ms = Date.now() - t0;
  assert.ok(spans.length > 1000, `found ${spans.length} names`);
  assert.ok(ms < 3000, `took ${ms} ms`);
});
