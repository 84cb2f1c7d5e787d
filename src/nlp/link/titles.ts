/**
 * Titles: "الرئيس الروسي", "رئيس وزراء بريطانيا", "وزير الخارجية الصيني
 * السابق", "نظيره الصيني". A title phrase is a title word sequence, an
 * optional country (nationality adjective, or a country name / organization
 * after a construct form), and an optional modifier (السابق, المنتخب, ...).
 *
 * The linker uses title phrases in two ways: immediately before a person's
 * name they are an apposition ("the Russian president, Vladimir Putin"), so a
 * later bare "الرئيس الروسي" is the same person; a bare title with no holder
 * in the article can be resolved through the KB by date. The KB's seed
 * builder uses the same tables on the actor dictionary's lemma forms
 * ("رئيس_وزير_بريطاني_غوردون_براون_").
 */
import { normalizeKey } from "../../text/normalize.js";
import { countryPhrases } from "./nationality.js";
import { procliticForms, TokenTrie } from "./phrases.js";

interface TitleSpec {
  /** Definite forms: stand alone or take a nationality adjective. */
  forms: string[];
  /** Construct forms: must be followed by a country name or an organization. */
  construct?: string[];
  /** Forms only seen in lemmatized dictionaries (no ال anywhere). */
  lemma?: string[];
  /** The definite form only counts with a country ("المستشار" alone is "the adviser"). */
  countryRequired?: boolean;
}

/** The title table. Ids are stable: they appear in KB rows ("title:prime-minister:GBR"). */
export const TITLES: Record<string, TitleSpec> = {
  president: {
    forms: ["الرئيس", "الرئيسة", "رئيس الجمهورية", "رئيسة الجمهورية"],
    construct: ["رئيس", "رئيسة", "رئيس جمهورية", "رئيسة جمهورية"],
  },
  "prime-minister": {
    forms: ["رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة", "رئيسة الحكومة"],
    construct: ["رئيس وزراء", "رئيسة وزراء", "رئيس حكومة", "رئيسة حكومة"],
    lemma: ["رئيس وزير", "رئيسة وزير"],
  },
  "vice-president": { forms: ["نائب الرئيس", "نائبة الرئيس"], construct: ["نائب رئيس"] },
  "foreign-minister": { forms: ["وزير الخارجية", "وزيرة الخارجية"], construct: ["وزير خارجية", "وزيرة خارجية"] },
  "defense-minister": { forms: ["وزير الدفاع", "وزيرة الدفاع"], construct: ["وزير دفاع", "وزيرة دفاع"] },
  "interior-minister": { forms: ["وزير الداخلية", "وزيرة الداخلية"], construct: ["وزير داخلية", "وزيرة داخلية"] },
  "finance-minister": { forms: ["وزير المالية", "وزيرة المالية"], construct: ["وزير مالية", "وزيرة مالية"] },
  "secretary-general": { forms: ["الأمين العام", "الأمينة العامة"], construct: ["أمين عام", "أمينة عامة"] },
  king: { forms: ["الملك", "العاهل"], construct: ["ملك", "عاهل"] },
  queen: { forms: ["الملكة"], construct: ["ملكة"] },
  "crown-prince": { forms: ["ولي العهد"], construct: ["ولي عهد"] },
  emir: { forms: ["الأمير"], construct: ["أمير"] },
  sultan: { forms: ["السلطان"], construct: ["سلطان"] },
  chancellor: { forms: ["المستشار", "المستشارة"], countryRequired: true },
  pope: { forms: ["البابا"] },
  "supreme-leader": { forms: ["المرشد الأعلى", "المرشد"] },
  "parliament-speaker": {
    forms: ["رئيس البرلمان", "رئيسة البرلمان", "رئيس مجلس النواب", "رئيس مجلس الشعب", "رئيس مجلس الأمة"],
    construct: ["رئيس برلمان", "رئيسة برلمان"],
  },
  "chief-of-staff": { forms: ["رئيس الأركان", "رئيس هيئة الأركان"], construct: ["رئيس أركان"] },
};

/**
 * Titles more than one person holds at once in a country: "الأمير السعودي" is
 * any of hundreds of princes, but the emir of Qatar or Kuwait is the ruler.
 * The KB neither learns nor resolves these by date.
 */
const SHARED_OFFICES: Record<string, { uniqueIn: Set<string> }> = {
  emir: { uniqueIn: new Set(["QAT", "KWT"]) },
};

