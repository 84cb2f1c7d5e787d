/**
 * `marsad eval topics`: the topic classifier (src/nlp/topics) against the
 * outlets' own section labels, on the held-out dev share of an ANT JSONL
 * file — the same deterministic split (src/nlp/topics/corpus.ts, splitOf)
 * that scripts/train/topics.ts trained without, so no dev article was seen
 * in training.
 *
 *   accuracy   top label = the outlet's section
 *   macro-F1   F1 per section label present in the gold file, averaged
 *              (a predicted label the outlet does not use counts against
 *              recall of the gold label only)
 *
 * The training script prints and records the same figures per outlet in
 * models/topics/README.md, using scoreTopics below.
 */
import { InputError } from "../errors.js";
import { readCorpus } from "../nlp/topics/corpus.js";
import { loadTopics } from "../nlp/topics/index.js";
import type { EvalOptions, EvalResult, Evaluation } from "./types.js";

/** Dev articles scored with --quick. */
export const QUICK_DEV_ARTICLES = 300;

export interface LabelScore {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TopicScores {
  n: number;
  /** Percent. */
  accuracy: number;
  /** Percent, over labels present in the gold data. */
  macroF1: number;
  perLabel: Record<string, LabelScore>;
  /** gold label → predicted label → count. */
  confusion: Record<string, Record<string, number>>;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
/** --limit N (or --limit=N) wins over --quick; a flag without a number is an error, not "1". */
export function parseLimit(flags: EvalOptions["flags"], quick: number): number | undefined {
  const v = flags.limit;
  if (v === undefined) return flags.quick ? quick : undefined;
  const n = typeof v === "string" ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new InputError("--limit", "needs a positive whole number (--limit=N)");
  return n;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function scoreTopics(pairs: ReadonlyArray<{ gold: string; predicted: string }>): TopicScores {
  const labels = new Set<string>();
  const gold: Record<string, number> = {};
  const pred: Record<string, number> = {};
  const ok: Record<string, number> = {};
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  for (const { gold: g, predicted: p } of pairs) {
    labels.add(g);
    gold[g] = (gold[g] ?? 0) + 1;
    pred[p] = (pred[p] ?? 0) + 1;
    confusion[g] ??= {};
    confusion[g][p] = (confusion[g][p] ?? 0) + 1;
    if (g === p) {
      ok[g] = (ok[g] ?? 0) + 1;
      correct++;
    }
  }
  const perLabel: Record<string, LabelScore> = {};
  let f1Sum = 0;
  for (const l of [...labels].sort()) {
    const c = ok[l] ?? 0;
    const precision = pct(c, pred[l] ?? 0);
    const recall = pct(c, gold[l]);
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[l] = { gold: gold[l], predicted: pred[l] ?? 0, correct: c, precision: round(precision), recall: round(recall), f1: round(f1) };
    f1Sum += f1;
  }
  return {
    n: pairs.length,
    accuracy: round(pct(correct, pairs.length)),
    macroF1: round(labels.size ? f1Sum / labels.size : 0),
    perLabel,
    confusion,
  };
}

export const topicsEval: Evaluation = {
  name: "topics",
  summary: "section labels vs the outlet's own (held-out 10% of an ANT JSONL file): accuracy, macro-F1",
  defaultGold: "news/skynews.jsonl",
  flagsHelp: `--quick   score only the first ${QUICK_DEV_ARTICLES} dev articles\n--limit N score only the first N dev articles`,
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold;
    if (gold === null) throw new InputError(topicsEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const limit = parseLimit(opts.flags, QUICK_DEV_ARTICLES);
    const { articles, skipped } = readCorpus(gold, { split: "dev", limit });
    const unlabelled = articles.filter((a) => a.label === "").length;
    const model = loadTopics();
    const pairs: Array<{ gold: string; predicted: string }> = [];
    let done = 0;
    for (const a of articles) {
      opts.progress(++done, articles.length);
      if (a.label === "") continue;
      pairs.push({ gold: a.label, predicted: model.classify(a.doc)[0]?.label ?? "" });
    }
    if (pairs.length === 0) throw new InputError(gold, "no labelled dev articles (records need a category)");
    const s = scoreTopics(pairs);
    return {
      eval: "topics",
      gold,
      figures: [
        { name: "accuracy %", value: s.accuracy },
        { name: "macro-F1 %", value: s.macroF1 },
      ],
      details: { split: "dev (sha1(id) < 10%)", articles: s.n, skipped, unlabelled, perLabel: s.perLabel, confusion: s.confusion },
    };
  },
};
