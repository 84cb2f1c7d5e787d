/**
 * Entity lookup by plain name (src/corpus/entities.ts), the parts that do
 * not need a corpus: the proclitic-free variants of a name, and the line
 * that says which entity a name was taken to mean. Lookups against stored
 * corpora, on both backends, are in test/store-corpus.test.ts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type EntityChoice, looseKeys, type Resolution, resolutionNote } from "../src/corpus/entities.js";

test("loose keys: proclitics off the first word, لل read as ال, nothing for a bare name", () => {
  assert.deepEqual(looseKeys("لبوتين"), ["بوتين"]);
  assert.deepEqual(looseKeys("وبوتين"), ["بوتين"]);
  assert.ok(looseKeys("بالصين").includes("الصين"), looseKeys("بالصين").join(","));
  assert.ok(looseKeys("للصين").includes("الصين"), looseKeys("للصين").join(","));
  assert.ok(looseKeys("وفلاديمير بوتين").includes("فلاديمير بوتين"));
  assert.deepEqual(looseKeys("بوتين"), []);
  assert.deepEqual(looseKeys(""), []);
});

const choice = (key: string, name: string, mentions: number, match: EntityChoice["match"] = "alias"): EntityChoice => ({
  key,
  kbId: key.includes(":") ? key : null,
  name,
  type: "PER",
  articles: 1,
  mentions,
  match,
  word: false,
});

test("the note says which entity was chosen and lists the others, or nothing when the key was exact", () => {
  const one: Resolution = { query: "بوتين", chosen: choice("per:بوتين", "فلاديمير بوتين", 21), alternatives: [] };
  assert.equal(resolutionNote(one), "«بوتين» → فلاديمير بوتين (per:بوتين)");
  const many: Resolution = {
    query: "محمد",
    chosen: choice("per:أ", "محمد أ", 9, "loose"),
    alternatives: [choice("per:ب", "محمد ب", 4, "loose"), choice("محمد ج", "محمد ج", 2, "loose")],
  };
  assert.equal(
    resolutionNote(many),
    "«محمد» → محمد أ (per:أ), the most mentioned (9) of 3 entities with that name; also: محمد ب (per:ب) 4، محمد ج 2",
  );
  assert.equal(resolutionNote({ query: "per:أ", chosen: choice("per:أ", "أ", 3, "id"), alternatives: [] }), null);
  assert.equal(resolutionNote({ query: "لا أحد", chosen: null, alternatives: [] }), null);
});
