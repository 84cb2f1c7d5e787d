/**
 * The dyad page: two actors and the events between them, both ways, per
 * month and type (an SVG chart: the first actor's actions above the axis,
 * the second's below) with the list of events under it.
 */
import { useEffect, useState } from "preact/hooks";
import { type EntitySummary, type EventPage, qs, useApi } from "./api.js";
import { DyadChart, TypeLegend } from "./chart.js";
import { Empty, Loaded } from "./components.js";
import { EventList } from "./entity.js";
import { L, num } from "./labels.js";
import { go, href } from "./router.js";

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

export function DyadPage({ params }: { params: URLSearchParams }) {
  const a = params.get("a")?.trim() ?? "";
  const b = params.get("b")?.trim() ?? "";
  const [form, setForm] = useState({ a, b });
  useEffect(() => setForm({ a, b }), [a, b]);
  useEffect(() => {
    document.title = `${L.dyadTitle} — ${L.appName}`;
  }, []);
  const ready = a !== "" && b !== "";
  // Names to show for the two keys (a key nobody mentions is shown as typed).
  const [ea] = useApi<EntitySummary>(a ? `/api/entities/${encodeURIComponent(a)}` : null);
  const [eb] = useApi<EntitySummary>(b ? `/api/entities/${encodeURIComponent(b)}` : null);
  const nameA = ea.state === "ok" ? ea.data.name : a;
  const nameB = eb.state === "ok" ? eb.data.name : b;
  const [ab, retryAb] = useApi<EventPage>(ready ? `/api/events${qs({ source: a, target: b, limit: 50 })}` : null);
  const [ba, retryBa] = useApi<EventPage>(ready ? `/api/events${qs({ source: b, target: a, limit: 50 })}` : null);
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <div class="page dyad-page">
      <h1>{L.dyadTitle}</h1>
      <p class="hint">{L.dyadHint}</p>
      <form
        class="dyadform"
        onSubmit={(e) => {
          e.preventDefault();
          go(href.dyad(form.a.trim(), form.b.trim()));
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
        <Loaded load={ab} retry={retryAb}>
          {(up) => (
            <Loaded load={ba} retry={retryBa}>
              {(down) => {
                const types = [...new Set([...up.counts, ...down.counts].map((c) => c.type))].sort();
                return up.total + down.total === 0 ? (
                  <Empty>{L.dyadNone}</Empty>
                ) : (
                  <>
                    <DyadChart up={up.counts} down={down.counts} label={L.dyadTitle} />
                    <TypeLegend types={types} />
                    <Direction a={nameA} b={nameB} load={up} />
                    <Direction a={nameB} b={nameA} load={down} />
                  </>
                );
              }}
            </Loaded>
          )}
        </Loaded>
      )}
    </div>
  );
}
