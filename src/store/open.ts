/**
 * Opening the corpus store from a location a user gives: a file path (the
 * embedded SQLite default) or a postgres:// URL. Precedence: the argument
 * (--db), then $MARSAD_DB, then ./marsad.db. Every command that touches the
 * corpus opens it here, so the rule lives in one place.
 */
import { InputError } from "../errors.js";
import { isPostgresUrl } from "./postgres/connection.js";
import { openPostgresStore } from "./postgres/store.js";
import { type SqliteOptions, SqliteStore } from "./sqlite/store.js";
import type { Store } from "./types.js";

export const DEFAULT_DB = "marsad.db";

export interface OpenOptions extends SqliteOptions {}

/** The location that `openStore(url)` would use. */
export function storeLocation(url?: string | null): string {
  if (url !== undefined && url !== null && url.trim() === "") throw new InputError("--db", "empty database path");
  return url ?? (process.env.MARSAD_DB?.trim() || DEFAULT_DB);
}

export async function openStore(url?: string | null, opts: OpenOptions = {}): Promise<Store> {
  const location = storeLocation(url);
  if (isPostgresUrl(location)) return openPostgresStore(location, { create: opts.create });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new InputError(
      "--db",
      `"${location.split("://")[0]}://" is not a database kind Marsad knows (give a file path, or postgres://…)`,
    );
  }
  return new SqliteStore(location, opts);
}