/** Whether one person holds `titleId` of `of` at a time. */
export function isUniqueOffice(titleId: string, of: string): boolean {
  const shared = SHARED_OFFICES[titleId];
  return !shared || shared.uniqueIn.has(of);
}

/** "His counterpart": takes the title of the nearest titled person before it. */
export const COUNTERPART = "counterpart";
const COUNTERPART_FORMS = ["نظيره", "نظيرها", "نظيرهم", "نظيرهما", "نظيرته", "نظيرتها", "نظيرتهم", "نظير"];

/** Modifiers that change who a title refers to. "neutral" ones are consumed and ignored. */
export const MODIFIERS: Record<string, string[]> = {
  former: ["السابق", "السابقة", "الأسبق", "الأسبقة", "سابق"],
  late: ["الراحل", "الراحلة"],
  elect: ["المنتخب", "المنتخبة", "المقبل", "المقبلة"],
  acting: ["المؤقت", "المؤقتة", "بالإنابة", "بالوكالة", "المكلف", "المكلفة"],
  neutral: ["الحالي", "الحالية", "الجديد", "الجديدة"],
};

/**
 * Words that, right before a title, make the title a genitive of another
 * office: in "مستشار الرئيس الروسي يوري أوشاكوف" the name belongs to the
 * adviser, not to the president (the title still names the president).
 */
const GENITIVE_HEADS = [
  "نائب",
  "نائبة",
  "مستشار",
  "مستشارة",
  "مساعد",
  "مساعدة",
  "مبعوث",
  "مبعوثة",
  "ممثل",
  "ممثلة",
  "المتحدث",
  "متحدث",
  "المتحدثة",
  "الناطق",
  "ناطق",
  "باسم",
  "زوجة",
  "زوج",
  "ابن",
  "ابنة",
  "نجل",
  "شقيق",
  "شقيقة",
  "سكرتير",
  "مدير",
  "مديرة",
  "رئيس",
  "رئيسة",
  "حرس",
  "سفير",
  "سفيرة",
];

/** Words after a title that make it another office: "الرئيس التنفيذي" is a CEO. */
const OTHER_OFFICE = ["التنفيذي", "التنفيذية", "الفخري", "الفخرية", "الشرفي", "المشارك", "المشاركة", "الإقليمي", "الروحي"];

export interface TitleMatch {
  /** Token range of the whole phrase (title, country, modifiers). */
  from: number;
  end: number;
  /** Title id from TITLES, or COUNTERPART. */
  titleId: string;
  /** ISO alpha-3 of the country, or null. Organizations are filled in by the caller. */
  country: string | null;
  /** Token index where an organization genitive would start (construct forms), or -1. */
  orgAt: number;
  modifier: string | null;
  /** The title is the genitive of an office before it (no apposition). */
  genitive: boolean;
  /** Letters of proclitics before the title on its first token (والرئيس → 1). */
  procliticLetters: number;
}

interface FormValue {
  titleId: string;
  construct: boolean;
  countryRequired: boolean;
}

let trieCache: { titles: TokenTrie<FormValue>; modifiers: TokenTrie<string>; heads: Set<string>; otherOffice: Set<string> } | null = null;

function tables() {
  if (trieCache) return trieCache;
  const titles = new TokenTrie<FormValue>();
  for (const [titleId, spec] of Object.entries(TITLES)) {
    const countryRequired = spec.countryRequired === true;
    for (const f of spec.forms) titles.add(f, { titleId, construct: false, countryRequired });
    for (const f of spec.construct ?? []) titles.add(f, { titleId, construct: true, countryRequired: true });
    for (const f of spec.lemma ?? []) titles.add(f, { titleId, construct: true, countryRequired: true });
  }
  for (const f of COUNTERPART_FORMS) titles.add(f, { titleId: COUNTERPART, construct: false, countryRequired: true });
  const modifiers = new TokenTrie<string>();
  for (const [id, forms] of Object.entries(MODIFIERS)) for (const f of forms) modifiers.add(f, id);
  const heads = new Set(GENITIVE_HEADS.map((w) => normalizeKey(w)));
  const otherOffice = new Set(OTHER_OFFICE.map((w) => normalizeKey(w)));
  trieCache = { titles, modifiers, heads, otherOffice };
  return trieCache;
}

