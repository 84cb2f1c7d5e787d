/**
 * The article page: a stored document shown with its analysis (doc.tsx)
 * and, under it, related articles as "اخترنا لك".
 */
import { useEffect } from "preact/hooks";
import { type ArticleDocument, type RelatedItem, useApi } from "./api.js";
import { Empty, Loaded, Meta } from "./components.js";
import { DocView } from "./doc.js";
import { L } from "./labels.js";
import { href } from "./router.js";

function Related({ id }: { id: string }) {
  const [load, retry] = useApi<{ items: RelatedItem[] }>(`/api/articles/${encodeURIComponent(id)}/related?limit=5`);
  return (
    <section class="related">
      <h2>{L.related}</h2>
      <Loaded load={load} retry={retry}>
        {(r) =>
          r.items.length === 0 ? (
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
          )
        }
      </Loaded>
    </section>
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
