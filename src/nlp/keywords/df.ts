/**
 * Document frequencies of content terms over the news corpus
 * (models/topics/df.json, counted by scripts/train/topics.ts with the same
 * contentTerms as the keywords stage), and the IDF the keywords stage
 * weighs terms by. Terms below the table's minDf were pruned: they are
 * taken to occur in half that many documents, i.e. rare.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.js";
import { MODELS_DIR } from "../../paths.js";

export const DF_FORMAT = "marsad.df/1";
export const DF_PATH = join(MODELS_DIR, "topics", "df.json");

export interface DfFile {
  format: typeof DF_FORMAT;
  built: string;
  /** Articles counted. */
  docs: number;
  /** Terms in fewer articles than this were left out. */
  minDf: number;
  df: Record<string, number>;
}

export class DocumentFrequencies {
  private readonly df: Map<string, number>;
  readonly docs: number;
  private readonly unseen: number;

  constructor(f: DfFile) {
    if (f?.format !== DF_FORMAT || !(f.docs > 0) || typeof f.df !== "object") throw new Error(`not a ${DF_FORMAT} table`);
    this.docs = f.docs;
    this.df = new Map(Object.entries(f.df));
    this.unseen = Math.max(1, f.minDf) / 2;
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1. */
  idf(term: string): number {
    const n = this.df.get(term) ?? this.unseen;
    return Math.log((this.docs + 1) / (n + 1)) + 1;
  }

  /** Share of documents containing the term (0 for pruned terms). */
  share(term: string): number {
    return (this.df.get(term) ?? 0) / this.docs;
  }
}

let cached: DocumentFrequencies | null = null;

export function loadDf(path = DF_PATH): DocumentFrequencies {
  if (path === DF_PATH && cached) return cached;
  let t: DocumentFrequencies;
  try {
    t = new DocumentFrequencies(JSON.parse(readFileSync(path, "utf8")) as DfFile);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(
      path,
      err.code === "ENOENT"
        ? "document-frequency table not found (run node dist/scripts/train/topics.js)"
        : `unusable document-frequency table: ${err.message}`,
    );
  }
  if (path === DF_PATH) cached = t;
  return t;
}
