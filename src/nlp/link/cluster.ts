/**
 * Within-article clustering of name mentions into entities.
 *
 * People: a mention form that is part of a longer name in the same article
 * (its first word, its last word, a run of words at either end, or the same
 * first and last words around fewer middle ones) refers back to it: بوتين and
 * فلاديمير → فلاديمير بوتين; شي and بينغ → شي جين بينغ (family name first, so
 * both ends count). When two longer names could claim a part, the one
 * mentioned most recently before it wins (else the one mentioned first).
 *
 * Organizations and places: same key, the same name with or without the
 * article (الناتو/ناتو) or a generic head word (حركة حماس/حماس), and an
 * acronym in parentheses right after a name ("منظمة الصحة العالمية (WHO)").
 *
 * Everything is done with maps keyed by words, so 10k mentions cost little.
 */
import type { EntityType } from "../../document.js";
import { aliasKey } from "../../kb/keys.js";
import { isNameWord, skipLetters } from "./mentions.js";

/** Generic head words: "حركة حماس" is "حماس", "منطقة هونغ كونغ" is "هونغ كونغ". */
const HEAD_WORDS: Record<"ORG" | "LOC", string[]> = {
  ORG: ["حركة", "حزب", "منظمة", "جماعة", "تنظيم", "شركة", "وكالة", "هيئة", "جبهة", "مجموعة", "صحيفة", "قناة", "حلف"],
  LOC: ["مدينة", "منطقة", "ولاية", "جزيرة", "إقليم", "محافظة", "دولة", "بلدة", "قرية", "عاصمة"],
};
const HEADS = {
  ORG: new Set(HEAD_WORDS.ORG.map(aliasKey)),
  LOC: new Set(HEAD_WORDS.LOC.map(aliasKey)),
};

/** A long name shares its words with at most this many others before we stop looking (pathological input). */
const MAX_CANDIDATES = 64;

export interface LinkMention {
  start: number;
  end: number;
  text: string;
  display: string;
  key: string;
  tokens: string[];
  type: EntityType;
  /** Set for mentions that are title phrases ("الرئيس الروسي"). */
  title?: boolean;
}

export interface Cluster {
  type: EntityType;
  mentions: LinkMention[];
  kbId: string | null;
  /** Title keys this entity held in apposition ("president|RUS|"). */
  titles: Set<string>;
}

/** Majority type of a set of mentions; ties go to the type seen first. */
function voteType(ms: LinkMention[]): EntityType {
  const n = new Map<EntityType, number>();
  for (const m of ms) n.set(m.type, (n.get(m.type) ?? 0) + 1);
  let best = ms[0].type;
  for (const [t, c] of n) if (c > (n.get(best) ?? 0)) best = t;
  return best;
}

/** Whether `part` (shorter) names the same person as `full`. */
export function isNamePart(part: string[], full: string[]): boolean {
  const p = part.length;
  const f = full.length;
  if (p === 0 || p >= f) return false;
  if (!part.some(isNameWord)) return false;
  if (p === 1) return isNameWord(part[0]) && (part[0] === full[0] || part[0] === full[f - 1]);
  const prefix = part.every((t, i) => t === full[i]);
  const suffix = part.every((t, i) => t === full[f - p + i]);
  if (prefix || suffix) return true;
  // Same first and last word around fewer middle words: subsequence.
  if (part[0] !== full[0] || part[p - 1] !== full[f - 1]) return false;
  let j = 1;
  for (let i = 1; i < p - 1; i++) {
    while (j < f - 1 && full[j] !== part[i]) j++;
    if (j >= f - 1) return false;
    j++;
  }
  return true;
}

/** The key of an ORG/LOC name for grouping: without a generic head word and without ال. */
function groupKey(m: LinkMention, type: EntityType): string {
  let toks = m.tokens;
  const heads = type === "ORG" || type === "LOC" ? HEADS[type] : null;
  if (heads && toks.length > 1 && heads.has(toks[0])) toks = toks.slice(1);
  const first = toks[0].startsWith("ال") && toks[0].length > 3 ? toks[0].slice(2) : toks[0];
  return [first, ...toks.slice(1)].join(" ");
}

/** Latin acronym of a Latin multi-word name: "World Health Organization" → "who". */
function latinInitials(tokens: string[]): string | null {
  if (tokens.length < 2 || !tokens.every((t) => /^[a-z]/.test(t))) return null;
  return tokens
    .filter((t) => !["of", "the", "and", "for", "de", "la", "des", "du"].includes(t))
    .map((t) => t[0])
    .join("");
}

/**
 * Clusters mentions (sorted by start). Title mentions are not passed here;
 * the linker attaches them afterwards.
 */
