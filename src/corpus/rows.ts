/**
 * The parts of a document's corpus rows that are derived rather than copied:
 * an entity's alias keys (how a plain name finds it), the entities a quote
 * names inside its quoted span (what it is about), an event's negation and
 * mode (with defaults for documents from before the event stage set them),
 * and the near-duplicate signature. Ingest (src/ingest/indexed.ts) builds
 * IndexedDocument rows with these, and the stores call the same functions
 * when a schema migration fills the new columns of documents stored by an
 * older build — so old and new rows are made by one rule.
 */
import type { ArticleDocument, Entity, Quote } from "../document.js";
import { aliasKey } from "../store/keys.js";
import { EVENT_MODES, type EventMode } from "../store/types.js";
import { textSignature } from "./near-dup.js";

/** Distinct alias keys of an entity: its name and the text of each mention. */
export function entityAliases(e: Pick<Entity, "name" | "mentions">): string[] {
  const out = new Set<string>();
  for (const s of [e.name, ...e.mentions.map((m) => m.text)]) {
    const k = aliasKey(s);
    if (k !== "") out.add(k);
  }
  return [...out];
}

/** How an entity is referred to in corpus rows: its kbId when linked, else its name. */
export function entityRef(e: Pick<Entity, "kbId" | "name">): string {
  return e.kbId ?? e.name;
}

/** The entities (as refs) with a mention inside the quote's span, in order of first mention. */
export function quoteAbout(q: Pick<Quote, "start" | "end">, entities: Entity[]): string[] {
  const found: Array<{ at: number; ref: string }> = [];
  for (const e of entities) {
    const inside = e.mentions.filter((m) => m.start >= q.start && m.end <= q.end);
    if (inside.length > 0) found.push({ at: Math.min(...inside.map((m) => m.start)), ref: entityRef(e) });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.ref))];
}

/**
 * An event's negation and mode. Documents analyzed before the event stage
 * recorded them have neither: they count as asserted and not negated.
 */
export function eventFlags(ev: object): { negated: boolean; mode: EventMode } {
  const e = ev as { negated?: unknown; mode?: unknown };
  const mode = EVENT_MODES.includes(e.mode as EventMode) ? (e.mode as EventMode) : "asserted";
  return { negated: e.negated === true, mode };
}

/** The derived rows of a stored document, for migrations that fill them in. */
export interface DerivedRows {
  signature: number[] | null;
  /** Alias keys by article-local entity id. */
  aliases: Map<string, string[]>;
  /** Per quote, in order: the refs it is about. */
  about: string[][];
  /** Per event, in order. */
  events: Array<{ negated: boolean; mode: EventMode }>;
}

export function derivedRows(doc: ArticleDocument): DerivedRows {
  return {
    signature: textSignature(doc.text),
    aliases: new Map(doc.entities.map((e) => [e.id, entityAliases(e)])),
    about: doc.quotes.map((q) => quoteAbout(q, doc.entities)),
    events: doc.events.map(eventFlags),
  };
}
