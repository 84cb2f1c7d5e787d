/**
 * `marsad start` (npm start) on an empty database: the sample articles in
 * examples/ are ingested, a search is shown; a second start adds nothing.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "../src/paths.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");

test("start fills an empty database from examples/ and shows a search", () => {
  const db = join(mkdtempSync(join(tmpdir(), "marsad-start-")), "m.db");
  const first = spawnSync(process.execPath, [BIN, "start", "--db", db, "--no-serve"], { encoding: "utf8" });
  assert.equal(first.status, 0, first.stderr);
  const added = /added (\d+), unchanged 0, failed 0/.exec(first.stderr);
  assert.ok(added && Number(added[1]) >= 20, first.stderr);
  assert.match(first.stdout, /marsad search "بوتين الصين"/);
  assert.match(first.stdout, /^1\. /m, "at least one hit");
  const second = spawnSync(process.execPath, [BIN, "start", "--db", db, "--no-serve"], { encoding: "utf8" });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`holds ${added[1]} articles`));
});
