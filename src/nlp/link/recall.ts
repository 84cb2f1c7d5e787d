/**
 * Mention recall: one sense per discourse. Once an article has named an
 * entity, later occurrences of the same name — or, for a person named in
 * full, of the first or last part of the name (شي / بينغ after شي جين بينغ)
 * — are mentions of it, even where the tagger missed them (e.g. "بوتين وشي").
 * A one-letter proclitic (و ف ب ل ك) may be glued to the occurrence; the
 * mention starts after it. Parts shared by two entities are ambiguous and
 * not used; stopwords and one-letter parts never are. A two-letter part
 * (شي، لي) is also a common word, so it is recalled only in coordination with
 * another entity's mention ("بوتين وشي", "شي وبوتين").
 */
import type { Entity, Mention } from "../../document.js";
import { isStopword } from "../../text/analyzer.js";
import { normalizeKey } from "../../text/normalize.js";
import { tokenize } from "../../text/tokenize.js";

/** Proclitics that may be glued to a recalled occurrence. */
const PROCLITICS = new Set(["و", "ف", "ب", "ل", "ك"]);
/** Shortest name part (in letters) recalled on its own. */
const MIN_PART_LETTERS = 2;
/** Name parts this short need a coordination context (see above). */
const SHORT_PART_LETTERS = 2;

interface Form {
  keys: string[];
  entity: number;
  /** A lone name part (not a whole mention). */
  part: boolean;
}

export function recallMentions(text: string, entities: Entity[]): void {
  if (entities.length === 0) return;
  const words = tokenize(text).filter((t) => t.kind === "word");
  const keyOf = words.map((w) => normalizeKey(text.slice(w.start, w.end)));

  // Candidate forms: every mention's words, and name parts of full person names.
  const forms = new Map<string, Form[]>(); // by first key
  const partOwner = new Map<string, number | -1>();
  const addForm = (keys: string[], entity: number, part = false) => {
    const list = forms.get(keys[0]) ?? [];
    if (!list.some((f) => f.entity === entity && f.keys.join(" ") === keys.join(" "))) list.push({ keys, entity, part });
    forms.set(keys[0], list);
  };
  entities.forEach((e, ei) => {
    if (e.type === "MISC") return;
    for (const m of e.mentions) {
      const keys = tokenize(m.text)
        .filter((t) => t.kind === "word")
        .map((t) => normalizeKey(m.text.slice(t.start, t.end)));
      if (keys.length === 0) continue;
      addForm(keys, ei);
      if (e.type === "PER" && keys.length >= 2) {
        for (const part of [keys[0], keys[keys.length - 1]]) {
          const owner = partOwner.get(part);
          partOwner.set(part, owner === undefined || owner === ei ? ei : -1);
        }
      }
    }
  });
  for (const [part, owner] of partOwner) {
    if (owner >= 0 && part.length >= MIN_PART_LETTERS && !isStopword(part)) addForm([part], owner, true);
  }
  for (const list of forms.values()) list.sort((a, b) => b.keys.length - a.keys.length);

  // Characters already covered by a mention (one byte each: linear, whatever the mention count).
  const covered = new Uint8Array(text.length + 1);
  const cover = (s: number, e: number) => covered.fill(1, s, e);
  for (const e of entities) for (const m of e.mentions) cover(m.start, m.end);
  const isCovered = (s: number, e: number) => {
    for (let k = s; k < e; k++) if (covered[k]) return true;
    return false;
  };
  /** Word i is glued to (و + mention) or followed by (و + mention): "بوتين وشي", "شي وبوتين". */
  const coordinated = (i: number, hasConjunction: boolean) => {
    const prev = words[i - 1];
    if (hasConjunction && prev && covered[prev.end - 1]) return true;
    const next = words[i + 1];
    return next !== undefined && keyOf[i + 1][0] === "و" && covered[next.end - 1] === 1;
  };

  const added: Array<{ entity: number; mention: Mention }> = [];
  for (let i = 0; i < words.length; i++) {
    const k = keyOf[i];
    let lookup = forms.get(k);
    let skip = 0;
    if (!lookup && k.length > 2 && PROCLITICS.has(k[0])) {
      lookup = forms.get(k.slice(1));
      skip = 1;
    }
    if (!lookup) continue;
    for (const f of lookup) {
      if (i + f.keys.length > words.length) continue;
      let ok = true;
      for (let j = 1; j < f.keys.length && ok; j++) ok = keyOf[i + j] === f.keys[j];
      if (!ok) continue;
      // Where the proclitic ends in the display text (diacritics may follow it).
      let start = words[i].start;
      if (skip) {
        start++;
        while (start < words[i].end && normalizeKey(text[start]) === "") start++;
      }
      const end = words[i + f.keys.length - 1].end;
      if (isCovered(start, end)) break;
      if (f.part && f.keys[0].length <= SHORT_PART_LETTERS && !coordinated(i, skip === 1 && k[0] === "و")) continue;
      added.push({ entity: f.entity, mention: { start, end, text: text.slice(start, end) } });
      cover(start, end);
      i += f.keys.length - 1;
      break;
    }
  }
  for (const a of added) entities[a.entity].mentions.push(a.mention);
  for (const e of entities) e.mentions.sort((x, y) => x.start - y.start);
}
