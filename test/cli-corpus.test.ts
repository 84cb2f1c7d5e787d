/**
 * The corpus commands as a user runs them — `marsad entity`, `quotes`,
 * `events`, `related` — against a database ingested from our own sample
 * corpus (examples/articles.jsonl): JSON shapes, the text layout (plain
 * lines, no ANSI in a pipe), one-line errors with exit 1 for unknown
 * entities and article ids, and entities found by a plain name. The same
 * views on PostgreSQL are checked in test/store-corpus.test.ts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "../src/paths.js";
import { dropCorpus, uniqueSchema, withSchema } from "../src/store/postgres/admin.js";

const BIN = join(ROOT, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "marsad-corpus-cli-"));
const DB = join(dir, "c.db");
const PUTIN = "per:فلاديمير_بوتين";
const PG = process.env.MARSAD_TEST_PG;
const PG_SKIP = PG ? false : 'MARSAD_TEST_PG not set: start a server with `eval "$(bash scripts/pg-test-server.sh)"`';
const GUTERRES = "per:أنطونيو_غوتيريش";

function marsad(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(...args: string[]) {
  const r = marsad(...args, "--db", DB, "--json");
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

before(() => {
  const r = marsad("ingest", join(ROOT, "examples", "articles.jsonl"), "--db", DB);
  assert.equal(r.code, 0, r.stderr + r.stdout);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("entity --json: summary, monthly timeline, co-occurring entities, quotes by it", () => {
  const page = json("entity", PUTIN);
  assert.equal(page.summary.kbId, PUTIN);
  assert.equal(page.summary.type, "PER");
  assert.ok(page.summary.articles >= 2, "Putin is in several sample articles");
  assert.ok(page.summary.mentions >= page.summary.articles);
  assert.equal(page.timeline.by, "month");
  assert.ok(page.timeline.points.length >= 2, "mentioned in more than one month");
  for (const p of page.timeline.points) assert.match(p.period, /^\d{4}-\d{2}$/);
  const sum = page.timeline.points.reduce((a: number, p: { articles: number }) => a + p.articles, 0);
  assert.equal(sum, page.summary.articles, "every sample article is dated, so the timeline covers them all");
  assert.ok(page.cooccurring.length > 0);
  assert.ok(!page.cooccurring.some((c: { kbId: string }) => c.kbId === PUTIN), "an entity does not co-occur with itself");
  assert.ok(page.quotes.total > 0);
  for (const q of page.quotes.items) assert.equal(q.speakerKbId, PUTIN);
  assert.equal(typeof page.events.by.total, "number");
  assert.equal(typeof page.events.against.total, "number");
});

test("entity: a full name finds the same entity; --by day and --from/--to narrow the timeline", () => {
  const byName = json("entity", "فلاديمير", "بوتين");
  const byId = json("entity", PUTIN);
  assert.equal(byName.summary.articles, byId.summary.articles);
  const days = json("entity", PUTIN, "--by", "day");
  for (const p of days.timeline.points) assert.match(p.period, /^\d{4}-\d{2}-\d{2}$/);
  const first = byId.timeline.points[0].period;
  const narrowed = json("entity", PUTIN, "--from", `${first}-01`, "--to", `${first}-28`);
  assert.deepEqual(
    narrowed.timeline.points.map((p: { period: string }) => p.period),
    [first],
  );
});

test("entity text: name, bars per month, plain lines without ANSI in a pipe", () => {
  const r = marsad("entity", PUTIN, "--db", DB);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^فلاديمير بوتين$/m);
  assert.match(r.stdout, /^Mentions per month:$/m);
  assert.match(r.stdout, /^ {2}\d{4}-\d{2} {2}█+ +\d+ articles, \d+ mentions$/m);
  assert.match(r.stdout, /^Appears with:$/m);
  assert.match(r.stdout, /^Quotes \(/m);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
});

test("quotes: by speaker id or name, with article title and date; paging", () => {
  const all = json("quotes", "--speaker", GUTERRES);
  assert.ok(all.total >= 2);
  for (const q of all.items) {
    assert.equal(q.speakerKbId, GUTERRES);
    assert.ok(q.title.length > 0);
    assert.match(q.published, /^\d{4}-\d{2}-\d{2}/);
    assert.ok(q.text.length > 0);
  }
  // The name without its hamza matches the same speaker.
  assert.equal(json("quotes", "--speaker", "انطونيو غوتيريش").total, all.total);
  const p2 = json("quotes", "--speaker", GUTERRES, "--limit", "1", "--offset", "1");
  assert.equal(p2.items.length, 1);
  assert.equal(p2.items[0].text, all.items[1].text);
  assert.equal(json("quotes", "--speaker", GUTERRES, "--to", "2000-01-01").total, 0);
  const text = marsad("quotes", "--speaker", GUTERRES, "--limit", "1", "--db", DB);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^1–1 of \d+ quotes by /);
  assert.match(text.stdout, /^أنطونيو غوتيريش: «.+»$/m);
  assert.match(text.stdout, /^more: --offset 1$/m);
});

test("events: series and rows in JSON, and a text page even when there are none", () => {
  const page = json("events", "--source", "loc:روسيا");
  assert.ok(Array.isArray(page.counts));
  assert.ok(Array.isArray(page.items));
  assert.equal(page.items.length, Math.min(page.total, page.limit));
  const r = marsad("events", "--source", "loc:روسيا", "--target", "loc:الصين", "--db", DB);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d+ events by loc:روسيا against loc:الصين/);
  // A plain name finds the same actor; every mode counts at least as many; --by day gives days.
  const byName = json("events", "--source", "روسيا");
  assert.equal(byName.total, page.total);
  assert.equal(byName.resolved.source.key, "loc:روسيا");
  const all = json("events", "--source", "loc:روسيا", "--all-events", "--by", "day");
  assert.ok(all.total >= page.total);
  for (const c of all.counts) assert.match(c.period, /^\d{4}-\d{2}-\d{2}$/);
  for (const e of page.items) assert.deepEqual([e.negated, e.mode], [false, "asserted"]);
  // A type in any case is read; a typo is an error that lists the types, not "0 events".
  assert.ok(json("events", "--type", "consult").items.every((e: { type: string }) => e.type === "CONSULT"));
  const typo = marsad("events", "--type", "CONSLT", "--db", DB);
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /unknown event type "CONSLT"; one of AGREE, CONSULT/);
});

test("related: shared names as the reason, never the article itself", () => {
  const hits = json("search", "بوتين شي");
  const id = hits.hits[0].id as string;
  const out = json("related", id, "--limit", "3");
  assert.equal(out.id, id);
  assert.ok(out.items.length > 0 && out.items.length <= 3);
  assert.ok(!out.items.some((r: { id: string }) => r.id === id));
  const first = out.items[0];
  assert.equal(first.reason, "entities");
  assert.ok(first.shared.length > 0);
  const text = marsad("related", id, "--db", DB);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^1\. .+\n {3}shares: .+/m);
});

test("related: near-duplicates of a rewritten story, none for a dissimilar article", () => {
  const hits = json("search", "أوبك", "--limit", "50", "--all-copies").hits as Array<{ id: string; url: string }>;
  const byUrl = (n: string) => hits.find((h) => h.url.endsWith(`/${n}`))?.id as string;
  const [ex15, ex16, ex02] = [byUrl("1015"), byUrl("1016"), byUrl("1002")];
  assert.ok(ex15 && ex16 && ex02, "the sample corpus has its OPEC articles");
  const out = json("related", ex15);
  assert.deepEqual(
    out.nearDuplicates.map((d: { id: string }) => d.id),
    [ex16],
  );
  assert.ok(out.nearDuplicates[0].similarity >= 0.5);
  assert.deepEqual(json("related", ex02).nearDuplicates, [], "same topic, different story: not a copy");
  // Search shows the story once, the other copy listed with it.
  const folded = json("search", "أوبك", "--limit", "50");
  const story = folded.hits.filter((h: { id: string }) => h.id === ex15 || h.id === ex16);
  assert.equal(story.length, 1, "one hit for the two copies");
  assert.deepEqual(
    story[0].alsoReportedBy.map((c: { id: string }) => c.id),
    [story[0].id === ex15 ? ex16 : ex15],
  );
  assert.equal(folded.unit, "stories");
  assert.equal(folded.documents, hits.length);
  assert.equal(folded.total, hits.length - 1);
  const text = marsad("related", ex16, "--db", DB);
  assert.match(text.stdout, /^Near-duplicates \(the same story, ±3 days\):\n {2}.+\n {4}.*similarity 0\.\d+ · [0-9a-f]+$/m);
});

test("unknown entity or article id, bad options: one-line errors, exit 1", () => {
  for (const [args, pattern] of [
    [["entity", "per:لا_أحد"], /no article mentions this entity/],
    [["entity"], /no entity/],
    [["related", "0000000000000000"], /no article with this id/],
    [["related"], /give one article id/],
    [["entity", PUTIN, "--by", "year"], /--by: "year"/],
    [["quotes", "--limit", "ten"], /--limit/],
    [["events", "--from", "2020-02-30"], /--from/],
    [["events", "--by", "year"], /--by: "year"/],
    [["entity", " "], /no entity/],
  ] as Array<[string[], RegExp]>) {
    const r = marsad(...args, "--db", DB);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
  const missing = marsad("quotes", "--db", join(dir, "absent.db"));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such database/);
});

test("--help teaches with examples; the commands are listed", () => {
  for (const name of ["entity", "quotes", "events", "related"]) {
    const r = marsad(name, "--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`^marsad ${name} — `));
    assert.match(r.stdout, /Examples:/);
  }
  const list = marsad("--help");
  for (const name of ["entity", "quotes", "events", "related"]) assert.match(list.stdout, new RegExp(`^ {2}${name} `, "m"));
});

test("a plain name finds the entity: any mention, clitic forms, the most mentioned of several, said in the output", () => {
  const byId = json("entity", PUTIN);
  for (const name of ["بوتين", "لبوتين", "فلاديمير بوتين"]) {
    const page = json("entity", name);
    assert.equal(page.summary.kbId, PUTIN, name);
    assert.equal(page.summary.articles, byId.summary.articles, name);
    assert.equal(page.resolved.key, PUTIN);
    assert.ok(["alias", "loose"].includes(page.resolved.match), page.resolved.match);
  }
  assert.equal(json("entity", "لبوتين").resolved.match, "loose", "the clitic form is found through its stem");
  const text = marsad("entity", "بوتين", "--db", DB);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^«بوتين» → فلاديمير بوتين \(per:فلاديمير_بوتين\)/);
  // الأمين العام is written for Guterres; a word inside longer names is a weaker match, listed with alternatives.
  const quotes = json("quotes", "--speaker", "بوتين");
  assert.equal(quotes.resolved.speaker.key, PUTIN);
  assert.equal(quotes.total, json("quotes", "--speaker", PUTIN).total);
  for (const q of quotes.items) assert.equal(q.speakerKbId, PUTIN);
});

test("several entities with one name: the most mentioned is chosen and the others are listed", () => {
  // "الصين" is China's name; "الصيني" (the Chinese one) is written for Xi Jinping, and only loosely for others.
  const page = json("entity", "الرئيس");
  if (page.resolved.alternatives.length === 0) return; // the sample corpus may give one entity only
  const chosen = page.summary.mentions;
  for (const a of page.resolved.alternatives) assert.ok(a.mentions <= chosen, JSON.stringify(a));
  const text = marsad("entity", "الرئيس", "--db", DB);
  assert.match(text.stdout, /the most mentioned \(\d+\) of \d+ entities with that name; also: /);
});

test("--db postgres://…: every corpus command answers as on SQLite", { skip: PG_SKIP }, async () => {
  const url = withSchema(PG as string, uniqueSchema("marsad_cli_corpus"));
  // Both databases from the same build of the pipeline, ingested one after the other.
  const lite = join(dir, "parity.db");
  const onLite = (...args: string[]) => {
    const r = marsad(...args, "--db", lite, "--json");
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  try {
    for (const db of [url, lite]) {
      const r = marsad("ingest", join(ROOT, "examples", "articles.jsonl"), "--db", db);
      assert.equal(r.code, 0, r.stderr + r.stdout);
    }
    const id = onLite("search", "بوتين شي").hits[0].id as string;
    for (const args of [
      ["entity", "بوتين"],
      ["entity", "loc:الصين", "--by", "day"],
      ["quotes", "--speaker", "غوتيريش"],
      ["events", "--source", "روسيا", "--by", "day", "--all-events"],
      ["related", id],
    ]) {
      const onPg = marsad(...args, "--db", url, "--json");
      assert.equal(onPg.code, 0, `${args.join(" ")}: ${onPg.stderr}`);
      assert.deepEqual(JSON.parse(onPg.stdout), onLite(...args), args.join(" "));
    }
    const text = marsad("entity", "بوتين", "--db", url);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^فلاديمير بوتين$/m);
  } finally {
    await dropCorpus(url);
  }
});
