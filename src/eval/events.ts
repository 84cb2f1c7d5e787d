/**
 * `marsad eval events`: the events stage (src/nlp/events) against gold
 * events, through the full pipeline (NER and linking included, as a user
 * gets them).
 *
 * Gold: a JSON object (the seed's expected.json) or JSONL, one record per
 * article or sentence:
 *
 *   {"input": FILE-or-text | "text": ..., "published": "2020-07-08",
 *    "events": [ {"type": "CONSULT", "between": [[names], [names]]}
 *              | {"type": "SUPPORT", "source": [names], "target": [names]} ]}
 *
 * "input" is read as a file relative to the gold file when one exists
 * there, else taken as the text. An event may add "negated": true and
 * "mode": "future" | "hypothetical" (default false / "asserted"); a gold
 * event with "target": [] or no target has none.
 *
 * Matching follows the seed README: names are compared after
 * normalization with one leading proclitic (و ف ب ل ك) stripped from the
 * mention; a side matches when one of its entities has a mention (or name)
 * equal to one of the listed names ("a person or their country"). An
 * event is correct when its type, both sides (either order for
 * "between"), negation and mode match. Gold lists facts, while the stage
 * reports every sentence that states one: system events are grouped into
 * facts (distinctEvents: same type and modality, sides sharing an entity)
 * before counting, and each gold event is matched at most once.
 *
 * Reports precision, recall and F1 per type and micro-averaged, the same
 * ignoring negation and mode ("roles" figures), and the false and missed
 * events. Default gold: the reference article (../shared/seed).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ArticleDocument, Event } from "../document.js";
import { InputError } from "../errors.js";
import { analyze } from "../pipeline.js";
import { normalizeKey } from "../text/normalize.js";
import { type PRF, prf, round } from "./score.js";
import type { EvalOptions, EvalResult, Evaluation } from "./types.js";

/** Test fixture: our own hand-written development sentences. */
export const EVENTS_FIXTURE = ["test", "fixtures", "events-gold.jsonl"];
/** Errors listed in --json. */
const MAX_ERRORS = 40;

export interface GoldEvent {
  type: string;
  between?: [string[], string[]];
  source?: string[];
  target?: string[];
  negated?: boolean;
  mode?: Event["mode"];
}

export interface GoldRecord {
  /** Where it came from ("file:line"), for messages. */
  where: string;
  text: string;
  published: string | null;
  events: GoldEvent[];
}

/** The README's matching key: normalized, spaces collapsed. */
function key(s: string): string {
  return normalizeKey(s).replace(/\s+/g, " ").trim();
}

const MODES = new Set(["asserted", "future", "hypothetical"]);

function checkEvent(e: unknown, where: string): GoldEvent {
  const o = e as Record<string, unknown>;
  if (!o || typeof o !== "object" || typeof o.type !== "string") throw new InputError(where, 'each event needs a "type"');
  const names = (v: unknown, what: string): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new InputError(where, `"${what}" must be a list of names`);
    return v as string[];
  };
  const g: GoldEvent = { type: o.type };
  if (o.between !== undefined) {
    if (!Array.isArray(o.between) || o.between.length !== 2) throw new InputError(where, '"between" must be two lists of names');
    g.between = [names(o.between[0], "between"), names(o.between[1], "between")];
  } else {
    if (o.source === undefined) throw new InputError(where, 'an event needs "between" or "source"');
    g.source = names(o.source, "source");
    g.target = o.target === undefined ? [] : names(o.target, "target");
  }
  if (o.negated !== undefined) {
    if (typeof o.negated !== "boolean") throw new InputError(where, '"negated" must be true or false');
    g.negated = o.negated;
  }
  if (o.mode !== undefined) {
    if (typeof o.mode !== "string" || !MODES.has(o.mode)) throw new InputError(where, '"mode" must be asserted, future or hypothetical');
    g.mode = o.mode as Event["mode"];
  }
  return g;
}

