/**
 * The structure of scraped plain text: the reference article (checked
 * against expected.json's `structure` part) and fixtures we wrote for
 * captions, boilerplate tails, repeats and leads.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { layout, parseArticle } from "../src/article/index.js";
import { ROOT, seedDir } from "../src/paths.js";
import { normalizeKey } from "../src/text/normalize.js";

const FIX = join(ROOT, "test", "fixtures", "article");
const fixture = (name: string) => readFileSync(join(FIX, name), "utf8");
const key = (s: string) => normalizeKey(s).replace(/\s+/g, " ").trim();
const reasons = (removed: { reason: string }[]) => removed.map((r) => r.reason);

test("the reference article matches expected.json's structure", (t) => {
  const dir = seedDir();
  const file = join(dir, "000_1d7f084c0602acb7.txt");
  const expectedFile = join(dir, "expected.json");
  if (!existsSync(file) || !existsSync(expectedFile)) {
    t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
    return;
  }
  const expected = JSON.parse(readFileSync(expectedFile, "utf8"));
  const s = expected.structure;
  const doc = parseArticle({ format: "txt", content: readFileSync(file, "utf8"), path: file, published: expected.published });
  assert.equal(key(doc.title), key(s.title));
  assert.ok(key(doc.lead).startsWith(key(s.leadStartsWith)), `lead: ${doc.lead}`);
  assert.deepEqual(doc.captions.map(key), s.captions.map(key));
  assert.equal(doc.paragraphs.length, s.bodyParagraphs);
  const body = key(doc.paragraphs.join("\n"));
  for (const bad of s.bodyMustNotContain) {
    assert.ok(!body.includes(key(bad)), `body contains ${bad}`);
    assert.ok(!key(doc.lead).includes(key(bad)), `lead contains ${bad}`);
  }
  const removed = doc.removed.map((r) => key(r.text));
  for (const want of s.removedMustContain)
    assert.ok(
      removed.some((r) => r.includes(key(want))),
      `removed lacks ${want}`,
    );
  assert.equal(doc.published, expected.published);
});

test("captions: bullet, repeat, (أرشيف), credit and label; each once, never in the body", () => {
  const doc = parseArticle({ format: "txt", content: fixture("captions.txt"), path: "captions.txt" });
  assert.equal(doc.title, "وزراء الزراعة العرب يبحثون في الرباط خطة لمواجهة الجفاف");
  assert.equal(doc.lead, "اجتماع طارئ في العاصمة المغربية لبحث تراجع المحاصيل وارتفاع أسعار الحبوب في المنطقة.");
  assert.deepEqual(doc.captions, [
    "وزير الزراعة المغربي يتحدث إلى الصحفيين قبل الاجتماع (أرشيف)",
    "حقول قمح جافة في سهل سايس شمال المغرب (رويترز)",
    "صورة: مزارع يتفقد محصوله في ضواحي مكناس",
    "سوق الحبوب في الدار البيضاء",
  ]);
  // A run of "-" lines is a list in the body, not captions.
  assert.deepEqual(doc.paragraphs, [
    "افتتح وزراء الزراعة في الدول العربية، صباح اليوم الاثنين، اجتماعا طارئا في الرباط لبحث آثار موجة الجفاف التي ضربت المنطقة هذا العام.",
    'وقال وزير الزراعة المغربي في كلمة الافتتاح إن "المنطقة تواجه أسوأ موسم زراعي منذ عقدين"، داعيا إلى تنسيق السياسات الزراعية بين الدول العربية.',
    "وأضاف أن بلاده خصصت مبالغ كبيرة لدعم صغار المزارعين وتوفير مياه الري في المناطق الأكثر تضررا.",
    "وأظهرت أرقام رسمية ما يلي:",
    "- تراجع إنتاج القمح بنسبة كبيرة",
    "- ارتفاع أسعار الأعلاف",
    "- نقص مياه الري",
    "ومن المنتظر أن يصدر الوزراء في ختام الاجتماع بيانا يتضمن توصيات بإنشاء مخزون غذائي مشترك.",
  ]);
  assert.ok(!doc.text.includes("•") && !doc.text.includes("(أرشيف)") && !doc.text.includes("▪"));
  assert.deepEqual(reasons(doc.removed), [
    "duplicate-caption",
    "share",
    "share",
    "follow",
    "read-also",
    "related-links",
    "related-links",
    "copyright",
  ]);
});

test("a read-also heading mid-article takes only the headline after it; a tags heading at the end takes the tail", () => {
  const doc = parseArticle({ format: "txt", content: fixture("mid-read-also.txt") });
  assert.equal(doc.paragraphs.length, 3);
  assert.ok(doc.lead.startsWith("افتتح وزير الثقافة التونسي"));
  assert.ok(doc.paragraphs[1].startsWith("وأضاف أن البرنامج الثقافي"));
  assert.deepEqual(
    doc.removed.map((r) => [r.reason, r.text]),
    [
      ["read-also", "اقرأ أيضا:"],
      ["related-links", "جائزة جديدة للرواية العربية تعلن قائمتها الطويلة"],
      ["tags", "الكلمات المفتاحية"],
      ["related-links", "معرض الكتاب"],
      ["related-links", "تونس"],
      ["related-links", "ثقافة"],
    ],
  );
});

test("separators, repeated paragraphs, newsletter, app promo, disclaimer and agency lines are removed with reasons", () => {
  const doc = parseArticle({ format: "txt", content: fixture("promo.txt") });
  assert.equal(doc.title, "أمطار غزيرة تغلق طرقا في شمال الأردن");
  assert.equal(doc.paragraphs.length, 2);
  assert.deepEqual(reasons(doc.removed), ["separator", "duplicate-paragraph", "separator", "newsletter", "promo", "disclaimer", "credit"]);
});

test("every input line lands in exactly one place", () => {
  for (const name of ["captions.txt", "mid-read-also.txt", "promo.txt"]) {
    const content = fixture(name);
    const doc = parseArticle({ format: "txt", content });
    const lines = content
      .split("\n")
      .map((l) => l.trim().replace(/ {2,}/g, " "))
      .filter((l) => l !== "");
    const placed = 1 + (doc.lead ? 1 : 0) + doc.paragraphs.length + doc.captions.length + doc.removed.length;
    assert.equal(placed, lines.length, name);
  }
});

test("text is title, lead and paragraphs joined by blank lines; layout gives their spans", () => {
  const doc = parseArticle({ format: "txt", content: fixture("captions.txt") });
  assert.equal(doc.text, [doc.title, doc.lead, ...doc.paragraphs].join("\n\n"));
  const l = layout(doc);
  assert.equal(doc.text.slice(l.title!.start, l.title!.end), doc.title);
  assert.equal(doc.text.slice(l.lead!.start, l.lead!.end), doc.lead);
  l.paragraphs.forEach((s, i) => {
    assert.equal(doc.text.slice(s.start, s.end), doc.paragraphs[i]);
  });
  for (const f of ["sentences", "entities", "quotes", "events", "topics", "keywords", "summary", "dates"] as const)
    assert.deepEqual(doc[f], []);
  assert.equal(doc.schema, "marsad.article/1");
  assert.equal(doc.source.format, "txt");
});

test("cleaning: invisible controls dropped, odd spaces unified, runs of spaces collapsed, CRLF folded", () => {
  const content =
    "عنوان\u200f الخبر\r\n\r\nفقرة\u00a0أولى  فيها\tمسافات كثيرة وكلمات كافية لتكون فقرة.\r\n\r\nفقرة ثانية فيها كلمات كافية لتكون فقرة من النص.\r\n";
  const doc = parseArticle({ format: "txt", content });
  assert.equal(doc.title, "عنوان الخبر");
  assert.equal(doc.lead, "فقرة أولى فيها مسافات كثيرة وكلمات كافية لتكون فقرة.");
  assert.deepEqual(doc.paragraphs, ["فقرة ثانية فيها كلمات كافية لتكون فقرة من النص."]);
});

test("lead: a long first paragraph, a list heading or a lone paragraph is not a lead", () => {
  const long = Array.from({ length: 70 }, () => "كلمة").join(" ");
  const a = parseArticle({ format: "txt", content: `عنوان\n${long}.\nفقرة ثانية من النص.` });
  assert.equal(a.lead, "");
  assert.equal(a.paragraphs.length, 2);
  const b = parseArticle({ format: "txt", content: "عنوان\nوتشمل الإجراءات الجديدة ما يلي:\nأولا رفع الأجور.\nثانيا خفض الضرائب." });
  assert.equal(b.lead, "");
  const c = parseArticle({ format: "txt", content: "عنوان\nفقرة وحيدة في هذا الخبر القصير جدا." });
  assert.equal(c.lead, "");
  assert.deepEqual(c.paragraphs, ["فقرة وحيدة في هذا الخبر القصير جدا."]);
});

test("no title given: a first line that reads as a paragraph is body, and the text has no title", () => {
  // One paragraph of several sentences, ending in a full stop: all body.
  const one = "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير. وقال الوزير إن المستشفى سيخدم سكان الأحياء الجنوبية.";
  const a = parseArticle({ format: "txt", content: one });
  assert.equal(a.title, "");
  assert.equal(a.lead, "");
  assert.deepEqual(a.paragraphs, [one]);
  assert.equal(a.text, one);
  assert.deepEqual(layout(a), { title: null, lead: null, paragraphs: [{ start: 0, end: one.length }] });
  // A long first line without a final stop (over 25 words) is a paragraph too.
  const long = `${Array.from({ length: 30 }, (_, i) => (i % 2 ? "المدينة" : "سكان")).join(" ")}`;
  const b = parseArticle({ format: "txt", content: `${long}\nوأضاف المتحدث أن العمل سيبدأ الشهر المقبل.` });
  assert.equal(b.title, "");
  assert.equal(b.paragraphs.length + (b.lead ? 1 : 0), 2);
  // Nothing later becomes the title either.
  const c = parseArticle({ format: "txt", content: `${one}\nعنوان قصير بلا نقطة\nفقرة أخرى من النص فيها كلمات كافية.` });
  assert.equal(c.title, "");
  assert.ok([c.lead, ...c.paragraphs].includes("عنوان قصير بلا نقطة"));
  // HTML without any title: the first paragraph stays in the body.
  const d = parseArticle({ format: "html", content: `<p>${one}</p>` });
  assert.equal(d.title, "");
  assert.deepEqual([d.lead, ...d.paragraphs].filter(Boolean), [one]);
});

test("no title given: a headline-shaped first line is still the title (an ellipsis or a question is not a full stop)", () => {
  for (const head of ["افتتاح جسر جديد فوق النهر", "الصين.. نمو اقتصادي يتباطأ", "هل تنجح خطة إنقاذ الاقتصاد؟", "قراءة في المشهد…"]) {
    const doc = parseArticle({ format: "txt", content: `${head}\nافتتح رئيس الوزراء اليوم جسرا جديدا فوق النهر.` });
    assert.equal(doc.title, head);
  }
});

test("a repeated body paragraph stays once in the body; its copies are duplicate-paragraph, never captions", () => {
  // Caption-shaped (no final stop, under 30 words) and repeated: still body text.
  const rep = "وقال المتحدث إن الاجتماع المقبل سيعقد في الأسبوع القادم بحضور الوزراء";
  const other = "وأضاف أن جدول الأعمال يتضمن ملفات الطاقة والمياه والنقل بين البلدين.";
  const doc = parseArticle({ format: "txt", content: `عنوان الخبر\n${rep}\n${other}\n${rep}\n${rep.replace("المقبل", "المقبل،")}` });
  assert.deepEqual(doc.captions, []);
  assert.deepEqual([doc.lead, ...doc.paragraphs].filter(Boolean), [rep, other]);
  assert.deepEqual(
    doc.removed.map((r) => r.reason),
    ["duplicate-paragraph", "duplicate-paragraph"],
  );
  // Different words are a different paragraph, however similar; short repeats (labels) stay.
  const near = rep.replace("القادم", "الذي يليه");
  const label = "النتائج الأولية:";
  const d2 = parseArticle({ format: "txt", content: `عنوان الخبر\n${label}\n${rep}\n${label}\n${near}` });
  assert.deepEqual([d2.lead, ...d2.paragraphs].filter(Boolean), [label, rep, label, near]);
  assert.deepEqual(d2.removed, []);
});

test("a copy of a caption is duplicate-caption, before or after it, with or without its bullet", () => {
  const cap = "• رئيس الوزراء خلال افتتاح الجسر الجديد";
  const plain = "رئيس الوزراء خلال افتتاح الجسر الجديد";
  const body = "افتتح رئيس الوزراء اليوم جسرا جديدا فوق النهر يربط شطري المدينة.\nوقال إن المشروع استغرق أربع سنوات من العمل.";
  for (const content of [`عنوان\n${plain}\n${body}\n${cap}`, `عنوان\n${cap}\n${body}\n${plain}`]) {
    const doc = parseArticle({ format: "txt", content });
    assert.deepEqual(doc.captions, [plain]);
    assert.deepEqual(
      doc.removed.map((r) => r.reason),
      ["duplicate-caption"],
    );
    assert.ok(!doc.text.includes("خلال افتتاح الجسر الجديد"));
  }
});
