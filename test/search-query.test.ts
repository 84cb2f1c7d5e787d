/**
 * The query language and the FTS5 expression built from it: words, phrases,
 * exclusions, the messages for queries with nothing to search for, and that
 * no user text reaches FTS5 as syntax.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { parseQuery } from "../src/search/query.js";
import { buildMatch, ftsString } from "../src/store/sqlite/fts.js";
import { analyzeWord } from "../src/text/analyzer.js";

const terms = (q: string) => {
  const p = parseQuery(q);
  return { must: p.must.map((c) => c.terms), not: p.not.map((c) => c.terms) };
};

test("words become one analyzed term each; clitic forms meet in the same term", () => {
  assert.deepEqual(terms("بوتين الصين"), { must: [[analyzeWord("بوتين")], [analyzeWord("الصين")]], not: [] });
  assert.equal(analyzeWord("لبوتين"), analyzeWord("بوتين"));
  assert.equal(analyzeWord("وبوتين"), analyzeWord("بوتين"));
  assert.equal(analyzeWord("بالصين"), analyzeWord("الصين"));
});

test("quoted phrases keep their words together, stopwords included; «» and “” quote too", () => {
  const p = terms('"وزير الخارجية" بوتين');
  assert.deepEqual(p.must, [[analyzeWord("وزير"), analyzeWord("الخارجية")], [analyzeWord("بوتين")]]);
  assert.deepEqual(terms("«رئيس من الوزراء»").must, [[analyzeWord("رئيس"), analyzeWord("من"), analyzeWord("الوزراء")]]);
  assert.deepEqual(terms("“مجلس الأمن”").must, [[analyzeWord("مجلس"), analyzeWord("الأمن")]]);
});

test('exclusions: -word and -"phrase"; a hyphen inside a word is not one', () => {
  assert.deepEqual(terms('النفط -أوبك -"أسعار الذهب"'), {
    must: [[analyzeWord("النفط")]],
    not: [[analyzeWord("أوبك")], [analyzeWord("أسعار"), analyzeWord("الذهب")]],
  });
  assert.equal(terms("كوفيد-19").not.length, 0);
});

test("loose stopwords are dropped; a query of only stopwords is refused with the words named", () => {
  assert.deepEqual(terms("في بوتين من").must, [[analyzeWord("بوتين")]]);
  assert.throws(
    () => parseQuery("في من على"),
    (e: unknown) => e instanceof InputError && /only stopwords \("في", "من", "على"\)/.test(e.message),
  );
});

test("malformed queries get a clear message", () => {
  const cases: Array<[string, RegExp]> = [
    ["", /empty query/],
    ["   ", /empty query/],
    ['"', /unbalanced quote/],
    ['بوتين "الصين', /unbalanced quote: the phrase opened with " at character 7/],
    ["«بوتين", /never closed with »/],
    ["*", /no words to search for/],
    ["-أوبك", /exclusions \(-word\) need at least one word/],
    ["()", /no words to search for/],
    ["x".repeat(1001), /too long/],
  ];
  for (const [q, re] of cases) {
    assert.throws(
      () => parseQuery(q),
      (e: unknown) => e instanceof InputError && e.subject === "query" && re.test(e.reason),
      `query ${JSON.stringify(q)}`,
    );
  }
});

test("FTS5 and SQL syntax in a query is only text: every term is one quoted FTS5 string", () => {
  for (const q of [
    "NEAR(بوتين الصين)",
    "OR",
    "بوتين OR الصين",
    "'; DROP TABLE docs; --",
    "col:term",
    "title:بوتين",
    "بوتين*",
    "^بوتين",
    "a AND b NOT c",
    'بوتين "" الصين',
  ]) {
    const p = parseQuery(q);
    const match = buildMatch(
      p.must.map((c) => c.terms),
      p.not.map((c) => c.terms),
    );
    assert.ok(match);
    // Outside the quoted strings, only our own operators and parentheses remain.
    const outside = match.replace(/"(?:[^"]|"")*"/g, "").trim();
    assert.match(outside, /^(?:[()+\s]|AND|NOT)*$/, `${q} → ${match}`);
  }
  assert.equal(ftsString('a"b'), '"a""b"');
  assert.equal(buildMatch([["x", "y"], ["z"]], [["w"]]), '(("x" + "y") AND "z") NOT ("w")');
  assert.equal(buildMatch([], [["w"]]), null);
});
