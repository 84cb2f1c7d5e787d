/**
 * Curated event triggers: the Arabic news verbs, verb + object phrases and
 * nouns that say "who did what to whom", with their PLOVER type and how the
 * target is marked. Written by hand, and kept apart from the dictionary
 * lexicon (models/events/triggers.tsv, built from UniversalPetrarch's
 * CAMEO.ar by scripts/train/events.ts) for three reasons:
 *
 *  - that dictionary is a machine translation of the English CAMEO verb
 *    list: its commonest news verbs carry scrambled codes (قصف "bomb" under
 *    085 ease sanctions, انضم "join" under 192 occupy territory), so the
 *    verbs news uses every day must be stated here, typed by meaning;
 *  - it has no nominal triggers (اتصال هاتفي, مباحثات) and few of the light
 *    verb + object phrases Arabic prefers (شن هجوما, فرض عقوبات, أجرى
 *    محادثات);
 *  - it says nothing about prepositions: "اتفق مع X على Y" has X as the
 *    target and Y as the topic, and only a table can say so.
 *
 * Entries win over dictionary entries for the same verb and object.
 *
 * Fields of an entry (see TriggerEntry in lexicon.ts):
 *   lemma      3ms perfect as written (nouns: the noun, singular or plural)
 *   imp        3ms imperfect when not derivable (hollow, assimilated verbs);
 *              "-" for none (وعد: يعد is also "is counted")
 *   type       PLOVER type
 *   frame      how the target is marked: "obj" = direct object, else the
 *              prepositions (standalone words or the clitics ب ل) in order of
 *              preference; "" = no target expected
 *   object     for a phrase: the object noun(s) that must follow, "|" between
 *              alternatives (matched as search terms: عقوبات = العقوبات =
 *              عقوبة)
 *   recip      a coordinated subject names both sides (روسيا والصين تتفقان)
 *   inverse    the party the frame marks is the SOURCE (تلقى اتصالا من X)
 *   asks       prepositions one of which must follow the target (what is asked
 *              for): "دعا X إلى الحوار" is a request, "دعا X" an invitation
 *   by         entity types the source must have (arrests, shelling: the passive
 *              spelling is the same, and a person named after it is the victim)
 *   optional   an event even without a target (استقال: a resignation); by
 *              default only the types in TARGET_OPTIONAL (index.ts) may lack one
 */
import type { CuratedEntry } from "./lexicon.js";

