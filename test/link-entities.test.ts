/**
 * Entity linking within one article, on hand-written fixtures
 * (test/fixtures/link/*.json: text parts + the NER spans to feed in).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity } from "../src/document.js";
import { KnowledgeBase } from "../src/kb/index.js";
import { linkEntities, type NerSpan } from "../src/nlp/link/index.js";
import { loadFixture } from "./fixtures/link/load.js";

const texts = (e: Entity | undefined) => (e ? e.mentions.map((m) => m.text) : []);
const withMention = (es: Entity[], t: string) => es.filter((e) => e.mentions.some((m) => m.text === t));

test("بوتين, فلاديمير بوتين and a later bare الرئيس الروسي are one person", () => {
  const { doc, spans } = loadFixture("putin-xi");
  const es = linkEntities(doc, spans, null);
  const putin = withMention(es, "فلاديمير بوتين");
  assert.equal(putin.length, 1);
  assert.equal(putin[0].type, "PER");
  assert.equal(putin[0].name, "فلاديمير بوتين");
  assert.deepEqual(texts(putin[0]).sort(), ["الرئيس الروسي", "بوتين", "بوتين", "فلاديمير بوتين"].sort());
  assert.equal(withMention(es, "بوتين").length, 1, "no second entity for the surname");
});

test("شي جين بينغ, شي and بينغ (family name first) are one person", () => {
  const { doc, spans } = loadFixture("putin-xi");
  const es = linkEntities(doc, spans, null);
  const xi = withMention(es, "شي جين بينغ");
  assert.equal(xi.length, 1);
  assert.deepEqual(new Set(texts(xi[0])), new Set(["شي جين بينغ", "شي", "بينغ"]));
  assert.equal(xi[0].mentions.length, 4);
  assert.equal(withMention(es, "بينغ").length, 1);
});

test("nationality adjectives are not reported as entities", () => {
  const { doc, spans } = loadFixture("putin-xi");
  assert.ok(
    spans.some((s) => s.text === "الروسي"),
    "the fixture does feed الروسي in",
  );
  const es = linkEntities(doc, spans, null);
  for (const adj of ["الروسي", "الروسية", "الصيني"]) {
    assert.equal(withMention(es, adj).length, 0, `${adj} reported`);
  }
  assert.ok(!es.some((e) => e.name === "الروسي"));
});

test("mentions are exact slices of the text, ids follow salience, salience is 0..1", () => {
  const { doc, spans } = loadFixture("putin-xi");
  const es = linkEntities(doc, spans, null);
  es.forEach((e, i) => {
    assert.equal(e.id, `e${i + 1}`);
    assert.ok(e.salience >= 0 && e.salience <= 1);
    if (i > 0) assert.ok(es[i - 1].salience >= e.salience);
    for (const m of e.mentions) assert.equal(doc.text.slice(m.start, m.end), m.text);
  });
  assert.equal(es[0].salience, 1);
  // The two leaders and the two countries (in the title) lead; Beijing (one body mention) trails them.
  const rank = (t: string) => es.findIndex((e) => e.mentions.some((m) => m.text === t));
  for (const main of ["فلاديمير بوتين", "شي جين بينغ", "روسيا", "الصين"]) assert.ok(rank(main) < rank("بكين"), `${main} before بكين`);
});

test("title and lead mentions weigh more than body mentions", () => {
  const { doc, spans } = loadFixture("putin-xi");
  const es = linkEntities(doc, spans, null);
  const kremlin = withMention(es, "الكرملين")[0];
  const beijing = withMention(es, "بكين")[0];
  const russia = withMention(es, "روسيا")[0];
  assert.ok(russia.salience > kremlin.salience, "روسيا (title) > الكرملين (body)");
  assert.ok(kremlin.salience >= beijing.salience, "earlier body mention ranks at least as high");
});

test("with the seed KB: kbIds, canonical names, and هونج كونج found as هونغ كونغ", () => {
  const kb = KnowledgeBase.loadSeed();
  const { doc, spans } = loadFixture("putin-xi");
  const es = linkEntities(doc, spans, kb);
  const putin = withMention(es, "فلاديمير بوتين")[0];
  assert.equal(putin.kbId, "per:فلاديمير_بوتين");
  assert.equal(withMention(es, "روسيا")[0].kbId, "loc:روسيا");
  const hk = withMention(es, "هونج كونج")[0];
  assert.equal(hk.kbId, "loc:هونغ_كونغ");
  assert.equal(hk.name, "هونغ كونغ", "KB canonical name");
  const un = withMention(es, "الأمم المتحدة")[0];
  assert.equal(un.kbId, "org:الأمم_المتحدة");
  assert.equal(un.mentions.length, 2);
});

test("two spellings of one name in an article merge through the KB", () => {
  const kb = new KnowledgeBase([
    { kbId: "loc:شنغهاي", alias: "شنغهاي", display: "شنغهاي", type: "LOC", source: "user", validFrom: null, validTo: null, count: 1 },
  ]);
  const text = "زار الوفد شنغهاي أمس.\n\nوتعد شنجهاي أكبر مدن البلاد.";
  const doc = { ...loadFixture("putin-xi").doc, title: "", lead: "", paragraphs: [], text, sentences: [] };
  const spans: NerSpan[] = [];
  for (const w of ["شنغهاي", "شنجهاي"]) {
    const i = text.indexOf(w);
    spans.push({ start: i, end: i + w.length, text: w, type: "LOC", tokenStart: 0, tokenEnd: 0 });
  }
  const es = linkEntities(doc, spans, kb);
  assert.equal(es.length, 1);
  assert.equal(es[0].kbId, "loc:شنغهاي");
  assert.equal(es[0].mentions.length, 2);
});
