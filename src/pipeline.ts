/**
 * The pipeline: one `marsad.article/1` document flows through named stages,
 * each adding its own layer and never rewriting another's (spaCy's shape).
 *
 *   structure  source → title, lead, captions, paragraphs, removed, text, id
 *   sentences  sentence spans over `text`
 *   tokens     tokens with matching keys and clitic segments
 *   ner        name spans per sentence (trained model in models/ner)
 *   link       spans clustered into entities, resolved against the knowledge base
 *   quotes     direct and reported speech, attributed to entities
 *   events     who did what to whom, typed in PLOVER (lexicon in models/events)
 *   topics     section labels (trained model in models/topics)
 *   keywords   names and key phrases, weighted against corpus frequencies
 *   summary    extractive summary sentences
 *   dates      date expressions resolved against `published`
 *
 * Stages are listed in STAGES in data-flow order. A caller may disable any
 * stage after `structure` by name; stages that need an earlier layer get it
 * from the shared Work object, not by calling back into another stage.
 */
import { parseArticle } from "./article/index.js";
import type { RawInput } from "./article/input.js";
import type { ArticleDocument, Span, Token } from "./document.js";
import { KnowledgeBase } from "./kb/index.js";
import { findDates } from "./nlp/dates/index.js";
import { extractEvents } from "./nlp/events/index.js";
import { extractKeywords } from "./nlp/keywords/index.js";
import { linkEntities } from "./nlp/link/index.js";
import { recallMentions } from "./nlp/link/recall.js";
import { loadNer, type NerSpan } from "./nlp/ner/index.js";
import { extractQuotes } from "./nlp/quotes/index.js";
import { summarize } from "./nlp/summary/index.js";
import { classifyTopics } from "./nlp/topics/index.js";
import { normalizeKey } from "./text/normalize.js";
import { segmentWord } from "./text/segment.js";
import { splitSentences } from "./text/sentences.js";
import { forEachToken } from "./text/tokenize.js";

export interface AnalyzeOptions {
  /** Keep `tokens[]` in the output document (they are always computed internally). */
  tokens?: boolean;
  /** Publication date to use when the source gives none (ISO). */
  published?: string | null;
  /** Stage names to skip. */
  disable?: string[];
  /**
   * Knowledge base for entity linking. Default: the seed KB shipped in
   * models/kb (loaded once); a store passes its own, which has learned more.
   */
  kb?: KnowledgeBase | null;
}

/** What stages share while one document is analyzed; only `doc` is returned. */
export interface Work {
  doc: ArticleDocument;
  /** Tokens of the whole text, in order (word, number and punctuation). */
  tokens: Token[];
  /** For each sentence, the index range [first, last) into `tokens`. */
  sentenceTokens: Array<[number, number]>;
  /** Name spans found by the ner stage, before linking. */
  nerSpans: NerSpan[];
  kb: KnowledgeBase | null;
}

export interface Stage {
  name: string;
  run(work: Work): void;
}

const sentencesStage: Stage = {
  name: "sentences",
  run(work) {
    const { doc } = work;
    // Sentences never cross a paragraph boundary.
    let pos = 0;
    const text = doc.text;
    while (pos < text.length) {
      let end = text.indexOf("\n\n", pos);
      if (end < 0) end = text.length;
      for (const s of splitSentences(text, pos, end)) doc.sentences.push(s);
      pos = end + 2;
    }
  },
};

const tokensStage: Stage = {
  name: "tokens",
  run(work) {
    tokenizeSentences(work.doc.text, work.doc.sentences, work.tokens, work.sentenceTokens);
  },
};

/**
 * The tokens stage's work, for callers that build a document by hand (tests of
 * later stages): tokens of each sentence with matching keys and clitic
 * segments appended to `tokens`, and each sentence's [first, last) range to
 * `sentenceTokens`.
 */
