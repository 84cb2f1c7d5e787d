/**
 * One analyzed document on screen: the text with entity mentions, quotes and
 * event triggers highlighted from their offsets (a negated, future or
 * hypothetical event's trigger is marked apart from a plain fact), and a side
 * panel listing entities by salience, quotes and events. Used by the article
 * page (a stored document) and the analyze page (a fresh analysis), so both
 * show exactly the same thing.
 */
import type { ComponentChildren } from "preact";
import type { ArticleDocument, Entity } from "./api.js";
import { Empty, Meta } from "./components.js";
import { EventRow, markClass } from "./events.js";
import { highlighted, type Mark } from "./highlight.js";
import { EVENT_MODES, eventMark, eventName, L, num, typeName } from "./labels.js";
import { href } from "./router.js";

/** The key the corpus stores an entity under, and /api/entities/{key} takes: its kbId, else its name (src/store/types.ts). */
export const entityKey = (e: Pick<Entity, "kbId" | "name">): string => e.kbId ?? e.name;

interface Block {
  kind: "title" | "lead" | "para";
  start: number;
  end: number;
}

/** The text's blocks (title, lead, paragraphs: joined by blank lines) with their offsets. */
export function blocks(doc: ArticleDocument): Block[] {
  const out: Block[] = [];
  let pos = 0;
  const t = doc.text;
  while (pos <= t.length) {
    let end = t.indexOf("\n\n", pos);
    if (end < 0) end = t.length;
    if (end > pos) out.push({ kind: "para", start: pos, end });
    pos = end + 2;
  }
  if (out.length && doc.title && t.startsWith(doc.title)) out[0].kind = "title";
  const leadAt = doc.lead ? out.findIndex((b) => b.kind === "para") : -1;
  if (leadAt >= 0 && t.slice(out[leadAt].start, out[leadAt].end) === doc.lead) out[leadAt].kind = "lead";
  return out;
}

export function marksOf(doc: ArticleDocument): Mark[] {
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const names = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).join("، ");
  const marks: Mark[] = [];
  for (const q of doc.quotes) {
    marks.push({ start: q.start, end: q.end, cls: "quote", title: `${L.legendQuote}: ${q.speakerText ?? L.speakerUnknown}` });
  }
  for (const ev of doc.events) {
    const mark = eventMark(ev);
    marks.push({
      start: ev.start,
      end: ev.end,
      cls: `event ${markClass(ev)}`.trim(),
      title: `${eventName(ev.type)}${mark ? ` (${EVENT_MODES[mark]})` : ""}: ${names(ev.source) || L.nobody} ← ${names(ev.target) || L.nobody}`,
    });
  }
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      marks.push({
        start: m.start,
        end: m.end,
        cls: `ent ent-${e.type}`,
        href: href.entity(entityKey(e)),
        title: `${e.name} · ${typeName(e.type)}`,
      });
    }
  }
  return marks;
}

function Body({ doc }: { doc: ArticleDocument }) {
  const marks = marksOf(doc);
  return (
    <div class="doctext">
      {blocks(doc).map((b) => {
        const content = highlighted(doc.text, marks, b.start, b.end);
        if (b.kind === "title") return <h1 key={b.start}>{content}</h1>;
        if (b.kind === "lead")
          return (
            <p key={b.start} class="lead">
              {content}
            </p>
          );
        return <p key={b.start}>{content}</p>;
      })}
    </div>
  );
}

function Legend() {
  return (
    <p class="legend-inline" title={L.legend}>
      {(["PER", "ORG", "LOC", "MISC"] as const).map((t) => (
        <span key={t} class={`ent ent-${t}`}>
          {typeName(t)}
        </span>
      ))}
      <span class="quote">{L.legendQuote}</span>
      <span class="event">{L.legendEvent}</span>
      {(["negated", "future", "hypothetical"] as const).map((m) => (
        <span key={m} class={`event ev-${m}`}>
          {L.legendEvent} {EVENT_MODES[m]}
        </span>
      ))}
    </p>
  );
}

function EntityPanel({ doc }: { doc: ArticleDocument }) {
  const sorted = [...doc.entities].sort((a, b) => b.salience - a.salience || b.mentions.length - a.mentions.length);
  return (
    <section class="panel-section">
      <h2>
        {L.entities} <span class="count">{num(sorted.length)}</span>
      </h2>
      {sorted.length === 0 ? (
        <Empty>{L.noEntities}</Empty>
      ) : (
        <ul class="entities">
          {sorted.map((e) => (
            <li key={e.id}>
              <a class={`ent ent-${e.type}`} href={href.entity(entityKey(e))}>
                {e.name}
              </a>
              <span class="badge">{typeName(e.type)}</span>
              <span class="sub">
                {L.mentions(num(e.mentions.length))} · {L.salience} {num(Math.round(e.salience * 100))}٪
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function QuotePanel({ doc }: { doc: ArticleDocument }) {
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  return (
    <section class="panel-section">
      <h2>
        {L.quotes} <span class="count">{num(doc.quotes.length)}</span>
      </h2>
      {doc.quotes.length === 0 ? (
        <Empty>{L.noQuotes}</Empty>
      ) : (
        <ul class="quotes">
          {doc.quotes.map((q) => {
            const sp = q.speaker ? byId.get(q.speaker) : undefined;
            return (
              <li key={q.start}>
                <blockquote>{q.text}</blockquote>
                <span class="sub">
                  {sp ? <a href={href.entity(entityKey(sp))}>{sp.name}</a> : (q.speakerText ?? L.speakerUnknown)}
                  {q.cue ? ` · ${q.cue}` : ""} · {q.direct ? L.direct : L.indirect}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EventPanel({ doc }: { doc: ArticleDocument }) {
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const actor = (id: string) => {
    const e = byId.get(id);
    return e ? (
      <a key={id} href={href.entity(entityKey(e))}>
        {e.name}
      </a>
    ) : (
      <span key={id}>{id}</span>
    );
  };
  const join = (ids: string[]) => (ids.length === 0 ? L.nobody : ids.flatMap((id, i) => (i ? ["، ", actor(id)] : [actor(id)])));
  return (
    <section class="panel-section">
      <h2>
        {L.events} <span class="count">{num(doc.events.length)}</span>
      </h2>
      {doc.events.length === 0 ? (
        <Empty>{L.noEvents}</Empty>
      ) : (
        <ul class="events">
          {doc.events.map((ev) => (
            <EventRow key={`${ev.start}:${ev.type}`} ev={ev} source={join(ev.source)} target={join(ev.target)} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function DocView({ doc, after }: { doc: ArticleDocument; after?: ComponentChildren }) {
  return (
    <div class="docview">
      <article class="doc">
        <Meta a={{ outlet: doc.source.outlet, section: doc.source.section, published: doc.published }} />
        {doc.source.url && /^https?:\/\//i.test(doc.source.url) && (
          <a class="original" href={doc.source.url} rel="noopener noreferrer nofollow" target="_blank">
            {L.original}
          </a>
        )}
        <Legend />
        <Body doc={doc} />
        {doc.removed.length > 0 && (
          <details class="removed">
            <summary>
              {L.removed} ({num(doc.removed.length)})
            </summary>
            <ul>
              {doc.removed.map((r, i) => (
                <li key={i}>
                  {r.text} <span class="sub">{r.reason}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
        {after}
      </article>
      <aside class="panel">
        <EntityPanel doc={doc} />
        <QuotePanel doc={doc} />
        <EventPanel doc={doc} />
      </aside>
    </div>
  );
}
