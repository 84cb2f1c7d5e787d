/**
 * Document ids: stable across runs and paths, blind to spacing, diacritics
 * and page furniture, sensitive to any change of words.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { contentId } from "../src/article/id.js";
import { parseArticle, recordToInput } from "../src/article/index.js";
import { normalizeKey } from "../src/text/normalize.js";

const TITLE = "افتتاح جسر جديد فوق النهر";
const P1 = "افتتح رئيس الوزراء، صباح اليوم، جسرا جديدا فوق النهر يربط شطري المدينة بعد أربع سنوات من العمل.";
const P2 = "وقال وزير النقل إن الجسر سيخفف الازدحام المروري في وسط المدينة.";
const P3 = "ويبلغ طول الجسر نحو كيلومتر واحد، وقد شيدته شركة محلية.";
const TEXT = [TITLE, "", P1, "", P2, "", P3].join("\n");
const id = (content: string, path: string | null = null) => parseArticle({ format: "txt", content, path }).id;

test("the id is 16 hex digits, the same on every run (pinned value)", () => {
  const a = id(TEXT);
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(a, id(TEXT));
  // Pinned: changing how ids are computed breaks every stored reference.
  // sha256("عنوان فقره اولي. فقره ثانيه.") — the normalized key, computed by hand.
  assert.equal(contentId("عنوان", "", ["فقرة أولى.", "فقرة ثانية."]), "fda5cd503a504c6a");
});

test("the same content from two paths, or as a JSONL record, gets the same id", () => {
  assert.equal(id(TEXT, "a/one.txt"), id(TEXT, "b/two.txt"));
  const record = recordToInput({ title: TITLE, text: [P1, P2, P3].join("\n"), abstract: P1, source: "x" }, "r");
  assert.equal(parseArticle(record).id, id(TEXT));
});

test("spacing, line endings, invisible marks, diacritics, captions and boilerplate do not change the id", () => {
  const base = id(TEXT);
  assert.equal(id(TEXT.replace(/\n/g, "\r\n")), base);
  assert.equal(id(TEXT.replace(/ /g, "  ")), base);
  assert.equal(id(TEXT.replace("الجسر", "الجِسْر")), base);
  assert.equal(id(TEXT.replace("الجسر", "الجسر\u200f")), base);
  assert.equal(id(`${TEXT}\n• الجسر الجديد عند الافتتاح (أرشيف)\nاخترنا لك\nعنوان خبر آخر`), base);
});

test("any change of words changes the id", () => {
  const base = id(TEXT);
  assert.notEqual(id(TEXT.replace("أربع", "خمس")), base);
  assert.notEqual(id(TEXT.replace(TITLE, "افتتاح جسر قديم فوق النهر")), base);
  assert.notEqual(id(`${TEXT}\nوحضر الافتتاح عدد من الوزراء والسفراء.`), base);
});

test("the sliced hash equals the hash of the whole normalized text, even across slice boundaries", () => {
  const reference = (parts: string[]) =>
    createHash("sha256")
      .update(
        normalizeKey(parts.filter((p) => p !== "").join("\n"))
          .replace(/\s+/g, " ")
          .trim(),
        "utf8",
      )
      .digest("hex")
      .slice(0, 16);
  const filler = "كلمة ".repeat(6553); // 32765 chars: the next spaces straddle the 32768 slice boundary
  const cases: string[][] = [
    [TITLE, P1, P2],
    [TITLE, "", P2],
    ["ـ", "عنوان", `${filler}   ـــ  آخر`],
    [TITLE, `${filler}ab${"c".repeat(40000)} ة`],
    [" ", "ا", " ب "],
  ];
  for (const [t, l, ...ps] of cases) assert.equal(contentId(t, l ?? "", ps), reference([t, l ?? "", ...ps]));
});

test("a control that separates two words is a space in the text and in the id; inside a word it is not", () => {
  const spaced = id(TEXT.replace("شطري المدينة", "شطري\u200fالمدينة"));
  assert.equal(spaced, id(TEXT), "شطري\\u200fالمدينة reads شطري المدينة");
  assert.notEqual(spaced, id(TEXT.replace("شطري المدينة", "شطريالمدينة")));
  const doc = parseArticle({ format: "txt", content: TEXT.replace("شطري المدينة", "شطري\u200fالمدينة") });
  assert.ok(doc.text.includes("شطري المدينة"));
  assert.equal(doc.text, [doc.title, doc.lead, ...doc.paragraphs].filter(Boolean).join("\n\n"));
  // A title given separately (JSONL) is cleaned as the body is.
  const record = recordToInput({ title: "افتتاح\u200fجسر جديد فوق النهر\u200e", text: [P1, P2, P3].join("\n"), source: "x" }, "r");
  assert.equal(parseArticle(record).title, "افتتاح جسر جديد فوق النهر");
});
