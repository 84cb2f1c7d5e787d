/**
 * Entity linking: NER spans → the article's entities (doc.entities).
 *
 *   1. spans are cleaned (in range, no overlaps, trimmed);
 *   2. title phrases are found (apposition.ts): a title before a PER span is
 *      an apposition; spans inside a title phrase are dropped;
 *   3. nationality adjectives (الروسي) are dropped from the mentions (they
 *      only feed titles and their country's salience);
 *   4. mentions are clustered within the article (cluster.ts);
 *   5. with a KB, each cluster is resolved to a kbId and clusters sharing
 *      one are merged (أمريكا / الولايات المتحدة);
 *   6. bare titles join the person who held them in this article, else the
 *      KB's holder at the article's date;
 *   7. salience (salience.ts) orders the entities: e1 is the main actor.
 */
import type { ArticleDocument, Entity, EntityType, Mention } from "../../document.js";
import { InputError } from "../../errors.js";
import { dateOf, type KnowledgeBase } from "../../kb/index.js";
import { aliasKey } from "../../kb/keys.js";
import { docTokens, findTitles, type SpanLike, type TitleHit } from "./apposition.js";
import { type Cluster, clusterMentions, type LinkMention } from "./cluster.js";
import { mentionForm } from "./mentions.js";
import { countryPhrases } from "./nationality.js";
import { normalizeSalience, rawSalience, regions } from "./salience.js";
import { isTitlePhrase } from "./titles.js";

/** A mention found by the NER stage (src/nlp/ner). */
export interface NerSpan {
  tokenStart: number;
  tokenEnd: number;
  type: EntityType;
  start: number;
  end: number;
  text: string;
}

