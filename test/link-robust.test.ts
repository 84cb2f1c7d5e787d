/**
 * The linker on bad and unusual input: no spans, malformed spans, 10k
 * mentions, Latin names, diacritized names.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { KnowledgeBase } from "../src/kb/index.js";
import { linkEntities, type NerSpan } from "../src/nlp/link/index.js";

function doc(text: string, title = ""): ArticleDocument {
  return {
    schema: "marsad.article/1",
    id: "t",
    source: { path: null, url: null, outlet: null },
    published: "2020-01-01",
    title,
    lead: "",
    captions: [],
    paragraphs: [],
    removed: [],
    text,
    sentences: [],
    entities: [],
    quotes: [],
    events: [],
    topics: [],
    keywords: [],
    summary: [],
    dates: [],
  };
}

/** Spans for every whole occurrence of each surface. */
function spans(text: string, list: [string, NerSpan["type"]][]): NerSpan[] {
  const out: NerSpan[] = [];
  for (const [s, type] of list) {
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
      if (/[\p{L}]/u.test(text[i + s.length] ?? "") || /[\p{L}]/u.test(text[i - 1] ?? "")) continue;
      out.push({ start: i, end: i + s.length, text: s, type, tokenStart: 0, tokenEnd: 0 });
    }
  }
  return out;
}

test("no mentions: no entities (with and without a KB)", () => {
  assert.deepEqual(linkEntities(doc("نص بلا أسماء."), [], null), []);
  assert.deepEqual(linkEntities(doc(""), [], KnowledgeBase.loadSeed()), []);
});

test("a bare title with no name and no KB makes no entity", () => {
  assert.deepEqual(linkEntities(doc("قال الرئيس الروسي إن الوضع مستقر."), [], null), []);
});

