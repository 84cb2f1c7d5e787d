/**
 * Keywords as key phrases and names, on articles we wrote: entity names
 * come out whole and their words are not repeated, verbs stay out, a
 * three-word phrase wins over the two-word phrase inside it when seen as
 * often, common words give way to specific ones, a nationality adjective
 * does not appear beside its country, and one-off words come last.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity, EntityType } from "../src/document.js";
import { extractKeywords } from "../src/nlp/keywords/index.js";
import { looksLikeVerb } from "../src/nlp/keywords/verbs.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

/** An entity whose mentions are every occurrence of each given string in the text. */
function entity(text: string, id: string, type: EntityType, name: string, surfaces: string[]): Entity {
  const mentions = [];
  for (const s of surfaces) {
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + s.length)) mentions.push({ start: at, end: at + s.length, text: s });
  }
  mentions.sort((a, b) => a.start - b.start);
  return { id, name, type, kbId: null, mentions, salience: 1 };
}

test("verbs read as verbs; nouns and names do not", () => {
  for (const v of ["يدعم", "تتفقان", "اتفق", "أعلن", "يتفاوضون"]) assert.ok(looksLikeVerb(v), v);
  for (const n of ["التعاون", "حماية", "روسيا", "تونس", "بوتين", "قيمتها", "المفاوضات"]) assert.ok(!looksLikeVerb(n), n);
});

test("names come out whole, as the entity's name, and their words are not repeated", () => {
  const doc = makeDoc("وزيرة الخارجية ليلى المنصوري تزور طوكيو", [
    "وصلت وزيرة الخارجية ليلى المنصوري إلى طوكيو في زيارة رسمية تستمر ثلاثة أيام.",
    "وقالت المنصوري إن محادثاتها في طوكيو تتناول التجارة والطاقة المتجددة.",
    "وتلتقي المنصوري رئيس الوزراء الياباني غدا، وتزور مصنعا للطاقة المتجددة.",
  ]);
  doc.entities = [
    entity(doc.text, "e1", "PER", "ليلى المنصوري", ["ليلى المنصوري", "المنصوري"]),
    entity(doc.text, "e2", "LOC", "طوكيو", ["طوكيو"]),
  ];
  // The surface "المنصوري" inside "ليلى المنصوري" is found twice by the helper above; keep the longer span.
  doc.entities[0].mentions = doc.entities[0].mentions.filter(
    (m, i, all) => !all.some((o, j) => j !== i && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start),
  );
  const kw = extractKeywords(doc);
  assert.ok(kw.includes("ليلى المنصوري"), kw.join(" | "));
  assert.ok(kw.includes("طوكيو"), kw.join(" | "));
  assert.ok(!kw.includes("المنصوري"), `a name's word alone: ${kw.join(" | ")}`);
  assert.ok(kw.includes("الطاقة المتجددة"), kw.join(" | "));
});

test("verbs never become keywords, however often they occur", () => {
  const doc = makeDoc("الطرفان يتفاوضون على اتفاق للتجارة الحرة", [
    "يتفاوضون منذ أشهر على اتفاق للتجارة الحرة بين البلدين.",
    "وقال مسؤول إن الوفدين يتفاوضون على الرسوم الجمركية وحصص الاستيراد.",
    "ويتفاوضون أيضا على قواعد المنشأ، وتأمل الحكومتان إنهاء اتفاق التجارة الحرة قبل نهاية العام.",
  ]);
  const kw = extractKeywords(doc, 20);
  assert.ok(kw.length > 0);
  for (const k of kw) for (const w of k.split(" ")) assert.ok(!looksLikeVerb(w), `verb "${w}" in ${kw.join(" | ")}`);
  assert.ok(
    kw.some((k) => k.includes("التجارة الحرة")),
    kw.join(" | "),
  );
});

test("a three-word phrase seen as often as the two-word phrase inside it wins", () => {
  const doc = makeDoc("ارتفاع الإصابات بفيروس الحمى النزفية", [
    "سجلت السلطات الصحية عشر إصابات جديدة بفيروس الحمى النزفية في المنطقة الشرقية.",
    "ويعالج المصابون بفيروس الحمى النزفية في مستشفى المدينة، وحالتهم مستقرة.",
    "ودعت الوزارة السكان إلى الإبلاغ عن أي أعراض مشابهة.",
  ]);
  const kw = extractKeywords(doc, 15);
  assert.ok(kw.includes("فيروس الحمى النزفية"), kw.join(" | "));
  assert.ok(!kw.includes("فيروس الحمى") && !kw.includes("الحمى النزفية"), kw.join(" | "));
});

test("common words give way to specific ones; a nationality adjective does not repeat its country", () => {
  const doc = makeDoc("مزارعو الزعفران في إسبانيا يشكون الجفاف", [
    "يشكو مزارعو الزعفران في إسبانيا من موسم جاف قلص المحصول إلى النصف.",
    "وطالب المزارعون الحكومة بحماية الأسعار، وقال أحدهم للوزير الإسباني إن حماية المزارعين واجب.",
    "ويطالب الاتحاد الإسباني للمزارعين بحماية القطاع ودعم صادرات الزعفران إلى إسبانيا وخارجها.",
  ]);
  const kw = extractKeywords(doc, 20);
  const saffron = kw.findIndex((k) => k.includes("الزعفران"));
  const protection = kw.findIndex((k) => k.includes("حماية"));
  assert.ok(saffron >= 0 && (protection < 0 || saffron < protection), kw.join(" | "));
  assert.ok(kw.includes("إسبانيا"), kw.join(" | "));
  assert.ok(!kw.some((k) => k.split(" ").includes("الإسباني")), kw.join(" | "));
});

test("words seen once come after words seen more often", () => {
  const doc = makeDoc("", ["افتتحت البلدية حديقة عامة جديدة. وتضم الحديقة ملعبا للأطفال ونافورة كبيرة. وتفتح الحديقة أبوابها يوميا."]);
  const kw = extractKeywords(doc, 10);
  assert.equal(kw[0], "الحديقة", kw.join(" | "));
});
