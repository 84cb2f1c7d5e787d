/**
 * The UniversalPetrarch Arabic actor dictionary (actor_dict_ar_v4.txt) read
 * into KB seed rows. The file lists names in a lemmatized style, underscores
 * for spaces, each followed by role codes with date ranges:
 *
 *   نوري_المالكي_                      a name line
 *   	[IRQGOV 20101221-20140908]       role lines: CAMEO code, from-to
 *   رئيس_روسي_فلاديمير_بوتين_          a title, a nationality, a name
 *   	[RUSGOV >20120507]               ">date": from that date on
 *   غزة  [PSE]                         an inline code, no dates
 *
 * What is taken: people (two words or more once titles and honorifics are
 * removed, no organization or nationality word in them), their aliases, their
 * role codes ("role:RUSGOV" rows, dated), and title-holder rows when the
 * entry writes a title before the name ("title:president:RUS", dated by the
 * entry's ranges). Places, organizations and generic agents are left out:
 * countries come from the ISO table, and the dictionary's lemmatized
 * organization names (اتحاد_أفريقي_) rarely match running text.
 */
import type { EntityType } from "../document.js";
import { countryPhrases } from "../nlp/link/nationality.js";
import { isUniqueOffice, matchLemmaTitle, titleAlias } from "../nlp/link/titles.js";
import type { CountryRecord } from "./countries.js";
import { aliasKey, skeletonKey } from "./keys.js";
import type { KbRow } from "./rows.js";

/** Honorifics and ranks before a name: removed, not titles. */
const HONORIFICS = [
  "جنرال",
  "دكتور",
  "د",
  "شيخ",
  "سيد",
  "سيدة",
  "سفير",
  "لواء",
  "عميد",
  "عقيد",
  "مشير",
  "فريق",
  "أول",
  "ركن",
  "آية الله",
  "حجة الإسلام",
  "مستشار",
  "قاضي",
  "نائب",
  "ملازم",
  "رائد",
  "نقيب",
  "مقدم",
  "وزير",
  "أمين",
  "الشيخ",
  "السيد",
  "الدكتور",
  "العقيد",
  "اللواء",
  "الجنرال",
  "المشير",
  "الأمير",
  "أمير",
  "الملك",
  "ملك",
  "بحري",
  "طيار",
  "جوي",
  "بري",
];

/** Words that make an entry an organization, a force or a description, not a person. */
const NOT_PERSON_WORDS = [
  "حركة",
  "حزب",
  "منظمة",
  "وزارة",
  "مجلس",
  "اتحاد",
  "جامعة",
  "وكالة",
  "قوة",
  "قوات",
  "جيش",
  "شرطة",
  "سفارة",
  "هيئة",
  "لجنة",
  "محكمة",
  "شركة",
  "بنك",
  "مصرف",
  "جبهة",
  "جماعة",
  "تنظيم",
  "كتائب",
  "كتيبة",
  "ديوان",
  "مكتب",
  "حكومة",
  "برلمان",
  "دولة",
  "جمهورية",
  "مملكة",
  "إمارة",
  "ولاية",
  "منطقة",
  "مدينة",
  "محافظة",
  "عاصمة",
  "جزيرة",
  "رئيس",
  "رئاسة",
  "وزير",
  "زعيم",
  "قائد",
  "مسؤول",
  "متحدث",
  "ناطق",
  "عضو",
  "أعضاء",
  "نظام",
  "معارضة",
  "سلطة",
  "مؤسسة",
  "مركز",
  "معهد",
  "صندوق",
  "مجموعة",
  "تحالف",
  "ائتلاف",
  "شعب",
  "مواطن",
  "مسلح",
  "مسلحين",
  "متمرد",
  "سابق",
  "إسلامي",
  "عربي",
  "دولي",
  "وطني",
  "قومي",
  "أمن",
  "دفاع",
  "خارجية",
  "داخلية",
  "عام",
  "أعلى",
  "نبأ",
];

/** Members of the Arab League (and Palestine): names from here teach the native-token set. */
export const ARAB_ISO3 = new Set([
  "DZA",
  "BHR",
  "COM",
  "DJI",
  "EGY",
  "IRQ",
  "JOR",
  "KWT",
  "LBN",
  "LBY",
  "MRT",
  "MAR",
  "OMN",
  "PSE",
  "QAT",
  "SAU",
  "SOM",
  "SDN",
  "SYR",
  "TUN",
  "ARE",
  "YEM",
]);

/** Role codes of a government office: IRQGOV, GOV, IGO (the country part is checked apart). */
const GOVERNMENT_ROLE = /^([A-Z]{3})?GOV$|^IGO$/;

