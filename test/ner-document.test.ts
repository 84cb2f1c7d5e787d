/**
 * Document-level (second-pass) NER features on hand-made first-pass labels:
 * what the other mentions say reaches a token, its own label never does,
 * the window bounds what is seen, and long documents cost linear time; the
 * two-pass tagger on hand-made models, and a model directory whose second
 * pass is missing or damaged.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { DOC_T, type DocSentence, documentFeatures } from "../src/nlp/ner/document.js";
import { fnv1a, mix, NerFeatures, T, wordKey } from "../src/nlp/ner/features.js";
import { loadNerFrom, NER_FILES, type NerToken, PerceptronNer } from "../src/nlp/ner/index.js";
import { NerModel } from "../src/nlp/ner/model.js";
import { encodeTags, L, LABEL_INDEX, TYPES } from "../src/nlp/ner/perceptron.js";

const features = new NerFeatures({ gazetteer: null, clusters: null });

function sentence(text: string, tags: string[]): DocSentence {
  const tokens = text.split(" ");
  assert.equal(tokens.length, tags.length);
  return { words: features.sentence(tokens).words, labels: encodeTags(tags) };
}

function featuresOf(out: ReturnType<typeof documentFeatures>, s: number, i: number): Set<number> {
  const { offsets, hashes } = out[s];
  return new Set(hashes.subarray(offsets[i], offsets[i + 1]));
}

const ORG = TYPES.indexOf("ORG");
const share = (type: number, bucket: number) => mix(DOC_T.TYPE_SHARE, type * 3 + bucket);
const phrase = (type: number, pos: number) => mix(DOC_T.PHRASE, type * 4 + pos);

test("a name tagged elsewhere in the document lends its type to an untagged mention", () => {
  const doc = [
    sentence("أعلنت شركة سياك عن أرباحها", ["O", "O", "B-ORG", "O", "O"]),
    sentence("وقالت سياك إن المبيعات ارتفعت", ["O", "O", "O", "O", "O"]),
  ];
  const out = documentFeatures(doc, { window: 5, own: false });
  const later = featuresOf(out, 1, 1);
  assert.ok(later.has(share(ORG, 2)), "the only other mention is ORG: top share bucket");
  assert.ok(later.has(mix(DOC_T.MAJORITY, LABEL_INDEX.get("B-ORG") as number)));
  // The tagged mention only sees the other one, which the first pass left as O.
  const first = featuresOf(out, 0, 2);
  assert.ok(first.has(mix(DOC_T.ALL_O, 1)));
  assert.ok(!first.has(share(ORG, 2)), "a token never learns from its own first-pass label");
  // A word seen nowhere else says so.
  assert.ok(featuresOf(out, 0, 3).has(mix(DOC_T.NONE, 0)));
});

test("a multi-word entity found once marks its other occurrences as a phrase, not itself", () => {
  const doc = [
    sentence("ارتفعت أرباح البنك التجاري هذا العام", ["O", "O", "B-ORG", "I-ORG", "O", "O"]),
    sentence("وقال البنك التجاري إن خططه تسير", ["O", "O", "O", "O", "O", "O"]),
  ];
  const out = documentFeatures(doc, { window: 5, own: false });
  assert.ok(featuresOf(out, 1, 1).has(phrase(ORG, 1)), "first word of the phrase");
  assert.ok(featuresOf(out, 1, 2).has(phrase(ORG, 3)), "last word of the phrase");
  assert.ok(!featuresOf(out, 0, 2).has(phrase(ORG, 1)), "the entity does not match itself");
});

test("the window bounds what a sentence sees", () => {
  const filler = () => sentence("جاء ذلك في بيان", ["O", "O", "O", "O"]);
  const doc = [sentence("أعلنت شركة سياك", ["O", "O", "B-ORG"]), filler(), filler(), filler(), sentence("قالت سياك", ["O", "O"])];
  const near = documentFeatures(doc, { window: 4, own: false });
  assert.ok(featuresOf(near, 4, 1).has(share(ORG, 2)));
  const far = documentFeatures(doc, { window: 3, own: false });
  assert.ok(!featuresOf(far, 4, 1).has(share(ORG, 2)));
  assert.ok(featuresOf(far, 4, 1).has(mix(DOC_T.NONE, 0)));
});

test("own first-pass labels appear only when asked for", () => {
  const doc = [sentence("أعلنت شركة سياك", ["O", "O", "B-ORG"])];
  const b = LABEL_INDEX.get("B-ORG") as number;
  assert.ok(!featuresOf(documentFeatures(doc, { window: 2, own: false }), 0, 2).has(mix(DOC_T.OWN, b)));
  assert.ok(featuresOf(documentFeatures(doc, { window: 2, own: true }), 0, 2).has(mix(DOC_T.OWN, b)));
});

test("empty documents and empty sentences are fine; a long document is linear", () => {
  assert.deepEqual(documentFeatures([], { window: 3, own: false }), []);
  const empty = documentFeatures([{ words: [], labels: new Uint8Array(0) }], { window: 3, own: false });
  assert.equal(empty[0].hashes.length, 0);
  const s = sentence("أعلنت شركة سياك عن أرباحها في الربع الأول", ["O", "O", "B-ORG", "O", "O", "O", "O", "O"]);
  const long = Array.from({ length: 20000 }, () => s);
  const t0 = Date.now();
  const out = documentFeatures(long, { window: 10, own: false });
  assert.equal(out.length, long.length);
  assert.ok(Date.now() - t0 < 5000, `20,000 sentences took ${Date.now() - t0} ms`);
});

/** A hand-made model from (feature hash, label weights) rows; everything else O. */
function handModel(rows: [number, Record<string, number>][]): NerModel {
  const all: [number, Record<string, number>][] = [[T.BIAS, { O: 1 }], ...rows];
  const w = new Float32Array(all.length * L);
  all.forEach(([, ws], r) => {
    for (const [label, v] of Object.entries(ws)) w[r * L + (LABEL_INDEX.get(label) ?? 0)] = v;
  });
  return new NerModel(
    Uint32Array.from(all, ([h]) => h),
    w,
    new Float32Array((L + 1) * L),
    L,
  );
}

