/**
 * `marsad analyze` as a user runs it: a child process, its stdout, stderr
 * and exit code. Bad inputs must give one line naming the file and the
 * reason, a non-zero exit, and never a stack trace.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "marsad-cli-"));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ARTICLE = [
  "وزير الخارجية يبحث مع نظيره التعاون الإقليمي",
  "",
  "بحث وزير الخارجية مع نظيره في اتصال هاتفي سبل تعزيز التعاون الإقليمي.",
  "",
  "وقال الوزير في بيان إن «الحوار هو الطريق الوحيد للاستقرار». وأضاف أن البلدين سيعقدان اجتماعا قريبا.",
  "",
  "وأشار إلى أن الجانبين اتفقا على تبادل الزيارات خلال الأشهر المقبلة.",
].join("\n");

function expectOneLineError(r: { code: number | null; err: string }, pattern: RegExp) {
  assert.notEqual(r.code, 0);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 1, `expected one line, got: ${r.err}`);
  assert.match(lines[0], /^marsad: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
}

test("analyzes a text file into a marsad.article/1 document", () => {
  const p = join(dir, "a.txt");
  writeFileSync(p, ARTICLE);
  const r = run(["analyze", p, "--published", "2021-03-02"]);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.schema, "marsad.article/1");
  assert.equal(doc.published, "2021-03-02");
  assert.equal(doc.title, "وزير الخارجية يبحث مع نظيره التعاون الإقليمي");
  assert.ok(doc.sentences.length >= 4);
  for (const s of doc.sentences) assert.ok(s.end > s.start && s.end <= doc.text.length);
  assert.equal(doc.tokens, undefined, "tokens only on request");
});

test("--tokens adds tokens whose offsets and segments are consistent", () => {
  const r = run(["analyze", "-", "--tokens", "--compact"], ARTICLE);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.ok(doc.tokens.length > 20);
  for (const t of doc.tokens) {
    assert.equal(doc.text.slice(t.start, t.end), t.text);
    assert.equal(t.segments.map((s: { text: string }) => s.text).join(""), t.text);
  }
});

test("the same article read twice gets the same id", () => {
  const a = JSON.parse(run(["analyze", "-"], ARTICLE).out);
  const b = JSON.parse(run(["analyze", "-"], `${ARTICLE}\n`).out);
  assert.equal(a.id, b.id);
});

test("bad inputs: missing, directory, empty, binary, damaged UTF-8, too large, bad date", () => {
  expectOneLineError(run(["analyze", join(dir, "nope.txt")]), /nope\.txt: no such file/);
  const sub = join(dir, "folder");
  mkdirSync(sub, { recursive: true });
  expectOneLineError(run(["analyze", sub]), /folder: is a directory/);
  writeFileSync(join(dir, "empty.txt"), "");
  expectOneLineError(run(["analyze", join(dir, "empty.txt")]), /empty\.txt: empty/);
  writeFileSync(join(dir, "blank.txt"), "  \n\n ");
  expectOneLineError(run(["analyze", join(dir, "blank.txt")]), /blank\.txt: empty/);
  writeFileSync(join(dir, "img.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  expectOneLineError(run(["analyze", join(dir, "img.png")]), /img\.png: binary/);
  writeFileSync(join(dir, "bad.txt"), Buffer.concat([Buffer.from(ARTICLE), Buffer.from([0xd8, 0x20])]));
  expectOneLineError(run(["analyze", join(dir, "bad.txt")]), /bad\.txt: invalid UTF-8/);
  const big = join(dir, "big.txt");
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
  expectOneLineError(run(["analyze", big]), /big\.txt: file is 50\.0 MB/);
  expectOneLineError(run(["analyze", "-", "--published", "2020-02-30"], ARTICLE), /--published/);
  expectOneLineError(run(["analyze", "-", "--nope"], ARTICLE), /nope/);
});

test("batch mode: a bad record is reported and the rest goes on", () => {
  const good = (i: number) =>
    JSON.stringify({
      title: `عنوان الخبر رقم ${i}`,
      text: `نص الخبر رقم ${i}. وقال المتحدث إن الأمور تسير جيدا.`,
      published: "2019-05-01",
      source: "demo",
      url: `https://example.org/${i}`,
    });
  const lines = [good(1), '{"title": "مقطوع', good(2), JSON.stringify({ title: "بلا نص", text: "" }), "", good(3)];
  const r = run(["analyze", "--jsonl", "-"], lines.join("\n"));
  assert.equal(r.code, 1);
  const docs = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(docs.length, 3);
  assert.deepEqual(
    docs.map((d) => d.source.outlet),
    ["demo", "demo", "demo"],
  );
  assert.match(r.err, /stdin:2: not valid JSON/);
  assert.match(r.err, /stdin:4: /);
  assert.match(r.err, /analyzed 3 records, 2 failed/);
  assert.doesNotMatch(r.err, /\n\s+at /);
});

test("help on every command, and unknown commands are refused", () => {
  const top = run(["--help"]);
  assert.equal(top.code, 0);
  assert.match(top.out, /analyze/);
  const a = run(["analyze", "--help"]);
  assert.equal(a.code, 0);
  assert.match(a.out, /--published/);
  const e = run(["eval", "--help"]);
  assert.equal(e.code, 0);
  const u = run(["frobnicate"]);
  assert.equal(u.code, 2);
});

test("a one-paragraph text is analyzed as body text, not as a title", () => {
  const para =
    "بحث وزير الخارجية مع نظيره في اتصال هاتفي سبل تعزيز التعاون الإقليمي. وقال الوزير إن البلدين سيعقدان اجتماعا قريبا لبحث الملفات المشتركة.";
  for (const r of [run(["analyze", "-"], para), run(["analyze", "-"], `${para}\n`)]) {
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.title, "");
    assert.deepEqual(doc.paragraphs, [para]);
    assert.equal(doc.text, para);
    assert.equal(doc.sentences.length, 2);
  }
  const p = join(dir, "one-paragraph.txt");
  writeFileSync(p, para);
  assert.deepEqual(JSON.parse(run(["analyze", p]).out).paragraphs, [para]);
});

test("batch mode: --max-bytes below 16M is honoured; a longer line is a bad record with its number and size", () => {
  const rec = (i: number, filler = "") =>
    JSON.stringify({ title: `عنوان الخبر رقم ${i}`, text: `نص الخبر رقم ${i}. وقال المتحدث إن الأمور تسير جيدا.${filler}` });
  const long = rec(2, ` ${"كلمة ".repeat(400)}`);
  const lines = [rec(1), long, rec(3)].join("\n");
  const r = run(["analyze", "--jsonl", "-", "--max-bytes", "2K"], lines);
  assert.equal(r.code, 1);
  assert.equal(r.out.trim().split("\n").length, 2);
  const size = Buffer.byteLength(long);
  assert.match(r.err, new RegExp(`stdin:2: line of [\\d.]+ KB \\(${size} bytes\\) is longer than the 2 KB limit; skipped`));
  assert.match(r.err, /analyzed 2 records, 1 failed/);
  // Without the option the default (16 MB) applies and the same batch passes.
  assert.equal(run(["analyze", "--jsonl", "-"], lines).code, 0);
  expectOneLineError(run(["analyze", "--jsonl", "-", "--max-bytes", "512"], lines), /--max-bytes: "512" is too small \(at least 1K\)/);
});

test("batch mode: an unreadable date is a warning and null; a DD/MM/YYYY date is read day first", () => {
  const rec = (published: string) =>
    JSON.stringify({ title: "عنوان الخبر", text: `نص الخبر المنشور في ${published}. وقال المتحدث إن الأمور تسير جيدا.`, published });
  const r = run(["analyze", "--jsonl", "-", "--published", "2000-01-01"], [rec("05/06/2015"), rec("قبل ساعتين")].join("\n"));
  assert.equal(r.code, 0, r.err);
  const docs = r.out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    docs.map((d) => d.published),
    ["2015-06-05", null],
  );
  assert.match(r.err, /^marsad: warning: stdin:2: publication date from the record ignored: "قبل ساعتين" is not a date/m);
});
