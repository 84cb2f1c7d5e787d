/**
 * A postgres:// URL as Marsad reads it, and the connection pool made from it.
 *
 * Marsad adds one parameter of its own to the standard libpq-style URL:
 * `?schema=NAME` puts the corpus (and, beside it, the job queue) in that
 * schema instead of the user's default one, so several corpora (or several
 * test runs) share one database. Everything else in the URL (user, password,
 * host, port, database, sslmode, …) is handed to `pg` unchanged, and the
 * usual PG* environment variables fill what the URL leaves out.
 *
 * The schema reaches the server as a startup option (search_path), so every
 * pooled connection sees it from its first statement; it is restricted to a
 * plain lower-case identifier, so it is never quoted or interpolated as
 * anything else.
 */
import pg from "pg";
import { InputError } from "../../errors.js";

/** Marsad's own URL parameter naming the schema. */
export const SCHEMA_PARAM = "schema";
/**
 * Schema names we accept: unquoted lower-case identifiers, at most 44
 * characters, so that the job queue's schema beside it (NAME_queue, see
 * src/queue/boss.ts) stays within pg-boss's 50.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,43}$/;
/** Connections per process unless the caller asks otherwise. */
export const DEFAULT_POOL_SIZE = 4;
/** How long to wait for a connection before giving up with a message. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Name shown in pg_stat_activity, so a DBA can tell Marsad's connections apart. */
export const APPLICATION_NAME = "marsad";

export interface PgTarget {
  /** The URL for `pg`, without Marsad's own parameters. */
  connectionString: string;
  /** The schema from ?schema=, or null for the user's default (search_path). */
  schema: string | null;
  /** The URL without its password, for messages. */
  location: string;
  /** host:port, for connection messages. */
  server: string;
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** Parse and check a postgres:// URL. Throws InputError("--db", …) when it is unusable. */
export function parsePgUrl(raw: string): PgTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError("--db", "not a valid postgres:// URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)");
  }
  if (!/^postgres(ql)?:$/i.test(url.protocol)) throw new InputError("--db", `"${url.protocol}//" is not a PostgreSQL URL`);
  let schema: string | null = null;
  const given = url.searchParams.get(SCHEMA_PARAM);
  if (given !== null) {
    if (!SCHEMA_NAME.test(given)) {
      throw new InputError(
        "--db",
        `schema "${given}" must be a lower-case name of letters, digits and _ (at most 44), starting with a letter or _`,
      );
    }
    schema = given;
    url.searchParams.delete(SCHEMA_PARAM);
  }
  const masked = new URL(url.href);
  if (masked.password) masked.password = "";
  if (schema) masked.searchParams.set(SCHEMA_PARAM, schema);
  const location = masked.href.replace(/:@/, "@");
  const server = `${url.hostname || process.env.PGHOST || "localhost"}:${url.port || process.env.PGPORT || "5432"}`;
  return { connectionString: url.href, schema, location, server };
}

/** A connection pool on `target`; search_path is set to its schema on every connection. */
export function makePool(target: PgTarget, max = DEFAULT_POOL_SIZE): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: APPLICATION_NAME,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection the server drops (restart, admin kill) must not crash the
  // process: the next query gets a fresh connection or a clear error.
  pool.on("error", () => {});
  return pool;
}
