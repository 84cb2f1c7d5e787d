/**
 * Photo captions in scraped text: the named tables of credit markers and
 * labels, and the shape a caption line has. Which lines become captions (a
 * marker, a repeat, an isolated bullet) is decided in src/article/structure.ts;
 * this file only answers "does this line carry a caption marker?" and "is it
 * shaped like a caption?".
 */
import { countWords, endsSentence, lastMark, SENTENCE_END, wordKey } from "./line.js";

/** Captions are short: longer lines are body text even when they look like one. */
export const CAPTION_MAX_WORDS = 30;
/** A repeated or bulleted line needs this many words to count as a caption. */
export const CAPTION_MIN_WORDS = 3;

/**
 * Typographic bullets that set a lone line apart as a caption ("• الرئيس … ").
 * "-" and "*" are not here: in scraped text a lone "- …" or "* …" line is
 * almost always a subheading or a one-item list (measured on the ANT corpus),
 * so such lines need other evidence (a credit marker, a repeat).
 */
export const CAPTION_BULLETS = new Set(["•", "▪", "▫", "●", "○", "■", "□", "◆", "◇", "◦", "‣", "∙", "►", "▶"]);

/**
 * What a trailing parenthetical may say (its first words) for the line to be
 * a photo caption: "… (أرشيف)", "… (رويترز)", "… (أرشيف - أ ف ب)", "… (تصوير: فلان)".
 */
export const CAPTION_CREDITS = [
  "أرشيف",
  "أرشيفية",
  "صورة",
  "صورة أرشيفية",
  "الصورة",
  "صور",
  "تصوير",
  "مصدر الصورة",
  "رويترز",
  "أ ف ب",
  "فرانس برس",
  "أسوشيتد برس",
  "أ ب",
  "إي بي إيه",
  "د ب أ",
  "الأناضول",
  "غيتي",
  "غيتي إيميجز",
  "مواقع التواصل",
  "مواقع التواصل الاجتماعي",
  "تويتر",
  "afp",
  "reuters",
  "ap",
  "epa",
  "getty",
  "getty images",
  "photo",
  "file",
  "file photo",
];

/** Labels that open a caption line when followed by a colon: "صورة: …", "تصوير: …". */
export const CAPTION_LABELS = ["صورة", "الصورة", "صور", "تصوير", "مصدر الصورة", "حقوق الصورة", "photo", "image", "picture"];

/** Longest credit parenthetical, brackets included ("(أرشيف - أ ف ب)"). */
export const CREDIT_MAX_CHARS = 60;
/** How far into a line the colon of a caption label may be (in characters). */
const LABEL_MAX_CHARS = 25;

const CREDIT_KEYS = CAPTION_CREDITS.map(wordKey);
const LABEL_KEYS = new Set(CAPTION_LABELS.map(wordKey));

/**
 * true when the line ends with a credit parenthetical or opens with a photo
 * label. A full sentence followed by a photo note ("… المستشفى. (صورة أرشيفية)")
 * is a body paragraph, not a caption.
 */
export function hasCaptionMarker(line: string): boolean {
  // "… (أرشيف)" — the last parenthetical closes the line.
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || SENTENCE_END.has(line[end - 1]))) end--;
  if (end > 0 && line[end - 1] === ")") {
    const open = line.lastIndexOf("(", end - 1);
    if (open >= 0 && end - open <= CREDIT_MAX_CHARS && !endsSentence(line.slice(0, open))) {
      const inner = wordKey(line.slice(open + 1, end - 1));
      if (CREDIT_KEYS.some((k) => inner === k || inner.startsWith(`${k} `))) return true;
    }
  }
  // "صورة: …"
  const colon = line.indexOf(":");
  if (colon > 0 && colon <= LABEL_MAX_CHARS && LABEL_KEYS.has(wordKey(line.slice(0, colon)))) return true;
  return false;
}

/** Shaped like a caption: a few words, not a sentence, not a heading for a list (":"). */
export function captionShaped(line: string): boolean {
  const words = countWords(line, CAPTION_MAX_WORDS);
  if (words < CAPTION_MIN_WORDS || words > CAPTION_MAX_WORDS) return false;
  const mark = lastMark(line);
  return !SENTENCE_END.has(mark) && mark !== ":";
}

/** A lone line opened by a typographic bullet that is not an inline list ("• a • b"). */
export function captionBullet(bullet: string | null, rest: string): boolean {
  if (bullet === null) return false;
  const b = bullet[bullet.length - 1];
  return CAPTION_BULLETS.has(b) && !rest.includes(b);
}
