/**
 * Countries: their Arabic names, extra names the press uses, and the
 * nationality adjectives derived from them (روسيا → روسي, الصين → صيني).
 *
 * The table is generated once from i18n-iso-countries' Arabic names plus the
 * hand tables below by scripts/train/kb.ts into models/kb/countries.tsv, so a
 * reader can inspect and edit it; at run time it is read from there (and
 * rebuilt from the package if the file is missing). The KB seeds one LOC
 * entity per country from it; the linker (src/nlp/link) uses the adjectives
 * to read "الرئيس الروسي" as "the president of Russia".
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { MODELS_DIR } from "../paths.js";
import { aliasKey } from "./keys.js";

export interface CountryRecord {
  /** ISO 3166-1 alpha-3, the code the actor dictionary uses (RUS, CHN). */
  iso3: string;
  iso2: string;
  /** Canonical Arabic name (i18n-iso-countries' first Arabic name). */
  name: string;
  /** Other names for the same country, as written. */
  aliases: string[];
  /** Masculine singular nationality adjectives without ال (روسي, أمريكي). */
  adjectives: string[];
}

/** Names the press uses that the package does not list. */
const EXTRA_ALIASES: Record<string, string[]> = {
  USA: ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
  GBR: ["بريطانيا", "بريطانيا العظمى"],
  SAU: ["المملكة العربية السعودية"],
  ARE: ["الإمارات"],
  SYR: ["سورية"],
  RUS: ["روسيا الاتحادية"],
  CZE: ["التشيك"],
  MMR: ["ميانمار"],
  CHN: ["جمهورية الصين الشعبية"],
  BLR: ["بيلاروسيا", "بيلاروس"],
  CIV: ["كوت ديفوار"],
  NLD: ["هولندا"],
  PSE: ["دولة فلسطين"],
  IRN: ["جمهورية إيران الإسلامية"],
  COD: ["الكونغو الديمقراطية"],
  MKD: ["مقدونيا"],
};

/**
 * Adjectives the derivation rule gets wrong or cannot reach (multi-word
 * names). A multi-word adjective is written with spaces: "كوري شمالي" matches
 * "الكوري الشمالي".
 */
const ADJECTIVE_OVERRIDES: Record<string, string[]> = {
  USA: ["أمريكي", "أميركي"],
  GBR: ["بريطاني"],
  ARE: ["إماراتي"],
  KOR: ["كوري جنوبي"],
  PRK: ["كوري شمالي"],
  CZE: ["تشيكي"],
  AUT: ["نمساوي"],
  AFG: ["أفغاني"],
  BLR: ["بيلاروسي"],
  SAU: ["سعودي"],
  NZL: ["نيوزيلندي"],
  ZAF: ["جنوب أفريقي"],
  COD: ["كونغولي"],
  BIH: ["بوسني"],
};

/**
 * Derived adjectives that are also common words: "المالي" is "financial"
 * far more often than "Malian".
 */
const ADJECTIVE_EXCLUDE = new Set(["مالي"]);

/** Derivation of an adjective from a one-word name without ال; first matching suffix wins. */
const ADJECTIVE_SUFFIX_RULES: ReadonlyArray<[suffix: string, replace: string]> = [
  ["يا", "ي"], // روسيا → روسي, سوريا → سوري
  ["ية", "ي"], // السعودية → سعودي
  ["ة", "ي"],
  ["ا", "ي"], // فرنسا → فرنسي
  ["ي", ""], // names ending in ي are excluded below (ambiguous)
  ["", "ي"], // الصين → صيني, مصر → مصري
];

function deriveAdjective(name: string): string | null {
  let base = name.trim();
  if (base.includes(" ")) return null; // multi-word names: overrides only
  if (base.startsWith("ال")) base = base.slice(2);
  for (const [suffix, replace] of ADJECTIVE_SUFFIX_RULES) {
    if (!base.endsWith(suffix)) continue;
    if (suffix === "ي") return null;
    const stem = base.slice(0, base.length - suffix.length);
    if (stem.length < 2) return null;
    return stem + replace;
  }
  return null;
}

