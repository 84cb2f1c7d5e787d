/**
 * A small corpus for the server and browser tests: four short articles we
 * wrote (fictional ministers, real cities), stored with entities, quotes and
 * events annotated BY HAND in this file, so that the API and UI tests check
 * routes and rendering on known annotations and do not depend on what the
 * NER, quote or event models happen to find. Structure, sentences and search
 * terms are computed by the real pipeline; only the later layers are set here.
 *
 * The fourth article carries an HTML/script payload in its title and body,
 * as plain text, for the escaping tests.
 *
 * EXTRA_ARTICLES are stored only when asked for (`fixtureCorpus({ extra:
 * true })`, the browser test), so the API test's counts stay as they are:
 * another outlet's copy of the second article (one story, two copies, for
 * "also reported by" in search) and an article whose events are future,
 * negated and hypothetical, naming a second "سليم" (for "هل تقصد…").
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordToInput } from "../src/article/index.js";
import type { ArticleDocument, EntityType } from "../src/document.js";
import { toIndexed } from "../src/ingest/indexed.js";
import { inputHash } from "../src/ingest/job.js";
import { analyze, stageNames } from "../src/pipeline.js";
import { SqliteStore } from "../src/store/sqlite/store.js";

interface FxEntity {
  id: string;
  name: string;
  type: EntityType;
  kbId: string | null;
  /** Surface forms to find in the text (longest first wins where they overlap). */
  surfaces: string[];
  salience: number;
}

interface FxArticle {
  record: { title: string; text: string; published: string; source: string; category: string; url: string };
  entities: FxEntity[];
  quotes: Array<{ text: string; speaker: string | null; cue: string; direct: boolean }>;
  events: Array<{
    trigger: string;
    type: string;
    source: string[];
    target: string[];
    negated?: boolean;
    mode?: "asserted" | "future" | "hypothetical";
  }>;
  /** Read the text as plain text even where it looks like HTML (a scrape that kept markup as characters). */
  plain?: boolean;
}

export const XSS_TITLE = "خبر تجريبي يحوي <script>window.__pwned=1</script> في عنوانه";
export const XSS_BODY =
  'وهذه فقرة فيها وسم صورة <img src=x onerror="window.__pwned=1"> مكتوب كنص عادي، وذكر فيها اسم سليم الحداد مرة واحدة.';

const HADDAD: FxEntity = {
  id: "e1",
  name: "سليم الحداد",
  type: "PER",
  kbId: "test:haddad",
  surfaces: ["سليم الحداد", "الحداد"],
  salience: 0.9,
};
const MANSOUR: FxEntity = {
  id: "e2",
  name: "كريم منصور",
  type: "PER",
  kbId: "test:mansour",
  surfaces: ["كريم منصور", "منصور"],
  salience: 0.7,
};
const CAIRO: FxEntity = { id: "e3", name: "القاهرة", type: "LOC", kbId: "test:cairo", surfaces: ["القاهرة"], salience: 0.3 };
const AMMAN: FxEntity = { id: "e4", name: "عمّان", type: "LOC", kbId: null, surfaces: ["عمّان"], salience: 0.2 };
const COUNCIL: FxEntity = {
  id: "e5",
  name: "مجلس التعاون الإقليمي",
  type: "ORG",
  kbId: null,
  surfaces: ["مجلس التعاون الإقليمي"],
  salience: 0.4,
};

