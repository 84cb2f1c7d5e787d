/**
 * JSONL records (the ANT corpus format) → RawInput → document: field
 * mapping, the abstract-as-lead rule, HTML detection, and bad records.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArticle, recordToInput } from "../src/article/index.js";
import { InputError } from "../src/errors.js";

const P1 = "وقعت شركة الكهرباء الوطنية، الثلاثاء، اتفاقية لبناء محطة رياح جديدة بقدرة خمسمئة ميغاواط في جنوب البلاد.";
const P2 = "وقال المدير التنفيذي للشركة إن المحطة ستدخل الخدمة خلال ثلاث سنوات، وستغطي حاجة نحو مئتي ألف منزل.";
const P3 = "وتسعى الحكومة إلى رفع حصة الطاقة المتجددة في إنتاج الكهرباء إلى الثلث بحلول نهاية العقد.";
const base = {
  id: "X-economy-1",
  source: "SampleNews",
  category: "economy",
  url: "https://example.org/a/1",
  title: "اتفاقية لبناء محطة رياح جديدة",
  published: "2018-03-04T10:00:00+00:00",
  author: "",
};

test("fields: outlet lower-cased, section from category, published, url, empty author dropped, format jsonl", () => {
  const input = recordToInput({ ...base, abstract: "", text: [P1, P2, P3].join("\n") }, "news.jsonl:1");
  assert.equal(input.format, "txt");
  assert.equal(input.outlet, "samplenews");
  assert.equal(input.section, "economy");
  assert.equal(input.author, null);
  const doc = parseArticle(input);
  assert.equal(doc.title, base.title);
  assert.equal(doc.published, base.published);
  assert.deepEqual(doc.source, { path: null, url: base.url, outlet: "samplenews", section: "economy", format: "jsonl" });
  // No abstract: the position rule makes the short first paragraph the lead.
  assert.equal(doc.lead, P1);
  assert.deepEqual(doc.paragraphs, [P2, P3]);
});

test("an abstract equal to the body's start is not repeated: the first paragraph is the lead", () => {
  const doc = parseArticle(recordToInput({ ...base, abstract: P1, text: [P1, P2, P3].join("\n") }, "r"));
  assert.equal(doc.lead, P1);
  assert.deepEqual(doc.paragraphs, [P2, P3]);
  assert.equal(doc.text.split(P1).length, 2, "P1 appears once in text");
});

test("a truncated abstract that runs over a paragraph break still counts as the body's start", () => {
  // The outlet cut its teaser mid-word and dropped the line break ("…الجنوب.وقال").
  const abstract = `${P1}${P2.slice(0, 40)}`;
  const doc = parseArticle(recordToInput({ ...base, abstract, text: [P1, P2, P3].join("\n") }, "r"));
  assert.equal(doc.lead, P1);
  assert.deepEqual(doc.paragraphs, [P2, P3]);
});

test("an abstract that is the outlet's own teaser becomes the lead; all paragraphs stay body", () => {
  const teaser = "مشروع طاقة جديد يعزز الاعتماد على المصادر النظيفة ويوفر الكهرباء لآلاف المنازل";
  const doc = parseArticle(recordToInput({ ...base, abstract: teaser, text: [P1, P2, P3].join("\n") }, "r"));
  assert.equal(doc.lead, teaser);
  assert.deepEqual(doc.paragraphs, [P1, P2, P3]);
  // A label-sized abstract is not a lead.
  const label = parseArticle(recordToInput({ ...base, abstract: "طاقة متجددة", text: [P1, P2, P3].join("\n") }, "r"));
  assert.equal(label.lead, P1);
});

test("a text that is only site boilerplate leaves the abstract as the article", () => {
  const teaser = "يكتب الكاتب عن تجربته مع القراءة في المكتبات العامة وأثرها في تكوينه الثقافي";
  const doc = parseArticle(recordToInput({ ...base, abstract: teaser, text: "** جميع المقالات المنشورة تمثل رأي كتابها فقط." }, "r"));
  assert.equal(doc.lead, teaser);
  assert.deepEqual(doc.paragraphs, []);
  assert.deepEqual(
    doc.removed.map((r) => r.reason),
    ["disclaimer"],
  );
});

test("HTML in text is detected and parsed as HTML", () => {
  const input = recordToInput({ ...base, abstract: "", text: `<p>${P1}</p><p>${P2}</p><p>${P3}</p>` }, "r");
  assert.equal(input.format, "html");
  const doc = parseArticle(input);
  assert.equal(doc.title, base.title);
  assert.equal(doc.source.format, "jsonl");
  assert.deepEqual([doc.lead, ...doc.paragraphs], [P1, P2, P3]);
  assert.equal(recordToInput({ ...base, text: "سعر السهم ارتفع من 3 < 5 إلى 5 > 3 في يوم واحد" }, "r").format, "txt");
});

test("a record with no usable text is an InputError naming the record", () => {
  const bad: Array<[unknown, RegExp]> = [
    [{ ...base, text: "" }, /no text/],
    [{ ...base, text: "   \n  " }, /no text/],
    [{ ...base, text: "... !!! ..." }, /no words/],
    [{ ...base, text: 42 }, /not a string/],
    [null, /not a JSON object/],
    [[1, 2], /not a JSON object/],
    ["نص", /not a JSON object/],
  ];
  for (const [record, why] of bad) {
    assert.throws(
      () => recordToInput(record, "news.jsonl:7"),
      (e: unknown) => e instanceof InputError && e.subject === "news.jsonl:7" && why.test(e.reason),
      JSON.stringify(record),
    );
  }
});

test("a record with an empty text but an abstract keeps the abstract as its text", () => {
  const input = recordToInput({ ...base, text: "", abstract: P1 }, "r");
  assert.equal(input.content, P1);
  const doc = parseArticle(input);
  assert.deepEqual(doc.paragraphs, [P1]);
});
