/**
 * Builds models/events/triggers.tsv — the dictionary part of the events
 * lexicon — from UniversalPetrarch's Arabic CAMEO verb dictionary, and
 * measures how often each kept entry fires on real news.
 *
 *   npm run train:events            (or: node dist/scripts/train/events.js [--data DIR] [--articles N])
 *
 * Reads ../shared/data/events/universalpetrarch-ar/CAMEO.ar.0.5.txt (+ its
 * synsets.ar.txt) and events/plover/CAMEO2PLOVER-2021.txt; for the firing
 * counts, the first N articles of news/skynews.jsonl.
 *
 * Why so much is left out. CAMEO.ar is a machine translation of the English
 * CAMEO verb file: glosses are right ("رفض # refuse,deny,reject") but codes
 * were often carried over to the wrong line ("قصف # bomb" under 085 ease
 * sanctions, "انضم # join" under 192 occupy). So:
 *   - a bare verb is kept only when the PLOVER type of its code and the type
 *     its English gloss names (GLOSS_TYPES) agree;
 *   - a verb + object pattern is a candidate when it is one object phrase
 *     (1–2 words or a synonym set of single words) with no actor slots and
 *     its code maps to a Marsad type;
 *   - entries the curated table (src/nlp/events/curated.ts) already has are
 *     dropped: curated wins;
 *   - candidates are counted on news, and only those in REVIEWED (read
 *     against those firings and judged right, with the target frame the
 *     dictionary does not give) are written.
 * Writes models/events/triggers.tsv and models/events/metadata.json.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { InputError } from "../../src/errors.js";
import { parseCameoToPlover, parseSynsets, parseVerbDictionary, splitVerbForm } from "../../src/nlp/events/dictionary.js";
import {
  buildLexicon,
  DIRECT_OBJECT,
  type DictionaryRow,
  isPloverType,
  objectTerm,
  type PloverType,
  TRIGGERS_FILE,
  TRIGGERS_HEADER,
} from "../../src/nlp/events/lexicon.js";
import { VerbMatcher } from "../../src/nlp/events/verbs.js";
import { dataDir, MODELS_DIR } from "../../src/paths.js";
import { normalizeKey } from "../../src/text/normalize.js";
import { tokenize } from "../../src/text/tokenize.js";

const CAMEO = ["events", "universalpetrarch-ar", "CAMEO.ar.0.5.txt"];
const SYNSETS = ["events", "universalpetrarch-ar", "synsets.ar.txt"];
const PLOVER = ["events", "plover", "CAMEO2PLOVER-2021.txt"];
const NEWS = ["news", "skynews.jsonl"];
/** News articles scanned for firing counts. */
const DEFAULT_ARTICLES = 3000;

/**
 * Where Marsad departs from CAMEO2PLOVER-2021 (code prefix → type, or null
 * for "not an event type Marsad codes"). The 2021 table folds 09 and 11
 * into ACCUSE and 163 into COERCE; the PLOVER reference (and the brief) keep
 * DISAPPROVE for criticism and SANCTION for sanctions.
 */
const CODE_ADJUSTMENTS: ReadonlyArray<[prefix: string, type: PloverType | null]> = [
  ["09", null], // investigate: no INVESTIGATE type here
  ["110", "DISAPPROVE"],
  ["111", "DISAPPROVE"],
  ["113", "DISAPPROVE"],
  ["163", "SANCTION"],
];

