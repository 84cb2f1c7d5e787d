/**
 * HTML → units for the structure pass, plus the page's metadata.
 *
 * The page is parsed by linkedom (a DOM without a browser: scripts are never
 * run) and the article body is found by @mozilla/readability. Metadata is read
 * first, because Readability rewrites the DOM: title, published date, author,
 * section, description, canonical URL, lang/dir, and a standfirst the page
 * marks by class. Then scripts, styles and embeds are dropped, Readability
 * picks the content, and its block elements become units: p, h1–h6 (as
 * paragraphs of kind "heading"), li, blockquote; <br> breaks a block into
 * lines like a newline in plain text; figcaption becomes a caption. The same
 * boilerplate tables as plain text then apply (src/article/structure.ts).
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { InputError } from "../errors.js";
import { cleanContent, collapseLine, countWords, wordKey } from "./line.js";
import { HEADING_TITLE_SHARE, oneLine, type Unit, type UnitKind } from "./structure.js";

/** Elements whose content is never article text. */
const DROP_TAGS = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "form",
  "button",
  "input",
  "select",
  "textarea",
  "link",
  "meta",
];
/** Page chrome skipped when walking the body without Readability's help. */
const CHROME_TAGS = new Set(["nav", "aside", "footer", "header", "menu"]);
/** Elements that end a line of text (a unit) when they open or close. */
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "nav",
  "blockquote",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "table",
  "thead",
  "tbody",
  "tr",
  "td",
  "th",
  "caption",
  "address",
  "center",
  "figure",
  "figcaption",
  "hr",
  "details",
  "summary",
]);
const KIND_OF: Record<string, UnitKind> = {
  p: "p",
  li: "li",
  dt: "li",
  dd: "li",
  blockquote: "quote",
  h1: "heading",
  h2: "heading",
  h3: "heading",
  h4: "heading",
  h5: "heading",
  h6: "heading",
  figcaption: "caption",
};
/** Class names that mark a standfirst. */
export const LEAD_CLASSES = new Set([
  "lead",
  "standfirst",
  "summary",
  "article-summary",
  "article__summary",
  "excerpt",
  "intro",
  "dek",
  "deck",
  "subtitle",
  "sub-title",
  "article-lead",
  "article__lead",
  "teaser",
  "abstract",
  "sapo",
  "chapo",
]);
/** A marked standfirst has this many words (a longer block is not a standfirst). */
export const MARKED_LEAD_MIN_WORDS = 4;
export const MARKED_LEAD_MAX_WORDS = 80;
/** A block whose text is at least this share link text, and short, is a link list. */
export const LINK_SHARE = 0.9;
export const LINK_BLOCK_MAX_WORDS = 25;
/** JSON-LD blocks larger than this are skipped (never parsed). */
const JSON_LD_MAX_CHARS = 1_000_000;
/** How deep into nested JSON-LD (arrays, @graph) the article object is looked for. */
const JSON_LD_MAX_DEPTH = 6;
/** Types of JSON-LD objects describing the article itself. */
const ARTICLE_TYPES = /(?:Article|BlogPosting|Report|NewsArticle)$/;

export interface HtmlMeta {
  title: string | null;
  published: string | null;
  author: string | null;
  section: string | null;
  description: string | null;
  url: string | null;
  lang: string | null;
  dir: string | null;
  /** Standfirst the page marks by class ("lead", "standfirst", …), if any. */
  markedLead: string | null;
}

export interface HtmlParse {
  meta: HtmlMeta;
  units: Unit[];
}

// linkedom's DOM, typed loosely: the project compiles without the DOM lib.
interface El {
  nodeType: number;
  localName?: string;
  tagName?: string;
  textContent: string | null;
  childNodes: ArrayLike<El>;
  parentNode: El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
  remove(): void;
}
interface Doc extends El {
  documentElement: El | null;
  body: El | null;
  title?: string;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function tagOf(el: El): string {
  return (el.localName ?? el.tagName ?? "").toLowerCase();
}

function textOf(el: El | null): string | null {
  if (el === null) return null;
  const t = oneLine(cleanContent(el.textContent ?? ""));
  return t === "" ? null : t;
}

/**
 * Deepest element nesting accepted. Real article pages nest a few dozen
 * levels; Readability's cost grows much faster than linearly with depth (a
 * 33 KB page of 3,000 nested <div>s ran for minutes), so deeper input is
 * refused before it is parsed.
 */
export const MAX_HTML_DEPTH = 400;
/** Elements Readability may visit before giving up (then the body is walked instead). */
const MAX_ELEMS_TO_PARSE = 20_000;
/** Elements that never have a closing tag. */
const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);

/** Maximum nesting depth of the tags in `html`, by one linear scan (tolerant of unbalanced tags). */
export function htmlDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID_TAGS.has(name)) {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return max;
}

