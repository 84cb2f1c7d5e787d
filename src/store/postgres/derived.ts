/**
 * The PostgreSQL rows a document gets beyond its own columns (the same as
 * src/store/sqlite/derived.ts): entity aliases, quote subjects, event
 * actors, and the near-duplicate signature, bands and story. put() and the
 * migration that fills them in for documents stored by an older build
 * (migrations.ts, version 3) both write through here, one statement per
 * table per batch (unnest of arrays).
 *
 * Stories under concurrency: many workers put batches at once, and two
 * copies of one story may be in two transactions that cannot see each
 * other. So filing takes one transaction-scoped advisory lock (STORY_LOCK)
 * after everything else of the batch is written and before looking for
 * candidates: the second of two such transactions waits for the first to
 * commit, then sees its documents and files its copy under the same story.
 * The lock is the last one a put takes and only the candidate query, the
 * story update and the commit run under it, so it cannot deadlock with the
 * document-id locks and costs a few milliseconds per batch.
 *
 * Shared alias rows are upserted in one global order (sorted), so two
 * batches writing the same aliases wait for each other instead of
 * deadlocking.
 */
import type pg from "pg";
import { bandHashes, chooseStory, dayWindow, decodeSignature, encodeSignature, type StoryCandidate } from "../../corpus/near-dup.js";
import { aliasWords, nameKey } from "../keys.js";

/** Key of the advisory lock that serializes story filing (any constant of our own; "stor"). */
export const STORY_LOCK = 0x73746f72;
/** Most candidates compared when filing a document under a story (the newest first), as in SQLite. */
export const STORY_CANDIDATES = 500;

/** PostgreSQL text cannot hold U+0000; columns get U+FFFD instead. */
export function clean(s: string): string;
export function clean(s: string | null): string | null;
export function clean(s: string | null): string | null {
  return s?.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s;
}

export interface AliasEntity {
  kbId: string | null;
  name: string;
  aliases: string[];
}

/** Upsert the alias rows of these entities (deduplicated and sorted: one statement may touch a row once). */
export async function writeAliases(client: pg.ClientBase, entities: AliasEntity[]): Promise<void> {
  const rows = new Map<string, { alias: string; linked: boolean; ref: string; word: boolean }>();
  const add = (alias: string, linked: boolean, ref: string, word: boolean) => {
    const k = `${alias}\u0001${linked ? 1 : 0}\u0001${ref}`;
    const had = rows.get(k);
    if (had) had.word &&= word;
    else rows.set(k, { alias: clean(alias), linked, ref: clean(ref), word });
  };
  for (const e of entities) {
    const linked = e.kbId !== null;
    const ref = e.kbId ?? nameKey(e.name);
    for (const a of e.aliases) {
      add(a, linked, ref, false);
      for (const w of aliasWords(a)) add(w, linked, ref, true);
    }
  }
  if (rows.size === 0) return;
  const sorted = [...rows.values()].sort((a, b) =>
    a.alias < b.alias
      ? -1
      : a.alias > b.alias
        ? 1
        : a.linked !== b.linked
          ? a.linked
            ? 1
            : -1
          : a.ref < b.ref
            ? -1
            : a.ref > b.ref
              ? 1
              : 0,
  );
  await client.query(
    `INSERT INTO entity_aliases (alias, linked, ref, word)
     SELECT u.alias, u.linked, u.ref, u.word
     FROM unnest($1::text[], $2::bool[], $3::text[], $4::bool[]) WITH ORDINALITY AS u (alias, linked, ref, word, ord)
     ORDER BY u.ord
     ON CONFLICT (alias, linked, ref) DO UPDATE SET word = false WHERE entity_aliases.word AND NOT excluded.word`,
    [sorted.map((r) => r.alias), sorted.map((r) => r.linked), sorted.map((r) => r.ref), sorted.map((r) => r.word)],
  );
}

/** Quote subjects: (document n, quote index, refs). */
export async function writeQuoteAbout(client: pg.ClientBase, quotes: Array<{ n: string; i: number; about: string[] }>): Promise<void> {
  const n: string[] = [];
  const i: number[] = [];
  const key: string[] = [];
  for (const q of quotes) {
    for (const k of new Set(q.about.map((r) => clean(nameKey(r))))) {
      n.push(q.n);
      i.push(q.i);
      key.push(k);
    }
  }
  if (n.length === 0) return;
  await client.query(
    "INSERT INTO quote_about (doc_n, i, key) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING",
    [n, i, key],
  );
}

/** Event participants by side: (document n, event index, source refs, target refs). */
export async function writeEventActors(
  client: pg.ClientBase,
  events: Array<{ n: string; i: number; source: string[]; target: string[] }>,
): Promise<void> {
  const n: string[] = [];
  const i: number[] = [];
  const side: string[] = [];
  const key: string[] = [];
  for (const ev of events) {
    for (const [s, refs] of [
      ["s", ev.source],
      ["t", ev.target],
    ] as const) {
      for (const k of new Set(refs.map((r) => clean(nameKey(r))))) {
        n.push(ev.n);
        i.push(ev.i);
        side.push(s);
        key.push(k);
      }
    }
  }
  if (n.length === 0) return;
  await client.query(
    "INSERT INTO event_actors (doc_n, i, side, key) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING",
    [n, i, side, key],
  );
}

