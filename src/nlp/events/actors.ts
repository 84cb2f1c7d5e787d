/**
 * Actors of the events stage: the token spans that can fill a source or a
 * target, read off the document the link and quotes stages produced (never
 * off their internals).
 *
 *   name         a mention of a PER, ORG or LOC entity ("بوتين", "لروسيا")
 *   adjective    an office or force with a nationality adjective
 *                ("الرئيس الروسي", "القوات الإسرائيلية", "والصيني" after
 *                "الرئيسان الروسي") — stands for that country when the
 *                country is an entity of the article
 *   possessive   "بلاده", "حكومتها", "بلادنا": the country of the speaker
 *                of the quotation it opens or sits in
 *
 * "A person may stand for their country": a person gets their country's
 * entity on the same side when the article calls them "الرئيس الروسي
 * فلاديمير بوتين" (an office + adjective right before the name, anywhere in
 * the article), or when the knowledge base lists them in a government or
 * military role of that country (role:RUSGOV) at the article's date.
 *
 * Adjacent actors chained by و ("روسيا والصين", "الرئيسان الروسي والصيني")
 * form a coordination group; roles.ts takes whole groups.
 */
import type { ArticleDocument, Entity, Token } from "../../document.js";
import { loadCountries } from "../../kb/countries.js";
import { dateOf, type KnowledgeBase } from "../../kb/index.js";
import { normalizeKey } from "../../text/normalize.js";

// ---------------------------------------------------------------- tables

/** Entity types that act in events (MISC names events, products, ...: never an actor). */
const ACTOR_TYPES = new Set(["PER", "ORG", "LOC"]);

/**
 * Offices and forces that, followed by a nationality adjective, act for
 * their country. `title` ones also tie a person named right after them to
 * that country ("الرئيس الروسي فلاديمير بوتين"); forces and institutions do
 * not ("الجيش السوري" before a name is not that person's office).
 */
const OFFICES: ReadonlyArray<[word: string, title: boolean]> = [
  ["الرئيس", true],
  ["رئيس", true],
  ["الرئيسان", true],
  ["الرئيسة", true],
  ["نظيره", true],
  ["نظيرته", true],
  ["نظيرها", true],
  ["نظيرهم", true],
  ["نظيريه", true],
  ["الملك", true],
  ["العاهل", true],
  ["الأمير", true],
  ["الوزير", true],
  ["وزير", true],
  ["وزيرة", true],
  ["السفير", true],
  ["سفير", true],
  ["المبعوث", true],
  ["المندوب", true],
  ["مندوب", true],
  ["الحكومة", false],
  ["حكومة", false],
  ["السلطات", false],
  ["الجيش", false],
  ["القوات", false],
  ["قوات", false],
  ["الجانب", false],
  ["الجانبان", false],
  ["الخارجية", false],
  ["وزارة", false],
  ["الشرطة", false],
  ["البحرية", false],
  ["الطائرات", false],
  ["طائرات", false],
  ["المقاتلات", false],
  ["مقاتلات", false],
  ["الدبلوماسية", false],
  ["السفارة", false],
  ["البرلمان", false],
  ["الاستخبارات", false],
  ["المخابرات", false],
];
/** Words of office titles without a name ("وزير الخارجية", "رئيس الوزراء"). */
const TITLE_WORDS = [
  "الخارجية",
  "الدفاع",
  "الداخلية",
  "المالية",
  "الوزراء",
  "العام",
  "الأمين",
  "الحكومة",
  "الجمهورية",
  "الأركان",
  "ولي",
  "العهد",
];
/** Words an office may have between it and its adjective: "وزير الخارجية الروسي", "قوات الأمن العراقية". */
const MAX_OFFICE_GAP = 2;

/** Modifiers between an office phrase and the holder's name: "الرئيس الروسي السابق ديمتري مدفيديف". */
export const OFFICE_MODIFIERS = [
  "السابق",
  "السابقة",
  "الأسبق",
  "الحالي",
  "الحالية",
  "الجديد",
  "الجديدة",
  "المنتخب",
  "المنتخبة",
  "المؤقت",
  "المؤقتة",
  "الراحل",
  "الراحلة",
];

/** Possessives that name "his/her/our country" (the speaker's). */
const POSSESSIVE_COUNTRY = ["بلاده", "بلادها", "بلادنا", "دولته", "دولتها", "دولتنا", "حكومته", "حكومتها", "حكومتنا"];
/** How far (characters) after a possessive a quotation may start and still be its speaker's. */
const POSSESSIVE_QUOTE_WINDOW = 60;

