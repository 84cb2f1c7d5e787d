/**
 * `marsad entity`: the entity page in a terminal — who or what it is, how
 * often the corpus mentions it over time (a bar per month or day), the
 * entities that appear next to it, its latest quotes, and the events it is
 * on either side of. The entity may be given by any name it is written with
 * (src/corpus/entities.ts picks the most mentioned one and the page says
 * which). All data comes from the Store's corpus views (the same the HTTP
 * API serves, on SQLite or PostgreSQL); this file only parses options and
 * lays the result out.
 */
import { parseArgs } from "node:util";
import { keyOf, resolutionNote, resolveEntity } from "../../corpus/entities.js";
import { InputError } from "../../errors.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Command } from "../command.js";
import { barTable, byOption, day, dayOption, eventHead, intOption, printJson, printLines, style, withCorpus } from "../render.js";

/** How many co-occurring entities, quotes and events the page shows by default. */
const DEFAULT_TOP = 10;
const DEFAULT_QUOTES = 5;
const DEFAULT_EVENTS = 5;
const MAX_TOP = 100;

const HELP = `marsad entity — one entity across the corpus: mentions over time, neighbours, quotes, events

Usage:
  marsad entity <kbId|name> [options]

The entity is named by its knowledge-base id (per:فلاديمير_بوتين) or by any
name it is written with in the corpus (بوتين, فلاديمير بوتين, لبوتين; hamza,
diacritics and ة/ه do not matter). When several entities go by that name, the
most mentioned is shown and the others are listed. Several words are one name:
no quotes needed.

Events by and against it count only events stated as having happened (not
negated, not future or hypothetical) unless --all-events is given.

Options:
  --db PATH        database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --by day|month   timeline granularity (default month)
  --from DATE      timeline, quotes and events from DATE (YYYY-MM-DD)
  --to DATE        … up to DATE
  --top N          co-occurring entities to list (default ${DEFAULT_TOP})
  --quotes N       latest quotes to list (default ${DEFAULT_QUOTES})
  --all-events     count negated, future and hypothetical events too
  --json           everything as one JSON object (with "resolved": the name asked,
                   the entity chosen and the alternatives)
  -h, --help       this help

Examples:
  marsad entity per:فلاديمير_بوتين
  marsad entity بوتين
  marsad entity شي جين بينغ --by day
  marsad entity loc:الصين --from 2020-01-01 --to 2020-12-31 --json

Exit status: 0 when the entity is found; 1 when no article mentions it, or on a bad option or database.`;

export const entityCommand: Command = {
  name: "entity",
  summary: "an entity's page: mentions over time, co-occurring entities, quotes, events",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: "string" },
        by: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        top: { type: "string" },
        quotes: { type: "string" },
        "all-events": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const key = positionals.join(" ").trim();
    if (!key) throw new InputError("entity", "no entity: e.g. marsad entity per:فلاديمير_بوتين (see `marsad entity --help`)");
    const by = byOption(values.by, ["day", "month"], "month") as "day" | "month";
    const range = { from: dayOption(values.from, "--from"), to: dayOption(values.to, "--to") };
    const top = intOption(values.top, "--top", DEFAULT_TOP, MAX_TOP);
    const nQuotes = intOption(values.quotes, "--quotes", DEFAULT_QUOTES, MAX_TOP);

    const all = values["all-events"];
    const page = await withCorpus(values.db, async (store) => {
      const resolution = await resolveEntity(store, key);
      if (!resolution.chosen) return null;
      const k = keyOf(resolution);
      const summary = await store.entity(k);
      if (!summary) return null;
      return {
        resolved: { query: resolution.query, key: k, match: resolution.chosen.match, alternatives: resolution.alternatives },
        note: resolutionNote(resolution),
        summary,
        timeline: { by, points: await store.entityTimeline(k, by, range) },
        cooccurring: await store.cooccurrence(k, top),
        quotes: await store.quotes({ ...range, speaker: k }, nQuotes, 0),
        events: {
          by: await store.events({ ...range, source: k, all }, DEFAULT_EVENTS, 0),
          against: await store.events({ ...range, target: k, all }, DEFAULT_EVENTS, 0),
        },
      };
    });
    if (!page)
      throw new InputError(
        key,
        "no article mentions this entity (give its knowledge-base id or full name; `marsad search` finds single words)",
      );
    const { note, ...data } = page;
    if (values.json) {
      printJson(data);
      return 0;
    }
    const st = style();
    const s = page.summary;
    const out: string[] = [];
    if (note) out.push(st.dim(note));
    out.push(st.bold(s.name));
    out.push(
      st.dim(
        `${s.type}${s.kbId ? ` · ${s.kbId}` : ""} · ${s.articles} articles · ${s.mentions} mentions · ${s.firstDay ?? "?"} – ${s.lastDay ?? "?"}`,
      ),
    );
    if (s.names.length > 1)
      out.push(
        st.dim(
          `also written: ${s.names
            .slice(1)
            .map((n) => n.name)
            .join("، ")}`,
        ),
      );

    out.push("", `Mentions per ${by}:`);
    if (page.timeline.points.length === 0) out.push("  (none dated in this range)");
    out.push(
      ...barTable(
        page.timeline.points.map((p) => ({ label: p.period, value: p.articles, note: `${p.articles} articles, ${p.mentions} mentions` })),
      ),
    );

    out.push("", "Appears with:");
    if (page.cooccurring.length === 0) out.push("  (no other entity)");
    for (const c of page.cooccurring)
      out.push(`  ${c.name}  ${st.dim(`${c.type} · ${c.articles} articles${c.kbId ? ` · ${c.kbId}` : ""}`)}`);

    out.push("", `Quotes (${page.quotes.items.length} latest of ${page.quotes.total}):`);
    if (page.quotes.total === 0) out.push("  (none)");
    for (const q of page.quotes.items) {
      out.push(`  «${q.text}»`);
      out.push(`    ${st.dim(`${day(q.published)} · ${q.title} · ${q.articleId}`)}`);
    }

    for (const [label, p] of [
      ["Events by it", page.events.by],
      ["Events against it", page.events.against],
    ] as const) {
      if (p.total === 0) continue;
      out.push("", `${label} (${p.items.length} latest of ${p.total}):`);
      for (const e of p.items) {
        out.push(`  ${eventHead(e)}  ${st.dim(`«${e.trigger}» · ${day(e.published)} · ${e.articleId}`)}`);
      }
    }
    printLines(out);
    return 0;
  },
};