/** Parse a page or a fragment. Throws InputError for pathologically nested HTML. */
export function parseHtml(html: string, subject = "HTML"): HtmlParse {
  const depth = htmlDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new InputError(subject, `HTML elements nested ${depth} deep (more than ${MAX_HTML_DEPTH}): not an article page`);
  }
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page) as unknown as { document: Doc };
  const meta = readMeta(document);
  for (const tag of DROP_TAGS) for (const el of Array.from(document.querySelectorAll(tag))) el.remove();

  let root: El | null = null;
  try {
    const article = new Readability(document as never, {
      serializer: (n: unknown) => n,
      keepClasses: false,
      maxElemsToParse: MAX_ELEMS_TO_PARSE,
    }).parse();
    root = (article?.content as unknown as El | null | undefined) ?? null;
    if (meta.title === null && article?.title) meta.title = oneLine(article.title) || null;
    if (meta.author === null && article?.byline) meta.author = oneLine(article.byline) || null;
    if (meta.published === null && article?.publishedTime) meta.published = article.publishedTime;
  } catch {
    root = null; // Readability gave up on this DOM: walk the body instead.
  }
  let units = root === null ? [] : walk(root, false);
  if (units.length === 0 && document.body !== null) units = walk(document.body, true);
  return { meta, units };
}

/** Block elements of `root` → units, in document order (iterative: deep pages do not overflow the stack). */
function walk(root: El, skipChrome: boolean): Unit[] {
  const units: Unit[] = [];
  let text = "";
  let linkChars = 0;
  const kinds: UnitKind[] = [];
  const flush = () => {
    const line = collapseLine(cleanContent(text).replace(/\n/g, " "));
    if (line !== "") {
      const kind = kinds.length > 0 ? kinds[kinds.length - 1] : "p";
      const linky =
        kind !== "caption" &&
        linkChars >= LINK_SHARE * line.replace(/\s/g, "").length &&
        countWords(line, LINK_BLOCK_MAX_WORDS) <= LINK_BLOCK_MAX_WORDS;
      units.push({ text: line, kind: linky ? "links" : kind });
    }
    text = "";
    linkChars = 0;
  };
  // Stack entries: a node to enter, or a marker to leave an element.
  type Step = { node: El; leave: boolean; inLink: boolean };
  const stack: Step[] = [{ node: root, leave: false, inLink: false }];
  while (stack.length > 0) {
    const { node, leave, inLink } = stack.pop() as Step;
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? "";
      text += t;
      if (inLink) linkChars += t.replace(/\s/g, "").length;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = tagOf(node);
    if (leave) {
      if (BLOCK_TAGS.has(tag)) flush();
      if (KIND_OF[tag] !== undefined) kinds.pop();
      continue;
    }
    if (tag === "br") {
      flush();
      continue;
    }
    if (skipChrome && CHROME_TAGS.has(tag)) continue;
    if (BLOCK_TAGS.has(tag)) flush();
    if (KIND_OF[tag] !== undefined) kinds.push(KIND_OF[tag]);
    stack.push({ node, leave: true, inLink });
    const children = node.childNodes;
    const link = inLink || tag === "a";
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], leave: false, inLink: link });
  }
  flush();
  return units;
}

/** Page metadata, read before Readability rewrites the DOM. */
function readMeta(doc: Doc): HtmlMeta {
  const metas = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll("meta"))) {
    const name = (m.getAttribute("property") ?? m.getAttribute("name") ?? m.getAttribute("itemprop") ?? "").trim().toLowerCase();
    const content = oneLine(m.getAttribute("content"));
    if (name !== "" && content !== "" && !metas.has(name)) metas.set(name, content);
  }
  const first = (...names: string[]) => {
    for (const n of names) {
      const v = metas.get(n);
      if (v !== undefined) return v;
    }
    return null;
  };
  const ld = readJsonLd(doc);
  const h1 = textOf(doc.querySelector("h1"));
  const html = doc.documentElement;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  const timeEl = doc.querySelector("time[datetime]");
  const itemDate = doc.querySelector('[itemprop="datePublished"]');
  const authorEl = doc.querySelector('[itemprop="author"]') ?? doc.querySelector('[rel="author"]');
  let metaAuthor = first("author", "article:author", "parsely-author", "sailthru.author", "dc.creator");
  if (metaAuthor !== null && /^https?:\/\//.test(metaAuthor)) metaAuthor = null;
  return {
    title: cleanTitle(
      ld.headline ?? first("og:title", "twitter:title") ?? h1 ?? textOf(doc.querySelector("title")),
      h1,
      first("og:site_name"),
    ),
    published:
      ld.datePublished ??
      first(
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "date",
      ) ??
      (itemDate !== null
        ? oneLine(itemDate.getAttribute("content") ?? itemDate.getAttribute("datetime") ?? itemDate.textContent) || null
        : null) ??
      (timeEl !== null ? oneLine(timeEl.getAttribute("datetime")) || null : null),
    author: ld.author ?? metaAuthor ?? textOf(authorEl),
    section: ld.section ?? first("article:section", "section", "parsely-section"),
    description: first("description", "og:description", "twitter:description") ?? ld.description,
    url: oneLine(canonical) || first("og:url") || ld.url,
    lang: oneLine(html?.getAttribute("lang")) || null,
    dir: oneLine(html?.getAttribute("dir")) || null,
    markedLead: findMarkedLead(doc),
  };
}

