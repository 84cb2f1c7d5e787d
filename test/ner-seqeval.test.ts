/** Entity-level scoring, seqeval-style: chunking rules and exact arithmetic on hand-made cases. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { chunks, EntityScorer, scoreEntities } from "../src/nlp/ner/seqeval.js";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≈ ${b}`);

test("chunks: B- opens, I- of the same type continues, anything else closes", () => {
  assert.deepEqual(chunks(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]), [
    { type: "PER", start: 0, end: 2 },
    { type: "LOC", start: 3, end: 4 },
    { type: "LOC", start: 4, end: 6 },
  ]);
});

test("chunks: a stray I- begins an entity (seqeval's default), a type change splits", () => {
  assert.deepEqual(chunks(["I-PER", "I-PER", "O", "I-ORG"]), [
    { type: "PER", start: 0, end: 2 },
    { type: "ORG", start: 3, end: 4 },
  ]);
  assert.deepEqual(chunks(["B-PER", "I-LOC", "I-LOC"]), [
    { type: "PER", start: 0, end: 1 },
    { type: "LOC", start: 1, end: 3 },
  ]);
  assert.deepEqual(chunks([]), []);
  assert.deepEqual(chunks(["O", "O"]), []);
});

test("micro and per-type P/R/F1: exact span and type only", () => {
  const gold = [
    ["B-PER", "I-PER", "O", "B-LOC"],
    ["B-ORG", "I-ORG", "I-ORG", "O"],
  ];
  const pred = [
    ["B-PER", "I-PER", "O", "B-ORG"], // PER right; LOC missed; ORG spurious
    ["B-ORG", "I-ORG", "O", "O"], // ORG span too short: wrong
  ];
  const s = scoreEntities(gold, pred);
  // gold: PER, LOC, ORG (3); predicted: PER, ORG, ORG (3); correct: PER (1)
  assert.equal(s.micro.support, 3);
  assert.equal(s.micro.predicted, 3);
  assert.equal(s.micro.correct, 1);
  close(s.micro.precision, 1 / 3);
  close(s.micro.recall, 1 / 3);
  close(s.micro.f1, 1 / 3);
  assert.deepEqual({ p: s.byType.PER.precision, r: s.byType.PER.recall, f: s.byType.PER.f1 }, { p: 1, r: 1, f: 1 });
  assert.equal(s.byType.LOC.recall, 0);
  assert.equal(s.byType.LOC.precision, 0); // nothing predicted: 0, not NaN
  assert.equal(s.byType.ORG.support, 1);
  assert.equal(s.byType.ORG.predicted, 2);
  assert.equal(s.byType.ORG.f1, 0);
});

test("unequal precision and recall: F1 is their harmonic mean", () => {
  const s = new EntityScorer();
  s.add(["B-PER", "O", "B-LOC", "O", "B-MISC"], ["B-PER", "O", "B-LOC", "O", "O"]);
  s.add(["O", "B-LOC"], ["B-ORG", "B-LOC"]);
  const m = s.score().micro;
  // gold 4, predicted 4 (PER, LOC, ORG, LOC), correct 3
  close(m.precision, 3 / 4);
  close(m.recall, 3 / 4);
  s.add(["B-PER"], ["O"]);
  const m2 = s.score().micro;
  close(m2.precision, 3 / 4);
  close(m2.recall, 3 / 5);
  close(m2.f1, (2 * (3 / 4) * (3 / 5)) / (3 / 4 + 3 / 5));
});

test("no entities anywhere scores 0 without dividing by zero; length mismatch throws", () => {
  const s = scoreEntities([["O"]], [["O"]]);
  assert.deepEqual([s.micro.precision, s.micro.recall, s.micro.f1], [0, 0, 0]);
  assert.throws(() => scoreEntities([["O", "O"]], [["O"]]));
  assert.throws(() => scoreEntities([["O"]], []));
});