/** English glosses → the PLOVER type they name. A bare dictionary verb needs its code to agree. */
const GLOSS_TYPES: Record<PloverType, string[]> = {
  AGREE: ["agree", "pledge", "promise", "vow", "commit"],
  CONSULT: ["meet", "visit", "host", "discuss", "negotiate", "consult", "confer", "talk"],
  SUPPORT: ["support", "back", "endorse", "praise", "hail", "welcome", "commend", "applaud", "recognize", "apologize", "forgive", "sign"],
  COOPERATE: ["cooperate", "collaborate"],
  AID: ["aid", "help", "assist", "supply", "donate"],
  REQUEST: ["ask", "appeal", "request", "urge", "seek"],
  DEMAND: ["demand"],
  ACCUSE: ["accuse", "allege", "charge", "blame", "sue", "complain"],
  DISAPPROVE: ["criticize", "condemn", "denounce", "oppose", "protest", "object", "disagree", "deplore", "decry", "censure", "refute"],
  REJECT: ["reject", "refuse", "deny", "decline", "veto", "rebuff"],
  THREATEN: ["threaten"],
  PROTEST: ["demonstrate", "rally"],
  SANCTION: ["sanction", "boycott", "expel", "sever", "suspend"],
  MOBILIZE: ["mobilize", "mobilise", "deploy"],
  COERCE: ["arrest", "detain", "seize", "confiscate", "ban", "occupy", "deport", "capture"],
  ASSAULT: ["attack", "bomb", "shell", "assassinate", "abduct", "kidnap", "hijack", "shoot", "raid", "invade", "torture", "blitz"],
  RETREAT: ["withdraw", "retreat", "release", "free", "resign", "surrender", "evacuate"],
  CONCEDE: ["concede", "yield", "ease"],
};

/**
 * Dictionary entries read against their firings on news (this script's
 * counts) and judged to mean their type there. Key: "lemma TYPE object"
 * (the object's first alternative; empty for a bare verb). Value: the target
 * frame, which the dictionary does not give (see curated.ts for the
 * notation). Every other entry is dropped: in the review most that fire are
 * mistranslations or carry another line's code (دفع "push/pay" as SUPPORT,
 * اطلق "launch" as ASSAULT, قبل "before" as AGREE, وفق "according to" as
 * AGREE, نقل + currency as AID), and entries that never fire in 3,000
 * articles cannot be checked at all.
 */
const REVIEWED: Record<string, string> = {
  "تحدث CONSULT ": "مع إلى", // spoke with / to
  "تكلم CONSULT ": "مع إلى",
  "انسحب SANCTION معاهدة": "مع", // withdraw from a treaty (with)
  "اعلن AGREE اتفاق": "مع", // announce an agreement with
  "طلب REQUEST لجوء": "في من", // ask for asylum in / from
  "طلب REQUEST تسليم": "من", // ask for extradition from
  "قدم ACCUSE شكوى": "ضد", // lodge a complaint against
  "الغى SANCTION اتفاق": "مع", // cancel an agreement with
  "منع COERCE دخول": "obj", // bar entry of
  "فرض COERCE غرامة": "على", // fine
  "ادان COERCE تهمة": "obj", // convict of a charge
  "وجه COERCE تهمة": "إلى ل", // charge someone
  "منح AID مليار": "obj ل", // grant a billion
  "اجرى CONSULT مفاوضة": "مع", // hold negotiations with
  "سيطر COERCE بلدة": "obj على", // take a town
  "قطع SANCTION اتصال": "مع", // cut contacts with
  "وقع SUPPORT صفقة": "مع", // sign a deal with
  "وافق AGREE معاهدة": "مع", // approve an agreement with
  "وجه ASSAULT ضربة": "ل إلى", // strike (deal a blow to)
};
const reviewed = new Map(Object.entries(REVIEWED).map(([k, v]) => [normalizeKey(k), v]));
/** Fewest firings in the news scan for an entry to be reviewed at all. */
const MIN_FIRED = 3;

/** Standalone prepositions (as dictionary particles after "+"). */
const PREPOSITIONS = new Set(["في", "على", "الى", "إلى", "من", "عن", "مع", "ب", "ل", "ضد"].map((w) => normalizeKey(w)));
/** One-letter and function words that are not object content. */
const FUNCTION_WORDS = new Set(
  ["ال", "هوو", "ب", "ل", "ك", "و", "ف", "من", "في", "على", "الى", "عن", "مع", "ضد", "قبل", "بعد", "اجل"].map((w) => normalizeKey(w)),
);
/** Shortest object word kept (two-letter lemmas are mostly translation debris: حر, حد). */
const MIN_OBJECT_LETTERS = 3;

