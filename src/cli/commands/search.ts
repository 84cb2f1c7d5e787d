/**
 * `marsad search`: ranked Arabic search over the corpus database, with
 * snippets whose matches are highlighted: bold on a terminal, […] in a pipe
 * (not «…», which Arabic text uses as quotation marks), offsets in --json. The query language is in src/search/query.ts.
 * One story once: copies of the same story from other outlets are folded
 * into the best-ranked one ("+2 نسخ · also in …"); --all-copies lists every
 * document.
 */
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { DEFAULT_LIMIT, MAX_LIMIT, type SearchResult, searchCorpus } from "../../search/search.js";
import { escapeHtml, markUp } from "../../search/snippet.js";
import { DEFAULT_DB, openStore } from "../../store/open.js";
import type { Command } from "../command.js";
import { parseDateOption } from "../options.js";

const HELP = `marsad search — ranked search over the corpus database

Usage:
  marsad search <query> [options]

Query:
  بوتين الصين          articles with both words, in any form: بوتين also finds لبوتين, وبوتين
  "وزير الخارجية"      a phrase: the words next to each other («…» works too)
  النفط -أوبك          leave out articles that mention أوبك
  Nothing else is syntax: OR, *, NEAR(…), col:term are searched as words.

Options:
  --db PATH        database (default $MARSAD_DB, else ./${DEFAULT_DB})
  --from DATE      published on or after DATE (YYYY-MM-DD)
  --to DATE        published on or before DATE
  --outlet NAME    only this outlet (e.g. skynews; case, spaces and -_. do not matter:
                   jawharafm = "Jawhara FM")
  --section NAME   only this section (e.g. economy)
  --entity KBID    only articles that mention this entity (knowledge-base id, or exact name)
  --all-copies     list every copy of a story (by default copies from other outlets are
                   folded into the best-ranked one, and the count is of stories)
  --limit N        results per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --offset N       skip the first N results (paging)
  --json           JSON: hits with snippet text and highlight offsets (and snippet.html with <mark>),
                   alsoReportedBy: [{id, outlet, title, …}] per hit; total counts "unit" (stories or
                   documents), documents counts every matching document
  -h, --help       this help

Ranking is BM25 over the analyzer's terms, a title match counting three times a
body match. Near-duplicates (the same story, ±3 days) were grouped when stored.

Examples:
  marsad search "بوتين الصين"
  marsad search "منظمة الصحة العالمية" --from 2018-01-01 --outlet skynews
  marsad search النفط --section economy --limit 20 --offset 20 --json
  marsad search أوبك --all-copies

Exit status: 0 when the search ran (even with no hits); 1 on a bad query or database.`;

/** A command-line word that is a query exclusion ("-أوبك"), not an option. */
const EXCLUSION_ARG = /^[-−][^\x00-\x7f]/u;

const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
/** Outlets named on a folded hit's "also in" line. */
const OUTLETS_SHOWN = 4;

/** "+2 نسخ · also in alarabia، jawhara fm": the copies of a folded hit, or null. */
export function copiesLine(h: { copies: number; alsoReportedBy: Array<{ outlet: string | null }> }): string | null {
  if (h.copies <= 0) return null;
  const outlets = [...new Set(h.alsoReportedBy.map((c) => c.outlet ?? "?"))];
  const shown = outlets.slice(0, OUTLETS_SHOWN).join("، ");
  const more = outlets.length > OUTLETS_SHOWN || h.copies > h.alsoReportedBy.length ? "، …" : "";
  return `+${h.copies} ${h.copies === 1 ? "نسخة" : "نسخ"} · also in ${shown}${more}`;
}

export function render(r: SearchResult, tty: boolean): string {
  const [open, close] = tty ? [BOLD, RESET] : ["[", "]"];
  const dim = (s: string) => (tty ? `${DIM}${s}${RESET}` : s);
  const lines: string[] = [];
  const shown = r.hits.length ? `${r.offset + 1}–${r.offset + r.hits.length} of ${r.total}` : `0 of ${r.total}`;
  if (r.collapsed && r.documents !== r.total)
    lines.push(dim(`${shown} stories (${r.documents} articles with their copies; ${r.tookMs} ms)`));
  else lines.push(dim(`${shown} results (${r.tookMs} ms)`));
  for (const h of r.hits) {
    const meta = [h.outlet, h.section, h.published?.slice(0, 10)].filter(Boolean).join(" · ");
    lines.push("");
    lines.push(`${h.rank}. ${markUp(h.title || "(untitled)", h.titleHighlights, open, close)}`);
    lines.push(`   ${dim(`${meta}${meta ? " · " : ""}score ${h.score.toFixed(2)} · ${h.id}`)}`);
    if (h.url) lines.push(`   ${dim(h.url)}`);
    lines.push(`   ${markUp(h.snippet.text, h.snippet.highlights, open, close)}`);
    const copies = copiesLine(h);
    if (copies) lines.push(`   ${dim(copies)}`);
  }
  if (r.total > r.offset + r.hits.length) lines.push("", dim(`more: --offset ${r.offset + r.hits.length}`));
  return lines.join("\n");
}

function intOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InputError(name, `"${v}" is not a whole number`);
  return n;
}

export const searchCommand: Command = {
  name: "search",
  summary: "ranked Arabic search over the corpus, with highlighted snippets",
  help: HELP,
  async run(argv) {
    // "-أوبك" is an exclusion in the query, not an option: keep such words out of option parsing.
    const excluded = argv.filter((a) => EXCLUSION_ARG.test(a));
    const { values, positionals } = parseArgs({
      args: argv.filter((a) => !EXCLUSION_ARG.test(a)),
      allowPositionals: true,
      options: {
        db: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        outlet: { type: "string" },
        section: { type: "string" },
        entity: { type: "string" },
        "all-copies": { type: "boolean", default: false },
        limit: { type: "string" },
        offset: { type: "string" },
        json: { type: "boolean", default: false },
      },
    });
    positionals.push(...excluded);
    if (positionals.length === 0) throw new InputError("search", 'no query: e.g. marsad search "بوتين الصين" (see `marsad search --help`)');
    const query = positionals.join(" ");
    const filters = {
      from: values.from !== undefined ? parseDateOption(values.from, "--from").slice(0, 10) : null,
      to: values.to !== undefined ? parseDateOption(values.to, "--to").slice(0, 10) : null,
      outlet: values.outlet?.trim() || null,
      section: values.section?.trim() || null,
      entity: values.entity?.trim() || null,
    };
    const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT);
    const offset = intOption(values.offset, "--offset", 0);
    const store = await openStore(values.db, { create: false });
    try {
      const result = await searchCorpus(store, query, { filters, limit, offset, collapse: !values["all-copies"] });
      if (values.json) {
        const hits = result.hits.map((h) => ({
          ...h,
          snippet: { ...h.snippet, html: markUp(h.snippet.text, h.snippet.highlights, "<mark>", "</mark>", escapeHtml) },
        }));
        process.stdout.write(`${JSON.stringify({ ...result, hits }, null, 2)}\n`);
      } else {
        process.stdout.write(`${render(result, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
