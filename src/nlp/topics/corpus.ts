/**
 * The labelled news corpus (ANT JSONL: id, source, category, title,
 * published, abstract, text) as the topics, keywords and dates code reads
 * it for training and evaluation, and the one deterministic train/dev split
 * that training and `marsad eval topics` must share.
 *
 * Records go through the structure stage (recordToInput + parseArticle), so
 * a model sees the same title and text a user's article will have.
 *
 * Outlets are named by outletKey: ANT spells one outlet several ways
 * ("JawharaFM", "Jawhara FM"), and a model records the outlets it was
 * trained on by key.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArticle, recordToInput } from "../../article/index.js";
import type { ArticleDocument } from "../../document.js";
import { InputError } from "../../errors.js";

/** Share of articles (by id hash) held out for development scoring. */
export const DEV_SHARE = 0.1;

/** An outlet's name as a key: lower case, letters and digits only ("Jawhara FM" → "jawharafm"). */
export function outletKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export interface CorpusArticle {
  /** The record's own id (ANT: "SK-economy-1-20180218"). */
  id: string;
  /** outletKey of the record's `source` (else of the file name). */
  outlet: string;
  /** The record's `abstract` (the outlet's teaser), or null. */
  abstract: string | null;
  /** Section label as the outlet gives it. */
  label: string;
  doc: ArticleDocument;
}

/**
 * Which side of the split an article is on: the first 4 bytes of SHA-1 of
 * its record id, as a fraction of 2^32, below DEV_SHARE → "dev".
 */
export function splitOf(id: string): "train" | "dev" {
  const h = createHash("sha1").update(id).digest().readUInt32BE(0);
  return h / 2 ** 32 < DEV_SHARE ? "dev" : "train";
}

export interface ReadOptions {
  /** Keep only this side of the split. */
  split?: "train" | "dev";
  /** Stop after this many kept articles. */
  limit?: number;
  /**
   * Do not hand the abstract to the structure stage (which uses a teaser
   * that is not the body's start as the lead): for scoring a summary
   * against that abstract, the article must not contain it.
   */
  withoutAbstract?: boolean;
  /** Keep only records this predicate accepts (id, outlet key), before parsing. */
  keep?: (id: string, outlet: string) => boolean;
}

/**
 * Read one ANT JSONL file. Lines that are not JSON or that the structure
 * stage rejects (no text) are counted in `skipped`, not fatal; an unreadable
 * file is an InputError.
 */
export function readCorpus(path: string, opts: ReadOptions = {}): { articles: CorpusArticle[]; skipped: number } {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, `cannot read the corpus file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const articles: CorpusArticle[] = [];
  let skipped = 0;
  let lineNo = 0;
  const fallbackOutlet = basename(path).replace(/\.jsonl$/, "");
  for (const line of raw.split("\n")) {
    lineNo++;
    if (line.trim() === "") continue;
    if (opts.limit !== undefined && articles.length >= opts.limit) break;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
      skipped++;
      continue;
    }
    const id = typeof rec.id === "string" ? rec.id : `${fallbackOutlet}:${lineNo}`;
    if (opts.split && splitOf(id) !== opts.split) continue;
    const outlet = outletKey(typeof rec.source === "string" && rec.source.trim() !== "" ? rec.source : fallbackOutlet);
    if (opts.keep && !opts.keep(id, outlet)) continue;
    const label = typeof rec.category === "string" ? rec.category : "";
    const abstract = typeof rec.abstract === "string" && rec.abstract.trim() !== "" ? rec.abstract : null;
    try {
      const doc = parseArticle(recordToInput(opts.withoutAbstract ? { ...rec, abstract: null } : rec, `${path}:${lineNo}`));
      articles.push({ id, outlet, abstract, label, doc });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      skipped++;
    }
  }
  return { articles, skipped };
}
