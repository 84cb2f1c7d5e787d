/**
 * The structure pass shared by every input format: a list of display lines
 * ("units": text lines, or HTML blocks) → title, lead, captions, body
 * paragraphs and removed boilerplate.
 *
 * Every unit ends up in exactly one place — title, lead, a caption, a
 * paragraph, or removed[] with a reason — so nothing is lost silently.
 *
 * The order of decisions, each driven by a named table or threshold:
 *   1. title: given by the caller, else the first line with a word that is not
 *      boilerplate — unless that line reads as a paragraph (see titleShaped):
 *      then the text has no title and the line is body;
 *   2. separators (no letter or digit) and boilerplate (src/article/boilerplate.ts);
 *      a tail heading ("اخترنا لك") also takes the headline-like lines after it;
 *   3. captions (src/article/captions.ts): a credit marker or an isolated
 *      bullet line — each kept once (any copy is `duplicate-caption`), never
 *      in the body;
 *   4. repeated body paragraphs: the first copy stays, a copy (the same
 *      normalized words in the same order) is `duplicate-paragraph`;
 *   5. the lead (see chooseLead).
 */
import type { Removed } from "../document.js";
import { matchBoilerplate } from "./boilerplate.js";
import { CAPTION_MAX_WORDS, captionBullet, captionShaped, hasCaptionMarker } from "./captions.js";
import { cleanContent, compactKey, countWords, endsSentence, hasWord, lastMark, splitBullet, wordKey } from "./line.js";

/** A lead (standfirst) guessed from position alone has this many words. */
export const LEAD_MIN_WORDS = 5;
export const LEAD_MAX_WORDS = 60;
/** An outlet teaser (JSONL abstract) shorter than this is a label, not a lead. */
export const ABSTRACT_MIN_WORDS = 6;
/** Share of the teaser's words that must open the body for it to be "the body's start". */
export const ABSTRACT_OVERLAP = 0.8;
/** The body words an edited teaser is compared with: its own length × [0] + [1]. */
export const ABSTRACT_WINDOW: readonly [number, number] = [1.5, 10];
/** After a tail heading, a line with more words than this (or a full sentence) is body text again. */
export const HEADLINE_MAX_WORDS = 25;
/**
 * A first line with more words than this is a paragraph, not a title. ANT
 * corpus titles (30,361): at most 18 words, 99 % at most 14; first body lines:
 * 64–73 % have more than 25.
 */
export const TITLE_MAX_WORDS = 25;
/** A meta description must be this long (compact key chars) to identify the first paragraph. */
export const DESCRIPTION_MIN_CHARS = 20;
/**
 * A body paragraph seen before — the same words (normalizeKey) in the same
 * order; spacing and punctuation aside — is dropped as `duplicate-paragraph`
 * (a scraper artefact) only when it has this many words: short repeats are
 * labels and subheadings ("المجموعة الأولى", "الفائدة:") that belong to the text.
 */
export const DUPLICATE_MIN_WORDS = 8;
/**
 * Lines up to this long get a word key (for boilerplate, title and caption
 * checks); longer lines are body text, compared on their display text when
 * looking for scraper repeats (which are exact copies).
 */
export const SHORT_LINE_MAX_CHARS = 400;
/** A heading that is a prefix of the title (or the reverse) covering this share of it repeats the title. */
export const HEADING_TITLE_SHARE = 0.6;

/** What kind of block a unit came from (HTML); plain-text lines are "line". */
export type UnitKind = "line" | "p" | "li" | "heading" | "quote" | "caption" | "links";

export interface Unit {
  text: string;
  kind: UnitKind;
}

/** Hints for the lead, from the format's own markup. */
export interface LeadHints {
  /** A standfirst the page marks itself (HTML class="lead"/"standfirst"…). */
  marked?: string | null;
  /** The outlet's teaser (JSONL abstract): the lead unless it is the body's own start. */
  abstract?: string | null;
  /** A page description (HTML meta): marks the first paragraph as lead when it matches it. */
  description?: string | null;
}

export interface Structure {
  title: string;
  lead: string;
  captions: string[];
  paragraphs: string[];
  removed: Removed[];
}

type State = "title" | "body" | "caption" | "removed";

/**
 * A free-standing string (a title, an abstract, a meta value) as one display
 * line, cleaned as the body is (cleanDisplayText), so a given title carries
 * no invisible controls either.
 */
export function oneLine(s: string | null | undefined): string {
  if (!s) return "";
  return cleanContent(s).replace(/\s+/g, " ").trim();
}

/**
 * Structure a list of units. Returns null when there is no title to be had
 * (no unit with a word and no title given): the caller reports the input as empty.
 */