/** Verbs that carry the event themselves. */
export const CURATED_VERBS: CuratedEntry[] = [
  // AGREE — express intent to cooperate, agree with someone.
  { lemma: "اتفق", type: "AGREE", frame: "مع", recip: true },
  { lemma: "توافق", type: "AGREE", frame: "مع", recip: true },
  { lemma: "تعهد", type: "AGREE", frame: "ل" },
  { lemma: "وعد", imp: "-", type: "AGREE", frame: "obj" },

  // CONSULT — meetings, visits, calls, talks.
  { lemma: "التقى", type: "CONSULT", frame: "obj ب مع", recip: true },
  { lemma: "اجتمع", type: "CONSULT", frame: "ب مع", recip: true },
  { lemma: "استقبل", type: "CONSULT", frame: "obj" },
  { lemma: "زار", imp: "يزور", type: "CONSULT", frame: "obj" },
  { lemma: "بحث", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "ناقش", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "تباحث", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "تشاور", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "تفاوض", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "اتصل", type: "CONSULT", frame: "ب" },
  { lemma: "هاتف", type: "CONSULT", frame: "obj" },

  // SUPPORT — praise, endorse, back verbally, apologize. (اعترف ب "recognize" is left out: in
  // news it is mostly "admit to" or recognition of a status, "تعترف بالقدس الشرقية كأرض محتلة".)
  { lemma: "دعم", type: "SUPPORT", frame: "obj" },
  { lemma: "أيد", type: "SUPPORT", frame: "obj" },
  { lemma: "ساند", type: "SUPPORT", frame: "obj" },
  { lemma: "أشاد", type: "SUPPORT", frame: "ب" },
  { lemma: "رحب", type: "SUPPORT", frame: "ب" },
  { lemma: "ثمن", type: "SUPPORT", frame: "obj" },
  { lemma: "أثنى", type: "SUPPORT", frame: "على" },
  { lemma: "هنأ", type: "SUPPORT", frame: "obj" },
  { lemma: "امتدح", type: "SUPPORT", frame: "obj" },
  { lemma: "تضامن", type: "SUPPORT", frame: "مع" },
  { lemma: "اعتذر", type: "SUPPORT", frame: "ل من" },

  // COOPERATE — material cooperation between the parties.
  { lemma: "تعاون", type: "COOPERATE", frame: "مع", recip: true },
  { lemma: "نسق", type: "COOPERATE", frame: "مع", recip: true },

  // AID — help whose benefit goes to the recipient.
  { lemma: "ساعد", type: "AID", frame: "obj" },
  { lemma: "زود", type: "AID", frame: "obj" },
  { lemma: "تبرع", type: "AID", frame: "ل" },

  // REQUEST / DEMAND — asking (دعا, طلب, ناشد, حث) versus demanding (طالب).
  // "دعا X إلى/لـ…" calls on X to do something; "دعا X" alone is an invitation.
  { lemma: "دعا", type: "REQUEST", frame: "obj", asks: "إلى ل" },
  { lemma: "طلب", type: "REQUEST", frame: "من" },
  { lemma: "ناشد", type: "REQUEST", frame: "obj" },
  { lemma: "حث", type: "REQUEST", frame: "obj" },
  { lemma: "طالب", type: "DEMAND", frame: "obj" },

  // ACCUSE — allegations and complaints against someone.
  { lemma: "اتهم", type: "ACCUSE", frame: "obj" },
  { lemma: "اشتكى", type: "ACCUSE", frame: "من" },

  // DISAPPROVE — criticism, condemnation, objection.
  { lemma: "انتقد", type: "DISAPPROVE", frame: "obj" },
  { lemma: "ندد", type: "DISAPPROVE", frame: "ب" },
  { lemma: "أدان", type: "DISAPPROVE", frame: "obj" },
  { lemma: "استنكر", type: "DISAPPROVE", frame: "obj" },
  { lemma: "شجب", type: "DISAPPROVE", frame: "obj" },
  { lemma: "احتج", type: "DISAPPROVE", frame: "على" },
  { lemma: "اعترض", type: "DISAPPROVE", frame: "على" },
  { lemma: "عارض", type: "DISAPPROVE", frame: "obj" },

  // REJECT — refusals.
  { lemma: "رفض", type: "REJECT", frame: "obj" },

  // THREATEN.
  { lemma: "هدد", type: "THREATEN", frame: "obj" },
  { lemma: "توعد", type: "THREATEN", frame: "obj" },
  { lemma: "أنذر", type: "THREATEN", frame: "obj" },

  // PROTEST — demonstrations (verbal protest is DISAPPROVE).
  { lemma: "تظاهر", type: "PROTEST", frame: "ضد أمام" },

  // COERCE — arrests, occupation, bans, confiscation. Arrests are made by states and
  // forces: a person named after اعتقل is far more often the one arrested (the passive
  // اعتُقل is spelled the same), so the source must be an organization or a place.
  { lemma: "اعتقل", type: "COERCE", frame: "obj", by: "ORG LOC" },
  { lemma: "احتجز", type: "COERCE", frame: "obj", by: "ORG LOC" },
  { lemma: "احتل", type: "COERCE", frame: "obj" },
  { lemma: "صادر", type: "COERCE", frame: "obj" },
  { lemma: "حظر", type: "COERCE", frame: "obj" },

  // ASSAULT — use of force. قتل and استهدف are left out: their passive
  // (قُتل, استُهدف) is spelled the same and names the victim first.
  { lemma: "قصف", type: "ASSAULT", frame: "obj", by: "ORG LOC" },
  { lemma: "اغتال", type: "ASSAULT", frame: "obj" },
  { lemma: "اختطف", type: "ASSAULT", frame: "obj", by: "ORG LOC" },
  { lemma: "اقتحم", type: "ASSAULT", frame: "obj", by: "ORG LOC" },
  { lemma: "غزا", type: "ASSAULT", frame: "obj" },
  { lemma: "اعتدى", type: "ASSAULT", frame: "على" },
  { lemma: "أعدم", type: "ASSAULT", frame: "obj" },

  // RETREAT — withdrawals, releases, resignations, easing sanctions.
  { lemma: "انسحب", type: "RETREAT", frame: "من" },
  { lemma: "أفرج", type: "RETREAT", frame: "عن" },
  { lemma: "استقال", type: "RETREAT", frame: "من", optional: true },

  // CONCEDE — verbal concessions.
  { lemma: "تنازل", type: "CONCEDE", frame: "عن ل" },
];

