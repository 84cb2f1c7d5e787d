/**
 * Learns the word context profiles the NER tagger reads
 * (models/ner/profiles.tsv.gz, see src/nlp/ner/profiles.ts) from the
 * unlabeled news in ../shared/data/news/*.jsonl: for every word (mention
 * form: one-letter proclitics off, as the tagger reads it), how often its
 * left neighbour is a trigger word of each class (titles, organization and
 * place heads, verbs of saying, event heads: src/nlp/ner/triggers.ts), the
 * preposition في, an opening «, or a given name (first words of person
 * names in the annotated training corpora, never ANERcorp dev).
 *
 * Run by scripts/train/ner.ts when the file is absent (or with --profiles);
 * standalone: node dist/scripts/train/ner-profiles.js [--out DIR]
 */
import { createReadStream, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { readConll } from "../../src/nlp/ner/conll.js";
import { procliticSkip, wordKey } from "../../src/nlp/ner/features.js";
import { PROFILE_BUCKETS, PROFILE_EXTRA, rateBucket, WordProfiles } from "../../src/nlp/ner/profiles.js";
import { triggerTable } from "../../src/nlp/ner/triggers.js";
import { dataDir, dataFile, MODELS_DIR } from "../../src/paths.js";
import { forEachToken } from "../../src/text/tokenize.js";

/** Parameters (recorded in profiles.json). */
export const PROFILE_PARAMS = {
  /** Words seen fewer times get no profile (their rates are noise). */
  minCount: 3,
  /** A class must be seen this many times after the word to count. */
  minClassCount: 2,
  classes: 8,
  /** A first word of a training person name counts as a given name when seen this often. */
  minGiven: 2,
};

const OPEN_QUOTES = new Set(["«", "“"]);
const log = (msg: string) => process.stderr.write(`[profiles ${process.uptime().toFixed(0)}s] ${msg}\n`);

/**
 * Given names: first words (mention form) of multi-word person names in the
 * annotated training corpora (ANERcorp train, AQMAR, Wojood train — never
 * ANERcorp dev), seen at least MIN_GIVEN times and not trigger words. The
 * gazetteer's person lists were too noisy for this ("خارجية", "فريق").
 */
function givenNames(triggers: ReadonlyMap<string, number>): Set<string> {
  const sentences = [
    ...readConll(need("ner", "anercorp", "train.conll")),
    ...readConll(need("ner", "wojood", "train.txt"), "wojood"),
    ...readdirSync(need("ner", "aqmar"))
      .filter((f) => f.endsWith(".conll"))
      .sort()
      .flatMap((f) => readConll(join(need("ner", "aqmar"), f), "aqmar")),
  ];
  const counts = new Map<string, number>();
  for (const s of sentences) {
    for (let i = 0; i + 1 < s.tags.length; i++) {
      if (s.tags[i] !== "B-PER" || s.tags[i + 1] !== "I-PER") continue;
      const skip = procliticSkip(s.tokens[i]);
      const k = wordKey(s.tokens[i].slice(skip));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [k, c] of counts) if (c >= PROFILE_PARAMS.minGiven && k.length >= 2 && !triggers.has(k)) out.add(k);
  return out;
}

function need(...parts: string[]): string {
  const p = dataFile(...parts);
  if (!p) throw new Error(`${parts.join("/")} not found under ${dataDir()} (set MARSAD_DATA)`);
  return p;
}

/** Learn profiles from the news and write profiles.tsv.gz + profiles.json into `outDir`. */
export async function trainProfiles(outDir: string): Promise<void> {
  const newsDir = dataFile("news");
  if (!newsDir) throw new Error(`news data not found under ${dataDir()} (set MARSAD_DATA)`);
  const files = readdirSync(newsDir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => join(newsDir, f));
  const triggers = triggerTable();
  const given = givenNames(triggers);
  log(`${given.size} given names from the training corpora`);
  const C = PROFILE_PARAMS.classes;
  const mentionOf = new Map<string, string>();
  const mention = (surface: string): string => {
    let m = mentionOf.get(surface);
    if (m === undefined) {
      const skip = procliticSkip(surface);
      m = wordKey(skip > 0 ? surface.slice(skip) : surface);
      if (mentionOf.size < 2_000_000) mentionOf.set(surface, m);
    }
    return m;
  };
  const total = new Map<string, number>();
  const byClass = new Map<string, Int32Array>();
  let articles = 0;
  let tokens = 0;
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      if (!line.trim()) continue;
      let rec: { title?: string; text?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        continue;
      }
      articles++;
      const body = `${rec.title ?? ""}\n${rec.text ?? ""}`;
      for (const para of body.split(/\n+/)) {
        let prevKey = "";
        let prevSurface = "";
        forEachToken(para, (s, e, kind) => {
          const surface = para.slice(s, e);
          tokens++;
          if (kind !== "word") {
            prevKey = "";
            prevSurface = surface;
            return;
          }
          const m = mention(surface);
          total.set(m, (total.get(m) ?? 0) + 1);
          const t = prevKey ? triggers.get(prevKey) : undefined;
          const hit = (c: number) => {
            let a = byClass.get(m);
            if (a === undefined) {
              a = new Int32Array(C + 1);
              byClass.set(m, a);
            }
            a[c]++;
          };
          if (t !== undefined) hit(t);
          if (prevKey === "في") hit(PROFILE_EXTRA.AFTER_FI);
          if (OPEN_QUOTES.has(prevSurface)) hit(PROFILE_EXTRA.QUOTED);
          if (prevKey && given.has(prevKey)) hit(PROFILE_EXTRA.AFTER_GIVEN_NAME);
          prevKey = m;
          prevSurface = surface;
        });
      }
    }
  }
  log(`${articles} articles, ${tokens} tokens, ${total.size} word types`);
  const entries = new Map<string, Uint16Array>();
  for (const [m, a] of byClass) {
    const n = total.get(m) ?? 0;
    if (n < PROFILE_PARAMS.minCount) continue;
    const codes: number[] = [];
    for (let c = 1; c <= C; c++) {
      if (a[c] < PROFILE_PARAMS.minClassCount) continue;
      const b = rateBucket(a[c] / n);
      if (b >= 0) codes.push(c * PROFILE_BUCKETS + b);
    }
    if (codes.length > 0) entries.set(m, Uint16Array.from(codes));
  }
  const profiles = new WordProfiles(entries);
  const buf = profiles.serialize();
  writeFileSync(join(outDir, "profiles.tsv.gz"), buf);
  const meta = {
    built: new Date().toISOString(),
    data: files.map((f) => f.slice(dataDir().length + 1)),
    articles,
    tokens,
    words: entries.size,
    params: PROFILE_PARAMS,
    bytes: buf.length,
  };
  writeFileSync(join(outDir, "profiles.json"), `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote ${join(outDir, "profiles.tsv.gz")}: ${entries.size} words, ${buf.length} bytes`);
  for (const probe of ["الوكره", "الغرافه", "ساركوزي", "ارامكو", "القاهره"]) {
    log(`${probe}: ${Array.from(entries.get(probe) ?? []).join(",")}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--out");
  trainProfiles(i >= 0 ? process.argv[i + 1] : join(MODELS_DIR, "ner")).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