function ploverType(code: string, map: Map<string, { type: string; mode: string }>): PloverType | null {
  for (const [prefix, t] of CODE_ADJUSTMENTS) if (code.startsWith(prefix)) return t;
  for (let n = code.length; n >= 2; n--) {
    const hit = map.get(code.slice(0, n));
    if (hit) return isPloverType(hit.type) ? hit.type : null;
  }
  return null;
}

const glossIndex = new Map<string, PloverType>();
for (const [type, words] of Object.entries(GLOSS_TYPES) as Array<[PloverType, string[]]>) for (const w of words) glossIndex.set(w, type);

/** A verb lemma usable by the verb matcher: one word, Arabic letters, three letters or more. */
function usableLemma(l: string): boolean {
  const k = normalizeKey(l);
  return /^[\u0621-\u064a]{3,}$/.test(k);
}

interface Candidate extends DictionaryRow {
  key: string;
  fired: number;
}

/** Object alternatives of one pattern, or null when it is not a simple object phrase. */
function patternObjects(text: string, synsets: Map<string, string[]>): string[] | null {
  if (/[$+%^]/.test(text)) return null;
  const star = text.indexOf("*");
  if (star < 0 || text.slice(0, star).trim() !== "") return null; // words before the verb
  const rest = text
    .slice(star + 1)
    .replace(/[(){}]/g, " ")
    .trim();
  if (rest === "" || rest.includes("*") || rest.includes("-")) return null;
  const words = rest.split(/\s+/).filter((w) => !FUNCTION_WORDS.has(normalizeKey(w)));
  if (words.length === 0 || words.length > 2) return null;
  const syn = words.filter((w) => w.startsWith("&"));
  if (syn.length > 1 || (syn.length === 1 && words.length > 1)) return null;
  if (syn.length === 1) {
    const members = synsets.get(syn[0]) ?? [];
    const single = members.filter((m) => !m.includes(" ") && normalizeKey(m).length >= MIN_OBJECT_LETTERS);
    return single.length > 0 ? single : null;
  }
  // One-letter prefixes glued to a word ("لمحادثات", "باحتجاج") are prepositions: the term drops them.
  if (words.some((w) => normalizeKey(w).length < MIN_OBJECT_LETTERS)) return null;
  return [words.join(" ")];
}

