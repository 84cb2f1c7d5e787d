/**
 * Builds models/lexicon/ — the word-frequency lexicon that guides clitic
 * segmentation (src/text/segment.ts) and the search analyzer.
 *
 *   node dist/scripts/train/lexicon.js [--data DIR] [--top N] [--min-count K]
 *
 * Sources (all unlabeled or plain lists; never the UD gold, which is the
 * evaluation set):
 *   news/*.jsonl            title + text of every article, streamed line by
 *                           line; every Arabic word token is counted under its
 *                           segmentation key (normalizeKey with ة kept, see
 *                           SEGMENT_KEY in src/text/lexicon.ts)
 *   lexicons/stopwords-ar.txt       → stopwords.txt (normalized, deduplicated)
 *   lexicons/anergazet-*.txt        → names.txt: one-word names that are
 *                           attested in the news and are not themselves a
 *                           clitic + frequent word (the lists are noisy:
 *                           "والعربية" is listed as a person)
 *
 * Output (small, committed): words.tsv (`key<TAB>count`, most frequent
 * first, pruned to the top N with count ≥ K), names.txt, stopwords.txt and
 * meta.json (sources, date, counts, sizes).
 */
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { InputError } from "../../src/errors.js";
import { dataDir, MODELS_DIR } from "../../src/paths.js";
import { isArabicLetter } from "../../src/text/chars.js";
import { segmentKey } from "../../src/text/lexicon.js";
import { normalizeKey } from "../../src/text/normalize.js";
import { forEachToken } from "../../src/text/tokenize.js";

/** Pruning: enough words to cover news vocabulary, small enough to commit. */
const DEFAULT_TOP = 160_000;
/** Words seen fewer times than this are mostly typos and run-ons. */
const DEFAULT_MIN_COUNT = 3;
const NEWS_FILES = ["skynews.jsonl", "alarabia.jsonl", "jawharafm.jsonl"];
const GAZETTEERS = ["anergazet-persons.txt", "anergazet-locations.txt", "anergazet-organizations.txt"];
/** A gazetteer name must occur this often in the news to be kept. */
const NAME_MIN_COUNT = 5;
/** One-letter proclitics that make a gazetteer entry suspect ("والعربية"). */
const NAME_SUSPECT_PREFIXES = ["و", "ف", "ب", "ل", "ك"];

function isArabicWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isArabicLetter(s.charCodeAt(i))) return true;
  return false;
}

async function countNews(path: string, counts: Map<string, number>): Promise<{ articles: number; tokens: number }> {
  let articles = 0;
  let tokens = 0;
  const rl = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let rec: { title?: unknown; text?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      throw new InputError(`${path}:${lineNo}`, "not a JSON line");
    }
    const text = `${typeof rec.title === "string" ? rec.title : ""}\n${typeof rec.text === "string" ? rec.text : ""}`;
    articles++;
    forEachToken(text, (start, end, kind) => {
      if (kind !== "word") return;
      const w = text.slice(start, end);
      if (!isArabicWord(w)) return;
      tokens++;
      const k = segmentKey(w);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    });
  }
  return { articles, tokens };
}

function readList(path: string): string[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^[=*#]+$/.test(l));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      top: { type: "string" },
      "min-count": { type: "string" },
    },
  });
  const data = values.data ?? dataDir();
  const top = values.top ? Number(values.top) : DEFAULT_TOP;
  const minCount = values["min-count"] ? Number(values["min-count"]) : DEFAULT_MIN_COUNT;
  if (!Number.isInteger(top) || top < 1) throw new InputError("--top", "must be a positive integer");
  if (!Number.isInteger(minCount) || minCount < 1) throw new InputError("--min-count", "must be a positive integer");

  const counts = new Map<string, number>();
  const sources: Record<string, unknown>[] = [];
  for (const f of NEWS_FILES) {
    const p = join(data, "news", f);
    try {
      statSync(p);
    } catch {
      throw new InputError(p, "not found (set MARSAD_DATA or --data)");
    }
    const t0 = Date.now();
    const r = await countNews(p, counts);
    sources.push({ file: `news/${f}`, ...r });
    console.error(`${f}: ${r.articles} articles, ${r.tokens} word tokens (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const totalTokens = sources.reduce((a, s) => a + (s.tokens as number), 0);

  const entries = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = entries.slice(0, top);
  const keptTokens = kept.reduce((a, [, c]) => a + c, 0);

  const outDir = join(MODELS_DIR, "lexicon");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "words.tsv"), `${kept.map(([w, c]) => `${w}\t${c}`).join("\n")}\n`);

  // Stopwords: normalized with the matching key (ة→ه), as the analyzer compares them.
  const stop = [...new Set(readList(join(data, "lexicons", "stopwords-ar.txt")).map((w) => normalizeKey(w)))]
    .filter((w) => isArabicWord(w) && !w.includes("?"))
    .sort();
  writeFileSync(join(outDir, "stopwords.txt"), `${stop.join("\n")}\n`);

  // Names: single-word gazetteer entries, attested, not "clitic + frequent word".
  const names = new Set<string>();
  for (const g of GAZETTEERS) {
    for (const line of readList(join(data, "lexicons", g))) {
      if (/\s/.test(line)) continue;
      const k = segmentKey(line);
      const c = counts.get(k) ?? 0;
      if (c < NAME_MIN_COUNT || k.length < 3) continue;
      const p = k[0];
      if (NAME_SUSPECT_PREFIXES.includes(p) && (counts.get(k.slice(1)) ?? 0) > c) continue;
      if (k.startsWith("ال") && (counts.get(k.slice(2)) ?? 0) > c) continue;
      names.add(k);
    }
  }
  const nameList = [...names].sort();
  writeFileSync(join(outDir, "names.txt"), `${nameList.join("\n")}\n`);

  const meta = {
    built: new Date().toISOString().slice(0, 10),
    script: "scripts/train/lexicon.ts",
    key: "normalizeKey(word, { tehMarbuta: false }) — ة kept because it tells a stem (حياة) from a stem + enclitic (حياته)",
    sources,
    totalTokens,
    types: counts.size,
    kept: kept.length,
    keptTokenCoverage: Number((keptTokens / totalTokens).toFixed(4)),
    top,
    minCount,
    names: nameList.length,
    stopwords: stop.length,
    bytes: statSync(join(outDir, "words.tsv")).size,
  };
  writeFileSync(join(outDir, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  console.error(JSON.stringify(meta, null, 2));
}

main().catch((e) => {
  if (e instanceof InputError) {
    console.error(`marsad: ${e.message}`);
    process.exit(2);
  }
  throw e;
});
