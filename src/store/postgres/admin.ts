/**
 * Schema housekeeping for throwaway corpora: tests and benchmarks put each
 * run in a fresh schema (`?schema=NAME`) of a shared database and drop it
 * afterwards, together with the job queue's schema beside it. Dropping is
 * refused for a URL without ?schema=, so a real corpus in the default
 * schema is never removed by these helpers.
 */
import { randomBytes } from "node:crypto";
import { InputError } from "../../errors.js";
import { makePool, parsePgUrl, SCHEMA_PARAM } from "./connection.js";

/** `url` with ?schema=NAME set (replacing any schema it had). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set(SCHEMA_PARAM, schema);
  return u.href;
}

/** A schema name no other run uses: PREFIX_<time>_<random>. */
export function uniqueSchema(prefix = "marsad_tmp"): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

/** Drop the corpus schema of `url` and its queue schema (NAME_queue), with everything in them. */
export async function dropCorpus(url: string): Promise<void> {
  const target = parsePgUrl(url);
  if (!target.schema)
    throw new InputError("--db", "refusing to drop a corpus in the default schema (only ?schema=NAME corpora are dropped)");
  const pool = makePool({ ...target, schema: null }, 1);
  try {
    // Names were checked to be plain identifiers by parsePgUrl.
    await pool.query(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS ${target.schema}_queue CASCADE`);
  } finally {
    await pool.end();
  }
}
