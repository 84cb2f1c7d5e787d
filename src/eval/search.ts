/**
 * `marsad eval search`: morphological recall of search. When a reader types
 * a word, which share of the articles that contain it — in ANY clitic or
 * inflected form — does the search find? Measured for our index (BM25 over
 * analyzer terms, src/store) side by side with SQLite FTS5's plain
 * `unicode61` tokenizer over the raw text (what an off-the-shelf index does),
 * and, given --pg URL, PostgreSQL's built-in `arabic` configuration
 * (src/store/postgres/peer.ts).
 *
 * Gold, independent of our analyzer (so the figure is not circular): a
 * document belongs to word w when its text has a token whose normalizeKey is
 *   proclitics + base + suffix
 * with base = w without its article, proclitics from PROCLITICS (و ف ب ل ك,
 * their pairs, and the article forms ال بال لل وال …), suffix from SUFFIXES
 * (pronoun enclitics ه ها هم كم نا …, dual and sound-plural endings ان ين ون
 * ات; for a word in ة also its ت forms: دولة → دولته, دولتان). The nisba ي
 * is NOT a form (الصيني "Chinese" is another word than الصين "China").
 *
 * Words: nouns and names frequent in the corpus, chosen without the analyzer:
 * not stopwords, at least MIN_WORD_CHARS letters, seen in MIN_NOUN_DOCS
 * documents with ب (or بال/لل) attached — only nouns take it — and not
 * themselves a clitic or inflected form of an attested word (وبوتين, فريقه,
 * لاعبين are not sampled; بوتين, فريق, لاعب are). A seeded sample of them,
 * plus the words the issue names.
 *
 *   recall    = |found ∩ gold| / |gold|       per word, then averaged (macro)
 *   precision = |found ∩ gold| / |found|      (our analyzer also conflates
 *               what the gold tables do not list, e.g. broken spellings; a
 *               low value would mean over-conflation)
 *
 * The database: --db=PATH (default ./marsad.db). When it is missing or
 * empty, an even sample of the gold JSONL (--sample, default 2000 articles)
 * is ingested into a temporary database first.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { InputError } from "../errors.js";
import { ingest } from "../ingest/ingest.js";
import { readLines } from "../io/lines.js";
import { dataDir } from "../paths.js";
import { parseQuery } from "../search/query.js";
import { clauses } from "../search/search.js";
import { openStore, storeLocation } from "../store/open.js";
import type { Store } from "../store/types.js";
import { lexicon } from "../text/lexicon.js";
import { normalizeKey } from "../text/normalize.js";
import { forEachToken } from "../text/tokenize.js";
import type { EvalOptions, EvalResult, Evaluation, Figure } from "./types.js";

/** Proclitic sequences (normalized). The second list carries the article. */
const PROCLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];
const ARTICLE_PROCLITICS = ["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال"];
/**
 * Pronoun enclitics and inflectional endings (normalized: ة is ه). Not ي
 * and not يه: after a noun they are mostly the nisba adjective (صيني,
 * الصينية, مركزية), another word.
 */