/** Knowledge-base role codes (CAMEO actor codes after the ISO3) that make a person act for their state. */
const STATE_ROLE = /^role:([A-Z]{3})(GOV|MIL)/;

/** Country names that take masculine agreement; every other country is feminine (أعلنت روسيا). */
const MASCULINE_COUNTRIES = ["العراق", "الأردن", "لبنان", "السودان", "المغرب", "اليمن", "البحرين"];
/**
 * Organizations: feminine when the first word ends in ة (منظمة, الحكومة,
 * وزارة) or is listed here (movements and bodies the press treats as
 * feminine); otherwise masculine (الكونغرس, الجيش, حزب الله, الاتحاد).
 */
const FEMININE_ORGS = ["حماس", "فتح", "الأمم", "طالبان", "إسرائيل", "واشنطن", "موسكو", "بكين", "طهران", "أنقرة"];

// ---------------------------------------------------------------- types

export interface Actor {
  /** Token range [start, end). */
  start: number;
  end: number;
  /** Entity ids: the actor itself first, then the countries it stands for. */
  ids: string[];
  kind: "name" | "adjective" | "possessive";
  /** A preposition clitic on the first token (ب, ل, ك), or "". */
  prep: string;
  /** The first token carries the conjunction و/ف. */
  conj: boolean;
  /** Grammatical gender when the name shows it; null when unknown (people). */
  feminine: boolean | null;
  entityType: string;
}

export interface ActorIndex {
  /** Actor starting at a token. */
  startingAt: Map<number, Actor>;
  /** Actor ending at a token (its last token). */
  endingAt: Map<number, Actor>;
  /** Tokens inside a name mention (never triggers). */
  inMention: Set<number>;
}

// ---------------------------------------------------------------- helpers

const officeKeys = new Map(OFFICES.map(([w, t]) => [normalizeKey(w), t]));
const possessiveKeys = new Set(POSSESSIVE_COUNTRY.map((w) => normalizeKey(w)));
const modifierKeys = new Set(OFFICE_MODIFIERS.map((w) => normalizeKey(w)));
const titleWordKeys = new Set([...OFFICES.map(([w]) => w), ...TITLE_WORDS].map((w) => normalizeKey(w)));
const masculineKeys = new Set(MASCULINE_COUNTRIES.map((w) => normalizeKey(w)));
const feminineOrgKeys = new Set(FEMININE_ORGS.map((w) => normalizeKey(w)));

/**
 * A token's proclitics as the clitic segmenter (src/text/segment.ts) split
 * them: the conjunction و/ف, the preposition ب/ل/ك, and the forms the word
 * may be matched in (whole, without the conjunction, without both; لل → ال).
 * بيان, لبنان, بلاده keep their first letter: the segmenter knows they are
 * words, not clitic + word.
 */
export function cliticForms(t: Token): { conj: boolean; prep: string; forms: string[] } {
  const forms = [t.norm];
  let conj = false;
  let prep = "";
  const segs = t.segments;
  if (!segs || segs.length < 2) return { conj, prep, forms };
  let rest = t.norm;
  let i = 0;
  const k0 = normalizeKey(segs[0].text);
  if (segs[0].role === "proclitic" && (k0 === "و" || k0 === "ف")) {
    conj = true;
    rest = rest.slice(k0.length);
    forms.push(rest);
    i = 1;
  }
  const si = segs[i];
  if (si && si.role === "proclitic") {
    const k = normalizeKey(si.text);
    if (k === "ب" || k === "ل" || k === "ك") {
      prep = k;
      rest = rest.slice(1);
      // ل + ال is written لل: the second ل is the article.
      const next = segs[i + 1];
      if (k === "ل" && next?.role === "proclitic" && normalizeKey(next.text) === "ل") rest = `ا${rest}`;
      forms.push(rest);
    }
  }
  return { conj, prep, forms };
}

interface AdjectiveTable {
  /** Normalized one- or two-word adjective forms → ISO3. */
  one: Map<string, string>;
  two: Map<string, string>;
}
let adjectiveCache: AdjectiveTable | null = null;

