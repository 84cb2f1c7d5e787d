/**
 * Summary invariants on an article we wrote: the sentences come from the
 * text, in text order, the requested number of them, never the title, never
 * the same sentence twice; odd inputs give an empty list.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { summarize } from "../src/nlp/summary/index.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

const TITLE = "الحكومة تعلن خطة لتوسيع شبكة النقل العام في العاصمة";
const PARAGRAPHS = [
  "أعلنت الحكومة خطة لتوسيع شبكة النقل العام في العاصمة تشمل ثلاثة خطوط جديدة للحافلات الكهربائية وخطا للقطار الخفيف. وقال وزير النقل إن الخطة تهدف إلى تخفيف الازدحام في الطرق الرئيسية.",
  "وتبلغ كلفة المشروع نحو ملياري دولار تمولها الحكومة بالشراكة مع بنوك محلية ودولية. ومن المتوقع أن تبدأ الأشغال مطلع العام المقبل.",
  "وقال الوزير إن خطوط الحافلات الكهربائية ستربط الأحياء الشرقية بوسط المدينة، فيما يمتد القطار الخفيف من المطار إلى الجامعة.",
  "نعم.",
  "وأكد مسؤولون في البلدية أن الشبكة الجديدة ستخفض انبعاثات الكربون وتوفر آلاف فرص العمل خلال سنوات البناء.",
  "وأبدى سكان العاصمة ارتياحهم للخطة، وإن طالب بعضهم بخفض أسعار التذاكر وزيادة عدد الرحلات في ساعات الذروة.",
  "وأكد مسؤولون في البلدية أن الشبكة الجديدة ستخفض انبعاثات الكربون وتوفر آلاف فرص العمل خلال سنوات البناء.",
];

test("three sentences of the text, in text order, without the title or repeats", () => {
  const doc = makeDoc(TITLE, PARAGRAPHS);
  const s = summarize(doc);
  assert.equal(s.length, 3);
  let last = -1;
  for (const sentence of s) {
    const at = doc.text.indexOf(sentence, last + 1);
    assert.ok(at > last, `"${sentence}" is in the text after the previous one`);
    assert.ok(
      doc.sentences.some((sp) => doc.text.slice(sp.start, sp.end).trim() === sentence),
      "a whole sentence",
    );
    assert.notEqual(sentence, TITLE);
    last = at;
  }
  assert.equal(new Set(s).size, s.length);
  // News puts the point first: the lead sentence is in.
  assert.ok(s[0].startsWith("أعلنت الحكومة خطة"), s[0]);
  // A two-word paragraph is not summary material.
  assert.ok(!s.includes("نعم."));
});

test("n sentences, at most as many as the body has", () => {
  const doc = makeDoc(TITLE, PARAGRAPHS);
  assert.equal(summarize(doc, 1).length, 1);
  const all = summarize(doc, 50);
  assert.ok(all.length <= doc.sentences.length - 1);
  // The repeated paragraph's sentence is there once.
  assert.equal(all.filter((x) => x.startsWith("وأكد مسؤولون في البلدية")).length, 1);
});

test("works without the sentences layer (splits the text itself)", () => {
  const doc = makeDoc(TITLE, PARAGRAPHS);
  const expected = summarize(doc);
  doc.sentences = [];
  assert.deepEqual(summarize(doc), expected);
});

test("empty, title-only and n ≤ 0 give no summary", () => {
  assert.deepEqual(summarize(makeDoc("", [])), []);
  assert.deepEqual(summarize(makeDoc(TITLE, [])), []);
  assert.deepEqual(summarize(makeDoc(TITLE, PARAGRAPHS), 0), []);
});
