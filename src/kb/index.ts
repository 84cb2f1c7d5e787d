/**
 * The knowledge base: entities that persist across articles, with stable ids,
 * the names they go by, and the titles people held and when.
 *
 *   KnowledgeBase.loadSeed()   models/kb/seed.tsv (actor dictionary persons,
 *                              countries, curated organizations); see
 *                              models/kb/README.md and scripts/train/kb.ts
 *   resolve(names, type)       a name → kbId: exact alias, then the article
 *                              variant (الناتو/ناتو), then the transliteration
 *                              skeleton (src/kb/keys.ts) for foreign names
 *   resolveTitle(t, of, date)  "who was prime-minister of GBR on that date"
 *   learn(doc)                 new entities, aliases and dated title holders
 *                              from a linked article (appositions); the
 *                              report carries the rows it taught, which
 *                              ingest stores with the document (docs/kb.md)
 *   addAll(rows)               the seed + a store's learned and user rows
 *   toJSON/fromJSON, save/load rows (src/kb/rows.ts) for files and SQL
 *
 * All data is rows; the maps below are indexes rebuilt from them.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ArticleDocument, EntityType } from "../document.js";
import { InputError } from "../errors.js";
import { docTokens, findTitles } from "../nlp/link/apposition.js";
import { mentionForm } from "../nlp/link/mentions.js";
import { nationalityOf } from "../nlp/link/nationality.js";
import { isTitlePhrase, isUniqueOffice, titleAlias } from "../nlp/link/titles.js";
import { MODELS_DIR } from "../paths.js";
import { loadCountries } from "./countries.js";
import { aliasKey, isLatinKey, skeletonKey, skeletonToken } from "./keys.js";
import { checkRow, type KbRow, type KbSource, mergeRows, namespaceOf, rowsFromTsv, rowsToTsv } from "./rows.js";

export type { KbRow, KbSource } from "./rows.js";

export const KB_SCHEMA = "marsad.kb/1" as const;
export const SEED_FILE = "seed.tsv";
export const CURATED_FILE = "curated.tsv";
export const NATIVE_FILE = "native-tokens.txt";

/** A one-word alias shared by several entities resolves only when one has this many times the others' count. */
const DOMINANCE = 3;
/** Skeleton keys shorter than this (letters) match too much to be trusted. */
const MIN_SKELETON_LENGTH = 4;
/** A title holder seen this many days before/after a date may still be the answer when nobody is known to hold it then. */
const MAX_TITLE_GAP_DAYS = 730;
/** Width (days) an open-ended range counts as when ranges containing a date are compared. */
const OPEN_WIDTH = 365_000;
/** The id prefix of each entity type. */
const TYPE_PREFIX: Record<EntityType, string> = { PER: "per", ORG: "org", LOC: "loc", MISC: "misc" };

export interface KbEntity {
  kbId: string;
  /** Canonical display name (read from the id). */
  name: string;
  type: EntityType;
}

export interface LearnReport {
  /** Entities created for names the KB did not know. */
  created: number;
  /** Alias rows added or counted again. */
  aliases: number;
  /** Dated title-holder observations. */
  titles: number;
  /**
   * The rows this article taught, as observed in it (source "learned", one
   * per kbId + alias, counts from this article only): what a store keeps so
   * that the next run's KB knows it too.
   */
  rows: KbRow[];
}

