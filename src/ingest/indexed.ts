/**
 * A `marsad.article/1` document → the IndexedDocument a store writes: the
 * serialized JSON, indexed columns, search terms, and flat rows for the
 * entity, quote and event tables (entity ids resolved to kbIds or names, so
 * the rows mean something outside their article), with the derived parts
 * made by src/corpus/rows.ts: entity alias keys, what each quote is about,
 * event negation and mode, and the near-duplicate signature, plus the
 * knowledge-base rows the document taught (src/kb learn(); stored with it
 * when it is new). Runs in the ingest workers, so the main thread only writes.
 */
import { textSignature } from "../corpus/near-dup.js";
import { entityAliases, eventFlags, quoteAbout } from "../corpus/rows.js";
import type { ArticleDocument, Entity } from "../document.js";
import type { KbRow } from "../kb/rows.js";
import { documentTerms } from "../search/terms.js";
import type { IndexedDocument } from "../store/types.js";

export function toIndexed(doc: ArticleDocument, kbRows: KbRow[] = []): IndexedDocument {
  const byId = new Map<string, Entity>(doc.entities.map((e) => [e.id, e]));
  const ref = (id: string): string => {
    const e = byId.get(id);
    return e ? (e.kbId ?? e.name) : id;
  };
  const terms = documentTerms(doc);
  return {
    id: doc.id,
    json: JSON.stringify(doc),
    title: doc.title,
    published: doc.published,
    outlet: doc.source.outlet,
    section: doc.source.section ?? null,
    url: doc.source.url,
    path: doc.source.path,
    titleTerms: terms.title,
    bodyTerms: terms.body,
    entities: doc.entities.map((e) => ({
      localId: e.id,
      kbId: e.kbId,
      name: e.name,
      type: e.type,
      mentions: e.mentions.length,
      salience: e.salience,
      aliases: entityAliases(e),
    })),
    quotes: doc.quotes.map((q) => {
      const speaker = q.speaker ? byId.get(q.speaker) : undefined;
      return {
        start: q.start,
        end: q.end,
        text: q.text,
        speakerKbId: speaker?.kbId ?? null,
        speakerName: speaker?.name ?? q.speakerText,
        cue: q.cue,
        direct: q.direct,
        about: quoteAbout(q, doc.entities),
      };
    }),
    events: doc.events.map((ev) => ({
      type: ev.type,
      start: ev.start,
      end: ev.end,
      trigger: ev.trigger,
      source: ev.source.map(ref),
      target: ev.target.map(ref),
      confidence: ev.confidence,
      ...eventFlags(ev),
    })),
    signature: textSignature(doc.text),
    kbRows,
  };
}
