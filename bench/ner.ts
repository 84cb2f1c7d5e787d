/**
 * NER benchmark: tokens per second of recognize() on one core, printed next
 * to the dev F1 of the same model, so a speed trick that costs accuracy
 * shows at once.
 *
 *   node dist/bench/ner.js [--model DIR] [--limit N] [--quick] [--json]
 *
 * Rows:
 *   dev cold    ANERcorp dev, read as one document, with a fresh
 *               tagger (every word type analyzed: segmenter, clusters, ...)
 *   dev warm    the same sentences again (word caches warm): the steady
 *               state of a long-running process
 *   news cold   news articles (skynews.jsonl), split into sentences and
 *               tokenized by src/text, one recognizeDocument() call per
 *               article (as the pipeline should), with a fresh tagger
 *
 * Target: ≥ 100,000 tokens/s (warm).
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { readConll } from "../src/nlp/ner/conll.js";
import { loadNerFrom, type NerToken, type PerceptronNer } from "../src/nlp/ner/index.js";
import { EntityScorer } from "../src/nlp/ner/seqeval.js";
import { dataFile, MODELS_DIR } from "../src/paths.js";
import { splitSentences } from "../src/text/sentences.js";
import { tokenize } from "../src/text/tokenize.js";

const TARGET_TOKENS_PER_SEC = 100_000;
const TARGET_F1 = 84;
const DEFAULT_ARTICLES = 2000;
const QUICK_ARTICLES = 300;
/** Warm passes over dev (the figure is their mean). */
const WARM_PASSES = 5;

interface Row {
  name: string;
  tokens: number;
  seconds: number;
  perSecond: number;
}

function timed(name: string, fn: () => number): Row {
  const t0 = process.hrtime.bigint();
  const tokens = fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { name, tokens, seconds, perSecond: tokens / seconds };
}

/** News articles, each a list of tokenized sentences. */
async function newsArticles(path: string, limit: number): Promise<NerToken[][][]> {
  const out: NerToken[][][] = [];
  const rl = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    if (n >= limit) break;
    try {
      const r = JSON.parse(line) as { title?: unknown; text?: unknown };
      const text = `${typeof r.title === "string" ? r.title : ""}\n\n${typeof r.text === "string" ? r.text : ""}`;
      out.push(
        splitSentences(text).map((s) =>
          tokenize(text, s.start, s.end).map((t) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end })),
        ),
      );
      n++;
    } catch {
      // a damaged line is skipped: this is a benchmark, not a validator
    }
  }
  rl.close();
  return out;
}

/** Tag documents (each a list of sentences) as the pipeline does: one recognizeDocument call per article. */
function run(tagger: PerceptronNer, docs: NerToken[][][]): number {
  let tokens = 0;
  let spans = 0;
  for (const doc of docs) {
    for (const found of tagger.recognizeDocument(doc)) spans += found.length;
    for (const s of doc) tokens += s.length;
  }
  if (spans < 0) console.log(spans); // keep the work observable
  return tokens;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: "string" }, limit: { type: "string" }, quick: { type: "boolean" }, json: { type: "boolean" } },
  });
  const modelDir = values.model ?? join(MODELS_DIR, "ner");
  const limit = values.limit ? Number(values.limit) : values.quick ? QUICK_ARTICLES : DEFAULT_ARTICLES;
  if (!Number.isInteger(limit) || limit < 1) {
    console.error("marsad bench ner: --limit must be a positive integer");
    process.exit(2);
  }
  const devPath = dataFile("ner", "anercorp", "dev.conll");
  if (devPath === null) {
    console.log("bench ner: skipped — ner/anercorp/dev.conll not found (set MARSAD_DATA)");
    return;
  }
  const dev = readConll(devPath);
  // Dev as NerTokens with offsets into a virtual text (tokens joined by spaces).
  const devTokens = dev.map((s) => {
    let off = 0;
    return s.tokens.map((t) => {
      const tok = { text: t, start: off, end: off + t.length };
      off += t.length + 1;
      return tok;
    });
  });

  const loadStart = process.hrtime.bigint();
  let tagger = loadNerFrom(modelDir);
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;

  // Accuracy of this very model (the eval's figure, recomputed here).
  const scorer = new EntityScorer();
  const tagged = tagger.tagDocument(dev.map((s) => s.tokens));
  for (let i = 0; i < dev.length; i++) scorer.add(dev[i].tags, tagged[i]);
  const f1 = 100 * scorer.score().micro.f1;

  tagger = loadNerFrom(modelDir);
  // Dev has no article boundaries: read as one document, as `marsad eval ner` does.
  const rows: Row[] = [timed("dev cold", () => run(tagger, [devTokens]))];
  const warm = timed("dev warm", () => {
    let n = 0;
    for (let p = 0; p < WARM_PASSES; p++) n += run(tagger, [devTokens]);
    return n;
  });
  rows.push(warm);
  const newsPath = dataFile("news", "skynews.jsonl");
  if (newsPath) {
    const news = await newsArticles(newsPath, limit);
    tagger = loadNerFrom(modelDir);
    rows.push(timed("news cold", () => run(tagger, news)));
  }

  if (values.json) {
    console.log(JSON.stringify({ bench: "ner", model: modelDir, devF1: f1, loadSeconds, rows, target: TARGET_TOKENS_PER_SEC }, null, 2));
    return;
  }
  console.log(`model: ${modelDir} (loaded in ${loadSeconds.toFixed(2)} s), one core`);
  console.log(`dev micro-F1 ${f1.toFixed(2)}  (target ≥ ${TARGET_F1}) ${f1 >= TARGET_F1 ? "(met)" : "(NOT met)"}`);
  console.log(`${"".padEnd(12)}${"tokens".padStart(12)}${"seconds".padStart(10)}${"tokens/s".padStart(12)}  target`);
  for (const r of rows) {
    const met = r.perSecond >= TARGET_TOKENS_PER_SEC ? "(met)" : "(NOT met)";
    console.log(
      `${r.name.padEnd(12)}${r.tokens.toLocaleString("en-US").padStart(12)}${r.seconds.toFixed(2).padStart(10)}${Math.round(r.perSecond).toLocaleString("en-US").padStart(12)}  ≥ ${TARGET_TOKENS_PER_SEC.toLocaleString("en-US")} ${met}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
