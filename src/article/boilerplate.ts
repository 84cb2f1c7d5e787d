/**
 * Site boilerplate: the named table of phrases that mark a line as page chrome
 * rather than article text, each with the reason reported in `removed[]`.
 *
 * The table is data: add a phrase to the right rule, never a special case in
 * code. Phrases are written as a reader sees them and matched on the line's
 * word key (src/article/line.ts: normalizeKey, punctuation dropped), so
 * "اقرأ أيضاً:", "إقرأ ايضا" and "- اقرأ أيضا -" are one phrase. Only short
 * lines can match (`maxWords`): a long line is body text whatever it says.
 *
 * A rule marked `tail` is a heading ("اخترنا لك", "اقرأ أيضا" alone on its
 * line) that introduces a block of related links; src/article/structure.ts
 * removes the headline-like lines after it too.
 */
import { endsSentence, wordKey } from "./line.js";

export interface BoilerplateRule {
  /** Reported in removed[].reason. */
  reason: string;
  /**
   * How a phrase must sit in the line's word key: the whole line (`line`), its
   * first words (`start`), anywhere (`contains`), or every word of the line
   * drawn from the phrases' words (`only`, for share bars: "فيسبوك تويتر واتساب").
   */
  match: "line" | "start" | "contains" | "only";
  phrases: string[];
  /** Raw substrings that also match (symbols with no letters, like ©). */
  symbols?: string[];
  /** Lines with more words than this never match the rule. */
  maxWords: number;
  /** Fewest words a line needs (a lone "تويتر" or "غوغل بلاي" may be a subheading). */
  minWords?: number;
  /** Only lines that do not end a sentence match (promos are calls, not statements). */
  notSentence?: boolean;
  /** For `only`: numbers count as words of the vocabulary (dates, times). */
  numbers?: boolean;
  /**
   * Page-header furniture (bylines, date lines): matches only before the body
   * starts, since the same words later are content (a timeline, a schedule).
   */
  head?: boolean;
  /** The line is a heading that starts a related-links block. */
  tail?: boolean;
}

/** Read-also phrases, used both as a heading and as a line prefix. */
const READ_ALSO = [
  "اقرأ أيضا",
  "اقرأ أيضاً",
  "اقرأ كذلك",
  "اقرأ ايضا في",
  "طالع أيضا",
  "شاهد أيضا",
  "اقرأ أيضا على",
  "read also",
  "see also",
];

