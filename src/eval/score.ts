/**
 * Scoring arithmetic shared by the evaluations that count matches against
 * gold: precision, recall and F1 in percent, and the two-decimal rounding of
 * printed figures. (NER's seqeval scorer in src/nlp/ner keeps fractions and
 * its own field names, as seqeval does.)
 */

export interface PRF {
  gold: number;
  system: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 in percent (0 when undefined). */
export function prf(gold: number, system: number, correct: number): PRF {
  const precision = system ? (100 * correct) / system : 0;
  const recall = gold ? (100 * correct) / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { gold, system, correct, precision, recall, f1 };
}

/** A figure as printed: two decimals. */
export const round = (x: number): number => Math.round(x * 100) / 100;
