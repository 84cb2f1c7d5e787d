/**
 * The events stage on bad and unusual input (a 10,000-token sentence, no
 * Arabic, diacritized text, broken documents), wired into the pipeline,
 * and scored end to end on our development sentences
 * (test/fixtures/events-gold.jsonl) and gold-file errors.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import type { ArticleDocument } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { EVENTS_FIXTURE, readGold, scoreEvents } from "../src/eval/events.js";
import { extractEvents } from "../src/nlp/events/index.js";
import { ROOT } from "../src/paths.js";
import { analyze, stageNames } from "../src/pipeline.js";

function run(text: string, opts: { disable?: string[] } = {}): ArticleDocument {
  return analyze({ format: "txt", content: text }, { published: "2021-06-01", tokens: true, ...opts });
}

test("pipeline: events run after quotes and can be disabled", () => {
  const names = stageNames();
  assert.ok(names.indexOf("events") > names.indexOf("quotes"));
  const text = "فرضت الولايات المتحدة عقوبات جديدة على إيران.";
  const doc = run(text);
  assert.equal(doc.events.length, 1);
  const e = doc.events[0];
  assert.equal(e.type, "SANCTION");
  assert.equal(doc.text.slice(e.start, e.end), e.trigger);
  const name = (id: string) => doc.entities.find((x) => x.id === id)?.name;
  assert.deepEqual([e.source.map(name), e.target.map(name)], [["الولايات المتحدة"], ["إيران"]]);
  assert.deepEqual(run(text, { disable: ["events"] }).events, []);
  // Without linking there are no entities, so no events, and no crash.
  assert.deepEqual(run(text, { disable: ["link"] }).events, []);
});

test("bad input: a 10,000-token sentence is skipped quickly, not scanned", () => {
  const unit = "روسيا تدعم الصين و ";
  const text = unit.repeat(2500);
  const doc = run("تمهيد.", { disable: ["events"] });
  // Build the tokens and entities of the long text cheaply from the short pipeline's shapes.
  const tokens = [];
  const entities: ArticleDocument["entities"] = [
    { id: "e1", name: "روسيا", type: "LOC", kbId: null, mentions: [], salience: 1 },
    { id: "e2", name: "الصين", type: "LOC", kbId: null, mentions: [], salience: 1 },
  ];
  let pos = 0;
  for (const w of text.split(" ")) {
    if (w === "") {
      pos++;
      continue;
    }
    tokens.push({ start: pos, end: pos + w.length, text: w, norm: w, segments: [{ text: w, role: "stem" as const }] });
    if (w === "روسيا") entities[0].mentions.push({ start: pos, end: pos + w.length, text: w });
    if (w === "الصين") entities[1].mentions.push({ start: pos, end: pos + w.length, text: w });
    pos += w.length + 1;
  }
  assert.ok(tokens.length >= 10_000);
  const long: ArticleDocument = { ...doc, text, sentences: [{ start: 0, end: text.length }], entities, quotes: [] };
  const t0 = Date.now();
  const events = extractEvents(long, tokens, [[0, tokens.length]], null);
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  assert.deepEqual(events, []);
  // The same words cut into sentences are events again: 2,500 reports of one event, merged into one.
  const t1 = Date.now();
  const split: Array<[number, number]> = [];
  for (let i = 0; i < tokens.length; i += 4) split.push([i, Math.min(i + 4, tokens.length)]);
  const many = extractEvents(long, tokens, split, null);
  assert.equal(many.length, 1, `${many.length} events`);
  assert.deepEqual([many[0].type, many[0].source, many[0].target], ["SUPPORT", ["e1"], ["e2"]]);
  assert.ok(Date.now() - t1 < 3000, `took ${Date.now() - t1} ms`);
});

test("bad input: no Arabic, empty text, diacritized text", () => {
  assert.deepEqual(run("Russia and China agreed to boost cooperation.").events, []);
  assert.deepEqual(run("123 456 !!! ؟؟").events, []);
  const plain = run("اتفقت روسيا وتركيا على وقف إطلاق النار.").events.map((e) => e.type);
  const marked = run("اتَّفَقَتْ روسيا وتركيا عَلَى وَقْفِ إِطْلَاقِ النَّارِ.").events.map((e) => e.type);
  assert.deepEqual(plain, ["AGREE"]);
  assert.deepEqual(marked, plain);
});

test("bad input: a document without text or tokens is an InputError; odd entities are ignored", () => {
  assert.throws(() => extractEvents(null as unknown as ArticleDocument, [], [], null), InputError);
  const doc = run("انتقدت الصين الولايات المتحدة.", { disable: ["events"] });
  assert.throws(() => extractEvents(doc, null as unknown as [], [], null), InputError);
  // Mentions that point outside the text or the tokens are skipped.
  const broken: ArticleDocument = {
    ...doc,
    entities: [
      ...doc.entities,
      { id: "x", name: "؟", type: "LOC", kbId: null, mentions: [{ start: 9999, end: 10005, text: "؟" }], salience: 0 },
    ],
  };
  const events = extractEvents(broken, doc.tokens ?? [], [[0, doc.tokens?.length ?? 0]], null);
  assert.equal(events.length, 1);
});

test("development set: figures on our own sentences stay where they were measured", () => {
  const records = readGold(join(ROOT, ...EVENTS_FIXTURE));
  assert.ok(records.length >= 30);
  assert.ok(
    records.some((r) => r.events.length === 0),
    "the set has no-event sentences",
  );
  assert.ok(
    records.some((r) => r.events.some((e) => e.negated)),
    "and negated events",
  );
  const s = scoreEvents(records);
  // Written alongside the rules: a regression guard, not an unbiased test (see models/events/README.md).
  assert.ok(s.full.micro.precision >= 90, `precision ${s.full.micro.precision}`);
  assert.ok(s.full.micro.recall >= 75, `recall ${s.full.micro.recall}`);
});

test("gold files: errors name the record", () => {
  const bad = join(ROOT, "test", "fixtures", "events-gold-bad.jsonl");
  assert.throws(
    () => readGold(bad),
    (e: unknown) => e instanceof InputError && /events-gold-bad\.jsonl:2/.test(e.message) && /mode/.test(e.message),
  );
  assert.throws(() => readGold(join(ROOT, "test", "fixtures", "no-such-file.jsonl")), InputError);
});
