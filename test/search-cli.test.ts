/**
 * `marsad search` as a user runs it: ranked hits with […] highlights when
 * the output is not a terminal, JSON with highlight offsets and <mark> HTML,
 * exclusions given as "-word" arguments, one-line errors for a bad
 * query or a missing database, and one story once (copies folded, listed
 * with "+1 نسخة · also in …"; --all-copies) with the outlet filter that
 * ignores case and spacing.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "marsad-search-cli-"));
const DB = join(dir, "s.db");

function marsad(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  const r = marsad("ingest", join(ROOT, "test", "fixtures", "ingest", "articles.jsonl"), "--db", DB);
  assert.equal(r.code, 0, r.stderr + r.stdout);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("ranked hits with [highlighted] surface forms", () => {
  const r = marsad("search", "بوتين", "--db", DB);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1–2 of 2 results/);
  assert.match(r.stdout, /^1\. \[بوتين\] يستقبل وزير خارجية الصين في موسكو$/m, "the title match ranks first");
  assert.match(r.stdout, /تهنئة \[لبوتين\]/);
  assert.match(r.stdout, /\[وبوتين\] كان/);
});

test("--json: offsets into the snippet text, and <mark> HTML; paging", () => {
  const r = marsad("search", "الصين", "--db", DB, "--json");
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total, 2);
  // One article has الصين in its title, the other بالصين in its body.
  const titled = out.hits.find((h: { titleHighlights: unknown[] }) => h.titleHighlights.length > 0);
  assert.deepEqual(
    titled.titleHighlights.map((h: { start: number; end: number }) => titled.title.slice(h.start, h.end)),
    ["الصين"],
  );
  const inBody = out.hits.find((h: { snippet: { highlights: unknown[] } }) => h.snippet.highlights.length > 0);
  const s = inBody.snippet;
  assert.deepEqual(
    s.highlights.map((h: { start: number; end: number }) => s.text.slice(h.start, h.end)),
    ["الصين", "بالصين"],
  );
  assert.match(s.html, /<mark>بالصين<\/mark>/);
  const page1 = JSON.parse(marsad("search", "الصين", "--db", DB, "--json", "--limit", "1").stdout);
  const page2 = JSON.parse(marsad("search", "الصين", "--db", DB, "--json", "--limit", "1", "--offset", "1").stdout);
  assert.deepEqual(
    [page1.hits[0].id, page2.hits[0].id],
    out.hits.map((h: { id: string }) => h.id),
  );
});

test("exclusions as arguments, filters", () => {
  const r = JSON.parse(marsad("search", "بوتين", "-الصين", "--db", DB, "--json").stdout);
  assert.equal(r.total, 1);
  assert.equal(r.hits[0].title, "رسالة تهنئة من طوكيو");
  const f = JSON.parse(marsad("search", "بوتين", "--db", DB, "--json", "--outlet", "othernews", "--from", "2021-04-01").stdout);
  assert.equal(f.total, 1);
});

test("errors are one line: bad query, missing database, bad option values", () => {
  for (const [args, re] of [
    [["search", '"بوتين', "--db", DB], /unbalanced quote/],
    [["search", "في", "--db", DB], /only stopwords/],
    [["search", "--db", DB], /no query/],
    [["search", "بوتين", "--db", join(dir, "absent.db")], /no such database/],
    [["search", "بوتين", "--db", DB, "--limit", "ten"], /--limit/],
    [["search", "بوتين", "--db", DB, "--from", "2021-13-01"], /--from/],
  ] as Array<[string[], RegExp]>) {
    const r = marsad(...args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

test("one story once: two outlets' copies are one hit with '+1 نسخة · also in …'; --all-copies lists both; --outlet ignores case and spaces", () => {
  const db = join(dir, "copies.db");
  const body =
    "قررت الحكومة رفع الحد الأدنى للأجور بنسبة عشرة في المئة اعتبارا من الشهر المقبل، بعد مفاوضات طويلة مع النقابات العمالية وممثلي أصحاب العمل. وقال وزير العمل إن القرار يشمل العاملين في القطاعين العام والخاص.";
  const rewritten = body.replace("قررت الحكومة", "أعلنت الحكومة").replace("وقال وزير العمل إن", "وأوضح وزير العمل أن");
  const records = [
    {
      title: "رفع الحد الأدنى للأجور",
      text: body,
      published: "2022-05-01T08:00:00Z",
      source: "Jawhara FM",
      url: "https://example.org/a/1",
    },
    {
      title: "الحكومة ترفع الأجور الدنيا",
      text: rewritten,
      published: "2022-05-01T11:00:00Z",
      source: "alpha news",
      url: "https://example.org/b/1",
    },
    {
      title: "افتتاح معرض الكتاب",
      text: "افتتح معرض الكتاب أبوابه للزوار بمشاركة دور نشر من عشرين بلدا، وتحدث المنظمون عن الأجور المرتفعة للقاعات.",
      published: "2022-05-01T09:00:00Z",
      source: "beta",
      url: "https://example.org/c/1",
    },
  ];
  const file = join(dir, "copies.jsonl");
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
  assert.equal(marsad("ingest", file, "--db", db).code, 0);

  const text = marsad("search", "الأجور", "--db", db);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^1–2 of 2 stories \(3 articles with their copies; [\d.]+ ms\)$/m);
  assert.match(text.stdout, /^ {3}\+1 نسخة · also in (jawhara fm|alpha news)$/m);
  const folded = JSON.parse(marsad("search", "الأجور", "--db", db, "--json").stdout);
  assert.deepEqual([folded.total, folded.unit, folded.documents, folded.hits.length], [2, "stories", 3, 2]);
  const story = folded.hits.find((h: { copies: number }) => h.copies === 1);
  assert.equal(story.alsoReportedBy.length, 1);
  assert.deepEqual(Object.keys(story.alsoReportedBy[0]).sort(), ["id", "outlet", "published", "title", "url"]);
  assert.notEqual(story.alsoReportedBy[0].outlet, story.outlet);

  const all = JSON.parse(marsad("search", "الأجور", "--db", db, "--json", "--all-copies").stdout);
  assert.deepEqual([all.total, all.unit, all.hits.length], [3, "documents", 3]);
  assert.ok(all.hits.every((h: { alsoReportedBy: unknown[] }) => h.alsoReportedBy.length === 0));
  assert.match(marsad("search", "الأجور", "--db", db, "--all-copies").stdout, /^1–3 of 3 results/);

  for (const outlet of ["jawharafm", "Jawhara FM", "JAWHARA-FM"]) {
    const r = JSON.parse(marsad("search", "الأجور", "--db", db, "--json", "--outlet", outlet).stdout);
    assert.deepEqual(
      r.hits.map((h: { outlet: string; alsoReportedBy: unknown[] }) => [h.outlet, h.alsoReportedBy.length]),
      [["jawhara fm", 0]],
      outlet,
    );
  }
});
