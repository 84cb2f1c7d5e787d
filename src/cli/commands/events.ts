/**
 * `marsad events`: events between actors as a time series — counts per month
 * and event type, drawn as bars — followed by the event rows themselves.
 * Data comes from the corpus query `events` in src/server/queries.ts; this
 * file parses options and lays the result out.
 */
import { parseArgs } from "node:util";
import { events } from "../../server/queries.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Command } from "../command.js";
import { barTable, byOption, day, dayOption, intOption, printJson, printLines, style, withCorpus } from "../render.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

const HELP = `marsad events — who did what to whom, over time

Usage:
  marsad events [options]

Options:
  --db PATH        database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --source KEY     acting side: knowledge-base id (loc:روسيا) or name
  --target KEY     receiving side
  --type T         only this event type
  --from DATE      articles published on or after DATE (YYYY-MM-DD)
  --to DATE        … on or before DATE
  --by month       series granularity (month is the only one for now)
  --limit N        event rows to list (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --offset N       skip the first N rows (paging)
  --json           JSON: { total, counts: [{ period, type, events }], items: [...] }
  -h, --help       this help

Examples:
  marsad events --source loc:روسيا --target loc:أوكرانيا
  marsad events --source "الولايات المتحدة" --type sanction --from 2020-01-01
  marsad events --target loc:الصين --json

Exit status: 0 when the query ran (even with no events); 1 on a bad option or database.`;

export const eventsCommand: Command = {
  name: "events",
  summary: "events by actor pair: counts per month and type, and the rows",
  help: HELP,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: "string" },
        source: { type: "string" },
        target: { type: "string" },
        type: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        by: { type: "string" },
        limit: { type: "string" },
        offset: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    byOption(values.by, ["month"], "month");
    const filters = {
      source: values.source?.trim() || null,
      target: values.target?.trim() || null,
      type: values.type?.trim() || null,
      from: dayOption(values.from, "--from"),
      to: dayOption(values.to, "--to"),
    };
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT, MAX_LIMIT);
    const offset = intOption(values.offset, "--offset", 0);
    const page = await withCorpus(values.db, "event queries", (store) => events(store, filters, limit, offset));
    if (values.json) {
      printJson(page);
      return 0;
    }
    const st = style();
    const pair = [
      filters.source && `by ${filters.source}`,
      filters.target && `against ${filters.target}`,
      filters.type && `of type ${filters.type}`,
    ]
      .filter(Boolean)
      .join(" ");
    const out: string[] = [st.dim(`${page.total} events${pair ? ` ${pair}` : ""}`)];
    if (page.counts.length) {
      out.push("", "Per month and type:");
      out.push(...barTable(page.counts.map((c) => ({ label: `${c.period} ${c.type}`, value: c.events, note: String(c.events) }))));
    }
    if (page.items.length) out.push("", `Events ${offset + 1}–${offset + page.items.length}:`);
    for (const e of page.items) {
      const who = `${e.source.map((x) => x.name).join("، ") || "?"} → ${e.target.map((x) => x.name).join("، ") || "?"}`;
      out.push(`  ${e.type}: ${who}`);
      out.push(`    ${st.dim(`«${e.trigger}» · ${day(e.published)} · ${e.title} · ${e.articleId}`)}`);
    }
    if (page.total > offset + page.items.length) out.push("", st.dim(`more: --offset ${offset + page.items.length}`));
    printLines(out);
    return 0;
  },
};
