/**
 * Finding the entity a person means by a plain name: `marsad entity بوتين`,
 * `marsad quotes --speaker بوتين`, `/api/entities/بوتين`. The stores keep
 * every name an entity was written with in the corpus (its canonical name
 * and the text of its mentions, as alias keys); this file turns what was
 * typed into lookup keys, asks the store, and picks one entity.
 *
 * Tiers, first non-empty one wins:
 *   1. id      a knowledge-base id (per:فلاديمير_بوتين), or, with
 *              preferExact, the name of an unlinked entity (its key), so
 *              that links never change meaning
 *   2. alias   the whole text is a name or mention of the entity (بوتين,
 *              فلاديمير بوتين, انطونيو غوتيريش without its hamza)
 *   3. loose   the same with proclitics taken off the first word (لبوتين,
 *              وبوتين → بوتين; للصين → الصين), or a single word found inside
 *              a longer name (غوتيريش in أنطونيو غوتيريش)
 * Within a tier the most mentioned entity (most articles on a tie) is chosen,
 * whole-name matches before word matches; the others are returned as
 * alternatives so the caller can say which it picked and list the rest.
 */
import { InputError } from "../errors.js";
import { aliasKey, nameKey } from "../store/keys.js";
import type { EntityLookup, Store } from "../store/types.js";
import { segmentWord } from "../text/segment.js";

/** Entities weighed per lookup (the alternatives listed are at most this many). */
export const MAX_CANDIDATES = 10;
/** Longest name accepted. */
export const MAX_NAME_CHARS = 300;

export type MatchKind = "id" | "alias" | "loose";

export interface EntityChoice {
  /** What the corpus views take: the kbId, or the name for an unlinked entity. */
  key: string;
  kbId: string | null;
  name: string;
  type: string;
  articles: number;
  mentions: number;
  match: MatchKind;
  /** Only a word of one of its names matched (ranked after whole-name matches). */
  word: boolean;
}

export interface Resolution {
  query: string;
  chosen: EntityChoice | null;
  /** Other entities the name matched (same tier), most mentioned first. */
  alternatives: EntityChoice[];
}

/** Proclitic-free variants of a name: proclitics (و ف ب ل ك) taken off its first word; لل read as ال. */
export function looseKeys(text: string): string[] {
  const key = aliasKey(text);
  const [first, ...rest] = key.split(" ");
  if (!first) return [];
  const out = new Set<string>();
  const segs = segmentWord(first, { article: "attach" });
  let i = 0;
  while (i < segs.length - 1 && segs[i].role === "proclitic") i++;
  if (i > 0) {
    const stem = segs
      .slice(i)
      .map((s) => s.text)
      .join("");
    if (stem.length >= 2) out.add([stem, ...rest].join(" "));
  }
  // لل + noun is ل + ال with the alef dropped: للصين → الصين.
  if (first.startsWith("لل") && first.length > 3) out.add([`ال${first.slice(2)}`, ...rest].join(" "));
  out.delete(key);
  return [...out];
}

async function choices(store: Store, lookup: EntityLookup, match: MatchKind): Promise<EntityChoice[]> {
  const refs = await store.entityRefs(lookup, MAX_CANDIDATES);
  const out: EntityChoice[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const summary = await store.entity(ref.ref);
    if (!summary) continue; // an alias left by a deleted article
    const key = ref.linked ? ref.ref : summary.name;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      key,
      kbId: ref.linked ? ref.ref : null,
      name: summary.name,
      type: summary.type,
      articles: summary.articles,
      mentions: summary.mentions,
      match,
      word: ref.word,
    });
  }
  return out.sort(
    (a, b) =>
      Number(a.word) - Number(b.word) || b.mentions - a.mentions || b.articles - a.articles || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/**
 * The entity `text` names. `preferExact`: an unlinked entity's name (the key
 * the corpus views and the UI's links use for it) keeps meaning that entity,
 * before any other entity written the same way — what the HTTP API does;
 * the command line weighs every entity with that name by mentions instead.
 * A kbId always means its entity.
 */
export async function resolveEntity(store: Store, text: string, opts: { preferExact?: boolean } = {}): Promise<Resolution> {
  const query = text.trim();
  if (query === "") throw new InputError("entity", "empty name: give a knowledge-base id or a name");
  if (query.length > MAX_NAME_CHARS) throw new InputError("entity", `name too long (at most ${MAX_NAME_CHARS} characters)`);
  const exact = await store.entity(query);
  const asGiven = (e: NonNullable<typeof exact>, key: string): EntityChoice => ({
    key,
    kbId: e.kbId,
    name: e.name,
    type: e.type,
    articles: e.articles,
    mentions: e.mentions,
    match: "id",
    word: false,
  });
  if (exact && exact.kbId !== null) return { query, chosen: asGiven(exact, exact.kbId), alternatives: [] };
  const key = aliasKey(query);
  let found = await choices(store, { keys: [key], words: [] }, "alias");
  if (opts.preferExact && exact) {
    // The name of an unlinked entity is its key: keep that entity (a link means it), whatever else is written so.
    const same = found.find((c) => c.kbId === null && nameKey(c.key) === nameKey(query));
    if (same) return { query, chosen: { ...same, match: "id" }, alternatives: [] };
    if (found.length === 0) return { query, chosen: asGiven(exact, query), alternatives: [] };
  }
  if (found.length === 0) {
    const loose = looseKeys(query);
    const single = [key, ...loose].filter((k) => !k.includes(" "));
    found = await choices(store, { keys: loose, words: single }, "loose");
  }
  if (found.length === 0 && exact) {
    // A name the views answer for that no alias row holds (cannot happen after migration 3, kept as a safety net).
    found = [{ ...asGiven(exact, query), match: "alias" }];
  }
  return { query, chosen: found[0] ?? null, alternatives: found.slice(1) };
}

/** The key to query the corpus with: the chosen entity's, else what was typed (matched on its key as before). */
export function keyOf(r: Resolution): string {
  return r.chosen?.key ?? r.query;
}

/** One line saying which entity a name was taken to mean, when it was not given exactly; null otherwise. */
export function resolutionNote(r: Resolution): string | null {
  const c = r.chosen;
  if (!c || c.match === "id" || (c.key === r.query && r.alternatives.length === 0)) return null;
  const who = `${c.name}${c.kbId ? ` (${c.kbId})` : ""}`;
  if (r.alternatives.length === 0) return `«${r.query}» → ${who}`;
  const others = r.alternatives
    .slice(0, 3)
    .map((a) => `${a.name}${a.kbId ? ` (${a.kbId})` : ""} ${a.mentions}`)
    .join("، ");
  const more = r.alternatives.length > 3 ? ` and ${r.alternatives.length - 3} more` : "";
  return `«${r.query}» → ${who}, the most mentioned (${c.mentions}) of ${r.alternatives.length + 1} entities with that name; also: ${others}${more}`;
}
