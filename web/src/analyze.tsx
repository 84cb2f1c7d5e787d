/**
 * The analyze page: paste an article (text or HTML), optionally give its
 * date, and see the analysis rendered exactly like a stored article
 * (doc.tsx). Nothing is stored: this calls POST /api/analyze.
 */
import { useEffect, useState } from "preact/hooks";
import { type ApiFailure, type ArticleDocument, api } from "./api.js";
import { ErrorBox, Loading } from "./components.js";
import { DocView } from "./doc.js";
import { L } from "./labels.js";

type State = { state: "idle" } | { state: "busy" } | { state: "ok"; doc: ArticleDocument } | { state: "error"; error: ApiFailure };

export function AnalyzePage() {
  const [text, setText] = useState("");
  const [format, setFormat] = useState<"text" | "html">("text");
  const [published, setPublished] = useState("");
  const [st, setSt] = useState<State>({ state: "idle" });
  const [hint, setHint] = useState("");
  useEffect(() => {
    document.title = `${L.analyzeTitle} — ${L.appName}`;
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (text.trim() === "") {
      setHint(L.analyzeEmpty);
      return;
    }
    setHint("");
    setSt({ state: "busy" });
    try {
      const body = { [format]: text, published: published || null };
      const doc = await api<ArticleDocument>("/api/analyze", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      setSt({ state: "ok", doc });
    } catch (err) {
      setSt({ state: "error", error: err as ApiFailure });
    }
  };
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <div class="page analyze-page">
      <h1>{L.analyzeTitle}</h1>
      <p class="hint">{L.analyzeHint}</p>
      <form class="analyzeform" onSubmit={submit}>
        <label class="wide">
          {L.analyzeText}
          <textarea name="text" rows={10} value={text} onInput={(e) => setText(value(e))} dir="auto" />
        </label>
        <label>
          {L.analyzeFormat}
          <select name="format" value={format} onChange={(e) => setFormat(value(e) as "text" | "html")}>
            <option value="text">{L.formatText}</option>
            <option value="html">{L.formatHtml}</option>
          </select>
        </label>
        <label>
          {L.analyzePublished}
          <input type="date" name="published" value={published} onInput={(e) => setPublished(value(e))} />
        </label>
        <button type="submit" disabled={st.state === "busy"}>
          {L.analyzeButton}
        </button>
        {hint && (
          <p class="state empty" role="alert">
            {hint}
          </p>
        )}
      </form>
      {st.state === "busy" && <Loading text={L.analyzing} />}
      {st.state === "error" && <ErrorBox error={st.error} />}
      {st.state === "ok" && <DocView doc={st.doc} />}
    </div>
  );
}
