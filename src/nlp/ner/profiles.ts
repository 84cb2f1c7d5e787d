/**
 * Word context profiles learned from unlabeled news
 * (scripts/train/ner-profiles.ts) and read by the NER features.
 *
 * Clusters (clusters.ts) say which words behave alike overall; a profile
 * says something sharper about a single word: how often, across 30k news
 * articles, it comes right after a trigger word of each class ("نادي الوكرة",
 * "فريق الوكرة" → the word follows organization heads; "الرئيس X", "قال X"
 * → titles and verbs of saying). A club, a company or a person that never
 * occurs in the annotated training data but is common in the news then
 * arrives with evidence of its type, even in a sentence that has no trigger.
 *
 * A word's profile is a short list of codes, `class * BUCKETS + bucket`,
 * where bucket is the rate (occurrences after that class / occurrences)
 * binned by PROFILE_RATES. File format (models/ner/profiles.tsv.gz): `key<TAB>code,code,...`
 * a line, gzipped, keys from wordKey of the mention form.
 */
import { gunzipSync, gzipSync } from "node:zlib";

/** Rate thresholds of the buckets (a rate below the first is not recorded). */
export const PROFILE_RATES = [0.02, 0.06, 0.15, 0.35];
export const PROFILE_BUCKETS = PROFILE_RATES.length;

/** Profile classes beyond the trigger classes of triggers.ts (1..5). */
export const PROFILE_EXTRA = {
  /** Left neighbour is the preposition في ("in"). */
  AFTER_FI: 6,
  /** The word opens a short «quotation». */
  QUOTED: 7,
  /** Left neighbour is a given name (first words of training-corpus person names). */
  AFTER_GIVEN_NAME: 8,
} as const;

/** Bucket of a rate, or -1 below the first threshold. */
export function rateBucket(rate: number): number {
  let b = -1;
  for (let k = 0; k < PROFILE_RATES.length; k++) if (rate >= PROFILE_RATES[k]) b = k;
  return b;
}

export class WordProfiles {
  constructor(private readonly entries: Map<string, Uint16Array>) {}

  get size(): number {
    return this.entries.size;
  }

  /** Profile codes of a word key (undefined when it has none). */
  get(key: string): Uint16Array | undefined {
    return this.entries.get(key);
  }

  static parse(gz: Buffer): WordProfiles {
    const text = gunzipSync(gz).toString("utf8");
    const m = new Map<string, Uint16Array>();
    for (const line of text.split("\n")) {
      const tab = line.indexOf("\t");
      if (tab <= 0) continue;
      const codes = line
        .slice(tab + 1)
        .split(",")
        .filter((c) => /^\d+$/.test(c))
        .map(Number)
        .filter((c) => Number.isInteger(c) && c >= 0 && c < 65536);
      if (codes.length > 0) m.set(line.slice(0, tab), Uint16Array.from(codes));
    }
    return new WordProfiles(m);
  }

  serialize(): Buffer {
    const lines: string[] = [];
    for (const [k, codes] of [...this.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      lines.push(`${k}\t${Array.from(codes).join(",")}`);
    }
    return gzipSync(Buffer.from(`${lines.join("\n")}\n`, "utf8"), { level: 9 });
  }
}
