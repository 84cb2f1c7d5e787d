/**
 * `marsad kb`: the knowledge base as a user inspects and extends it. The KB
 * an ingest links with is the committed seed (models/kb: actor dictionary,
 * countries, curated organizations) plus the rows the corpus database holds:
 * those learned from ingested articles and those a user imported
 * (docs/kb.md). This command lists entities, shows one with its names and
 * dated titles, exports the database's rows as TSV (src/kb/rows.ts, the
 * format of models/kb/seed.tsv) and imports a TSV as user rows, validating
 * every line and naming the bad ones.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InputError } from "../../errors.js";
import { KnowledgeBase, nameOfId } from "../../kb/index.js";
import { type BadRow, canonicalAlias, type KbRow, namespaceOf, parseTsvRows, rowsToTsv } from "../../kb/rows.js";
import { DEFAULT_DB, openStore } from "../../store/open.js";
import type { Command } from "../command.js";
import { intOption, printJson, printLines, style, withCorpus } from "../render.js";

/** What --source names, and the row sources each covers ("seed" is everything committed in models/kb). */
const SOURCE_GROUPS: Record<string, ReadonlySet<string>> = {
  learned: new Set(["learned"]),
  user: new Set(["user"]),
  seed: new Set(["seed", "country", "curated"]),
  all: new Set(["learned", "user", "seed", "country", "curated"]),
};
/** The sources a corpus database holds. */
const STORED: ReadonlySet<string> = new Set(["learned", "user"]);
const TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
/** Entities `kb list` prints by default. */
const DEFAULT_LIMIT = 50;
/** Entity types tried, in order, when `kb show` falls back to the resolver (transliteration variants). */
const RESOLVE_TYPES = ["PER", "ORG", "LOC"] as const;
/** Names and titles `kb show` prints per section before "… and N more". */
const SHOW_MAX = 40;

const HELP = `marsad kb — inspect and extend the knowledge base (who is who across articles)

Usage:
  marsad kb list [--source learned|user|seed|all] [--type PER|ORG|LOC|MISC] [--limit N] [--json]
  marsad kb show <kbId|name> [--json]
  marsad kb export [FILE.tsv]
  marsad kb import FILE.tsv

The knowledge base gives each person, organization and place one id across
articles (per:فلاديمير_بوتين), the names it goes by, and for people the titles
they held and when (so "الرئيس الفرنسي" in a 2015 article and in a 2021 one
can be two different people). It is the committed seed (models/kb) plus what
the corpus database holds: rows learned from ingested articles (names seen,
"title + name" appositions with the article's date) and rows you import.
See docs/kb.md.

  list     entities, most seen first: id, type, how many names and titles,
           how often ingested articles named it. --source picks the rows
           counted (default all; seed = actor dictionary, countries, curated)
  show     one entity by id or by any name it goes by (hamza, diacritics and
           ة/ه do not matter): its names, titles with date ranges, counts
  export   the database's learned and user rows as TSV (to FILE, else stdout),
           in the format of models/kb/seed.tsv: edit it, import it back
  import   add the rows of a TSV file as your own (source "user"). Every line
           is checked; bad lines are listed with their line numbers and the
           good ones are stored. A user row replaces an earlier user row
           with the same kbId and alias. Takes effect at the next ingest

TSV columns (tab-separated, header line first, # starts a comment):
  kbId  alias  display  type  source  validFrom  validTo  count
  alias is a name, or title:<titleId>:<ISO3> for a title held from validFrom
  to validTo (YYYY-MM-DD or empty), e.g.
  per:نانا_أكوفو_أدو	نانا أكوفو أدو	نانا أكوفو أدو	PER	user			1
  per:نانا_أكوفو_أدو	title:president:GHA	الرئيس الغاني	PER	user	2017-01-07	2025-01-07	1

Options:
  --db PATH      database (default $MARSAD_DB, else ./${DEFAULT_DB}); import creates it if missing
  --source S     list: learned, user, seed or all (default all)
  --type T       list: only PER, ORG, LOC or MISC entities
  --limit N      list: at most N entities (default ${DEFAULT_LIMIT}; 0 = all)
  --json         list, show, import: JSON output
  -h, --help     this help

Examples:
  marsad kb list --source learned --type PER
  marsad kb show بوتين                  (any name it goes by; titles are listed under their holder)
  marsad kb show per:فلاديمير_بوتين --json
  marsad kb export kb.tsv && $EDITOR kb.tsv && marsad kb import kb.tsv

Exit status: 0 on success; 1 when an entity is not found, on a bad option or
database, or when an import file had bad lines (the good ones are stored).`;

