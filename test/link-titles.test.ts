/**
 * Title phrases and appositions (src/nlp/link/titles.ts, apposition.ts), on
 * short hand-written sentences.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { findTitles } from "../src/nlp/link/apposition.js";
import { nationalityOf } from "../src/nlp/link/nationality.js";
import { matchTitle } from "../src/nlp/link/titles.js";
import { normalizeKey } from "../src/text/normalize.js";

const toks = (s: string) => normalizeKey(s).split(" ");

test("a title with a nationality adjective names its country", () => {
  const m = matchTitle(toks("الرئيس الروسي"), 0);
  assert.equal(m?.titleId, "president");
  assert.equal(m?.country, "RUS");
  assert.equal(m?.end, 2);
  const f = matchTitle(toks("وزيرة الخارجية الألمانية"), 0);
  assert.equal(f?.titleId, "foreign-minister");
  assert.equal(f?.country, "DEU");
  const two = matchTitle(toks("الزعيم الكوري الشمالي"), 0);
  assert.equal(two, null, "الزعيم is not in the title table");
  const k = matchTitle(toks("رئيس كوريا الشمالية"), 0);
  assert.equal(k?.country, "PRK");
});

test("construct forms take a country name; proclitics and modifiers are handled", () => {
  const m = matchTitle(toks("ورئيس وزراء بريطانيا"), 0);
  assert.equal(m?.titleId, "prime-minister");
  assert.equal(m?.country, "GBR");
  assert.equal(m?.procliticLetters, 1);
  assert.equal(matchTitle(toks("رئيس مجلس الإدارة"), 0), null, "a construct form needs a country or organization");
  const former = matchTitle(toks("وزير الخارجية الأمريكي السابق"), 0);
  assert.equal(former?.modifier, "former");
  assert.equal(former?.country, "USA");
  assert.equal(matchTitle(toks("الرئيس التنفيذي"), 0), null, "a CEO is not a president");
  assert.equal(matchTitle(toks("المستشار الألماني"), 0)?.titleId, "chancellor");
  assert.equal(matchTitle(toks("المستشار"), 0), null, "المستشار alone is an adviser");
});

test("nationality adjectives in every form map to their country; common words do not", () => {
  for (const w of ["الروسي", "الروسية", "روسي", "والروسية", "الأمريكي", "الأميركية", "الصيني", "البريطانية", "السعودي"]) {
    assert.ok(nationalityOf(w), w);
  }
  assert.equal(nationalityOf("الصينية"), "CHN");
  assert.equal(nationalityOf("المالي"), null, "financial, not Malian");
  assert.equal(nationalityOf("روسيا"), null, "a country name is not an adjective");
});

function spansOf(text: string, list: [string, "PER" | "ORG" | "LOC" | "MISC"][]) {
  return list.map(([s, type]) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, type })).sort((a, b) => a.start - b.start);
}

test("a title right before a PER span is an apposition; a counterpart takes the title", () => {
  const text = "التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ.";
  const spans = spansOf(text, [
    ["فلاديمير بوتين", "PER"],
    ["شي جين بينغ", "PER"],
    ["الروسي", "MISC"],
  ]);
  const hits = findTitles(text, spans);
  assert.equal(hits.length, 2);
  assert.equal(hits[0].text, "الرئيس الروسي");
  assert.equal(spans[hits[0].holder!].start, text.indexOf("فلاديمير"));
  assert.deepEqual(hits[0].covered, [spans.findIndex((s) => s.type === "MISC")]);
  assert.equal(hits[1].titleId, "president");
  assert.equal(hits[1].of, "CHN");
  assert.equal(spans[hits[1].holder!].start, text.indexOf("شي"));
});

test("a name after a genitive title belongs to the office before it", () => {
  const text = "قال مستشار الرئيس الروسي يوري أوشاكوف إن المحادثات مثمرة.";
  const hits = findTitles(text, spansOf(text, [["يوري أوشاكوف", "PER"]]));
  assert.equal(hits.length, 1);
  assert.equal(hits[0].holder, null);
  assert.equal(hits[0].of, "RUS");
});

test("a PER span that swallowed its title is split; an organization genitive is kept", () => {
  const text = "وصل الرئيس الفرنسي إيمانويل ماكرون. وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش كلمة.";
  const spans = spansOf(text, [
    ["الرئيس الفرنسي إيمانويل ماكرون", "PER"],
    ["لأمم المتحدة", "ORG"],
    ["أنطونيو غوتيريش", "PER"],
  ]);
  const hits = findTitles(text, spans);
  assert.equal(hits.length, 2);
  assert.equal(hits[0].holderStart, text.indexOf("إيمانويل"));
  assert.equal(hits[1].titleId, "secretary-general");
  assert.equal(hits[1].of, "org:الامم المتحده");
  assert.equal(spans[hits[1].holder!].start, text.indexOf("أنطونيو"));
});

test("a country named inside a title phrase stays a mention of the country", async () => {
  const { linkEntities } = await import("../src/nlp/link/index.js");
  const text = "قال رئيس وزراء بريطانيا بوريس جونسون إن بريطانيا مستعدة.";
  const spans = spansOf(text, [
    ["بوريس جونسون", "PER"],
    ["بريطانيا", "LOC"],
  ]).map((s) => ({ ...s, text: text.slice(s.start, s.end), tokenStart: 0, tokenEnd: 0 }));
  spans.push({
    start: text.lastIndexOf("بريطانيا"),
    end: text.lastIndexOf("بريطانيا") + 8,
    type: "LOC",
    text: "بريطانيا",
    tokenStart: 0,
    tokenEnd: 0,
  });
  const doc = { text, title: "", lead: "", sentences: [], published: null } as unknown as Parameters<typeof linkEntities>[0];
  const es = linkEntities(doc, spans, null);
  const uk = es.find((e) => e.type === "LOC");
  assert.equal(uk?.mentions.length, 2);
  assert.equal(es.find((e) => e.type === "PER")?.mentions.length, 1);
});
