/**
 * `marsad eval ner` end to end: on our own fixture (always), and on the real
 * ANERcorp dev set when ../shared/data is present, with a floor a little
 * below the score recorded in models/ner/README.md.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { goldTokens, nerEval, spansToTags } from "../src/eval/ner.js";
import { dataFile, ROOT } from "../src/paths.js";

/** Measured dev micro-F1 is recorded in models/ner/model.json; this floor sits a little below it. */
const DEV_F1_FLOOR = 74;
const opts = (gold: string | null, flags: Record<string, string | boolean | undefined> = {}) => ({ gold, flags, progress: () => {} });

test("gold tokens get consecutive offsets; spans turn back into IOB2 tags", () => {
  const toks = goldTokens(["في", "نيويورك"]);
  assert.deepEqual(toks, [
    { text: "في", start: 0, end: 2 },
    { text: "نيويورك", start: 3, end: 10 },
  ]);
  assert.deepEqual(spansToTags(4, [{ tokenStart: 1, tokenEnd: 3, type: "ORG", start: 0, end: 0, text: "" }]), ["O", "B-ORG", "I-ORG", "O"]);
});

test("eval ner on our fixture: figures are percentages with the target beside micro F1", async () => {
  const r = await nerEval.run(opts(join(ROOT, "test", "fixtures", "ner", "mini.conll")));
  assert.equal(r.eval, "ner");
  const f1 = r.figures.find((f) => f.name === "micro F1");
  assert.ok(f1 && f1.target === 84);
  assert.ok(f1.value >= 0 && f1.value <= 100);
  const details = r.details as { sentences: number; micro: { support: number } };
  assert.equal(details.sentences, 3);
  assert.equal(details.micro.support, 7);
  // The fixture's clear names should mostly be found.
  assert.ok(f1.value >= 50, `fixture micro F1 ${f1.value}`);
});

test("eval ner: a bad --limit or an empty file is an InputError", async () => {
  await assert.rejects(nerEval.run(opts(join(ROOT, "test", "fixtures", "ner", "mini.conll"), { limit: "zero" })), InputError);
  await assert.rejects(nerEval.run(opts(join(ROOT, "package.json"))), InputError);
});

test("eval ner on ANERcorp dev (real data)", async (t) => {
  const gold = dataFile("ner", "anercorp", "dev.conll");
  if (!gold) {
    t.skip("ner/anercorp/dev.conll not found: set MARSAD_DATA");
    return;
  }
  const r = await nerEval.run(opts(gold));
  const f1 = r.figures.find((f) => f.name === "micro F1")?.value ?? 0;
  assert.ok(f1 >= DEV_F1_FLOOR, `dev micro F1 ${f1} < floor ${DEV_F1_FLOOR}`);
  for (const type of ["PER", "LOC", "ORG", "MISC"]) assert.ok(r.figures.some((f) => f.name === `${type} F1`));
});
