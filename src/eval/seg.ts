/**
 * `marsad eval seg`: word segmentation against UD Arabic gold, scored the
 * CoNLL 2018 shared task way (conll18_ud_eval.py): gold and system units are
 * aligned by character offsets in the text with whitespace removed, and a
 * unit counts as correct when its span matches exactly.
 *
 *   words   syntactic words: gold word lines vs our segments
 *   tokens  surface tokens: maximal non-space spans, split at punctuation the
 *           way src/text/tokenize.ts does. The UD Arabic-PUD file has no
 *           multiword-token ranges; its clitics are separate word lines with
 *           SpaceAfter=No, so a gold token is a run of words glued by
 *           SpaceAfter=No, broken next to punctuation/symbol words. (When a
 *           file does have ranges, a range is one token.)
 *
 * System side: tokenize each `# text =` line, then segmentWord every word
 * token with { article: "attach" }: UD Arabic leaves the article ال on its
 * noun (للسلطة → ل + لسلطة), while our default splits it for search.
 */
import { InputError } from "../errors.js";
import { dataFile } from "../paths.js";
import { isSpace } from "../text/chars.js";
import { segmentWord } from "../text/segment.js";
import { tokenize } from "../text/tokenize.js";
import { type ConlluSentence, readConllu } from "./conllu.js";
import { type PRF, prf, round } from "./score.js";
import type { EvalOptions, EvalResult, Evaluation } from "./types.js";

/** Targets from the issue. */
export const SEG_TARGETS = { wordsF1: 97 };
/** How many of the most frequent disagreements --json lists. */
const TOP_ERRORS = 40;

/** [start, end) in the text with whitespace removed. */
type Unit = [number, number];

/** Splits a word token into syntactic words (texts concatenating to the token). */
export type WordSplitter = (token: string) => string[];

/** Our segmenter, with the article attached as UD does. */
export const udSplitter: WordSplitter = (token) => segmentWord(token, { article: "attach" }).map((s) => s.text);

/** Offsets of every character of `text` in the text with whitespace removed (-1 for whitespace). */
function strippedIndex(text: string): Int32Array {
  const idx = new Int32Array(text.length + 1);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) idx[i] = -1;
    else idx[i] = k++;
  }
  idx[text.length] = k;
  return idx;
}

function isPunctWord(upos: string, form: string): boolean {
  return upos === "PUNCT" || upos === "SYM" || !/[\p{L}\p{N}]/u.test(form);
}

/** Gold words and tokens of one sentence, or null when the forms do not spell the text. */
export function goldUnits(s: ConlluSentence): { words: Unit[]; tokens: Unit[] } | null {
  const text = s.text;
  const words: Unit[] = [];
  let i = 0;
  let k = 0;
  for (const w of s.words) {
    const start = k;
    for (let j = 0; j < w.form.length; j++) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i >= text.length || text[i] !== w.form[j]) return null;
      i++;
      k++;
    }
    words.push([start, k]);
  }
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i !== text.length) return null;

  const tokens: Unit[] = [];
  if (s.ranges.length > 0) {
    const byFirst = new Map(s.ranges.map((r) => [r.first, r]));
    for (let n = 0; n < s.words.length; n++) {
      const r = byFirst.get(s.words[n].id);
      if (r) {
        const last = s.words.findIndex((w) => w.id === r.last);
        if (last < n) return null;
        tokens.push([words[n][0], words[last][1]]);
        n = last;
      } else tokens.push(words[n]);
    }
  } else {
    let start = 0;
    for (let n = 0; n < s.words.length; n++) {
      const w = s.words[n];
      const next = s.words[n + 1];
      const glued = next !== undefined && !w.spaceAfter && !isPunctWord(w.upos, w.form) && !isPunctWord(next.upos, next.form);
      if (!glued) {
        tokens.push([words[start][0], words[n][1]]);
        start = n + 1;
      }
    }
  }
  return { words, tokens };
}

/** System words and tokens of one text. */
export function systemUnits(text: string, split: WordSplitter): { words: Unit[]; tokens: Unit[]; wordTexts: string[][] } {
  const idx = strippedIndex(text);
  const words: Unit[] = [];
  const tokens: Unit[] = [];
  const wordTexts: string[][] = [];
  for (const t of tokenize(text)) {
    const start = idx[t.start];
    const end = start + (t.end - t.start);
    tokens.push([start, end]);
    const parts = t.kind === "word" ? split(text.slice(t.start, t.end)) : [text.slice(t.start, t.end)];
    wordTexts.push(parts);
    let k = start;
    for (const p of parts) {
      words.push([k, k + p.length]);
      k += p.length;
    }
  }
  return { words, tokens, wordTexts };
}

