/**
 * One event once per article. News repeats its main event in the title, the
 * lead and the body ("روسيا والصين تتفقان…", "اتفق بوتين وشي…"); a reader, a
 * time series and an evaluation all want it counted once. Two events are the
 * same when they have the same type and modality and their sides overlap
 * (either orientation for the reciprocal types, where "X with Y" and "Y with
 * X" say one thing). The most confident report stands for the event (the
 * earliest on ties) and takes the union of the participants.
 */
import type { Event } from "../../document.js";

/** Types whose two sides play the same part: talks, agreement, cooperation. */
const RECIPROCAL = new Set(["CONSULT", "AGREE", "COOPERATE"]);

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  return a.some((x) => b.includes(x));
}

function addAll(into: string[], from: readonly string[], other: readonly string[]): void {
  for (const x of from) if (!into.includes(x) && !other.includes(x)) into.push(x);
}

/** How `b` lines up with `a`: "same" orientation, "swapped", or null when they are different events. */
function alignment(a: Event, b: Event): "same" | "swapped" | null {
  if (a.type !== b.type || a.negated !== b.negated || a.mode !== b.mode) return null;
  if (overlaps(a.source, b.source) && overlaps(a.target, b.target)) return "same";
  if (RECIPROCAL.has(a.type) && overlaps(a.source, b.target) && overlaps(a.target, b.source)) return "swapped";
  return null;
}

/** Merges repeated reports of one event; returns them in text order. */
export function mergeRepeated(events: readonly Event[]): Event[] {
  const ranked = events.map((e, i) => ({ e, i })).sort((x, y) => y.e.confidence - x.e.confidence || x.i - y.i);
  const kept: { e: Event; i: number }[] = [];
  for (const cand of ranked) {
    const home = kept.find((k) => alignment(k.e, cand.e) !== null);
    if (!home) {
      kept.push({ e: { ...cand.e, source: [...cand.e.source], target: [...cand.e.target] }, i: cand.i });
      continue;
    }
    const how = alignment(home.e, cand.e);
    const [src, tgt] = how === "same" ? [cand.e.source, cand.e.target] : [cand.e.target, cand.e.source];
    addAll(home.e.source, src, home.e.target);
    addAll(home.e.target, tgt, home.e.source);
  }
  return kept.map((k) => k.e).sort((a, b) => a.start - b.start);
}
