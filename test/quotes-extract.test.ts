/**
 * Quotation extraction and attribution on short texts we wrote, with the
 * entities given by hand (the NER and linking stages are tested on their own).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity, Token } from "../src/document.js";
import { extractQuotes } from "../src/nlp/quotes/index.js";
import { normalizeKey } from "../src/text/normalize.js";
import { tokenize } from "../src/text/tokenize.js";

function tokens(text: string): Token[] {
  return tokenize(text).map((t) => {
    const s = text.slice(t.start, t.end);
    return { start: t.start, end: t.end, text: s, norm: normalizeKey(s), segments: [{ text: s, role: "stem" as const }] };
  });
}

/** Entities from name lists: every occurrence of each string (after a one-letter proclitic) is a mention. */
function entities(text: string, spec: Array<{ id: string; type: Entity["type"]; names: string[] }>): Entity[] {
  return spec.map((e) => {
    const mentions = [];
    for (const name of e.names) {
      let i = text.indexOf(name);
      while (i >= 0) {
        mentions.push({ start: i, end: i + name.length, text: name });
        i = text.indexOf(name, i + name.length);
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return { id: e.id, name: e.names[0], type: e.type, kbId: null, mentions, salience: 0.5 };
  });
}

const TEXT = [
  "وزيرة الصحة تزور المستشفى الجديد",
  "وقالت وزيرة الصحة سلمى الراشد في مؤتمر صحفي، إن «المستشفى سيخدم آلاف المرضى كل عام».",
  "وأضافت أن الحكومة «ستفتتح مستشفيين آخرين قبل نهاية العام»، مشيرة إلى أن «التمويل متوفر بالكامل».",
  "وشدد على أن الجانب الحكومي يعتبر الصحة مع التعليم «أولوية لا تقبل التأجيل في هذه المرحلة».",
  "من جهته، أكد رئيس البلدية كريم منصور أن المشروع سيوفر مئات الوظائف لسكان المدينة.",
  "«نحن فخورون بهذا الإنجاز الكبير»، قال منصور للصحفيين.",
  'وتابع منصور "سنعمل مع الوزارة على توسيع الخدمات في الأحياء البعيدة',
].join("\n\n");

const ENTS = entities(TEXT, [
  { id: "e1", type: "PER", names: ["سلمى الراشد"] },
  { id: "e2", type: "PER", names: ["كريم منصور", "منصور"] },
]);

const quotes = extractQuotes(TEXT, tokens(TEXT), ENTS);
const find = (prefix: string) => quotes.find((q) => q.text.startsWith(prefix));

test("a verb followed by a name attributes the quotation (VSO, with a title between)", () => {
  const q = find("المستشفى سيخدم");
  assert.ok(q, "quote found");
  assert.equal(q.speaker, "e1");
  assert.equal(q.cue, "وقالت");
  assert.equal(q.direct, true);
  assert.equal(TEXT.slice(q.start, q.end), q.text);
});

test("a cue without a name continues the current speaker; participles too", () => {
  assert.equal(find("ستفتتح مستشفيين")?.speaker, "e1");
  assert.equal(find("التمويل متوفر")?.speaker, "e1");
  assert.equal(find("التمويل متوفر")?.cue, "مشيرة");
});

test("a name after a preposition is an object, not the speaker", () => {
  const q = find("أولوية لا تقبل");
  assert.ok(q);
  assert.equal(q.speaker, "e1");
});

test("reported speech after أن is kept as indirect, with its speaker", () => {
  const q = find("المشروع سيوفر");
  assert.ok(q, JSON.stringify(quotes.map((x) => x.text)));
  assert.equal(q.direct, false);
  assert.equal(q.speaker, "e2");
});

test("a post-posed attribution and an unclosed quotation", () => {
  assert.equal(find("نحن فخورون")?.speaker, "e2");
  const q = find("سنعمل مع الوزارة");
  assert.ok(q);
  assert.equal(q.speaker, "e2");
  assert.ok(q.text.endsWith("البعيدة"));
});

test("short scare quotes are not speech; no entities, no crash", () => {
  const t = "أطلقت الشركة تطبيق «سند» الجديد.";
  assert.deepEqual(extractQuotes(t, tokens(t), []), []);
  assert.deepEqual(extractQuotes("", [], []), []);
});

test("a verb with a subject we did not link gives an unknown speaker, not the previous one", () => {
  const t = [
    "عنوان الخبر",
    "وقالت وزيرة الصحة سلمى الراشد إن «المستشفى سيخدم آلاف المرضى كل عام».",
    "من جهتهم، قال محللون مستقلون إن «هذه الأرقام مبالغ فيها كثيرا».",
    "وأضافوا أن «الميزانية لا تكفي لكل هذه المشاريع».",
  ].join("\n\n");
  const ents = entities(t, [{ id: "e1", type: "PER", names: ["سلمى الراشد"] }]);
  const qs = extractQuotes(t, tokens(t), ents);
  assert.equal(qs.find((q) => q.text.startsWith("المستشفى"))?.speaker, "e1");
  const analysts = qs.find((q) => q.text.startsWith("هذه الأرقام"));
  assert.ok(analysts);
  assert.equal(analysts.speaker, null);
  assert.equal(qs.find((q) => q.text.startsWith("الميزانية"))?.speaker ?? null, null, "the continuation is not the minister's");
});
