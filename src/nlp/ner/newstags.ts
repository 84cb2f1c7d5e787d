/**
 * The news tag lexicon: how often a first-pass tagger labelled each word of
 * the unlabeled news as part of a PER, LOC, ORG or MISC name (or none).
 *
 * Why: a name the training data never shows is often tagged right in the
 * news where a strong context announces it ("قال الرئيس X", "في مدينة X"),
 * and tagged wrong where the context is weak. Counting the first pass's
 * labels over 6 M news tokens and giving the ratios to the second-pass
 * tagger as features carries the strong contexts over to the weak ones (a
 * form of self-training, like Ratinov & Roth's "prediction history" but
 * across a corpus instead of a document). Built by scripts/train/ner.ts.
 *
 * File format (models/ner/newstags.tsv.gz): `key<TAB>O<TAB>PER<TAB>LOC<TAB>ORG<TAB>MISC`
 * counts a line, gzipped. Keys are mention keys (one-letter proclitics off).
 */
import { gunzipSync, gzipSync } from "node:zlib";

/** Order of the count columns after O. */
export const NEWS_TYPES = ["PER", "LOC", "ORG", "MISC"] as const;

export class NewsTags {
  /** key → counts [O, PER, LOC, ORG, MISC] */
  constructor(private readonly counts: Map<string, Uint32Array>) {}

  get size(): number {
    return this.counts.size;
  }

  get(key: string): Uint32Array | undefined {
    return this.counts.get(key);
  }

  static parse(gz: Buffer): NewsTags {
    const m = new Map<string, Uint32Array>();
    for (const line of gunzipSync(gz).toString("utf8").split("\n")) {
      const f = line.split("\t");
      if (f.length !== 2 + NEWS_TYPES.length || !f[0]) continue;
      m.set(f[0], Uint32Array.from(f.slice(1), Number));
    }
    return new NewsTags(m);
  }

  serialize(): Buffer {
    const lines: string[] = [];
    for (const [k, c] of [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) lines.push(`${k}\t${c.join("\t")}`);
    return gzipSync(Buffer.from(`${lines.join("\n")}\n`, "utf8"), { level: 9 });
  }
}

/** Accumulates label counts while the first-pass tagger runs over news. */
export class NewsTagCounter {
  private readonly counts = new Map<string, Uint32Array>();

  /** type: 0 = O, 1.. = NEWS_TYPES index + 1. */
  add(key: string, type: number): void {
    let c = this.counts.get(key);
    if (c === undefined) {
      c = new Uint32Array(1 + NEWS_TYPES.length);
      this.counts.set(key, c);
    }
    c[type]++;
  }

  /** Words seen at least `minCount` times and tagged as a name at least once. */
  build(minCount: number): NewsTags {
    const kept = new Map<string, Uint32Array>();
    for (const [k, c] of this.counts) {
      let total = 0;
      for (const x of c) total += x;
      if (total >= minCount && total > c[0]) kept.set(k, c);
    }
    return new NewsTags(kept);
  }
}
