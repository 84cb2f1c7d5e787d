/**
 * Distributed ingest against a REAL PostgreSQL server ($MARSAD_TEST_PG;
 * skipped with a message when unset): producers queue inputs with pg-boss,
 * TWO `marsad worker` child processes share the queue, and we check that
 * every article is stored exactly once, that duplicates are counted, that
 * bad records and malformed jobs are recorded in ingest_failures without
 * stopping anything, that SIGTERM stops a busy worker gracefully (its job
 * finished, nothing left active) and another worker finishes the rest, and
 * that `marsad worker --status` reports it all.
 *
 * The 300 articles are generated here from sentences written for this test.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseArticle, recordToInput } from "../src/article/index.js";
import { ROOT } from "../src/paths.js";
import { bossExec, openBoss, pending, QUEUE, queueCounts } from "../src/queue/boss.js";
import { enqueueInputs } from "../src/queue/enqueue.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";
import { PostgresStore } from "../src/store/postgres/store.js";

const PG = process.env.MARSAD_TEST_PG;
const SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
const pgTest = (name: string, fn: () => Promise<void> | void) => test(name, { skip: SKIP, timeout: 240_000 }, fn);
const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
/** Pipeline stages the test workers skip (none: the whole pipeline runs, as in production). */
const DISABLE = (process.env.MARSAD_TEST_DISABLE ?? "").trim();

// Sentence parts for synthetic articles (written for this test).
const CITIES = ["القاهرة", "عمان", "تونس", "الرباط", "بيروت", "دمشق", "بغداد", "الدوحة", "مسقط", "الجزائر"];
const SUBJECTS = ["وزير الزراعة", "رئيس البلدية", "مدير المستشفى", "وزيرة التعليم", "محافظ البنك المركزي", "رئيس الاتحاد الرياضي"];
const TOPICS = ["مشروع الري", "موسم الحصاد", "خطة النقل العام", "برنامج التطعيم", "معرض الكتاب", "بطولة الشباب", "أسعار الخبز"];
const VERBS = ["يفتتح", "يناقش", "يعلن", "يتفقد"];

interface Record_ {
  title: string;
  text: string;
  published: string;
  url: string;
  source: string;
  category: string;
}

function syntheticArticle(i: number): Record_ {
  const city = CITIES[i % CITIES.length];
  const who = SUBJECTS[i % SUBJECTS.length];
  const topic = TOPICS[(i * 3) % TOPICS.length];
  const verb = VERBS[i % VERBS.length];
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  return {
    title: `${who} ${verb} ${topic} في ${city} (${i})`,
    text: [
      `${verb} ${who} اليوم ${topic} في ${city} بحضور عدد من المسؤولين والمواطنين.`,
      `وقال ${who} إن ${topic} سيخدم نحو ${1000 + i * 7} أسرة في المرحلة الأولى، وإن العمل سيبدأ خلال ${2 + (i % 9)} أسابيع.`,
      `وأضاف أن الحكومة رصدت ${50 + i} مليون لهذا الغرض، داعيا الجميع إلى التعاون مع الفرق الميدانية.`,
    ].join("\n"),
    published: `2024-${month}-${day}T08:00:00Z`,
    url: `https://news.example/a/${i}`,
    source: i % 2 ? "Alpha" : "Beta",
    category: i % 3 ? "local" : "economy",
  };
}

function expectedId(r: Record_, where: string): string {
  return parseArticle(recordToInput(r, where)).id;
}

