/**
 * PostgreSQL failures in words a user can act on. `pg` throws errors that
 * carry a SQLSTATE `code` (from the server) or a Node errno (from the
 * socket); the ones a user meets in practice — server not running, wrong
 * password, no such database, no rights, disk full, server restarting, too
 * many connections — become one-line InputErrors about the database.
 * Anything else is a bug and is rethrown as it is.
 */
import { InputError } from "../../errors.js";

/** SQLSTATE (exact, or class prefix of 2) or errno → message; `{server}` and `{user}` are filled in. */
const MESSAGES: Array<[code: string, message: string]> = [
  ["ECONNREFUSED", "cannot connect to PostgreSQL at {server} (connection refused: is the server running?)"],
  ["ENOTFOUND", "cannot connect to PostgreSQL: host of {server} not found"],
  ["EAI_AGAIN", "cannot connect to PostgreSQL: host of {server} not found"],
  ["ETIMEDOUT", "no answer from PostgreSQL at {server} (timed out)"],
  ["ECONNRESET", "the connection to PostgreSQL at {server} was reset; documents stored before this point are kept"],
  ["28P01", "password authentication failed for user {user}: check the user and password in the URL"],
  ["28000", "the server refuses user {user} (pg_hba.conf has no entry for this host, user and database)"],
  ["3D000", "the database in the URL does not exist on {server} (create it with createdb, or fix the URL)"],
  ["42501", "permission denied: the user needs the right to create tables in the database or schema (or use ?schema=NAME in the URL)"],
  ["53100", "the PostgreSQL server's disk is full: documents stored before this point are kept; free space and run again"],
  ["53300", "too many connections to the server: lower --concurrency, or raise max_connections"],
  ["57P01", "the PostgreSQL server is shutting down; documents stored before this point are kept"],
  ["57P02", "the PostgreSQL server crashed; documents stored before this point are kept"],
  ["57P03", "the PostgreSQL server is starting up or not accepting connections yet; try again"],
  ["08", "lost the connection to PostgreSQL at {server}; documents stored before this point are kept"],
];

/** Phrases in errors `pg` raises itself (no code). */
const TEXT_MESSAGES: Array<[pattern: RegExp, message: string]> = [
  [
    /timeout (exceeded|expired) when trying to connect|Connection terminated due to connection timeout/i,
    "no answer from PostgreSQL at {server} (connection timed out)",
  ],
  [/Connection terminated unexpectedly/i, "lost the connection to PostgreSQL at {server}; documents stored before this point are kept"],
  [
    /SASL|client password must be a string/i,
    "the server wants a password: put it in the URL (postgres://USER:PASSWORD@HOST/DB) or in PGPASSWORD",
  ],
  [/The server does not support SSL connections/i, "the server does not support SSL: remove sslmode from the URL"],
];

export interface ErrorContext {
  location: string;
  server: string;
  user: string;
}

/** The SQLSTATE or errno of an error, or null. */
export function pgCode(err: unknown): string | null {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : null;
}

function fill(message: string, ctx: ErrorContext): string {
  return message.replaceAll("{server}", ctx.server).replaceAll("{user}", ctx.user || "(default)");
}

/** An InputError for a known PostgreSQL failure, or the error itself. */
export function explain(err: unknown, ctx: ErrorContext): unknown {
  if (err instanceof InputError) return err;
  // AggregateError from a host with several addresses: look at the first cause.
  const inner = err instanceof AggregateError && err.errors.length > 0 ? err.errors[0] : err;
  const code = pgCode(inner);
  if (code) {
    const exact = MESSAGES.find(([c]) => c === code);
    const klass = exact ?? MESSAGES.find(([c]) => c.length === 2 && code.startsWith(c));
    if (klass) return new InputError(ctx.location, fill(klass[1], ctx));
  }
  const text = (inner as Error)?.message ?? "";
  for (const [pattern, message] of TEXT_MESSAGES) if (pattern.test(text)) return new InputError(ctx.location, fill(message, ctx));
  return err;
}

/** Failures worth retrying a transaction for: deadlock, serialization failure. */
export function isRetryable(err: unknown): boolean {
  const code = pgCode(err);
  return code === "40P01" || code === "40001";
}
