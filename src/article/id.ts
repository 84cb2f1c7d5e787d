/**
 * The document id: a stable hash of the article's content, so that the same
 * article read twice — from two paths, or re-ingested later — gets the same
 * id, and any change to its words gets a new one.
 *
 * id = first ID_HEX_CHARS hex digits of SHA-256 (UTF-8) over
 *   normalizeKey([title, lead, ...paragraphs].filter(non-empty).join("\n"))
 * with every run of whitespace collapsed to one space and the ends trimmed.
 * Captions and removed boilerplate do not count: they are page furniture that
 * changes between scrapes.
 *
 * The key is computed in slices (normalizeKey maps character by character, so
 * slicing does not change it) and fed to the hash as it goes: a 50 MB article
 * never becomes one giant normalized string.
 */
import { createHash } from "node:crypto";
import { normalizeKey } from "../text/normalize.js";

export const ID_HEX_CHARS = 16;
/** Characters normalized at a time. */
const SLICE = 1 << 15;

export function contentId(title: string, lead: string, paragraphs: readonly string[]): string {
  const hash = createHash("sha256");
  let emitted = false; // something has been hashed
  let space = false; // whitespace seen since the last hashed character
  const feed = (key: string) => {
    let k = key.replace(/\s+/g, " ");
    if (k.startsWith(" ")) {
      space = true;
      k = k.slice(1);
    }
    if (k === "") return;
    const trailing = k.endsWith(" ");
    if (trailing) k = k.slice(0, -1);
    if (k !== "") {
      hash.update(space && emitted ? ` ${k}` : k, "utf8");
      emitted = true;
      space = false;
    }
    if (trailing) space = true;
  };
  let first = true;
  for (const part of [title, lead, ...paragraphs]) {
    if (part === "") continue;
    if (!first) space = true; // the "\n" between parts
    first = false;
    for (let i = 0; i < part.length; i += SLICE) feed(normalizeKey(part.slice(i, i + SLICE)));
  }
  return hash.digest("hex").slice(0, ID_HEX_CHARS);
}
