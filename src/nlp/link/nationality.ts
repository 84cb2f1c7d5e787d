/**
 * Nationality adjectives and country names as phrases the linker can find in
 * running text: "الروسي/الروسية/روسي" → RUS, "الكوري الشمالي" → PRK,
 * "بريطانيا" → GBR. Built from the country table (src/kb/countries.ts,
 * models/kb/countries.tsv), never written out again here.
 *
 * Adjectives are used for linking (the country a title belongs to) and are
 * never reported as entities; country names are entities in their own right.
 */
import { loadCountries } from "../../kb/countries.js";
import { aliasKey } from "../../kb/keys.js";
import { TokenTrie } from "./phrases.js";

/** Gender/definiteness forms of a masculine adjective word: روسي → روسي, روسية, الروسي, الروسية. */
const ADJECTIVE_FORMS: ReadonlyArray<(w: string) => string> = [(w) => w, (w) => `${w}ة`, (w) => `ال${w}`, (w) => `ال${w}ة`];

export interface CountryPhrases {
  /** Adjective phrases (every form) → ISO alpha-3. */
  adjectives: TokenTrie<string>;
  /** Country names and aliases → ISO alpha-3. */
  names: TokenTrie<string>;
  /** Normalized single-token adjective forms → alpha-3 (to drop NER spans that are adjectives). */
  adjectiveKeys: Map<string, string>;
  /** aliasKey of a country name → alpha-3. */
  nameKeys: Map<string, string>;
}

let cached: CountryPhrases | null = null;

export function countryPhrases(): CountryPhrases {
  if (cached) return cached;
  const adjectives = new TokenTrie<string>();
  const names = new TokenTrie<string>();
  const adjectiveKeys = new Map<string, string>();
  const nameKeys = new Map<string, string>();
  for (const c of loadCountries()) {
    for (const adj of c.adjectives) {
      const words = adj.split(/\s+/).filter(Boolean);
      for (const form of ADJECTIVE_FORMS) {
        const phrase = words.map(form).join(" ");
        adjectives.add(phrase, c.iso3);
        adjectiveKeys.set(aliasKey(phrase), c.iso3);
      }
    }
    for (const n of [c.name, ...c.aliases]) {
      names.add(n, c.iso3);
      nameKeys.set(aliasKey(n), c.iso3);
    }
  }
  cached = { adjectives, names, adjectiveKeys, nameKeys };
  return cached;
}

/** The country a nationality adjective (any form, proclitics allowed) names, or null. */
export function nationalityOf(text: string): string | null {
  const p = countryPhrases();
  const toks = aliasKey(text).split(" ").filter(Boolean);
  if (toks.length === 0) return null;
  const m = p.adjectives.match(toks, 0);
  return m && m.end === toks.length ? m.value : null;
}