const SUFFIXES = ["", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ان", "ين", "ون", "ات"];
/** Enclitics alone, for telling a clitic form (فريقه) from a word. */
const ENCLITICS = ["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا"];
/**
 * Prepositions whose attachment marks a noun (for choosing words), without
 * and with the article. Not a bare ل: it also attaches to verbs (ليبلغ).
 */
const NOUN_MARKERS = ["ب", "وب", "فب"];
const ARTICLE_NOUN_MARKERS = ["بال", "لل", "وبال", "ولل"];
/** Inflectional endings: a word ending in one whose stem is attested is an inflected form, not a query word. */
const INFLECTIONS = ["ات", "ين", "ون", "ان"];
/** "Attested": seen in at least this share of the documents of the word itself. */
const SHADOW_SHARE = 0.25;

/** Word choice: shortest query word, and its least attested noun use. */
const MIN_WORD_CHARS = 4;
const MIN_BASE_CHARS = 3;
const MIN_NOUN_DOCS = 3;
/** Candidates come from this many most frequent qualifying words. */
const CANDIDATE_POOL = 400;
export const DEFAULT_WORDS = 60;
export const DEFAULT_SAMPLE = 2000;
/** Sample and word counts for --quick. */
const QUICK_SAMPLE = 400;
const QUICK_WORDS = 20;
/** Stages not needed to build a search index. */
const SEARCH_ONLY_SKIP = ["ner", "link", "quotes", "topics", "keywords", "summary", "dates"];
const SEED = 20240601;
/** Missed forms listed per word in --json. */
const MISSED_SHOWN = 5;
/** Words the issue names: always measured when the corpus has them. */
const NAMED = ["بوتين", "الصين"];
/** Clitic forms the issue requires the named words to find. */
const REQUIRED_FORMS: Record<string, string[]> = { بوتين: ["لبوتين", "وبوتين"], الصين: ["بالصين"] };

interface WordScore {
  word: string;
  gold: number;
  forms: number;
  /** Gold forms in documents our search missed, with how many such documents. */
  missed: Array<[form: string, docs: number]>;
  marsad: { found: number; recall: number; precision: number };
  fts5: { found: number; recall: number };
  postgres?: { found: number; recall: number; precision: number };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function baseOf(w: string): { base: string; article: boolean } {
  return w.startsWith("ال") && w.length - 2 >= MIN_BASE_CHARS ? { base: w.slice(2), article: true } : { base: w, article: false };
}

/** Every gold surface key of `w` (see the header). */
export function goldForms(w: string): Set<string> {
  const { base } = baseOf(w);
  const stems = [base];
  if (base.endsWith("ه")) {
    const root = base.slice(0, -1);
    stems.push(`${root}ت`); // ة before an enclitic or the dual: دولته, دولتان
    stems.push(`${root}ات`); // the plural replaces ة: حكومة → حكومات, حكوماتها
  }
  const out = new Set<string>();
  for (const p of [...PROCLITICS, ...ARTICLE_PROCLITICS]) for (const s of stems) for (const x of SUFFIXES) out.add(p + s + x);
  return out;
}

interface Corpus {
  ids: string[];
  texts: string[];
}

async function loadCorpus(store: Store): Promise<Corpus> {
  const ids: string[] = [];
  const texts: string[] = [];
  for await (const d of store.documents()) {
    ids.push(d.id);
    texts.push(d.text);
  }
  return { ids, texts };
}

function eachKey(text: string, fn: (key: string, surface: string) => void): void {
  forEachToken(text, (s, e, kind) => {
    if (kind === "word") {
      const surface = text.slice(s, e);
      fn(normalizeKey(surface), surface);
    }
  });
}

/** Nouns and names to measure, chosen from corpus counts only. */
function chooseWords(corpus: Corpus, n: number): string[] {
  const df = new Map<string, number>();
  for (const t of corpus.texts) {
    const seen = new Set<string>();
    eachKey(t, (k) => seen.add(k));
    for (const k of seen) df.set(k, (df.get(k) ?? 0) + 1);
  }
  const stop = lexicon().stopwords;
  const count = (k: string) => df.get(k) ?? 0;
  const candidates: Array<{ w: string; df: number }> = [];
  for (const [w, d] of df) {
    if (w.length < MIN_WORD_CHARS || stop.has(w) || !/^[\u0621-\u064a]+$/.test(w)) continue;
    const { base, article } = baseOf(w);
    // Noun evidence: a preposition attached (بالصين, للصين; لبوتين, ببوتين).
    const nounUses = (article ? ARTICLE_NOUN_MARKERS : NOUN_MARKERS).reduce((sum, m) => sum + count(m + base), 0);
    if (nounUses < MIN_NOUN_DOCS) continue;
    // Not itself a clitic or inflected form of an attested word (وبوتين, فريقه, لاعبين, الشركات).
    const attested = (k: string) => k.length >= MIN_BASE_CHARS && count(k) + count(`ال${k}`) >= d * SHADOW_SHARE;
    const shadowed =
      PROCLITICS.slice(1).some((p) => w.startsWith(p) && attested(w.slice(p.length))) ||
      ENCLITICS.some((x) => base.endsWith(x) && (attested(base.slice(0, -x.length)) || stop.has(base.slice(0, -x.length)))) ||
      INFLECTIONS.some((x) => base.endsWith(x) && (attested(base.slice(0, -x.length)) || attested(`${base.slice(0, -x.length)}ه`)));
    if (shadowed) continue;
    candidates.push({ w, df: d });
  }
  candidates.sort((a, b) => b.df - a.df || (a.w < b.w ? -1 : 1));
  const pool = candidates.slice(0, CANDIDATE_POOL).map((c) => c.w);
  const rand = mulberry32(SEED);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const named = NAMED.map((w) => normalizeKey(w)).filter((w) => count(w) > 0);
  return [...new Set([...named, ...pool])].slice(0, Math.max(n, named.length));
}

/** Evenly spaced lines of a JSONL file into a temp file; returns its path. */
async function sampleJsonl(path: string, n: number, into: string): Promise<string> {
  let total = 0;
  for await (const r of readLines(createReadStream(path))) if (r.ok && r.line.trim()) total++;
  const step = Math.max(1, Math.floor(total / n));
  const picked: string[] = [];
  let i = 0;
  for await (const r of readLines(createReadStream(path))) {
    if (!r.ok || !r.line.trim()) continue;
    if (i++ % step === 0 && picked.length < n) picked.push(r.line);
  }
  const out = join(into, "sample.jsonl");
  writeFileSync(out, `${picked.join("\n")}\n`);
  return out;
}

const pct = (x: number) => Math.round(x * 10000) / 100;

export const searchEval: Evaluation = {
  name: "search",
  summary: "morphological recall of search: a word finds its clitic/inflected forms (ours vs plain FTS5, PostgreSQL 'arabic')",
  defaultGold: "news/skynews.jsonl",
  flagsHelp: [
    "--db=PATH     database to measure (default ./marsad.db); missing or empty: a sample of the gold JSONL is ingested into a temp db",
    `--sample=N    articles ingested in that case (default ${DEFAULT_SAMPLE})`,
    `--words=N     words measured (default ${DEFAULT_WORDS})`,
    "--pg=URL      also measure PostgreSQL's 'arabic' text search configuration on that server",
  ].join("\n"),
  async run(opts: EvalOptions): Promise<EvalResult> {
    const flag = (name: string) => {
      const v = opts.flags[name];
      // `marsad eval` parses evaluation flags loosely: "--db PATH" arrives as db=true.
      if (v === true) throw new InputError(`--${name}`, `needs a value: write --${name}=VALUE`);
      return typeof v === "string" ? v : undefined;
    };
    const intFlag = (name: string, dflt: number) => {
      const v = flag(name);
      if (v === undefined) return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InputError(`--${name}`, `"${v}" is not a positive whole number`);
      return n;
    };
    // --quick (the scoreboard) measures on a smaller sample, in seconds.
    const quick = opts.flags.quick === true;
    const nWords = intFlag("words", intFlag("limit", quick ? QUICK_WORDS : DEFAULT_WORDS));
    const sample = intFlag("sample", quick ? QUICK_SAMPLE : DEFAULT_SAMPLE);
    const location = flag("db") ?? storeLocation(null);
    let tmp: string | null = null;
    let store: Store | null = null;
    let dbNote = location;
    try {
      if (existsSync(location) || /^postgres/i.test(location)) {
        store = await openStore(location, { create: false });
        dbNote = store.location; // without the password of a postgres:// URL
        if ((await store.stats()).documents === 0) {
          await store.close();
          store = null;
        }
      }
      if (!store) {
        const goldPath = opts.gold ?? join(dataDir(), "news", "skynews.jsonl");
        if (!existsSync(goldPath))
          throw new InputError(goldPath, "no database to measure and no JSONL to sample (set MARSAD_DATA, or pass --db)");
        tmp = mkdtempSync(join(tmpdir(), "marsad-eval-search-"));
        const jsonl = await sampleJsonl(goldPath, sample, tmp);
        store = await openStore(join(tmp, "sample.db"));
        // The index holds analyzer terms of the text; entity, quote and topic
        // stages add nothing to what is measured here, so they are skipped.
        const s = await ingest(store, [jsonl], { disable: SEARCH_ONLY_SKIP });
        if (s.added === 0) throw new InputError(goldPath, `no article could be ingested (${s.failures[0]?.reason ?? "empty file"})`);
        dbNote = `temporary database of ${s.added} articles sampled from ${goldPath}`;
      }
      const corpus = await loadCorpus(store);
      const words = chooseWords(corpus, nWords);
      if (words.length === 0) throw new InputError(location, "the corpus has no word that qualifies (too few documents?)");

      // Gold documents per word, and the spelling readers use most for it (the query typed).
      const formOf = new Map<string, number[]>();
      words.forEach((w, wi) => {
        for (const f of goldForms(w)) {
          const list = formOf.get(f);
          if (list) list.push(wi);
          else formOf.set(f, [wi]);
        }
      });
      const gold = words.map(() => new Set<number>());
      const formsSeen = words.map(() => new Set<string>());
      const spellings = words.map(() => new Map<string, number>());
      const formDocs = new Map<string, Set<number>>();
      corpus.texts.forEach((t, di) => {
        eachKey(t, (k, surface) => {
          const ws = formOf.get(k);
          if (!ws) return;
          for (const wi of ws) {
            gold[wi].add(di);
            formsSeen[wi].add(k);
            if (k === words[wi]) spellings[wi].set(surface, (spellings[wi].get(surface) ?? 0) + 1);
          }
          let fd = formDocs.get(k);
          if (!fd) {
            fd = new Set();
            formDocs.set(k, fd);
          }
          fd.add(di);
        });
        opts.progress(di + 1, corpus.texts.length * 2);
      });
      const queryOf = words.map((w, wi) => [...spellings[wi].entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? w);

      // The off-the-shelf baseline: FTS5 unicode61 over the raw text.
      const raw = new Database(":memory:");
      raw.exec("CREATE VIRTUAL TABLE raw USING fts5(text, tokenize = 'unicode61')");
      const ins = raw.prepare("INSERT INTO raw(rowid, text) VALUES (?, ?)");
      raw.transaction(() => {
        for (let i = 0; i < corpus.texts.length; i++) ins.run(i + 1, corpus.texts[i]);
      })();
      const rawFind = raw.prepare("SELECT rowid FROM raw WHERE raw MATCH ?").pluck();

      const index = new Map(corpus.ids.map((id, i) => [id, i]));
      const pgUrl = flag("pg");
      let pgFinds: Map<string, Set<string>> | null = null;
      if (pgUrl) {
        const { arabicConfigFinds } = await import("../store/postgres/peer.js");
        pgFinds = await arabicConfigFinds(
          pgUrl,
          corpus.ids.map((id, i) => ({ id, text: corpus.texts[i] })),
          queryOf,
        );
      }

      const scores: WordScore[] = [];
      for (let wi = 0; wi < words.length; wi++) {
        const g = gold[wi];
        const q = clauses(parseQuery(queryOf[wi]));
        const page = await store.search({ ...q, filters: {}, limit: corpus.ids.length, offset: 0 });
        const ours = new Set(page.hits.map((h) => index.get(h.id) as number));
        const base = new Set((rawFind.all(`"${queryOf[wi].replaceAll('"', '""')}"`) as number[]).map((r) => r - 1));
        const hit = (found: Set<number>) => [...found].filter((d) => g.has(d)).length;
        const missed = new Map<string, number>();
        for (const f of formsSeen[wi]) {
          const n = [...(formDocs.get(f) ?? [])].filter((d) => !ours.has(d)).length;
          if (n > 0) missed.set(f, n);
        }
        const score: WordScore = {
          word: queryOf[wi],
          gold: g.size,
          forms: formsSeen[wi].size,
          missed: [...missed.entries()].sort((a, b) => b[1] - a[1]).slice(0, MISSED_SHOWN),
          marsad: { found: ours.size, recall: g.size ? hit(ours) / g.size : 1, precision: ours.size ? hit(ours) / ours.size : 1 },
          fts5: { found: base.size, recall: g.size ? hit(base) / g.size : 1 },
        };
        if (pgFinds) {
          const pg = new Set([...(pgFinds.get(queryOf[wi]) ?? [])].map((id) => index.get(id) as number));
          score.postgres = { found: pg.size, recall: g.size ? hit(pg) / g.size : 1, precision: pg.size ? hit(pg) / pg.size : 1 };
        }
        scores.push(score);
        opts.progress(corpus.texts.length + Math.round(((wi + 1) / words.length) * corpus.texts.length), corpus.texts.length * 2);
      }
      raw.close();

      // The issue's own checks: every document with لبوتين / وبوتين is found by بوتين, …
      const required: Record<string, Record<string, { docs: number; found: number }>> = {};
      for (const [word, forms] of Object.entries(REQUIRED_FORMS)) {
        const q = clauses(parseQuery(word));
        const page = await store.search({ ...q, filters: {}, limit: corpus.ids.length, offset: 0 });
        const found = new Set(page.hits.map((h) => index.get(h.id) as number));
        required[word] = {};
        for (const f of forms) {
          // The named words are always measured, so formDocs has their forms.
          const docs = formDocs.get(normalizeKey(f)) ?? new Set<number>();
          required[word][f] = { docs: docs.size, found: [...docs].filter((d) => found.has(d)).length };
        }
      }

      const macro = (f: (s: WordScore) => number) => pct(scores.reduce((a, s) => a + f(s), 0) / scores.length);
      const goldPairs = scores.reduce((a, s) => a + s.gold, 0);
      const micro = (f: (s: WordScore) => number) => pct(scores.reduce((a, s) => a + f(s) * s.gold, 0) / Math.max(1, goldPairs));
      const figures: Figure[] = [
        { name: "recall marsad %", value: macro((s) => s.marsad.recall) },
        { name: "recall fts5-unicode61 %", value: macro((s) => s.fts5.recall) },
        { name: "precision marsad %", value: macro((s) => s.marsad.precision) },
      ];
      if (pgFinds) {
        figures.splice(2, 0, { name: "recall postgres-arabic %", value: macro((s) => s.postgres?.recall ?? 0) });
        figures.push({ name: "precision postgres-arabic %", value: macro((s) => s.postgres?.precision ?? 0) });
      }
      return {
        eval: "search",
        gold: dbNote,
        figures,
        details: {
          definition:
            "gold(w) = documents with a token whose normalizeKey is proclitics + base(w) + suffix (tables in src/eval/search.ts); recall/precision per word, macro-averaged",
          documents: corpus.ids.length,
          words: scores.length,
          microRecall: {
            marsad: micro((s) => s.marsad.recall),
            fts5: micro((s) => s.fts5.recall),
            ...(pgFinds ? { postgres: micro((s) => s.postgres?.recall ?? 0) } : {}),
          },
          engines: {
            marsad: "FTS5 BM25 over src/text/analyzer.ts terms",
            "fts5-unicode61": "FTS5 unicode61 over the raw text",
            "postgres-arabic": pgFinds ? "to_tsvector('arabic') @@ plainto_tsquery('arabic')" : "not measured (give --pg postgres://…)",
          },
          required,
          perWord: scores.map((s) => ({
            word: s.word,
            gold: s.gold,
            forms: s.forms,
            missedForms: s.missed,
            marsad: { found: s.marsad.found, recall: pct(s.marsad.recall), precision: pct(s.marsad.precision) },
            fts5: { found: s.fts5.found, recall: pct(s.fts5.recall) },
            ...(s.postgres
              ? { postgres: { found: s.postgres.found, recall: pct(s.postgres.recall), precision: pct(s.postgres.precision) } }
              : {}),
          })),
        },
      };
    } finally {
      await store?.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  },
};