/** Builds the table from i18n-iso-countries (used by scripts/train/kb.ts and as a fallback). */
export function buildCountryTable(): CountryRecord[] {
  const require = createRequire(import.meta.url);
  const lib = require("i18n-iso-countries") as {
    registerLocale(l: unknown): void;
    getNames(lang: string, o: { select: "all" }): Record<string, string[]>;
    alpha2ToAlpha3(c: string): string | undefined;
  };
  lib.registerLocale(require("i18n-iso-countries/langs/ar.json"));
  const names = lib.getNames("ar", { select: "all" });
  const out: CountryRecord[] = [];
  for (const [iso2, list] of Object.entries(names)) {
    const iso3 = lib.alpha2ToAlpha3(iso2);
    if (!iso3 || list.length === 0) continue;
    const aliases = [...list.slice(1), ...(EXTRA_ALIASES[iso3] ?? [])];
    out.push({ iso3, iso2, name: list[0], aliases: [...new Set(aliases)], adjectives: [] });
  }
  // Adjectives: overrides, else derived from the name and one-word aliases;
  // an adjective two countries would share is dropped (ambiguous).
  const owners = new Map<string, Set<string>>();
  for (const c of out) {
    const adj = ADJECTIVE_OVERRIDES[c.iso3] ?? [c.name, ...c.aliases].map(deriveAdjective).filter((a): a is string => a !== null);
    for (const a of new Set(adj)) {
      if (ADJECTIVE_EXCLUDE.has(a)) continue;
      const k = aliasKey(a);
      if (!owners.has(k)) owners.set(k, new Set());
      owners.get(k)!.add(c.iso3);
      c.adjectives.push(a);
    }
  }
  for (const c of out) c.adjectives = c.adjectives.filter((a) => owners.get(aliasKey(a))!.size === 1);
  out.sort((a, b) => a.iso3.localeCompare(b.iso3));
  return out;
}

export const COUNTRIES_FILE = "countries.tsv";
const HEADER = ["iso3", "iso2", "name", "aliases", "adjectives"];

export function countriesToTsv(rows: CountryRecord[]): string {
  const lines = [HEADER.join("\t")];
  for (const r of rows) lines.push([r.iso3, r.iso2, r.name, r.aliases.join("|"), r.adjectives.join("|")].join("\t"));
  return `${lines.join("\n")}\n`;
}

export function countriesFromTsv(text: string, subject = COUNTRIES_FILE): CountryRecord[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.split("\t").join(",") !== HEADER.join(",")) {
    throw new InputError(subject, `first line must be the header ${HEADER.join("<TAB>")}`);
  }
  const out: CountryRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "" || line.startsWith("#")) continue;
    const f = line.split("\t");
    if (f.length !== 5 || !/^[A-Z]{3}$/.test(f[0]) || f[2].trim() === "") {
      throw new InputError(`${subject}:${i + 1}`, "expected iso3, iso2, name, aliases, adjectives separated by tabs");
    }
    const list = (s: string) =>
      s
        .split("|")
        .map((x) => x.trim())
        .filter(Boolean);
    out.push({ iso3: f[0], iso2: f[1], name: f[2].trim(), aliases: list(f[3]), adjectives: list(f[4]) });
  }
  return out;
}

let cached: CountryRecord[] | null = null;

/** The country table from models/kb/countries.tsv (built from the package when absent). */
export function loadCountries(): CountryRecord[] {
  if (cached) return cached;
  const p = join(MODELS_DIR, "kb", COUNTRIES_FILE);
  cached = existsSync(p) ? countriesFromTsv(readFileSync(p, "utf8"), p) : buildCountryTable();
  return cached;
}
