/**
 * Every word the UI shows, in Arabic, in one table, plus the display names
 * of entity types, PLOVER event types and the corpus's section codes. Pages
 * never write UI text inline, so wording is changed (or translated) here.
 */

export const L = {
  appName: "مرصد",
  tagline: "مرصد الأخبار العربية",
  navSearch: "البحث",
  navAnalyze: "تحليل نص",
  navDyad: "العلاقات الثنائية",
  loading: "جارٍ التحميل…",
  errorTitle: "تعذّر تحميل البيانات",
  errorRetry: "إعادة المحاولة",
  notFoundTitle: "غير موجود",
  unknownPage: "هذه الصفحة غير موجودة.",
  backToSearch: "العودة إلى البحث",
  keyNeeded: "هذا الخادم يطلب مفتاح API للقراءة.",
  keyLabel: "مفتاح API",
  keySave: "حفظ المفتاح",

  searchPlaceholder: 'ابحث في الأخبار… مثال: بوتين الصين، "وزير الخارجية"، النفط -أوبك',
  searchButton: "بحث",
  from: "من تاريخ",
  to: "إلى تاريخ",
  outlet: "المصدر",
  section: "القسم",
  any: "الكل",
  results: (n: string) => `${n} نتيجة`,
  resultsRange: (a: string, b: string, n: string) => `النتائج ${a}–${b} من ${n}`,
  unitStories: (docs: string) => `قصة (${docs} مقالة بكل نسخها)`,
  unitDocuments: "مقالة",
  allCopies: "كل النسخ",
  allCopiesHint: "اعرض كل نسخة من الخبر نفسه على حدة بدل خبر واحد لكل قصة",
  /** After "+N" (shown left to right, so the sign stays before the number): one copy, or several. */
  otherCopies: (n: number) => (n === 1 ? "نسخة أخرى" : "نسخ أخرى"),
  alsoReportedBy: "نشرته أيضاً",
  moreCopies: (n: string) => `و${n} نسخ أخرى غير معروضة`,
  unknownOutlet: "مصدر غير معروف",
  noResults: "لا توجد نتائج مطابقة. جرّب كلمات أخرى أو وسّع نطاق التاريخ.",
  searchHint: "اكتب كلمة أو أكثر للبحث في المقالات. تُوجد الكلمة بكل صيغها: «بوتين» تجد «لبوتين» و«وبوتين».",
  latest: "أحدث المقالات",
  corpusEmpty: "قاعدة البيانات فارغة: أضف مقالات بالأمر marsad ingest.",
  corpusSize: (docs: string, stories: string, first: string, last: string) =>
    `${docs} مقالة في ${stories} قصة إخبارية، من ${first} إلى ${last}`,
  previous: "السابق",
  next: "التالي",
  page: (n: string) => `صفحة ${n}`,
  tookMs: (ms: string) => `(${ms} م.ث)`,

  entities: "الكيانات",
  quotes: "الاقتباسات",
  events: "الأحداث",
  related: "اخترنا لك",
  noEntities: "لم يُعثر على كيانات.",
  noQuotes: "لا توجد اقتباسات.",
  noEvents: "لا توجد أحداث.",
  noRelated: "لا توجد مقالات ذات صلة.",
  sameStory: "الخبر نفسه في مصادر أخرى",
  similarity: (pct: string) => `تشابه ${pct}٪`,
  mentions: (n: string) => `${n} ذِكر`,
  salience: "الأهمية",
  speakerUnknown: "متحدث غير معروف",
  direct: "مباشر",
  indirect: "غير مباشر",
  source: "المصدر",
  original: "رابط المقال الأصلي",
  removed: "نصوص حُذفت من الصفحة",
  legend: "دليل الألوان",
  legendQuote: "اقتباس",
  legendEvent: "حدث",
  eventTrigger: "الفعل",
  eventSource: "الفاعل",
  eventTarget: "المستهدف",
  nobody: "—",
  assertedOnly: "المؤكدة فقط",
  allEvents: "كل الأحداث",
  allEventsHint: "تشمل الأحداث المنفية والمستقبلية والافتراضية",
  assertedNote: "تُحسب الأحداث المؤكدة فقط: لا المنفية ولا المستقبلية ولا الافتراضية.",
  allEventsNote: "تُحسب كل الأحداث، ومنها المنفية والمستقبلية والافتراضية (معلّمة).",

  entityArticles: (n: string) => `${n} مقالة`,
  entityMentions: (n: string) => `${n} ذِكر`,
  firstSeen: "أول ظهور",
  lastSeen: "آخر ظهور",
  alsoNamed: "يرد أيضاً باسم",
  timeline: "الظهور عبر الزمن",
  byMonth: "شهرياً",
  byDay: "يومياً",
  noTimeline: "لا توجد مقالات مؤرخة تذكر هذا الكيان.",
  cooccurring: "كيانات ترد معه",
  noCooccurring: "لا توجد كيانات مشتركة.",
  eventsBy: "أحداث هو فاعلها",
  eventsAgainst: "أحداث موجهة إليه",
  articlesMentioning: "مقالات تذكره",
  dyadWith: "العلاقة الثنائية",
  eventsOverTime: "الأحداث عبر الزمن",
  eventsOverTimeKey: "فوق المحور: أحداث هو فاعلها · تحته: أحداث موجهة إليه",
  resolvedAs: (q: string) => `«${q}» يُقصد به:`,
  didYouMean: "هل تقصد",

  dyadTitle: "العلاقة بين طرفين",
  dyadHint: "اكتب طرفين (معرّف قاعدة المعرفة أو الاسم) لعرض الأحداث بينهما عبر الزمن.",
  dyadA: "الطرف الأول",
  dyadB: "الطرف الثاني",
  dyadShow: "عرض",
  dyadAtoB: (a: string, b: string) => `من ${a} إلى ${b}`,
  dyadNone: "لا توجد أحداث مسجلة بين الطرفين.",
  eventsCount: (n: string) => `${n} حدث`,
  dyadKey: (a: string, b: string) => `فوق المحور: من ${a} إلى ${b} · تحته: من ${b} إلى ${a}`,
  byType: "حسب النوع",

  analyzeTitle: "تحليل نص",
  analyzeHint: "الصق نص خبر (أو صفحة HTML) لاستخراج بنيته والكيانات والاقتباسات والأحداث. لا يُحفظ النص.",
  analyzeText: "نص المقال",
  analyzeFormat: "الصيغة",
  formatText: "نص",
  formatHtml: "HTML",
  analyzePublished: "تاريخ النشر (اختياري)",
  analyzeButton: "حلّل",
  analyzeEmpty: "الصق نصاً أولاً.",
  analyzing: "جارٍ التحليل…",
} as const;