/** The canonical name carried by a kbId: "per:فلاديمير_بوتين#2" → "فلاديمير بوتين". */
export function nameOfId(kbId: string): string {
  return kbId
    .slice(kbId.indexOf(":") + 1)
    .replace(/#\d+$/, "")
    .replace(/_/g, " ");
}

/** The date part of a published value, or null. */
export function dateOf(published: string | null | undefined): string | null {
  if (typeof published !== "string") return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(published.trim());
  return m ? m[1] : null;
}

function days(d: string): number {
  return Date.parse(`${d}T00:00:00Z`) / 86_400_000;
}

function compatible(a: EntityType, b: EntityType): boolean {
  return a === b || ((a === "ORG" || a === "LOC") && (b === "ORG" || b === "LOC"));
}

let nativeCache: Set<string> | null = null;
/** Native Arabic name words (models/kb/native-tokens.txt): exempt from the skeleton. */
export function nativeTokens(): Set<string> {
  if (nativeCache) return nativeCache;
  const p = join(MODELS_DIR, "kb", NATIVE_FILE);
  nativeCache = new Set(
    existsSync(p)
      ? readFileSync(p, "utf8")
          .split("\n")
          .map((l) => aliasKey(l))
          .filter((l) => l !== "" && !l.startsWith("#"))
      : [],
  );
  return nativeCache;
}

export class KnowledgeBase {
  private readonly list: KbRow[] = [];
  /** kbId → type (first row wins). */
  private readonly types = new Map<string, EntityType>();
  /** alias key → kbId → summed count (name rows). */
  private readonly byAlias = new Map<string, Map<string, number>>();
  private readonly bySkeleton = new Map<string, Map<string, number>>();
  private readonly byIso = new Map<string, string>();
  /** title alias → rows. */
  private readonly byTitle = new Map<string, KbRow[]>();
  /** Person kbId → first words of its multi-word names (exact keys and skeletons, the latter prefixed "~"). */
  private readonly firstWords = new Map<string, Set<string>>();
  /** kbId + alias → the learned row (so learning counts instead of duplicating). */
  private readonly learned = new Map<string, KbRow>();
  private readonly native: ReadonlySet<string>;

  constructor(rows: Iterable<KbRow> = [], native: ReadonlySet<string> = nativeTokens()) {
    this.native = native;
    for (const r of rows) this.add(r);
  }

  /** The committed seed (models/kb). Without it: countries only. */
  static loadSeed(dir = join(MODELS_DIR, "kb")): KnowledgeBase {
    const kb = new KnowledgeBase();
    const seed = join(dir, SEED_FILE);
    if (existsSync(seed)) {
      for (const r of rowsFromTsv(readFileSync(seed, "utf8"), seed)) kb.add(r);
    } else {
      for (const r of countryRows()) kb.add(r);
    }
    const curated = join(dir, CURATED_FILE);
    if (existsSync(curated)) for (const r of rowsFromTsv(readFileSync(curated, "utf8"), curated)) kb.add(r);
    return kb;
  }

  /** Reads a KB file written by save(): .json (toJSON) or TSV (anything else). */
  static load(path: string): KnowledgeBase {
    if (!existsSync(path)) throw new InputError(path, "knowledge-base file not found");
    const text = readFileSync(path, "utf8");
    if (path.endsWith(".json")) {
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch (e) {
        throw new InputError(path, `not valid JSON (${(e as Error).message})`);
      }
      return KnowledgeBase.fromJSON(obj, path);
    }
    return new KnowledgeBase(rowsFromTsv(text, path));
  }

  save(path: string): void {
    writeFileSync(path, path.endsWith(".json") ? `${JSON.stringify(this.toJSON(), null, 1)}\n` : rowsToTsv(this.list));
  }

  toJSON(): { schema: typeof KB_SCHEMA; rows: KbRow[] } {
    return { schema: KB_SCHEMA, rows: this.list.map((r) => ({ ...r })) };
  }

  static fromJSON(obj: unknown, subject = "knowledge base"): KnowledgeBase {
    const o = obj as { schema?: unknown; rows?: unknown };
    if (!o || typeof o !== "object" || o.schema !== KB_SCHEMA || !Array.isArray(o.rows)) {
      throw new InputError(subject, `expected {"schema": "${KB_SCHEMA}", "rows": [...]}`);
    }
    return new KnowledgeBase(o.rows.map((r, i) => checkRow((r ?? {}) as Record<string, unknown>, `${subject}: row ${i + 1}`)));
  }

  /** All rows, in insertion order (for storage). */
  rows(): readonly KbRow[] {
    return this.list;
  }

  get size(): number {
    return this.types.size;
  }

  entity(kbId: string): KbEntity | null {
    const type = this.types.get(kbId);
    return type ? { kbId, name: nameOfId(kbId), type } : null;
  }

  /** Adds rows (add() each); returns this, so `KnowledgeBase.loadSeed().addAll(storeRows)` reads as it does. */
  addAll(rows: Iterable<KbRow>): this {
    for (const r of rows) this.add(r);
    return this;
  }

  /** Adds a row (learned rows with the same kbId and alias are merged: count summed, dates widened). */
  add(row: KbRow): void {
    const ns = namespaceOf(row.alias);
    const r = { ...row, alias: ns ? row.alias.trim() : aliasKey(row.alias) };
    if (r.alias === "") return;
    if (r.source === "learned") {
      const lk = `${r.kbId}\u0001${r.alias}`;
      const prev = this.learned.get(lk);
      if (prev) {
        prev.count += r.count;
        if (r.validFrom && (!prev.validFrom || r.validFrom < prev.validFrom)) prev.validFrom = r.validFrom;
        if (r.validTo && (!prev.validTo || r.validTo > prev.validTo)) prev.validTo = r.validTo;
        if (ns === null) this.indexName(r);
        return;
      }
      this.learned.set(lk, r);
    }
    this.list.push(r);
    if (!this.types.has(r.kbId)) this.types.set(r.kbId, r.type);
    if (ns === "title") {
      const list = this.byTitle.get(r.alias);
      if (list) list.push(r);
      else this.byTitle.set(r.alias, [r]);
    } else if (ns === "iso") {
      if (!this.byIso.has(r.alias)) this.byIso.set(r.alias, r.kbId);
    } else if (ns === null) {
      this.indexName(r);
    }
  }

  private indexName(r: KbRow): void {
    this.bump(this.byAlias, r.alias, r.kbId, r.count);
    this.bump(this.bySkeleton, this.skeleton(r.alias), r.kbId, r.count);
    const space = r.alias.indexOf(" ");
    if (r.type === "PER" && space > 0) {
      const first = r.alias.slice(0, space);
      let set = this.firstWords.get(r.kbId);
      if (!set) {
        set = new Set();
        this.firstWords.set(r.kbId, set);
      }
      set.add(first);
      set.add(`~${skeletonToken(first)}`);
    }
  }

  /**
   * A person found by a one-word name (a surname) is the answer only when
   * the full name the article gives, if any, does not contradict it: its
   * first word must be (a prefix of, or prefixed by) the first word of one of
   * the person's known full names, spelled alike or with the same skeleton.
   * Without this, every learned surname alias would pull any namesake
   * (نيكولاس هاريس → هاري هاريس) into the first person learned under it.
   */
  private agrees(kbId: string, key: string, full: string | null, type: EntityType): boolean {
    if (type !== "PER" || full === null || key.includes(" ")) return true;
    const known = this.firstWords.get(kbId);
    if (!known || known.size === 0) return true;
    const first = full.slice(0, full.indexOf(" "));
    if (known.has(`~${skeletonToken(first)}`)) return true;
    for (const k of known) if (!k.startsWith("~") && (k.startsWith(first) || first.startsWith(k))) return true;
    return false;
  }

  private skeleton(key: string): string {
    if (isLatinKey(key)) return "";
    const s = skeletonKey(key, this.native);
    return s.replace(/\[[^\]]*\]/g, "xx").length >= MIN_SKELETON_LENGTH ? s : "";
  }

  private bump(index: Map<string, Map<string, number>>, key: string, kbId: string, n: number): void {
    if (key === "") return;
    let m = index.get(key);
    if (!m) {
      m = new Map();
      index.set(key, m);
    }
    m.set(kbId, (m.get(kbId) ?? 0) + Math.max(n, 1));
  }

  /** Best kbId among candidates of a compatible type; a one-word name needs a dominant owner. */
  private pick(cands: Map<string, number> | undefined, type: EntityType, oneWord: boolean): string | null {
    if (!cands) return null;
    let best: string | null = null;
    let bestN = -1;
    let second = 0;
    for (const [id, n] of cands) {
      const t = this.types.get(id);
      if (!t || !compatible(t, type)) continue;
      // Same type beats a compatible one (LOC روسيا over an ORG of that name).
      const score = n * (t === type ? 2 : 1);
      if (score > bestN) {
        second = Math.max(second, bestN);
        best = id;
        bestN = score;
      } else second = Math.max(second, score);
    }
    if (best === null) return null;
    if (second > 0 && (oneWord ? bestN < DOMINANCE * second : bestN === second)) return null;
    return best;
  }

  /**
   * The kbId of an entity known by `names` (fullest first), or null. Tries each
   * name exactly, then with/without the article ال (ORG/LOC), then by skeleton;
   * a person's surname match must agree with the full name given (agrees()).
   */
  resolve(names: string | readonly string[], type: EntityType): string | null {
    const list = (typeof names === "string" ? [names] : names).map(aliasKey).filter(Boolean);
    const full = list.find((k) => k.includes(" ")) ?? null;
    for (const key of list) {
      const one = !key.includes(" ");
      const exact = this.pick(this.byAlias.get(key), type, one);
      if (exact && this.agrees(exact, key, full, type)) return exact;
      if (type === "ORG" || type === "LOC") {
        const alt = key.startsWith("ال") ? key.slice(2) : `ال${key}`;
        const a = alt.length >= 2 ? this.pick(this.byAlias.get(alt), type, one) : null;
        if (a) return a;
      }
    }
    if (type === "MISC") return null;
    for (const key of list) {
      const s = this.skeleton(key);
      if (s === "") continue;
      const hit = this.pick(this.bySkeleton.get(s), type, !key.includes(" "));
      if (hit && this.agrees(hit, key, full, type)) return hit;
    }
    return null;
  }

  /** The country entity for an ISO alpha-3 code, or null. */
  country(iso3: string): string | null {
    return this.byIso.get(`iso:${iso3}`) ?? null;
  }

  /** Role rows of an entity (actor-dictionary codes with dates: "role:RUSGOV"). */
  roles(kbId: string): KbRow[] {
    return this.list.filter((r) => r.kbId === kbId && r.alias.startsWith("role:"));
  }

  /** Known holders of a title (rows), for inspection. */
  holders(titleId: string, of: string): readonly KbRow[] {
    return this.byTitle.get(titleAlias(titleId, of)) ?? [];
  }

  /**
   * Who held a title at a date. A row with no end date is taken to end when
   * another person is first seen holding the title after it started. Among
   * rows whose range contains the date, the narrowest wins (a learned
   * observation beats a long seed range, a closed range beats an open one);
   * when none does, the nearest learned sighting within MAX_TITLE_GAP_DAYS. Without a
   * date, only a title with a single known holder resolves.
   */
  resolveTitle(titleId: string, of: string, date: string | null): string | null {
    const rows = this.byTitle.get(titleAlias(titleId, of));
    if (!rows || rows.length === 0 || !isUniqueOffice(titleId, of)) return null;
    if (date === null) {
      const ids = new Set(rows.map((r) => r.kbId));
      return ids.size === 1 ? rows[0].kbId : null;
    }
    const d = days(date);
    // Undated rows say who held the title once, not when: no answer for a date.
    const spans = rows
      .filter((r) => r.validFrom !== null || r.validTo !== null)
      .map((r) => ({
        r,
        from: r.validFrom ? days(r.validFrom) : Number.NEGATIVE_INFINITY,
        to: r.validTo ? days(r.validTo) : Number.POSITIVE_INFINITY,
      }));
    for (const a of spans) {
      if (a.r.validTo !== null || a.from === Number.NEGATIVE_INFINITY) continue;
      for (const b of spans) if (b.r.kbId !== a.r.kbId && b.from > a.from && b.from < a.to) a.to = b.from;
    }
    let best: (typeof spans)[number] | null = null;
    let bestWidth = Number.POSITIVE_INFINITY;
    let nearest: (typeof spans)[number] | null = null;
    let nearestGap = Number.POSITIVE_INFINITY;
    for (const x of spans) {
      if (x.from <= d && d <= x.to) {
        // Open ranges compare as very wide, so any closed range beats them.
        const width = Number.isFinite(x.to - x.from) ? x.to - x.from : OPEN_WIDTH + (Number.isFinite(x.from) ? d - x.from : OPEN_WIDTH);
        if (width < bestWidth || (width === bestWidth && best && x.r.count > best.r.count)) {
          best = x;
          bestWidth = width;
        }
      } else if (x.r.source === "learned") {
        // A learned row is a sighting, not a tenure: the holder may have held
        // the title a while around it. Dictionary ranges are tenures.
        const gap = d < x.from ? x.from - d : d - x.to;
        if (gap < nearestGap) {
          nearest = x;
          nearestGap = gap;
        }
      }
    }
    if (best) return best.r.kbId;
    return nearest && nearestGap <= MAX_TITLE_GAP_DAYS ? nearest.r.kbId : null;
  }

  /** A fresh id for a new entity: "<type>:<name>", with #2, #3 for namesakes of another type. */
  newId(type: EntityType, name: string): string {
    const base = `${TYPE_PREFIX[type]}:${name.trim().replace(/\s+/g, "_")}`;
    let id = base;
    for (let n = 2; this.types.has(id) && this.types.get(id) !== type; n++) id = `${base}#${n}`;
    return id;
  }

  /**
   * Learns from a linked article: entities the KB did not know get an id
   * (written back into doc.entities[].kbId), every mention form becomes an
   * alias row, and each "title + name" apposition becomes a dated
   * title-holder row (only when the article has a date and the title names
   * its country or organization, and is not "former"/"elect").
   *
   * An entity whose kbId the KB does not know (the pipeline gives unknown
   * names an id derived from the name) is treated as new: a person needs a
   * full name before the KB takes it in, and a known entity found under its
   * other names replaces the derived id.
   */
  learn(doc: ArticleDocument): LearnReport {
    if (!doc || typeof doc.text !== "string" || !Array.isArray(doc.entities)) {
      throw new InputError("document", "learn() needs a linked document (text and entities)");
    }
    const date = dateOf(doc.published);
    const report: LearnReport = { created: 0, aliases: 0, titles: 0, rows: [] };
    const taught: KbRow[] = [];
    const teach = (r: KbRow) => {
      taught.push(r);
      this.add(r);
    };
    // Mentions that are title phrases are not names: find them first.
    const spans: { start: number; end: number; type: EntityType; entity: number }[] = [];
    doc.entities.forEach((e, ei) => {
      for (const m of e.mentions) spans.push({ start: m.start, end: m.end, type: e.type, entity: ei });
    });
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const hits = findTitles(doc.text, spans, docTokens(doc.text));
    const titleSpans = new Set<number>();
    for (const h of hits) for (const k of h.covered) titleSpans.add(k);

    const formsOf = new Map<number, Map<string, { display: string; n: number }>>();
    spans.forEach((s, k) => {
      if (titleSpans.has(k) || s.start < 0 || s.end > doc.text.length) return;
      const f = mentionForm(doc.text.slice(s.start, s.end), doc.text, s.start);
      // An assimilated-article reading (لأمم / الأمم) is ambiguous: not learned.
      if (f.key === "" || f.alt) return;
      // A bare title ("الرئيس") or a nationality word ("الفرنسي") linked to a person in this
      // article names nobody in the next one: it is not an alias.
      if (isTitlePhrase(f.tokens) || nationalityOf(f.key) !== null) return;
      let m = formsOf.get(s.entity);
      if (!m) {
        m = new Map();
        formsOf.set(s.entity, m);
      }
      const prev = m.get(f.key);
      if (prev) prev.n++;
      else m.set(f.key, { display: f.display, n: 1 });
    });
    doc.entities.forEach((e, ei) => {
      const forms = formsOf.get(ei);
      if (!forms || forms.size === 0 || e.type === "MISC") return;
      if (!e.kbId || !this.types.has(e.kbId)) {
        // A person needs a full name (two words) before it gets an identity.
        const full = [...forms.keys()].some((k) => k.includes(" "));
        if (e.type === "PER" && !full) return;
        e.kbId = this.resolve([e.name, ...[...forms.values()].map((f) => f.display)], e.type) ?? e.kbId ?? this.newId(e.type, e.name);
        if (!this.types.has(e.kbId)) report.created++;
      }
      const kbId = e.kbId;
      const type = this.types.get(kbId) ?? e.type;
      for (const [key, f] of forms) {
        teach({ kbId, alias: key, display: f.display, type, source: "learned", validFrom: date, validTo: date, count: f.n });
        report.aliases++;
      }
    });
    if (date) {
      for (const h of hits) {
        if (h.holder === null || h.of === null || h.modifier !== null || !isUniqueOffice(h.titleId, h.of)) continue;
        const e = doc.entities[spans[h.holder].entity];
        // Only a holder the KB knows (or has just taken in): not a one-word name it left out.
        if (!e?.kbId || e.type !== "PER" || !this.types.has(e.kbId)) continue;
        teach({
          kbId: e.kbId,
          alias: titleAlias(h.titleId, h.of),
          display: h.text,
          type: "PER",
          source: "learned",
          validFrom: date,
          validTo: date,
          count: 1,
        });
        report.titles++;
      }
    }
    report.rows = mergeRows(taught);
    return report;
  }
}

/** One LOC entity per country (ids from the canonical Arabic name), with an iso: row. */
export function countryRows(): KbRow[] {
  const rows: KbRow[] = [];
  for (const c of loadCountries()) {
    const kbId = `loc:${c.name.replace(/\s+/g, "_")}`;
    const base = { kbId, type: "LOC" as EntityType, source: "country" as KbSource, validFrom: null, validTo: null, count: 1 };
    rows.push({ ...base, alias: aliasKey(c.name), display: c.name });
    for (const a of c.aliases) rows.push({ ...base, alias: aliasKey(a), display: a });
    rows.push({ ...base, alias: `iso:${c.iso3}`, display: c.iso3 });
  }
  return rows;
}