/** In table order: the first rule that matches a line gives the reason. */
export const BOILERPLATE_RULES: BoilerplateRule[] = [
  {
    reason: "chosen-for-you",
    match: "line",
    phrases: [
      "اخترنا لك",
      "اخترنا لكم",
      "مختارات",
      "مختارات المحرر",
      "قد يعجبك",
      "قد يعجبك أيضا",
      "قد يهمك",
      "قد يهمك أيضا",
      "ننصحك بقراءة",
      "ننصحكم بقراءة",
      "recommended",
      "you may also like",
    ],
    maxWords: 5,
    tail: true,
  },
  { reason: "read-also", match: "line", phrases: READ_ALSO, maxWords: 5, tail: true },
  { reason: "read-also", match: "start", phrases: READ_ALSO, maxWords: 30 },
  {
    reason: "related",
    match: "line",
    phrases: [
      "ذات صلة",
      "مواضيع ذات صلة",
      "أخبار ذات صلة",
      "مقالات ذات صلة",
      "روابط ذات صلة",
      "موضوعات ذات صلة",
      "قصص ذات صلة",
      "أخبار متعلقة",
      "مواضيع متعلقة",
      "مقالات مشابهة",
      "أخبار مشابهة",
      "مواضيع مشابهة",
      "related",
      "related articles",
      "related news",
      "related stories",
    ],
    maxWords: 5,
    tail: true,
  },
  {
    reason: "most-read",
    match: "line",
    phrases: [
      "الأكثر قراءة",
      "الأكثر مشاهدة",
      "الأكثر تداولا",
      "الأكثر شعبية",
      "الأكثر تعليقا",
      "الأكثر مشاركة",
      "most read",
      "most popular",
      "trending",
    ],
    maxWords: 4,
    tail: true,
  },
  {
    reason: "more-news",
    match: "line",
    phrases: [
      "آخر الأخبار",
      "أحدث الأخبار",
      "المزيد من الأخبار",
      "أخبار أخرى",
      "من نفس القسم",
      "في نفس القسم",
      "من القسم نفسه",
      "latest news",
      "more news",
    ],
    maxWords: 5,
    tail: true,
  },
  {
    reason: "read-more",
    match: "line",
    phrases: ["اقرأ المزيد", "للمزيد", "المزيد", "اقرأ التفاصيل", "التفاصيل", "read more", "more"],
    maxWords: 4,
    tail: true,
  },
  {
    reason: "read-more",
    match: "start",
    phrases: [
      "اقرأ المزيد",
      "للمزيد من الأخبار",
      "لمزيد من الأخبار",
      "للمزيد من التفاصيل اضغط",
      "اضغط هنا",
      "انقر هنا",
      "click here",
      "read more",
    ],
    maxWords: 15,
  },
  {
    reason: "tags",
    match: "line",
    phrases: ["الكلمات المفتاحية", "كلمات مفتاحية", "كلمات دلالية", "الكلمات الدلالية", "الوسوم", "وسوم", "tags"],
    maxWords: 3,
    tail: true,
  },
  {
    reason: "tags",
    match: "start",
    phrases: ["الكلمات المفتاحية", "كلمات مفتاحية", "كلمات دلالية", "الكلمات الدلالية", "الوسوم", "tags"],
    maxWords: 30,
  },
  {
    reason: "comments",
    match: "line",
    phrases: [
      "التعليقات",
      "تعليقات",
      "أضف تعليقا",
      "أضف تعليقك",
      "اترك تعليقا",
      "اترك تعليقك",
      "شاركنا رأيك",
      "comments",
      "leave a comment",
    ],
    maxWords: 4,
    tail: true,
  },
  {
    reason: "follow",
    match: "start",
    phrases: [
      "تابعونا",
      "تابعنا على",
      "تابعنا عبر",
      "تابعوا على",
      "تابعوا عبر",
      "تابعوا آخر",
      "تابعوا أخبار",
      "تابعوا أخبارنا",
      "تابعوا قناتنا",
      "تابعوا صفحتنا",
      "لمتابعة آخر الأخبار",
      "لمتابعة أهم الأخبار",
      "لمتابعة أخبارنا",
      "انضموا إلى",
      "انضموا الى قناتنا",
      "انضم إلى قناتنا",
      "انضموا لقناتنا",
      "follow us",
    ],
    maxWords: 15,
  },
  { reason: "share", match: "line", phrases: ["شارك", "شاركوا", "مشاركة", "شارك الآن", "share", "share this"], maxWords: 3 },
  {
    reason: "share",
    match: "start",
    phrases: ["شارك هذا", "شارك المقال", "شارك الخبر", "شارك الموضوع", "شاركوا المقال", "شاركوا الخبر", "share this", "share on"],
    maxWords: 8,
  },
  {
    reason: "share",
    match: "only",
    phrases: [
      "شارك شاركوا شاركها مشاركة انشر أرسل ارسل طباعة اطبع حفظ نسخ انسخ الرابط رابط المقال الخبر عبر على",
      "فيسبوك فيس بوك تويتر إكس واتساب واتس اب آب تلغرام تيليغرام تلجرام لينكدإن لينكد إن ان بريد إلكتروني البريد الإلكتروني إيميل ماسنجر بنترست انستغرام إنستغرام يوتيوب تيك توك",
      "facebook twitter x whatsapp telegram linkedin email e mail print share tweet copy link messenger pinterest reddit instagram youtube tiktok",
    ],
    maxWords: 12,
    minWords: 2,
  },
  {
    reason: "newsletter",
    match: "contains",
    phrases: ["النشرة البريدية", "النشرة الإخبارية البريدية", "نشرتنا البريدية", "نشرتنا الإخبارية", "القائمة البريدية", "newsletter"],
    maxWords: 25,
  },
  {
    reason: "newsletter",
    match: "start",
    phrases: [
      "اشترك في النشرة",
      "اشترك في نشرتنا",
      "اشترك الآن",
      "اشتركوا الآن",
      "اشتركوا في نشرتنا",
      "اشتركوا في قناتنا",
      "اشترك مجانا",
      "اشترك في قناتنا",
      "سجل بريدك",
      "أدخل بريدك",
      "subscribe",
    ],
    maxWords: 25,
  },
  {
    reason: "promo",
    match: "start",
    phrases: ["حمل تطبيق", "حملوا تطبيق", "حمل التطبيق", "نزل تطبيق", "نزلوا تطبيق", "تحميل تطبيق", "download the app", "get the app"],
    maxWords: 25,
  },
  {
    reason: "promo",
    match: "contains",
    phrases: ["app store", "google play", "آب ستور", "اب ستور", "غوغل بلاي", "جوجل بلاي", "متجر جوجل", "متجر آبل"],
    maxWords: 12,
    minWords: 3,
    notSentence: true,
  },
  {
    reason: "photo-note",
    match: "contains",
    phrases: ["الصورة توضيحية", "صورة توضيحية", "الصورة تعبيرية", "صورة تعبيرية", "صورة أرشيفية", "الصورة أرشيفية", "صورة من الأرشيف"],
    maxWords: 6,
  },
  {
    reason: "copyright",
    match: "contains",
    phrases: [
      "جميع الحقوق محفوظة",
      "كل الحقوق محفوظة",
      "حقوق النشر محفوظة",
      "حقوق الطبع محفوظة",
      "الحقوق محفوظة",
      "حقوق الطبع والنشر",
      "all rights reserved",
      "copyright",
    ],
    symbols: ["©"],
    maxWords: 30,
  },
  {
    reason: "disclaimer",
    match: "contains",
    phrases: [
      "تمثل رأي كتابها",
      "تمثل رأي كاتبها",
      "تعبر عن رأي كاتبها",
      "تعبر عن رأي كتابها",
      "تعبر عن آراء كتابها",
      "لا تعبر بالضرورة عن",
      "لا تعكس بالضرورة",
      "تعبر عن وجهة نظر كاتبها",
    ],
    maxWords: 30,
  },
  {
    reason: "credit",
    match: "line",
    phrases: [
      "رويترز",
      "أ ف ب",
      "فرانس برس",
      "وكالات",
      "الوكالات",
      "المصدر وكالات",
      "وات",
      "أسوشيتد برس",
      "د ب أ",
      "الأناضول",
      "سبوتنيك",
      "واس",
      "وام",
      "قنا",
      "كونا",
      "بترا",
      "سانا",
      "afp",
      "reuters",
      "ap",
      "dpa",
    ],
    maxWords: 4,
  },
  { reason: "credit", match: "start", phrases: ["نقلا عن", "نقلاً عن", "بتصرف عن"], maxWords: 8 },
  {
    reason: "byline",
    match: "start",
    phrases: ["بقلم", "آخر تحديث", "تاريخ النشر", "نشر في", "نشر بتاريخ", "تم النشر", "by", "updated", "published"],
    maxWords: 10,
    head: true,
  },
  {
    reason: "dateline",
    match: "only",
    phrases: [
      "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة",
      "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
      "كانون الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الأول",
      "جانفي فيفري أفريل ماي جوان جويلية أوت",
      "الساعة ص م صباحا مساء مساءً بتوقيت غرينتش مكة gmt utc am pm",
    ],
    maxWords: 10,
    minWords: 2,
    numbers: true,
    head: true,
  },
  {
    reason: "advertisement",
    match: "line",
    phrases: ["إعلان", "إعلانات", "محتوى مدفوع", "محتوى برعاية", "advertisement", "sponsored", "ads"],
    maxWords: 3,
  },
];

