/**
 * NER model file round trip, and the tagger's span building on a tiny
 * hand-made model (so the proclitic rule is checked without a trained model).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Segment } from "../src/document.js";
import { fnv1a, mix, NerFeatures, procliticSkip, T, wordKey } from "../src/nlp/ner/features.js";
import { type NerToken, PerceptronNer } from "../src/nlp/ner/index.js";
import { NerModel } from "../src/nlp/ner/model.js";
import { decodeLabels, encodeTags, L, LABEL_INDEX } from "../src/nlp/ner/perceptron.js";

function randomModel(rows: number): NerModel {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const keys = new Set<number>();
  while (keys.size < rows) keys.add((rnd() * 2 ** 32) >>> 0);
  const w = Float32Array.from({ length: rows * L }, () => (rnd() - 0.5) * 40);
  const trans = Float32Array.from({ length: (L + 1) * L }, () => rnd() - 0.5);
  return new NerModel(Uint32Array.from(keys), w, trans, L);
}

test("model save/load round trip: same rows, weights within half a quantization step", () => {
  const m = randomModel(500);
  for (const bits of [16, 8] as const) {
    const back = NerModel.parse(m.serialize(bits));
    assert.equal(back.rows, m.rows);
    assert.equal(back.labels, L);
    assert.deepEqual(Array.from(back.trans), Array.from(m.trans)); // transitions stay float32
    let maxAbs = 0;
    for (const v of m.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
    const step = maxAbs / (bits === 8 ? 127 : 32767);
    for (let r = 0; r < m.rows; r++) {
      const br = back.row(m.keys[r]);
      assert.ok(br >= 0, "every feature found again");
      for (let y = 0; y < L; y++) {
        assert.ok(Math.abs(back.weights[br * L + y] - m.weights[r * L + y]) <= step / 2 + 1e-6);
      }
    }
  }
});

test("model lookups: an absent feature has no row and adds nothing", () => {
  const m = randomModel(50);
  const absent = [...Array(1000).keys()].find((h) => !m.keys.includes(h)) ?? 0;
  assert.equal(m.row(absent), -1);
  const scores = new Float32Array(L);
  m.add(absent, scores, 0);
  assert.ok(scores.every((v) => v === 0));
});

test("a damaged or foreign model file is refused with a message", () => {
  const buf = randomModel(20).serialize(16);
  assert.throws(() => NerModel.parse(Buffer.from("not a model")), /gzipped/);
  const raw = gunzipSync(buf);
  assert.throws(() => NerModel.parse(gzipSync(raw.subarray(0, raw.length - 7))), /truncated|damaged/);
  const wrong = Buffer.from(raw);
  wrong.writeUInt32LE(0x12345678, 0);
  assert.throws(() => NerModel.parse(gzipSync(wrong)), /not a Marsad NER model/);
});

test("labels: IOB2 tags encode and decode back (a stray I- becomes a B-)", () => {
  const tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-MISC", "I-MISC"];
  assert.deepEqual(decodeLabels(encodeTags(tags)), ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "B-MISC", "I-MISC"]);
});

/** A segmenter stub: و / ل / ال at the front are proclitics, as a real one would say. */
function stubSegment(w: string): Segment[] {
  const out: Segment[] = [];
  let rest = w;
  for (const p of ["و", "ل", "ال"]) {
    if (rest.startsWith(p) && rest.length > p.length + 2) {
      out.push({ text: p, role: "proclitic" });
      rest = rest.slice(p.length);
    }
  }
  out.push({ text: rest, role: "stem" });
  return out;
}

test("procliticSkip: one-letter proclitics are skipped, the article is kept, لل is left whole", () => {
  assert.equal(procliticSkip("وروسيا", stubSegment("وروسيا")), 1);
  assert.equal(procliticSkip("لبوتين", stubSegment("لبوتين")), 1);
  assert.equal(procliticSkip("والقاهرة", stubSegment("والقاهرة")), 1); // و off, ال stays
  assert.equal(procliticSkip("بوتين", stubSegment("بوتين")), 0);
  const lil: Segment[] = [
    { text: "ل", role: "proclitic" },
    { text: "ل", role: "proclitic" },
    { text: "أمم", role: "stem" },
  ];
  assert.equal(procliticSkip("للأمم", lil), 0);
  // Never leave less than two letters of name.
  assert.equal(
    procliticSkip("وب", [
      { text: "و", role: "proclitic" },
      { text: "ب", role: "stem" },
    ]),
    0,
  );
  // Diacritics on the proclitic are skipped with it.
  assert.equal(
    procliticSkip("وَروسيا", [
      { text: "وَ", role: "proclitic" },
      { text: "روسيا", role: "stem" },
    ]),
    2,
  );
});

test("wordKey: diacritics and tatweel off (normalizeKey), elongation collapsed", () => {
  assert.equal(wordKey("وجيييه"), wordKey("وجيه"));
  assert.equal(wordKey("ماكرووون"), wordKey("ماكرون"));
  assert.equal(wordKey("إِيمانويلُ"), wordKey("إيمانويل"));
  assert.equal(wordKey("الرئيــــس"), wordKey("الرئيس"));
  assert.equal(wordKey("2000"), "2000");
  assert.equal(wordKey("٢٠٠٠"), "2000");
});

/**
 * A hand-made model: "O" by default; a word whose MENTION key (proclitics
 * off) is روسيا or بوتين is a one-word LOC / PER name.
 */
function tinyTagger(): PerceptronNer {
  const rows: [number, Record<string, number>][] = [
    [T.BIAS, { O: 1 }],
    [mix(T.MENTION, fnv1a(wordKey("روسيا"))), { "B-LOC": 5 }],
    [mix(T.MENTION, fnv1a(wordKey("بوتين"))), { "B-PER": 5 }],
  ];
  const w = new Float32Array(rows.length * L);
  rows.forEach(([, ws], r) => {
    for (const [label, v] of Object.entries(ws)) w[r * L + (LABEL_INDEX.get(label) ?? 0)] = v;
  });
  const model = new NerModel(
    Uint32Array.from(rows, ([h]) => h),
    w,
    new Float32Array((L + 1) * L),
    L,
  );
  return new PerceptronNer(new NerFeatures({ gazetteer: null, clusters: null, segment: stubSegment }), model);
}

function tokens(text: string): NerToken[] {
  const out: NerToken[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

test("NerSpan.start skips a glued one-letter proclitic; the token range still covers the whole token", () => {
  const text = "اتصل لبوتين مسؤول من الصين وروسيا";
  const spans = tinyTagger().recognize(tokens(text));
  assert.equal(spans.length, 2);
  const [per, loc] = spans;
  assert.equal(per.type, "PER");
  assert.equal(per.text, "بوتين");
  assert.equal(text.slice(per.start, per.end), "بوتين");
  assert.deepEqual([per.tokenStart, per.tokenEnd], [1, 2]);
  assert.equal(loc.type, "LOC");
  assert.equal(text.slice(loc.start, loc.end), "روسيا");
  assert.equal(loc.text, "روسيا");
  assert.deepEqual([loc.tokenStart, loc.tokenEnd], [5, 6]);
});

test("tiny tagger: an empty sentence gives no spans", () => {
  assert.deepEqual(tinyTagger().recognize([]), []);
});
