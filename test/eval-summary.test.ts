/**
 * `marsad eval summary`: ROUGE arithmetic on strings we wrote and counted
 * by hand (n-gram clipping, LCS, normalization, empty sides), the lead and
 * "copies the lead" helpers, the --drop-lead proxy, and the evaluation run
 * end to end on a small JSONL file we write, including its failure paths.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import {
  copiesLead,
  dropCopiedLead,
  lcsLength,
  leadSentences,
  rouge,
  rougeL,
  rougeN,
  rougeTokens,
  summaryEval,
} from "../src/eval/summary.js";
import { makeDoc } from "./fixtures/nlp/doc.js";

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test("ROUGE tokens: words and numbers under normalizeKey, punctuation out", () => {
  assert.deepEqual(rougeTokens("السلامُ، عليكم."), ["السلام", "عليكم"]);
  assert.deepEqual(rougeTokens("أحمد وإسراء في ٢٠٢٠"), rougeTokens("احمد واسراء في 2020"));
  assert.deepEqual(rougeTokens(" ، . ! "), []);
});

test("ROUGE-1, ROUGE-2 and ROUGE-L counted by hand", () => {
  // candidate 3 tokens, reference 5; all three candidate words in the reference, in order.
  const r = rouge("القطط تأكل السمك", "القطط الجائعة تأكل السمك الطازج");
  assert.ok(close(r.r1.p, 1) && close(r.r1.r, 3 / 5) && close(r.r1.f, 0.75), JSON.stringify(r.r1));
  // bigrams: 2 in the candidate, 4 in the reference, one shared ("تأكل السمك").
  assert.ok(close(r.r2.p, 1 / 2) && close(r.r2.r, 1 / 4) && close(r.r2.f, 1 / 3), JSON.stringify(r.r2));
  // LCS = 3.
  assert.ok(close(r.rl.p, 1) && close(r.rl.r, 3 / 5) && close(r.rl.f, 0.75), JSON.stringify(r.rl));
});

test("clipped counts: a repeated word matches only as often as the reference has it", () => {
  const r = rougeN(["في", "في", "في"], ["في", "البيت"], 1);
  assert.ok(close(r.p, 1 / 3) && close(r.r, 1 / 2));
});

test("LCS is a subsequence, not a substring; ROUGE-L follows it", () => {
  assert.equal(lcsLength(["a", "b", "c", "d"], ["b", "d", "a", "c"]), 2);
  assert.equal(lcsLength(["a", "x", "b", "y", "c"], ["a", "b", "c"]), 3);
  const l = rougeL(["a", "x", "b", "y", "c"], ["a", "b", "c"]);
  assert.ok(close(l.p, 3 / 5) && close(l.r, 1));
});

test("empty sides score 0, not NaN", () => {
  for (const r of [rouge("", "نص مرجعي"), rouge("نص", ""), rouge("", "")]) {
    for (const m of [r.r1, r.r2, r.rl]) assert.deepEqual(m, { p: 0, r: 0, f: 0 });
  }
  // One-word texts have no bigram.
  assert.deepEqual(rougeN(["نص"], ["نص"], 2), { p: 0, r: 0, f: 0 });
});

const TITLE = "افتتاح جسر جديد فوق النهر";
const PARAS = [
  "افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر يربط ضفتي المدينة. وبلغ طول الجسر نحو كيلومتر واحد.",
  "وقال المحافظ إن الجسر سيختصر زمن التنقل بين الضفتين إلى النصف.",
  "وبدأت الأشغال قبل ثلاث سنوات بتمويل من الحكومة المركزية.",
];

test("lead-3 is the first three body sentences; the title is never one", () => {
  const doc = makeDoc(TITLE, PARAS);
  assert.deepEqual(leadSentences(doc), [
    "افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر يربط ضفتي المدينة.",
    "وبلغ طول الجسر نحو كيلومتر واحد.",
    "وقال المحافظ إن الجسر سيختصر زمن التنقل بين الضفتين إلى النصف.",
  ]);
});

test("an abstract copies the lead when its first tokens open the body", () => {
  const doc = makeDoc(TITLE, PARAS);
  assert.ok(copiesLead("افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر يربط ضفتي", doc));
  assert.ok(!copiesLead("جسر بطول كيلومتر يختصر التنقل بين ضفتي المدينة إلى النصف", doc));
});

test("--drop-lead removes the paragraphs a (possibly truncated) abstract copies", () => {
  const text = PARAS.join("\n");
  // The abstract is the first paragraph cut mid-way, as AlArabiya's are.
  assert.equal(dropCopiedLead(text, "افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر يربط ضفتي المدينة. وبلغ"), PARAS.slice(1).join("\n"));
  // The first two paragraphs whole.
  assert.equal(dropCopiedLead(text, `${PARAS[0]} ${PARAS[1]}`), PARAS[2]);
  // A real standfirst copies nothing; an abstract that is the whole text leaves nothing.
  assert.equal(dropCopiedLead(text, "جسر بطول كيلومتر يختصر التنقل بين ضفتي المدينة إلى النصف"), null);
  assert.equal(dropCopiedLead(text, PARAS.join(" ")), null);
});

function jsonl(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "marsad-eval-summary-"));
  const path = join(dir, "gold.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

test("the evaluation end to end: ours and lead-3 side by side, groups and per outlet", async () => {
  const copying = { id: "a", source: "X News", title: TITLE, abstract: PARAS[0], text: PARAS.join("\n") };
  const standfirst = {
    id: "b",
    source: "X News",
    title: TITLE,
    abstract: "جسر بطول كيلومتر يختصر التنقل بين ضفتي المدينة إلى النصف",
    text: PARAS.join("\n"),
  };
  const path = jsonl([
    JSON.stringify(copying),
    JSON.stringify(standfirst),
    JSON.stringify({ id: "c", title: "بلا ملخص", text: PARAS[1] }),
    "{not json",
  ]);
  const r = await summaryEval.run({ gold: path, flags: {}, progress: () => {} });
  const fig = (name: string) => r.figures.find((f) => f.name === name)?.value;
  assert.equal(fig("articles with an abstract"), 2);
  assert.equal(fig("articles whose abstract is not the lead"), 1);
  for (const m of ["ROUGE-1", "ROUGE-2", "ROUGE-L"]) {
    for (const who of ["ours", "lead-3"]) {
      const v = fig(`${m} F1 % ${who}`);
      assert.ok(v !== undefined && v > 0 && v <= 100, `${m} ${who} = ${v}`);
    }
  }
  interface Table {
    articles: number;
    lead3: { rouge1: { recall: number } };
  }
  const d = r.details as {
    recordsWithoutAbstract: number;
    unusableRecords: number;
    perOutlet: Record<string, Table>;
    abstractCopiesLead: Table;
  };
  assert.equal(d.recordsWithoutAbstract, 1);
  assert.equal(d.unusableRecords, 1);
  assert.equal(d.perOutlet.xnews.articles, 2);
  // The copied abstract is lead-3's first sentence: lead-3's recall on it is complete.
  assert.equal(d.abstractCopiesLead.lead3.rouge1.recall, 100);

  const dropped = await summaryEval.run({ gold: path, flags: { "drop-lead": true }, progress: () => {} });
  assert.equal(dropped.figures[0].value, 1, "only the record whose abstract copies the lead is kept");
});

test("a file without abstracts, or missing, is an InputError", async () => {
  const none = jsonl([JSON.stringify({ id: "c", title: "بلا ملخص", text: PARAS[1] })]);
  await assert.rejects(summaryEval.run({ gold: none, flags: {}, progress: () => {} }), InputError);
  await assert.rejects(summaryEval.run({ gold: join(tmpdir(), "no-such-marsad-file.jsonl"), flags: {}, progress: () => {} }), InputError);
  await assert.rejects(summaryEval.run({ gold: none, flags: { limit: "0" }, progress: () => {} }), InputError);
});
