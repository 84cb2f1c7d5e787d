/**
 * `marsad related`: the articles a reader of one article should see next
 * (اخترنا لك), each with the reason — the names it shares with the article,
 * or, when entities run out, the words of its title — and its near-duplicates
 * (the same story elsewhere). The ranking is Store.related and the copies
 * come from the stored MinHash bands (src/corpus/near-dup.ts), on SQLite or
 * PostgreSQL; this file parses options and lays the list out.
 */
import { parseArgs } from "node:util";
import { NEAR_DUP_THRESHOLD, nearDuplicates, WINDOW_DAYS } from "../../corpus/near-dup.js";
import { InputError } from "../../errors.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Command } from "../command.js";
import { day, intOption, printJson, printLines, style, withCorpus } from "../render.js";

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;

const HELP = `marsad related — what to read next (اخترنا لك) after one article

Usage:
  marsad related <article-id> [options]

The article id is the one \`marsad search\` and \`marsad ingest\` print (e.g. 9fdd7f6dcc6ad007).
Articles sharing its people, places and organisations come first, their
shared names given as the reason; then articles sharing the words of its title.
Then, separately, its near-duplicates: articles published within ${WINDOW_DAYS} days
whose wording mostly overlaps (MinHash estimate of word-shingle Jaccard ≥ ${NEAR_DUP_THRESHOLD}),
i.e. the same story from another outlet.

Options:
  --db PATH     database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --limit N     how many (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --json        JSON: { id, items: [{ id, title, published, score, reason, shared }],
                nearDuplicates: [{ id, title, published, outlet, similarity }] }
  -h, --help    this help

Examples:
  marsad related 9fdd7f6dcc6ad007
  marsad related 9fdd7f6dcc6ad007 --limit 10 --json

Exit status: 0 when the article exists; 1 when it does not, or on a bad option or database.`;

export const relatedCommand: Command = {
  name: "related",
  summary: "articles to read next after one article, with the shared names as the reason",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    if (positionals.length !== 1) {
      throw new InputError("related", "give one article id: e.g. marsad related 9fdd7f6dcc6ad007 (see `marsad related --help`)");
    }
    const id = positionals[0].trim();
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT, MAX_LIMIT);
    const found = await withCorpus(values.db, async (store) => {
      const items = await store.related(id, limit);
      return items && { items, nearDuplicates: (await nearDuplicates(store, id)) ?? [] };
    });
    if (!found) throw new InputError(id, "no article with this id (ids are the ones `marsad search` prints)");
    if (values.json) {
      printJson({ id, ...found });
      return 0;
    }
    const { items, nearDuplicates: copies } = found;
    const st = style();
    const out: string[] = [st.dim(`${items.length} related to ${id}`)];
    items.forEach((r, i) => {
      out.push("");
      out.push(`${i + 1}. ${r.title || "(untitled)"}`);
      const why = r.reason === "entities" ? `shares: ${r.shared.join("، ")}` : "similar title words";
      out.push(`   ${why}`);
      out.push(`   ${st.dim(`${day(r.published)}${r.outlet ? ` · ${r.outlet}` : ""} · score ${r.score} · ${r.id}`)}`);
    });
    if (copies.length) {
      out.push("", `Near-duplicates (the same story, ±${WINDOW_DAYS} days):`);
      for (const d of copies) {
        out.push(`  ${d.title || "(untitled)"}`);
        out.push(`    ${st.dim(`${day(d.published)}${d.outlet ? ` · ${d.outlet}` : ""} · similarity ${d.similarity} · ${d.id}`)}`);
      }
    }
    printLines(out);
    return 0;
  },
};