interface Running {
  child: ChildProcess;
  stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(url: string, ...args: string[]): Running {
  const child = spawn(
    process.execPath,
    [BIN, "worker", "--db", url, "--concurrency", "1", "--poll", "0.3", ...(DISABLE ? ["--disable", DISABLE] : []), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1" },
    },
  );
  const r: Running = {
    child,
    stderr: "",
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stderr?.on("data", (b: Buffer) => {
    r.stderr += b.toString();
  });
  child.stdout?.resume();
  return r;
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function exitWithin(w: Running, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timer = setTimeout(() => w.child.kill("SIGKILL"), ms);
  try {
    return await w.exited;
  } finally {
    clearTimeout(timer);
  }
}

describe("distributed ingest: queue + two workers on PostgreSQL", () => {
  const url = PG ? withSchema(PG, uniqueSchema("marsad_queue")) : "";
  const dir = mkdtempSync(join(tmpdir(), "marsad-queue-"));
  const workers: Running[] = [];
  const N = 300;
  const records = Array.from({ length: N }, (_, i) => syntheticArticle(i));
  const file = join(dir, "news.jsonl");
  const lines: string[] = [];
  const expected = new Set<string>();
  const badLines: number[] = [];

  before(() => {
    if (!PG) return;
    records.forEach((r, i) => {
      lines.push(JSON.stringify(r));
      expected.add(expectedId(r, `${file}:${lines.length}`));
      if (i % 25 === 0) lines.push(JSON.stringify(r)); // the same line again: 12 exact duplicates
      if (i % 60 === 1) lines.push(JSON.stringify({ ...r, url: `${r.url}?copy=1` })); // same article, another URL
      if (i % 100 === 50) {
        lines.push(`{"title": "سطر مبتور", "text": "انقطع الس`); // truncated JSON
        badLines.push(lines.length);
        lines.push(JSON.stringify({ title: "بلا نص", text: "" })); // no text
        badLines.push(lines.length);
      }
    });
    lines.push("[1, 2, 3]"); // not an object
    badLines.push(lines.length);
    writeFileSync(file, `${lines.join("\n")}\n`);
    assert.equal(expected.size, N, "the generator makes distinct articles");
  });

  after(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    if (PG) await dropCorpus(url).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  pgTest("two workers store every article exactly once; bad records are recorded, not fatal", async () => {
    // Workers first, on an empty queue, so that both are polling when the jobs arrive.
    workers.push(startWorker(url), startWorker(url));
    await waitFor("both workers to start", () => workers.every((w) => /started: queue/.test(w.stderr) || w.child.exitCode !== null));
    for (const w of workers) assert.equal(w.child.exitCode, null, `worker exited early:\n${w.stderr}`);

    const q = await enqueueInputs(url, [file], { batchSize: 5 });
    assert.equal(q.inputs + q.failed, lines.length, "every line is queued or reported");
    assert.equal(q.known, 0);
    assert.ok(q.jobs >= 60, `${q.jobs} jobs`);

    // A malformed job beside the real ones: recorded, and the workers go on.
    const { boss, target } = await openBoss(url);
    await boss.send(QUEUE, { v: 99, note: "not an ingest job" });
    await waitFor("the queue to drain", async () => pending(await queueCounts(bossExec(boss), target)) === 0);
    const counts = await queueCounts(bossExec(boss), target);
    await boss.stop({ graceful: false });
    assert.equal(counts.failed, 0, `no job failed: bad records do not fail their job\n${workers.map((w) => w.stderr).join("\n")}`);
    assert.equal(counts.completed, q.jobs + 1);

    // Graceful stop of idle workers.
    for (const w of workers) w.child.kill("SIGTERM");
    for (const w of workers) {
      const r = await exitWithin(w, 20_000);
      assert.equal(r.code, 0, w.stderr);
      assert.match(w.stderr, /stopped \(SIGTERM\)/);
      assert.match(w.stderr, /job [0-9a-f]{8} .*news\.jsonl:\d+/, `each worker took jobs:\n${w.stderr}`);
    }

    const store = await PostgresStore.open(url, { create: false });
    try {
      const rows = (await store.pool.query("SELECT id FROM docs")).rows.map((r) => r.id as string);
      assert.equal(rows.length, N, "exactly one row per article");
      assert.deepEqual(new Set(rows), expected, "every article, and nothing else");
      const failures = await store.failures();
      const places = failures.map((f) => f.place).sort();
      assert.deepEqual(
        places.filter((p) => p.startsWith(file)),
        badLines.map((n) => `${file}:${n}`).sort(),
        "each bad record, by line",
      );
      assert.ok(
        failures.some((f) => /^queue job /.test(f.place) && /version 99/.test(f.reason)),
        "the malformed job",
      );
      for (const f of failures) assert.ok(f.reason.length > 5, f.reason);
      // Totals across both workers' logs add up: every line once.
      const totals = workers.map((w) => /stopped \(SIGTERM\): (\d+) jobs, (\d+) added, (\d+) unchanged, (\d+) failed/.exec(w.stderr));
      const sum = (k: number) => totals.reduce((s, m) => s + Number(m?.[k] ?? 0), 0);
      assert.equal(sum(2), N, "added");
      assert.equal(sum(2) + sum(3) + sum(4), q.inputs + 1, "added + unchanged + failed = queued inputs + the malformed job");
    } finally {
      await store.close();
    }

    // Queueing the same file again queues only the bad records (for another try, as local
    // ingest re-reads them): the corpus knows every stored input.
    const again = await enqueueInputs(url, [file], { batchSize: 5 });
    assert.equal(again.known, q.inputs - badLines.length);
    assert.equal(again.inputs, badLines.length);
    const { boss: b2 } = await openBoss(url);
    await b2.purgeQueue(QUEUE);
    await b2.stop({ graceful: false });
  });

  pgTest("SIGTERM stops a busy worker after its job; another worker finishes the rest", async () => {
    const more = join(dir, "more.jsonl");
    const extra = Array.from({ length: 120 }, (_, i) => syntheticArticle(N + i));
    writeFileSync(more, `${extra.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const q = await enqueueInputs(url, [more], { batchSize: 4 });
    assert.equal(q.jobs, 30);

    const busy = startWorker(url);
    workers.push(busy);
    await waitFor("the first job", () => /job [0-9a-f]{8} /.test(busy.stderr) || busy.child.exitCode !== null);
    busy.child.kill("SIGTERM");
    const r = await exitWithin(busy, 30_000);
    assert.equal(r.code, 0, busy.stderr);
    assert.match(busy.stderr, /stopped \(SIGTERM\)/);

    const { boss, target } = await openBoss(url);
    const c = await queueCounts(bossExec(boss), target);
    await boss.stop({ graceful: false });
    assert.equal(c.active, 0, "nothing left active by the stopped worker");
    assert.ok(c.created > 0, "it stopped before taking every job");

    const finisher = startWorker(url, "--until-empty");
    workers.push(finisher);
    const f = await exitWithin(finisher, 120_000);
    assert.equal(f.code, 0, finisher.stderr);
    assert.match(finisher.stderr, /stopped \(the queue is empty\)/);

    const store = await PostgresStore.open(url, { create: false });
    assert.equal((await store.stats()).documents, N + extra.length);
    await store.close();
  });

  pgTest("marsad ingest --queue sends the inputs to the queue; a worker stores them", async () => {
    const small = withSchema(PG as string, uniqueSchema("marsad_cli_queue"));
    const f = join(dir, "small.jsonl");
    const recs = Array.from({ length: 20 }, (_, i) => syntheticArticle(1000 + i));
    writeFileSync(f, `${recs.map((r) => JSON.stringify(r)).join("\n")}\n{"broken\n`);
    try {
      const q = spawnSync(process.execPath, [BIN, "ingest", "--db", small, "--queue", f, join(dir, "missing.jsonl")], {
        encoding: "utf8",
        timeout: 60_000,
      });
      assert.equal(q.status, 1, `a missing input makes the exit status 1\n${q.stderr}`);
      assert.match(q.stdout, /queued 21 inputs in 1 job, 1 unreadable/);
      assert.match(q.stdout, /missing\.jsonl: no such file or directory/);
      const w = startWorker(small, "--until-empty");
      workers.push(w);
      assert.equal((await exitWithin(w, 120_000)).code, 0, w.stderr);
      assert.match(w.stderr, /added 20, unchanged 0, failed 1/);
      const local = spawnSync(process.execPath, [BIN, "ingest", "--db", join(dir, "local.db"), "--queue", f], { encoding: "utf8" });
      assert.equal(local.status, 1);
      assert.match(local.stderr, /needs a PostgreSQL corpus/);
      assert.equal(local.stderr.trim().split("\n").length, 1, local.stderr);
    } finally {
      await dropCorpus(small);
    }
  });

  pgTest("marsad worker --status reports jobs, documents and failures; usage errors are one line", () => {
    const s = spawnSync(process.execPath, [BIN, "worker", "--db", url, "--status", "--json"], { encoding: "utf8" });
    assert.equal(s.status, 0, s.stderr);
    const st = JSON.parse(s.stdout);
    assert.equal(st.documents, N + 120);
    assert.equal(st.failures, badLines.length + 1);
    assert.equal(st.jobs.failed, 0);
    assert.equal(st.jobs.created + st.jobs.active + st.jobs.retry, 0);
    assert.doesNotMatch(s.stdout, /marsad:marsad@/, "no password in the output");
    const human = spawnSync(process.execPath, [BIN, "worker", "--db", url, "--status"], { encoding: "utf8" });
    assert.match(human.stdout, /recorded failures: \d+/);

    for (const [args, re] of [
      [["worker", "--db", join(dir, "local.db")], /workers need a PostgreSQL corpus/],
      [["worker", "--db", url, "--concurrency", "lots"], /--concurrency: "lots" is not a whole number/],
      [["worker", "--db", url, "--disable", "structure"], /unknown stage "structure"/],
      [["worker", "--db", "postgres://marsad:x@127.0.0.1:1/marsad"], /connection refused/],
      [["worker", "--db", withSchema(PG as string, uniqueSchema("marsad_absent")), "--status"], /no Marsad corpus/],
    ] as Array<[string[], RegExp]>) {
      const r = spawnSync(process.execPath, [BIN, ...args, ...(DISABLE && !args.includes("--disable") ? ["--disable", DISABLE] : [])], {
        encoding: "utf8",
        timeout: 30_000,
      });
      assert.equal(r.status, 1, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    }
  });
});
