/**
 * `marsad ingest` end to end, as a user runs it (the compiled CLI in a child
 * process): a directory mixing JSONL, HTML, Windows-1256 text and a saved
 * feed; bad records listed with their place and reason while the rest is
 * stored; idempotent re-runs; a 100 MB line skipped with memory flat; a
 * database locked by another process; usage errors.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const FIXTURES = join(ROOT, "test", "fixtures", "ingest");
const dir = mkdtempSync(join(tmpdir(), "marsad-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function marsad(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, CI: "1" }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Summary {
  added: number;
  unchanged: number;
  failed: number;
  failures: { where: string; reason: string }[];
  maxRssMb: number;
  stopped: string | null;
}

function summary(r: Run): Summary {
  try {
    return JSON.parse(r.stdout) as Summary;
  } catch {
    throw new Error(`no JSON summary (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

function count(db: string, sql = "SELECT count(*) AS c FROM docs"): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { c: number }).c;
  } finally {
    d.close();
  }
}

const DB = join(dir, "corpus.db");
/** Documents the fixture directory holds: 5 + 2 JSONL records, an HTML page, a text file, 3 feed items. */
const GOOD = 12;
const BAD: Array<[string, RegExp]> = [
  ["bad.jsonl:2", /not valid JSON .*truncated/],
  ["bad.jsonl:3", /not a JSON object/],
  ["bad.jsonl:4", /no text/],
  ["bad.jsonl:5", /invalid UTF-8/],
  ["no-article.html", /no article text found/],
];

test("a directory of JSONL, HTML, Windows-1256 text and a feed: good articles stored, bad ones listed", () => {
  const r = marsad("ingest", FIXTURES, "--db", DB, "--json");
  const s = summary(r);
  assert.equal(r.code, 1, "exit 1: some inputs were skipped");
  assert.equal(s.added, GOOD);
  assert.equal(s.unchanged, 0);
  assert.equal(s.failed, BAD.length);
  assert.equal(s.stopped, null);
  for (const [where, reason] of BAD) {
    const f = s.failures.find((x) => x.where.endsWith(where));
    assert.ok(f, `${where} is listed`);
    assert.match(f.reason, reason);
  }
  assert.equal(count(DB), GOOD);
  const d = new Database(DB, { readonly: true });
  const cp = d.prepare("SELECT d.title, j.doc FROM docs d JOIN doc_json j ON j.n = d.n WHERE d.path LIKE '%cp1256.txt'").get() as {
    title: string;
    doc: string;
  };
  d.close();
  assert.equal(cp.title, "مؤتمر للطاقة المتجددة في عمان");
  assert.equal(JSON.parse(cp.doc).source.encoding, "windows-1256");
  // The human summary says the same in words.
  const again = marsad("ingest", FIXTURES, "--db", DB);
  assert.match(again.stdout, new RegExp(`added 0, unchanged ${GOOD}, failed ${BAD.length}`));
  assert.match(again.stdout, /bad\.jsonl:2: not valid JSON/);
});

test("ingesting again adds nothing, whatever the file is called", () => {
  const copy = join(dir, "renamed.jsonl");
  copyFileSync(join(FIXTURES, "articles.jsonl"), copy);
  const s = summary(marsad("ingest", copy, join(FIXTURES, "page.html"), "--db", DB, "--json"));
  assert.deepEqual([s.added, s.unchanged, s.failed], [0, 6, 0]);
  assert.equal(count(DB), GOOD);
  assert.equal(count(DB, "SELECT count(DISTINCT id) AS c FROM docs"), GOOD);
});

test("a 100 MB line is skipped with a message; the lines around it are stored; memory stays flat", () => {
  const path = join(dir, "huge.jsonl");
  const fd = openSync(path, "w");
  const good = (i: number) =>
    `${JSON.stringify({ title: `خبر قصير رقم ${i}`, text: `نص الخبر القصير رقم ${i} عن افتتاح حديقة عامة في المدينة.` })}\n`;
  writeSync(fd, good(1));
  writeSync(fd, '{"title": "سطر ضخم", "text": "');
  const chunk = Buffer.alloc(1024 * 1024, "ب");
  for (let i = 0; i < 100; i++) writeSync(fd, chunk);
  writeSync(fd, '"}\n');
  writeSync(fd, good(3));
  closeSync(fd);
  const db = join(dir, "huge.db");
  const s = summary(marsad("ingest", path, "--db", db, "--json"));
  assert.equal(s.added, 2);
  assert.equal(s.failed, 1);
  assert.match(s.failures[0].where, /huge\.jsonl:2$/);
  assert.match(s.failures[0].reason, /^line of 100 MB \(\d+ bytes\) is longer than the 16 MB limit; skipped$/);
  assert.ok(s.maxRssMb < 600, `peak RSS ${s.maxRssMb} MB`);
  rmSync(path);
});