/** Longest maxWords in the table: longer lines are never checked. */
export const BOILERPLATE_MAX_WORDS = Math.max(...BOILERPLATE_RULES.map((r) => r.maxWords));
/** Lines longer than this (in characters) are body text without looking at their words. */
export const BOILERPLATE_MAX_CHARS = 400;

interface Entry {
  rule: number;
  match: BoilerplateRule["match"];
  /** The phrase's words after the first. */
  rest: string[];
}

// Index every phrase by its first word, so that a line is matched with one
// map lookup per word instead of trying every phrase in turn.
const BY_FIRST_WORD = new Map<string, Entry[]>();
const ONLY_WORDS = new Map<number, Set<string>>();
const SYMBOL_RULES: number[] = [];
BOILERPLATE_RULES.forEach((rule, i) => {
  if (rule.symbols !== undefined) SYMBOL_RULES.push(i);
  if (rule.match === "only") {
    ONLY_WORDS.set(i, new Set(rule.phrases.flatMap((p) => wordKey(p).split(" ")).filter((w) => w !== "")));
    return;
  }
  for (const p of rule.phrases) {
    const words = wordKey(p)
      .split(" ")
      .filter((w) => w !== "");
    if (words.length === 0) continue;
    const list = BY_FIRST_WORD.get(words[0]) ?? [];
    list.push({ rule: i, match: rule.match, rest: words.slice(1) });
    BY_FIRST_WORD.set(words[0], list);
  }
});

