/**
 * Word clusters learned from unlabeled news (scripts/train/clusters.ts) and
 * read by the NER features. Each word key maps to a path of cluster digits,
 * one hex digit per level of a hierarchical k-means (16 branches a level),
 * like a Brown-cluster bit string: prefixes of the path are coarser classes
 * ("a" = one of 16 broad classes, "a3" = one of 256, ...). A tagger that saw
 * "موسكو" as LOC can then tag an unseen "كييف" from the same cluster.
 *
 * The same file carries each word's news frequency (also for words too rare
 * to cluster): rare words are more often names, and a word seen with the
 * article (ال + word) is more often a common noun.
 *
 * File format (models/ner/clusters.tsv.gz): `key<TAB>path<TAB>count` a line,
 * gzipped; path is empty for words counted but not clustered.
 */
import { gunzipSync, gzipSync } from "node:zlib";

export interface ClusterEntry {
  /** Cluster path ("" when not clustered). */
  path: string;
  /** Occurrences in the news corpus. */
  count: number;
}

export class WordClusters {
  constructor(private readonly entries: Map<string, ClusterEntry>) {}

  /** Number of words with a frequency (clustered or not). */
  get size(): number {
    return this.entries.size;
  }

  /** The cluster path of a word key, or undefined when the word was too rare to cluster. */
  get(key: string): string | undefined {
    const e = this.entries.get(key);
    return e && e.path !== "" ? e.path : undefined;
  }

  /** News frequency of a word key (0 when below the counting threshold). */
  count(key: string): number {
    return this.entries.get(key)?.count ?? 0;
  }

  static parse(gz: Buffer): WordClusters {
    const text = gunzipSync(gz).toString("utf8");
    const m = new Map<string, ClusterEntry>();
    for (const line of text.split("\n")) {
      const [key, path = "", count = "0"] = line.split("\t");
      if (key) m.set(key, { path, count: Number(count) || 0 });
    }
    return new WordClusters(m);
  }

  serialize(): Buffer {
    const lines: string[] = [];
    for (const [k, e] of this.entries) lines.push(`${k}\t${e.path}\t${e.count}`);
    return gzipSync(Buffer.from(`${lines.join("\n")}\n`, "utf8"), { level: 9 });
  }
}