test("malformed input is an InputError; malformed spans are skipped", () => {
  assert.throws(() => linkEntities({} as ArticleDocument, [], null), InputError);
  assert.throws(() => linkEntities(doc("x"), null as unknown as NerSpan[], null), InputError);
  const text = "وصل بوتين إلى بكين.";
  const good = spans(text, [["بوتين", "PER"]]);
  const bad = [
    { start: -5, end: 2, type: "PER" },
    { start: 3, end: 1000, type: "LOC" },
    { start: Number.NaN, end: 4, type: "PER" },
    { start: 4, end: 4, type: "PER" },
    { start: 0, end: 3, type: "PERSON" },
    null,
    { ...good[0], start: good[0].start + 1 }, // overlaps the good one
  ] as unknown as NerSpan[];
  const es = linkEntities(doc(text), [...good, ...bad], null);
  assert.ok(es.some((e) => e.name === "بوتين"));
  for (const e of es) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test("diacritized and plain forms of a name cluster", () => {
  const text = "قال فَلادِيمِير بُوتِين إن المحادثات جيدة. وأضاف بوتين أن التعاون مستمر.";
  const es = linkEntities(
    doc(text),
    spans(text, [
      ["فَلادِيمِير بُوتِين", "PER"],
      ["بوتين", "PER"],
    ]),
    null,
  );
  assert.equal(es.length, 1);
  assert.equal(es[0].mentions.length, 2);
});

test("Latin names: surname back-reference and an acronym in parentheses", () => {
  const text = "Vladimir Putin met officials of the World Health Organization (WHO). Putin praised the WHO.";
  const es = linkEntities(
    doc(text),
    spans(text, [
      ["Vladimir Putin", "PER"],
      ["Putin", "PER"],
      ["World Health Organization", "ORG"],
      ["WHO", "ORG"],
    ]),
    KnowledgeBase.loadSeed(),
  );
  const putin = es.filter((e) => e.type === "PER");
  assert.equal(putin.length, 1);
  assert.equal(putin[0].mentions.length, 2);
  const who = es.filter((e) => e.type === "ORG");
  assert.equal(who.length, 1, JSON.stringify(who));
  assert.equal(who[0].mentions.length, 3);
});

test("10k mentions link in near-linear time", () => {
  const given = ["محمد", "جون", "ماريا", "علي", "بيتر", "سارة", "Anna", "Li"];
  const family = Array.from({ length: 500 }, (_, i) => `عائلة${String.fromCharCode(0x0627 + (i % 20))}${i}`);
  const parts: string[] = [];
  const list: NerSpan[] = [];
  let pos = 0;
  for (let i = 0; i < 10_000; i++) {
    const name =
      i % 3 === 0
        ? `${given[i % given.length]} ${family[i % family.length]}`
        : i % 3 === 1
          ? family[i % family.length]
          : given[i % given.length];
    const piece = `قال ${name} كلاما.`;
    list.push({ start: pos + 4, end: pos + 4 + name.length, text: name, type: "PER", tokenStart: 0, tokenEnd: 0 });
    parts.push(piece);
    pos += piece.length + 1;
  }
  const text = parts.join(" ");
  const t0 = performance.now();
  const es = linkEntities(doc(text), list, KnowledgeBase.loadSeed());
  const ms = performance.now() - t0;
  assert.ok(es.length > 0 && es.length < 10_000);
  assert.equal(
    es.reduce((n, e) => n + e.mentions.length, 0),
    10_000,
  );
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
});

test("an assimilated article: للأمم is ل + الأمم when الأمم occurs, للبنان stays لبنان", () => {
  const text = "دعا لبنان الأمم المتحدة إلى التدخل. وقدم الوفد شكوى للأمم المتحدة وأعلن دعمه للبنان.";
  const list: NerSpan[] = [];
  const add = (s: string, from: number, type: NerSpan["type"]) => {
    const i = text.indexOf(s, from);
    list.push({ start: i, end: i + s.length, text: s, type, tokenStart: 0, tokenEnd: 0 });
  };
  add("لبنان", 0, "LOC");
  add("الأمم المتحدة", 0, "ORG");
  add("لأمم المتحدة", text.indexOf("للأمم") + 1, "ORG"); // as the NER reports it: one ل skipped
  add("لبنان", text.indexOf("للبنان") + 1, "LOC");
  const es = linkEntities(doc(text), list, null);
  const un = es.find((e) => e.type === "ORG");
  assert.equal(un?.mentions.length, 2);
  assert.equal(un?.name, "الأمم المتحدة");
  const lb = es.find((e) => e.type === "LOC");
  assert.equal(lb?.mentions.length, 2);
  assert.equal(lb?.name, "لبنان");
  assert.equal(es.length, 2);
});

test("NER repairs: a name cut in two is joined when known; a leftover proclitic is skipped", () => {
  const text = "زار الوفد هونغ كونغ. وتقع هونغ كونغ جنوب البلاد. ثم عاد إلى روسيا ثم غادر وروسيا تراقب.";
  const list: NerSpan[] = [];
  const add = (s: string, from: number, type: NerSpan["type"]) => {
    const i = text.indexOf(s, from);
    list.push({ start: i, end: i + s.length, text: s, type, tokenStart: 0, tokenEnd: 0 });
  };
  add("هونغ كونغ", 0, "LOC");
  const second = text.indexOf("هونغ", text.indexOf("وتقع"));
  add("هونغ", second, "LOC");
  add("كونغ", second, "LOC");
  add("روسيا", 0, "LOC");
  add("وروسيا", 0, "LOC");
  const es = linkEntities(doc(text), list, null);
  assert.equal(es.length, 2, JSON.stringify(es.map((e) => e.mentions.map((m) => m.text))));
  const hk = es.find((e) => e.name === "هونغ كونغ");
  assert.deepEqual(
    hk?.mentions.map((m) => m.text),
    ["هونغ كونغ", "هونغ كونغ"],
  );
  const ru = es.find((e) => e.name === "روسيا");
  assert.deepEqual(
    ru?.mentions.map((m) => m.text),
    ["روسيا", "روسيا"],
  );
  for (const e of es) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});
