/**
 * A JSONL record (the ANT corpus format of ../shared/data/news/*.jsonl:
 * id, source, category, url, title, published, author, abstract, text) →
 * RawInput. `text` is plain text with "\n" between paragraphs, or HTML
 * (detected by its block tags). The outlet name is `source` lower-cased, the
 * section is `category`; `abstract` is passed on as the outlet's teaser (the
 * lead rules are in src/article/structure.ts, chooseLead).
 */
import { InputError } from "../errors.js";
import type { RawInput } from "./input.js";
import { hasWord } from "./line.js";

/** Block or line-break tags that make a record's text HTML rather than plain text. */
const HTML_TAG =
  /<\/?(?:p|div|br|span|a|h[1-6]|li|ul|ol|article|section|main|body|html|img|figure|figcaption|blockquote|strong|em|b|i|table|tr|td)(?:\s[^<>]*)?\/?>/i;

/** true when a record's text is HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

function str(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const t = v.trim();
  return t === "" ? null : t;
}

export function recordToInput(record: unknown, where: string): RawInput {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new InputError(where, "record is not a JSON object");
  }
  const r = record as Record<string, unknown>;
  if (r.text !== undefined && r.text !== null && typeof r.text !== "string") {
    throw new InputError(where, `"text" is not a string`);
  }
  let text = str(r.text);
  let abstract = str(r.abstract);
  if (text === null || !hasWord(text)) {
    // Some records carry only the teaser: it is then the whole text.
    if (abstract !== null && hasWord(abstract)) {
      text = abstract;
      abstract = null;
    } else {
      throw new InputError(where, text === null ? "record has no text" : "record text has no words");
    }
  }
  const source = str(r.source);
  return {
    format: looksLikeHtml(text) ? "html" : "txt",
    content: text,
    title: str(r.title),
    abstract,
    url: str(r.url),
    outlet: source === null ? null : source.toLowerCase(),
    published: str(r.published),
    section: str(r.category),
    author: str(r.author),
    record: true,
  };
}