/**
 * The title phrase starting at `tokens[i]` (normalized word tokens), or null.
 * `hasOrgAt(j)` tells whether an organization mention starts at token j (used
 * by construct forms: "الأمين العام للأمم المتحدة").
 */
export function matchTitle(tokens: ReadonlyArray<string>, i: number, hasOrgAt?: (j: number) => boolean): TitleMatch | null {
  const t = tables();
  const m = t.titles.match(tokens, i);
  if (!m) return null;
  const { titleId, construct, countryRequired } = m.value;
  let j = m.end;
  if (j < tokens.length && t.otherOffice.has(tokens[j])) return null;
  let modifier: string | null = null;
  const takeModifier = () => {
    const mm = t.modifiers.match(tokens, j, false);
    if (mm) {
      if (mm.value !== "neutral") modifier = mm.value;
      j = mm.end;
    }
  };
  takeModifier();
  let country: string | null = null;
  let orgAt = -1;
  const phrases = countryPhrases();
  if (construct) {
    // A construct form takes its country as a genitive noun: رئيس وزراء بريطانيا, للأمم المتحدة.
    const c = phrases.names.match(tokens, j);
    if (c) {
      country = c.value;
      j = c.end;
    } else if (hasOrgAt?.(j)) {
      orgAt = j;
    } else {
      return null;
    }
  } else {
    const a = phrases.adjectives.match(tokens, j, false);
    if (a) {
      country = a.value;
      j = a.end;
    } else if (j < tokens.length && tokens[j].startsWith("ل") && hasOrgAt?.(j)) {
      // A definite title takes an organization with ل: الأمين العام للأمم المتحدة.
      orgAt = j;
    } else if (countryRequired) {
      return null;
    }
  }
  if (modifier === null) takeModifier();
  const prev = i > 0 ? tokens[i - 1] : "";
  const genitive = prev !== "" && procliticForms(prev).some((f) => t.heads.has(f));
  const procliticLetters = tokens[i].endsWith(m.first) ? tokens[i].length - m.first.length : 0;
  return { from: i, end: j, titleId, country, orgAt, modifier, genitive, procliticLetters };
}

/** Whether a normalized token sequence is exactly one title phrase (a title-only NER span). */
export function isTitlePhrase(tokens: ReadonlyArray<string>): boolean {
  const m = matchTitle(tokens, 0);
  return m !== null && m.end === tokens.length;
}

/** The KB alias of a title held in a country or organization: "title:president:RUS". */
export function titleAlias(titleId: string, of: string): string {
  return `title:${titleId}:${of}`;
}

let lemmaCache: TokenTrie<string> | null = null;

/** Strips the article from every word: "رئيس الوزراء" → "رئيس وزراء" (dictionary lemma style). */
function lemmaPhrase(phrase: string): string {
  return normalizeKey(phrase)
    .split(/\s+/)
    .map((w) => (w.startsWith("ال") && w.length > 3 ? w.slice(2) : w))
    .join(" ");
}

/**
 * A title at the start of a lemmatized dictionary name ("رئيس_وزير_بريطاني_
 * غوردون_براون_" split into words): the title, an optional "سابق", and an
 * optional bare nationality adjective or country name. Returns where the
 * person's name starts, or null.
 */
export function matchLemmaTitle(
  tokens: ReadonlyArray<string>,
): { end: number; titleId: string; country: string | null; modifier: string | null } | null {
  if (!lemmaCache) {
    lemmaCache = new TokenTrie<string>();
    for (const [titleId, spec] of Object.entries(TITLES)) {
      if (spec.countryRequired) continue;
      for (const f of [...spec.forms, ...(spec.construct ?? []), ...(spec.lemma ?? [])]) lemmaCache.add(lemmaPhrase(f), titleId);
    }
  }
  const m = lemmaCache.match(tokens, 0, false);
  if (!m) return null;
  let j = m.end;
  let modifier: string | null = null;
  const mods = tables().modifiers;
  const mm = mods.match(tokens, j, false);
  if (mm) {
    if (mm.value !== "neutral") modifier = mm.value;
    j = mm.end;
  }
  const p = countryPhrases();
  const c = p.adjectives.match(tokens, j, false) ?? p.names.match(tokens, j, false);
  let country: string | null = null;
  if (c) {
    country = c.value;
    j = c.end;
  }
  return { end: j, titleId: m.value, country, modifier };
}
