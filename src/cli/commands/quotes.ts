/**
 * `marsad quotes`: "what did X say" — quotes from the corpus, newest first,
 * each with its speaker, the article it is in, and that article's date.
 * Rows come from the corpus query `quotes` in src/server/queries.ts; this
 * file parses options and lays the page out.
 */
import { parseArgs } from "node:util";
import { quotes } from "../../server/queries.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Command } from "../command.js";
import { day, dayOption, intOption, printJson, printLines, style, withCorpus } from "../render.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

const HELP = `marsad quotes — what was said, by whom, in which article

Usage:
  marsad quotes [options]

Options:
  --db PATH          database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --speaker KEY      only this speaker: knowledge-base id (per:أنطونيو_غوتيريش) or name
  --from DATE        articles published on or after DATE (YYYY-MM-DD)
  --to DATE          … on or before DATE
  --limit N          quotes per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --offset N         skip the first N (paging)
  --json             JSON: { total, limit, offset, items: [{ text, speakerName, articleId, title, published, … }] }
  -h, --help         this help

Examples:
  marsad quotes --speaker per:فلاديمير_بوتين
  marsad quotes --speaker "أنطونيو غوتيريش" --from 2020-01-01 --to 2020-12-31
  marsad quotes --limit 50 --offset 50 --json

Exit status: 0 when the query ran (even with no quotes); 1 on a bad option or database.`;

export const quotesCommand: Command = {
  name: "quotes",
  summary: "what did X say: quotes with speaker, article and date",
  help: HELP,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: "string" },
        speaker: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        limit: { type: "string" },
        offset: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    const filters = {
      speaker: values.speaker?.trim() || null,
      from: dayOption(values.from, "--from"),
      to: dayOption(values.to, "--to"),
    };
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT, MAX_LIMIT);
    const offset = intOption(values.offset, "--offset", 0);
    const page = await withCorpus(values.db, "quotes", (store) => quotes(store, filters, limit, offset));
    if (values.json) {
      printJson(page);
      return 0;
    }
    const st = style();
    const out: string[] = [];
    const shown = page.items.length ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : `0 of ${page.total}`;
    out.push(st.dim(`${shown} quotes${filters.speaker ? ` by ${filters.speaker}` : ""}`));
    for (const q of page.items) {
      out.push("");
      out.push(`${st.bold(q.speakerName ?? "(unknown speaker)")}: «${q.text}»`);
      out.push(`  ${st.dim(`${day(q.published)} · ${q.title} · ${q.articleId}`)}`);
    }
    if (page.total > offset + page.items.length) out.push("", st.dim(`more: --offset ${offset + page.items.length}`));
    printLines(out);
    return 0;
  },
};
