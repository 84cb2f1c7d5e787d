/** Gazetteer cleaning (ANERGazet, actor dictionary) and matching in a sentence. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanNameList, Gazetteer, type GazMatch, mergeEntries, parseActorDictionary } from "../src/nlp/ner/gazetteer.js";
import { normalizeKey } from "../src/text/normalize.js";

const STOP = new Set(["في", "من", "على"].map((w) => normalizeKey(w)));

test("name lists: separators, short names and stopwords are dropped; names normalized", () => {
  const list = "====\nعمان\n****\nعز\nفي\nالإسكندرية\nجرش\n";
  const e = cleanNameList(list, "LOC", STOP);
  assert.deepEqual(
    e.map((x) => x.tokens.join(" ")),
    ["عمان", "الاسكندريه", "جرش"],
  );
  assert.ok(e.every((x) => x.type === "LOC"));
});

test("actor dictionary: people, organizations, places; titles stripped; bare titles dropped", () => {
  const dict = [
    "نوري_المالكي_",
    "\t[IRQGOV 20101221-20140908]",
    "حركة_حماس_",
    "\t[PSEREB 20140908-20161010]",
    "جدة  [SAU]",
    "رئيس_وزير_غوردون_براون_",
    "\t[GBRGOV 20070627-20100511]",
    "عاهل_أردني_",
    "\t[JORGOV 19990207-18000101]",
    "جيش  [MIL]",
    "سوري",
    "\t[SYR 20090331-18000101]",
  ].join("\n");
  const got = parseActorDictionary(dict, STOP).map((e) => `${e.type}:${e.tokens.join(" ")}`);
  assert.deepEqual(got, ["PER:نوري المالكي", "ORG:حركه حماس", "LOC:جده", "PER:غوردون براون", "ORG:جيش", "ACT:سوري"]);
});

test("merging: a one-word name under two types is ambiguous and dropped; multi-word names stay", () => {
  const lines = mergeEntries([
    { tokens: ["عمان"], type: "LOC" },
    { tokens: ["عمان"], type: "PER" },
    { tokens: ["دمشق"], type: "LOC" },
    { tokens: ["الامم", "المتحده"], type: "ORG" },
  ]);
  assert.deepEqual(lines, ["ORG\tالامم المتحده", "LOC\tدمشق"]);
});

test("matching: longest and shorter entries, first token read without its proclitic", () => {
  const g = new Gazetteer(["ORG\tالامم المتحده", "LOC\tنيويورك", "PER\tبان كي مون", "PER\tمون"]);
  const keys = ["وقال", "الامين", "العام", "للامم", "المتحده", "بان", "كي", "مون", "في", "نيويورك"];
  const first = keys.map((k) => [k]);
  first[3] = ["للامم", "لامم"]; // no match: ل + ال contracted, as in real text
  const found: GazMatch[] = [];
  g.match(first, keys, (m) => found.push(m));
  assert.deepEqual(
    found.map((m) => [m.start, m.end, m.bits]),
    [
      [5, 8, 1],
      [7, 8, 1],
      [9, 10, 2],
    ],
  );
  assert.equal(g.tokenTypes("بان"), 1);
  assert.equal(g.tokenTypes("كي"), 0); // too short to count on its own
  assert.equal(g.tokenTypes("دمشق"), 0);
});

test("matching is linear: a long sentence of repeated prefixes finishes at once", () => {
  const g = new Gazetteer(["ORG\tمجلس الامن الدولي"]);
  const keys = Array.from({ length: 20000 }, (_, i) => (i % 2 ? "الامن" : "مجلس"));
  let n = 0;
  const t0 = Date.now();
  g.match(
    keys.map((k) => [k]),
    keys,
    () => n++,
  );
  assert.equal(n, 0);
  assert.ok(Date.now() - t0 < 1000);
});
