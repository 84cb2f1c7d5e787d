/**
 * `marsad eval analyzer`: how well the search analyzer conflates word forms,
 * measured against UD gold lemmas, side by side with Snowball's Arabic
 * stemmer (the usual off-the-shelf choice).
 *
 * Input: the GOLD WORDS of the CoNLL-U file (already segmented by the
 * annotators: ب + النسبة, نشرت + ها), PUNCT skipped. We feed gold words, not
 * surface tokens, because lemmas belong to words; our analyzer still strips
 * the article and whatever the segmenter finds, Snowball strips what its
 * rules find.
 *
 * Over the distinct word types (exact form; a form with several lemmas takes
 * its most frequent one), lemmas compared after normalizeKey (diacritics
 * off):
 *   precision = pairs of types sharing a term AND a lemma / pairs sharing a term
 *   recall    = pairs sharing a term AND a lemma / pairs sharing a lemma
 * i.e. precision punishes over-conflation (بوتين with وتين-whatever),
 * recall punishes missed conflation (المعلمون vs معلم).
 */
import { createRequire } from "node:module";
import { InputError } from "../errors.js";
import { dataFile } from "../paths.js";
import { analyzeWord } from "../text/analyzer.js";
import { normalizeKey } from "../text/normalize.js";
import { type ConlluSentence, readConllu } from "./conllu.js";
import { type PRF, prf, round } from "./score.js";
import type { EvalOptions, EvalResult, Evaluation } from "./types.js";

/** Target from the issue: our F1 at least this many points above Snowball's. */
export const ANALYZER_TARGETS = { f1MarginOverSnowball: 10 };
/** Examples of wrong conflations listed in --json details. */
const EXAMPLES = 15;

export type Stemmer = (word: string) => string;

/** Snowball's Arabic stemmer from the snowball-stemmers package. */
export function snowballArabic(): Stemmer {
  const require = createRequire(import.meta.url);
  const mod = require("snowball-stemmers") as { newStemmer(lang: string): { stem(w: string): string } };
  const s = mod.newStemmer("arabic");
  return (w) => s.stem(w);
}

export interface WordType {
  form: string;
  lemma: string;
}

/** Distinct non-punctuation word forms with their (majority) normalized lemma. */
export function wordTypes(sents: ConlluSentence[]): WordType[] {
  const lemmas = new Map<string, Map<string, number>>();
  for (const s of sents) {
    for (const w of s.words) {
      if (w.upos === "PUNCT" || w.lemma === "_" || w.lemma === "") continue;
      const l = normalizeKey(w.lemma);
      let m = lemmas.get(w.form);
      if (!m) {
        m = new Map();
        lemmas.set(w.form, m);
      }
      m.set(l, (m.get(l) ?? 0) + 1);
    }
  }
  const out: WordType[] = [];
  for (const [form, m] of lemmas) {
    let best = "";
    let n = -1;
    for (const [l, c] of m) if (c > n || (c === n && l < best)) [best, n] = [l, c];
    out.push({ form, lemma: best });
  }
  return out;
}

function pairs(groups: Map<string, number>): number {
  let p = 0;
  for (const n of groups.values()) p += (n * (n - 1)) / 2;
  return p;
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export interface ConflationScores extends PRF {
  /** Distinct terms produced. */
  terms: number;
  /** Some term groups that mix lemmas (over-conflation), largest first. */
  wrongMerges: { term: string; forms: string[] }[];
}

/** Pairwise conflation precision/recall of `stem` over word types. */
export function scoreConflation(types: WordType[], stem: Stemmer): ConflationScores {
  const byLemma = new Map<string, number>();
  const byTerm = new Map<string, number>();
  const byBoth = new Map<string, number>();
  const groups = new Map<string, WordType[]>();
  for (const t of types) {
    const term = stem(t.form);
    bump(byLemma, t.lemma);
    bump(byTerm, term);
    bump(byBoth, `${term}\u0000${t.lemma}`);
    let g = groups.get(term);
    if (!g) {
      g = [];
      groups.set(term, g);
    }
    g.push(t);
  }
  const both = pairs(byBoth);
  const r = prf(pairs(byLemma), pairs(byTerm), both);
  const wrongMerges = [...groups]
    .filter(([, g]) => new Set(g.map((t) => t.lemma)).size > 1)
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, EXAMPLES)
    .map(([term, g]) => ({ term, forms: g.map((t) => t.form).slice(0, 12) }));
  return { ...r, terms: byTerm.size, wrongMerges };
}

export const analyzerEval: Evaluation = {
  name: "analyzer",
  summary: "search analyzer conflation P/R/F1 vs UD gold lemmas, beside Snowball Arabic",
  defaultGold: "seg/ud-pud-dev.conllu",
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold ?? dataFile(...analyzerEval.defaultGold.split("/"));
    if (gold === null) throw new InputError(analyzerEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const types = wordTypes(readConllu(gold));
    if (types.length < 2) throw new InputError(gold, "fewer than two word types with lemmas");
    const ours = scoreConflation(types, analyzeWord);
    const snow = scoreConflation(types, snowballArabic());
    const identity = scoreConflation(types, (w) => normalizeKey(w));
    opts.progress(types.length, types.length);
    const margin = ours.f1 - snow.f1;
    return {
      eval: "analyzer",
      gold,
      figures: [
        { name: "ours F1", value: round(ours.f1) },
        { name: "ours precision", value: round(ours.precision) },
        { name: "ours recall", value: round(ours.recall) },
        { name: "snowball F1", value: round(snow.f1) },
        { name: "snowball precision", value: round(snow.precision) },
        { name: "snowball recall", value: round(snow.recall) },
        { name: "F1 margin over snowball", value: round(margin), target: ANALYZER_TARGETS.f1MarginOverSnowball },
      ],
      details: {
        input: "gold words (UD segmentation), PUNCT skipped; distinct forms; lemma = majority lemma after normalizeKey",
        types: types.length,
        ours: { ...ours },
        snowball: { ...snow },
        normalizeKeyOnly: { precision: round(identity.precision), recall: round(identity.recall), f1: round(identity.f1) },
      },
    };
  },
};
