/**
 * The events lexicon: the committed model file and the curated tables are
 * well formed, a damaged triggers.tsv is a clear InputError, the readers
 * of the PETRARCH/PLOVER dictionaries parse their formats (on small
 * samples we wrote in that format), and the training data, when present,
 * still contains every entry the review kept.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { CURATED_NOUNS, CURATED_PHRASES, CURATED_VERBS } from "../src/nlp/events/curated.js";
import { parseCameoToPlover, parseSynsets, parseVerbDictionary, splitVerbForm } from "../src/nlp/events/dictionary.js";
import {
  buildLexicon,
  eventLexicon,
  isPloverType,
  PLOVER_TYPES,
  parseTriggersTsv,
  TRIGGERS_FILE,
  TRIGGERS_HEADER,
} from "../src/nlp/events/lexicon.js";
import { dataFile, MODELS_DIR } from "../src/paths.js";
import { normalizeKey } from "../src/text/normalize.js";

test("lexicon: the committed triggers file parses and is small", () => {
  const path = join(MODELS_DIR, "events", TRIGGERS_FILE);
  assert.ok(existsSync(path), `${path} is committed`);
  const text = readFileSync(path, "utf8");
  assert.ok(text.length < 1_000_000);
  const rows = parseTriggersTsv(text, path);
  assert.ok(rows.length > 0);
  for (const r of rows) assert.ok(isPloverType(r.type), r.type);
});

test("lexicon: curated entries use known types and build into one lexicon", () => {
  for (const e of [...CURATED_VERBS, ...CURATED_PHRASES, ...CURATED_NOUNS]) {
    assert.ok((PLOVER_TYPES as readonly string[]).includes(e.type), `${e.lemma}: ${e.type}`);
    assert.ok(e.lemma.trim() !== "");
  }
  for (const e of CURATED_PHRASES) assert.ok(e.object && e.object.trim() !== "", `${e.lemma} phrase has an object`);
  const lex = eventLexicon();
  assert.equal(lex.counts.curatedVerbs, CURATED_VERBS.length);
  assert.ok(lex.bareVerbs.has(normalizeKey("اتفق")));
  assert.ok((lex.phrases.get(normalizeKey("فرض")) ?? []).some((p) => p.type === "SANCTION"));
  assert.ok(lex.nouns.size > 0);
  // Every curated verb is found by the verb matcher in its base form.
  for (const e of CURATED_VERBS)
    assert.ok(
      lex.verbs.match(e.lemma).some((m) => m.lemma === normalizeKey(e.lemma)),
      e.lemma,
    );
});

test("lexicon: a curated entry wins over a dictionary entry for the same verb", () => {
  const dict = [{ lemma: "اتفق", imperfect: "", type: "REJECT" as const, object: "", frame: "obj", cameo: "120", gloss: "" }];
  const lex = buildLexicon(dict);
  assert.equal(lex.bareVerbs.get(normalizeKey("اتفق"))?.type, "AGREE");
  assert.equal(lex.counts.dictionaryVerbs, 0);
});

test("lexicon: a damaged triggers file is an InputError naming the line", () => {
  const header = TRIGGERS_HEADER.join("\t");
  assert.throws(
    () => parseTriggersTsv("lemma\ttype\n", "t.tsv"),
    (e: unknown) => e instanceof InputError && /t\.tsv:1/.test(e.message),
  );
  assert.throws(
    () => parseTriggersTsv(`${header}\nدعم\t\tPRAISE\t\tobj\t051\t\n`, "t.tsv"),
    (e: unknown) => e instanceof InputError && /PRAISE/.test(e.message),
  );
  assert.throws(
    () => parseTriggersTsv(`${header}\nدعم\tSUPPORT\n`, "t.tsv"),
    (e: unknown) => e instanceof InputError && /t\.tsv:2/.test(e.message),
  );
  assert.deepEqual(parseTriggersTsv(`# comment\n${header}\n`, "t.tsv"), []);
});

test("dictionary readers: PETRARCH verb blocks, synsets and the CAMEO→PLOVER table", () => {
  const cameo = [
    "####### SYNONYM SETS #######",
    "&FOOD",
    "+خبز_",
    "+أرز_",
    "####### VERB PATTERNS #######",
    "--- رفض [120] ---",
    "رفض                             # refuse,deny,reject",
    "نبذ                   [121]     # reject",
    "- * طلب [120] # رفض",
    "- * &FOOD   [1223]  # رفض,نبذ",
    "--- اضرم [---] ---",
    "اضرم+نار+في           [139]     # set",
  ].join("\n");
  const blocks = parseVerbDictionary(cameo);
  assert.equal(blocks.length, 2);
  assert.deepEqual(
    blocks[0].verbs.map((v) => [v.form, v.code, v.gloss]),
    [
      ["رفض", "120", ["refuse", "deny", "reject"]],
      ["نبذ", "121", ["reject"]],
    ],
  );
  assert.deepEqual(blocks[0].patterns[1], { text: "* &FOOD", code: "1223", verbs: ["رفض", "نبذ"] });
  assert.equal(blocks[1].code, null);
  assert.deepEqual(parseSynsets(cameo).get("&FOOD"), ["خبز", "أرز"]);
  const split = splitVerbForm("اضرم+نار+في", new Set(["في"]));
  assert.deepEqual(split, { lemma: "اضرم", objects: ["نار"], preps: ["في"] });
  const map = parseCameoToPlover("04: CONSULT\n041: CONSULT, phone,   # Discuss by telephone\n0311: AGREE,  ,   economic # x\n");
  assert.deepEqual(map.get("041"), { type: "CONSULT", mode: "phone" });
  assert.equal(map.get("0311")?.type, "AGREE");
});

test("dictionary: the shared UniversalPetrarch file still has the verbs the lexicon was built from", (t) => {
  const path = dataFile("events", "universalpetrarch-ar", "CAMEO.ar.0.5.txt");
  if (!path) return t.skip("CAMEO.ar.0.5.txt not found: set MARSAD_DATA");
  const blocks = parseVerbDictionary(readFileSync(path, "utf8"));
  assert.ok(blocks.length > 150, `${blocks.length} verb blocks`);
  const verbs = new Set(
    blocks
      .flatMap((b) => b.verbs.map((v) => normalizeKey(v.form.split("+")[0])))
      .concat(blocks.flatMap((b) => b.patterns.flatMap((p) => p.verbs.map((v) => normalizeKey(v.split("+")[0]))))),
  );
  const rows = parseTriggersTsv(readFileSync(join(MODELS_DIR, "events", TRIGGERS_FILE), "utf8"), TRIGGERS_FILE);
  for (const r of rows) assert.ok(verbs.has(normalizeKey(r.lemma)), `${r.lemma} is in the dictionary`);
});