export function structureUnits(units: Unit[], givenTitle: string | null, hints: LeadHints = {}): Structure | null {
  const n = units.length;
  const state: State[] = new Array(n).fill("body");
  const reason: string[] = new Array(n).fill("");
  const tails: number[] = [];
  // Word keys of short lines, computed once (a bullet has no word, so a
  // bulleted line and its plain copy share a key); long lines get "".
  const wk: string[] = units.map((u) => (u.text.length <= SHORT_LINE_MAX_CHARS ? wordKey(u.text) : ""));
  const remove = (i: number, why: string) => {
    state[i] = "removed";
    reason[i] = why;
  };

  // 1–2. Title, separators, boilerplate. Until the first body line (`head`),
  // bylines and date lines count as page furniture too.
  let title = oneLine(givenTitle);
  let titleKey = wordKey(title);
  let titleOpen = title === "";
  let head = true;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (!hasWord(u.text)) {
      remove(i, "separator");
      continue;
    }
    if (u.kind === "caption") {
      state[i] = "caption";
      continue;
    }
    const rule = wk[i] === "" ? null : matchBoilerplate(u.text, head, wk[i]);
    if (rule !== null) {
      remove(i, rule.reason);
      if (rule.tail) tails.push(i);
      continue;
    }
    if (u.kind === "links") {
      remove(i, "links");
      continue;
    }
    if (titleOpen) {
      titleOpen = false;
      if (u.kind === "heading" || titleShaped(u.text)) {
        title = u.text;
        titleKey = wk[i] || wordKey(title);
        state[i] = "title";
        continue;
      }
      // A paragraph first: the text has no title, and this line is body.
      head = false;
      continue;
    }
    const key = wk[i];
    if ((key !== "" && key === titleKey) || (u.kind === "heading" && sameHeadline(key, titleKey))) {
      remove(i, "duplicate-title");
      continue;
    }
    head = false;
  }
  if (title === "" && !state.includes("body")) return null;

  // A tail heading takes the headline-like lines after it; all of them when
  // no body text follows (a related-links block at the end of the page).
  // Each scan starts past the previous one's end, so the pass stays linear
  // even when a page is made of nothing but headings.
  let scanned = -1;
  for (const h of tails) {
    if (h < scanned) continue;
    const after: number[] = [];
    let stop = -1;
    for (let j = h + 1; j < n; j++) {
      scanned = j;
      if (state[j] === "removed" || state[j] === "title") continue;
      if (bodyLike(units[j].text)) {
        stop = j;
        break;
      }
      after.push(j);
    }
    for (const j of after) remove(j, "related-links");
    if (stop < 0) break;
  }

  // 3. Captions: lines with a caption marker or an isolated typographic
  // bullet. Their word keys are collected first, so that a plain copy of a
  // caption, before or after it, is known as one (a bulleted caption and its
  // copy without the bullet share a key).
  const keys: string[] = new Array(n).fill("");
  const marked: boolean[] = new Array(n).fill(false);
  const captionKeys = new Set<string>();
  const isBullet = (i: number) => i >= 0 && i < n && units[i].kind === "line" && splitBullet(units[i].text).bullet !== null;
  for (let i = 0; i < n; i++) {
    if (state[i] === "removed" || state[i] === "title") continue;
    const u = units[i];
    keys[i] = wk[i] !== "" ? wk[i] : `\u0000${u.text}`;
    let caption = state[i] === "caption";
    if (!caption && (u.kind === "line" || u.kind === "p")) {
      const { bullet, rest } = splitBullet(u.text);
      if (hasCaptionMarker(rest) && countWords(rest, CAPTION_MAX_WORDS) <= CAPTION_MAX_WORDS) caption = true;
      else if (u.kind === "line" && captionBullet(bullet, rest) && !isBullet(i - 1) && !isBullet(i + 1) && captionShaped(rest))
        caption = true;
    }
    if (caption) {
      marked[i] = true;
      captionKeys.add(keys[i]);
    }
  }

  // 3–4. In order: each caption once (its copies are `duplicate-caption`);
  // body paragraphs, without their repeats (`duplicate-paragraph`).
  const captions: string[] = [];
  const captionsPlaced = new Set<string>();
  const bodyKeys = new Set<string>();
  const body: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] === "removed" || state[i] === "title") continue;
    const u = units[i];
    if (marked[i] || captionKeys.has(keys[i])) {
      if (captionsPlaced.has(keys[i])) remove(i, "duplicate-caption");
      else {
        state[i] = "caption";
        captionsPlaced.add(keys[i]);
        captions.push(splitBullet(u.text).rest);
      }
      continue;
    }
    if (countWords(u.text, DUPLICATE_MIN_WORDS) >= DUPLICATE_MIN_WORDS) {
      const key = wk[i] !== "" ? wk[i] : wordKey(u.text);
      if (bodyKeys.has(key)) {
        remove(i, "duplicate-paragraph");
        continue;
      }
      bodyKeys.add(key);
    }
    body.push(i);
  }

  // 5. Lead.
  const lead = chooseLead(
    body.map((i) => units[i]),
    titleKey,
    hints,
  );
  const paragraphs = body.map((i) => units[i].text).filter((_, k) => !lead.dropped.has(k));

  const removed: Removed[] = [];
  for (let i = 0; i < n; i++) if (state[i] === "removed") removed.push({ text: units[i].text, reason: reason[i] });
  return { title, lead: lead.text, captions, paragraphs, removed };
}

