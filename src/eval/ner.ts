/**
 * `marsad eval ner`: entity-level scores of our NER model on ANERcorp-format
 * gold (default: the CAMeL split's dev file).
 *
 * The gold tokens are fed to the public recognizeDocument() API as one
 * document in file order (ANERcorp marks no article boundaries; the tagger's
 * second pass reads a window of neighbouring sentences, exactly as in
 * training), the spans turned back into IOB2 tags, and scored
 * the way seqeval does by default: an entity counts when its span and type
 * both match exactly; a stray I- begins an entity. Micro P/R/F1 over all
 * entities, plus P/R/F1 per type. Figures are percentages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { readConll } from "../nlp/ner/conll.js";
import { loadNer, type NerSpan, type NerToken } from "../nlp/ner/index.js";
import { EntityScorer, type PRF } from "../nlp/ner/seqeval.js";
import { dataFile, MODELS_DIR } from "../paths.js";
import type { EvalOptions, EvalResult, Evaluation, Figure } from "./types.js";

/** Target from the issue (AraBERT reaches 83.1 on the test split). */
export const NER_TARGETS = { microF1: 84 };
const TYPES = ["PER", "LOC", "ORG", "MISC"];

const pct = (x: number) => Math.round(x * 10000) / 100;

/** Tokens of a gold sentence with offsets into a virtual text (tokens joined by one space). */
export function goldTokens(tokens: readonly string[]): NerToken[] {
  let off = 0;
  return tokens.map((text) => {
    const t = { text, start: off, end: off + text.length };
    off += text.length + 1;
    return t;
  });
}

/** Spans back to IOB2 tags over the sentence's tokens. */
export function spansToTags(n: number, spans: readonly NerSpan[]): string[] {
  const tags = new Array<string>(n).fill("O");
  for (const s of spans) {
    tags[s.tokenStart] = `B-${s.type}`;
    for (let i = s.tokenStart + 1; i < s.tokenEnd; i++) tags[i] = `I-${s.type}`;
  }
  return tags;
}

function prfOut(p: PRF) {
  return {
    precision: pct(p.precision),
    recall: pct(p.recall),
    f1: pct(p.f1),
    support: p.support,
    predicted: p.predicted,
    correct: p.correct,
  };
}

function modelInfo(): unknown {
  try {
    return JSON.parse(readFileSync(join(MODELS_DIR, "ner", "model.json"), "utf8"));
  } catch {
    return null;
  }
}

export const nerEval: Evaluation = {
  name: "ner",
  summary: "named entities: entity-level micro P/R/F1 (seqeval-style, exact span and type) and per type",
  defaultGold: "ner/anercorp/dev.conll",
  flagsHelp: "--limit N   score only the first N sentences",
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold ?? dataFile(...nerEval.defaultGold.split("/"));
    if (gold === null) throw new InputError(nerEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    let sentences = readConll(gold, "anercorp");
    const limit = opts.flags.limit;
    if (limit !== undefined) {
      const n = Number(limit);
      if (!Number.isInteger(n) || n < 1) throw new InputError("--limit", "expected a positive integer");
      sentences = sentences.slice(0, n);
    }
    if (sentences.length === 0) throw new InputError(gold, "no sentences in the gold file");
    const ner = loadNer();
    const scorer = new EntityScorer();
    let tokens = 0;
    const t0 = process.hrtime.bigint();
    opts.progress(0, sentences.length);
    const found = ner.recognizeDocument(sentences.map((s) => goldTokens(s.tokens)));
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      scorer.add(s.tags, spansToTags(s.tokens.length, found[i]));
      tokens += s.tokens.length;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    opts.progress(sentences.length, sentences.length);
    const score = scorer.score();
    const figures: Figure[] = [
      { name: "micro F1", value: pct(score.micro.f1), target: NER_TARGETS.microF1 },
      { name: "micro precision", value: pct(score.micro.precision) },
      { name: "micro recall", value: pct(score.micro.recall) },
    ];
    for (const t of TYPES) {
      const p = score.byType[t];
      if (!p) continue;
      figures.push({ name: `${t} F1`, value: pct(p.f1) });
      figures.push({ name: `${t} precision`, value: pct(p.precision) });
      figures.push({ name: `${t} recall`, value: pct(p.recall) });
    }
    return {
      eval: "ner",
      gold,
      figures,
      details: {
        scoring: "entity-level, exact span and type (seqeval default, IOB2, stray I- begins an entity); percentages",
        reading: "the gold file as one document in order (recognizeDocument: second pass over a window of neighbouring sentences)",
        sentences: sentences.length,
        tokens,
        micro: prfOut(score.micro),
        byType: Object.fromEntries(Object.entries(score.byType).map(([t, p]) => [t, prfOut(p)])),
        tokensPerSecond: Math.round(tokens / seconds),
        model: modelInfo(),
      },
    };
  },
};
