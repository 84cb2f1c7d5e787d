/**
 * What `marsad ingest` reads: the inputs a user names, expanded into a
 * stream of Jobs (and of failures, which are reported and never stop the
 * stream). Kinds of input:
 *
 *   file.jsonl / .ndjson   one JSON record a line, streamed (src/io/lines.ts):
 *                          memory stays flat whatever the file or line size
 *   file.html / .htm / .txt one article (src/io/read-input.ts decodes it)
 *   file.xml / .rss / .atom a saved feed
 *   directory              walked recursively for the kinds above, in name order
 *   http(s)://…            an RSS or Atom feed, fetched with a timeout
 *   -                      JSONL on standard input
 *
 * Being a generator, this reads only as fast as the consumer pulls: that is
 * the back-pressure that keeps a 13,000-article file from being read ahead
 * into memory while the workers analyze.
 */
import { createReadStream } from "node:fs";
import { opendir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import { InputError } from "../errors.js";
import { MAX_LINE_BYTES, readLines } from "../io/lines.js";
import { readArticleFile } from "../io/read-input.js";
import { decodeBytes } from "../text/decode.js";
import { fetchFeed, itemToInput, parseFeed } from "./feed.js";
import { inputHash, type Job } from "./job.js";

/** File extensions by kind (lower case). */
const JSONL_EXT = new Set([".jsonl", ".ndjson"]);
const ARTICLE_EXT = new Set([".html", ".htm", ".xhtml", ".txt"]);
const FEED_EXT = new Set([".xml", ".rss", ".atom"]);

export type SourceEvent =
  | { kind: "job"; job: Job }
  | { kind: "failure"; where: string; reason: string }
  | { kind: "ignored"; where: string };

export interface SourceOptions {
  feedTimeoutMs?: number;
  maxLineBytes?: number;
}

function failure(err: unknown, where: string): SourceEvent {
  if (err instanceof InputError) return { kind: "failure", where: err.subject || where, reason: err.reason };
  const code = (err as NodeJS.ErrnoException)?.code;
  return { kind: "failure", where, reason: code ? `cannot read (${code})` : `cannot read (${(err as Error)?.message ?? String(err)})` };
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

async function* jsonlJobs(stream: Readable, name: string, maxLineBytes: number): AsyncGenerator<SourceEvent> {
  try {
    for await (const r of readLines(stream, maxLineBytes)) {
      const where = `${name}:${r.lineNo}`;
      if (!r.ok) {
        yield { kind: "failure", where, reason: r.reason };
        continue;
      }
      if (r.line.trim() === "") continue;
      yield { kind: "job", job: { where, hash: inputHash("jsonl", r.line), payload: { kind: "record", line: r.line } } };
    }
  } catch (err) {
    yield failure(err, name);
  }
}

async function* articleJob(path: string): AsyncGenerator<SourceEvent> {
  try {
    const read = await readArticleFile(path);
    yield {
      kind: "job",
      job: {
        where: path,
        hash: inputHash("article", read.format, read.text),
        payload: { kind: "input", input: { format: read.format, content: read.text, path, encoding: read.encoding } },
      },
    };
  } catch (err) {
    yield failure(err, path);
  }
}

async function* feedJobs(xml: string, where: string, feedUrl: string): AsyncGenerator<SourceEvent> {
  let items: ReturnType<typeof parseFeed>;
  try {
    items = parseFeed(xml, where);
  } catch (err) {
    yield failure(err, where);
    return;
  }
  if (items.length === 0) yield { kind: "failure", where, reason: "the feed has no items" };
  for (let i = 0; i < items.length; i++) {
    const input = itemToInput(items[i], feedUrl);
    yield {
      kind: "job",
      job: {
        where: `${where}#${i + 1}`,
        hash: inputHash("feed-item", input.url, input.title, input.content),
        payload: { kind: "input", input },
      },
    };
  }
}

async function* urlJobs(url: string, opts: SourceOptions): AsyncGenerator<SourceEvent> {
  let xml: string;
  try {
    xml = await fetchFeed(url, opts.feedTimeoutMs);
  } catch (err) {
    yield failure(err, url);
    return;
  }
  yield* feedJobs(xml, url, url);
}

async function* savedFeedJobs(path: string): AsyncGenerator<SourceEvent> {
  let xml: string;
  try {
    xml = decodeBytes(await readFile(path), path).text;
  } catch (err) {
    yield failure(err, path);
    return;
  }
  yield* feedJobs(xml, path, `file://${path}`);
}

/** Files under `dir`, recursively, in name order; symlinked directories are not followed (no loops). */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries: { name: string; dir: boolean; file: boolean }[] = [];
  for await (const e of await opendir(dir)) entries.push({ name: e.name, dir: e.isDirectory(), file: e.isFile() || e.isSymbolicLink() });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.dir) yield* walk(p);
    else if (e.file) yield p;
  }
}

function fileJobs(path: string, explicit: boolean, opts: SourceOptions): AsyncGenerator<SourceEvent> | null {
  const ext = extname(path).toLowerCase();
  if (JSONL_EXT.has(ext)) return jsonlJobs(createReadStream(path), path, opts.maxLineBytes ?? MAX_LINE_BYTES);
  if (ARTICLE_EXT.has(ext)) return articleJob(path);
  if (FEED_EXT.has(ext)) return savedFeedJobs(path);
  // A file named explicitly is read as one article whatever its name; in a directory, other files are ignored.
  return explicit ? articleJob(path) : null;
}

/** Expand the inputs into jobs, in order; never throws for a bad input. */
export async function* expandInputs(inputs: string[], opts: SourceOptions = {}): AsyncGenerator<SourceEvent> {
  for (const input of inputs) {
    if (isUrl(input)) {
      yield* urlJobs(input, opts);
      continue;
    }
    if (input === "-") {
      yield* jsonlJobs(process.stdin, "stdin", opts.maxLineBytes ?? MAX_LINE_BYTES);
      continue;
    }
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(input);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      yield { kind: "failure", where: input, reason: code === "ENOENT" ? "no such file or directory" : `cannot read (${code})` };
      continue;
    }
    if (st.isDirectory()) {
      try {
        for await (const path of walk(input)) {
          const jobs = fileJobs(path, false, opts);
          if (jobs) yield* jobs;
          else yield { kind: "ignored", where: path };
        }
      } catch (err) {
        yield failure(err, input);
      }
      continue;
    }
    yield* fileJobs(input, true, opts) as AsyncGenerator<SourceEvent>;
  }
}

/** Newlines in the local JSONL inputs: a cheap total for the progress bar (null when unknown). */
export async function countRecords(inputs: string[]): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    if (input === "-" || isUrl(input)) return null;
    try {
      const st = await stat(input);
      if (st.isDirectory()) return null;
      if (!JSONL_EXT.has(extname(input).toLowerCase())) {
        total++;
        continue;
      }
      for await (const chunk of createReadStream(input)) {
        const buf = chunk as Buffer;
        for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) total++;
      }
    } catch {
      // The real read reports the error.
    }
  }
  return total;
}
