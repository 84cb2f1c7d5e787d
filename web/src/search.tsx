/**
 * The search page: query box and filters (date range, outlet, section),
 * result count, hits with highlighted titles and snippets, paging. The form
 * state lives in the URL (#/search?q=…), so a result page can be linked and
 * reloaded; with no query it shows the corpus size and the latest articles.
 *
 * One story once: the API folds copies of the same story from several
 * outlets into one hit, so each hit says how many other copies there are
 * and who also reported it (expandable to the copies themselves), and the
 * count line says stories and documents. "كل النسخ" (collapse=false) lists
 * every copy as its own hit.
 */
import { useEffect, useState } from "preact/hooks";
import { type ArticleSummary, type Facets, type Page, qs, type SearchHit, type SearchResult, useApi } from "./api.js";
import { ArticleList, Empty, Loaded, Meta, Pager } from "./components.js";
import { highlighted, hitMarks } from "./highlight.js";
import { dateText, L, num, sectionName } from "./labels.js";
import { go, href } from "./router.js";

const PAGE_SIZE = 10;
/** Parameters passed through from the page's URL to /api/search. */
const FILTERS = ["from", "to", "outlet", "section", "collapse"] as const;

type Form = { q: string; from: string; to: string; outlet: string; section: string; collapse: "false" | "" };

const fromParams = (p: URLSearchParams): Form => ({
  q: p.get("q") ?? "",
  from: p.get("from") ?? "",
  to: p.get("to") ?? "",
  outlet: p.get("outlet") ?? "",
  section: p.get("section") ?? "",
  collapse: p.get("collapse") === "false" ? "false" : "",
});

