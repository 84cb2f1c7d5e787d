/**
 * The knowledge-base rows a corpus store keeps (table `kb`, both backends):
 * what is learned from ingested articles and what a user imports. The seed
 * (actor dictionary, countries, curated organizations) stays in models/kb
 * and is never copied into a database, so a newer seed reaches every corpus.
 *
 * This file holds what both backends do the same way before writing: check
 * the sources, put aliases in canonical form, and merge rows with the same
 * key (kbId, alias, source) so one statement never touches a key twice. The
 * merge in SQL (ON CONFLICT) follows the same rule as mergeRows: learned
 * rows add up (count summed, validFrom = min, validTo = max), user rows are
 * replaced by the newer one.
 */
import { InputError } from "../errors.js";
import { type KbRow, mergeRows } from "../kb/rows.js";

/** Sources a store keeps in its kb table. */
export const STORED_KB_SOURCES: ReadonlySet<string> = new Set(["learned", "user"]);

/** Rows ready to write: sources checked, aliases canonical, one row per key, sorted by key (a stable lock order). */
export function kbRowsToWrite(rows: Iterable<KbRow>, location: string): KbRow[] {
  const list = [...rows];
  for (const r of list) {
    if (!STORED_KB_SOURCES.has(r.source)) {
      throw new InputError(
        location,
        `a corpus stores learned and user knowledge-base rows, not "${r.source}" rows (those live in models/kb)`,
      );
    }
  }
  return sortKbRows(mergeRows(list));
}

/** Rows in key order (kbId, alias, source; code-unit order, the same whatever the database's collation). */
export function sortKbRows(rows: KbRow[]): KbRow[] {
  return rows.sort((a, b) => cmp(a.kbId, b.kbId) || cmp(a.alias, b.alias) || cmp(a.source, b.source));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
