/**
 * The `arabic` text search configuration peer (src/store/postgres/peer.ts)
 * against a REAL server ($MARSAD_TEST_PG; skipped with a message when
 * unset): it finds what PostgreSQL's own Arabic stemming finds, side by side
 * with our analyzer on the same short texts (written for this test), leaves
 * nothing behind, and takes hostile words as plain text.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import pg from "pg";
import { termsOf } from "../src/search/terms.js";
import { parsePgUrl } from "../src/store/postgres/connection.js";
import { ArabicConfigPeer, arabicConfigFinds } from "../src/store/postgres/peer.js";
import { analyzeWord } from "../src/text/analyzer.js";

const PG = process.env.MARSAD_TEST_PG;
const SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';

const DOCS = [
  { id: "bare", text: "قال بوتين إن المحادثات كانت مفيدة." },
  { id: "li", text: "وجهت الحكومة دعوة لبوتين لزيارة البلاد." },
  { id: "wa", text: "وبوتين لم يعلق على الدعوة حتى الآن." },
  { id: "schools", text: "افتتحت الوزارة المدارس الجديدة في الريف." },
];

/** Which docs our analyzer finds for a word (same rule as the index: any term equal). */
function oursFinds(word: string): Set<string> {
  const t = analyzeWord(word);
  return new Set(DOCS.filter((d) => termsOf(d.text).some((x) => x.term === t)).map((d) => d.id));
}

test("the arabic configuration exists and finds what its stemmer conflates", { skip: SKIP }, async () => {
  const found = await arabicConfigFinds(PG as string, DOCS, ["بوتين", "المدرسة", "،؟", "'); DROP TABLE pg_class; --", "&|!:*"]);
  assert.deepEqual([...found.keys()], ["بوتين", "المدرسة", "،؟", "'); DROP TABLE pg_class; --", "&|!:*"]);
  const putin = found.get("بوتين") as Set<string>;
  assert.ok(putin.has("bare"), "the bare form");
  // Side by side: our analyzer folds the clitic forms; the configuration's stemmer does not.
  const ours = oursFinds("بوتين");
  assert.deepEqual(ours, new Set(["bare", "li", "wa"]));
  assert.ok(putin.size < ours.size, `arabic config finds ${[...putin].join(",")}; ours ${[...ours].join(",")}`);
  assert.equal(found.get("،؟")?.size, 0, "a word with no lexeme matches nothing");
  assert.equal(found.get("'); DROP TABLE pg_class; --")?.size, 0);
  assert.equal(found.get("&|!:*")?.size, 0);
});

test("the peer reports lexemes and leaves no table behind", { skip: SKIP }, async () => {
  const peer = await ArabicConfigPeer.open(PG as string);
  try {
    assert.equal(await peer.add(DOCS), DOCS.length);
    const lex = await peer.lexemes(["بوتين", "،"]);
    assert.equal(lex.get("بوتين")?.length, 1);
    assert.deepEqual(lex.get("،"), []);
    assert.ok((await peer.finds("المدارس")).has("schools"));
  } finally {
    await peer.close();
  }
  const c = new pg.Client({ connectionString: parsePgUrl(PG as string).connectionString });
  await c.connect();
  const r = await c.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'marsad_peer_docs' AND relpersistence <> 't'");
  await c.end();
  assert.equal(r.rows[0].n, 0, "only a temporary table was used");
});

test("the peer says why when the server cannot be reached", { skip: SKIP }, async () => {
  await assert.rejects(arabicConfigFinds("postgres://marsad:x@127.0.0.1:1/marsad", DOCS, ["بوتين"]), /connection refused/);
});