export const ARTICLES: FxArticle[] = [
  {
    record: {
      title: "الحداد يبحث مع منصور في عمّان سبل تهدئة التوتر الإقليمي",
      text: [
        "بحث وزير الخارجية سليم الحداد مع نظيره كريم منصور في عمّان اليوم الثلاثاء سبل تهدئة التوتر الإقليمي ووقف التصعيد.",
        "وقال الحداد في مؤتمر صحفي مشترك: «الحوار هو الطريق الوحيد لتجاوز هذه الأزمة». وأضاف أن القاهرة تدعم كل جهد يعيد الاستقرار.",
        "من جهته، أكد منصور أن بلاده ترحب بدور مجلس التعاون الإقليمي في الوساطة بين الأطراف.",
      ].join("\n"),
      published: "2021-03-02T10:00:00Z",
      source: "demo-a",
      category: "middleEast",
      url: "https://example.org/fixture/1",
    },
    entities: [HADDAD, MANSOUR, AMMAN, CAIRO, COUNCIL],
    quotes: [{ text: "الحوار هو الطريق الوحيد لتجاوز هذه الأزمة", speaker: "e1", cue: "قال", direct: true }],
    events: [{ trigger: "بحث", type: "CONSULT", source: ["e1"], target: ["e2"] }],
  },
  {
    record: {
      title: "منصور يزور القاهرة ويوقع مع الحداد اتفاقاً للتعاون الاقتصادي",
      text: [
        "وقع وزير الخارجية كريم منصور في القاهرة اليوم مع نظيره سليم الحداد اتفاقاً للتعاون الاقتصادي والتجاري بين البلدين.",
        "وقال منصور إن «الاتفاق يفتح صفحة جديدة في العلاقات». وأشار الحداد إلى أن الجانبين سيشكلان لجنة مشتركة للمتابعة.",
      ].join("\n"),
      published: "2021-04-10T09:00:00Z",
      source: "demo-b",
      category: "economy",
      url: "https://example.org/fixture/2",
    },
    entities: [MANSOUR, HADDAD, CAIRO],
    quotes: [{ text: "الاتفاق يفتح صفحة جديدة في العلاقات", speaker: "e2", cue: "قال", direct: true }],
    events: [{ trigger: "وقع", type: "AGREE", source: ["e2"], target: ["e1"] }],
  },
  {
    record: {
      title: "أسعار النفط ترتفع مع تراجع المخزونات",
      text: [
        "ارتفعت أسعار النفط في تعاملات اليوم بعد بيانات أظهرت تراجع المخزونات التجارية أكثر من المتوقع.",
        "ويتوقع محللون في القاهرة أن تستمر الأسعار في الصعود خلال الأسابيع المقبلة إذا استمر الطلب على حاله.",
      ].join("\n"),
      published: "2021-05-20T08:00:00Z",
      source: "demo-c",
      category: "economy",
      url: "https://example.org/fixture/3",
    },
    entities: [CAIRO],
    quotes: [],
    events: [],
  },
  {
    record: {
      title: XSS_TITLE,
      text: `هذه مقالة اختبار للتأكد من أن النص يظهر كما هو.\n${XSS_BODY}`,
      published: "2021-06-01T08:00:00Z",
      source: "demo-c",
      category: "technology",
      url: "https://example.org/fixture/4",
    },
    entities: [HADDAD],
    quotes: [],
    events: [],
    plain: true,
  },
];

const ALI: FxEntity = { id: "e6", name: "سليم العلي", type: "PER", kbId: null, surfaces: ["سليم العلي"], salience: 0.2 };

export const COPY_TITLE = "الحداد ومنصور يوقعان في القاهرة اتفاقاً للتعاون الاقتصادي";
export const MODES_TITLE = "منصور يعلن لقاءً مرتقباً مع الحداد لبحث ملف المياه";

/** Browser-only additions (see the header): stored after ARTICLES when `extra` is set. */
export const EXTRA_ARTICLES: FxArticle[] = [
  {
    record: {
      title: COPY_TITLE,
      text: [
        "وقع وزير الخارجية كريم منصور في القاهرة اليوم مع نظيره سليم الحداد اتفاقاً للتعاون الاقتصادي والتجاري بين البلدين.",
        "وقال منصور إن «الاتفاق يفتح صفحة جديدة في العلاقات». وأشار الحداد إلى أن الجانبين سيشكلان لجنة مشتركة للمتابعة قريباً.",
      ].join("\n"),
      published: "2021-04-10T13:00:00Z",
      source: "demo-e",
      category: "economy",
      url: "https://example.org/fixture/2-copy",
    },
    entities: [MANSOUR, HADDAD, CAIRO],
    quotes: [{ text: "الاتفاق يفتح صفحة جديدة في العلاقات", speaker: "e2", cue: "قال", direct: true }],
    events: [{ trigger: "وقع", type: "AGREE", source: ["e2"], target: ["e1"] }],
  },
  {
    record: {
      title: MODES_TITLE,
      text: [
        "أعلن وزير الخارجية كريم منصور أنه سيلتقي نظيره سليم الحداد الشهر المقبل في القاهرة لبحث ملف المياه المشترك.",
        "وأوضح منصور أن الجانبين لم يوقعا بعد أي اتفاق بشأن تقاسم الحصص، وأن الحداد قد يزور عمّان إذا تقدمت المحادثات.",
        "وقال المتحدث باسم الوزارة سليم العلي إن موعد اللقاء لم يحدد بعد.",
      ].join("\n"),
      published: "2021-05-15T09:00:00Z",
      source: "demo-a",
      category: "middleEast",
      url: "https://example.org/fixture/5",
    },
    entities: [MANSOUR, HADDAD, CAIRO, AMMAN, ALI],
    quotes: [],
    events: [
      { trigger: "سيلتقي", type: "CONSULT", source: ["e2"], target: ["e1"], mode: "future" },
      { trigger: "يوقعا", type: "AGREE", source: ["e2"], target: ["e1"], negated: true },
      { trigger: "يزور", type: "CONSULT", source: ["e1"], target: ["e4"], mode: "hypothetical" },
    ],
  },
];

