/**
 * The dyad page: two actors and the events between them, both ways, per
 * month (or day) and type — an SVG chart with the first actor's actions
 * above the axis and the second's below, a colour key with the count of
 * each type, and the list of events in each direction.
 *
 * Each side may be typed as any name the corpus writes the actor with: it is
 * resolved through /api/entities/{name} first (the events endpoint matches
 * keys, not names), the page says which entity it took, and "هل تقصد…"
 * offers the others. Like the API, the chart counts asserted, non-negated
 * events unless the toggle asks for all of them (asserted=false). The form
 * and both toggles live in the URL, so a view can be linked.
 */
import { useEffect, useState } from "preact/hooks";
import { type EntityReply, type EventPage, type Load, qs, useApi } from "./api.js";
import { DyadChart, TypeLegend } from "./chart.js";
import { Empty, ErrorBox, Loaded, Loading } from "./components.js";
import { AssertedToggle, assertedParam, EventList } from "./events.js";
import { L, num } from "./labels.js";
import { type DyadView, go, href } from "./router.js";

function Direction({ a, b, load }: { a: string; b: string; load: EventPage }) {
  return (
    <section class="box">
      <h2>
        {L.dyadAtoB(a, b)} <span class="count">{L.eventsCount(num(load.total))}</span>
      </h2>
      {load.items.length === 0 ? <Empty>{L.noEvents}</Empty> : <EventList items={load.items} />}
    </section>
  );
}

/** "«name» يُقصد به: X — هل تقصد Y؟" for one side, when the name was resolved; links keep the other side. */
function SideNote({ e, other, first, view }: { e: EntityReply; other: string; first: boolean; view: DyadView }) {
  const r = e.resolved;
  if (!r) return null;
  const link = (key: string) => (first ? href.dyad(key, other, view) : href.dyad(other, key, view));
  return (
    <p class="sub resolved">
      {L.resolvedAs(r.query)} <strong>{e.name}</strong>
      {r.alternatives.length > 0 && (
        <span class="didyoumean">
          {" · "}
          {L.didYouMean}{" "}
          {r.alternatives.map((a, i) => (
            <span key={a.key}>
              {i > 0 && "، "}
              <a href={link(a.key)}>{a.name}</a>
            </span>
          ))}
          ؟
        </span>
      )}
    </p>
  );
}

function Pair({ ea, eb, view }: { ea: EntityReply; eb: EntityReply; view: DyadView }) {
  const opts = { by: view.by, asserted: assertedParam(view.all), limit: 50 };
  const [ab, retryAb] = useApi<EventPage>(`/api/events${qs({ source: ea.key, target: eb.key, ...opts })}`);
  const [ba, retryBa] = useApi<EventPage>(`/api/events${qs({ source: eb.key, target: ea.key, ...opts })}`);
  return (
    <>
      <SideNote e={ea} other={eb.key} first view={view} />
      <SideNote e={eb} other={ea.key} first={false} view={view} />
      <Loaded load={ab} retry={retryAb}>
        {(up) => (
          <Loaded load={ba} retry={retryBa}>
            {(down) => {
              if (up.total + down.total === 0) return <Empty>{L.dyadNone}</Empty>;
              const counts = [...up.counts, ...down.counts];
              const types = [...new Set(counts.map((c) => c.type))].sort();
              return (
                <>
                  <DyadChart up={up.counts} down={down.counts} label={L.dyadTitle} />
                  <p class="sub">{L.dyadKey(ea.name, eb.name)}</p>
                  <h2>{L.byType}</h2>
                  <TypeLegend types={types} counts={counts} />
                  <Direction a={ea.name} b={eb.name} load={up} />
                  <Direction a={eb.name} b={ea.name} load={down} />
                </>
              );
            }}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

/** Both sides resolved: the pair; else the first side's loading or error state. */
function Sides({ la, lb, view }: { la: Load<EntityReply>; lb: Load<EntityReply>; view: DyadView }) {
  for (const l of [la, lb]) {
    if (l.state === "error") return <ErrorBox error={l.error} />;
    if (l.state === "loading") return <Loading />;
  }
  if (la.state !== "ok" || lb.state !== "ok") return null;
  return <Pair key={`${la.data.key}|${lb.data.key}`} ea={la.data} eb={lb.data} view={view} />;
}

export function DyadPage({ params }: { params: URLSearchParams }) {
  const a = params.get("a")?.trim() ?? "";
  const b = params.get("b")?.trim() ?? "";
  const view: DyadView = { by: params.get("by") === "day" ? "day" : "month", all: params.get("asserted") === "false" };
  const [form, setForm] = useState({ a, b });
  useEffect(() => setForm({ a, b }), [a, b]);
  useEffect(() => {
    document.title = `${L.dyadTitle} — ${L.appName}`;
  }, []);
  const ready = a !== "" && b !== "";
  const [ea] = useApi<EntityReply>(ready ? `/api/entities/${encodeURIComponent(a)}` : null);
  const [eb] = useApi<EntityReply>(ready ? `/api/entities/${encodeURIComponent(b)}` : null);
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const show = (v: Partial<DyadView>) => go(href.dyad(a, b, { ...view, ...v }));
  return (
    <div class="page dyad-page">
      <h1>{L.dyadTitle}</h1>
      <p class="hint">{L.dyadHint}</p>
      <form
        class="dyadform"
        onSubmit={(e) => {
          e.preventDefault();
          go(href.dyad(form.a.trim(), form.b.trim(), view));
        }}
      >
        <label>
          {L.dyadA}
          <input name="a" value={form.a} onInput={(e) => setForm({ ...form, a: value(e) })} dir="auto" />
        </label>
        <label>
          {L.dyadB}
          <input name="b" value={form.b} onInput={(e) => setForm({ ...form, b: value(e) })} dir="auto" />
        </label>
        <button type="submit">{L.dyadShow}</button>
      </form>
      {ready && (
        <>
          <div class="controls">
            <AssertedToggle all={view.all} set={(all) => show({ all })} />
            <fieldset class="toggle" aria-label={L.timeline}>
              {(["month", "day"] as const).map((by) => (
                <button key={by} type="button" name={`by-${by}`} aria-pressed={view.by === by} onClick={() => show({ by })}>
                  {by === "month" ? L.byMonth : L.byDay}
                </button>
              ))}
            </fieldset>
          </div>
          <p class="sub">{view.all ? L.allEventsNote : L.assertedNote}</p>
          <Sides la={ea} lb={eb} view={view} />
        </>
      )}
    </div>
  );
}