interface EntityItem {
  kbId: string;
  name: string;
  type: string;
  /** Row sources the entity has (of those counted). */
  sources: string[];
  names: number;
  titles: number;
  /** Sum of the counts of its learned name rows: how often ingested articles named it. */
  seen: number;
}

/** The rows of the asked sources: the seed from models/kb, the rest from the database. */
async function loadRows(db: string | undefined, sources: ReadonlySet<string>): Promise<KbRow[]> {
  const rows: KbRow[] = [];
  if (sources.has("seed")) rows.push(...KnowledgeBase.loadSeed().rows());
  if (sources.has("learned") || sources.has("user")) {
    const stored = await withCorpus(db, (store) => store.kbRows());
    rows.push(...stored.filter((r) => sources.has(r.source)));
  }
  return rows;
}

function summarize(rows: readonly KbRow[]): EntityItem[] {
  const by = new Map<string, EntityItem & { src: Set<string> }>();
  for (const r of rows) {
    let e = by.get(r.kbId);
    if (!e) {
      e = { kbId: r.kbId, name: nameOfId(r.kbId), type: r.type, sources: [], names: 0, titles: 0, seen: 0, src: new Set() };
      by.set(r.kbId, e);
    }
    e.src.add(r.source);
    const ns = namespaceOf(r.alias);
    if (ns === null) {
      e.names++;
      if (r.source === "learned") e.seen += r.count;
    } else if (ns === "title") e.titles++;
  }
  return [...by.values()]
    .map(({ src, ...e }) => ({ ...e, sources: [...src].sort() }))
    .sort((a, b) => b.seen - a.seen || b.names + b.titles - (a.names + a.titles) || (a.kbId < b.kbId ? -1 : a.kbId > b.kbId ? 1 : 0));
}

async function list(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      source: { type: "string" },
      type: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) throw new InputError("kb list", `unexpected argument "${positionals[0]}" (see \`marsad kb --help\`)`);
  const source = values.source ?? "all";
  const sources = SOURCE_GROUPS[source];
  if (!sources) throw new InputError("--source", `"${source}" is not one of ${Object.keys(SOURCE_GROUPS).join(", ")}`);
  const type = values.type?.toUpperCase();
  if (type !== undefined && !(TYPES as readonly string[]).includes(type))
    throw new InputError("--type", `"${values.type}" is not one of ${TYPES.join(", ")}`);
  const limit = intOption(values.limit, "--limit", DEFAULT_LIMIT);
  let items = summarize(await loadRows(values.db, sources));
  if (type) items = items.filter((e) => e.type === type);
  const total = items.length;
  if (limit > 0) items = items.slice(0, limit);
  if (values.json) {
    printJson({ source, type: type ?? null, total, items });
    return 0;
  }
  const st = style();
  const out = [
    st.dim(
      `${total} entit${total === 1 ? "y" : "ies"} (${source}${type ? `, ${type}` : ""})${items.length < total ? `, showing ${items.length}` : ""}`,
    ),
  ];
  for (const e of items) {
    const parts = [`${e.names} name${e.names === 1 ? "" : "s"}`];
    if (e.titles > 0) parts.push(`${e.titles} title${e.titles === 1 ? "" : "s"}`);
    if (e.seen > 0) parts.push(`seen ${e.seen}×`);
    out.push(`${e.kbId}  ${e.type}  ${st.dim(`${parts.join(", ")} · ${e.sources.join(", ")}`)}`);
  }
  printLines(out);
  return 0;
}

