/**
 * Small pieces every page uses: loading, error and empty states (in Arabic,
 * with the server's own message underneath when there is one), the paging
 * bar, an article's meta line and a list of articles.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { type ApiFailure, type ArticleSummary, type Load, setApiKey } from "./api.js";
import { dateText, L, num, sectionName } from "./labels.js";
import { href } from "./router.js";

export function Loading({ text = L.loading }: { text?: string }) {
  return (
    <p class="state loading" role="status" aria-live="polite">
      {text}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

function KeyForm({ retry }: { retry: () => void }) {
  const [key, setKey] = useState("");
  return (
    <form
      class="keyform"
      onSubmit={(e) => {
        e.preventDefault();
        if (key.trim()) {
          setApiKey(key.trim());
          retry();
        }
      }}
    >
      <label>
        {L.keyLabel}
        <input type="password" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} dir="ltr" autocomplete="off" />
      </label>
      <button type="submit">{L.keySave}</button>
    </form>
  );
}

export function ErrorBox({ error, retry, title = L.errorTitle }: { error: ApiFailure; retry?: () => void; title?: string }) {
  const notFound = error.status === 404;
  return (
    <div class="state error" role="alert">
      <strong>{notFound ? L.notFoundTitle : title}</strong>
      {error.status === 401 && <p>{L.keyNeeded}</p>}
      <p class="detail" dir="auto">
        {error.message}
      </p>
      {error.status === 401 && retry && <KeyForm retry={retry} />}
      {retry && !notFound && error.status !== 401 && error.status !== 400 && (
        <button type="button" onClick={retry}>
          {L.errorRetry}
        </button>
      )}
    </div>
  );
}

/** Render `load`: loading and error states, else `children(data)`. */
export function Loaded<T>({ load, retry, children }: { load: Load<T>; retry?: () => void; children: (data: T) => ComponentChildren }) {
  if (load.state === "loading") return <Loading />;
  if (load.state === "error") return <ErrorBox error={load.error} retry={retry} />;
  return <>{children(load.data)}</>;
}

export function Meta({ a }: { a: { outlet?: string | null; section?: string | null; published?: string | null } }) {
  const parts = [a.outlet, sectionName(a.section), dateText(a.published)].filter(Boolean);
  return <span class="meta">{parts.join(" · ")}</span>;
}

export function ArticleList({ items }: { items: ArticleSummary[] }) {
  return (
    <ul class="articles">
      {items.map((a) => (
        <li key={a.id}>
          <a href={href.article(a.id)}>{a.title || a.id}</a>
          <Meta a={a} />
        </li>
      ))}
    </ul>
  );
}

/** Previous/next paging; `to(offset)` is the link of a page. */
export function Pager({ total, offset, limit, to }: { total: number; offset: number; limit: number; to: (offset: number) => string }) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav class="pager" aria-label={L.page(num(page))}>
      {offset > 0 ? (
        <a rel="prev" href={to(Math.max(0, offset - limit))}>
          {L.previous}
        </a>
      ) : (
        <span class="disabled">{L.previous}</span>
      )}
      <span>
        {L.page(num(page))} / {num(pages)}
      </span>
      {offset + limit < total ? (
        <a rel="next" href={to(offset + limit)}>
          {L.next}
        </a>
      ) : (
        <span class="disabled">{L.next}</span>
      )}
    </nav>
  );
}
