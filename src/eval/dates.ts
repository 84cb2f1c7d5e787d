/**
 * `marsad eval dates`: how well src/nlp/dates finds and resolves Arabic date
 * expressions. There is no gold date set in the shared data, so this puts
 * together three honest checks:
 *
 *   coverage     over news articles with a `published` date (ANT JSONL):
 *                the share of articles with at least one resolved date.
 *   consistency  "اليوم الأربعاء" and "أمس الثلاثاء" name a weekday that the
 *                publication date already fixes: the share of such
 *                expressions whose named weekday is the weekday of published
 *                (+ offset). A wrong weekday table, or wrong calendar
 *                arithmetic, shows here at once; the rest is the corpus's
 *                own time-zone and scheduling noise (reported as the
 *                distribution of differences).
 *   fixture      precision and recall of (text, value) pairs on
 *                test/fixtures/nlp/dates.jsonl: hand-written sentences with
 *                hand-labelled expressions and values, traps included.
 *
 * The resolved weekday itself is the weekday nearest the anchor day (see
 * match.ts), so "resolved value = published" is what the consistency share
 * counts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { publishedDay, weekday } from "../nlp/dates/calendar.js";
import { scanDates } from "../nlp/dates/index.js";
import { readCorpus } from "../nlp/topics/corpus.js";
import { ROOT } from "../paths.js";
import { parseLimit } from "./topics.js";
import type { EvalOptions, EvalResult, Evaluation } from "./types.js";

/** Articles read with --quick. */
export const QUICK_ARTICLES = 1500;
/** Examples of disagreements listed in --json. */
const MAX_EXAMPLES = 15;

export const DATES_FIXTURE = join(ROOT, "test", "fixtures", "nlp", "dates.jsonl");

interface FixtureLine {
  published: string | null;
  text: string;
  dates: Array<{ text: string; value: string | null }>;
}

const round = (x: number) => Math.round(x * 100) / 100;
const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);

/** Precision/recall of (text, value) pairs on the hand-labelled fixture. */
export function scoreFixture(path = DATES_FIXTURE) {
  let lines: FixtureLine[];
  try {
    lines = readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as FixtureLine);
  } catch (e) {
    throw new InputError(path, `cannot read the dates fixture (${(e as Error).message})`);
  }
  let gold = 0;
  let system = 0;
  let correct = 0;
  let spanOnly = 0;
  const errors: Array<{ text: string; expected: unknown; got: unknown }> = [];
  for (const l of lines) {
    const got = scanDates(l.text, l.published).map((f) => ({ text: l.text.slice(f.start, f.end), value: f.value }));
    gold += l.dates.length;
    system += got.length;
    const left = [...l.dates];
    let ok = 0;
    for (const g of got) {
      const k = left.findIndex((e) => e.text === g.text && e.value === g.value);
      if (k >= 0) {
        left.splice(k, 1);
        ok++;
      } else if (l.dates.some((e) => e.text === g.text)) spanOnly++;
    }
    correct += ok;
    if (ok !== got.length || ok !== l.dates.length) errors.push({ text: l.text, expected: l.dates, got });
  }
  return { sentences: lines.length, gold, system, correct, spanOnly, precision: pct(correct, system), recall: pct(correct, gold), errors };
}

export const datesEval: Evaluation = {
  name: "dates",
  summary: "date expressions: corpus coverage, weekday consistency of اليوم/أمس + weekday, fixture P/R",
  defaultGold: "news/skynews.jsonl",
  flagsHelp: `--quick   read only the first ${QUICK_ARTICLES} articles\n--limit N read only the first N articles`,
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold;
    if (gold === null) throw new InputError(datesEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const limit = parseLimit(opts.flags, QUICK_ARTICLES);
    const { articles, skipped } = readCorpus(gold, { limit });

    let withPublished = 0;
    let covered = 0;
    const kinds: Record<string, number> = {};
    // Consistency of named weekdays, for اليوم (offset 0) and أمس (offset -1).
    const cons = {
      today: { n: 0, match: 0, diffs: {} as Record<string, number> },
      yesterday: { n: 0, match: 0, diffs: {} as Record<string, number> },
    };
    const examples: Array<{ published: string; text: string; value: string | null }> = [];
    let done = 0;
    for (const a of articles) {
      opts.progress(++done, articles.length);
      const pub = publishedDay(a.doc.published);
      if (pub === null) continue;
      withPublished++;
      const found = scanDates(a.doc.text, a.doc.published);
      if (found.some((f) => f.value !== null)) covered++;
      for (const f of found) {
        kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
        if (f.kind !== "relative" || f.weekday === undefined || (f.offset !== 0 && f.offset !== -1)) continue;
        const c = f.offset === 0 ? cons.today : cons.yesterday;
        // Days from the anchor (published + offset) forward to the named weekday, as -3..+3.
        let diff = (((f.weekday - weekday(pub + f.offset)) % 7) + 7) % 7;
        if (diff > 3) diff -= 7;
        c.n++;
        c.diffs[diff] = (c.diffs[diff] ?? 0) + 1;
        if (diff === 0) c.match++;
        else if (examples.length < MAX_EXAMPLES) {
          examples.push({ published: a.doc.published ?? "", text: a.doc.text.slice(f.start, f.end), value: f.value });
        }
      }
    }
    const fx = scoreFixture();
    return {
      eval: "dates",
      gold,
      figures: [
        { name: "coverage % (articles with a resolved date)", value: round(pct(covered, withPublished)) },
        // A consistency share over no expressions would read as 0%: left out instead.
        ...(cons.today.n ? [{ name: "اليوم+weekday consistency %", value: round(pct(cons.today.match, cons.today.n)) }] : []),
        ...(cons.yesterday.n ? [{ name: "أمس+weekday consistency %", value: round(pct(cons.yesterday.match, cons.yesterday.n)) }] : []),
        { name: "fixture precision %", value: round(fx.precision) },
        { name: "fixture recall %", value: round(fx.recall) },
      ],
      details: {
        articles: articles.length,
        skipped,
        withPublished,
        covered,
        expressionsByKind: kinds,
        consistency: cons,
        inconsistentExamples: examples,
        fixture: { path: DATES_FIXTURE, ...fx },
      },
    };
  },
};