/** Nationality adjectives of the country table (models/kb), every gender and definiteness. */
function adjectives(): AdjectiveTable {
  if (adjectiveCache) return adjectiveCache;
  const one = new Map<string, string>();
  const two = new Map<string, string>();
  const forms = [(w: string) => w, (w: string) => `${w}ة`, (w: string) => `ال${w}`, (w: string) => `ال${w}ة`];
  for (const c of loadCountries()) {
    for (const adj of c.adjectives) {
      const words = normalizeKey(adj).split(/\s+/).filter(Boolean);
      for (const f of forms) {
        if (words.length === 1) one.set(normalizeKey(f(words[0])), c.iso3);
        else if (words.length === 2) two.set(`${normalizeKey(f(words[0]))} ${normalizeKey(f(words[1]))}`, c.iso3);
      }
    }
  }
  adjectiveCache = { one, two };
  return adjectiveCache;
}

/** The nationality adjective starting at token i: its country and end. */
function adjectiveAt(tokens: Token[], i: number, end: number): { iso: string; end: number; conj: boolean } | null {
  if (i >= end) return null;
  const t = adjectives();
  const { conj, prep, forms } = cliticForms(tokens[i]);
  if (prep) return null;
  for (const f of forms) {
    if (i + 1 < end) {
      const iso2 = t.two.get(`${f} ${tokens[i + 1].norm}`);
      if (iso2) return { iso: iso2, end: i + 2, conj };
    }
    const iso = t.one.get(f);
    if (iso) return { iso, end: i + 1, conj };
  }
  return null;
}

/** Whether a token is a nationality adjective (any country, entity or not): "الأمريكي", "والصينية". */
export function isNationalityAdjective(t: Token): boolean {
  const { prep, forms } = cliticForms(t);
  if (prep) return false;
  const table = adjectives().one;
  return forms.some((f) => table.has(f));
}

/** Index of the token containing character offset `pos` (binary search), or -1. */
export function tokenIndexAt(tokens: Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= pos) lo = mid + 1;
    else if (tokens[mid].start > pos) hi = mid - 1;
    else return mid;
  }
  return -1;
}

function entityGender(e: Entity): boolean | null {
  const first = normalizeKey(e.name).split(/\s+/)[0] ?? "";
  if (e.type === "LOC") return !masculineKeys.has(normalizeKey(e.name));
  // Latin or acronym names (NATO, ناتو) give no clue.
  if (e.type === "ORG")
    return first.endsWith("ه") || feminineOrgKeys.has(first) ? true : /^[\u0621-\u064a]{4,}$/.test(first) ? false : null;
  return null;
}

// ---------------------------------------------------------------- countries

/** ISO3 → the article's entity for that country. */
function countryEntities(doc: ArticleDocument, kb: KnowledgeBase | null): Map<string, string> {
  const out = new Map<string, string>();
  const byKb = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of doc.entities) {
    if (e.type !== "LOC" && e.type !== "ORG") continue;
    if (e.kbId) byKb.set(e.kbId, e.id);
    byName.set(normalizeKey(e.name), e.id);
  }
  for (const c of countryKeys()) {
    const viaKb = kb ? kb.country(c.iso3) : null;
    let id = viaKb ? byKb.get(viaKb) : undefined;
    if (!id) for (const k of c.keys) id ??= byName.get(k);
    if (id) out.set(c.iso3, id);
  }
  return out;
}

let countryKeyCache: Array<{ iso3: string; keys: string[] }> | null = null;
/** Each country's names as keys, computed once. */
function countryKeys(): Array<{ iso3: string; keys: string[] }> {
  countryKeyCache ??= loadCountries().map((c) => ({ iso3: c.iso3, keys: [c.name, ...c.aliases].map((n) => normalizeKey(n)) }));
  return countryKeyCache;
}

const roleCache = new WeakMap<KnowledgeBase, Map<string, Array<{ iso: string; from: string | null; to: string | null }>>>();

/** Countries a KB person serves as government or military, valid at `date` (any date when null). */
function stateRoles(kb: KnowledgeBase, kbId: string, date: string | null): string[] {
  let cache = roleCache.get(kb);
  if (!cache) {
    cache = new Map();
    roleCache.set(kb, cache);
  }
  let roles = cache.get(kbId);
  if (!roles) {
    roles = [];
    for (const r of kb.roles(kbId)) {
      const m = STATE_ROLE.exec(r.alias);
      if (m) roles.push({ iso: m[1], from: r.validFrom, to: r.validTo });
    }
    cache.set(kbId, roles);
  }
  const out = new Set<string>();
  for (const r of roles) if (!date || ((!r.from || r.from <= date) && (!r.to || date <= r.to))) out.add(r.iso);
  return [...out];
}

// ---------------------------------------------------------------- building

/**
 * All actors of the document. `tokens` are the pipeline's tokens (with
 * matching keys); `kb` may be null (linking disabled or no KB).
 */
