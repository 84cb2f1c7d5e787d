/**
 * Publication dates (src/article/published.ts): every form a source uses,
 * the day kept as written whatever the machine's time zone (checked in child
 * processes under TZ=America/Los_Angeles and TZ=Asia/Tokyo), and unreadable
 * or impossible dates refused with a warning instead of a guessed day.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { parseArticle, parsePublished } from "../src/article/index.js";
import { parseDateOption } from "../src/cli/options.js";
import { InputError } from "../src/errors.js";
import { ROOT } from "../src/paths.js";

/** Input → expected ISO value. */
const READ: Array<[string, string]> = [
  ["2020-07-08", "2020-07-08"],
  ["2020-07-08T01:00:00+03:00", "2020-07-08T01:00:00+03:00"],
  ["2018-02-18T12:26:59+00:00", "2018-02-18T12:26:59+00:00"],
  ["2020-02-02T08:00:00.000Z", "2020-02-02T08:00:00.000Z"],
  ["2017-01-22T185600", "2017-01-22T18:56:00"],
  ["2020-07-08 10:05", "2020-07-08T10:05:00"],
  // RFC 2822 (feeds): the day and the offset as written, not converted to UTC.
  ["Wed, 08 Jul 2020 01:00:00 +0300", "2020-07-08T01:00:00+03:00"],
  ["Tue, 07 Jul 2020 23:30:00 -0700", "2020-07-07T23:30:00-07:00"],
  ["Wed, 08 Jul 2020 10:00:00 GMT", "2020-07-08T10:00:00Z"],
  ["Wed, 08 Jul 2020 10:00:00 EDT", "2020-07-08T10:00:00-04:00"],
  ["July 8, 2020", "2020-07-08"],
  ["8 July 2020 10:30 pm", "2020-07-08T22:30:00"],
  ["2020/07/08", "2020-07-08"],
  ["2020/07/08 09:15", "2020-07-08T09:15:00"],
  // Day first, as Arabic-language sites write it.
  ["17/05/2015", "2015-05-17"],
  ["05/06/2015", "2015-06-05"],
  ["08.07.2020", "2020-07-08"],
  ["05-06-2015 14:20", "2015-06-05T14:20:00"],
  ["١٧/٠٥/٢٠١٥", "2015-05-17"],
  ["٢٠٢٠-٠٧-٠٨", "2020-07-08"],
  ["\u200f2020-07-08\u200e", "2020-07-08"],
];

/** Input → the problem it is refused for. */
const REFUSED: Array<[string, string]> = [
  ["yesterday", "unreadable"],
  ["12", "unreadable"],
  ["1594202400", "unreadable"],
  ["أمس", "unreadable"],
  ["2020-02-30", "calendar"],
  ["06/25/2015", "calendar"], // month first: not re-read, never a guessed day
  ["31/04/2020", "calendar"],
  ["2020-07-08T25:00", "time"],
  ["Jul 8 2020 10:00 XYZ", "zone"],
  ["0001-01-01", "year"],
];

test("dates in every accepted form become ISO, with the day as written", () => {
  for (const [input, want] of READ) {
    const r = parsePublished(input);
    assert.ok(r.ok, `${input}: ${r.ok ? "" : r.reason}`);
    assert.equal(r.value, want, input);
  }
});

test("unreadable and impossible dates are refused with a reason, never a guess", () => {
  for (const [input, problem] of REFUSED) {
    const r = parsePublished(input);
    assert.equal(r.ok, false, input);
    assert.equal(r.ok ? "" : r.problem, problem, input);
    assert.ok(!r.ok && r.reason.includes(input), "the reason quotes the value");
  }
  assert.match((parsePublished("06/25/2015") as { reason: string }).reason, /day first/);
});

test("an unreadable date is null plus a warning; for HTML the caller's date is the fallback", () => {
  const body = "افتتح رئيس الوزراء اليوم جسرا جديدا فوق النهر.\nوقال إن المشروع استغرق أربع سنوات.";
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const txt = parseArticle({ format: "txt", content: `عنوان\n${body}`, published: "الأسبوع الماضي", warn });
  assert.equal(txt.published, null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /publication date .*ignored: "الأسبوع الماضي" is not a date/);

  warnings.length = 0;
  const page = `<html><head><meta property="article:published_time" content="31/02/2021"></head><body><p>${body.replace("\n", "</p><p>")}</p></body></html>`;
  const html = parseArticle({ format: "html", content: page, published: "2021-03-01", warn });
  assert.equal(html.published, "2021-03-01");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /the page .*"31\/02\/2021" is not a real calendar date/);
  // Without a callback nothing is thrown: the date is simply null.
  assert.equal(parseArticle({ format: "txt", content: `عنوان\n${body}`, published: "soon" }).published, null);
});

test("the day does not depend on the machine's time zone", () => {
  const index = pathToFileURL(join(ROOT, "dist", "src", "article", "index.js")).href;
  const inputs = [
    ...READ.map(([s]) => s),
    // Forms a JS Date parser reads as local time (and shifts by the zone).
    "July 8, 2020 00:30",
    "Wed, 08 Jul 2020 00:30:00",
    "2020/07/08 23:30",
  ];
  const page =
    '<html><head><meta property="article:published_time" content="@DATE@"></head><body><p>افتتح رئيس الوزراء اليوم جسرا جديدا فوق النهر.</p><p>وقال إن المشروع استغرق أربع سنوات.</p></body></html>';
  const script = `
    const { parsePublished, parseArticle } = await import(${JSON.stringify(index)});
    const page = ${JSON.stringify(page)};
    const out = ${JSON.stringify(inputs)}.map((s) => [
      parsePublished(s).value,
      parseArticle({ format: "html", content: page.replace("@DATE@", s) }).published,
    ]);
    process.stdout.write(JSON.stringify(out));`;
  const runIn = (tz: string) => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, TZ: tz } });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Array<[string | null, string | null]>;
  };
  const la = runIn("America/Los_Angeles");
  const tokyo = runIn("Asia/Tokyo");
  assert.deepEqual(la, tokyo);
  for (const [i, [value, published]] of la.entries()) {
    assert.equal(published, value, inputs[i]);
    if (i < READ.length) assert.equal(value, READ[i][1], inputs[i]);
  }
  assert.deepEqual(
    la.slice(READ.length).map(([v]) => v),
    ["2020-07-08T00:30:00", "2020-07-08T00:30:00", "2020-07-08T23:30:00"],
  );
});

test("--published and other typed dates: ISO only, checked by the same parser", () => {
  assert.equal(parseDateOption("2021-03-02", "--published"), "2021-03-02");
  assert.equal(parseDateOption(" 2021-03-02T10:00:00+02:00 ", "--published"), "2021-03-02T10:00:00+02:00");
  const reason = (v: string) => {
    try {
      parseDateOption(v, "--published");
    } catch (err) {
      assert.ok(err instanceof InputError);
      assert.equal(err.subject, "--published");
      return err.reason;
    }
    assert.fail(`${v} accepted`);
  };
  assert.match(reason("08/07/2020"), /expected YYYY-MM-DD/);
  assert.match(reason("2020-02-30"), /real calendar date/);
  assert.match(reason("2020-07-08T10:00+15:00"), /time zone/);
});
