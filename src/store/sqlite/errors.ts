/**
 * SQLite failures in words a user can act on. better-sqlite3 throws
 * SqliteError with an extended result code; the few that a user meets in
 * practice (a database held by another process, a full disk, a file that is
 * not a database, a path that cannot be created) become one-line InputErrors
 * about the database file. Anything else is a bug and is rethrown as is.
 */
import { InputError } from "../../errors.js";

/** Result-code prefixes → what to tell the user. `{wait}` is replaced with the busy timeout. */
const MESSAGES: Array<[prefix: string, message: string]> = [
  ["SQLITE_BUSY", "database is locked by another process (waited {wait}); try again when it is done, or raise --busy-timeout"],
  ["SQLITE_LOCKED", "database is locked by another process (waited {wait}); try again when it is done, or raise --busy-timeout"],
  [
    "SQLITE_FULL",
    "disk full while writing: documents stored before this point are kept; free some space and run the same command again to continue",
  ],
  ["SQLITE_IOERR_WRITE", "cannot write to the database (I/O error; is the disk full?): documents stored before this point are kept"],
  ["SQLITE_IOERR_FSYNC", "cannot write to the database (I/O error on sync): documents stored before this point are kept"],
  ["SQLITE_NOTADB", "not a Marsad database (the file is not SQLite)"],
  ["SQLITE_CORRUPT", "the database file is damaged (SQLite reports corruption); restore it or ingest again into a new file"],
  ["SQLITE_READONLY", "the database is read-only (check the file's and its directory's permissions)"],
  ["SQLITE_CANTOPEN", "cannot open or create the database (does its directory exist, and is it writable?)"],
  ["SQLITE_PERM", "permission denied"],
];

function formatWait(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}

/** The result code of a better-sqlite3 error, or null for other errors. */
export function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : null;
}

/** An InputError for a known SQLite failure, or the error itself. */
export function explain(err: unknown, location: string, busyTimeoutMs: number): unknown {
  if (err instanceof InputError) return err;
  const code = sqliteCode(err);
  if (!code) {
    const errno = (err as NodeJS.ErrnoException)?.code;
    if (errno === "ENOSPC") return new InputError(location, MESSAGES.find(([p]) => p === "SQLITE_FULL")![1]);
    return err;
  }
  for (const [prefix, message] of MESSAGES) {
    if (code === prefix || code.startsWith(`${prefix}_`))
      return new InputError(location, message.replace("{wait}", formatWait(busyTimeoutMs)));
  }
  return err;
}