const TYPES = new Set<string>(["PER", "ORG", "LOC", "MISC"]);
/** Characters trimmed from both ends of a span. */
const TRIM = /[\s.,،:؛;!?؟"'«»“”()[\]{}\-–—]/;

interface CleanSpan extends SpanLike {
  index: number;
}

function cleanSpans(text: string, spans: readonly NerSpan[]): CleanSpan[] {
  const out: CleanSpan[] = [];
  spans.forEach((s, index) => {
    if (!s || typeof s !== "object" || !TYPES.has(s.type)) return;
    let { start, end } = s;
    // Offsets outside the text mean the span belongs to another text: drop it.
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) return;
    while (start < end && TRIM.test(text[start])) start++;
    while (end > start && TRIM.test(text[end - 1])) end--;
    if (end > start) out.push({ start, end, type: s.type, index });
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CleanSpan[] = [];
  let lastEnd = -1;
  for (const s of out) {
    if (s.start < lastEnd) continue; // overlaps the previous (longer) span
    kept.push(s);
    lastEnd = s.end;
  }
  return kept;
}

/**
 * Two adjacent spans of one type with only a space between them, whose joined
 * text is a name found elsewhere in the article or in the KB, are one name the
 * NER cut in two ("هونغ" + "كونغ" → "هونغ كونغ").
 */
function joinSplitNames(text: string, spans: CleanSpan[], kb: KnowledgeBase | null): CleanSpan[] {
  if (spans.length < 2) return spans;
  const keys = new Set(spans.map((s) => mentionForm(text.slice(s.start, s.end), text, s.start).key));
  const out: CleanSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && prev.type === s.type && /^[ \t]+$/.test(text.slice(prev.end, s.start))) {
      const joined = mentionForm(text.slice(prev.start, s.end), text, prev.start);
      if (keys.has(joined.key) || kb?.resolve(joined.display, s.type)) {
        prev.end = s.end;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}

function titleKey(titleId: string, of: string | null, modifier: string | null): string {
  return `${titleId}|${of ?? ""}|${modifier ?? ""}`;
}

/** The best display name of a cluster: most words, then longest, then most frequent. */
function bestName(ms: LinkMention[]): string {
  const counts = new Map<string, { m: LinkMention; n: number }>();
  for (const m of ms) {
    if (m.title) continue;
    const c = counts.get(m.key);
    if (c) c.n++;
    else counts.set(m.key, { m, n: 1 });
  }
  let best: { m: LinkMention; n: number } | null = null;
  for (const c of counts.values()) {
    if (
      !best ||
      c.m.tokens.length > best.m.tokens.length ||
      (c.m.tokens.length === best.m.tokens.length &&
        (c.m.key.length > best.m.key.length || (c.m.key.length === best.m.key.length && c.n > best.n)))
    ) {
      best = c;
    }
  }
  return best ? best.m.display : (ms[0]?.display ?? "");
}

/** Names of a cluster for KB lookup: fullest first, then by frequency. */
function lookupNames(c: Cluster): string[] {
  const seen = new Map<string, { display: string; words: number; n: number }>();
  for (const m of c.mentions) {
    if (m.title) continue;
    const s = seen.get(m.key);
    if (s) s.n++;
    else seen.set(m.key, { display: m.display, words: m.tokens.length, n: 1 });
  }
  return [...seen.values()].sort((a, b) => b.words - a.words || b.n - a.n).map((s) => s.display);
}

export function linkEntities(doc: ArticleDocument, spans: readonly NerSpan[], kb: KnowledgeBase | null): Entity[] {
  if (!doc || typeof doc.text !== "string") throw new InputError("document", "linkEntities needs a document with a text");
  if (!Array.isArray(spans)) throw new InputError("entities", "NER spans must be an array");
  const text = doc.text;
  const clean = joinSplitNames(text, cleanSpans(text, spans), kb);

  // 2. Titles.
  const hits = findTitles(text, clean, docTokens(text));
  const phrases = countryPhrases();
  const dropped = new Set<number>();
  for (const h of hits) {
    // Inside a title phrase: the title words and adjectives go; a country
    // name stays a mention of its country (رئيس وزراء بريطانيا).
    for (const k of h.covered) {
      const s = clean[k];
      if (!phrases.nameKeys.has(mentionForm(text.slice(s.start, s.end), text, s.start).key)) dropped.add(k);
    }
    if (h.holder !== null && h.holderStart > clean[h.holder].start) clean[h.holder].start = h.holderStart;
  }

  // 3. Mentions (nationality adjectives set aside).
  const adjectives = new Map<string, number>();
  const mentionOf = new Map<number, LinkMention>();
  const mentions: LinkMention[] = [];
  const forms = clean.map((s, k) => (dropped.has(k) ? null : mentionForm(text.slice(s.start, s.end), text, s.start)));
  const plainKeys = new Set(forms.filter((f) => f && !f.alt).map((f) => f!.key));
  clean.forEach((s, k) => {
    let f = forms[k];
    if (!f) return;
    // لأمم المتحدة: read as الأمم المتحدة when that name is in the article or the KB.
    if (f.alt && (plainKeys.has(f.alt.key) || (kb && !kb.resolve(f.display, s.type) && kb.resolve(f.alt.display, s.type)))) f = f.alt;
    if (f.tokens.length === 0) return;
    const iso = phrases.adjectiveKeys.get(f.key);
    if (iso) {
      adjectives.set(iso, (adjectives.get(iso) ?? 0) + 1);
      return;
    }
    if (isTitlePhrase(f.tokens)) return;
    const start = s.start + f.skip;
    const m: LinkMention = {
      start,
      end: s.end,
      text: text.slice(start, s.end),
      display: f.display,
      key: f.key,
      tokens: f.tokens,
      type: s.type,
    };
    mentions.push(m);
    mentionOf.set(k, m);
  });

  // 4. Clusters.
  let clusters = clusterMentions(mentions, text);

  // 5. KB ids; clusters that share one are one entity.
  if (kb) {
    const byId = new Map<string, Cluster>();
    for (const c of clusters) {
      c.kbId = kb.resolve(lookupNames(c), c.type);
      if (!c.kbId) continue;
      const first = byId.get(c.kbId);
      if (first && (first.type === c.type || (first.type !== "PER" && c.type !== "PER"))) {
        first.mentions.push(...c.mentions);
        c.mentions = [];
      } else if (!first) byId.set(c.kbId, c);
    }
    clusters = clusters.filter((c) => c.mentions.length > 0);
  }
  const clusterOfMention = new Map<LinkMention, Cluster>();
  for (const c of clusters) for (const m of c.mentions) clusterOfMention.set(m, c);

  // 6. Titles: appositions first, then bare titles.
  const holders = new Map<string, { pos: number; cluster: Cluster }[]>();
  for (const h of hits) {
    if (h.holder === null) continue;
    const m = mentionOf.get(h.holder);
    const c = m && clusterOfMention.get(m);
    if (!c) continue;
    const key = titleKey(h.titleId, h.of, h.modifier);
    c.titles.add(key);
    const list = holders.get(key);
    if (list) list.push({ pos: h.start, cluster: c });
    else holders.set(key, [{ pos: h.start, cluster: c }]);
  }
  const date = dateOf(doc.published);
  for (const h of hits) {
    if (h.holder !== null) continue;
    const c = holderOf(h, holders) ?? kbHolder(h, kb, date, clusters);
    if (!c) continue;
    const tokens = aliasKey(h.text).split(" ");
    c.mentions.push({ start: h.start, end: h.end, text: h.text, display: h.text, key: tokens.join(" "), tokens, type: "PER", title: true });
  }

  // 7. Entities, by salience.
  const r = regions(doc);
  const countryIso = new Map<Cluster, string>();
  for (const c of clusters) {
    if (c.type !== "LOC" && c.type !== "ORG") continue;
    for (const m of c.mentions) {
      const iso = phrases.nameKeys.get(m.key);
      if (iso) {
        countryIso.set(c, iso);
        break;
      }
    }
  }
  const live = clusters.filter((c) => c.mentions.length > 0 && (c.kbId !== null || c.mentions.some((m) => !m.title)));
  const raw = live.map((c) => {
    const iso = countryIso.get(c);
    return rawSalience(
      c.mentions.map((m) => m.start),
      iso ? (adjectives.get(iso) ?? 0) : 0,
      r,
    );
  });
  const sal = normalizeSalience(raw);
  const order = live.map((c, i) => ({ c, s: sal[i], first: c.mentions.reduce((a, m) => Math.min(a, m.start), Number.POSITIVE_INFINITY) }));
  order.sort((a, b) => b.s - a.s || a.first - b.first);
  return order.map(({ c, s }, i) => {
    const seen = new Set<string>();
    const ms: Mention[] = [];
    for (const m of [...c.mentions].sort((a, b) => a.start - b.start)) {
      const k = `${m.start}:${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ms.push({ start: m.start, end: m.end, text: m.text });
    }
    const known = c.kbId && kb ? kb.entity(c.kbId) : null;
    return { id: `e${i + 1}`, name: known?.name ?? bestName(c.mentions), type: c.type, kbId: c.kbId, mentions: ms, salience: s };
  });
}

/** The person who held this title earlier (or later) in the same article. */
function holderOf(h: TitleHit, holders: Map<string, { pos: number; cluster: Cluster }[]>): Cluster | null {
  let cands = holders.get(titleKey(h.titleId, h.of, h.modifier)) ?? [];
  if (cands.length === 0) {
    // "الرئيس فلاديمير بوتين" … "الرئيس الروسي", or the reverse: accept one holder of the same title.
    const loose: { pos: number; cluster: Cluster }[] = [];
    for (const [k, list] of holders) {
      const [t, of, mod] = k.split("|");
      if (t !== h.titleId || mod !== (h.modifier ?? "")) continue;
      if (h.of === null || of === "") loose.push(...list);
    }
    if (new Set(loose.map((x) => x.cluster)).size !== 1) return null;
    cands = loose;
  }
  let before: { pos: number; cluster: Cluster } | null = null;
  let after: { pos: number; cluster: Cluster } | null = null;
  for (const x of cands) {
    if (x.pos < h.start && (!before || x.pos > before.pos)) before = x;
    if (x.pos > h.start && (!after || x.pos < after.pos)) after = x;
  }
  return (before ?? after)?.cluster ?? null;
}

/** The KB's holder of a bare title with a country at the article's date. */
function kbHolder(h: TitleHit, kb: KnowledgeBase | null, date: string | null, clusters: Cluster[]): Cluster | null {
  if (!kb || h.of === null || h.modifier !== null) return null;
  const id = kb.resolveTitle(h.titleId, h.of, date);
  if (!id) return null;
  const existing = clusters.find((c) => c.kbId === id);
  if (existing) return existing;
  const c: Cluster = { type: kb.entity(id)?.type ?? "PER", mentions: [], kbId: id, titles: new Set() };
  clusters.push(c);
  return c;
}
