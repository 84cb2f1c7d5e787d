/**
 * How a keyword is shown: the word as the article spells it, without the
 * one-letter proclitics و ف ب ك ل س in front (وبالصين → الصين). The
 * article ال stays, and the ل+ل of للصين (ل + ال with its alef dropped)
 * shows as الصين. Segmentation is the segmenter's (src/text/segment.ts).
 */
import { normalizeKey } from "../../text/normalize.js";
import { segmentWord } from "../../text/segment.js";

const LAM = "ل";
const ARTICLE = "ال";

/** Display forms per surface word (bounded; news vocabulary is Zipfian). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

export function displayForm(surface: string): string {
  let form = cache.get(surface);
  if (form === undefined) {
    form = strip(surface);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(surface, form);
  }
  return form;
}

function strip(surface: string): string {
  const segs = segmentWord(surface);
  let i = 0;
  while (i < segs.length - 1 && segs[i].role === "proclitic" && normalizeKey(segs[i].text).length === 1) {
    // للصين: ل + ل(ال) + صين → الصين
    if (normalizeKey(segs[i].text) === LAM && segs[i + 1].role === "proclitic" && normalizeKey(segs[i + 1].text) === LAM) {
      return (
        ARTICLE +
        segs
          .slice(i + 2)
          .map((s) => s.text)
          .join("")
      );
    }
    i++;
  }
  return segs
    .slice(i)
    .map((s) => s.text)
    .join("");
}

/** true when the word ends in a pronoun suffix (كتابهم): a worse display form than the bare word. */
export function hasEnclitic(word: string): boolean {
  const segs = segmentWord(word);
  return segs.length > 1 && segs[segs.length - 1].role === "enclitic";
}
