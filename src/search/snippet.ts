/**
 * Snippets with highlights, over the DISPLAY text. The index holds terms, not
 * words, so a hit on the term of بوتين may be the surface لبوتين: we re-run
 * the analyzer over the hit's `doc.text` (the same analyzeText the index
 * used), mark every word whose term is a query term (for a phrase, only runs
 * of words whose terms follow the phrase), and cut the window with the most
 * distinct query clauses. Highlights are offsets into the snippet text, so a
 * terminal can wrap them in «…» or bold and a web page in <mark>.
 */
import { type AnalyzedTerm, termsOf } from "./terms.js";

/** Characters of body text shown in a snippet (the window is widened to whole words). */
export const SNIPPET_CHARS = 220;
/** Characters of context kept before the first highlight of the window. */
const LEAD_IN = 50;
/** How far to look for a word boundary when snapping the window. */
const SNAP = 24;
const ELLIPSIS = "…";

export interface Highlight {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: Highlight[];
}

interface Mark extends Highlight {
  /** Index of the query clause this mark satisfies. */
  clause: number;
}

/** Where each clause (a term sequence) occurs among analyzed words. */
export function findMarks(words: AnalyzedTerm[], clauses: string[][]): Mark[] {
  const marks: Mark[] = [];
  clauses.forEach((terms, clause) => {
    if (terms.length === 0) return;
    for (let i = 0; i + terms.length <= words.length; i++) {
      let k = 0;
      while (k < terms.length && words[i + k].term === terms[k]) k++;
      if (k === terms.length) marks.push({ start: words[i].start, end: words[i + k - 1].end, clause });
    }
  });
  return marks.sort((a, b) => a.start - b.start || b.end - a.end);
}

function isBreak(c: string | undefined): boolean {
  return c === undefined || /\s/u.test(c);
}

/** Move `pos` back to the start of the word it falls in (within SNAP characters). */
function snapStart(text: string, pos: number, floor: number): number {
  for (let p = pos; p > floor && pos - p <= SNAP; p--) if (isBreak(text[p - 1])) return p;
  return pos;
}

/** Move `pos` forward to the end of the word it falls in (within SNAP characters). */
function snapEnd(text: string, pos: number): number {
  for (let p = pos; p < text.length && p - pos <= SNAP; p++) if (isBreak(text[p])) return p;
  return Math.min(pos, text.length);
}

/** The window of `text[from…]` to show, given the marks inside it. */
function chooseWindow(marks: Mark[], from: number, width: number): { start: number; end: number } {
  if (marks.length === 0) return { start: from, end: from + width };
  // Slide over marks: the best window covers the most distinct clauses, then the most marks.
  let best = { start: marks[0].start, clauses: 0, count: 0 };
  for (let i = 0; i < marks.length; i++) {
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < marks.length && marks[j].end <= marks[i].start + width - LEAD_IN; j++) {
      seen.add(marks[j].clause);
      count++;
    }
    if (seen.size > best.clauses || (seen.size === best.clauses && count > best.count))
      best = { start: marks[i].start, clauses: seen.size, count };
  }
  const start = Math.max(from, best.start - LEAD_IN);
  return { start, end: start + width };
}

/**
 * A snippet of the body of `text` (everything after `bodyStart`, i.e. after
 * the title) around the matches of `clauses`, plus the highlights in the title.
 */
export function makeSnippet(
  text: string,
  bodyStart: number,
  clauses: string[][],
  width = SNIPPET_CHARS,
): { snippet: Snippet; title: Highlight[] } {
  const words = termsOf(text);
  const marks = findMarks(words, clauses);
  const title = marks.filter((m) => m.end <= bodyStart).map(({ start, end }) => ({ start, end }));
  // The body starts after the blank line that follows the title.
  let from = bodyStart;
  while (from < text.length && isBreak(text[from])) from++;
  const body = marks.filter((m) => m.start >= from);
  const win = chooseWindow(body, from, width);
  const start = win.start > from ? snapStart(text, win.start, from) : from;
  const end = snapEnd(text, Math.min(text.length, win.end));
  const prefix = start > from ? ELLIPSIS : "";
  const suffix = end < text.length ? ELLIPSIS : "";
  const { shown, at } = collapseSpaces(text, start, end, prefix.length);
  const highlights: Highlight[] = [];
  for (const m of body) {
    if (m.start < start || m.end > end) continue;
    if (highlights.length > 0 && at(m.start) < highlights[highlights.length - 1].end) continue;
    highlights.push({ start: at(m.start), end: at(m.end) });
  }
  return { snippet: { text: prefix + shown + suffix, highlights }, title };
}

/**
 * text[start, end) with every run of whitespace (paragraph breaks included)
 * shown as one space, and `at` mapping an offset of `text` to the shown one.
 */
function collapseSpaces(text: string, start: number, end: number, shift: number): { shown: string; at: (pos: number) => number } {
  let shown = "";
  const map = new Int32Array(end - start + 1);
  let i = start;
  while (i < end) {
    map[i - start] = shown.length;
    if (isBreak(text[i])) {
      shown += " ";
      while (i + 1 < end && isBreak(text[i + 1])) map[++i - start] = shown.length;
      i++;
    } else shown += text[i++];
  }
  map[end - start] = shown.length;
  return { shown, at: (pos) => map[pos - start] + shift };
}

/** Text with highlights wrapped in `open`/`close` (e.g. «…», ANSI bold, <mark>). */
export function markUp(text: string, highlights: Highlight[], open: string, close: string, esc: (s: string) => string = (s) => s): string {
  let out = "";
  let pos = 0;
  for (const h of highlights) {
    if (h.start < pos) continue;
    out += esc(text.slice(pos, h.start)) + open + esc(text.slice(h.start, h.end)) + close;
    pos = h.end;
  }
  return out + esc(text.slice(pos));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
}