function toks(text: string): NerToken[] {
  const out: NerToken[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

test("two passes: a name typed by its context in one sentence is found alone in the next", () => {
  // First pass: a word right after شركة is an organization. Second pass: the
  // same, plus "the other mentions of this word were B-ORG" → B-ORG.
  const afterCompany: [number, Record<string, number>] = [mix(T.WORD_M1, fnv1a(wordKey("شركة"))), { "B-ORG": 5 }];
  const first = handModel([afterCompany]);
  const second = handModel([afterCompany, [mix(DOC_T.MAJORITY, LABEL_INDEX.get("B-ORG") as number), { "B-ORG": 5 }]]);
  const tagger = new PerceptronNer(new NerFeatures({ gazetteer: null, clusters: null }), first, second, { window: 5, own: false });
  const doc = [toks("أعلنت شركة سياك نتائجها"), toks("وقالت سياك إن المبيعات ارتفعت")];
  const found = tagger.recognizeDocument(doc).map((spans) => spans.map((s) => `${s.type}:${s.text}`));
  assert.deepEqual(found, [["ORG:سياك"], ["ORG:سياك"]]);
  // Read alone, the second sentence has no evidence.
  assert.deepEqual(tagger.recognize(doc[1]), []);
  // Without a second pass the document reading is the sentence-by-sentence one.
  const one = new PerceptronNer(new NerFeatures({ gazetteer: null, clusters: null }), first);
  assert.deepEqual(
    one.recognizeDocument(doc).map((s) => s.length),
    [1, 0],
  );
  assert.deepEqual(tagger.recognizeDocument([]), []);
});

test("a model that lists a second pass but lacks its file is refused with a message", () => {
  const dir = mkdtempSync(join(tmpdir(), "marsad-ner-"));
  try {
    writeFileSync(join(dir, NER_FILES.weights), handModel([]).serialize(16));
    writeFileSync(
      join(dir, NER_FILES.meta),
      JSON.stringify({ resources: { gazetteer: false, clusters: false, profiles: false, stack: true } }),
    );
    assert.throws(
      () => loadNerFrom(dir),
      (e: unknown) => e instanceof InputError && /stack/.test(e.message),
    );
    writeFileSync(join(dir, NER_FILES.stack), Buffer.from("not a model"));
    assert.throws(
      () => loadNerFrom(dir),
      (e: unknown) => e instanceof InputError && /gzipped/.test(e.message),
    );
    writeFileSync(join(dir, NER_FILES.stack), handModel([]).serialize(16));
    assert.deepEqual(loadNerFrom(dir).recognizeDocument([toks("قالت سياك")]), [[]]);
    writeFileSync(
      join(dir, NER_FILES.meta),
      JSON.stringify({ resources: { gazetteer: false, clusters: false, stack: true }, document: { window: -1 } }),
    );
    assert.throws(
      () => loadNerFrom(dir),
      (e: unknown) => e instanceof InputError && /window/.test(e.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