function toRecord(obj: unknown, where: string, baseDir: string): GoldRecord {
  const o = obj as Record<string, unknown>;
  if (!o || typeof o !== "object" || Array.isArray(o)) throw new InputError(where, "expected a JSON object");
  let text: string | null = typeof o.text === "string" ? o.text : null;
  if (text === null && typeof o.input === "string") {
    const p = resolve(baseDir, o.input);
    text = o.input.length < 300 && !o.input.includes("\n") && existsSync(p) ? readFileSync(p, "utf8") : o.input;
  }
  if (text === null || text.trim() === "") throw new InputError(where, 'needs "text" or "input"');
  if (!Array.isArray(o.events)) throw new InputError(where, 'needs an "events" list');
  const published = typeof o.published === "string" ? o.published : null;
  return { where, text, published, events: o.events.map((e, i) => checkEvent(e, `${where}: event ${i + 1}`)) };
}

/** Read gold records from a .json object/array or a JSONL file. */
export function readGold(path: string): GoldRecord[] {
  if (!existsSync(path)) throw new InputError(path, "gold file not found");
  const raw = readFileSync(path, "utf8");
  const dir = dirname(path);
  const trimmed = raw.trim();
  if (trimmed === "") throw new InputError(path, "gold file is empty");
  // A whole-file JSON document (expected.json), else one record a line.
  if (trimmed.startsWith("[") || (trimmed.startsWith("{") && !trimmed.includes("\n{"))) {
    try {
      const obj = JSON.parse(trimmed) as unknown;
      const list = Array.isArray(obj) ? obj : [obj];
      return list.map((o, i) => toRecord(o, `${path}: record ${i + 1}`, dir));
    } catch (e) {
      if (e instanceof InputError) throw e;
      // Not one document: fall through to JSONL.
    }
  }
  const out: GoldRecord[] = [];
  raw.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.trim().startsWith("//")) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${path}:${i + 1}`, `not valid JSON (${(e as Error).message})`);
    }
    out.push(toRecord(obj, `${path}:${i + 1}`, dir));
  });
  if (out.length === 0) throw new InputError(path, "no gold records");
  return out;
}

/** Names an entity answers to: its name and its mentions, proclitic-stripped when that gives a listed name. */
function sideMatches(doc: ArticleDocument, ids: readonly string[], names: readonly string[]): boolean {
  if (names.length === 0) return ids.length === 0;
  const wanted = new Set(names.map(key));
  for (const id of ids) {
    const e = doc.entities.find((x) => x.id === id);
    if (!e) continue;
    for (const form of [e.name, ...e.mentions.map((m) => m.text)]) {
      const k = key(form);
      if (wanted.has(k) || (/^[وفبلك]/.test(k) && wanted.has(k.slice(1)))) return true;
    }
  }
  return false;
}

function eventMatches(doc: ArticleDocument, sys: Event, gold: GoldEvent, modality: boolean): boolean {
  if (sys.type !== gold.type) return false;
  if (modality && (sys.negated !== (gold.negated ?? false) || sys.mode !== (gold.mode ?? "asserted"))) return false;
  if (gold.between) {
    const [a, b] = gold.between;
    return (
      (sideMatches(doc, sys.source, a) && sideMatches(doc, sys.target, b)) ||
      (sideMatches(doc, sys.source, b) && sideMatches(doc, sys.target, a))
    );
  }
  return sideMatches(doc, sys.source, gold.source ?? []) && sideMatches(doc, sys.target, gold.target ?? []);
}

/** Types whose two sides do the same thing to each other: A→B and B→A are one fact. */
const SYMMETRIC_TYPES = new Set(["AGREE", "CONSULT", "COOPERATE"]);

const overlaps = (a: readonly string[], b: readonly string[]) => (a.length === 0 && b.length === 0) || a.some((x) => b.includes(x));

/**
 * System events of one document as facts: events of one type (and, with
 * `modality`, one negation and mode) whose sides share an entity are one
 * fact ("روسيا → الصين" and "بوتين+روسيا → شي+الصين"; either order for
 * symmetric types). The first event stands for its fact.
 */
export function distinctEvents(events: readonly Event[], modality: boolean): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const same = out.some((f) => {
      if (f.type !== e.type || (modality && (f.negated !== e.negated || f.mode !== e.mode))) return false;
      if (overlaps(f.source, e.source) && overlaps(f.target, e.target)) return true;
      return SYMMETRIC_TYPES.has(e.type) && overlaps(f.source, e.target) && overlaps(f.target, e.source);
    });
    if (!same) out.push(e);
  }
  return out;
}

export interface EventScores {
  micro: PRF;
  perType: Record<string, PRF>;
}

interface Tally {
  gold: Map<string, number>;
  system: Map<string, number>;
  correct: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function finish(t: Tally): EventScores {
  const types = new Set([...t.gold.keys(), ...t.system.keys()]);
  const perType: Record<string, PRF> = {};
  let g = 0;
  let s = 0;
  let c = 0;
  for (const ty of [...types].sort()) {
    const p = prf(t.gold.get(ty) ?? 0, t.system.get(ty) ?? 0, t.correct.get(ty) ?? 0);
    perType[ty] = { ...p, precision: round(p.precision), recall: round(p.recall), f1: round(p.f1) };
    g += p.gold;
    s += p.system;
    c += p.correct;
  }
  const micro = prf(g, s, c);
  return { micro: { ...micro, precision: round(micro.precision), recall: round(micro.recall), f1: round(micro.f1) }, perType };
}

export interface EventEvaluation {
  full: EventScores;
  roles: EventScores;
  records: number;
  errors: Array<{ where: string; kind: "false" | "missed"; event: unknown; sentence?: string }>;
}

/** Score gold records through the full pipeline. */
export function scoreEvents(records: readonly GoldRecord[], progress: (done: number, total: number) => void = () => {}): EventEvaluation {
  const full: Tally = { gold: new Map(), system: new Map(), correct: new Map() };
  const roles: Tally = { gold: new Map(), system: new Map(), correct: new Map() };
  const errors: EventEvaluation["errors"] = [];
  records.forEach((r, i) => {
    progress(i + 1, records.length);
    const doc = analyze({ format: "txt", content: r.text }, { published: r.published });
    const name = (id: string) => doc.entities.find((e) => e.id === id)?.name ?? id;
    for (const [tally, modality] of [
      [full, true],
      [roles, false],
    ] as const) {
      const sys = distinctEvents(doc.events, modality);
      const used = new Set<Event>();
      for (const g of r.events) bump(tally.gold, g.type);
      for (const e of sys) bump(tally.system, e.type);
      const found = new Set<GoldEvent>();
      for (const g of r.events) {
        const hit = sys.find((e) => !used.has(e) && eventMatches(doc, e, g, modality));
        if (hit) {
          used.add(hit);
          found.add(g);
          bump(tally.correct, g.type);
        }
      }
      if (!modality || errors.length >= MAX_ERRORS) continue;
      for (const g of r.events) if (!found.has(g)) errors.push({ where: r.where, kind: "missed", event: g });
      for (const e of sys) {
        if (used.has(e)) continue;
        const s = doc.sentences[e.sentence];
        errors.push({
          where: r.where,
          kind: "false",
          event: {
            type: e.type,
            source: e.source.map(name),
            target: e.target.map(name),
            trigger: e.trigger,
            negated: e.negated,
            mode: e.mode,
          },
          sentence: s ? doc.text.slice(s.start, s.end) : undefined,
        });
      }
    }
  });
  return { full: finish(full), roles: finish(roles), records: records.length, errors: errors.slice(0, MAX_ERRORS) };
}

export const eventsEval: Evaluation = {
  name: "events",
  summary: "PLOVER events (type, source, target, negation, mode) vs gold: P/R/F1 per type and micro",
  defaultGold: join("..", "seed", "expected.json"),
  flagsHelp: `gold: expected.json of the seed, or JSONL records {"text"|"input", "published", "events": [...]}\nour development sentences: --gold ${EVENTS_FIXTURE.join("/")}`,
  async run(opts: EvalOptions): Promise<EvalResult> {
    const gold = opts.gold;
    if (gold === null) throw new InputError(eventsEval.defaultGold, "gold file not found (set MARSAD_DATA or pass --gold)");
    const records = readGold(gold);
    const s = scoreEvents(records, opts.progress);
    return {
      eval: "events",
      gold,
      figures: [
        { name: "micro precision %", value: s.full.micro.precision },
        { name: "micro recall %", value: s.full.micro.recall },
        { name: "micro F1 %", value: s.full.micro.f1 },
        { name: "roles-only F1 %", value: s.roles.micro.f1 },
      ],
      details: {
        records: s.records,
        matching: "type + both sides + negated + mode; system events grouped into facts (same type and modality, sides sharing an entity)",
        micro: s.full.micro,
        perType: s.full.perType,
        rolesOnly: { note: "negation and mode ignored", micro: s.roles.micro, perType: s.roles.perType },
        errors: s.errors,
      },
    };
  },
};