/** A page heading that is the title with a site name cut or added ("العنوان | الموقع"). */
function sameHeadline(a: string, b: string): boolean {
  if (a === "" || b === "") return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && short.length >= HEADING_TITLE_SHARE * long.length;
}

/**
 * Can this first line be the title? Not when it reads as a paragraph: more
 * than TITLE_MAX_WORDS words, or ending in a full stop ("." but not ".." or
 * "…", which headlines use). None of the 30,361 ANT corpus titles ends in a
 * full stop; 97–99 % of the first body lines do, or are longer than 25 words.
 */
export function titleShaped(line: string): boolean {
  return countWords(line, TITLE_MAX_WORDS) <= TITLE_MAX_WORDS && !endsFullStop(line);
}

/** The line's last mark is a full stop: "." not preceded by another "." (an ellipsis), or "۔". */
function endsFullStop(line: string): boolean {
  const mark = lastMark(line);
  if (mark === "۔") return true;
  if (mark !== ".") return false;
  const i = line.lastIndexOf(".");
  return i === 0 || line[i - 1] !== ".";
}

/** After a tail heading: is this line body text again (a sentence, or too long for a headline)? */
function bodyLike(line: string): boolean {
  return endsSentence(line) || countWords(line, HEADLINE_MAX_WORDS) > HEADLINE_MAX_WORDS;
}

interface LeadChoice {
  text: string;
  /** Body indexes that are the lead itself (not kept as paragraphs). */
  dropped: Set<number>;
}

/**
 * The lead, in order of evidence:
 *   1. a standfirst the page marks (HTML class): it, and any body copy of it;
 *   2. an outlet teaser (JSONL abstract) that is not the body's own start: the teaser;
 *   3. a teaser or meta description that IS the body's start: the first paragraph,
 *      when more body follows (the outlet itself presents it as the summary);
 *   4. otherwise the first paragraph when it reads like a standfirst: LEAD_MIN_WORDS
 *      to LEAD_MAX_WORDS words, a plain paragraph (not a list item, heading or quote),
 *      not introducing a list (":"), with more body after it;
 *   5. else "".
 */
export function chooseLead(body: Unit[], titleKey: string, hints: LeadHints): LeadChoice {
  const none: LeadChoice = { text: "", dropped: new Set() };
  const marked = oneLine(hints.marked);
  if (marked !== "" && hasWord(marked) && wordKey(marked) !== titleKey) {
    const key = wordKey(marked);
    const dropped = new Set<number>();
    body.forEach((u, k) => {
      if (wordKey(u.text) === key) dropped.add(k);
    });
    return { text: marked, dropped };
  }

  let designated = false;
  const abstract = stripEllipsis(oneLine(hints.abstract));
  if (abstract !== "" && countWords(abstract, ABSTRACT_MIN_WORDS) >= ABSTRACT_MIN_WORDS && wordKey(abstract) !== titleKey) {
    if (!opensBody(abstract, body, true)) return { text: oneLine(hints.abstract), dropped: new Set() };
    designated = true;
  }
  const description = stripEllipsis(oneLine(hints.description));
  if (!designated && description !== "" && body.length > 0 && opensBody(description, body.slice(0, 1), false)) designated = true;

  if (body.length < 2) return none;
  const first = body[0];
  if (first.kind === "li" || first.kind === "heading" || first.kind === "quote" || lastMark(first.text) === ":") return none;
  if (designated) return { text: first.text, dropped: new Set([0]) };
  const words = countWords(first.text, LEAD_MAX_WORDS);
  if (words < LEAD_MIN_WORDS || words > LEAD_MAX_WORDS) return none;
  return { text: first.text, dropped: new Set([0]) };
}

function stripEllipsis(s: string): string {
  return s.replace(/(?:\.{2,}|…)$/, "").trim();
}

/**
 * Does `teaser` open the body? Compared on compact keys (no spaces or
 * punctuation, so "…عاما.وقال" matches "…عاما. وقال"): a prefix in either
 * direction, the teaser found anywhere in the body (`anywhere`), or most of the
 * teaser's words among the body's first words (teasers are lightly edited).
 */
function opensBody(teaser: string, body: Unit[], anywhere: boolean): boolean {
  const t = compactKey(teaser);
  if (t.length < DESCRIPTION_MIN_CHARS) return false;
  let head = "";
  for (const u of body) {
    head += compactKey(u.text);
    if (head.length >= t.length * 2) break;
  }
  if (head.startsWith(t) || (head.length >= DESCRIPTION_MIN_CHARS && t.startsWith(head))) return true;
  const tw = wordKey(teaser).split(" ");
  const limit = Math.ceil(tw.length * ABSTRACT_WINDOW[0]) + ABSTRACT_WINDOW[1];
  const bw = new Set<string>();
  for (const u of body) {
    for (const w of wordKey(u.text).split(" ")) {
      if (bw.size >= limit) break;
      bw.add(w);
    }
    if (bw.size >= limit) break;
  }
  if (tw.filter((w) => bw.has(w)).length >= ABSTRACT_OVERLAP * tw.length) return true;
  if (anywhere) {
    for (const u of body) if (compactKey(u.text).includes(t)) return true;
  }
  return false;
}
