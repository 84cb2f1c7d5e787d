/** The CoNLL reader: three tag dialects mapped onto PER/LOC/ORG/MISC, and its errors. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { mapTag, parseConll, readConll } from "../src/nlp/ner/conll.js";
import { ROOT } from "../src/paths.js";

const MINI = join(ROOT, "test", "fixtures", "ner", "mini.conll");

test("ANERcorp format: sentences split at blank lines, PERS read as PER", () => {
  const sents = readConll(MINI);
  assert.equal(sents.length, 3);
  assert.deepEqual(sents[0].tokens.slice(4, 6), ["سامح", "شكري"]);
  assert.deepEqual(sents[0].tags.slice(4, 6), ["B-PER", "I-PER"]);
  assert.deepEqual(sents[1].tags.slice(1, 4), ["B-ORG", "I-ORG", "I-ORG"]);
  assert.deepEqual(sents[2].tags.slice(3, 5), ["B-MISC", "I-MISC"]);
  assert.equal(sents[2].tokens.length, sents[2].tags.length);
});

test("CRLF, surrounding blank lines and a missing final newline are fine", () => {
  const sents = parseConll("\r\n\r\nباريس B-LOC\r\nعاصمة O\r\n\r\n\r\nفرنسا B-LOC", "crlf");
  assert.deepEqual(
    sents.map((s) => s.tags),
    [["B-LOC", "O"], ["B-LOC"]],
  );
});

test("a line with extra fields keeps the first as token and the last as tag", () => {
  const [s] = parseConll(". Oالإصابة O\nبيروت B-LOC\n", "glued");
  assert.deepEqual(s.tokens, [".", "بيروت"]);
  assert.deepEqual(s.tags, ["O", "B-LOC"]);
});

test("ANERcorp: an unknown tag or a line without tag is an InputError naming the line", () => {
  assert.throws(
    () => parseConll("بيروت B-LOC\nأمس B-DATE\n", "gold.conll"),
    (e: unknown) => e instanceof InputError && e.subject === "gold.conll:2" && /B-DATE/.test(e.reason),
  );
  assert.throws(
    () => parseConll("بيروت\n", "gold.conll"),
    (e: unknown) => e instanceof InputError && e.subject === "gold.conll:1",
  );
});

test("a missing file is an InputError, not a crash", () => {
  assert.throws(() => readConll(join(ROOT, "test", "fixtures", "ner", "absent.conll")), InputError);
});

test("AQMAR: MIS0..3 → MISC, typo tags read as O", () => {
  const sents = parseConll("كرة B-MIS1\nالقدم I-MIS1\nلينكس B-MIS-1\nالشمالي IO\nدمشق B-LOC\nعلي B-PER\n", "aqmar", "aqmar");
  assert.deepEqual(sents[0].tags, ["B-MISC", "I-MISC", "O", "O", "B-LOC", "B-PER"]);
  assert.equal(mapTag("I-MIS3", "aqmar"), "I-MISC");
  assert.equal(mapTag("B-ENGLISH", "aqmar"), "O");
});

test("Wojood: the outermost tag of one of our types wins; other types are O; $#$ is dropped", () => {
  const text = [
    "مراسلة O",
    "سكرتير B-OCC",
    "اللجنة I-OCC B-ORG",
    "الوطنية I-OCC I-ORG",
    "في I-OCC",
    "نابلس I-OCC B-GPE",
    "أمس B-DATE",
    "$#$ O",
    "",
  ].join("\n");
  const [s] = parseConll(text, "wojood", "wojood");
  assert.deepEqual(s.tokens, ["مراسلة", "سكرتير", "اللجنة", "الوطنية", "في", "نابلس", "أمس"]);
  assert.deepEqual(s.tags, ["O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]);
  assert.equal(mapTag("B-PERS", "wojood"), "B-PER");
});
