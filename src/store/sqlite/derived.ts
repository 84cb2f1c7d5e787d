/**
 * The SQLite rows a document gets beyond its own columns, written by put()
 * and by the migration that fills them in for documents stored by an older
 * build (migrations.ts, version 3), so both go through the same statements:
 *
 *   entity_aliases  alias key → entity (kbId, or name key when unlinked),
 *                   one row per distinct pair in the corpus: how a plain
 *                   name (بوتين) finds per:فلاديمير_بوتين
 *   quote_about     quote → keys of the entities named inside it
 *   event_actors    event → participant keys per side (indexed, so the
 *                   events of one actor are found without scanning)
 *   doc_sig, doc_bands, doc_story
 *                   the MinHash signature, its LSH bands, and the story the
 *                   document joins (src/corpus/near-dup.ts chooseStory)
 *
 * Keys come from src/store/keys.ts; nothing here normalizes on its own.
 */
import type Database from "better-sqlite3";
import { bandHashes, chooseStory, dayWindow, decodeSignature, encodeSignature, type StoryCandidate } from "../../corpus/near-dup.js";
import { aliasWords, nameKey } from "../keys.js";

type Stmt = Database.Statement<unknown[], unknown>;

/** Most candidates compared when filing a document under a story (the newest first). */
export const STORY_CANDIDATES = 500;

export interface AliasEntity {
  kbId: string | null;
  name: string;
  aliases: string[];
}

/**
 * The SQL that finds filed documents sharing a band with a set of bands, in
 * a date window (both undated also counts), newest first; `summary` adds
 * the columns a listing shows.
 */
export function candidateSql(selfCondition: string, summary = false): string {
  return `SELECT st.n AS n, st.story AS story, s.sig AS sig
                 ${summary ? ", d.id, d.title, d.published, d.outlet, d.section, d.url" : ""}
          FROM doc_story st JOIN doc_sig s ON s.n = st.n ${summary ? "JOIN docs d ON d.n = st.n" : ""}
          WHERE st.n IN (SELECT b.n FROM doc_bands b WHERE b.band IN (SELECT value FROM json_each(@bands)) AND ${selfCondition})
            AND (CASE WHEN @lo IS NULL THEN st.day IS NULL ELSE st.day BETWEEN @lo AND @hi END)
          ORDER BY st.n DESC LIMIT @max`;
}

export class SqliteDerived {
  private readonly s: Record<
    "alias" | "about" | "actor" | "sig" | "band" | "candidates" | "setStory" | "bandsOf" | "deleteBand" | "speakerKey",
    Stmt
  >;

  constructor(readonly db: Database.Database) {
    this.s = {
      // A whole-name match upgrades a word match of the same pair; nothing else changes a row.
      alias: db.prepare(
        `INSERT INTO entity_aliases(alias, linked, ref, word) VALUES (?, ?, ?, ?)
         ON CONFLICT(alias, linked, ref) DO UPDATE SET word = 0 WHERE excluded.word = 0 AND entity_aliases.word = 1`,
      ),
      about: db.prepare("INSERT OR IGNORE INTO quote_about(doc_n, i, key) VALUES (?, ?, ?)"),
      actor: db.prepare("INSERT OR IGNORE INTO event_actors(doc_n, i, side, key) VALUES (?, ?, ?, ?)"),
      sig: db.prepare("INSERT OR REPLACE INTO doc_sig(n, sig) VALUES (?, ?)"),
      band: db.prepare("INSERT OR IGNORE INTO doc_bands(band, n) VALUES (?, ?)"),
      candidates: db.prepare(candidateSql("b.n <> @n")),
      setStory: db.prepare("INSERT OR REPLACE INTO doc_story(n, story, day) VALUES (?, ?, ?)"),
      bandsOf: db.prepare("SELECT sig FROM doc_sig WHERE n = ?"),
      deleteBand: db.prepare("DELETE FROM doc_bands WHERE band = ? AND n = ?"),
      speakerKey: db.prepare("UPDATE quotes SET speaker_key = ? WHERE speaker_name = ?"),
    };
  }

  aliases(entities: AliasEntity[]): void {
    for (const e of entities) {
      const linked = e.kbId !== null ? 1 : 0;
      const ref = e.kbId ?? nameKey(e.name);
      for (const a of e.aliases) {
        this.s.alias.run(a, linked, ref, 0);
        for (const w of aliasWords(a)) this.s.alias.run(w, linked, ref, 1);
      }
    }
  }

  quoteAbout(n: number, i: number, about: string[]): void {
    for (const ref of about) this.s.about.run(n, i, nameKey(ref));
  }

  eventActors(n: number, i: number, source: string[], target: string[]): void {
    for (const ref of source) this.s.actor.run(n, i, "s", nameKey(ref));
    for (const ref of target) this.s.actor.run(n, i, "t", nameKey(ref));
  }

  /**
   * Store the signature and bands of document n and file it under a story:
   * that of its most similar earlier near-duplicate, else its own. Returns
   * the story.
   */
  story(n: number, day: string | null, signature: ArrayLike<number> | null): number {
    let story = n;
    const sig = signature ? Uint32Array.from(signature) : null;
    if (sig) {
      const bands = bandHashes(sig);
      const w = dayWindow(day);
      const rows = this.s.candidates.all({
        n,
        bands: JSON.stringify(bands),
        lo: w?.lo ?? null,
        hi: w?.hi ?? null,
        max: STORY_CANDIDATES,
      }) as Array<{ n: number; story: number; sig: Buffer }>;
      const candidates: StoryCandidate[] = [];
      for (const r of rows) {
        const s = decodeSignature(r.sig);
        if (s) candidates.push({ n: r.n, story: r.story, signature: s });
      }
      story = chooseStory(sig, candidates) ?? n;
      this.s.sig.run(n, encodeSignature(sig));
      for (const b of bands) this.s.band.run(b, n);
    }
    this.s.setStory.run(n, story, day);
    return story;
  }

  /** Remove document n's bands (doc_bands has no foreign key: it is keyed by band for lookups). */
  dropBands(n: number): void {
    const row = this.s.bandsOf.get(n) as { sig: Buffer } | undefined;
    const sig = decodeSignature(row?.sig);
    if (!sig) return;
    for (const b of bandHashes(sig)) this.s.deleteBand.run(b, n);
  }

  /** Fill speaker_key for quotes stored before the column existed. */
  speakerKeys(): void {
    const names = this.db.prepare("SELECT DISTINCT speaker_name AS name FROM quotes WHERE speaker_name IS NOT NULL").all() as Array<{
      name: string;
    }>;
    for (const { name } of names) this.s.speakerKey.run(nameKey(name), name);
  }
}
