/** Repeated reports of one event in an article are merged (src/nlp/events/merge.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event } from "../src/document.js";
import { mergeRepeated } from "../src/nlp/events/merge.js";

function ev(type: string, source: string[], target: string[], confidence: number, start: number, extra: Partial<Event> = {}): Event {
  return {
    type,
    source,
    target,
    confidence,
    start,
    end: start + 4,
    trigger: "فعل",
    negated: false,
    mode: "asserted",
    sentence: 0,
    ...extra,
  };
}

test("title, lead and body reports of one agreement become one event with all participants", () => {
  const out = mergeRepeated([
    ev("AGREE", ["e2"], ["e4"], 0.9, 0),
    ev("AGREE", ["e1", "e2"], ["e3", "e4"], 0.95, 200),
    ev("AGREE", ["e4"], ["e2"], 0.8, 400),
  ]);
  assert.equal(out.length, 1);
  assert.equal(out[0].start, 200);
  assert.deepEqual(out[0].source, ["e1", "e2"]);
  assert.deepEqual(out[0].target, ["e3", "e4"]);
});

test("directed events are not merged across orientations, nor across types or modality", () => {
  const out = mergeRepeated([
    ev("SUPPORT", ["e2"], ["e4"], 0.75, 10),
    ev("SUPPORT", ["e4"], ["e2"], 0.75, 20),
    ev("AGREE", ["e2"], ["e4"], 0.9, 30),
    ev("AGREE", ["e2"], ["e4"], 0.9, 40, { negated: true }),
    ev("AGREE", ["e2"], ["e4"], 0.9, 50, { mode: "future" }),
  ]);
  assert.deepEqual(
    out.map((e) => e.start),
    [10, 20, 30, 40, 50],
  );
});

test("different parties stay different events; text order is kept", () => {
  const out = mergeRepeated([
    ev("ACCUSE", ["e5"], ["e6"], 0.6, 90),
    ev("ACCUSE", ["e1"], ["e2"], 0.9, 10),
    ev("ACCUSE", ["e1"], ["e2"], 0.7, 50),
  ]);
  assert.deepEqual(
    out.map((e) => e.start),
    [10, 90],
  );
});