async function fireCounts(newsPath: string | null, articles: number, cands: Candidate[]): Promise<number> {
  if (!newsPath) return 0;
  const matcher = new VerbMatcher(cands.map((c) => ({ lemma: c.lemma, imperfect: c.imperfect || undefined })));
  const byLemma = new Map<string, Candidate[]>();
  for (const c of cands) {
    const k = normalizeKey(c.lemma);
    const list = byLemma.get(k) ?? [];
    list.push(c);
    byLemma.set(k, list);
  }
  const objTerms = new Map<Candidate, string[][]>();
  for (const c of cands) objTerms.set(c, c.object ? c.object.split("|").map((a) => a.split(" ").map(objectTerm)) : []);
  const rl = createInterface({ input: createReadStream(newsPath, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    if (n >= articles) break;
    if (!line.trim()) continue;
    let rec: { title?: string; text?: string };
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    n++;
    const text = `${rec.title ?? ""}\n${rec.text ?? ""}`;
    const toks = tokenize(text).filter((t) => t.kind === "word");
    const words = toks.map((t) => text.slice(t.start, t.end));
    const terms: Array<string | undefined> = [];
    const termAt = (j: number) => (terms[j] ??= objectTerm(words[j]));
    for (let i = 0; i < words.length; i++) {
      const ms = matcher.match(words[i]);
      if (ms.length === 0) continue;
      const seen = new Set<Candidate>();
      for (const m of ms) {
        for (const c of byLemma.get(m.lemma) ?? []) {
          if (seen.has(c)) continue;
          const alts = objTerms.get(c)!;
          if (alts.length === 0) {
            seen.add(c);
            c.fired++;
            continue;
          }
          outer: for (let j = i + 1; j < words.length && j <= i + 6; j++) {
            for (const alt of alts) {
              if (alt.every((t, k) => j + k < words.length && termAt(j + k) === t)) {
                seen.add(c);
                c.fired++;
                break outer;
              }
            }
          }
        }
      }
    }
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: "string" }, articles: { type: "string" } } });
  const data = values.data ?? dataDir();
  const cameoPath = join(data, ...CAMEO);
  const ploverPath = join(data, ...PLOVER);
  if (!existsSync(cameoPath)) throw new InputError(cameoPath, "UniversalPetrarch CAMEO.ar not found (set --data or MARSAD_DATA)");
  if (!existsSync(ploverPath)) throw new InputError(ploverPath, "CAMEO2PLOVER table not found (set --data or MARSAD_DATA)");
  const articles = values.articles ? Number(values.articles) : DEFAULT_ARTICLES;
  if (!Number.isInteger(articles) || articles < 0) throw new InputError("--articles", "needs a whole number");

  const cameoText = readFileSync(cameoPath, "utf8");
  const synsets = parseSynsets(cameoText);
  const synPath = join(data, ...SYNSETS);
  if (existsSync(synPath)) for (const [k, v] of parseSynsets(readFileSync(synPath, "utf8"))) if (!synsets.has(k)) synsets.set(k, v);
  const blocks = parseVerbDictionary(cameoText);
  const plover = parseCameoToPlover(readFileSync(ploverPath, "utf8"));

  // Curated entries, to drop what they already cover.
  const curated = buildLexicon([]);
  const stats = {
    blocks: blocks.length,
    verbLines: 0,
    patterns: 0,
    bareKept: 0,
    bareCodeGlossDisagree: 0,
    bareNoType: 0,
    patternKept: 0,
    patternNotSimple: 0,
    patternNoType: 0,
    curatedOverlap: 0,
  };
  const cands = new Map<string, Candidate>();
  const add = (row: DictionaryRow) => {
    const k = normalizeKey(row.lemma);
    const objs = row.object ? row.object.split("|").map((o) => o.split(" ").map(objectTerm).join(" ")) : [];
    if (objs.length === 0 && curated.bareVerbs.has(k)) return stats.curatedOverlap++;
    if (objs.length > 0 && (curated.phrases.get(k) ?? []).some((p) => p.objects.some((o) => objs.includes(o.join(" ")))))
      return stats.curatedOverlap++;
    const key = normalizeKey(`${k} ${row.type} ${row.object.split("|")[0]}`);
    if (!cands.has(key)) cands.set(key, { ...row, key, fired: 0 });
  };

  for (const b of blocks) {
    for (const v of b.verbs) {
      stats.verbLines++;
      if (!v.code) continue;
      const type = ploverType(v.code, plover);
      if (!type) {
        stats.bareNoType++;
        continue;
      }
      const glossTypes = new Set(v.gloss.map((g) => glossIndex.get(g)).filter(Boolean));
      if (!glossTypes.has(type)) {
        stats.bareCodeGlossDisagree++;
        continue;
      }
      const { lemma, objects, preps } = splitVerbForm(v.form, PREPOSITIONS);
      if (!usableLemma(lemma)) continue;
      stats.bareKept++;
      add({
        lemma,
        imperfect: "",
        type,
        object: objects.join(" "),
        frame: preps.length ? preps.join(" ") : DIRECT_OBJECT,
        cameo: v.code,
        gloss: v.gloss.join(","),
      });
    }
    const blockVerbs = new Set([b.lemma, ...b.verbs.map((v) => v.form)].map((f) => normalizeKey(f.split("+")[0])));
    for (const p of b.patterns) {
      stats.patterns++;
      const type = ploverType(p.code, plover);
      if (!type) {
        stats.patternNoType++;
        continue;
      }
      const objects = patternObjects(p.text, synsets);
      if (!objects) {
        stats.patternNotSimple++;
        continue;
      }
      const verbs = new Set<string>();
      for (const v of p.verbs) {
        const { lemma } = splitVerbForm(v.replace(/_/g, " "), PREPOSITIONS);
        if (!lemma.includes(" ") && usableLemma(lemma)) verbs.add(lemma);
      }
      if (verbs.size === 0) for (const v of blockVerbs) if (usableLemma(v)) verbs.add(v);
      for (const lemma of verbs) {
        stats.patternKept++;
        add({ lemma, imperfect: "", type, object: objects.join("|"), frame: DIRECT_OBJECT, cameo: p.code, gloss: "" });
      }
    }
  }

  const all = [...cands.values()];
  const newsPath = join(data, ...NEWS);
  const scanned = await fireCounts(existsSync(newsPath) ? newsPath : null, articles, all);
  all.sort((a, b) => b.fired - a.fired || a.key.localeCompare(b.key));
  const list: Candidate[] = [];
  for (const c of all) {
    const frame = reviewed.get(c.key);
    if (frame === undefined) continue;
    list.push({ ...c, frame });
  }
  const missing = Object.keys(REVIEWED).filter((k) => !cands.has(normalizeKey(k)));
  if (missing.length) console.error(`train:events: reviewed entries not in the dictionary any more: ${missing.join(", ")}`);

  const out = join(MODELS_DIR, "events");
  mkdirSync(out, { recursive: true });
  const lines = [
    "# Event triggers from UniversalPetrarch's Arabic CAMEO dictionary (MIT, Open Event Data Alliance),",
    "# filtered by scripts/train/events.ts; curated triggers live in src/nlp/events/curated.ts.",
    TRIGGERS_HEADER.join("\t"),
    ...list.map((c) => [c.lemma, c.imperfect, c.type, c.object, c.frame, c.cameo, c.gloss].join("\t")),
  ];
  writeFileSync(join(out, TRIGGERS_FILE), `${lines.join("\n")}\n`);
  const meta = {
    built: new Date().toISOString().slice(0, 10),
    sources: {
      dictionary: CAMEO.join("/"),
      synsets: SYNSETS.join("/"),
      mapping: PLOVER.join("/"),
      firingScan: `${NEWS.join("/")} (first ${scanned} articles)`,
    },
    counts: {
      ...stats,
      candidates: all.length,
      firedAtLeastMin: all.filter((c) => c.fired >= MIN_FIRED).length,
      neverFired: all.filter((c) => c.fired === 0).length,
      written: list.length,
      bare: list.filter((c) => !c.object).length,
      phrases: list.filter((c) => c.object).length,
    },
    curated: { verbs: curated.counts.curatedVerbs, phrases: curated.counts.curatedPhrases, nouns: curated.counts.curatedNouns },
    written: list.map((c) => ({
      lemma: c.lemma,
      object: c.object.split("|").slice(0, 3).join("|"),
      type: c.type,
      cameo: c.cameo,
      frame: c.frame,
      fired: c.fired,
    })),
    droppedTopFiring: all
      .filter((c) => c.fired >= MIN_FIRED && !reviewed.has(c.key))
      .slice(0, 25)
      .map((c) => ({ lemma: c.lemma, object: c.object.split("|")[0], type: c.type, cameo: c.cameo, fired: c.fired })),
  };
  writeFileSync(join(out, "metadata.json"), `${JSON.stringify(meta, null, 1)}\n`);
  console.log(JSON.stringify(meta, null, 1));
}

main().catch((err) => {
  console.error(err instanceof InputError ? `train:events: ${err.message}` : err);
  process.exit(1);
});