/** Dates outside this range are placeholders (18000101, 22000101). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

export interface ActorRole {
  code: string;
  from: string | null;
  to: string | null;
}

export interface ActorEntry {
  /** The name as written, underscores turned into spaces. */
  name: string;
  roles: ActorRole[];
  line: number;
}

function isoDate(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  const y = Number(s.slice(0, 4));
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** One "[CODE range]" group; null when it is not one. */
function parseRole(s: string): ActorRole | null {
  const m = /^\[\s*([A-Z]*)\??\s*(.*?)\s*\]$/.exec(s.trim());
  if (!m) return null;
  const code = m[1];
  const range = m[2].replace(/\s+/g, "");
  let from: string | null = null;
  let to: string | null = null;
  const both = /^(\d{8})-(\d{8})$/.exec(range);
  const after = /^>(\d{8})$/.exec(range);
  const before = /^<(\d{8})$/.exec(range);
  if (both) {
    from = isoDate(both[1]);
    to = isoDate(both[2]);
    // An end before the start is the file's way of writing "still holds it".
    if (from && to && to < from) to = null;
  } else if (after) {
    from = isoDate(after[1]);
  } else if (before) {
    to = isoDate(before[1]);
  }
  return { code, from, to };
}

/** Parses the dictionary text into entries (malformed lines are skipped). */
export function parseActorDict(text: string): ActorEntry[] {
  const out: ActorEntry[] = [];
  let cur: ActorEntry | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    if (t.startsWith("[")) {
      const role = parseRole(t);
      if (cur && role) cur.roles.push(role);
      continue;
    }
    const b = t.indexOf("[");
    const name = (b >= 0 ? t.slice(0, b) : t).replace(/_/g, " ").replace(/\s+/g, " ").trim();
    cur = { name, roles: [], line: i + 1 };
    if (b >= 0)
      for (const g of t.slice(b).match(/\[[^\]]*\]/g) ?? []) {
        const role = parseRole(g);
        if (role) cur.roles.push(role);
      }
    if (name !== "") out.push(cur);
  }
  return out;
}

interface Person {
  names: Map<string, { display: string; n: number }>;
  countries: Set<string>;
  roles: ActorRole[];
  titles: { titleId: string; of: string; display: string; from: string | null; to: string | null }[];
  first: number;
}

export interface ActorSeed {
  rows: KbRow[];
  /** Native Arabic name words (from persons with Arab-country codes). */
  native: Set<string>;
  stats: { entries: number; persons: number; titleRows: number; surnameAliases: number; skippedOneWord: number };
}

/**
 * Turns dictionary entries into KB rows. `iso3` is the set of valid country
 * codes (a role code's first three letters name a country when listed).
 */
