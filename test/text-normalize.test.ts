import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanDisplayText, normalizeKey, normalizeWithOffsets } from "../src/text/normalize.js";

test("diacritics, tatweel and dagger alef are removed from keys", () => {
  assert.equal(normalizeKey("مُحَمَّدٌ"), "محمد");
  assert.equal(normalizeKey("وجيـــــه"), "وجيه");
  assert.equal(normalizeKey("هٰذا"), "هذا");
});

test("alef forms, alef maksura and teh marbuta fold in keys", () => {
  assert.equal(normalizeKey("أحمد إبراهيم آمال ٱلله"), "احمد ابراهيم امال الله");
  assert.equal(normalizeKey("مصطفى"), "مصطفي");
  assert.equal(normalizeKey("مدرسة"), "مدرسه");
  assert.equal(normalizeKey("مدرسة", { tehMarbuta: false }), "مدرسة");
});

test("Arabic-Indic and Persian digits become ASCII", () => {
  assert.equal(normalizeKey("٢٠٢٠"), "2020");
  assert.equal(normalizeKey("۱۴۰۲"), "1402");
});

test("presentation forms expand to letters", () => {
  assert.equal(normalizeKey("ﻻ"), "لا");
  assert.equal(normalizeKey("\uFEB3\uFEE0\uFE8E\uFEE1"), "سلام");
});

test("zero-width and bidi controls vanish; Latin lower-cases; Persian letters fold", () => {
  assert.equal(normalizeKey("بو\u200Bتين\u200F"), "بوتين");
  assert.equal(normalizeKey("\u202Bروسيا\u202C"), "روسيا");
  assert.equal(normalizeKey("NATO"), "nato");
  assert.equal(normalizeKey("کتابی"), "كتابي");
});

test("an unchanged string is returned as is", () => {
  const s = "روسيا والصين";
  assert.equal(normalizeKey(s), s);
});

test("offsets map every key character back to the display text", () => {
  const display = "الرئيسُ الروسيّ ﻻ";
  const { text, offsets } = normalizeWithOffsets(display);
  assert.equal(text, "الرييس الروسي لا".replace("الرييس", "الرئيس"));
  assert.equal(offsets.length, text.length + 1);
  // "الروسي" in the key maps back to "الروسيّ" in the display text.
  const k = text.indexOf("الروسي");
  const start = offsets[k];
  const end = offsets[k + "الروسي".length - 1] + 1;
  assert.equal(display.slice(start, end), "الروسي");
  assert.equal(offsets[text.length], display.length);
  // Both halves of the lam-alef ligature point at the ligature.
  assert.equal(offsets[text.length - 1], display.length - 1);
  assert.equal(offsets[text.length - 2], display.length - 1);
});

test("display cleaning keeps letters and drops invisibles", () => {
  assert.equal(cleanDisplayText("سطر\r\nآخر\u200F\u00A0هنا"), "سطر\nآخر هنا");
});

test("display cleaning: a control between two words becomes a space; inside a word it is dropped", () => {
  // Between words: RLM, ZWSP, LRM, ALM, a bidi isolate or pop — one space, however many controls.
  for (const c of ["\u200f", "\u200b", "\u200e", "\u061c", "\u2069", "\u202c", "\u200f\u202c"]) {
    assert.equal(cleanDisplayText(`الصين${c}وروسيا`), "الصين وروسيا", JSON.stringify(c));
  }
  assert.equal(cleanDisplayText("قمة\u200fفي\u200fالعاصمة"), "قمة في العاصمة");
  assert.equal(cleanDisplayText("العام\u200f2020"), "العام 2020");
  assert.equal(cleanDisplayText("مستوى\u202dB1"), "مستوى B1", "a change of script is a word break");
  // Next to a space or punctuation: dropped, never doubled.
  assert.equal(cleanDisplayText("الصين\u200f وروسيا"), "الصين وروسيا");
  assert.equal(cleanDisplayText("«الصين»\u200f، وروسيا\u200e."), "«الصين»، وروسيا.");
  // Inside a word: after a lone proclitic, or before a short tail — dropped.
  assert.equal(cleanDisplayText("و\u200fبعد ذلك"), "وبعد ذلك");
  assert.equal(cleanDisplayText("وال\u200bعراق"), "والعراق");
  assert.equal(cleanDisplayText("السلطات العراق\u200bية"), "السلطات العراقية");
  // Never word breaks: soft hyphen, word joiner, BOM; ZWNJ and ZWJ are kept as written.
  assert.equal(cleanDisplayText("كل\u00adمة\u2060ة\ufeff"), "كلمةة");
  assert.equal(cleanDisplayText("می\u200cخواهد"), "می\u200cخواهد");
});
