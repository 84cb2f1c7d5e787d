/**
 * `marsad eval summary`: our extractive summary (the pipeline's summary
 * stage, doc.summary) and a lead-3 baseline (the first three body
 * sentences) against each record's `abstract` (ANT JSONL: the outlet's own
 * teaser), side by side, in ROUGE-1, ROUGE-2 and ROUGE-L (precision, recall,
 * F1, averaged over articles).
 *
 * The article is analyzed WITHOUT its abstract: the structure stage would
 * otherwise take a teaser that is not the body's start as the lead, and the
 * summary would be scored against a copy of itself. Only the stages the
 * summary needs run (structure, sentences, summary; the others disabled by
 * name through the pipeline's own option).
 *
 * Tokens: the words and numbers of the text (src/text/tokenize.ts),
 * punctuation out, each under normalizeKey (diacritics, tatweel, alef forms,
 * ى, ة folded); NOT stemmed and clitics kept, as ROUGE on Arabic usually is
 * (normalized surface tokens). ROUGE-L is the longest common subsequence of
 * the whole summary and the whole abstract, each as one token sequence.
 *
 * Beware: SkyNews, AlArabiya (and most of JawharaFM) abstracts ARE the
 * article's first sentences, so lead-3 wins there by construction. Records
 * are therefore also reported in two groups: "copies the lead" (the
 * abstract's first COPY_PREFIX tokens open the body) and "differs" (a real
 * standfirst); only the second says which summary is better, and in the
 * local data it is a few dozen records. --drop-lead is a proxy for outlets
 * whose abstract is a real standfirst: the body paragraphs the abstract
 * copies are removed before analysis (records where it copies nothing are
 * skipped), so neither summary can copy the abstract and both must find
 * its content in the rest of the article.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { recordToInput } from "../article/index.js";
import type { ArticleDocument } from "../document.js";
import { InputError } from "../errors.js";
import { outletKey, splitOf } from "../nlp/topics/corpus.js";
import { titleEnd } from "../nlp/topics/features.js";
import { analyze, stageNames } from "../pipeline.js";
import { normalizeKey } from "../text/normalize.js";
import { forEachToken } from "../text/tokenize.js";
import { round } from "./score.js";
import { parseLimit } from "./topics.js";
import type { EvalOptions, EvalResult, Evaluation, Figure } from "./types.js";

/** Stages the summary needs; every other stage is disabled. */
export const SUMMARY_STAGES = ["structure", "sentences", "summary"];
/** Sentences in the lead baseline (and in our summary: the stage's default is the same). */
export const LEAD_SENTENCES = 3;
/** An abstract whose first this-many tokens open the body "copies the lead". */
export const COPY_PREFIX = 12;
/** Records scored with --quick: about this many, sampled by id hash (the dev tenth). */
const QUICK_NOTE = "the dev tenth by id hash";

// ------------------------------------------------------------------ ROUGE

/** ROUGE tokens of a text: words and numbers under normalizeKey, punctuation out. */
export function rougeTokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (start, end, kind) => {
    if (kind === "punct") return;
    const k = normalizeKey(text.slice(start, end));
    if (k !== "") out.push(k);
  });
  return out;
}

export interface PRF {
  /** Fractions 0..1. */
  p: number;
  r: number;
  f: number;
}