function Filters({
  form,
  set,
  apply,
  facets,
}: {
  form: Form;
  set: (f: Partial<Form>) => void;
  apply: (f: Partial<Form>) => void;
  facets: Facets | null;
}) {
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <div class="filters">
      <label>
        {L.from}
        <input type="date" name="from" value={form.from} onInput={(e) => set({ from: value(e) })} />
      </label>
      <label>
        {L.to}
        <input type="date" name="to" value={form.to} onInput={(e) => set({ to: value(e) })} />
      </label>
      <label>
        {L.outlet}
        <select name="outlet" value={form.outlet} onChange={(e) => set({ outlet: value(e) })}>
          <option value="">{L.any}</option>
          {facets?.outlets.map((o) => (
            <option key={o.name} value={o.name}>
              {o.name} ({num(o.articles)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {L.section}
        <select name="section" value={form.section} onChange={(e) => set({ section: value(e) })}>
          <option value="">{L.any}</option>
          {facets?.sections.map((s) => (
            <option key={s.name} value={s.name}>
              {sectionName(s.name)} ({num(s.articles)})
            </option>
          ))}
        </select>
      </label>
      <label class="check" title={L.allCopiesHint}>
        <input
          type="checkbox"
          name="all-copies"
          checked={form.collapse === "false"}
          onChange={(e) => apply({ collapse: (e.target as HTMLInputElement).checked ? "false" : "" })}
        />
        {L.allCopies}
      </label>
    </div>
  );
}

/** "+N نسخ أخرى · نشرته أيضاً: …", opening to the copies themselves. */
function AlsoReported({ h }: { h: SearchHit }) {
  if (h.copies === 0) return null;
  const outlets = [...new Set(h.alsoReportedBy.map((c) => c.outlet ?? L.unknownOutlet))];
  const hidden = h.copies - h.alsoReportedBy.length;
  return (
    <details class="also">
      <summary>
        <span class="copies">
          <bdi dir="ltr">+{num(h.copies)}</bdi> {L.otherCopies(h.copies)}
        </span>
        {outlets.length > 0 && (
          <>
            {" · "}
            {L.alsoReportedBy}: <span class="outlets">{outlets.join("، ")}</span>
          </>
        )}
      </summary>
      <ul class="articles">
        {h.alsoReportedBy.map((c) => (
          <li key={c.id}>
            <a href={href.article(c.id)}>{c.title || c.id}</a>
            <Meta a={c} />
          </li>
        ))}
      </ul>
      {hidden > 0 && <p class="sub">{L.moreCopies(num(hidden))}</p>}
    </details>
  );
}

function Results({ r, params }: { r: SearchResult; params: URLSearchParams }) {
  if (r.total === 0) return <Empty>{L.noResults}</Empty>;
  const to = (offset: number) => href.search({ ...Object.fromEntries(params), offset: offset || null });
  return (
    <>
      <p class="count-line" role="status">
        {L.resultsRange(num(r.offset + 1), num(r.offset + r.hits.length), num(r.total))}{" "}
        {r.unit === "stories" ? L.unitStories(num(r.documents)) : L.unitDocuments} <span class="sub">{L.tookMs(num(r.tookMs))}</span>
      </p>
      <ol class="hits">
        {r.hits.map((h) => (
          <li key={h.id} class="hit-item">
            <a class="hit-title" href={href.article(h.id)}>
              {highlighted(h.title || h.id, hitMarks(h.titleHighlights))}
            </a>
            <Meta a={h} />
            <p class="snippet">{highlighted(h.snippet.text, hitMarks(h.snippet.highlights))}</p>
            <AlsoReported h={h} />
          </li>
        ))}
      </ol>
      <Pager total={r.total} offset={r.offset} limit={r.limit} to={to} />
    </>
  );
}

function Landing({ facets }: { facets: Facets | null }) {
  const [latest] = useApi<Page<ArticleSummary>>("/api/articles?limit=10");
  return (
    <>
      <p class="hint">{L.searchHint}</p>
      {facets && facets.documents === 0 && <Empty>{L.corpusEmpty}</Empty>}
      {facets && facets.documents > 0 && (
        <p class="sub">{L.corpusSize(num(facets.documents), num(facets.stories), dateText(facets.firstDay), dateText(facets.lastDay))}</p>
      )}
      {facets && facets.documents > 0 && (
        <section>
          <h2>{L.latest}</h2>
          <Loaded load={latest}>{(p) => <ArticleList items={p.items} />}</Loaded>
        </section>
      )}
    </>
  );
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const [form, setForm] = useState<Form>(() => fromParams(params));
  const key = params.toString();
  useEffect(() => setForm(fromParams(params)), [key]);
  const [facetLoad] = useApi<Facets>("/api/stats");
  const facets = facetLoad.state === "ok" ? facetLoad.data : null;
  const q = params.get("q")?.trim() ?? "";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const path = q
    ? `/api/search${qs({ q, ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f)])), limit: PAGE_SIZE, offset: offset || null })}`
    : null;
  const [result, retry] = useApi<SearchResult>(path);
  useEffect(() => {
    document.title = q ? `${q} — ${L.appName}` : `${L.navSearch} — ${L.appName}`;
  }, [q]);

  /** Set form fields and run the search with them (a toggle acts at once; with no query there is nothing to run). */
  const apply = (f: Partial<Form>) => {
    const next = { ...form, ...f };
    setForm(next);
    if (next.q.trim()) go(href.search({ ...next, q: next.q.trim() }));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    go(href.search({ ...form, q: form.q.trim() }));
  };
  return (
    <div class="page search-page">
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search works in every browser; <search> does not yet */}
      <form class="searchbox" role="search" onSubmit={submit}>
        <input
          type="search"
          name="q"
          value={form.q}
          placeholder={L.searchPlaceholder}
          aria-label={L.navSearch}
          onInput={(e) => setForm({ ...form, q: (e.target as HTMLInputElement).value })}
          dir="auto"
        />
        <button type="submit">{L.searchButton}</button>
        <Filters form={form} set={(f) => setForm({ ...form, ...f })} apply={apply} facets={facets} />
      </form>
      {path === null ? (
        <Landing facets={facets} />
      ) : (
        <Loaded load={result} retry={retry}>
          {(r) => <Results r={r} params={params} />}
        </Loaded>
      )}
    </div>
  );
}
