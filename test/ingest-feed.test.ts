/**
 * Feeds over HTTP, served on 127.0.0.1 by the test: an RSS feed and an Atom
 * feed are ingested; a feed answering 500, one that never answers, one that
 * is not a feed, and a refused connection each get one clear line in the
 * summary while the other inputs of the same run go on. Also the feed
 * parser on its own.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fetchFeed, parseFeed } from "../src/ingest/feed.js";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const RSS = readFileSync(join(ROOT, "test", "fixtures", "ingest", "feed.xml"), "utf8");
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>خلاصة</title>
<entry><title>افتتاح مستشفى للأطفال في المدينة</title><link rel="alternate" href="https://atom.example.org/e/1"/>
<updated>2021-10-01T08:00:00Z</updated><author><name>محرر</name></author>
<content type="html">&lt;p&gt;افتتح وزير الصحة مستشفى جديدا للأطفال يضم مئتي سرير.&lt;/p&gt;&lt;p&gt;وقال الوزير إن المستشفى سيخدم سكان المحافظات المجاورة أيضا.&lt;/p&gt;</content></entry>
</feed>`;

const dir = mkdtempSync(join(tmpdir(), "marsad-feed-"));
let server: Server;
let base = "";
const hanging: Array<() => void> = [];

before(async () => {
  server = createServer((req, res) => {
    if (req.url === "/rss") {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      res.end(RSS);
    } else if (req.url === "/atom") {
      res.writeHead(200, { "content-type": "application/atom+xml" });
      res.end(ATOM);
    } else if (req.url === "/500") {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("boom");
    } else if (req.url === "/html") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html><body><p>صفحة عادية وليست خلاصة أخبار</p></body></html>");
    } else if (req.url === "/slow") {
      // Never answers; released when the test ends.
      hanging.push(() => res.destroy());
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const h of hanging) h();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Run the CLI asynchronously (the server lives in this process, so no spawnSync). */
function marsad(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("the feed parser reads RSS and Atom items", () => {
  const rss = parseFeed(RSS, "feed.xml");
  assert.equal(rss.length, 3);
  assert.equal(rss[0].title, "الأمطار الغزيرة تغلق طرقا في الجبال");
  assert.equal(rss[0].link, "https://feed.example.org/n/1");
  assert.equal(rss[0].author, "مراسل الطقس");
  assert.match(rss[0].body, /^<p>أغلقت السلطات/);
  assert.match(rss[1].body, /^<p>افتتح وزير النقل/, "escaped HTML in <description> is unescaped");
  const atom = parseFeed(ATOM, "atom");
  assert.deepEqual(
    atom.map((e) => [e.title, e.link, e.published]),
    [["افتتاح مستشفى للأطفال في المدينة", "https://atom.example.org/e/1", "2021-10-01T08:00:00Z"]],
  );
  assert.throws(() => parseFeed("<html><body>x</body></html>", "page"), /not an RSS or Atom feed/);
});

test("fetch: 500 and a timeout are clear messages", async () => {
  await assert.rejects(fetchFeed(`${base}/500`), /HTTP 500/);
  const t0 = Date.now();
  await assert.rejects(fetchFeed(`${base}/slow`, 300), /no complete answer within 0\.3 s \(timed out\)/);
  assert.ok(Date.now() - t0 < 5000);
});

test("ingest: good feeds stored; a 500, a timeout, a non-feed and a refused connection are listed; other inputs go on", async () => {
  const db = join(dir, "feeds.db");
  const r = await marsad(
    "ingest",
    `${base}/rss`,
    `${base}/500`,
    `${base}/slow`,
    `${base}/html`,
    "http://127.0.0.1:9/closed",
    `${base}/atom`,
    join(ROOT, "test", "fixtures", "ingest", "page.html"),
    "--db",
    db,
    "--timeout",
    "1",
    "--json",
  );
  const s = JSON.parse(r.stdout) as { added: number; failed: number; failures: { where: string; reason: string }[] };
  assert.equal(r.code, 1);
  assert.equal(s.added, 3 + 1 + 1, "3 RSS items, 1 Atom entry, 1 HTML file");
  const reason = (path: string) => s.failures.find((f) => f.where.endsWith(path))?.reason ?? "(not listed)";
  assert.match(reason("/500"), /HTTP 500/);
  assert.match(reason("/slow"), /timed out/);
  assert.match(reason("/html"), /not an RSS or Atom feed/);
  assert.match(reason("/closed"), /connection refused|cannot fetch/);
  assert.equal(s.failed, 4);
  // Idempotent for feeds too.
  const again = JSON.parse((await marsad("ingest", `${base}/rss`, `${base}/atom`, "--db", db, "--json")).stdout);
  assert.deepEqual([again.added, again.unchanged], [0, 4]);
});
