/**
 * The entity page: one person, organization or place across the corpus —
 * how often it is mentioned over time (an SVG bar chart), who it is quoted
 * saying, the entities that appear with it (each a link, and a link to the
 * pair's dyad page), the events it acts in and those aimed at it, and the
 * latest articles that mention it.
 */
import { useEffect, useState } from "preact/hooks";
import {
  type ArticleSummary,
  type CoEntity,
  type EntitySummary,
  type EventPage,
  type Page,
  type Participant,
  type QuoteItem,
  qs,
  type TimelinePoint,
  useApi,
} from "./api.js";
import { BarChart } from "./chart.js";
import { ArticleList, Empty, Loaded } from "./components.js";
import { dateText, eventName, L, num, typeName } from "./labels.js";
import { href } from "./router.js";

const enc = encodeURIComponent;

function Timeline({ k }: { k: string }) {
  const [by, setBy] = useState<"month" | "day">("month");
  const [load, retry] = useApi<{ points: TimelinePoint[] }>(`/api/entities/${enc(k)}/timeline${qs({ by })}`);
  return (
    <section class="box">
      <h2>{L.timeline}</h2>
      <div class="toggle">
        {(["month", "day"] as const).map((b) => (
          <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)}>
            {b === "month" ? L.byMonth : L.byDay}
          </button>
        ))}
      </div>
      <Loaded load={load} retry={retry}>
        {(t) =>
          t.points.length === 0 ? (
            <Empty>{L.noTimeline}</Empty>
          ) : (
            <BarChart label={L.timeline} points={t.points.map((p) => ({ period: p.period, value: p.articles }))} />
          )
        }
      </Loaded>
    </section>
  );
}

function Cooccurring({ k }: { k: string }) {
  const [load, retry] = useApi<{ items: CoEntity[] }>(`/api/entities/${enc(k)}/cooccurrence?limit=15`);
  return (
    <section class="box">
      <h2>{L.cooccurring}</h2>
      <Loaded load={load} retry={retry}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty>{L.noCooccurring}</Empty>
          ) : (
            <ul class="entities">
              {r.items.map((e) => (
                <li key={e.key}>
                  <a class={`ent ent-${e.type}`} href={href.entity(e.key)}>
                    {e.name}
                  </a>
                  <span class="badge">{typeName(e.type)}</span>
                  <span class="sub">{L.entityArticles(num(e.articles))}</span>
                  <a class="sub" href={href.dyad(k, e.key)}>
                    {L.dyadWith}
                  </a>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function Quotes({ k }: { k: string }) {
  const [load, retry] = useApi<Page<QuoteItem>>(`/api/entities/${enc(k)}/quotes?limit=10`);
  return (
    <section class="box">
      <h2>{L.quotes}</h2>
      <Loaded load={load} retry={retry}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty>{L.noQuotes}</Empty>
          ) : (
            <ul class="quotes">
              {r.items.map((q, i) => (
                <li key={i}>
                  <blockquote>{q.text}</blockquote>
                  <span class="sub">
                    <a href={href.article(q.articleId)}>{q.title}</a> · {dateText(q.published)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function Actors({ list }: { list: Participant[] }) {
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

export function EventList({ items }: { items: EventPage["items"] }) {
  return (
    <ul class="events">
      {items.map((ev, i) => (
        <li key={i}>
          <span class="evtype">{eventName(ev.type)}</span> <Actors list={ev.source} /> ← <Actors list={ev.target} />{" "}
          <span class="sub">«{ev.trigger}»</span>
          <span class="sub">
            <a href={href.article(ev.articleId)}>{ev.title}</a> · {dateText(ev.published)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Events({ k, side, title }: { k: string; side: "source" | "target"; title: string }) {
  const [load, retry] = useApi<EventPage>(`/api/entities/${enc(k)}/events${qs({ role: side, limit: 10 })}`);
  return (
    <section class="box">
      <h2>{title}</h2>
      <Loaded load={load} retry={retry}>
        {(r) => (r.items.length === 0 ? <Empty>{L.noEvents}</Empty> : <EventList items={r.items} />)}
      </Loaded>
    </section>
  );
}

function Articles({ k }: { k: string }) {
  const [load, retry] = useApi<Page<ArticleSummary>>(`/api/articles${qs({ entity: k, limit: 10 })}`);
  return (
    <section class="box">
      <h2>{L.articlesMentioning}</h2>
      <Loaded load={load} retry={retry}>
        {(r) => <ArticleList items={r.items} />}
      </Loaded>
    </section>
  );
}

function Header({ e }: { e: EntitySummary }) {
  const others = e.names.slice(1).map((n) => n.name);
  return (
    <header class="entity-head">
      <h1>
        {e.name} <span class="badge">{typeName(e.type)}</span>
      </h1>
      <p class="sub">
        {L.entityArticles(num(e.articles))} · {L.entityMentions(num(e.mentions))}
        {e.firstDay && ` · ${L.firstSeen} ${dateText(e.firstDay)} · ${L.lastSeen} ${dateText(e.lastDay)}`}
      </p>
      {e.kbId && (
        <p class="sub" dir="ltr">
          {e.kbId}
        </p>
      )}
      {others.length > 0 && (
        <p class="sub">
          {L.alsoNamed}: {others.join("، ")}
        </p>
      )}
    </header>
  );
}

export function EntityPage({ k }: { k: string }) {
  const [load, retry] = useApi<EntitySummary>(`/api/entities/${enc(k)}`);
  useEffect(() => {
    document.title = `${load.state === "ok" ? load.data.name : k} — ${L.appName}`;
  }, [load, k]);
  return (
    <div class="page entity-page">
      <Loaded load={load} retry={retry}>
        {(e) => (
          <>
            <Header e={e} />
            <div class="grid">
              <Timeline k={k} />
              <Cooccurring k={k} />
              <Quotes k={k} />
              <Events k={k} side="source" title={L.eventsBy} />
              <Events k={k} side="target" title={L.eventsAgainst} />
              <Articles k={k} />
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}
