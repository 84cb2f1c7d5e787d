/**
 * KB persistence (rows, TSV and JSON round trips, errors a user can act on)
 * and the seed builder's reading of the actor dictionary.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { actorRows, parseActorDict } from "../src/kb/actors.js";
import { loadCountries } from "../src/kb/countries.js";
import { type KbRow, KnowledgeBase } from "../src/kb/index.js";
import { checkRow } from "../src/kb/rows.js";
import { dataFile, ROOT } from "../src/paths.js";

const row = (over: Partial<KbRow>): KbRow => ({
  kbId: "per:سامر_الخطيب",
  alias: "سامر الخطيب",
  display: "سامر الخطيب",
  type: "PER",
  source: "user",
  validFrom: null,
  validTo: null,
  count: 1,
  ...over,
});

function sample(): KnowledgeBase {
  return new KnowledgeBase([
    row({}),
    row({ alias: "الخطيب", display: "الخطيب", source: "learned", count: 3, validFrom: "2020-01-01", validTo: "2020-02-01" }),
    row({
      alias: "title:prime-minister:JOR",
      display: "رئيس الوزراء الأردني",
      source: "learned",
      validFrom: "2020-01-05",
      validTo: "2020-01-05",
    }),
    row({ kbId: "loc:عمان", alias: "عمّان", display: "عمّان", type: "LOC" }),
  ]);
}

test("save/load round trip, TSV and JSON", () => {
  const dir = mkdtempSync(join(tmpdir(), "marsad-kb-"));
  const kb = sample();
  for (const file of ["kb.tsv", "kb.json"]) {
    const p = join(dir, file);
    kb.save(p);
    const back = KnowledgeBase.load(p);
    assert.deepEqual(back.toJSON(), kb.toJSON(), file);
    assert.equal(back.resolve("الخطيب", "PER"), "per:سامر_الخطيب");
    assert.equal(back.resolveTitle("prime-minister", "JOR", "2020-03-01"), "per:سامر_الخطيب");
    assert.equal(back.resolve("عمان", "LOC"), "loc:عمان", "aliases are stored normalized");
  }
  assert.deepEqual(KnowledgeBase.fromJSON(JSON.parse(JSON.stringify(kb))).toJSON(), kb.toJSON());
  // The TSV is meant to be read and edited: a header, one row a line.
  const tsv = readFileSync(join(dir, "kb.tsv"), "utf8").split("\n");
  assert.equal(tsv[0], "kbId\talias\tdisplay\ttype\tsource\tvalidFrom\tvalidTo\tcount");
  assert.equal(tsv.filter(Boolean).length, 5);
});

test("learning the same alias twice counts it and widens its dates", () => {
  const kb = sample();
  kb.add(row({ alias: "الخطيب", display: "الخطيب", source: "learned", count: 2, validFrom: "2019-06-01", validTo: "2019-06-01" }));
  const r = kb.rows().filter((x) => x.alias === "الخطيب");
  assert.equal(r.length, 1);
  assert.equal(r[0].count, 5);
  assert.equal(r[0].validFrom, "2019-06-01");
  assert.equal(r[0].validTo, "2020-02-01");
});

test("bad KB files are InputErrors that name the file and line", () => {
  const dir = mkdtempSync(join(tmpdir(), "marsad-kb-"));
  assert.throws(() => KnowledgeBase.load(join(dir, "missing.tsv")), InputError);
  const header = "kbId\talias\tdisplay\ttype\tsource\tvalidFrom\tvalidTo\tcount";
  const cases: [string, RegExp][] = [
    ["no header\n", /header/],
    [`${header}\nper:x\tx\tx\tPERSON\tuser\t\t\t1\n`, /:2: type/],
    [`${header}\nper:x\tx\tx\tPER\tuser\t2020-13\t\t1\n`, /validFrom/],
    [`${header}\nper:x\tx\tx\tPER\tuser\t2021-01-01\t2020-01-01\t1\n`, /before/],
    [`${header}\nper:x\tx\tx\tPER\n`, /fields/],
    [`${header}\nnot an id\tx\tx\tPER\tuser\t\t\t1\n`, /kbId/],
  ];
  for (const [text, re] of cases) {
    const p = join(dir, "bad.tsv");
    writeFileSync(p, text);
    assert.throws(
      () => KnowledgeBase.load(p),
      (e: unknown) => e instanceof InputError && re.test(e.message),
      text,
    );
  }
  const pj = join(dir, "bad.json");
  writeFileSync(pj, "{not json");
  assert.throws(() => KnowledgeBase.load(pj), InputError);
  assert.throws(() => KnowledgeBase.fromJSON({ schema: "other", rows: [] }), InputError);
  assert.throws(() => KnowledgeBase.fromJSON({ schema: "marsad.kb/1", rows: [{ kbId: "per:x" }] }), InputError);
});

test("the actor dictionary: people, surname aliases, dated titles; organizations and places skipped", () => {
  const text = readFileSync(join(ROOT, "test", "fixtures", "link", "actors-sample.txt"), "utf8");
  const entries = parseActorDict(text);
  assert.equal(entries.length, 8);
  assert.deepEqual(entries[1].roles[1], { code: "JORELI", from: "2005-01-01", to: null }, "an end before the start is open");
  const seed = actorRows(entries, loadCountries());
  const kb = new KnowledgeBase(seed.rows);
  const khatib = kb.resolve("سامر الخطيب", "PER");
  assert.equal(khatib, "per:سامر_الخطيب");
  assert.equal(kb.resolve("الخطيب", "PER"), khatib, "a one-word entry becomes the surname alias");
  assert.equal(kb.resolveTitle("prime-minister", "JOR", "2003-06-01"), khatib);
  assert.equal(kb.resolveTitle("prime-minister", "JOR", "2007-06-01"), null, "the range ended");
  assert.equal(kb.resolve("جون سمث", "PER"), kb.resolve("جون سميث", "PER"), "spelling variants of one person merge");
  assert.equal(kb.resolve("حركة الأمل", "ORG"), null);
  assert.equal(kb.resolve("دمشق", "LOC"), null);
  assert.ok(seed.native.has("سامر"));
  assert.equal(seed.rows.filter((r) => r.alias.startsWith("title:")).length, 1, "a title alone (رئيس سوداني) holds no one");
});

test("the real actor dictionary yields the seed's people and dated titles", (t) => {
  const p = dataFile("events", "universalpetrarch-ar", "actor_dict_ar_v4.txt");
  if (!p) {
    t.skip("events/universalpetrarch-ar/actor_dict_ar_v4.txt not found: set MARSAD_DATA");
    return;
  }
  const seed = actorRows(parseActorDict(readFileSync(p, "utf8")), loadCountries());
  assert.ok(seed.stats.persons > 1000, `persons ${seed.stats.persons}`);
  const kb = new KnowledgeBase(seed.rows);
  assert.equal(kb.resolveTitle("president", "RUS", "2004-01-01"), "per:فلاديمير_بوتين");
  assert.equal(kb.resolveTitle("president", "SYR", "2012-01-01"), "per:بشار_الأسد");
  assert.equal(kb.resolve("بوتين", "PER"), "per:فلاديمير_بوتين");
});

test("the committed seed loads and matches what the builder makes", () => {
  const kb = KnowledgeBase.loadSeed();
  assert.ok(kb.size > 1000);
  assert.equal(kb.country("RUS"), "loc:روسيا");
  assert.equal(kb.entity("per:فلاديمير_بوتين")?.name, "فلاديمير بوتين");
  assert.ok(kb.holders("president", "RUS").length >= 1);
});

test("a row's dates must be real days: impossible ones are refused, not stored as NaN ranges", () => {
  const row = {
    kbId: "per:أ_ب",
    alias: "ا ب",
    display: "أ ب",
    type: "PER",
    source: "user",
    validFrom: "2020-02-29",
    validTo: null,
    count: 1,
  };
  assert.equal(checkRow(row, "t").validFrom, "2020-02-29");
  for (const bad of ["2020-13-45", "2021-02-29", "2020-04-31"]) {
    assert.throws(
      () => checkRow({ ...row, validFrom: bad }, "t"),
      (e: unknown) => e instanceof InputError && /real day/.test(e.message),
    );
  }
});