test("missing inputs are listed and the others still go in", () => {
  const db = join(dir, "missing.db");
  const s = summary(marsad("ingest", join(dir, "nope.jsonl"), join(FIXTURES, "articles.jsonl"), "--db", db, "--json"));
  assert.equal(s.added, 5);
  assert.deepEqual(s.failures, [{ where: join(dir, "nope.jsonl"), reason: "no such file or directory" }]);
});

test("a database locked by another process: a one-line message after the busy timeout", () => {
  const holder = new Database(DB);
  holder.exec("BEGIN IMMEDIATE");
  try {
    const copy = join(dir, "new-article.txt");
    const fd = openSync(copy, "w");
    writeSync(fd, "عنوان خبر جديد\n\nنص خبر جديد لم يخزن من قبل عن مهرجان للزهور في الحديقة.\n");
    closeSync(fd);
    const r = marsad("ingest", copy, "--db", DB, "--busy-timeout", "300");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /database is locked by another process \(waited 300 ms\)/);
    assert.ok(!/internal error|at .*\.js:\d+/.test(r.stderr), r.stderr);
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  assert.equal(count(DB), GOOD, "nothing was lost");
});

test("--published dates the inputs that give none, on worker threads and on the main thread; dated records keep theirs", () => {
  for (const workers of ["1", "0"]) {
    const db = join(dir, `published-${workers}.db`);
    const txt = join(dir, `undated-${workers}.txt`);
    const fd = openSync(txt, "w");
    writeSync(fd, `افتتاح حديقة عامة جديدة\n\nافتتحت البلدية حديقة عامة جديدة في وسط المدينة (نسخة ${workers}).\n`);
    closeSync(fd);
    const jsonl = join(dir, `mixed-${workers}.jsonl`);
    const rec = (title: string, published?: string) =>
      JSON.stringify({ title, text: `${title}: نص قصير عن نشاط ثقافي في المدينة (نسخة ${workers}).`, ...(published ? { published } : {}) });
    const lfd = openSync(jsonl, "w");
    writeSync(lfd, `${rec("خبر مؤرخ", "17/05/2015")}\n${rec("خبر بلا تاريخ")}\n`);
    closeSync(lfd);
    const r = marsad("ingest", txt, jsonl, "--db", db, "--json", "--workers", workers, "--published", "2021-06-02");
    assert.equal(summary(r).added, 3, r.stderr);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT title, published, day FROM docs ORDER BY title").all() as Array<{
      title: string;
      published: string;
      day: string;
    }>;
    d.close();
    assert.deepEqual(
      rows.map((x) => [x.title, x.published, x.day]),
      [
        ["افتتاح حديقة عامة جديدة", "2021-06-02", "2021-06-02"],
        ["خبر بلا تاريخ", "2021-06-02", "2021-06-02"],
        ["خبر مؤرخ", "2015-05-17", "2015-05-17"],
      ],
      `--workers ${workers}`,
    );
  }
});

test("usage errors are one line", () => {
  for (const [args, re] of [
    [["ingest", "--db", DB], /no inputs/],
    [["ingest", FIXTURES, "--workers", "many"], /--workers: "many" is not a whole number/],
    [["ingest", FIXTURES, "--timeout", "0"], /--timeout/],
    [["ingest", FIXTURES, "--disable", "structure"], /unknown stage "structure"/],
    [["ingest", FIXTURES, "--db", "mysql://localhost/marsad"], /not a database kind/],
    [["ingest", FIXTURES, "--published", "02/06/2021"], /--published: "02\/06\/2021" is not a date \(expected YYYY-MM-DD\)/],
    [["ingest", FIXTURES, "--published", "2021-02-30"], /--published: "2021-02-30" is not a real calendar date/],
    [["ingest", FIXTURES, "--max-line-bytes", "100"], /--max-line-bytes: "100" is too small/],
  ] as Array<[string[], RegExp]>) {
    const r = marsad(...args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});