/** Light verb + object phrases: the object says what happened (شن هجوما, فرض عقوبات). */
export const CURATED_PHRASES: CuratedEntry[] = [
  { lemma: "أبدى", object: "استعداد", type: "AGREE", frame: "مع" },
  { lemma: "توصل", object: "اتفاق|تفاهم", type: "AGREE", frame: "مع", recip: true },

  { lemma: "أجرى", object: "محادثات|مباحثات|مفاوضات|مشاورات|اتصال|مكالمة|لقاء", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "عقد", object: "محادثات|مباحثات|مفاوضات|اجتماع|لقاء|قمة", type: "CONSULT", frame: "مع", recip: true },
  { lemma: "تلقى", object: "اتصال|مكالمة|رسالة", type: "CONSULT", frame: "من", inverse: true },
  { lemma: "قام", imp: "يقوم", object: "زيارة", type: "CONSULT", frame: "إلى ل" },

  { lemma: "وقع", imp: "يوقع", object: "اتفاق|اتفاقية|معاهدة|مذكرة", type: "SUPPORT", frame: "مع", recip: true },
  { lemma: "أكد", object: "دعم|تضامن", type: "SUPPORT", frame: "ل مع" },
  { lemma: "جدد", object: "دعم|تضامن", type: "SUPPORT", frame: "ل مع" },
  { lemma: "أعرب", object: "دعم|تضامن|تأييد", type: "SUPPORT", frame: "ل مع" },

  { lemma: "تبادل", object: "معلومات", type: "COOPERATE", frame: "مع", recip: true },
  { lemma: "أجرى", object: "مناورات|تدريبات", type: "COOPERATE", frame: "مع", recip: true },

  { lemma: "قدم", object: "مساعدات|مساعدة|معونات|معونة|منحة|قرض", type: "AID", frame: "ل إلى" },
  { lemma: "أرسل", object: "مساعدات|مساعدة|معونات|معونة", type: "AID", frame: "ل إلى" },
  { lemma: "منح", object: "مساعدات|مساعدة|منحة|قرض|لجوء", type: "AID", frame: "obj ل" },

  { lemma: "حمل", object: "مسؤولية", type: "ACCUSE", frame: "obj" },
  { lemma: "وجه", object: "اتهامات|اتهام", type: "ACCUSE", frame: "ل إلى" },
  { lemma: "رفع", object: "دعوى", type: "ACCUSE", frame: "ضد على" },
  { lemma: "وجه", object: "انتقادات", type: "DISAPPROVE", frame: "ل إلى" },
  { lemma: "استدعى", object: "سفير", type: "DISAPPROVE", frame: "obj" },

  { lemma: "استخدم", object: "فيتو|نقض", type: "REJECT", frame: "ضد" },

  { lemma: "نظم", object: "مظاهرة|مظاهرات|احتجاجات|احتجاج|وقفة", type: "PROTEST", frame: "ضد أمام" },

  { lemma: "فرض", object: "عقوبات|عقوبة", type: "SANCTION", frame: "على" },
  { lemma: "قطع", object: "علاقات", type: "SANCTION", frame: "مع" },
  { lemma: "علق", object: "علاقات|مساعدات|محادثات|مفاوضات|عضوية", type: "SANCTION", frame: "مع" },
  { lemma: "جمد", object: "علاقات|مساعدات|أصول", type: "SANCTION", frame: "مع" },
  { lemma: "سحب", object: "سفير", type: "SANCTION", frame: "من" },
  { lemma: "طرد", object: "سفير|دبلوماسيين|دبلوماسيا", type: "SANCTION", frame: "obj" },

  { lemma: "حشد", object: "قوات|جنود|تعزيزات", type: "MOBILIZE", frame: "على إلى" },
  { lemma: "نشر", object: "قوات|جنود|صواريخ|منظومة|أسلحة|بطاريات", type: "MOBILIZE", frame: "" },
  { lemma: "أرسل", object: "قوات|جنود|تعزيزات", type: "MOBILIZE", frame: "إلى" },
  { lemma: "رفع", object: "تأهب", type: "MOBILIZE", frame: "" },

  { lemma: "ألقى", object: "قبض", type: "COERCE", frame: "على" },
  { lemma: "فرض", object: "حظر|حصار", type: "COERCE", frame: "على" },

  // Before the ASSAULT phrase: "شن هجوما لاذعا على" is a verbal attack.
  { lemma: "شن", object: "هجوم لاذع|هجوم حاد|هجوم كلامي|هجوم شديد|حملة انتقادات|حملة إعلامية", type: "DISAPPROVE", frame: "على ضد" },
  { lemma: "شن", object: "هجوم|هجمات|غارة|غارات|ضربات|ضربة|حملة عسكرية|عملية عسكرية|حملة عسكريه", type: "ASSAULT", frame: "على ضد" },
  { lemma: "أطلق", object: "صاروخ|صواريخ|قذائف|قذيفة|نار|رصاص", type: "ASSAULT", frame: "على باتجاه نحو" },

  { lemma: "أطلق", object: "سراح", type: "RETREAT", frame: "obj" },
  { lemma: "رفع", object: "عقوبات|حصار|حظر", type: "RETREAT", frame: "عن" },
  { lemma: "خفف", object: "قيود|عقوبات", type: "CONCEDE", frame: "عن على" },
];

/**
 * Nouns that name a meeting or talks. They carry no tense or subject: their
 * sides come from "بين X وY" after them, or, after خلال/في/أثناء, from the
 * event the sentence already reports ("اتفق X مع Y خلال محادثات").
 * Bare اتصال ("contact") is left out: only the phone call is a meeting.
 */
export const CURATED_NOUNS: CuratedEntry[] = [
  { lemma: "محادثات", type: "CONSULT", frame: "بين" },
  { lemma: "محادثة", type: "CONSULT", frame: "بين" },
  { lemma: "مباحثات", type: "CONSULT", frame: "بين" },
  { lemma: "مفاوضات", type: "CONSULT", frame: "بين" },
  { lemma: "مشاورات", type: "CONSULT", frame: "بين" },
  { lemma: "اجتماع", type: "CONSULT", frame: "بين" },
  { lemma: "لقاء", type: "CONSULT", frame: "بين" },
  { lemma: "قمة", type: "CONSULT", frame: "بين" },
  { lemma: "اتصال هاتفي", type: "CONSULT", frame: "بين" },
  { lemma: "مكالمة هاتفية", type: "CONSULT", frame: "بين" },
];
