/**
 * The word lexicon: corpus frequencies of normalized word forms, built by
 * scripts/train/lexicon.ts from unlabeled news and stored in models/lexicon/.
 * The clitic segmenter asks it "how often does this form occur as a word?";
 * the analyzer asks it for stopwords.
 *
 * Keys are SEGMENT keys: normalizeKey with ة kept (segmentKey below). The
 * teh marbuta matters here and nowhere else: حياة is a word, حياته is حيات +
 * ه, and with ة folded into ه both would read حياه.
 *
 * Loaded lazily, once, on first use; a missing or damaged model directory is
 * an InputError (the models are committed, so that means a broken install).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { MODELS_DIR } from "../paths.js";
import { normalizeKey } from "./normalize.js";

const KEY_OPTS = { tehMarbuta: false } as const;

/** The key the lexicon is indexed by: normalizeKey, keeping ة. */
export function segmentKey(word: string): string {
  return normalizeKey(word, KEY_OPTS);
}

export interface Lexicon {
  /** Corpus count of a segment key (0 when unseen or pruned). */
  count(key: string): number;
  /** Total word tokens the counts were taken from. */
  readonly totalTokens: number;
  /** Number of entries. */
  readonly size: number;
  /** One-word names from the gazetteers (segment keys). */
  readonly names: ReadonlySet<string>;
  /** Stopwords (matching keys, ة folded). */
  readonly stopwords: ReadonlySet<string>;
}

class MapLexicon implements Lexicon {
  constructor(
    private readonly counts: Map<string, number>,
    readonly totalTokens: number,
    readonly names: ReadonlySet<string>,
    readonly stopwords: ReadonlySet<string>,
  ) {}
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  get size(): number {
    return this.counts.size;
  }
}

function readLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.length > 0);
}

/** Parse a lexicon directory (words.tsv, names.txt, stopwords.txt, meta.json). */
export function loadLexicon(dir: string): Lexicon {
  const wordsPath = join(dir, "words.tsv");
  if (!existsSync(wordsPath)) throw new InputError(wordsPath, "lexicon not found (run: node dist/scripts/train/lexicon.js)");
  const counts = new Map<string, number>();
  let total = 0;
  const lines = readLines(wordsPath);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tab = line.indexOf("\t");
    const c = tab > 0 ? Number(line.slice(tab + 1)) : Number.NaN;
    if (!Number.isFinite(c) || c < 0) throw new InputError(`${wordsPath}:${i + 1}`, "expected `word<TAB>count`");
    counts.set(line.slice(0, tab), c);
    total += c;
  }
  let totalTokens = total;
  const metaPath = join(dir, "meta.json");
  if (existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, "utf8")) as { totalTokens?: number };
      if (typeof meta.totalTokens === "number" && meta.totalTokens > 0) totalTokens = meta.totalTokens;
    } catch {
      throw new InputError(metaPath, "not valid JSON");
    }
  }
  const names = existsSync(join(dir, "names.txt")) ? new Set(readLines(join(dir, "names.txt"))) : new Set<string>();
  const stop = existsSync(join(dir, "stopwords.txt")) ? new Set(readLines(join(dir, "stopwords.txt"))) : new Set<string>();
  return new MapLexicon(counts, totalTokens, names, stop);
}

let shared: Lexicon | null = null;

/** The committed lexicon under models/lexicon, loaded on first call. */
export function lexicon(): Lexicon {
  if (shared === null) shared = loadLexicon(join(MODELS_DIR, "lexicon"));
  return shared;
}
