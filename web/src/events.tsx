/**
 * How an event looks wherever the UI shows one — the article's side panel,
 * the entity page (events by it and against it), the dyad page and the
 * analyze page: its type in Arabic with its colour, the two sides, the
 * trigger as written, and a visible mark when it is not a plain fact
 * (منفي / مستقبلي / افتراضي; the same mark colours the trigger in the text,
 * see style.css). Also the toggle between the API's default (asserted,
 * non-negated events only) and every event (asserted=false). One file, so
 * that an event reads the same on every page.
 */
import type { ComponentChildren } from "preact";
import type { EventItem, Participant } from "./api.js";
import { typeColor } from "./chart.js";
import { dateText, EVENT_MODES, type EventMark, eventMark, eventName, L } from "./labels.js";
import { href } from "./router.js";

/** CSS class of an event's mark ("ev-negated", "ev-future", "ev-hypothetical"), or "" when asserted. */
export const markClass = (ev: { negated: boolean; mode: string }): string => {
  const m = eventMark(ev);
  return m ? `ev-${m}` : "";
};

export function Swatch({ type, size = 10 }: { type: string; size?: number }) {
  return (
    <svg width={size} height={size} aria-hidden="true">
      <rect width={size} height={size} fill={typeColor(type)} />
    </svg>
  );
}

export function MarkBadge({ mark }: { mark: EventMark | null }) {
  if (!mark) return null;
  return <span class={`evmark ev-${mark}`}>{EVENT_MODES[mark]}</span>;
}

/**
 * One event as a list item: type, mark, "source ← target" (the arrow points
 * the way Arabic reads: from the acting side to the receiving one), the
 * trigger, and an optional line under it (the article it comes from).
 */
export function EventRow({
  ev,
  source,
  target,
  under,
}: {
  ev: { type: string; trigger: string; negated: boolean; mode: string };
  source: ComponentChildren;
  target: ComponentChildren;
  under?: ComponentChildren;
}) {
  const mark = eventMark(ev);
  return (
    <li class={`ev ${markClass(ev)}`.trim()} data-type={ev.type}>
      <span class="evtype">
        <Swatch type={ev.type} />
        {eventName(ev.type)}
      </span>
      <MarkBadge mark={mark} />{" "}
      <span class="evsides">
        <span class="evside" title={L.eventSource}>
          {source}
        </span>{" "}
        ←{" "}
        <span class="evside" title={L.eventTarget}>
          {target}
        </span>
      </span>{" "}
      <span class="evtrigger" title={L.eventTrigger}>
        «{ev.trigger}»
      </span>
      {under && <span class="sub">{under}</span>}
    </li>
  );
}

/** Participants as links to their entity pages, joined by "، "; a dash when there are none. */
export function Actors({ list }: { list: Participant[] }) {
  if (list.length === 0) return <>{L.nobody}</>;
  return (
    <>
      {list.map((p, i) => (
        <span key={p.key}>
          {i > 0 && "، "}
          <a href={href.entity(p.key)}>{p.name}</a>
        </span>
      ))}
    </>
  );
}

/** Events from the corpus API, each with the article it was found in. */
export function EventList({ items }: { items: EventItem[] }) {
  return (
    <ul class="events">
      {items.map((ev) => (
        <EventRow
          key={`${ev.articleId}:${ev.start}:${ev.type}`}
          ev={ev}
          source={<Actors list={ev.source} />}
          target={<Actors list={ev.target} />}
          under={
            <>
              <a href={href.article(ev.articleId)}>{ev.title}</a>
              {ev.published && ` · ${dateText(ev.published)}`}
            </>
          }
        />
      ))}
    </ul>
  );
}

/** Asserted events only (the API's default) or every event (asserted=false). */
export function AssertedToggle({ all, set }: { all: boolean; set: (all: boolean) => void }) {
  return (
    <fieldset class="toggle" aria-label={L.events}>
      <button type="button" name="asserted" aria-pressed={!all} onClick={() => set(false)}>
        {L.assertedOnly}
      </button>
      <button type="button" name="all-events" aria-pressed={all} title={L.allEventsHint} onClick={() => set(true)}>
        {L.allEvents}
      </button>
    </fieldset>
  );
}

/** The `asserted` query value for a toggle state: omitted (the default) or false. */
export const assertedParam = (all: boolean): string | null => (all ? "false" : null);