export function tokenizeSentences(
  text: string,
  sentences: readonly Span[],
  tokens: Token[] = [],
  sentenceTokens: Array<[number, number]> = [],
): { tokens: Token[]; sentenceTokens: Array<[number, number]> } {
  for (const s of sentences) {
    const first = tokens.length;
    forEachToken(
      text,
      (start, end, kind) => {
        const surface = text.slice(start, end);
        tokens.push({
          start,
          end,
          text: surface,
          norm: normalizeKey(surface),
          segments: kind === "word" ? segmentWord(surface) : [{ text: surface, role: "stem" }],
        });
      },
      s.start,
      s.end,
    );
    sentenceTokens.push([first, tokens.length]);
  }
  return { tokens, sentenceTokens };
}

const nerStage: Stage = {
  name: "ner",
  run(work) {
    const ner = loadNer();
    for (const [first, last] of work.sentenceTokens) {
      if (last === first) continue;
      const sentence = work.tokens.slice(first, last);
      for (const span of ner.recognize(sentence)) {
        work.nerSpans.push({ ...span, tokenStart: span.tokenStart + first, tokenEnd: span.tokenEnd + first });
      }
    }
  },
};

const linkStage: Stage = {
  name: "link",
  run(work) {
    const entities = linkEntities(work.doc, work.nerSpans, work.kb);
    recallMentions(work.doc.text, entities);
    // An entity the knowledge base does not know still gets a stable id,
    // derived from its canonical name, so it is the same across articles.
    // Harakat and tatweel are dropped from it, so ترامـــب and ترامب get one id.
    if (work.kb)
      for (const e of entities) if (e.kbId === null && e.type !== "MISC") e.kbId = work.kb.newId(e.type, e.name.replace(ID_MARKS, ""));
    work.doc.entities = entities;
  },
};

const quotesStage: Stage = {
  name: "quotes",
  run(work) {
    work.doc.quotes = extractQuotes(work.doc.text, work.tokens, work.doc.entities);
  },
};

const eventsStage: Stage = {
  name: "events",
  run(work) {
    work.doc.events = extractEvents(work.doc, work.tokens, work.sentenceTokens, work.kb);
  },
};

const topicsStage: Stage = {
  name: "topics",
  run(work) {
    work.doc.topics = classifyTopics(work.doc);
  },
};

const keywordsStage: Stage = {
  name: "keywords",
  run(work) {
    work.doc.keywords = extractKeywords(work.doc);
  },
};

const summaryStage: Stage = {
  name: "summary",
  run(work) {
    work.doc.summary = summarize(work.doc);
  },
};

const datesStage: Stage = {
  name: "dates",
  run(work) {
    work.doc.dates = findDates(work.doc);
  },
};

/** All stages after `structure`, in data-flow order. */
export const STAGES: Stage[] = [
  sentencesStage,
  tokensStage,
  nerStage,
  linkStage,
  quotesStage,
  eventsStage,
  topicsStage,
  keywordsStage,
  summaryStage,
  datesStage,
];

/** Harakat, dagger alef, Quranic marks and tatweel: never part of an id. */
const ID_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

let seedKb: KnowledgeBase | null = null;
/** The knowledge base shipped in models/kb, loaded on first use. */
export function defaultKnowledgeBase(): KnowledgeBase {
  seedKb ??= KnowledgeBase.loadSeed();
  return seedKb;
}

export function stageNames(): string[] {
  return ["structure", ...STAGES.map((s) => s.name)];
}

/** Analyze one input into a document. Throws InputError for unusable input. */
export function analyze(input: RawInput, opts: AnalyzeOptions = {}): ArticleDocument {
  const doc = parseArticle({ ...input, published: input.published ?? opts.published ?? null });
  const disabled = new Set(opts.disable ?? []);
  const kb = opts.kb !== undefined ? opts.kb : disabled.has("link") ? null : defaultKnowledgeBase();
  const work: Work = { doc, tokens: [], sentenceTokens: [], nerSpans: [], kb };
  for (const stage of STAGES) if (!disabled.has(stage.name)) stage.run(work);
  if (opts.tokens) doc.tokens = work.tokens;
  return doc;
}
