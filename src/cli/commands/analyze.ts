/**
 * `marsad analyze`: one article (file or stdin) → one JSON document, or a
 * JSONL batch → one document a line, streaming, where a bad record is
 * reported on stderr and the batch goes on.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { recordToInput } from "../../article/index.js";
import { InputError } from "../../errors.js";
import { MAX_LINE_BYTES, MIN_LINE_BYTES, readLines } from "../../io/lines.js";
import { MAX_ARTICLE_BYTES, readArticleFile } from "../../io/read-input.js";
import { analyze } from "../../pipeline.js";
import type { Command } from "../command.js";
import { parseDateOption, parseSizeOption } from "../options.js";
import { Progress } from "../progress.js";

const HELP = `marsad analyze — analyze Arabic news articles into marsad.article/1 documents

Usage:
  marsad analyze <file|-> [options]        one article (text or HTML; "-" reads stdin)
  marsad analyze --jsonl <file|-> [options] a batch: one JSON record a line in, one document a line out

Options:
  --published DATE   publication date (YYYY-MM-DD) when the source gives none;
                     relative dates ("اليوم الأربعاء") are resolved against it
  --tokens           include tokens[] (offsets, matching keys, clitic segments)
  --format FMT       txt | html | auto (default auto: by extension, then content)
  --json             JSON output (the default; kept for symmetry with other commands)
  --compact          one line of JSON instead of indented JSON (JSONL mode is always compact)
  --max-bytes N      largest single article accepted (default ${MAX_ARTICLE_BYTES / 1024 / 1024}M); with --jsonl, the
                     longest line (default ${MAX_LINE_BYTES / 1024 / 1024}M): a longer line is reported and skipped.
                     Suffixes K, M; at least 1K
  -h, --help         this help

Input encodings: UTF-8 (with or without BOM), UTF-16, Windows-1256 — detected.
JSONL records carry title, text, published, url, source, category (as in the ANT corpus).
A record's or page's date is read as ISO 8601, RFC 2822, YYYY/MM/DD or DD/MM/YYYY
(day first), keeping the day as written; an unreadable date is left empty with a
warning on stderr.

Examples:
  marsad analyze article.txt --published 2020-07-08
  curl -s https://example.org/news.html | marsad analyze - --format html
  marsad analyze --jsonl news.jsonl > docs.jsonl

Exit status: 0 on success; 1 when the input (or, in batch mode, any record) or an
option's value was unusable — bad records are listed on stderr and the rest is
still analyzed; 2 on unknown options.`;

export const analyzeCommand: Command = {
  name: "analyze",
  summary: "analyze an article (or a JSONL batch) into structured JSON",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        published: { type: "string" },
        tokens: { type: "boolean", default: false },
        format: { type: "string", default: "auto" },
        json: { type: "boolean", default: true },
        compact: { type: "boolean", default: false },
        jsonl: { type: "string" },
        "max-bytes": { type: "string" },
      },
    });
    const published = values.published !== undefined ? parseDateOption(values.published, "--published") : null;
    const format = values.format ?? "auto";
    if (!["auto", "txt", "html"].includes(format)) throw new InputError("--format", `"${format}" is not one of txt, html, auto`);
    const givenMax = values["max-bytes"] !== undefined ? parseSizeOption(values["max-bytes"], "--max-bytes", MIN_LINE_BYTES) : null;

    if (values.jsonl !== undefined) {
      if (positionals.length > 0) throw new InputError("analyze", "give either --jsonl FILE or one article file, not both");
      return runBatch(values.jsonl, { published, tokens: values.tokens ?? false, maxLineBytes: givenMax ?? MAX_LINE_BYTES });
    }
    if (positionals.length !== 1) throw new InputError("analyze", "expected one file (or - for stdin); see `marsad analyze --help`");
    const path = positionals[0];
    const read = await readArticleFile(path, givenMax ?? MAX_ARTICLE_BYTES);
    const subject = path === "-" ? "stdin" : path;
    const doc = analyze(
      {
        format: format === "auto" ? read.format : (format as "txt" | "html"),
        content: read.text,
        path: path === "-" ? null : path,
        encoding: read.encoding,
        published,
        warn: (message) => process.stderr.write(`marsad: warning: ${subject}: ${message}\n`),
      },
      { tokens: values.tokens },
    );
    process.stdout.write(`${values.compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`);
    return 0;
  },
};

interface BatchOptions {
  published: string | null;
  tokens: boolean;
  /** Longest JSONL line read; longer lines are bad records. */
  maxLineBytes: number;
}

async function openBatch(path: string): Promise<Readable> {
  if (path === "-") return process.stdin;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, "is a directory (expected a .jsonl file)");
    return createReadStream(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(err)})`);
  }
}

async function runBatch(path: string, opts: BatchOptions): Promise<number> {
  const stream = await openBatch(path);
  const name = path === "-" ? "stdin" : path;
  const progress = new Progress("analyze", null);
  let ok = 0;
  let failed = 0;
  const fail = (lineNo: number, reason: string) => {
    failed++;
    progress.finish();
    process.stderr.write(`marsad: ${name}:${lineNo}: ${reason}\n`);
  };
  for await (const r of readLines(stream, opts.maxLineBytes)) {
    if (!r.ok) {
      fail(r.lineNo, r.reason);
      continue;
    }
    if (r.line.trim() === "") continue;
    try {
      let record: unknown;
      try {
        record = JSON.parse(r.line);
      } catch (err) {
        throw new InputError(`${name}:${r.lineNo}`, `not valid JSON (${(err as Error).message})`);
      }
      const input = recordToInput(record, `${name}:${r.lineNo}`);
      const warn = (message: string) => {
        progress.finish();
        process.stderr.write(`marsad: warning: ${name}:${r.lineNo}: ${message}\n`);
      };
      const doc = analyze({ ...input, published: input.published ?? opts.published, warn }, { tokens: opts.tokens });
      if (!process.stdout.write(`${JSON.stringify(doc)}\n`)) await new Promise((res) => process.stdout.once("drain", res));
      ok++;
    } catch (err) {
      if (err instanceof InputError) {
        failed++;
        progress.finish();
        process.stderr.write(`marsad: ${err.message}\n`);
      } else fail(r.lineNo, `internal error: ${(err as Error).message}`);
    }
    progress.update(ok + failed);
  }
  progress.finish();
  process.stderr.write(`marsad: analyzed ${ok} record${ok === 1 ? "" : "s"}${failed ? `, ${failed} failed` : ""}\n`);
  return failed > 0 ? 1 : 0;
}