export interface StoryInput {
  n: string;
  day: string | null;
  signature: ArrayLike<number> | null;
}

/**
 * Store signatures and bands of new documents and file each under a story
 * (that of its most similar earlier near-duplicate, else its own), in
 * ascending n so that a copy later in the same batch joins an earlier one.
 * Must run in the caller's transaction, after the documents are inserted.
 *
 * Candidates are the filed documents (doc_story) sharing a band and in the
 * date window, found in one query for the whole batch, plus the batch's own
 * earlier documents, compared here by the same rule (a shared band, the
 * window) since they are not filed yet. "Filed", not "numbered lower": a
 * concurrent batch may have taken a higher n and still committed first.
 */
export async function fileStories(client: pg.ClientBase, docs: StoryInput[]): Promise<void> {
  if (docs.length === 0) return;
  const ordered = [...docs].sort((a, b) => Number(a.n) - Number(b.n));
  const sigs = new Map<string, { sig: Uint32Array; bands: Set<number>; window: { lo: string; hi: string } | null }>();
  const sigN: string[] = [];
  const sigBytes: Buffer[] = [];
  const bandN: string[] = [];
  const bands: number[] = [];
  const winN: string[] = [];
  const winLo: Array<string | null> = [];
  const winHi: Array<string | null> = [];
  for (const d of ordered) {
    if (!d.signature) continue;
    const sig = Uint32Array.from(d.signature);
    const own = bandHashes(sig);
    const window = dayWindow(d.day);
    sigs.set(d.n, { sig, bands: new Set(own), window });
    sigN.push(d.n);
    sigBytes.push(encodeSignature(sig));
    for (const b of own) {
      bandN.push(d.n);
      bands.push(b);
    }
    winN.push(d.n);
    winLo.push(window?.lo ?? null);
    winHi.push(window?.hi ?? null);
  }
  if (sigN.length > 0) {
    await client.query(
      "INSERT INTO doc_sig (n, sig) SELECT * FROM unnest($1::bigint[], $2::bytea[]) ON CONFLICT (n) DO UPDATE SET sig = excluded.sig",
      [sigN, sigBytes],
    );
    await client.query("INSERT INTO doc_bands (band, n) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING", [
      bands,
      bandN,
    ]);
  }
  await client.query("SELECT pg_advisory_xact_lock($1)", [STORY_LOCK]);
  const byFresh = new Map<string, StoryCandidate[]>();
  const push = (fresh: string, c: StoryCandidate) => {
    let list = byFresh.get(fresh);
    if (!list) {
      list = [];
      byFresh.set(fresh, list);
    }
    list.push(c);
  };
  if (sigN.length > 0) {
    const r = await client.query<{ fresh: string; n: string; story: string; sig: Buffer }>(
      `WITH c AS (
         SELECT DISTINCT u.n AS fresh, b.n AS n
         FROM unnest($1::bigint[], $2::bigint[]) AS u (n, band) JOIN doc_bands b ON b.band = u.band AND b.n <> u.n),
       w AS (SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[]) AS w (n, lo, hi)),
       k AS (
         SELECT c.fresh, st.n, st.story, row_number() OVER (PARTITION BY c.fresh ORDER BY st.n DESC) AS r
         FROM c JOIN w ON w.n = c.fresh JOIN doc_story st ON st.n = c.n
         WHERE CASE WHEN w.lo IS NULL THEN st.day IS NULL ELSE st.day BETWEEN w.lo AND w.hi END)
       SELECT k.fresh, k.n, k.story, s.sig FROM k JOIN doc_sig s ON s.n = k.n WHERE k.r <= $6`,
      [bandN, bands, winN, winLo, winHi, STORY_CANDIDATES],
    );
    for (const row of r.rows) {
      const sig = decodeSignature(row.sig);
      if (sig) push(row.fresh, { n: Number(row.n), story: Number(row.story), signature: sig });
    }
  }
  const assigned = new Map<string, string>();
  const days = new Map(ordered.map((d) => [d.n, d.day]));
  for (const d of ordered) {
    const own = sigs.get(d.n);
    let story = d.n;
    if (own) {
      const candidates = byFresh.get(d.n) ?? [];
      // The batch's earlier documents: not filed yet, so not in the query's answer.
      for (const [n, other] of sigs) {
        if (Number(n) >= Number(d.n)) break;
        const day = days.get(n) ?? null;
        const inWindow = own.window ? day !== null && day >= own.window.lo && day <= own.window.hi : day === null;
        if (!inWindow || ![...other.bands].some((b) => own.bands.has(b))) continue;
        candidates.push({ n: Number(n), story: Number(assigned.get(n) ?? n), signature: other.sig });
      }
      const chosen = chooseStory(own.sig, candidates);
      if (chosen !== null) story = String(chosen);
    }
    assigned.set(d.n, story);
  }
  await client.query("INSERT INTO doc_story (n, story, day) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])", [
    ordered.map((d) => d.n),
    ordered.map((d) => assigned.get(d.n) as string),
    ordered.map((d) => d.day),
  ]);
}
