/**
 * Resumability: an ingest killed with SIGKILL in the middle of a batch loses
 * nothing and duplicates nothing. The test feeds a few hundred generated
 * Arabic articles to `marsad ingest -` on standard input, waits until some
 * batches are committed, sends more lines so the workers are busy, kills the
 * process, then runs `marsad ingest` on the whole file and checks that every
 * article is stored exactly once and the database is intact.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { parseArticle, recordToInput } from "../src/article/index.js";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "marsad-resume-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL = 400;
const CITIES = ["القاهرة", "بغداد", "الرباط", "عمان", "تونس", "الدوحة", "بيروت", "الخرطوم"];
const TOPICS = ["مهرجان للكتاب", "معرض للصناعات اليدوية", "سباق للدراجات", "مؤتمر للطاقة", "حملة للتشجير", "أسبوع للسينما"];
const SENTENCES = [
  "وشارك في الفعالية عدد كبير من الزوار القادمين من مختلف المحافظات.",
  "وقال المنظمون إن الدورة الحالية هي الأكبر منذ انطلاقها قبل سنوات.",
  "وتضمن البرنامج ورشات عمل وندوات حوارية مفتوحة للجمهور.",
  "وأكدت البلدية أنها ستوفر وسائل نقل مجانية طوال أيام الحدث.",
  "ومن المنتظر أن تعلن النتائج في حفل الختام مساء الجمعة.",
];

function record(i: number): Record<string, string> {
  const city = CITIES[i % CITIES.length];
  const topic = TOPICS[i % TOPICS.length];
  const body = [`انطلق في ${city} ${topic} في دورته رقم ${i + 1} بحضور رسمي وشعبي.`];
  for (let k = 0; k < 3; k++) body.push(SENTENCES[(i + k) % SENTENCES.length]);
  body.push(`ويستمر الحدث ${(i % 9) + 2} أيام بحسب بيان اللجنة المنظمة رقم ${i + 1}.`);
  return {
    title: `${topic} في ${city} (${i + 1})`,
    text: body.join("\n"),
    source: "generated",
    category: "culture",
    published: "2022-03-01",
  };
}

function count(db: string, sql: string): number {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare(sql).get() as { c: number }).c;
  } finally {
    d.close();
  }
}

test("killed with SIGKILL mid-way, then run again: every article stored exactly once", async () => {
  const lines = Array.from({ length: TOTAL }, (_, i) => JSON.stringify(record(i)));
  const file = join(dir, "generated.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const db = join(dir, "resume.db");
  const expected = new Set(lines.map((l, i) => parseArticle(recordToInput(JSON.parse(l), `line ${i + 1}`)).id));
  assert.equal(expected.size, TOTAL, "generated articles are distinct");

  // First run: reads stdin, so the test decides when it is mid-way.
  const child = spawn(process.execPath, [BIN, "ingest", "-", "--db", db], {
    env: { ...process.env, CI: "1" },
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal === "SIGKILL" ? -9 : code)));
  try {
    child.stdin.write(`${lines.slice(0, 250).join("\n")}\n`);
    let stored = 0;
    for (let waited = 0; waited < 60_000 && stored < 64 && child.exitCode === null; waited += 25) {
      await sleep(25);
      try {
        stored = count(db, "SELECT count(*) AS c FROM docs");
      } catch {
        // The database may not exist yet.
      }
    }
    assert.ok(stored >= 64, `some batches committed before the kill (stored ${stored}; stderr: ${stderr})`);
    child.stdin.write(`${lines.slice(250, 330).join("\n")}\n`);
  } finally {
    // Whatever happened above, the child must not outlive the test.
    child.kill("SIGKILL");
  }
  assert.equal(await exited, -9);

  const before = count(db, "SELECT count(*) AS c FROM docs");
  assert.ok(before > 0 && before < TOTAL, `killed mid-way (${before} of ${TOTAL} stored)`);

  // Second run: the whole file.
  const r = spawnSync(process.execPath, [BIN, "ingest", file, "--db", db, "--json"], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
    timeout: 180_000,
  });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const s = JSON.parse(r.stdout) as { added: number; unchanged: number; failed: number };
  assert.equal(s.failed, 0);
  assert.equal(s.unchanged, before, "what was committed is skipped");
  assert.equal(s.added, TOTAL - before, "what was not is added");

  const d = new Database(db, { readonly: true });
  try {
    const ids = (d.prepare("SELECT id FROM docs").all() as { id: string }[]).map((x) => x.id);
    assert.equal(ids.length, TOTAL);
    assert.deepEqual(new Set(ids), expected);
    assert.equal(d.pragma("integrity_check", { simple: true }), "ok");
    assert.equal((d.prepare("SELECT count(*) AS c FROM inputs").get() as { c: number }).c, TOTAL);
    // Every document is in the search index, once.
    const indexed = (d.prepare("SELECT count(*) AS c FROM doc_fts").get() as { c: number }).c;
    assert.equal(indexed, TOTAL);
  } finally {
    d.close();
  }
  // The FTS5 index itself is consistent.
  const w = new Database(db);
  w.prepare("INSERT INTO doc_fts(doc_fts, rank) VALUES ('integrity-check', 0)").run();
  w.close();
});
