/**
 * Near-duplicate detection (src/corpus/near-dup.ts): shingles on the
 * normalized words, the MinHash estimate against the exact Jaccard, and the
 * LSH index on our sample corpus, whose rewritten pairs ex-003/ex-004 and
 * ex-015/ex-016 must find each other and nothing else may pass the bar;
 * the stored form (signature bytes, LSH band hashes) and the rule that files
 * a document under a story. Stores using them: test/store-corpus.test.ts.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  bandHashes,
  chooseStory,
  dayWindow,
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  jaccard,
  LSH_BANDS,
  LSH_ROWS,
  NEAR_DUP_THRESHOLD,
  NearDupIndex,
  SHINGLE_WORDS,
  SIGNATURE_SIZE,
  shingles,
  signature,
  textSignature,
} from "../src/corpus/near-dup.js";
import { ROOT } from "../src/paths.js";

const A = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية وتوفير البذور والأسمدة بأسعار مدعومة قبل بداية الموسم";
/** A with two words changed. */
const A2 = "أعلنت الحكومة أمس عن خطة جديدة لدعم المزارعين في المناطق الريفية وتوفير البذور والأسمدة بأسعار مدعومة قبل بداية الشتاء";
const B = "فاز الفريق المحلي على ضيفه بثلاثة أهداف نظيفة في المباراة التي أقيمت مساء أمس على الملعب الرئيسي وسط حضور جماهيري كبير";

interface Example {
  id: string;
  title: string;
  abstract: string;
  text: string;
}