/**
 * The first rule (in table order) that the line matches, or null. `line` is
 * the display line; its word key is computed here. `head` says whether the
 * line sits before the body (where `head` rules apply).
 */
export function matchBoilerplate(line: string, head = false, key?: string): BoilerplateRule | null {
  if (line.length > BOILERPLATE_MAX_CHARS) return null;
  const k = key ?? wordKey(line);
  const words = k === "" ? [] : k.split(" ");
  const n = words.length;
  if (n > BOILERPLATE_MAX_WORDS) return null;
  let best = Number.MAX_SAFE_INTEGER;
  let sentence: boolean | null = null;
  const consider = (i: number) => {
    const rule = BOILERPLATE_RULES[i];
    if (i >= best || n > rule.maxWords || n < (rule.minWords ?? 0) || (rule.head && !head)) return;
    if (rule.notSentence) {
      if (sentence === null) sentence = endsSentence(line);
      if (sentence) return;
    }
    best = i;
  };
  for (let from = 0; from < n; from++) {
    const entries = BY_FIRST_WORD.get(words[from]);
    if (entries === undefined) continue;
    for (const e of entries) {
      if (e.match !== "contains" && from !== 0) continue;
      const len = 1 + e.rest.length;
      if (from + len > n || (e.match === "line" && len !== n)) continue;
      let same = true;
      for (let k = 0; k < e.rest.length && same; k++) same = words[from + 1 + k] === e.rest[k];
      if (same) consider(e.rule);
    }
  }
  for (const [i, only] of ONLY_WORDS) {
    if (
      i < best &&
      n > 0 &&
      words.some((w) => only.has(w)) &&
      words.every((w) => only.has(w) || (BOILERPLATE_RULES[i].numbers === true && isNumber(w)))
    )
      consider(i);
  }
  for (const i of SYMBOL_RULES) if (i < best && BOILERPLATE_RULES[i].symbols?.some((sym) => line.includes(sym))) consider(i);
  return best === Number.MAX_SAFE_INTEGER ? null : BOILERPLATE_RULES[best];
}

function isNumber(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return w.length > 0;
}
