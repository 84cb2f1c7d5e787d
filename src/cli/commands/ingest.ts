/**
 * `marsad ingest`: files, directories, JSONL batches and feed URLs → the
 * corpus store, analyzed on all cores (src/ingest). Prints what was added,
 * what was already there, and every input that was skipped, with its reason.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { DEFAULT_FEED_TIMEOUT_MS } from "../../ingest/feed.js";
import { ingest } from "../../ingest/ingest.js";
import { countRecords } from "../../ingest/sources.js";
import { MAX_LINE_BYTES, MIN_LINE_BYTES } from "../../io/lines.js";
import { stageNames } from "../../pipeline.js";
import { runEnqueue } from "../../queue/cli.js";
import { DEFAULT_DB, openStore, storeLocation } from "../../store/open.js";
import { DEFAULT_BUSY_TIMEOUT_MS } from "../../store/sqlite/store.js";
import type { Command } from "../command.js";
import { parseDateOption, parseSizeOption, parseStagesOption } from "../options.js";
import { Progress } from "../progress.js";

/** Failures listed in the human summary (all of them are in --json). */
const LIST_FAILURES = 30;

const HELP = `marsad ingest — add articles to the corpus database (analyzed, searchable)

Usage:
  marsad ingest <input>… [options]

Inputs (any number, any mix):
  news.jsonl           one JSON record a line (title, text, published, url, source, category)
  article.html, .txt   one article per file (UTF-8, UTF-16 or Windows-1256)
  dir/                 every .jsonl, .html, .htm and .txt file below it
  https://…/rss        an RSS or Atom feed (each item becomes an article)
  feed.xml             a saved feed
  -                    JSONL on standard input

Options:
  --db PATH            database file (default $MARSAD_DB, else ./${DEFAULT_DB}; created if missing)
  --json               print the summary as JSON
  --workers N          analysis threads (default ${availableParallelism()}, one per core; 0 = main thread)
  --timeout SECS       give up on a feed that has not answered in SECS (default ${DEFAULT_FEED_TIMEOUT_MS / 1000})
  --disable STAGES     pipeline stages to skip, comma-separated (of: ${stageNames().slice(1).join(", ")});
                       e.g. --disable quotes for a faster, search-only corpus
  --busy-timeout MS    wait this long for another process holding the database (default ${DEFAULT_BUSY_TIMEOUT_MS})
  --queue              with --db postgres://…: queue the inputs for \`marsad worker\` processes
                       (docs/scale-out.md) instead of analyzing here
  --published DATE     publication date (YYYY-MM-DD) for inputs that give none (.txt files, pages
                       and records without a date); an input with its own date keeps it. An input
                       already stored is not re-dated (it is "unchanged")
  --max-line-bytes N   longest JSONL line read (default ${MAX_LINE_BYTES / 1024 / 1024}M, at least 1K; longer lines are skipped)
  -h, --help           this help

Ingesting is idempotent: a document is identified by a hash of its content, so
ingesting the same input again adds nothing ("unchanged"). It is resumable:
each batch is committed as one transaction, so after an interruption (even
kill -9) running the same command again stores what is missing, once.
A bad record (broken JSON, no article in the HTML, a feed that fails) is
listed with its place and reason and skipped; the rest goes on.

Examples:
  marsad ingest ../shared/data/news/skynews.jsonl
  marsad ingest articles/ --db corpus.db
  marsad ingest https://example.org/rss.xml --timeout 10
  marsad ingest news.jsonl --json | jq .added

Exit status: 0 when every input was stored (or already there); 1 when some
input was skipped or the run stopped early (disk full, database locked).`;

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(name, `"${v}" is not a whole number from ${min} to ${max}`);
  return n;
}

export const ingestCommand: Command = {
  name: "ingest",
  summary: "add articles (files, directories, JSONL, feeds) to the corpus database",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        json: { type: "boolean", default: false },
        workers: { type: "string" },
        timeout: { type: "string" },
        "busy-timeout": { type: "string" },
        disable: { type: "string" },
        "max-line-bytes": { type: "string" },
        published: { type: "string" },
        queue: { type: "boolean", default: false },
      },
    });
    if (positionals.length === 0)
      throw new InputError("ingest", "no inputs: give files, directories, .jsonl batches or feed URLs (see `marsad ingest --help`)");
    const workers = intOption(values.workers, "--workers", 0, 256);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0 && timeout <= 3600))
      throw new InputError("--timeout", `"${values.timeout}" is not a number of seconds from 0 to 3600`);
    const busyTimeoutMs = intOption(values["busy-timeout"], "--busy-timeout", 0, 3_600_000);
    const maxLineBytes =
      values["max-line-bytes"] !== undefined ? parseSizeOption(values["max-line-bytes"], "--max-line-bytes", MIN_LINE_BYTES) : undefined;
    const published = values.published !== undefined ? parseDateOption(values.published, "--published") : null;

    const disable = parseStagesOption(values.disable);
    if (values.queue) {
      if (disable.length > 0) throw new InputError("--disable", "with --queue, give --disable to the `marsad worker` processes instead");
      if (published !== null)
        throw new InputError("--published", "is not supported with --queue (queued inputs are analyzed by `marsad worker`)");
      return runEnqueue(storeLocation(values.db), positionals, {
        json: values.json,
        feedTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
        maxLineBytes,
      });
    }
    const store = await openStore(values.db, { busyTimeoutMs });
    const progress = new Progress("ingest");
    try {
      progress.setTotal(await countRecords(positionals));
      const s = await ingest(store, positionals, {
        workers,
        feedTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
        maxLineBytes,
        disable,
        published,
        onProgress: (c) => progress.update(c.added + c.unchanged + c.failed),
      });
      progress.finish();
      if (values.json) {
        const { workers: w, ...rest } = s;
        const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
        process.stdout.write(`${JSON.stringify({ db: store.location, ...rest, workers: w, maxRssMb }, null, 2)}\n`);
      } else {
        const lines = [
          `${store.location}: added ${s.added}, unchanged ${s.unchanged}${s.failed ? `, failed ${s.failed}` : ""}` +
            ` (${s.added + s.unchanged + s.failed} in ${s.seconds.toFixed(1)} s, ${Math.round(s.perSecond)}/s on ${s.workers} worker${s.workers === 1 ? "" : "s"})`,
        ];
        if (s.ignored) lines.push(`ignored ${s.ignored} file${s.ignored === 1 ? "" : "s"} of other kinds in directories`);
        if (s.failures.length) {
          lines.push("skipped:");
          for (const f of s.failures.slice(0, LIST_FAILURES)) lines.push(`  ${f.where}: ${f.reason}`);
          if (s.failures.length > LIST_FAILURES) lines.push(`  … and ${s.failures.length - LIST_FAILURES} more (use --json for all)`);
        }
        if (s.stopped) lines.push(`stopped early: ${s.stopped}`);
        process.stdout.write(`${lines.join("\n")}\n`);
      }
      if (s.stopped) process.stderr.write(`marsad: ${s.stopped}\n`);
      return s.failed > 0 || s.stopped ? 1 : 0;
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
