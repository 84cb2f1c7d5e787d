/**
 * `marsad events`: events between actors as a time series — counts per month
 * (or day) and event type, drawn as bars — followed by the event rows
 * themselves. By default only events stated as having happened count: not
 * negated, not future or hypothetical (--all-events counts them all).
 * Actors may be given by any name they are written with (resolved by
 * src/corpus/entities.ts). Data comes from Store.events (SQLite or
 * PostgreSQL); this file parses options and lays the result out.
 */
import { parseArgs } from "node:util";
import { keyOf, type Resolution, resolutionNote, resolveEntity } from "../../corpus/entities.js";
import { InputError } from "../../errors.js";
import { PLOVER_TYPES } from "../../nlp/events/lexicon.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Command } from "../command.js";
import { barTable, byOption, day, dayOption, eventHead, intOption, printJson, printLines, style, withCorpus } from "../render.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

const HELP = `marsad events — who did what to whom, over time

Usage:
  marsad events [options]

Options:
  --db PATH        database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --source NAME    acting side: knowledge-base id (loc:روسيا) or any name it is written with
  --target NAME    receiving side
  --type T         only this event type
  --from DATE      articles published on or after DATE (YYYY-MM-DD)
  --to DATE        … on or before DATE
  --by month|day   series granularity (default month)
  --all-events     also negated events ("لم يلتق") and future or hypothetical ones
                   (default: only events stated as having happened)
  --limit N        event rows to list (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --offset N       skip the first N rows (paging)
  --json           JSON: { total, counts: [{ period, type, events }], items: [...], resolved: {source?, target?} }
  -h, --help       this help

Examples:
  marsad events --source loc:روسيا --target loc:أوكرانيا
  marsad events --source روسيا --target الصين --by day
  marsad events --source "الولايات المتحدة" --type sanction --from 2020-01-01
  marsad events --target loc:الصين --all-events --json

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
        "all-events": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const by = byOption(values.by, ["month", "day"], "month") as "month" | "day";
    const source = values.source?.trim() || null;
    const target = values.target?.trim() || null;
    const base = {
      type: eventType(values.type),
      from: dayOption(values.from, "--from"),
      to: dayOption(values.to, "--to"),
      by,
      all: values["all-events"],
    };
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT, MAX_LIMIT);
    const offset = intOption(values.offset, "--offset", 0);
    const { page, resolved } = await withCorpus(values.db, async (store) => {
      const resolved = {
        source: source ? await resolveEntity(store, source) : null,
        target: target ? await resolveEntity(store, target) : null,
      };
      const k = (r: Resolution | null) => (r ? keyOf(r) : null);
      return { page: await store.events({ ...base, source: k(resolved.source), target: k(resolved.target) }, limit, offset), resolved };
    });
    if (values.json) {
      const described = (r: Resolution | null) =>
        r && { query: r.query, key: keyOf(r), match: r.chosen?.match ?? null, alternatives: r.alternatives };
      printJson({ ...page, resolved: { source: described(resolved.source), target: described(resolved.target) } });
      return 0;
    }
    const st = style();
    const shownName = (r: Resolution | null) => (r ? (r.chosen ? r.chosen.key : r.query) : null);
    const pair = [
      source && `by ${shownName(resolved.source)}`,
      target && `against ${shownName(resolved.target)}`,
      base.type && `of type ${base.type}`,
    ]
      .filter(Boolean)
      .join(" ");
    const out: string[] = [];
    for (const r of [resolved.source, resolved.target]) {
      const note = r && resolutionNote(r);
      if (note) out.push(st.dim(note));
    }
    out.push(st.dim(`${page.total} ${base.all ? "events (all modes)" : "events"}${pair ? ` ${pair}` : ""}`));
    if (page.counts.length) {
      out.push("", `Per ${by} and type:`);
      out.push(...barTable(page.counts.map((c) => ({ label: `${c.period} ${c.type}`, value: c.events, note: String(c.events) }))));
    }
    if (page.items.length) out.push("", `Events ${offset + 1}–${offset + page.items.length}:`);
    for (const e of page.items) {
      out.push(`  ${eventHead(e)}`);
      out.push(`    ${st.dim(`«${e.trigger}» · ${day(e.published)} · ${e.title} · ${e.articleId}`)}`);
    }
    if (page.total > offset + page.items.length) out.push("", st.dim(`more: --offset ${offset + page.items.length}`));
    printLines(out);
    return 0;
  },
};

/** --type: one of the PLOVER types Marsad codes, in any case; a typo is an error, not "0 events". */
function eventType(v: string | undefined): string | null {
  const t = v?.trim().toUpperCase() ?? "";
  if (t === "") return null;
  if (!(PLOVER_TYPES as readonly string[]).includes(t))
    throw new InputError("--type", `unknown event type "${v}"; one of ${PLOVER_TYPES.join(", ")}`);
  return t;
}
