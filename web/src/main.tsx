/**
 * The Marsad web UI: header and navigation, and the page the hash route
 * names (router.ts). Arabic, right to left (index.html sets lang and dir),
 * in the bundled Noto Naskh Arabic font.
 */
import "@fontsource/noto-naskh-arabic/arabic-400.css";
import "@fontsource/noto-naskh-arabic/arabic-700.css";
import "./style.css";
import { render } from "preact";
import { AnalyzePage } from "./analyze.js";
import { ArticlePage } from "./article.js";
import { DyadPage } from "./dyad.js";
import { EntityPage } from "./entity.js";
import { L } from "./labels.js";
import { href, type Route, useRoute } from "./router.js";
import { SearchPage } from "./search.js";

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "search":
      return <SearchPage params={route.params} />;
    case "article":
      return <ArticlePage key={route.id} id={route.id} />;
    case "entity":
      return <EntityPage key={route.key} k={route.key} />;
    case "dyad":
      return <DyadPage params={route.params} />;
    case "analyze":
      return <AnalyzePage />;
    default:
      return (
        <div class="page state error">
          <strong>{L.notFoundTitle}</strong>
          <p>{L.unknownPage}</p>
          <a href={href.search()}>{L.backToSearch}</a>
        </div>
      );
  }
}

function App() {
  const route = useRoute();
  const current = (p: Route["page"]) => (route.page === p ? "page" : undefined);
  return (
    <>
      <header class="top">
        <a class="brand" href={href.search()}>
          {L.appName} <span class="tagline">{L.tagline}</span>
        </a>
        <nav>
          <a href={href.search()} aria-current={current("search")}>
            {L.navSearch}
          </a>
          <a href={href.analyze()} aria-current={current("analyze")}>
            {L.navAnalyze}
          </a>
          <a href={href.dyad()} aria-current={current("dyad")}>
            {L.navDyad}
          </a>
        </nav>
      </header>
      <main>
        <Page route={route} />
      </main>
    </>
  );
}

render(<App />, document.getElementById("app") as HTMLElement);