function prfOf(hit: number, candidate: number, reference: number): PRF {
  const p = candidate ? hit / candidate : 0;
  const r = reference ? hit / reference : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(" ");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-N: n-grams shared (clipped counts) over the candidate's (P) and the reference's (R). */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): PRF {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let hit = 0;
  for (const [g, k] of c) hit += Math.min(k, r.get(g) ?? 0);
  return prfOf(hit, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence (two-row dynamic programme). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** ROUGE-L: LCS over the candidate's length (P) and the reference's (R), F1. */
export function rougeL(candidate: readonly string[], reference: readonly string[]): PRF {
  return prfOf(lcsLength(candidate, reference), candidate.length, reference.length);
}

export interface Rouge {
  r1: PRF;
  r2: PRF;
  rl: PRF;
}

export function rouge(candidate: string, reference: string): Rouge {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { r1: rougeN(c, r, 1), r2: rougeN(c, r, 2), rl: rougeL(c, r) };
}

// ------------------------------------------------------------- the eval

/** The first `n` body sentences (the title is never one), in text order. */
export function leadSentences(doc: ArticleDocument, n = LEAD_SENTENCES): string[] {
  const tEnd = titleEnd(doc);
  const out: string[] = [];
  for (const s of doc.sentences) {
    if (out.length >= n) break;
    if (s.start < tEnd) continue;
    const t = doc.text.slice(s.start, s.end).trim();
    if (t !== "") out.push(t);
  }
  return out;
}

/** Whether the abstract's first COPY_PREFIX tokens (all of it, if shorter) open the body. */
export function copiesLead(abstract: string, doc: ArticleDocument): boolean {
  const a = rougeTokens(abstract).slice(0, COPY_PREFIX);
  const body = rougeTokens(doc.text.slice(titleEnd(doc))).slice(0, a.length);
  return a.length > 0 && a.every((t, i) => t === body[i]);
}

/**
 * The record's text without the opening paragraphs (lines) the abstract
 * copies: a paragraph whose tokens continue the abstract's, or that the
 * (possibly truncated) abstract ends inside. null when it copies none, or
 * when nothing would be left.
 */
export function dropCopiedLead(text: string, abstract: string): string | null {
  const a = rougeTokens(abstract);
  const paras = text.split("\n");
  let used = 0;
  let i = 0;
  while (i < paras.length && used < a.length) {
    const p = rougeTokens(paras[i]);
    if (p.length === 0) {
      i++;
      continue;
    }
    const n = Math.min(p.length, a.length - used);
    let same = true;
    for (let k = 0; k < n && same; k++) same = p[k] === a[used + k];
    if (!same) break;
    used += n;
    i++;
  }
  if (i === 0 || used < Math.min(a.length, COPY_PREFIX)) return null;
  const rest = paras.slice(i).join("\n");
  return rougeTokens(rest).length > 0 ? rest : null;
}

class Mean {
  n = 0;
  private sums: Record<string, number> = {};
  add(ours: Rouge, lead: Rouge): void {
    this.n++;
    for (const [who, r] of [
      ["ours", ours],
      ["lead", lead],
    ] as const) {
      for (const m of ["r1", "r2", "rl"] as const) {
        for (const k of ["p", "r", "f"] as const) {
          const key = `${who}.${m}.${k}`;
          this.sums[key] = (this.sums[key] ?? 0) + r[m][k];
        }
      }
    }
  }
  /** Mean in percent, two decimals. */
  get(who: "ours" | "lead", m: "r1" | "r2" | "rl", k: "p" | "r" | "f"): number {
    return this.n ? round((100 * (this.sums[`${who}.${m}.${k}`] ?? 0)) / this.n) : 0;
  }
  table(): Record<string, unknown> {
    const side = (who: "ours" | "lead") =>
      Object.fromEntries(
        (["r1", "r2", "rl"] as const).map((m) => [
          { r1: "rouge1", r2: "rouge2", rl: "rougeL" }[m],
          { precision: this.get(who, m, "p"), recall: this.get(who, m, "r"), f1: this.get(who, m, "f") },
        ]),
      );
    return { articles: this.n, ours: side("ours"), lead3: side("lead") };
  }
}

const NAMES = { r1: "ROUGE-1", r2: "ROUGE-2", rl: "ROUGE-L" } as const;

export const summaryEval: Evaluation = {
  name: "summary",
  summary: "extractive summary and a lead-3 baseline vs the records' abstracts (ANT JSONL): ROUGE-1/2/L, side by side",
  defaultGold: "news/skynews.jsonl",
  flagsHelp: `--quick      score only ${QUICK_NOTE}\n--limit N    score only the first N records with an abstract\n--drop-lead  proxy for real standfirsts: remove the body paragraphs the abstract copies first`,
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold;
    if (gold === null) throw new InputError(summaryEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const limit = opts.flags.limit === undefined ? undefined : parseLimit(opts.flags, 0);
    const quick = opts.flags.quick === true && limit === undefined;
    const dropLead = opts.flags["drop-lead"] === true;
    let nothingCopied = 0;
    const disable = stageNames().filter((s) => !SUMMARY_STAGES.includes(s));

    const all = new Mean();
    const groups = { copies: new Mean(), differs: new Mean() };
    const outlets = new Map<string, Mean>();
    let lines = 0;
    let noAbstract = 0;
    let unusable = 0;
    let emptySummary = 0;
    const rl = createInterface({ input: createReadStream(gold, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of rl) {
        lines++;
        if (line.trim() === "") continue;
        if (limit !== undefined && all.n >= limit) break;
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch {
          unusable++;
          continue;
        }
        if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
          unusable++;
          continue;
        }
        const r = rec as Record<string, unknown>;
        const abstract = typeof r.abstract === "string" ? r.abstract.trim() : "";
        if (rougeTokens(abstract).length === 0) {
          noAbstract++;
          continue;
        }
        const id = typeof r.id === "string" ? r.id : `${gold}:${lines}`;
        if (quick && splitOf(id) !== "dev") continue;
        let text = r.text;
        if (dropLead) {
          const rest = typeof text === "string" ? dropCopiedLead(text, abstract) : null;
          if (rest === null) {
            nothingCopied++;
            continue;
          }
          text = rest;
        }
        let doc: ArticleDocument;
        try {
          doc = analyze(recordToInput({ ...r, text, abstract: null }, `${gold}:${lines}`), { disable });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          unusable++;
          continue;
        }
        const ours = doc.summary;
        if (ours.length === 0) emptySummary++;
        const a = rouge(ours.join(" "), abstract);
        const b = rouge(leadSentences(doc).join(" "), abstract);
        all.add(a, b);
        groups[copiesLead(abstract, doc) ? "copies" : "differs"].add(a, b);
        const o = outletKey(typeof r.source === "string" && r.source.trim() !== "" ? r.source : "unknown");
        if (!outlets.has(o)) outlets.set(o, new Mean());
        outlets.get(o)!.add(a, b);
        opts.progress(all.n, limit ?? 0);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code) throw new InputError(gold, `cannot read the gold file (${(e as NodeJS.ErrnoException).code})`);
      throw e;
    } finally {
      rl.close();
    }
    if (all.n === 0) throw new InputError(gold, "no records with an abstract and a usable text to score");

    const figures: Figure[] = [
      { name: dropLead ? "articles with an abstract (copied lead removed)" : "articles with an abstract", value: all.n },
    ];
    for (const m of ["r1", "r2", "rl"] as const) {
      figures.push({ name: `${NAMES[m]} F1 % ours`, value: all.get("ours", m, "f") });
      figures.push({ name: `${NAMES[m]} F1 % lead-3`, value: all.get("lead", m, "f") });
    }
    const d = groups.differs;
    figures.push({ name: "articles whose abstract is not the lead", value: d.n });
    if (d.n > 0) {
      for (const m of ["r1", "r2", "rl"] as const) {
        figures.push({ name: `  ${NAMES[m]} F1 % ours (abstract ≠ lead)`, value: d.get("ours", m, "f") });
        figures.push({ name: `  ${NAMES[m]} F1 % lead-3 (abstract ≠ lead)`, value: d.get("lead", m, "f") });
      }
    }
    return {
      eval: "summary",
      gold,
      figures,
      details: {
        tokens: "words and numbers under normalizeKey, punctuation out; not stemmed, clitics kept",
        rougeL: "LCS of the whole summary and the whole abstract, each one token sequence",
        averaged: "per article, then the mean over articles (percent)",
        summary: `our summary stage (at most ${LEAD_SENTENCES} sentences), the article analyzed without its abstract; stages run: ${SUMMARY_STAGES.join(", ")}`,
        lead3: `the first ${LEAD_SENTENCES} body sentences (title excluded)`,
        dropLead: dropLead ? `yes: body paragraphs the abstract copies removed first; ${nothingCopied} records copying none skipped` : "no",
        sample: quick ? QUICK_NOTE : limit !== undefined ? `the first ${limit} records with an abstract` : "every record with an abstract",
        all: all.table(),
        abstractCopiesLead: groups.copies.table(),
        abstractNotLead: groups.differs.table(),
        perOutlet: Object.fromEntries([...outlets].map(([o, m]) => [o, m.table()])),
        recordsWithoutAbstract: noAbstract,
        unusableRecords: unusable,
        emptySummaries: emptySummary,
      },
    };
  },
};
