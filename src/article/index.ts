/**
 * The structure stage's public API: a decoded input (scraped text, HTML, or a
 * JSONL record turned into one) → the structural part of a `marsad.article/1`
 * document: schema, id, source, published, title, lead, captions, paragraphs,
 * removed, text. Later layers (sentences, entities, …) are left empty for the
 * pipeline's stages. See docs/article-structure.md for the rules.
 */
import type { ArticleDocument, Source } from "../document.js";
import { InputError } from "../errors.js";
import { assembleDocument } from "./build.js";
import { parseHtml } from "./html.js";
import { inputSubject, type RawInput } from "./input.js";
import { hasWord } from "./line.js";
import { choosePublished } from "./published.js";
import { parseRawText } from "./raw.js";
import { oneLine, structureUnits } from "./structure.js";

export { BOILERPLATE_RULES, matchBoilerplate } from "./boilerplate.js";
export { canonicalText, type Layout, layout } from "./build.js";
export { contentId } from "./id.js";
export type { RawInput } from "./input.js";
export { looksLikeHtml, recordToInput } from "./jsonl.js";
export { choosePublished, type PublishedParse, parsePublished } from "./published.js";

export function parseArticle(input: RawInput): ArticleDocument {
  const subject = inputSubject(input, input.record ? "record" : "input");
  if (typeof input.content !== "string" || input.content.trim() === "") throw new InputError(subject, "empty article");
  const given = oneLine(input.title);
  const title = given !== "" && hasWord(given) ? given : null;

  if (input.format === "html") {
    const { meta, units } = parseHtml(input.content, subject);
    const s = structureUnits(units, title ?? meta.title, {
      marked: meta.markedLead,
      abstract: input.abstract,
      description: meta.description,
    });
    if (s === null || (s.paragraphs.length === 0 && s.lead === "")) throw new InputError(subject, "no article text found in the HTML");
    const source: Source = {
      path: input.path ?? null,
      url: input.url ?? meta.url,
      outlet: input.outlet ?? null,
      section: input.section ?? meta.section,
      author: input.author ?? meta.author,
      format: input.record ? "jsonl" : "html",
      encoding: input.encoding,
      lang: meta.lang,
      dir: meta.dir,
    };
    const published = choosePublished(
      [
        { value: meta.published, from: "the page" },
        { value: input.published, from: input.record ? "the record" : "the caller" },
      ],
      input.warn,
    );
    return assembleDocument(s, clean(source), published);
  }

  const s = parseRawText(input.content, title, { abstract: input.abstract });
  if (s === null) throw new InputError(subject, "empty article (no line has a letter or digit)");
  const source: Source = {
    path: input.path ?? null,
    url: input.url ?? null,
    outlet: input.outlet ?? null,
    section: input.section ?? null,
    author: input.author ?? null,
    format: input.record ? "jsonl" : "txt",
    encoding: input.encoding,
  };
  const published = choosePublished([{ value: input.published, from: input.record ? "the record" : "the caller" }], input.warn);
  return assembleDocument(s, clean(source), published);
}

/** Drop optional source fields that are unknown, so documents stay small. */
function clean(source: Source): Source {
  const out: Source = { path: source.path, url: source.url, outlet: source.outlet };
  if (source.section) out.section = source.section;
  if (source.author) out.author = source.author;
  if (source.format) out.format = source.format;
  if (source.encoding) out.encoding = source.encoding;
  if (source.lang) out.lang = source.lang;
  if (source.dir) out.dir = source.dir;
  return out;
}
