/**
 * Reporting cues: the verbs and phrases that introduce speech in Arabic news,
 * as written (the matcher compares normalized keys, after one proclitic و/ف).
 * A cue followed by a name attributes the quotation to that name ("وقال
 * بوتين"); a cue with no name continues the previous speaker ("وشدد على أن").
 */

/** Finite reporting verbs, masculine and feminine, past and present. */
export const REPORTING_VERBS = [
  "قال",
  "قالت",
  "يقول",
  "تقول",
  "أضاف",
  "أضافت",
  "يضيف",
  "تضيف",
  "أكد",
  "أكدت",
  "يؤكد",
  "تؤكد",
  "أشار",
  "أشارت",
  "يشير",
  "تشير",
  "شدد",
  "شددت",
  "يشدد",
  "تشدد",
  "تابع",
  "تابعت",
  "يتابع",
  "أوضح",
  "أوضحت",
  "يوضح",
  "توضح",
  // Present-tense يعتبر/يرى usually mean "considers", not "says": left out.
  "اعتبر",
  "اعتبرت",
  "رأى",
  "رأت",
  "صرح",
  "صرحت",
  "ذكر",
  "ذكرت",
  "كشف",
  "كشفت",
  "أعلن",
  "أعلنت",
  "يعلن",
  "تعلن",
  "لفت",
  "لفتت",
  "أعرب",
  "أعربت",
  "حذر",
  "حذرت",
  "دعا",
  "دعت",
  "طالب",
  "طالبت",
  "وصف",
  "وصفت",
  "أفاد",
  "أفادت",
  "نفى",
  "نفت",
  "ختم",
  "ختمت",
  "استطرد",
  "كتب",
  "كتبت",
  "غرد",
  "غردت",
  "أبلغ",
];

/** Participles of circumstance that continue the current speaker ("مؤكداً أن…"). */
export const REPORTING_PARTICIPLES = [
  "مؤكدا",
  "مؤكدة",
  "مشيرا",
  "مشيرة",
  "مضيفا",
  "مضيفة",
  "معتبرا",
  "معتبرة",
  "مشددا",
  "مشددة",
  "موضحا",
  "موضحة",
  "لافتا",
  "لافتة",
  "معربا",
  "معربة",
  "محذرا",
  "محذرة",
  "داعيا",
  "داعية",
  "مطالبا",
  "مطالبة",
  "قائلا",
  "قائلة",
  "واصفا",
  "واصفة",
  "متابعا",
  "متابعة",
  "مستطردا",
];

/** Phrases that attribute without a verb ("بحسب الوزير", "وفقا للبيان"). */
export const ATTRIBUTION_PREPOSITIONS = ["بحسب", "حسب", "وفقا", "وفق", "نقلا"];

/** Prepositions that introduce an object, not a speaker: a name after them is not who spoke. */
export const OBJECT_PREPOSITIONS = ["مع", "في", "من", "إلى", "عن", "على", "ضد", "لدى", "حول"];

/**
 * Words that may follow a reporting verb whose subject is not written
 * ("وأكد خلال الاتصال أن…", "وأضاف أيضا أن…"): the verb continues the
 * current speaker. Any other word after the verb is taken as its subject.
 */
export const IMPLICIT_SUBJECT_FOLLOWERS = ["خلال", "اليوم", "أمس", "أيضا", "كذلك", "لاحقا", "بدوره", "بدورها", "عن", "ل", "له", "لها"];

/** Conjunctions that open reported (indirect) speech after a cue: أن / إن. */
export const COMPLEMENTIZERS = ["أن", "إن", "بأن", "أنه", "إنه", "أنها", "إنها"];

/** Fewest words for a quotation mark pair to count as speech (shorter is a scare-quoted term or a name). */
export const MIN_QUOTE_WORDS = 3;

/** How far after a closing quotation mark a post-posed attribution ("…"، قال الوزير) may start. */
export const POSTPOSED_WINDOW = 40;
