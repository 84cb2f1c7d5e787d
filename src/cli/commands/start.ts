/**
 * `marsad start` (what `npm start` runs): the main job on the embedded
 * default. Opens (or creates) the SQLite store; when it is empty, ingests the
 * sample articles in examples/ (written for the project); shows a search
 * over them; then serves the API and the Arabic web UI.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ingest } from "../../ingest/ingest.js";
import { EXAMPLES_DIR } from "../../paths.js";
import { searchCorpus } from "../../search/search.js";
import { openStore, storeLocation } from "../../store/open.js";
import type { Command } from "../command.js";
import { Progress } from "../progress.js";
import { render } from "./search.js";
import { serveCommand } from "./serve.js";

const SAMPLE_FILES = ["articles.jsonl", "article.txt", "article.html"];
const DEMO_QUERY = "بوتين الصين";

const HELP = `marsad start — the main job: a corpus database, filled and served

Usage:
  marsad start [--db PATH] [--port N] [--no-serve]

Opens the database (default $MARSAD_DB, else ./marsad.db), creating it when
missing. When it holds no articles, the sample articles in examples/ are
ingested first. A search for "${DEMO_QUERY}" is printed, then the HTTP API and
the Arabic web UI are served on http://127.0.0.1:8080/ until Ctrl-C.

Options:
  --db PATH     database file (or postgres://… URL)
  --port N      port to serve on (default 8080; 0 picks a free one)
  --no-serve    stop after the ingest and the search demo
  -h, --help    this help

To work on your own articles: marsad ingest FILES… then marsad serve.`;

export const startCommand: Command = {
  name: "start",
  summary: "fill an empty database with the sample articles, show a search, and serve the web UI",
  help: HELP,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: "string" }, port: { type: "string" }, "no-serve": { type: "boolean", default: false } },
    });
    const db = storeLocation(values.db);
    const store = await openStore(db, { create: true });
    try {
      const stats = await store.stats();
      if (stats.documents === 0) {
        const inputs = SAMPLE_FILES.map((f) => join(EXAMPLES_DIR, f)).filter((p) => existsSync(p));
        process.stderr.write(`marsad: ${db} is empty: ingesting the sample articles in ${EXAMPLES_DIR}\n`);
        const progress = new Progress("ingest");
        const summary = await ingest(store, inputs, { onProgress: (c) => progress.update(c.added + c.unchanged + c.failed) });
        progress.finish();
        process.stderr.write(
          `marsad: added ${summary.added}, unchanged ${summary.unchanged}, failed ${summary.failed} in ${summary.seconds.toFixed(1)} s\n`,
        );
        for (const f of summary.failures) process.stderr.write(`marsad:   ${f.where}: ${f.reason}\n`);
      } else {
        process.stderr.write(`marsad: ${db} holds ${stats.documents} articles\n`);
      }
      const result = await searchCorpus(store, DEMO_QUERY, { limit: 3 });
      process.stdout.write(`\nmarsad search "${DEMO_QUERY}"\n${render(result, Boolean(process.stdout.isTTY))}\n\n`);
    } finally {
      await store.close();
    }
    if (values["no-serve"]) return 0;
    return serveCommand.run(["--db", db, ...(values.port !== undefined ? ["--port", values.port] : [])]);
  },
};
