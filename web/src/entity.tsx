/**
 * The entity page: one person, organization or place across the corpus —
 * how often it is mentioned over time (an SVG bar chart), who it is quoted
 * saying, the entities that appear with it (each a link, and a link to the
 * pair's dyad page), the events it acts in and those aimed at it (a
 * two-sided chart per month and type, asserted events by default, and the
 * lists), and the latest articles that mention it.
 *
 * The path may name the entity by any name the corpus writes it with; the
 * API then says which entity it took (`resolved`), and the page says so too,
 * with "هل تقصد…" links to the other entities of that name. Every other
 * request on the page uses the resolved key, so all boxes show one entity.
 */
import { useEffect, useState } from "preact/hooks";
import {
  type ArticleSummary,
  type CoEntity,
  type EntityEventsReply,
  type EntityReply,
  type Page,
  type QuoteItem,
  qs,
  type TimelineReply,
  useApi,
} from "./api.js";
import { BarChart, DyadChart, TypeLegend } from "./chart.js";
import { ArticleList, Empty, Loaded } from "./components.js";
import { AssertedToggle, assertedParam, EventList } from "./events.js";
import { dateText, L, num, typeName } from "./labels.js";
import { href } from "./router.js";

const enc = encodeURIComponent;

function Timeline({ k }: { k: string }) {
  const [by, setBy] = useState<"month" | "day">("month");
  const [load, retry] = useApi<TimelineReply>(`/api/entities/${enc(k)}/timeline${qs({ by })}`);
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
                    <a href={href.article(q.articleId)}>{q.title}</a>
                    {[q.outlet, dateText(q.published), q.cue].filter(Boolean).map((x) => ` · ${x}`)}
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

/** Events by the entity (above the axis) and aimed at it (below), per month and type, with both lists. */
function Events({ k }: { k: string }) {
  const [all, setAll] = useState(false);
  const asserted = assertedParam(all);
  const path = (role: "source" | "target") => `/api/entities/${enc(k)}/events${qs({ role, limit: 10, asserted })}`;
  const [by, retryBy] = useApi<EntityEventsReply>(path("source"));
  const [against, retryAgainst] = useApi<EntityEventsReply>(path("target"));
  return (
    <section class="box wide entity-events">
      <h2>{L.eventsOverTime}</h2>
      <AssertedToggle all={all} set={setAll} />
      <p class="sub">{all ? L.allEventsNote : L.assertedNote}</p>
      <Loaded load={by} retry={retryBy}>
        {(up) => (
          <Loaded load={against} retry={retryAgainst}>
            {(down) => {
              if (up.total + down.total === 0) return <Empty>{L.noEvents}</Empty>;
              const counts = [...up.counts, ...down.counts];
              const types = [...new Set(counts.map((c) => c.type))].sort();
              return (
                <>
                  <DyadChart up={up.counts} down={down.counts} label={L.eventsOverTime} />
                  <p class="sub">{L.eventsOverTimeKey}</p>
                  <TypeLegend types={types} counts={counts} />
                  <div class="columns">
                    <div class="events-by">
                      <h3>
                        {L.eventsBy} <span class="count">{L.eventsCount(num(up.total))}</span>
                      </h3>
                      {up.items.length === 0 ? <Empty>{L.noEvents}</Empty> : <EventList items={up.items} />}
                    </div>
                    <div class="events-against">
                      <h3>
                        {L.eventsAgainst} <span class="count">{L.eventsCount(num(down.total))}</span>
                      </h3>
                      {down.items.length === 0 ? <Empty>{L.noEvents}</Empty> : <EventList items={down.items} />}
                    </div>
                  </div>
                </>
              );
            }}
          </Loaded>
        )}
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

/** What the name in the path was taken to mean, and the other entities it could mean. */
function Resolution({ e }: { e: EntityReply }) {
  const r = e.resolved;
  if (!r) return null;
  return (
    <div class="resolved">
      <p class="sub">
        {L.resolvedAs(r.query)} <strong>{e.name}</strong>
      </p>
      {r.alternatives.length > 0 && (
        <p class="didyoumean">
          {L.didYouMean}{" "}
          {r.alternatives.map((a, i) => (
            <span key={a.key}>
              {i > 0 && "، "}
              <a href={href.entity(a.key)}>{a.name}</a> <span class="count">({L.mentions(num(a.mentions))})</span>
            </span>
          ))}
          ؟
        </p>
      )}
    </div>
  );
}

function Header({ e }: { e: EntityReply }) {
  const others = e.names.slice(1).map((n) => n.name);
  return (
    <header class="entity-head">
      <Resolution e={e} />
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
  const [load, retry] = useApi<EntityReply>(`/api/entities/${enc(k)}`);
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
              <Timeline k={e.key} />
              <Cooccurring k={e.key} />
              <Quotes k={e.key} />
              <Events k={e.key} />
              <Articles k={e.key} />
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}
