/**
 * The matching keys the corpus tables are filtered on, made here in one
 * place so that both backends (and the ingest workers that precompute rows)
 * compare the same strings. All of them sit on top of normalizeKey (the
 * project's one Arabic normalizer, src/text/normalize.ts) or the knowledge
 * base's aliasKey (normalizeKey + whitespace collapsed); SQL never
 * normalizes anything itself.
 *
 *   nameKey     entity names, quote speakers, event participants:
 *               normalizeKey (so عمان finds عمّان, أ/ا and ة/ه do not matter)
 *   aliasKey    names and mentions in the alias table (entity lookup by name)
 *   outletKey   outlets: normalizeKey (Latin lower-cased) without spaces and
 *               the separators in OUTLET_SEPARATORS, so jawharafm,
 *               "Jawhara FM" and "jawhara fm" are one outlet
 */
import { aliasKey } from "../kb/keys.js";
import { normalizeKey } from "../text/normalize.js";

export { aliasKey };

/** Characters an outlet name may or may not be written with: whitespace and these separators. */
const OUTLET_SEPARATORS = /[\s\-_.·]+/gu;
/** Alias words shorter than this are not indexed as words (و, بن are not names). */
export const MIN_ALIAS_WORD = 3;

/** The matching key of an entity name, speaker or participant. */
export function nameKey(s: string): string {
  return normalizeKey(s);
}

/** The key an outlet is filtered on; null for no outlet (or one made only of separators). */
export function outletKey(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const k = normalizeKey(s).replace(OUTLET_SEPARATORS, "");
  return k === "" ? null : k;
}

/** The words of a multi-word alias key worth matching alone (none for a one-word alias: it is matched whole). */
export function aliasWords(alias: string): string[] {
  const words = alias.split(" ");
  if (words.length < 2) return [];
  return [...new Set(words.filter((w) => w.length >= MIN_ALIAS_WORD))];
}