const examples = (): Example[] =>
  readFileSync(join(ROOT, "examples", "articles.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
const fullText = (e: Example) => [e.title, e.abstract, e.text].join("\n\n");

test("shingles compare normalized words: hamza, diacritics, ة/ه and punctuation do not matter", () => {
  assert.deepEqual(shingles("أعلنت الحكومةُ الخطة، اليوم"), shingles("اعلنت الحكومه الخطه اليوم"));
  assert.notDeepEqual(shingles("أعلنت الحكومة الخطة اليوم"), shingles("أعلنت الوزارة الخطة اليوم"));
  assert.equal(shingles("كلمة واحدة").size, 1, `a text shorter than ${SHINGLE_WORDS} words is one shingle`);
  assert.equal(shingles(" ، . ").size, 0);
  assert.equal(signature(new Set()), null, "an empty text has no signature");
});

test("the MinHash estimate tracks the exact Jaccard", () => {
  for (const [x, y] of [
    [A, A2],
    [A, B],
    [A, A],
  ]) {
    const [sx, sy] = [shingles(x), shingles(y)];
    const exact = jaccard(sx, sy);
    const est = estimateJaccard(signature(sx) as Uint32Array, signature(sy) as Uint32Array);
    assert.ok(Math.abs(est - exact) < 0.15, `estimate ${est} vs exact ${exact}`);
  }
  assert.equal(estimateJaccard(signature(shingles(A)) as Uint32Array, signature(shingles(A)) as Uint32Array), 1);
});

test("the estimate is unbiased, with the spread 128 hashes should give", () => {
  // 200 pairs of random 40-element sets sharing 25 elements (exact Jaccard 25/55), from a fixed-seed generator.
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const errors: number[] = [];
  for (let t = 0; t < 200; t++) {
    const a = new Set<number>();
    const b = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const x = next();
      a.add(x);
      if (i < 25) b.add(x);
    }
    for (let i = 0; i < 15; i++) b.add(next());
    errors.push(estimateJaccard(signature(a) as Uint32Array, signature(b) as Uint32Array) - jaccard(a, b));
  }
  const mean = errors.reduce((x, y) => x + y, 0) / errors.length;
  const rms = Math.sqrt(errors.reduce((x, y) => x + y * y, 0) / errors.length);
  assert.ok(Math.abs(mean) < 0.015, `bias ${mean}`);
  // sqrt(J(1 − J)/128) ≈ 0.044 for J ≈ 0.45.
  assert.ok(rms < 0.06, `rms error ${rms}`);
});

test("index: a lightly edited copy is found, an unrelated text is not, and a text is not its own duplicate", () => {
  const index = new NearDupIndex();
  index.add("a", A);
  index.add("b", B);
  const hits = index.query(A2);
  assert.deepEqual(
    hits.map((h) => h.id),
    ["a"],
  );
  assert.ok(hits[0].similarity >= NEAR_DUP_THRESHOLD && hits[0].similarity < 1);
  assert.deepEqual(index.query(A, "a"), [], "selfId is left out");
  assert.deepEqual(index.query(""), []);
});

test("sample corpus: the two rewritten pairs find each other and no other pair passes", () => {
  const docs = examples();
  const index = new NearDupIndex();
  for (const d of docs) index.add(d.id, fullText(d));
  const pairs = new Set<string>();
  for (const d of docs) for (const h of index.query(fullText(d), d.id)) pairs.add([d.id, h.id].sort().join("/"));
  assert.deepEqual([...pairs].sort(), ["ex-003/ex-004", "ex-015/ex-016"]);
});

test("stored form: signatures survive the bytes; bands are 42 safe integers, shared exactly when a band agrees", () => {
  const sig = signature(shingles(A)) as Uint32Array;
  const bytes = encodeSignature(sig);
  assert.equal(bytes.length, SIGNATURE_SIZE * 4);
  assert.deepEqual(decodeSignature(bytes), sig);
  assert.equal(decodeSignature(bytes.subarray(0, 12)), null, "a truncated signature is no signature");
  assert.equal(decodeSignature(null), null);
  assert.deepEqual(textSignature(A), Array.from(sig));
  assert.equal(textSignature(" ، "), null);
  const bands = bandHashes(sig);
  assert.equal(bands.length, LSH_BANDS);
  assert.ok(bands.every((b) => Number.isSafeInteger(b) && b >= 0));
  assert.ok(LSH_BANDS * LSH_ROWS <= SIGNATURE_SIZE);
  // Change one slot: exactly the band holding it changes.
  const other = Uint32Array.from(sig);
  other[LSH_ROWS * 5 + 1] ^= 1;
  const changed = bandHashes(other).filter((b, i) => b !== bands[i]);
  assert.equal(changed.length, 1);
  assert.notDeepEqual(bandHashes(signature(shingles(B)) as Uint32Array), bands);
});

test("stories: a document joins its most similar candidate's story at the bar, else starts its own; the window is ±3 days", () => {
  const a = signature(shingles(A)) as Uint32Array;
  const a2 = signature(shingles(A2)) as Uint32Array;
  const b = signature(shingles(B)) as Uint32Array;
  assert.equal(chooseStory(a2, [{ n: 1, story: 1, signature: a }]), 1);
  assert.equal(chooseStory(a2, [{ n: 2, story: 2, signature: b }]), null);
  assert.equal(chooseStory(a2, []), null);
  // The most similar wins; on a tie, the earliest candidate.
  assert.equal(
    chooseStory(a2, [
      { n: 7, story: 3, signature: b },
      { n: 5, story: 1, signature: a },
    ]),
    1,
  );
  assert.equal(
    chooseStory(a, [
      { n: 9, story: 9, signature: a },
      { n: 4, story: 2, signature: a },
    ]),
    2,
  );
  assert.equal(chooseStory(a2, [{ n: 1, story: 1, signature: a }], 0.99), null, "the bar is a parameter");
  assert.deepEqual(dayWindow("2024-03-01"), { lo: "2024-02-27", hi: "2024-03-04" });
  assert.deepEqual(dayWindow("2021-12-30", 3), { lo: "2021-12-27", hi: "2022-01-02" });
  assert.equal(dayWindow(null), null);
  assert.equal(dayWindow("2024-03"), null, "a month is not a day");
});
