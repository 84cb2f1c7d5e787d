/**
 * The peer for `marsad eval search`: what PostgreSQL's built-in `arabic`
 * text search configuration (PostgreSQL's default parser, then Snowball's
 * Arabic stemmer, with no stopword list in PostgreSQL 15) finds, so that
 * our analyzer's recall can be reported side by side with the configuration
 * a PostgreSQL user would reach for first:
 *
 *   to_tsvector('arabic', raw text) @@ plainto_tsquery('arabic', word)
 *
 * Documents go into a TEMPORARY table of one session (a single connection,
 * not the pool), so the peer leaves nothing behind, needs no CREATE right on
 * any schema, and never touches the corpus tables. Raw text and words are
 * bind parameters; PostgreSQL's own parser does the tokenizing here, on
 * purpose: that is the thing being measured.
 */
import pg from "pg";
import { InputError } from "../../errors.js";
import { APPLICATION_NAME, CONNECT_TIMEOUT_MS, parsePgUrl } from "./connection.js";
import { explain } from "./errors.js";

/** The text search configuration measured. */
export const PEER_CONFIG = "arabic";
/** Documents sent per INSERT. */
const INSERT_CHUNK = 500;

export interface PeerDoc {
  id: string;
  text: string;
}

/** One session with a temporary table of documents indexed by the `arabic` configuration. */
export class ArabicConfigPeer {
  private constructor(
    private readonly client: pg.Client,
    private readonly fail: (err: unknown) => never,
  ) {}

  /** Connect to the server of `pgUrl`; throws InputError when the server has no `arabic` configuration. */
  static async open(pgUrl: string): Promise<ArabicConfigPeer> {
    const target = parsePgUrl(pgUrl);
    const user = decodeURIComponent(new URL(target.connectionString).username || process.env.PGUSER || "");
    const fail = (err: unknown): never => {
      throw explain(err, { location: target.location, server: target.server, user });
    };
    const client = new pg.Client({
      connectionString: target.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: `${APPLICATION_NAME}-peer`,
    });
    client.on("error", () => {});
    try {
      await client.connect();
      const r = await client.query("SELECT 1 FROM pg_ts_config WHERE cfgname = $1", [PEER_CONFIG]);
      if (r.rowCount === 0) {
        throw new InputError(
          target.location,
          `this PostgreSQL server has no '${PEER_CONFIG}' text search configuration (PostgreSQL 12 or later ships it)`,
        );
      }
      await client.query("CREATE TEMPORARY TABLE marsad_peer_docs (id text NOT NULL, tsv tsvector NOT NULL) ON COMMIT PRESERVE ROWS");
    } catch (err) {
      await client.end().catch(() => {});
      fail(err);
    }
    return new ArabicConfigPeer(client, fail);
  }

  /** Index documents (raw text) with to_tsvector('arabic', …). */
  async add(docs: Iterable<PeerDoc> | AsyncIterable<PeerDoc>): Promise<number> {
    let n = 0;
    let chunk: PeerDoc[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      try {
        await this.client.query(
          `INSERT INTO marsad_peer_docs (id, tsv) SELECT u.id, to_tsvector('${PEER_CONFIG}', u.text) FROM unnest($1::text[], $2::text[]) AS u (id, text)`,
          [chunk.map((d) => d.id), chunk.map((d) => d.text.replaceAll("\u0000", " "))],
        );
      } catch (err) {
        this.fail(err);
      }
      n += chunk.length;
      chunk = [];
    };
    for await (const d of docs) {
      chunk.push(d);
      if (chunk.length >= INSERT_CHUNK) await flush();
    }
    await flush();
    try {
      await this.client.query("CREATE INDEX IF NOT EXISTS marsad_peer_docs_tsv ON marsad_peer_docs USING gin (tsv)");
      await this.client.query("ANALYZE marsad_peer_docs");
    } catch (err) {
      this.fail(err);
    }
    return n;
  }

  /** Ids of the documents that plainto_tsquery('arabic', word) matches (empty when the word yields no lexeme). */
  async finds(word: string): Promise<Set<string>> {
    try {
      const r = await this.client.query<{ id: string }>(
        `SELECT DISTINCT id FROM marsad_peer_docs WHERE tsv @@ plainto_tsquery('${PEER_CONFIG}', $1)`,
        [word.replaceAll("\u0000", " ")],
      );
      return new Set(r.rows.map((row) => row.id));
    } catch (err) {
      this.fail(err);
    }
  }

  /** The lexemes the configuration makes of each word (for reports: بوتين → وتين). */
  async lexemes(words: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (words.length === 0) return out;
    try {
      const r = await this.client.query<{ w: string; lex: string[] | null }>(
        `SELECT u.w, (SELECT array_agg(lexeme ORDER BY lexeme) FROM unnest(to_tsvector('${PEER_CONFIG}', u.w))) AS lex FROM unnest($1::text[]) AS u (w)`,
        [words.map((w) => w.replaceAll("\u0000", " "))],
      );
      for (const [i, w] of words.entries()) out.set(w, r.rows[i]?.lex ?? []);
    } catch (err) {
      this.fail(err);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

/**
 * For each word, the ids of `docs` that PostgreSQL's `arabic` configuration
 * finds for it: the one call `marsad eval search` needs.
 */
export async function arabicConfigFinds(
  pgUrl: string,
  docs: Iterable<PeerDoc> | AsyncIterable<PeerDoc>,
  words: string[],
): Promise<Map<string, Set<string>>> {
  const peer = await ArabicConfigPeer.open(pgUrl);
  try {
    await peer.add(docs);
    const out = new Map<string, Set<string>>();
    for (const w of words) if (!out.has(w)) out.set(w, await peer.finds(w));
    return out;
  } finally {
    await peer.close();
  }
}