/** The entity ids a user's key names: an id the KB has, else every entity with that exact name, else the resolver's answer. */
function lookup(kb: KnowledgeBase, key: string): string[] {
  if (/^[a-z]+:\S+$/.test(key) && !namespaceOf(key) && kb.entity(key)) return [key];
  const alias = canonicalAlias(key);
  if (alias === "") return [];
  const weight = new Map<string, number>();
  for (const r of kb.rows()) if (r.alias === alias) weight.set(r.kbId, (weight.get(r.kbId) ?? 0) + Math.max(r.count, 1));
  if (weight.size > 0) return [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  for (const t of RESOLVE_TYPES) {
    const id = kb.resolve(key, t);
    if (id) return [id];
  }
  return [];
}

interface ShownRow {
  alias: string;
  display: string;
  source: string;
  validFrom: string | null;
  validTo: string | null;
  count: number;
}

const shown = (r: KbRow): ShownRow => ({
  alias: r.alias,
  display: r.display,
  source: r.source,
  validFrom: r.validFrom,
  validTo: r.validTo,
  count: r.count,
});

function range(r: ShownRow): string {
  if (r.validFrom === null && r.validTo === null) return "undated";
  if (r.validFrom === r.validTo) return `${r.validFrom}`;
  return `${r.validFrom ?? "…"} – ${r.validTo ?? "…"}`;
}

async function show(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const key = positionals.join(" ").trim();
  if (!key) throw new InputError("kb show", "no entity: e.g. marsad kb show per:فلاديمير_بوتين (see `marsad kb --help`)");
  const kb = KnowledgeBase.loadSeed().addAll(await loadRows(values.db, STORED));
  const ids = lookup(kb, key);
  if (ids.length === 0)
    throw new InputError(key, "not in the knowledge base (give a kbId or a name it goes by; `marsad kb list` lists them)");
  const kbId = ids[0];
  const entity = kb.entity(kbId);
  const rows = kb.rows().filter((r) => r.kbId === kbId);
  const byCount = (a: ShownRow, b: ShownRow) => b.count - a.count || (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0);
  const byDate = (a: ShownRow, b: ShownRow) => (a.validFrom ?? "").localeCompare(b.validFrom ?? "") || byCount(a, b);
  const page = {
    kbId,
    name: entity?.name ?? nameOfId(kbId),
    type: entity?.type ?? rows[0]?.type ?? null,
    names: rows
      .filter((r) => namespaceOf(r.alias) === null)
      .map(shown)
      .sort(byCount),
    titles: rows
      .filter((r) => namespaceOf(r.alias) === "title")
      .map(shown)
      .sort(byDate),
    roles: rows
      .filter((r) => namespaceOf(r.alias) === "role")
      .map(shown)
      .sort(byDate),
    codes: rows.filter((r) => namespaceOf(r.alias) === "iso").map((r) => r.alias.slice(4)),
    /** Other entities that go by the same name (when looked up by name). */
    others: ids.slice(1),
  };
  if (values.json) {
    printJson(page);
    return 0;
  }
  const st = style();
  const out = [st.bold(`${page.name}`), st.dim(`${kbId} · ${page.type}${page.codes.length ? ` · ${page.codes.join(", ")}` : ""}`)];
  const section = (title: string, items: ShownRow[], line: (r: ShownRow) => string) => {
    if (items.length === 0) return;
    out.push("", `${title} (${items.length})`);
    for (const r of items.slice(0, SHOW_MAX)) out.push(`  ${line(r)}`);
    if (items.length > SHOW_MAX) out.push(st.dim(`  … and ${items.length - SHOW_MAX} more (--json lists all)`));
  };
  section(
    "Names",
    page.names,
    (r) => `${r.display}  ${st.dim(`${r.source}${r.source === "learned" ? `, seen ${r.count}×, ${range(r)}` : ""}`)}`,
  );
  section(
    "Titles",
    page.titles,
    (r) =>
      `${r.display}  ${st.dim(`${r.alias.slice(6)} · ${range(r)} · ${r.source}${r.source === "learned" ? `, seen ${r.count}×` : ""}`)}`,
  );
  section("Roles", page.roles, (r) => `${r.alias.slice(5)}  ${st.dim(range(r))}`);
  if (page.others.length > 0) out.push("", st.dim(`Also named "${key}": ${page.others.join(", ")}`));
  printLines(out);
  return 0;
}

async function exportRows(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: "string" } } });
  if (positionals.length > 1) throw new InputError("kb export", "give at most one output file");
  const file = positionals[0];
  const rows = await withCorpus(values.db, (store) => store.kbRows());
  const tsv = rowsToTsv(rows);
  if (file === undefined || file === "-") process.stdout.write(tsv);
  else {
    if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(file, "is a directory (give a file name)");
    try {
      writeFileSync(file, tsv);
    } catch (err) {
      throw new InputError(file, `cannot write: ${(err as Error).message}`);
    }
    process.stderr.write(`wrote ${rows.length} row${rows.length === 1 ? "" : "s"} to ${file}\n`);
  }
  return 0;
}