export function actorRows(entries: ActorEntry[], countries: CountryRecord[]): ActorSeed {
  const iso3 = new Set(countries.map((c) => c.iso3));
  const honor = new Set(HONORIFICS.map(aliasKey));
  const notPerson = new Set(NOT_PERSON_WORDS.map(aliasKey));
  const adjectives = countryPhrases().adjectiveKeys;
  const byKey = new Map<string, Person>();
  const oneWord: { key: string; display: string; countries: Set<string> }[] = [];
  const countryOf = (code: string) => (iso3.has(code.slice(0, 3)) ? code.slice(0, 3) : null);

  entries.forEach((e, idx) => {
    let toks = aliasKey(e.name).split(" ").filter(Boolean);
    let words = e.name.split(" ").filter(Boolean);
    const title = matchLemmaTitle(toks);
    if (title) {
      toks = toks.slice(title.end);
      words = words.slice(title.end);
    }
    while (toks.length > 0 && honor.has(toks[0])) {
      toks = toks.slice(1);
      words = words.slice(1);
    }
    if (toks.length === 0 || toks.some((t) => t.length < 2 || notPerson.has(t) || adjectives.has(t))) return;
    const countries = new Set(e.roles.map((r) => countryOf(r.code)).filter((c): c is string => c !== null));
    const hasRole = e.roles.some((r) => r.code.length > 3 || r.from !== null || !iso3.has(r.code));
    if (!hasRole) return;
    const key = toks.join(" ");
    const display = words.join(" ");
    if (toks.length === 1) {
      oneWord.push({ key, display, countries });
      return;
    }
    let p = byKey.get(key);
    if (!p) {
      p = { names: new Map(), countries: new Set(), roles: [], titles: [], first: idx };
      byKey.set(key, p);
    }
    const nm = p.names.get(key);
    if (nm) nm.n++;
    else p.names.set(key, { display, n: 1 });
    for (const c of countries) p.countries.add(c);
    p.roles.push(...e.roles);
    // A bare "رئيس" heads anything (the dictionary writes it before prime
    // ministers too): it only names a presidency with its nationality.
    const bare = title !== null && title.end === 1 && title.country === null && title.titleId === "president";
    if (title && title.modifier === null && !bare) {
      const of = title.country ?? [...countries][0] ?? null;
      if (of && isUniqueOffice(title.titleId, of)) {
        // Dated by the entry's government roles only (ELI/LEG ranges cover whole careers).
        const dated = e.roles.filter(
          (r) => (r.from || r.to) && GOVERNMENT_ROLE.test(r.code) && (countryOf(r.code) === null || countryOf(r.code) === of),
        );
        const ranges = dated.length > 0 ? dated : [{ code: "", from: null, to: null }];
        const tdisplay = e.name.split(" ").slice(0, title.end).join(" ");
        for (const r of ranges) p.titles.push({ titleId: title.titleId, of, display: tdisplay, from: r.from, to: r.to });
      }
    }
  });

  // Native words: every word of a person name from an Arab country.
  const native = new Set<string>();
  for (const [key, p] of byKey) if ([...p.countries].some((c) => ARAB_ISO3.has(c))) for (const t of key.split(" ")) native.add(t);

  // Spelling variants of one person (غوردون براون / غوردن براون): same skeleton, a shared country.
  const persons: Person[] = [];
  const bySkel = new Map<string, Person>();
  for (const p of [...byKey.values()].sort((a, b) => a.first - b.first)) {
    const key = [...p.names.keys()][0];
    const s = skeletonKey(key, native);
    const q = bySkel.get(s);
    if (q && [...p.countries].some((c) => q.countries.has(c))) {
      for (const [k, v] of p.names) q.names.set(k, v);
      for (const c of p.countries) q.countries.add(c);
      q.roles.push(...p.roles);
      q.titles.push(...p.titles);
      continue;
    }
    bySkel.set(s, p);
    persons.push(p);
  }

  // One-word entries (بوتين) become aliases of the one person whose last name they are.
  const byLast = new Map<string, Person[]>();
  for (const p of persons) {
    for (const k of p.names.keys()) {
      const last = k.split(" ").at(-1)!;
      const list = byLast.get(last) ?? [];
      if (!list.includes(p)) list.push(p);
      byLast.set(last, list);
    }
  }
  let surnameAliases = 0;
  let skippedOneWord = 0;
  for (const w of oneWord) {
    const cands = (byLast.get(w.key) ?? []).filter((p) => w.countries.size === 0 || [...w.countries].some((c) => p.countries.has(c)));
    if (cands.length !== 1) {
      skippedOneWord++;
      continue;
    }
    const nm = cands[0].names.get(w.key);
    if (nm) nm.n++;
    else {
      cands[0].names.set(w.key, { display: w.display, n: 1 });
      surnameAliases++;
    }
  }

  // Rows. The canonical name is the most frequent full spelling; ids must be unique.
  const rows: KbRow[] = [];
  const used = new Set<string>();
  let titleRows = 0;
  const type: EntityType = "PER";
  for (const p of persons) {
    const full = [...p.names.entries()].filter(([k]) => k.includes(" ")).sort((a, b) => b[1].n - a[1].n);
    const canonical = full[0][1].display;
    let kbId = `per:${canonical.replace(/\s+/g, "_")}`;
    for (let n = 2; used.has(kbId); n++) kbId = `per:${canonical.replace(/\s+/g, "_")}#${n}`;
    used.add(kbId);
    const base = { kbId, type, source: "seed" as const, count: 1 };
    const seen = new Set<string>();
    for (const [k, v] of [...full, ...[...p.names.entries()].filter(([k]) => !k.includes(" "))]) {
      if (seen.has(k)) continue;
      seen.add(k);
      rows.push({ ...base, alias: k, display: v.display, validFrom: null, validTo: null });
    }
    const roleSeen = new Set<string>();
    for (const r of p.roles) {
      if (r.code === "") continue;
      const sig = `${r.code}|${r.from}|${r.to}`;
      if (roleSeen.has(sig)) continue;
      roleSeen.add(sig);
      rows.push({ ...base, alias: `role:${r.code}`, display: r.code, validFrom: r.from, validTo: r.to });
    }
    const titleSeen = new Set<string>();
    for (const t of p.titles) {
      const sig = `${t.titleId}|${t.of}|${t.from}|${t.to}`;
      if (titleSeen.has(sig)) continue;
      titleSeen.add(sig);
      rows.push({ ...base, alias: titleAlias(t.titleId, t.of), display: t.display, validFrom: t.from, validTo: t.to });
      titleRows++;
    }
  }
  return { rows, native, stats: { entries: entries.length, persons: persons.length, titleRows, surnameAliases, skippedOneWord } };
}
