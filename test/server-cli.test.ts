/**
 * `marsad serve` as a user runs it: a child process that prints where it
 * listens (port 0 picks a free one), answers on 127.0.0.1, and exits 0 on
 * SIGTERM; and the start-up refusals as one-line errors: a non-loopback
 * --host without a key or --open-reads, a bad --cors origin, a missing
 * database, a port in use.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ROOT } from "../src/paths.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "marsad-serve-"));
const DB = join(dir, "empty.db");
const children: ChildProcess[] = [];

after(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e = { ...process.env, ...extra };
  if (!("MARSAD_API_KEY" in extra)) delete e.MARSAD_API_KEY;
  return e;
}

function run(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, "serve", ...args], { encoding: "utf8", env: env(extra), timeout: 20_000 });
  return { code: r.status, err: r.stderr };
}

function oneLineError(r: { code: number | null; err: string }, pattern: RegExp): void {
  assert.notEqual(r.code, 0);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0], /^marsad: /);
  assert.match(lines[0], pattern);
}

/** Start the server; resolves with the child and its base URL. */
function start(args: string[], extra: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { env: env(extra), stdio: ["ignore", "ignore", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (c: string) => {
      err += c;
      const m = /at (http:\/\/[^/]+)\//.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

test("serves on 127.0.0.1 with a free port, reports its policy, stops cleanly on SIGTERM", async () => {
  await new SqliteStore(DB).close();
  const { child, url } = await start(["--db", DB, "--port", "0"]);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const health = (await (await fetch(`${url}/api/health`)).json()) as { ok: boolean; documents: number };
  assert.deepEqual([health.ok, health.documents], [true, 0]);
  const write = await fetch(`${url}/api/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(write.status, 403, "writes are off without MARSAD_API_KEY");
  const code = await new Promise<number | null>((resolve) => {
    child.once("exit", (c) => resolve(c));
    child.kill("SIGTERM");
  });
  assert.equal(code, 0);
});

test("with MARSAD_API_KEY, writes are on and need the key", async () => {
  const { child, url } = await start(["--db", DB, "--port", "0"], { MARSAD_API_KEY: "k-123" });
  assert.equal((await fetch(`${url}/api/articles/0123456789abcdef`, { method: "DELETE" })).status, 401);
  assert.equal((await fetch(`${url}/api/articles/0123456789abcdef`, { method: "DELETE", headers: { "x-api-key": "k-123" } })).status, 404);
  child.kill("SIGTERM");
});

test("refuses to expose reads on a non-loopback address without a key or --open-reads", () => {
  oneLineError(run(["--db", DB, "--host", "0.0.0.0", "--port", "0"]), /--host: 0\.0\.0\.0 .*MARSAD_API_KEY.*--open-reads/);
});

test("bad options and a missing database are one-line errors", () => {
  oneLineError(run(["--db", join(dir, "none.db")]), /no such database/);
  oneLineError(run(["--db", DB, "--cors", "example.org"]), /--cors: .*not an origin/);
  oneLineError(run(["--db", DB, "--cors", "https://example.org/path"]), /--cors: /);
  oneLineError(run(["--db", DB, "--port", "99999"]), /--port: /);
  oneLineError(run(["--db", DB, "--disable", "nosuchstage"]), /--disable: unknown stage/);
});

test("a port in use is a one-line error naming the port", async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = spawnSync(process.execPath, [BIN, "serve", "--db", DB, "--port", String(port)], {
      encoding: "utf8",
      env: env(),
      timeout: 20_000,
    });
    oneLineError({ code: r.status, err: r.stderr }, new RegExp(`port ${port} .*already in use`));
  } finally {
    blocker.close();
  }
});
