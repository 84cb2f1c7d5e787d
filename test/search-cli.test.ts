/**
 * `marsad search` as a user runs it: ranked hits with […] highlights when
 * the output is not a terminal, JSON with highlight offsets and <mark> HTML,
 * exclusions given as "-word" arguments, and one-line errors for a bad
 * query or a missing database.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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
