/**
 * The article page: a stored document shown with its analysis (doc.tsx)
 * and, under it, the same story from other outlets (its near-duplicates)
 * and related articles as "اخترنا لك" — both from one call to
 * /api/articles/{id}/related.
 */
import { useEffect } from "preact/hooks";
import { type ArticleDocument, type RelatedReply, useApi } from "./api.js";
import { Empty, Loaded, Meta } from "./components.js";
import { DocView } from "./doc.js";
import { L, num } from "./labels.js";
import { href } from "./router.js";

function Related({ id }: { id: string }) {
  const [load, retry] = useApi<RelatedReply>(`/api/articles/${encodeURIComponent(id)}/related?limit=5`);
  return (
    <Loaded load={load} retry={retry}>
      {(r) => (
        <>
          {r.nearDuplicates.length > 0 && (
            <section class="related same-story">
              <h2>{L.sameStory}</h2>
              <ul class="articles">
                {r.nearDuplicates.map((a) => (
                  <li key={a.id}>
                    <a href={href.article(a.id)}>{a.title || a.id}</a>
                    <Meta a={a} />
                    <span class="sub">{L.similarity(num(Math.round(a.similarity * 100)))}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="related">
            <h2>{L.related}</h2>
            {r.items.length === 0 ? (
              <Empty>{L.noRelated}</Empty>
            ) : (
              <ul class="articles">
                {r.items.map((a) => (
                  <li key={a.id}>
                    <a href={href.article(a.id)}>{a.title || a.id}</a>
                    <Meta a={a} />
                    {a.shared.length > 0 && <span class="sub">{a.shared.join("، ")}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Loaded>
  );
}

export function ArticlePage({ id }: { id: string }) {
  const [load, retry] = useApi<ArticleDocument>(`/api/articles/${encodeURIComponent(id)}`);
  useEffect(() => {
    if (load.state === "ok") document.title = `${load.data.title} — ${L.appName}`;
  }, [load]);
  return (
    <div class="page article-page">
      <Loaded load={load} retry={retry}>
        {(doc) => <DocView doc={doc} after={<Related id={doc.id} />} />}
      </Loaded>
    </div>
  );
}
