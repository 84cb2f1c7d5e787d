/**
 * Keys the knowledge base matches names on. All of them sit ON TOP of
 * normalizeKey (src/text/normalize.ts), which stays the one normalizer:
 *
 *   aliasKey     normalizeKey + whitespace collapsed: the exact key of a name.
 *   skeletonKey  a looser key for FOREIGN names only, merging the spelling
 *                variants Arabic transliteration produces (شنغهاي/شنجهاي,
 *                هونغ كونغ/هونج كونج, فلاديمير/فلاديمر, بوتين/بوتن). It drops
 *                the letters that write vowels and folds the letters that
 *                write "g". Native Arabic name words are exempt (محمد and
 *                محمود would otherwise collapse): a token listed in the
 *                native-token set keeps its exact key.
 *
 * The rules are the tables below; models/kb/README.md has the figures that
 * chose them (measured on the ANETAC English–Arabic pairs).
 */
import { normalizeKey } from "../text/normalize.js";

/** Letters rewritten before anything else: Persian/Urdu letters found in transliterations. */
const LETTER_FOLDS: ReadonlyArray<[string, string]> = [
  ["ڤ", "ف"], // v
  ["پ", "ب"], // p
  ["چ", "تش"], // ch
  ["گ", "غ"], // g
  ["ئ", "ي"], // hamza seats carry a vowel in transliterations
  ["ؤ", "و"],
  ["ء", ""],
];

/** Letter sequences folded together: "ch" is written تش or ش. */
const SEQUENCE_FOLDS: ReadonlyArray<[string, string]> = [["تش", "ش"]];

/** The three ways "g" is transliterated: غ (Levant, Gulf press), ج (Egypt), ق. */
const G_LETTERS = new Set(["غ", "ج", "ق"]);
const G = "G";

/** Letters that write vowels (a, o/u, i/e); dropped after a token's first letter. */
const VOWEL_LETTERS = new Set(["ا", "و", "ي"]);

/** The exact matching key of a name: normalizeKey, single spaces, trimmed. */
export function aliasKey(s: string): string {
  return normalizeKey(s).replace(/\s+/g, " ").trim();
}

/** The key of one token of a foreign name; `key` is already an alias key. */
export function skeletonToken(key: string): string {
  let t = key;
  for (const [a, b] of LETTER_FOLDS) if (t.includes(a)) t = t.split(a).join(b);
  for (const [a, b] of SEQUENCE_FOLDS) if (t.includes(a)) t = t.split(a).join(b);
  let out = "";
  let prev = "";
  for (let i = 0; i < t.length; i++) {
    let c = t[i];
    if (G_LETTERS.has(c)) c = G;
    // A vowel letter after the first letter is a transliteration choice.
    if (i > 0 && VOWEL_LETTERS.has(c)) continue;
    // Doubled letters (written out, or left after dropping a vowel) count once.
    if (c === prev) continue;
    out += c;
    prev = c;
  }
  return out;
}

/**
 * The skeleton of a whole name. Tokens in `native` keep their exact key, so
 * only foreign words are loosened. Word boundaries are kept: without them
 * "جون بولتن" and "جوجيو نابوليتانو" collapse to one key.
 */
export function skeletonKey(name: string, native?: ReadonlySet<string>): string {
  const key = aliasKey(name);
  if (key === "") return "";
  const parts: string[] = [];
  for (const tok of key.split(" ")) {
    if (native?.has(tok)) parts.push(`[${tok}]`);
    else parts.push(skeletonToken(tok));
  }
  return parts.join(" ");
}

/** True when a key contains no Arabic-script letter (a Latin name, a number). */
export function isLatinKey(key: string): boolean {
  return !/[\u0600-\u06ff]/.test(key);
}
