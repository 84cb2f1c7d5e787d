/**
 * `marsad quotes`: "what did X say" — quotes from the corpus, newest first,
 * each with its speaker, the article it is in, and that article's date;
 * optionally only those about another entity. Speaker and subject may be
 * given by any name they are written with (src/corpus/entities.ts resolves
 * it and the page says to which entity). Rows come from Store.quotes (SQLite
 * or PostgreSQL); this file parses options and lays the page out.
 */
import { parseArgs } from "node:util";
import { keyOf, type Resolution, resolutionNote, resolveEntity } from "../../corpus/entities.js";
import { DEFAULT_DB } from "../../store/open.js";
import type { Store } from "../../store/types.js";
import type { Command } from "../command.js";
import { day, dayOption, intOption, printJson, printLines, style, withCorpus } from "../render.js";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

const HELP = `marsad quotes — what was said, by whom, in which article

Usage:
  marsad quotes [options]

Options:
  --db PATH          database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --speaker NAME     only this speaker: knowledge-base id (per:أنطونيو_غوتيريش) or any name it
                     is written with (غوتيريش); several entities with that name: the most mentioned
  --about NAME       only quotes that name this entity inside the quotation
  --from DATE        articles published on or after DATE (YYYY-MM-DD)
  --to DATE          … on or before DATE
  --limit N          quotes per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --offset N         skip the first N (paging)
  --json             JSON: { total, limit, offset, items: [{ text, speakerName, articleId, title, published, … }],
                     resolved: { speaker?, about? } (name asked, entity chosen, alternatives) }
  -h, --help         this help

Examples:
  marsad quotes --speaker per:فلاديمير_بوتين
  marsad quotes --speaker بوتين
  marsad quotes --speaker "أنطونيو غوتيريش" --from 2020-01-01 --to 2020-12-31
  marsad quotes --speaker غوتيريش --about الصين
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
        about: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        limit: { type: "string" },
        offset: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    const speaker = values.speaker?.trim() || null;
    const about = values.about?.trim() || null;
    const range = { from: dayOption(values.from, "--from"), to: dayOption(values.to, "--to") };
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT, MAX_LIMIT);
    const offset = intOption(values.offset, "--offset", 0);
    const resolve = (store: Store, name: string | null) => (name ? resolveEntity(store, name) : Promise.resolve(null));
    const { page, resolved } = await withCorpus(values.db, async (store) => {
      const resolved = { speaker: await resolve(store, speaker), about: await resolve(store, about) };
      const k = (r: Resolution | null) => (r ? keyOf(r) : null);
      return { page: await store.quotes({ ...range, speaker: k(resolved.speaker), about: k(resolved.about) }, limit, offset), resolved };
    });
    const described = (r: Resolution | null) =>
      r && { query: r.query, key: keyOf(r), match: r.chosen?.match ?? null, alternatives: r.alternatives };
    if (values.json) {
      printJson({ ...page, resolved: { speaker: described(resolved.speaker), about: described(resolved.about) } });
      return 0;
    }
    const st = style();
    const out: string[] = [];
    for (const r of [resolved.speaker, resolved.about]) {
      const note = r && resolutionNote(r);
      if (note) out.push(st.dim(note));
    }
    const shown = page.items.length ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : `0 of ${page.total}`;
    const who = resolved.speaker ? ` by ${resolved.speaker.chosen?.name ?? speaker}` : "";
    const what = resolved.about ? ` about ${resolved.about.chosen?.name ?? about}` : "";
    out.push(st.dim(`${shown} quotes${who}${what}`));
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