/** Every occurrence of the surfaces in text, longest surface first, without overlaps. */
function occurrences(text: string, surfaces: string[]): Array<{ start: number; end: number; text: string }> {
  const found: Array<{ start: number; end: number; text: string }> = [];
  for (const s of [...surfaces].sort((a, b) => b.length - a.length)) {
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
      if (!found.some((f) => f.start < i + s.length && i < f.end)) found.push({ start: i, end: i + s.length, text: s });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Where `s` first occurs in the body (after the title), as a whole word. */
function at(text: string, s: string): number {
  const body = text.indexOf("\n\n");
  const quoted = s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`(?<![\\p{L}\\p{M}])${quoted}(?![\\p{L}\\p{M}])`, "u").exec(text.slice(body));
  const i = m ? body + m.index : -1;
  if (i < 0) throw new Error(`fixture: "${s}" is not in the text`);
  return i;
}

/** Structure, sentences and tokens from the pipeline; entities, quotes and events from the annotations. */
export function fixtureDoc(a: FxArticle): ArticleDocument {
  const later = stageNames().filter((n) => !["structure", "sentences", "tokens"].includes(n));
  const input = recordToInput(a.record, "fixture");
  if (a.plain) input.format = "txt";
  const doc = analyze(input, { disable: later });
  doc.entities = a.entities.map((e) => ({
    id: e.id,
    name: e.name,
    type: e.type,
    kbId: e.kbId,
    salience: e.salience,
    mentions: occurrences(doc.text, e.surfaces),
  }));
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  doc.quotes = a.quotes.map((q) => {
    const start = at(doc.text, q.text);
    return {
      start,
      end: start + q.text.length,
      text: q.text,
      speaker: q.speaker,
      speakerText: q.speaker ? (names.get(q.speaker) ?? null) : null,
      cue: q.cue,
      direct: q.direct,
    };
  });
  doc.events = a.events.map((ev) => {
    const start = at(doc.text, ev.trigger);
    return {
      start,
      end: start + ev.trigger.length,
      type: ev.type,
      source: ev.source,
      target: ev.target,
      trigger: ev.trigger,
      confidence: 0.9,
      negated: ev.negated ?? false,
      mode: ev.mode ?? "asserted",
      sentence: Math.max(
        0,
        doc.sentences.findIndex((s) => s.start <= start && start < s.end),
      ),
    };
  });
  return doc;
}

export interface Corpus {
  store: SqliteStore;
  dir: string;
  docs: ArticleDocument[];
}

/** A new SQLite database in a temp directory holding the fixture articles (and EXTRA_ARTICLES with `extra`). */
export async function fixtureCorpus(opts: { extra?: boolean } = {}): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), "marsad-server-"));
  const store = new SqliteStore(join(dir, "corpus.db"));
  const docs = (opts.extra ? [...ARTICLES, ...EXTRA_ARTICLES] : ARTICLES).map(fixtureDoc);
  await store.put(docs.map((d) => ({ doc: toIndexed(d), inputHash: inputHash("fixture", d.id) })));
  return { store, dir, docs };
}