function countMatches(gold: Unit[], sys: Unit[]): number {
  const set = new Set(gold.map(([a, b]) => a * 100_000 + b));
  let n = 0;
  for (const [a, b] of sys) if (set.has(a * 100_000 + b)) n++;
  return n;
}

export interface SegScores {
  words: PRF;
  tokens: PRF;
  sentences: number;
  misaligned: string[];
  /** Gold token segmentation → our segmentation, most frequent first. */
  errors: { gold: string; system: string; count: number }[];
}

/** Score a splitter on parsed gold sentences. */
export function scoreSegmentation(sents: ConlluSentence[], split: WordSplitter = udSplitter): SegScores {
  let gw = 0;
  let sw = 0;
  let cw = 0;
  let gt = 0;
  let st = 0;
  let ct = 0;
  const misaligned: string[] = [];
  const errors = new Map<string, number>();
  for (const s of sents) {
    const gold = goldUnits(s);
    if (gold === null) {
      misaligned.push(s.id);
      continue;
    }
    const sys = systemUnits(s.text, split);
    gw += gold.words.length;
    sw += sys.words.length;
    cw += countMatches(gold.words, sys.words);
    gt += gold.tokens.length;
    st += sys.tokens.length;
    ct += countMatches(gold.tokens, sys.tokens);
    // Disagreements, reported per gold token that our tokens reproduce exactly.
    const sysByStart = new Map<number, number>();
    for (let n = 0; n < sys.tokens.length; n++) sysByStart.set(sys.tokens[n][0], n);
    const stripped = s.words.map((w) => w.form).join("");
    let wi = 0;
    for (const [a, b] of gold.tokens) {
      const gparts: string[] = [];
      while (wi < gold.words.length && gold.words[wi][1] <= b) {
        if (gold.words[wi][0] >= a) gparts.push(stripped.slice(gold.words[wi][0], gold.words[wi][1]));
        wi++;
      }
      const n = sysByStart.get(a);
      if (n === undefined || sys.tokens[n][1] !== b) continue;
      const g = gparts.join("|");
      const y = sys.wordTexts[n].join("|");
      if (g !== y) {
        const key = `${g}\t${y}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  }
  if (misaligned.length === sents.length) throw new InputError("gold", "no sentence's word forms spell its `# text` line");
  return {
    words: prf(gw, sw, cw),
    tokens: prf(gt, st, ct),
    sentences: sents.length - misaligned.length,
    misaligned,
    errors: [...errors]
      .sort((x, y) => y[1] - x[1])
      .slice(0, TOP_ERRORS)
      .map(([k, count]) => {
        const [gold, system] = k.split("\t");
        return { gold, system, count };
      }),
  };
}

export const segEval: Evaluation = {
  name: "seg",
  summary: "clitic segmentation vs UD Arabic gold (CoNLL 2018 words/tokens P/R/F1)",
  defaultGold: "seg/ud-pud-dev.conllu",
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold ?? dataFile(...segEval.defaultGold.split("/"));
    if (gold === null) throw new InputError(segEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const sents = readConllu(gold);
    const r = scoreSegmentation(sents);
    const noSplit = scoreSegmentation(sents, (t) => [t]);
    opts.progress(sents.length, sents.length);
    return {
      eval: "seg",
      gold,
      figures: [
        { name: "words F1", value: round(r.words.f1), target: SEG_TARGETS.wordsF1 },
        { name: "words precision", value: round(r.words.precision) },
        { name: "words recall", value: round(r.words.recall) },
        { name: "tokens F1", value: round(r.tokens.f1) },
        { name: "tokens precision", value: round(r.tokens.precision) },
        { name: "tokens recall", value: round(r.tokens.recall) },
      ],
      details: {
        convention: "UD Arabic: و ف ب ك ل س and pronoun enclitics split, article ال attached (segmentWord article: attach)",
        sentences: r.sentences,
        misaligned: r.misaligned,
        words: r.words,
        tokens: r.tokens,
        baselineNoSplitWordsF1: round(noSplit.words.f1),
        topErrors: r.errors,
      },
    };
  },
};
