/**
 * Builds models/kb/ — the seed knowledge base — from ../shared/data and the
 * i18n-iso-countries package, and measures the transliteration skeleton.
 *
 *   node dist/scripts/train/kb.js [--data DIR]
 *
 * Writes (small, committed, readable):
 *   countries.tsv       ISO countries: Arabic name, aliases, nationality adjectives
 *   seed.tsv            KB rows (src/kb/rows.ts): one LOC per country, the
 *                       actor dictionary's people with aliases, role codes
 *                       and dated title holders
 *   native-tokens.txt   words of Arab-country person names (exempt from the skeleton)
 *   metadata.json       sources, date, counts and the skeleton figures
 * models/kb/curated.tsv is written by hand and only read here for its count.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../src/errors.js";
import { actorRows, parseActorDict } from "../../src/kb/actors.js";
import { buildCountryTable, COUNTRIES_FILE, countriesToTsv } from "../../src/kb/countries.js";
import { CURATED_FILE, countryRows, NATIVE_FILE, SEED_FILE } from "../../src/kb/index.js";
import { rowsFromTsv, rowsToTsv } from "../../src/kb/rows.js";
import { measureSkeleton, parseAnetac, skeletonCollisions } from "../../src/kb/variants.js";
import { dataDir, MODELS_DIR } from "../../src/paths.js";

const ACTOR_DICT = ["events", "universalpetrarch-ar", "actor_dict_ar_v4.txt"];
const ANETAC = ["lexicons", "anetac", "en-ar-named-entities.txt"];

function main(): void {
  const { values } = parseArgs({ options: { data: { type: "string" } } });
  const data = values.data ?? dataDir();
  const dictPath = join(data, ...ACTOR_DICT);
  if (!existsSync(dictPath)) throw new InputError(dictPath, "actor dictionary not found (set --data or MARSAD_DATA)");
  const out = join(MODELS_DIR, "kb");
  mkdirSync(out, { recursive: true });

  const countries = buildCountryTable();
  writeFileSync(join(out, COUNTRIES_FILE), countriesToTsv(countries));

  const entries = parseActorDict(readFileSync(dictPath, "utf8"));
  const actors = actorRows(entries, countries);
  const rows = [...countryRows(), ...actors.rows];
  writeFileSync(join(out, SEED_FILE), rowsToTsv(rows));
  const native = [...actors.native].sort();
  writeFileSync(
    join(out, NATIVE_FILE),
    `# Words of person names from Arab countries in the actor dictionary (scripts/train/kb.ts).\n${native.join("\n")}\n`,
  );
  const nativeSet = new Set(native);

  // Native names: how many the skeleton would merge with and without the exemption.
  const personNames = actors.rows.filter((r) => !r.alias.includes(":") && r.alias.includes(" ")).map((r) => r.alias);
  const collisionsRaw = skeletonCollisions(personNames);
  const collisionsNative = skeletonCollisions(personNames, nativeSet);

  let anetac: ReturnType<typeof measureSkeleton> | null = null;
  const anetacPath = join(data, ...ANETAC);
  if (existsSync(anetacPath)) anetac = measureSkeleton(parseAnetac(readFileSync(anetacPath, "utf8")), nativeSet);

  const curatedPath = join(out, CURATED_FILE);
  const curated = existsSync(curatedPath) ? rowsFromTsv(readFileSync(curatedPath, "utf8"), curatedPath).length : 0;
  const meta = {
    built: new Date().toISOString().slice(0, 10),
    sources: {
      countries: "i18n-iso-countries (Arabic names) + hand tables in src/kb/countries.ts",
      actors: ACTOR_DICT.join("/"),
      skeletonCheck: ANETAC.join("/"),
    },
    counts: {
      countries: countries.length,
      countriesWithAdjectives: countries.filter((c) => c.adjectives.length > 0).length,
      actorEntries: actors.stats.entries,
      persons: actors.stats.persons,
      titleRows: actors.stats.titleRows,
      surnameAliases: actors.stats.surnameAliases,
      oneWordEntriesSkipped: actors.stats.skippedOneWord,
      seedRows: rows.length,
      curatedRows: curated,
      nativeTokens: native.length,
    },
    skeleton: {
      anetac,
      actorPersonNames: {
        names: collisionsRaw.names,
        mergedWithoutNativeExemption: collisionsRaw.merged,
        mergedWithExemption: collisionsNative.merged,
      },
    },
    sizes: Object.fromEntries([SEED_FILE, COUNTRIES_FILE, NATIVE_FILE].map((f) => [f, statSync(join(out, f)).size])),
  };
  writeFileSync(join(out, "metadata.json"), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(JSON.stringify(meta, null, 2));
}

try {
  main();
} catch (e) {
  if (e instanceof InputError) {
    console.error(`marsad: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
