import assert from "node:assert/strict";
import { test } from "node:test";
import { splitSentences } from "../src/text/sentences.js";

const split = (s: string) => splitSentences(s).map((x) => s.slice(x.start, x.end));

test("Arabic sentence punctuation ends sentences", () => {
  assert.deepEqual(split("وصل الوفد. هل بدأ الاجتماع؟ نعم! ثم انتهى؛ وغادر الجميع…"), [
    "وصل الوفد.",
    "هل بدأ الاجتماع؟",
    "نعم!",
    "ثم انتهى؛",
    "وغادر الجميع…",
  ]);
});

test("decimals and abbreviations do not end sentences", () => {
  assert.deepEqual(split("بلغ النمو 3.5 في المئة. وقال د. أحمد إن ذلك جيد."), ["بلغ النمو 3.5 في المئة.", "وقال د. أحمد إن ذلك جيد."]);
  assert.deepEqual(split("ولد عام 1950 م. في القاهرة."), ["ولد عام 1950 م. في القاهرة."]);
});

test("a short quotation is not cut in the middle", () => {
  assert.deepEqual(split('وقال الوزير: "الوضع صعب. لكننا سننجح". ثم غادر.'), ['وقال الوزير: "الوضع صعب. لكننا سننجح".', "ثم غادر."]);
  assert.deepEqual(split("وأضاف «لن نتراجع. أبدا» وختم كلمته."), ["وأضاف «لن نتراجع. أبدا» وختم كلمته."]);
});

test("an unclosed quotation does not swallow the rest", () => {
  assert.deepEqual(split('قال: "بداية بلا نهاية. ثم جملة أخرى. وثالثة.'), ['قال: "بداية بلا نهاية.', "ثم جملة أخرى.", "وثالثة."]);
});

test("closing quotes stay with their sentence; line breaks end sentences", () => {
  assert.deepEqual(split("قال «انتهى الأمر.» ثم صمت\nسطر جديد"), ["قال «انتهى الأمر.»", "ثم صمت", "سطر جديد"]);
});

test("dots inside tokens (web addresses, versions) are not boundaries", () => {
  assert.deepEqual(split("زوروا example.com للمزيد. شكرا"), ["زوروا example.com للمزيد.", "شكرا"]);
});

test("spans are trimmed and point into the text; empty input gives none", () => {
  const s = "  أولى.   ثانية.  ";
  for (const sp of splitSentences(s)) assert.equal(s.slice(sp.start, sp.end).trim(), s.slice(sp.start, sp.end));
  assert.deepEqual(splitSentences(""), []);
  assert.deepEqual(splitSentences("   "), []);
});

test("a very long run without punctuation is one sentence and fast", () => {
  const s = "كلمة ".repeat(100_000);
  assert.equal(splitSentences(s).length, 1);
});