export const ENTITY_TYPES: Record<string, string> = {
  PER: "شخص",
  ORG: "منظمة",
  LOC: "مكان",
  MISC: "أخرى",
};

/**
 * PLOVER event types, in the order src/nlp/events/lexicon.ts lists them
 * (PLOVER_TYPES): cooperative first, then verbal conflict, then material
 * conflict, then the two de-escalating ones.
 */
export const EVENT_TYPES: Record<string, string> = {
  AGREE: "اتفاق",
  CONSULT: "تشاور",
  SUPPORT: "دعم",
  COOPERATE: "تعاون",
  AID: "مساعدة",
  REQUEST: "طلب",
  DEMAND: "مطالبة",
  ACCUSE: "اتهام",
  REJECT: "رفض",
  DISAPPROVE: "استنكار",
  THREATEN: "تهديد",
  PROTEST: "احتجاج",
  SANCTION: "عقوبات",
  MOBILIZE: "تعبئة",
  COERCE: "إكراه",
  ASSAULT: "اعتداء",
  RETREAT: "انسحاب",
  CONCEDE: "تنازل",
};

/**
 * How an event is stated, when not as a plain fact: the text says it did
 * not happen (negated), that it is planned (future), or only possible
 * (hypothetical). Asserted events carry no mark.
 */
export const EVENT_MODES = {
  negated: "منفي",
  future: "مستقبلي",
  hypothetical: "افتراضي",
} as const;
export type EventMark = keyof typeof EVENT_MODES;

/** Section codes used by the corpus sources → Arabic. Unknown codes are shown as they are. */
export const SECTIONS: Record<string, string> = {
  internationalNews: "أخبار دولية",
  middleEast: "الشرق الأوسط",
  economy: "اقتصاد",
  sport: "رياضة",
  sports: "رياضة",
  technology: "تكنولوجيا",
  tech: "تكنولوجيا",
  culture: "ثقافة",
  politics: "سياسة",
  health: "صحة",
  science: "علوم",
  local: "محليات",
  localNews: "محليات",
  arabic: "عربي",
  world: "العالم",
  variety: "منوعات",
  art: "فن",
};

export const typeName = (t: string): string => ENTITY_TYPES[t] ?? t;
export const eventName = (t: string): string => EVENT_TYPES[t] ?? t;
/** The mark an event carries: negated wins over its mode; null for an asserted, non-negated event. */
export const eventMark = (ev: { negated: boolean; mode: string }): EventMark | null =>
  ev.negated ? "negated" : ev.mode === "future" || ev.mode === "hypothetical" ? ev.mode : null;
export const sectionName = (s: string | null | undefined): string => (s ? (SECTIONS[s] ?? s) : "");

/** Numbers and dates are written with Latin digits, as most Arabic news sites do. */
const LOCALE = "ar-u-nu-latn";
const numberFmt = new Intl.NumberFormat(LOCALE);
const dayFmt = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const monthFmt = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "long", timeZone: "UTC" });

export const num = (n: number): string => numberFmt.format(n);

/** "2020-03-05…" → "5 مارس 2020"; "2020-03" → "مارس 2020"; anything else as given. */
export function dateText(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  if (Number.isNaN(d.getTime())) return iso;
  return m[3] ? dayFmt.format(d) : monthFmt.format(d);
}
