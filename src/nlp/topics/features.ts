/**
 * What the topic classifier sees of an article, built here once for
 * training (scripts/train/topics.ts) and classification alike, so the model
 * never sees features built another way:
 *
 *   terms    counts of its content terms (src/nlp/keywords/terms.ts), a
 *            title occurrence counting TITLE_WEIGHT times, as (1 + ln tf)
 *            scaled to unit length so long and short articles weigh the same;
 *   regions  which part of the world the countries it names are in, as
 *            shares of its country mentions (REGION_FEATURES), appended
 *            beside the unit-length term vector rather than inside it, where
 *            one feature among hundreds would be drowned. SkyNews's
 *            middleEast and internationalNews differ by geography more than
 *            by vocabulary: a Russia–China summit uses the words of a Gulf
 *            one. Countries are read from the knowledge base's country table
 *            (models/kb/countries.tsv: one-word names and nationality
 *            adjectives), grouped by the tables below.
 */
import type { ArticleDocument } from "../../document.js";
import { loadCountries } from "../../kb/countries.js";
import { analyzeWord } from "../../text/analyzer.js";
import { contentTerms } from "../keywords/terms.js";

/**
 * How many times a title term counts. 1: counting it ×3 (the earlier
 * model's choice) measured no better on the unseen outlet (-0.3 macro-F1).
 */
export const TITLE_WEIGHT = 1;

/** Members of the Arab League (ISO 3166 alpha-3): the Arab world, SkyNews's middleEast. */
export const ARAB_WORLD = [
  "ARE",
  "BHR",
  "COM",
  "DJI",
  "DZA",
  "EGY",
  "IRQ",
  "JOR",
  "KWT",
  "LBN",
  "LBY",
  "MAR",
  "MRT",
  "OMN",
  "PSE",
  "QAT",
  "SAU",
  "SDN",
  "SOM",
  "SYR",
  "TUN",
  "YEM",
];
/** Non-Arab neighbours whose news is often Arab-world news too. */
export const REGION_NEIGHBOURS = ["IRN", "ISR", "TUR"];

/** Region feature names (never analyzer terms: those have no "@"). */
export const REGION_FEATURES = { arab: "@region:arab", near: "@region:near", world: "@region:world" } as const;
/** Value of a region feature = REGION_WEIGHT × its share of the article's country mentions. */
export const REGION_WEIGHT = 1;

export interface DocFeatures {
  /** Content term → weighted count. */
  terms: Map<string, number>;
  /** Region feature → weighted count of country mentions there. */
  regions: Map<string, number>;
}

let regionByTerm: Map<string, string> | null = null;

/** Analyzer term of a one-word country name or adjective → its region feature. */
function regions(): Map<string, string> {
  if (regionByTerm) return regionByTerm;
  const arab = new Set(ARAB_WORLD);
  const near = new Set(REGION_NEIGHBOURS);
  const map = new Map<string, string>();
  const clash = new Set<string>();
  for (const c of loadCountries()) {
    const region = arab.has(c.iso3) ? REGION_FEATURES.arab : near.has(c.iso3) ? REGION_FEATURES.near : REGION_FEATURES.world;
    for (const name of [c.name, ...c.aliases, ...c.adjectives]) {
      if (name.includes(" ")) continue; // الولايات المتحدة: its words alone name no country
      const term = analyzeWord(name);
      if (term.length < 2) continue;
      // A term two regions claim says nothing about either.
      if (map.has(term) && map.get(term) !== region) clash.add(term);
      map.set(term, region);
    }
  }
  for (const t of clash) map.delete(t);
  regionByTerm = map;
  return map;
}

/** Title span in `doc.text` ([0, 0) when the text does not start with the title). */
export function titleEnd(doc: ArticleDocument): number {
  return doc.title !== "" && doc.text.startsWith(doc.title) ? doc.title.length : 0;
}

export function docFeatures(doc: ArticleDocument): DocFeatures {
  const terms = new Map<string, number>();
  const regionCounts = new Map<string, number>();
  const byTerm = regions();
  const tEnd = titleEnd(doc);
  for (const t of contentTerms(doc.text)) {
    const w = t.start < tEnd ? TITLE_WEIGHT : 1;
    terms.set(t.term, (terms.get(t.term) ?? 0) + w);
    const r = byTerm.get(t.term);
    if (r !== undefined) regionCounts.set(r, (regionCounts.get(r) ?? 0) + w);
  }
  return { terms, regions: regionCounts };
}

/**
 * The vector a linear model scores: (1 + ln count) for each term `keep`
 * accepts, scaled to unit length, then the region shares `keep` accepts.
 * Terms come out in a fixed (sorted) order, for reproducible sums.
 */
export function featureVector(f: DocFeatures, keep: (feature: string) => boolean): Array<[string, number]> {
  const out = unitLogTf(f.terms, keep);
  let mentions = 0;
  for (const n of f.regions.values()) mentions += n;
  for (const r of Object.values(REGION_FEATURES)) {
    const n = f.regions.get(r);
    if (n !== undefined && keep(r)) out.push([r, (REGION_WEIGHT * n) / mentions]);
  }
  return out;
}

/** (1 + ln count) per kept term, scaled to unit length, sorted by term. */
export function unitLogTf(counts: Map<string, number>, keep: (term: string) => boolean): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let norm = 0;
  for (const [t, c] of counts) {
    if (!keep(t)) continue;
    const v = 1 + Math.log(c);
    out.push([t, v]);
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (norm > 0) for (const e of out) e[1] /= norm;
  return out;
}
