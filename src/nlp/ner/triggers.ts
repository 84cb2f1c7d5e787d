/**
 * Trigger words: the common nouns that announce a name next to them in news
 * Arabic ("الرئيس <PER>", "وزير الخارجية <PER>", "مدينة <LOC>", "شركة <ORG>").
 * The tagger sees "the word before/after is a trigger of class X" as a
 * feature, so a name it has never seen still gets the right type when a
 * trigger stands beside it. Hand-written, normalized with normalizeKey at
 * load, matched on the word without one-letter proclitics (و ف ب ل ك).
 */
import { normalizeKey } from "../../text/normalize.js";

/** Trigger classes (numbers are feature values; keep them stable). */
export const TRIGGER_CLASSES = { TITLE: 1, ORG_HEAD: 2, LOC_HEAD: 3, SPEECH: 4, MISC_HEAD: 5 } as const;

/** Titles and roles that precede a person's name. */
const TITLE_WORDS = `
الرئيس رئيس رئيسة الرئيسة نائب وزير الوزير وزيرة الوزيرة الملك ملك الملكة الأمير أمير الأميرة الشيخ شيخ الشيخة
السلطان سلطان الإمام إمام المستشار مستشار السفير سفير السفيرة الجنرال جنرال اللواء العميد العقيد العماد المشير الفريق
الدكتور الدكتورة د. الأستاذ الأستاذة السيد السيدة المهندس القاضي المحامي النائب المتحدث الناطق المدير مدير مديرة
الأمين أمين المبعوث مبعوث المندوب مندوب الزعيم زعيم القائد قائد الحاكم حاكم المرشح مرشح المرشحة رئيسا رئيسه
البابا الكاردينال المطران الحاخام آية المفتي مفتي اللاعب لاعب المدرب مدرب الفنان الفنانة الكاتب الكاتبة الشاعر
المخرج الممثل الممثلة المطرب المطربة الصحفي الصحافي المراسل الزميل نظيره نظيرته الموفد العاهل ولي عضو النجم الخبير
`;

/** Heads of organization names. */
const ORG_HEADS = `
شركة الشركة مؤسسة المؤسسة منظمة المنظمة حركة الحركة حزب الحزب جمعية الجمعية وكالة الوكالة اتحاد الاتحاد مجلس المجلس
جامعة الجامعة هيئة الهيئة لجنة اللجنة وزارة الوزارة بنك البنك مصرف المصرف صندوق الصندوق نادي النادي فريق منتخب المنتخب
جبهة الجبهة تنظيم التنظيم جماعة الجماعة مجموعة المجموعة محكمة المحكمة صحيفة الصحيفة قناة القناة إذاعة تلفزيون مركز المركز
معهد المعهد أكاديمية كلية الكلية برلمان البرلمان مجلس جيش الجيش قوات القوات ائتلاف الائتلاف تحالف التحالف رابطة الرابطة
نقابة النقابة غرفة الغرفة سلطة السلطة مكتب المكتب إدارة الإدارة مصلحة بورصة البورصة مستشفى المستشفى
`;

/** Heads of place names. */
const LOC_HEADS = `
مدينة المدينة بلدة البلدة قرية القرية محافظة المحافظة ولاية الولاية إقليم الإقليم منطقة المنطقة جزيرة الجزيرة جزر
عاصمة العاصمة نهر النهر جبل الجبل بحر البحر بحيرة خليج الخليج مخيم المخيم ضاحية حي شارع الشارع ميناء الميناء مطار المطار
دولة الدولة جمهورية الجمهورية مملكة المملكة إمارة الإمارة حدود الحدود شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط
`;

/** Verbs of saying: the word after them is often the speaker. */
const SPEECH_VERBS = `
قال قالت أكد أكدت أعلن أعلنت أضاف أضافت صرح صرحت أوضح أوضحت أشار أشارت ذكر ذكرت اعتبر اعتبرت دعا دعت طالب طالبت
نفى نفت كشف كشفت التقى استقبل بحث زار
`;

/** Heads of MISC names (events, works, currencies in ANERcorp style). */
const MISC_HEADS = `
كأس الكأس بطولة البطولة دورة الدورة مهرجان المهرجان جائزة الجائزة مؤتمر المؤتمر قمة القمة معاهدة اتفاقية كتاب رواية فيلم
مسلسل برنامج عملية حرب الحرب
`;

const TABLES: [string, number][] = [
  [TITLE_WORDS, TRIGGER_CLASSES.TITLE],
  [ORG_HEADS, TRIGGER_CLASSES.ORG_HEAD],
  [LOC_HEADS, TRIGGER_CLASSES.LOC_HEAD],
  [SPEECH_VERBS, TRIGGER_CLASSES.SPEECH],
  [MISC_HEADS, TRIGGER_CLASSES.MISC_HEAD],
];

let cache: Map<string, number> | null = null;

/** Normalized trigger word → trigger class (first table wins). */
export function triggerTable(): Map<string, number> {
  if (cache) return cache;
  const m = new Map<string, number>();
  for (const [words, cls] of TABLES) {
    for (const w of words.split(/\s+/)) {
      if (!w) continue;
      const k = normalizeKey(w);
      if (!m.has(k)) m.set(k, cls);
    }
  }
  cache = m;
  return m;
}
