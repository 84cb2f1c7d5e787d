/**
 * One unit of ingest work and what becomes of it. A Job is cheap to make on
 * the main thread (a raw JSONL line, or a decoded file or feed item, plus the
 * hash of that raw input); processJob does the expensive part — JSON parsing,
 * structure, the analysis pipeline, search terms — and runs in a worker
 * thread (worker.ts), or in-process with --workers 0.
 *
 * A bad input never throws out of here: it becomes a failed JobResult with
 * the reason, so one bad document never stops a batch.
 *
 * Learning: ingest hands analyzeJob a knowledge base (ingestKnowledgeBase:
 * the seed plus the store's learned and user rows) with `learn: true`; after
 * analysis the KB learns from the linked document (src/kb, learn()), which
 * may give unlinked entities their kbId, and the rows it taught travel with
 * the IndexedDocument to the store (written only when the document is new).
 * The KB is this thread's own: it keeps what it learned for the rest of the
 * run, but another thread's learning reaches it only in a later run.
 */
import { createHash } from "node:crypto";
import { recordToInput } from "../article/index.js";
import type { RawInput } from "../article/input.js";
import { InputError } from "../errors.js";
import { type KbRow, KnowledgeBase } from "../kb/index.js";
import { type AnalyzeOptions, analyze } from "../pipeline.js";
import type { IndexedDocument } from "../store/types.js";
import { toIndexed } from "./indexed.js";

export type Payload = { kind: "record"; line: string } | { kind: "input"; input: RawInput };

export interface Job {
  /** Where the input came from, for messages: "file.jsonl:12", "page.html", "https://…/feed#3". */
  where: string;
  /** Hash of the raw input (see inputHash); a known hash is skipped before analysis. */
  hash: string;
  payload: Payload;
  /** false: analyze without learning (a self-check whose rows would be thrown away). */
  learn?: boolean;
}

export interface JobOptions extends AnalyzeOptions {
  /** Let `kb` learn from each analyzed document and return the rows it taught (IndexedDocument.kbRows). Needs `kb`. */
  learn?: boolean;
}

/**
 * The knowledge base ingest analyzes with: the committed seed (models/kb)
 * plus a store's learned and user rows; null when linking is disabled.
 */
export function ingestKnowledgeBase(storeRows: Iterable<KbRow>, disable: readonly string[] = []): KnowledgeBase | null {
  if (disable.includes("link")) return null;
  return KnowledgeBase.loadSeed().addAll(storeRows);
}

export type JobResult = { ok: true; where: string; hash: string; doc: IndexedDocument } | { ok: false; where: string; reason: string };

/** Hash of a raw input: same bytes in, same hash, whatever the path. */
export function inputHash(kind: string, ...parts: Array<string | null | undefined>): string {
  const h = createHash("sha256").update(kind);
  for (const p of parts) h.update("\u0000").update(p ?? "");
  return h.digest("hex").slice(0, 32);
}

function toInput(job: Job): RawInput {
  const p = job.payload;
  if (p.kind === "input") return p.input;
  let record: unknown;
  try {
    record = JSON.parse(p.line);
  } catch (err) {
    throw new InputError(job.where, `not valid JSON (${(err as Error).message}); the line may be truncated`);
  }
  return recordToInput(record, job.where);
}

/** Analyze one job with the default pipeline (safe to pass to Array.map). */
export function processJob(job: Job): JobResult {
  return analyzeJob(job, {});
}

/** Analyze one job with pipeline options (stages to skip, knowledge base, learning, …). */
export function analyzeJob(job: Job, opts: JobOptions): JobResult {
  try {
    const { learn, ...analyzeOpts } = opts;
    const doc = analyze(toInput(job), analyzeOpts);
    const kb = analyzeOpts.kb;
    const rows = learn && kb && job.learn !== false ? kb.learn(doc).rows : [];
    return { ok: true, where: job.where, hash: job.hash, doc: toIndexed(doc, rows) };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, where: job.where, reason: err.reason };
    return {
      ok: false,
      where: job.where,
      reason: `internal error while analyzing (a bug — please report it): ${(err as Error)?.message ?? String(err)}`,
    };
  }
}
