import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { analyzerEval, scoreConflation, wordTypes } from "../src/eval/analyzer.js";
import { parseConllu, readConllu } from "../src/eval/conllu.js";
import { prf } from "../src/eval/score.js";
import { goldUnits, scoreSegmentation, segEval, udSplitter } from "../src/eval/seg.js";
import { dataFile, ROOT } from "../src/paths.js";
import { analyzeWord } from "../src/text/analyzer.js";

const MINI = join(ROOT, "test", "fixtures", "mini.conllu");
const opts = (gold: string | null) => ({ gold, flags: {}, progress: () => {} });
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

test("prf: precision, recall and F1 in percent", () => {
  const r = prf(10, 8, 6);
  close(r.precision, 75);
  close(r.recall, 60);
  close(r.f1, (2 * 75 * 60) / 135);
  assert.deepEqual(prf(0, 0, 0), { gold: 0, system: 0, correct: 0, precision: 0, recall: 0, f1: 0 });
});

test("CoNLL-U reader: text, words, SpaceAfter=No", () => {
  const sents = readConllu(MINI);
  assert.equal(sents.length, 4);
  assert.equal(sents[0].id, "mini-1");
  assert.equal(sents[0].text, "وقال الوزير للصحفيين إنه سيزور بيروت.");
  assert.equal(sents[0].words.length, 11);
  assert.equal(sents[0].words[0].spaceAfter, false);
  assert.equal(sents[0].words[1].spaceAfter, true);
});

test("gold tokens: words glued by SpaceAfter=No, broken at punctuation", () => {
  const [s1, s2] = readConllu(MINI);
  const g1 = goldUnits(s1);
  assert.ok(g1);
  assert.equal(g1.words.length, 11);
  assert.equal(g1.tokens.length, 7); // وقال الوزير للصحفيين إنه سيزور بيروت .
  const g2 = goldUnits(s2);
  assert.ok(g2);
  assert.equal(g2.tokens.length, 6); // كتابهم جديد ، وبالصين أيضا .
});

test("scores by hand: a splitter that never splits", () => {
  const r = scoreSegmentation(readConllu(MINI), (t) => [t]);
  // gold words 11 + 9 + 5; system words 7 + 6 + 5; correct 3 + 4 + 5 (the bad sentence is skipped)
  assert.deepEqual([r.words.gold, r.words.system, r.words.correct], [25, 18, 12]);
  close(r.words.precision, (100 * 12) / 18);
  close(r.words.recall, 48);
  close(r.words.f1, (100 * 24) / 43);
  assert.deepEqual([r.tokens.gold, r.tokens.system, r.tokens.correct], [18, 18, 18]);
  close(r.tokens.f1, 100);
  assert.deepEqual(r.misaligned, ["mini-bad"]);
  assert.ok(r.errors.some((e) => e.gold === "و|قال" && e.system === "وقال"));
});

test("our segmenter (UD convention) gets the fixture right", () => {
  const r = scoreSegmentation(readConllu(MINI), udSplitter);
  close(r.words.f1, 100);
  assert.deepEqual(r.errors, []);
});

test("bad input: missing file, wrong column count, empty file", () => {
  assert.throws(
    () => readConllu("/nonexistent/x.conllu"),
    (e: unknown) => e instanceof InputError && /file not found/.test(e.message),
  );
  assert.throws(
    () => parseConllu("# text = قال\n1\tقال\tقال\tVERB\t_\t_\t0\troot\t_\n", "bad.conllu"),
    (e: unknown) => e instanceof InputError && /bad\.conllu:2/.test(e.message) && /10 tab-separated/.test(e.message),
  );
  const dir = mkdtempSync(join(tmpdir(), "marsad-conllu-"));
  const empty = join(dir, "empty.conllu");
  writeFileSync(empty, "\n\n");
  assert.throws(
    () => readConllu(empty),
    (e: unknown) => e instanceof InputError && /no sentences/.test(e.message),
  );
  const bad = join(dir, "bad.conllu");
  writeFileSync(bad, "# text = هذا نص\n1\tهذا\t_\tPRON\t_\t_\t0\troot\t_\t_\n2\tنصوص\t_\tNOUN\t_\t_\t1\tdep\t_\t_\n");
  assert.throws(
    () => scoreSegmentation(readConllu(bad)),
    (e: unknown) => e instanceof InputError && /spell/.test(e.message),
  );
});

test("conflation P/R by hand, and our analyzer on the fixture", () => {
  const types = [
    { form: "a", lemma: "x" },
    { form: "b", lemma: "x" },
    { form: "c", lemma: "y" },
  ];
  const all = scoreConflation(types, () => "t"); // 3 term pairs, 1 lemma pair, 1 shared
  close(all.precision, 100 / 3);
  close(all.recall, 100);
  const none = scoreConflation(types, (w) => w);
  assert.deepEqual([none.precision, none.recall, none.f1], [0, 0, 0]);

  const fixture = wordTypes(readConllu(MINI));
  assert.ok(
    fixture.every((t) => t.form !== "." && t.form !== "،"),
    "PUNCT skipped",
  );
  const ours = scoreConflation(fixture, analyzeWord);
  // Lemma pairs: قال/قالت, الوزير/الوزيرة, كتاب/الكتاب, ه/هم. Ours finds the first three.
  assert.equal(ours.gold, 4);
  assert.equal(ours.correct, 3);
  close(ours.precision, 100);
});

test("evaluations run on the fixture through their registry objects", async () => {
  const seg = await segEval.run(opts(MINI));
  assert.equal(seg.eval, "seg");
  assert.equal(seg.figures[0].name, "words F1");
  assert.equal(seg.figures[0].target, 97);
  const an = await analyzerEval.run(opts(MINI));
  assert.equal(an.eval, "analyzer");
  assert.ok(an.figures.some((f) => f.name === "F1 margin over snowball" && f.target === 10));
});

test("data: UD Arabic-PUD dev reaches the targets", async (t) => {
  const gold = dataFile("seg", "ud-pud-dev.conllu");
  if (gold === null) {
    t.skip("seg/ud-pud-dev.conllu not found: set MARSAD_DATA");
    return;
  }
  const seg = await segEval.run(opts(gold));
  const wordsF1 = seg.figures.find((f) => f.name === "words F1");
  assert.ok(wordsF1 && wordsF1.value >= 97, `words F1 ${wordsF1?.value} ≥ 97`);
  const an = await analyzerEval.run(opts(gold));
  const margin = an.figures.find((f) => f.name === "F1 margin over snowball");
  assert.ok(margin && margin.value >= 10, `analyzer F1 margin ${margin?.value} ≥ 10`);
});