export function findActors(doc: ArticleDocument, tokens: Token[], kb: KnowledgeBase | null): ActorIndex {
  const startingAt = new Map<number, Actor>();
  const endingAt = new Map<number, Actor>();
  const inMention = new Set<number>();
  const countries = countryEntities(doc, kb);
  const entityById = new Map(doc.entities.map((e) => [e.id, e]));
  const countryOfEntity = new Map<string, string>();
  for (const [iso, id] of countries) countryOfEntity.set(id, iso);

  const titleOnly = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (!titleWordKeys.has(cliticForms(tokens[k]).forms.at(-1) ?? "")) return false;
    return true;
  };

  // 1. Name mentions.
  const names: Actor[] = [];
  for (const e of doc.entities) {
    if (!ACTOR_TYPES.has(e.type)) continue;
    const forms = new Set(e.mentions.map((m) => normalizeKey(m.text)));
    for (const m of e.mentions) {
      const a = tokenIndexAt(tokens, m.start);
      const b = tokenIndexAt(tokens, Math.max(m.start, m.end - 1));
      if (a < 0 || b < a) continue;
      // A bare office the linker gave to someone ("الرئيس", "وزير الخارجية") followed by a
      // nationality is another office holder's title: "فيما زار الرئيس الروسي السابق مدفيديف".
      // A nationality adjective the linker took for a name ("ولي العهد السعودي" → the king): not a name.
      if (a === b && isNationalityAdjective(tokens[a])) continue;
      if (titleOnly(a, b + 1)) {
        let k = b + 1;
        while (k < tokens.length && titleWordKeys.has(cliticForms(tokens[k]).forms.at(-1) ?? "")) k++;
        if (k < tokens.length && isNationalityAdjective(tokens[k])) continue;
      }
      let lead = normalizeKey(tokens[a].text.slice(0, m.start - tokens[a].start));
      // "بترودو" as one mention while "ترودو" is another: the ب is a preposition.
      const key = normalizeKey(m.text);
      if (lead === "" && key.length > 3 && /^[وفبلك]/.test(key) && forms.has(key.slice(1))) lead = key[0];
      if (lead === "" && key.length > 4 && /^[وف][بلك]/.test(key) && forms.has(key.slice(2))) lead = key.slice(0, 2);
      const conj = lead.startsWith("و") || lead.startsWith("ف");
      const prep = lead.replace(/^[وف]/, "").replace(/ال$/, "").slice(0, 1);
      names.push({ start: a, end: b + 1, ids: [e.id], kind: "name", prep, conj, feminine: entityGender(e), entityType: e.type });
      for (let t = a; t <= b; t++) inMention.add(t);
    }
  }

  // 2. Office + adjective phrases, and coordinated adjectives after them.
  const adjActors: Array<Actor & { title: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const { conj, prep, forms } = cliticForms(tokens[i]);
    let title: boolean | undefined;
    for (const f of forms) title ??= officeKeys.get(f);
    if (title === undefined) continue;
    for (let j = i + 1; j <= i + 1 + MAX_OFFICE_GAP && j < tokens.length; j++) {
      if (!/\p{L}/u.test(tokens[j].norm)) break;
      const adj = adjectiveAt(tokens, j, tokens.length);
      if (!adj) continue;
      const id = countries.get(adj.iso);
      // The phrase takes its modifiers: "الرئيس الروسي السابق".
      let phraseEnd = adj.end;
      while (phraseEnd < tokens.length && modifierKeys.has(tokens[phraseEnd].norm)) phraseEnd++;
      if (id)
        adjActors.push({ start: i, end: phraseEnd, ids: [id], kind: "adjective", prep, conj, feminine: null, entityType: "LOC", title });
      // "الرئيسان الروسي والصيني": further adjectives with و.
      let k = adj.end;
      while (k < tokens.length) {
        const more = adjectiveAt(tokens, k, tokens.length);
        if (!more?.conj) break;
        const id2 = countries.get(more.iso);
        if (id2)
          adjActors.push({
            start: k,
            end: more.end,
            ids: [id2],
            kind: "adjective",
            prep: "",
            conj: true,
            feminine: null,
            entityType: "LOC",
            title: false,
          });
        k = more.end;
      }
      break;
    }
  }

  // 3. Person → country: appositions in this article, then KB state roles.
  const date = dateOf(doc.published);
  const personCountries = new Map<string, Set<string>>();
  const nameStarting = new Map<number, Actor>();
  for (const n of names) if (!nameStarting.has(n.start)) nameStarting.set(n.start, n);
  // The name may follow the office directly or after a comma: "وزير الداخلية الإيطالي، ماتيو سالفيني".
  const isComma = (i: number) => tokens[i] !== undefined && (tokens[i].norm === "،" || tokens[i].norm === ",");
  const nameAfter = (end: number) => nameStarting.get(end) ?? (isComma(end) ? nameStarting.get(end + 1) : undefined);
  for (const a of adjActors) {
    const n = nameAfter(a.end);
    if (!a.title || !n || n.entityType !== "PER") continue;
    const set = personCountries.get(n.ids[0]) ?? new Set<string>();
    set.add(a.ids[0]);
    personCountries.set(n.ids[0], set);
  }
  if (kb) {
    for (const e of doc.entities) {
      if (e.type !== "PER" || !e.kbId) continue;
      for (const iso of stateRoles(kb, e.kbId, date)) {
        const id = countries.get(iso);
        if (!id) continue;
        const set = personCountries.get(e.id) ?? new Set<string>();
        set.add(id);
        personCountries.set(e.id, set);
      }
    }
  }
  for (const n of names) {
    const extra = personCountries.get(n.ids[0]);
    if (extra) for (const id of extra) if (!n.ids.includes(id)) n.ids.push(id);
  }

  // 4. Possessive "his country": the country of the speaker of the quotation it opens or sits in.
  for (let i = 0; i < tokens.length; i++) {
    const { conj, prep, forms } = cliticForms(tokens[i]);
    if (!forms.some((f) => possessiveKeys.has(f))) continue;
    const pos = tokens[i].start;
    const q = doc.quotes.find(
      (x) => x.speaker !== null && ((x.start <= pos && pos < x.end) || (x.start >= pos && x.start - pos <= POSSESSIVE_QUOTE_WINDOW)),
    );
    const speaker = q?.speaker ? entityById.get(q.speaker) : undefined;
    if (!speaker) continue;
    let ids: string[] = [];
    if (speaker.type === "PER") ids = [...(personCountries.get(speaker.id) ?? [])];
    else if (countryOfEntity.has(speaker.id)) ids = [speaker.id];
    if (ids.length === 0) continue;
    const a: Actor = { start: i, end: i + 1, ids, kind: "possessive", prep, conj, feminine: true, entityType: "LOC" };
    startingAt.set(i, a);
    endingAt.set(i, a);
  }

  // 5. Merge: an office phrase right before a person's name is one actor.
  const adjByEnd = new Map<number, Actor>();
  for (const a of adjActors) adjByEnd.set(a.end, a);
  for (const n of names) {
    const at = adjByEnd.has(n.start) ? n.start : isComma(n.start - 1) && adjByEnd.has(n.start - 1) ? n.start - 1 : -1;
    const adj = at >= 0 ? adjByEnd.get(at) : undefined;
    if (adj) {
      const merged: Actor = {
        ...n,
        start: adj.start,
        prep: adj.prep,
        conj: adj.conj,
        ids: [...n.ids, ...adj.ids.filter((x) => !n.ids.includes(x))],
      };
      adjByEnd.delete(at);
      put(merged);
    } else put(n);
  }
  for (const a of adjByEnd.values()) if (!overlapsName(a)) put(a);

  function overlapsName(a: Actor): boolean {
    for (let t = a.start; t < a.end; t++) if (inMention.has(t)) return true;
    return false;
  }
  function put(a: Actor): void {
    const prev = startingAt.get(a.start);
    if (prev && prev.end >= a.end) return;
    startingAt.set(a.start, a);
    endingAt.set(a.end - 1, a);
  }
  return { startingAt, endingAt, inMention };
}

/**
 * The coordination group starting with `first`: it and the actors chained
 * after it by و ("روسيا والصين", "بوتين وشي"), within `limit`.
 */
export function groupFrom(index: ActorIndex, first: Actor, limit: number): Actor[] {
  const group = [first];
  let end = first.end;
  for (;;) {
    const next = index.startingAt.get(end);
    if (!next?.conj || next.prep || next.start >= limit) break;
    group.push(next);
    end = next.end;
  }
  return group;
}

/** The coordination group ending with `last` (chained backward by its own و). */
export function groupTo(index: ActorIndex, last: Actor, floor: number): Actor[] {
  const group = [last];
  let cur = last;
  while (cur.conj) {
    const prev = index.endingAt.get(cur.start - 1);
    if (!prev || prev.prep || prev.start < floor) break;
    group.unshift(prev);
    cur = prev;
  }
  return group;
}