export function clusterMentions(mentions: LinkMention[], text: string): Cluster[] {
  // 1. Forms: one per key, typed by majority vote.
  const forms = new Map<string, LinkMention[]>();
  for (const m of mentions) {
    const list = forms.get(m.key);
    if (list) list.push(m);
    else forms.set(m.key, [m]);
  }
  const formType = new Map<string, EntityType>();
  for (const [k, ms] of forms) formType.set(k, voteType(ms));

  const clusters: Cluster[] = [];
  const clusterOf = new Map<LinkMention, Cluster>();
  const newCluster = (type: EntityType): Cluster => {
    const c: Cluster = { type, mentions: [], kbId: null, titles: new Set() };
    clusters.push(c);
    return c;
  };

  // 2. People: full names first, then parts by recency.
  const perKeys = [...forms.keys()].filter((k) => formType.get(k) === "PER");
  perKeys.sort((a, b) => forms.get(b)![0].tokens.length - forms.get(a)![0].tokens.length);
  const fullCluster = new Map<string, Cluster>();
  const byEnd = new Map<string, string[]>(); // first or last word → full keys
  const partCands = new Map<string, string[]>();
  for (const k of perKeys) {
    const toks = forms.get(k)![0].tokens;
    const cands: string[] = [];
    const seen = new Set<string>();
    for (const w of new Set([toks[0], toks[toks.length - 1]])) {
      for (const fk of byEnd.get(w) ?? []) {
        if (seen.has(fk)) continue;
        seen.add(fk);
        if (isNamePart(toks, forms.get(fk)![0].tokens)) cands.push(fk);
        if (seen.size >= MAX_CANDIDATES) break;
      }
    }
    if (cands.length > 0) {
      partCands.set(k, cands);
      continue;
    }
    fullCluster.set(k, newCluster("PER"));
    for (const w of new Set([toks[0], toks[toks.length - 1]])) {
      const list = byEnd.get(w);
      if (!list) byEnd.set(w, [k]);
      else if (list.length < MAX_CANDIDATES) list.push(k);
    }
  }
  const firstSeen = new Map<Cluster, number>();
  for (const m of mentions) {
    const c = fullCluster.get(m.key);
    if (c && !firstSeen.has(c)) firstSeen.set(c, m.start);
  }
  const lastSeen = new Map<Cluster, number>();
  for (const m of mentions) {
    if (formType.get(m.key) !== "PER") continue;
    let c = fullCluster.get(m.key);
    if (!c) {
      const cands = (partCands.get(m.key) ?? []).map((fk) => fullCluster.get(fk)!).filter(Boolean);
      let best: Cluster | null = null;
      let bestSeen = -1;
      for (const cc of cands) {
        const s = lastSeen.get(cc) ?? -1;
        if (s > bestSeen) {
          best = cc;
          bestSeen = s;
        }
      }
      if (!best) best = cands.reduce((a, b) => ((firstSeen.get(a) ?? 0) <= (firstSeen.get(b) ?? 0) ? a : b));
      c = best;
    }
    c.mentions.push(m);
    clusterOf.set(m, c);
    lastSeen.set(c, m.start);
  }

  // 3. Organizations, places, other names: grouped by a looser key.
  const groups = new Map<string, Cluster>();
  for (const [k, ms] of forms) {
    const type = formType.get(k)!;
    if (type === "PER") continue;
    const gk = groupKey(ms[0], type);
    let c = groups.get(gk);
    if (!c) {
      c = newCluster(type);
      groups.set(gk, c);
    }
    for (const m of ms) {
      c.mentions.push(m);
      clusterOf.set(m, c);
    }
  }

  // 4. Acronyms: a name followed by "(X)" where X is a mention; Latin initials.
  const mergeInto = (a: Cluster, b: Cluster) => {
    if (a === b) return;
    for (const m of b.mentions) {
      a.mentions.push(m);
      clusterOf.set(m, a);
    }
    b.mentions = [];
  };
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    const between = text.slice(a.end, b.start).trim();
    const close = text
      .slice(b.end, b.end + 2)
      .trim()
      .startsWith(")");
    if (between === "(" && close && a.type !== "PER" && b.tokens.length === 1) {
      const ca = clusterOf.get(a);
      const cb = clusterOf.get(b);
      if (ca && cb && cb.type !== "PER") mergeInto(ca, cb);
    }
  }
  const initials = new Map<string, Cluster>();
  for (const c of clusters) {
    if (c.type === "PER") continue;
    for (const m of c.mentions) {
      const ini = latinInitials(m.tokens);
      if (ini && ini.length >= 2 && !initials.has(ini)) initials.set(ini, c);
    }
  }
  for (const c of clusters) {
    if (c.type === "PER" || c.mentions.length === 0) continue;
    const m = c.mentions[0];
    if (m.tokens.length !== 1) continue;
    const target = initials.get(m.tokens[0]);
    if (target && target !== c) mergeInto(target, c);
  }

  // 5. A leftover proclitic (وبوتين، فروسيا) when the bare form exists in this article.
  const byKey = new Map<string, Cluster>();
  for (const c of clusters) for (const m of c.mentions) if (!byKey.has(m.key)) byKey.set(m.key, c);
  for (const c of clusters) {
    if (c.mentions.length === 0) continue;
    const keys = new Set(c.mentions.map((m) => m.key));
    if (keys.size !== 1) continue;
    const k = [...keys][0];
    if (!/^[وفبلك]/.test(k) || k.length < 4) continue;
    const target = byKey.get(k.slice(1));
    if (!target || target === c || target.mentions.length === 0) continue;
    // The mention starts at the name, past the proclitic, like the others.
    for (const m of c.mentions) {
      const skip = skipLetters(m.text, 1);
      m.start += skip;
      m.text = m.text.slice(skip);
      m.display = m.display.slice(skipLetters(m.display, 1));
      m.key = k.slice(1);
      m.tokens = m.key.split(" ");
    }
    mergeInto(target, c);
  }

  const out = clusters.filter((c) => c.mentions.length > 0);
  for (const c of out) {
    c.mentions.sort((a, b) => a.start - b.start);
    c.type = c.type === "PER" ? "PER" : voteType(c.mentions);
  }
  return out;
}