async function importRows(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { db: { type: "string" }, json: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new InputError("kb import", "give one TSV file: marsad kb import FILE.tsv (see `marsad kb --help`)");
  const file = positionals[0];
  if (!existsSync(file)) throw new InputError(file, "file not found");
  if (statSync(file).isDirectory()) throw new InputError(file, "is a directory (give a TSV file)");
  const { rows, bad } = parseTsvRows(readFileSync(file, "utf8"), file);
  const mine = rows.map((r) => ({ ...r, source: "user" as const }));
  let stored = 0;
  if (mine.length > 0) {
    const store = await openStore(values.db);
    try {
      stored = await store.putKbRows(mine);
    } finally {
      await store.close();
    }
  }
  report(file, mine.length, stored, bad, values.json ?? false);
  return bad.length > 0 || (mine.length === 0 && bad.length === 0) ? 1 : 0;
}

function report(file: string, good: number, stored: number, bad: BadRow[], json: boolean): void {
  if (json) {
    printJson({ file, rows: good, stored, bad });
    return;
  }
  if (good === 0 && bad.length === 0) {
    process.stderr.write(`marsad: ${file}: no rows to import (only the header, comments or blank lines)\n`);
    return;
  }
  const lines = [`imported ${good} row${good === 1 ? "" : "s"} from ${file} as user rows (${stored} after merging repeats)`];
  if (bad.length > 0) {
    lines.push(`${bad.length} bad line${bad.length === 1 ? "" : "s"} skipped:`);
    for (const b of bad) lines.push(`  ${file}:${b.line}: ${b.reason}`);
  }
  process.stderr.write(`${lines.join("\n")}\n`);
}

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  list,
  show,
  export: exportRows,
  import: importRows,
};

export const kbCommand: Command = {
  name: "kb",
  summary: "the knowledge base: list and show entities, export and import rows (TSV)",
  help: HELP,
  async run(argv) {
    const [sub, ...rest] = argv;
    const f = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!f) {
      throw new InputError(
        "kb",
        sub === undefined
          ? `give a subcommand: ${Object.keys(SUBCOMMANDS).join(", ")} (see \`marsad kb --help\`)`
          : `"${sub}" is not one of ${Object.keys(SUBCOMMANDS).join(", ")} (see \`marsad kb --help\`)`,
      );
    }
    return f(rest);
  },
};