/** Separators between a headline and the site name in page titles. */
const TITLE_SEPARATORS = [" | ", " - ", " – ", " — ", " :: ", " « ", " » "];

/**
 * A page title without the site name: the h1 when the title is the h1 plus a
 * suffix ("العنوان | الموقع"), else the title minus a " | <og:site_name>" end.
 */
function cleanTitle(title: string | null, h1: string | null, site: string | null): string | null {
  if (title === null) return null;
  if (h1 !== null) {
    const tk = wordKey(title);
    const hk = wordKey(h1);
    if (hk !== "" && tk.startsWith(`${hk} `) && hk.length >= HEADING_TITLE_SHARE * tk.length) return h1;
  }
  if (site !== null) {
    for (const sep of TITLE_SEPARATORS) {
      if (title.endsWith(`${sep}${site}`) && title.length > sep.length + site.length)
        return title.slice(0, -(sep.length + site.length)).trim();
    }
  }
  return title;
}

/** The first element whose class names a standfirst, outside navigation and link lists. */
function findMarkedLead(doc: Doc): string | null {
  for (const el of Array.from(doc.querySelectorAll("[class]"))) {
    const classes = (el.getAttribute("class") ?? "").toLowerCase().split(/\s+/);
    if (!classes.some((c) => LEAD_CLASSES.has(c))) continue;
    let inChrome = false;
    for (let p = el.parentNode; p !== null && p.nodeType === ELEMENT_NODE; p = p.parentNode) {
      const t = tagOf(p);
      if (t === "nav" || t === "aside" || t === "footer" || t === "li" || t === "a") {
        inChrome = true;
        break;
      }
    }
    if (inChrome || DROP_TAGS.includes(tagOf(el))) continue;
    const text = textOf(el);
    if (text === null) continue;
    const words = countWords(text, MARKED_LEAD_MAX_WORDS);
    if (words >= MARKED_LEAD_MIN_WORDS && words <= MARKED_LEAD_MAX_WORDS) return text;
  }
  return null;
}

interface LdFields {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  section: string | null;
  description: string | null;
  url: string | null;
}

/** Article fields from JSON-LD blocks (parsed as data with JSON.parse, never run). */
function readJsonLd(doc: Doc): LdFields {
  const out: LdFields = { headline: null, datePublished: null, author: null, section: null, description: null, url: null };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = s.textContent ?? "";
    if (raw.length > JSON_LD_MAX_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    const article = findArticle(data, 0);
    if (article === null) continue;
    const s1 = (v: unknown) => (typeof v === "string" && oneLine(v) !== "" ? oneLine(v) : null);
    out.headline ??= s1(article.headline) ?? s1(article.name);
    out.datePublished ??= s1(article.datePublished) ?? s1(article.dateCreated);
    out.author ??= authorName(article.author);
    out.section ??= s1(Array.isArray(article.articleSection) ? article.articleSection[0] : article.articleSection);
    out.description ??= s1(article.description);
    const main = article.mainEntityOfPage;
    out.url ??= s1(article.url) ?? s1(typeof main === "object" && main !== null ? (main as Record<string, unknown>)["@id"] : main);
  }
  return out;
}

/** The first object (depth-first, bounded) that is an article or carries datePublished. */
function findArticle(v: unknown, depth: number): Record<string, unknown> | null {
  if (depth > JSON_LD_MAX_DEPTH || v === null || typeof v !== "object") return null;
  if (Array.isArray(v)) {
    for (const x of v) {
      const a = findArticle(x, depth + 1);
      if (a !== null) return a;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  const type = o["@type"];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t)) || typeof o.datePublished === "string") return o;
  return findArticle(o["@graph"], depth + 1);
}

function authorName(v: unknown): string | null {
  if (typeof v === "string") return oneLine(v) || null;
  if (Array.isArray(v)) {
    const names = v.map(authorName).filter((x): x is string => x !== null);
    return names.length > 0 ? names.join("، ") : null;
  }
  if (v !== null && typeof v === "object") {
    const name = (v as Record<string, unknown>).name;
    return typeof name === "string" ? oneLine(name) || null : null;
  }
  return null;
}
