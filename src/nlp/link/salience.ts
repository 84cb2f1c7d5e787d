/**
 * Entity salience: how central an entity is to the article, 0..1, so that the
 * main actors come first. A mention in the title counts more than one in the
 * lead, which counts more than one in the body; frequency is damped (log);
 * an entity that appears early gets a bonus that fades with the sentence
 * index of its first mention. A nationality adjective (الروسي) adds a little
 * to its country when the country is an entity of the article. Scores are
 * divided by the article's highest, so the main actor has 1.
 */
import type { ArticleDocument, Span } from "../../document.js";

export const SALIENCE = {
  /** Weight of one mention by where it is. */
  region: { title: 3, lead: 2, body: 1 },
  /** Weight of a nationality adjective towards its country. */
  adjective: 0.5,
  /** Bonus for appearing first, and how many sentences it takes to fade by 1/e. */
  firstBonus: 2,
  firstDecaySentences: 3,
} as const;

export type Region = "title" | "lead" | "body";

export interface Regions {
  regionOf(offset: number): Region;
  sentenceOf(offset: number): number;
}

/** Where the title and the lead are in doc.text (title first, lead after "\n\n"). */
export function regions(doc: ArticleDocument): Regions {
  const text = doc.text;
  const title = typeof doc.title === "string" && doc.title !== "" && text.startsWith(doc.title) ? doc.title.length : 0;
  let leadStart = -1;
  let leadEnd = -1;
  if (typeof doc.lead === "string" && doc.lead !== "") {
    const at = text.indexOf(doc.lead, title);
    if (at >= 0 && at <= title + 4) {
      leadStart = at;
      leadEnd = at + doc.lead.length;
    }
  }
  const sentences: Span[] = Array.isArray(doc.sentences) ? doc.sentences.filter((s) => s && typeof s.start === "number") : [];
  return {
    regionOf(o) {
      if (o < title) return "title";
      if (o >= leadStart && o < leadEnd) return "lead";
      return "body";
    },
    sentenceOf(o) {
      if (sentences.length === 0) return Math.floor((o / Math.max(text.length, 1)) * 20);
      let lo = 0;
      let hi = sentences.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sentences[mid].start <= o) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

/** Raw (unnormalized) salience of one entity's mentions plus adjective weight. */
export function rawSalience(mentionStarts: number[], adjectiveCount: number, r: Regions): number {
  if (mentionStarts.length === 0) return 0;
  let weight = adjectiveCount * SALIENCE.adjective;
  let first = Number.POSITIVE_INFINITY;
  for (const s of mentionStarts) {
    weight += SALIENCE.region[r.regionOf(s)];
    if (s < first) first = s;
  }
  const firstSentence = r.sentenceOf(first);
  return Math.log1p(weight) + SALIENCE.firstBonus * Math.exp(-firstSentence / SALIENCE.firstDecaySentences);
}

/** Scales raw scores to 0..1 (highest = 1), rounded to 3 decimals. */
export function normalizeSalience(raw: number[]): number[] {
  const max = raw.reduce((a, b) => Math.max(a, b), 0);
  return raw.map((x) => (max > 0 ? Math.round((x / max) * 1000) / 1000 : 0));
}
