/**
 * Bad and extreme inputs: empty text, punctuation only, no Arabic, very long
 * lines, huge articles (linear time), and pathological line patterns.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArticle } from "../src/article/index.js";
import { InputError } from "../src/errors.js";

const isInputError = (reason: RegExp) => (e: unknown) => e instanceof InputError && reason.test(e.reason);

test("empty or blank content is an InputError naming the input", () => {
  for (const content of ["", "   ", "\n\n\r\n", "\u200f\u200b"]) {
    assert.throws(
      () => parseArticle({ format: "txt", content, path: "a.txt" }),
      (e: unknown) => e instanceof InputError && e.subject === "a.txt" && /empty article/.test(e.reason),
    );
  }
  assert.throws(() => parseArticle({ format: "html", content: "" }), isInputError(/empty article/));
});

test("punctuation-only lines are separators; a text of nothing else is empty", () => {
  assert.throws(() => parseArticle({ format: "txt", content: "...\n***\n!!!\n—" }), isInputError(/empty article/));
  const doc = parseArticle({
    format: "txt",
    content: "***\nعنوان الخبر\n...\nفقرة أولى من الخبر فيها كلمات كافية.\n؟؟؟\nفقرة ثانية من الخبر.",
  });
  assert.equal(doc.title, "عنوان الخبر");
  assert.deepEqual(
    doc.removed.map((r) => r.reason),
    ["separator", "separator", "separator"],
  );
});

test("a title-only text is a document with no body", () => {
  const doc = parseArticle({ format: "txt", content: "عاجل: زلزال بقوة خمس درجات يضرب الساحل" });
  assert.equal(doc.title, "عاجل: زلزال بقوة خمس درجات يضرب الساحل");
  assert.deepEqual(doc.paragraphs, []);
  assert.equal(doc.text, doc.title);
});

test("text with no Arabic is structured the same way", () => {
  const content =
    "Storm closes roads in the north\n\nHeavy rain closed several roads on Sunday, officials said in a statement.\n\nNo injuries were reported.\n\nRead more\nOther headline here\n© 2024 Example News";
  const doc = parseArticle({ format: "txt", content });
  assert.equal(doc.title, "Storm closes roads in the north");
  assert.equal(doc.lead, "Heavy rain closed several roads on Sunday, officials said in a statement.");
  assert.deepEqual(doc.paragraphs, ["No injuries were reported."]);
  assert.deepEqual(
    doc.removed.map((r) => r.reason),
    ["read-more", "related-links", "copyright"],
  );
});

/** Milliseconds for one parse (best of two, to damp noise on a shared machine). */
function timeParse(content: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    parseArticle({ format: "txt", content });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test("pathological line patterns stay linear (4x input, well under 16x time)", () => {
  const patterns: Array<[string, (n: number) => string]> = [
    ["tail headings", (n) => `عنوان\n${"اقرأ أيضا\n".repeat(n)}`],
    ["bullet captions", (n) => `عنوان\n${Array.from({ length: n }, (_, i) => `• صورة رقم ${i} من الأرشيف (أرشيف)`).join("\n")}`],
    ["repeated lines", (n) => `عنوان\n${"سطر مكرر في النص من دون نهاية\n".repeat(n)}`],
    ["punctuation", (n) => `عنوان\n${"!!! ... ???\n".repeat(n)}`],
    ["one long line", (n) => `عنوان\n${"كلمة ".repeat(n * 4)}`],
    ["open parentheses", (n) => `عنوان\n${"(".repeat(n * 8)}`],
  ];
  for (const [name, make] of patterns) {
    const small = timeParse(make(20_000));
    const big = timeParse(make(80_000));
    assert.ok(big < 10 * Math.max(small, 5), `${name}: ${small.toFixed(0)} ms → ${big.toFixed(0)} ms`);
  }
});

test("a 50 MB article is parsed (linear time, no quadratic pass)", { timeout: 300_000 }, () => {
  const para = (i: number) =>
    `وقال المتحدث باسم الوزارة في البيان رقم ${i} إن الاجتماعات ستتواصل خلال الأسبوع المقبل لبحث الملفات العالقة بين الجانبين.`;
  const parts = ["عنوان الخبر الطويل جدا"];
  let bytes = 0;
  for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
    const p = para(i);
    parts.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  const doc = parseArticle({ format: "txt", content: parts.join("\n\n") });
  assert.equal(doc.paragraphs.length + 1, parts.length - 1);
  assert.match(doc.id, /^[0-9a-f]{16}$/);
});

test("deeply nested HTML is refused at once, not parsed for minutes", () => {
  const html = `${"<div>".repeat(3000)}نص عربي قصير هنا${"</div>".repeat(3000)}`;
  assert.throws(
    () => parseArticle({ format: "html", content: html, path: "deep.html" }),
    (e: unknown) => e instanceof InputError && /deep\.html/.test(e.message) && /nested 3000 deep/.test(e.message),
  );
});
