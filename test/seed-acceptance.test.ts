/**
 * Acceptance: the reference article (../shared/seed) analyzed end to end by
 * the full pipeline, checked against expected.json with the matching rules
 * of the seed's README (text after normalization, one-letter proclitics
 * stripped from mentions). Structure is checked in article-structure.test.ts.
 * Events: each expected event must be found (its two sides, or source and
 * target, each matching one listed name of a person or their country), and
 * the article must not give many more facts than it states.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { ArticleDocument } from "../src/document.js";
import { seedDir } from "../src/paths.js";
import { analyze } from "../src/pipeline.js";
import { normalizeKey } from "../src/text/normalize.js";

const dir = seedDir();
const file = join(dir, "000_1d7f084c0602acb7.txt");
const expectedFile = join(dir, "expected.json");
const present = existsSync(file) && existsSync(expectedFile);

/** The README's matching key: normalized, one-letter proclitic stripped. */
function key(s: string): string {
  return normalizeKey(s).replace(/\s+/g, " ").trim();
}
function mentionKey(s: string, known: Set<string>): string {
  const k = key(s);
  if (known.has(k)) return k;
  return /^[وفبلك]/.test(k) && known.has(k.slice(1)) ? k.slice(1) : k;
}

let doc: ArticleDocument | null = null;
let expected: {
  published: string;
  entities: Array<{ type: string; mentions: string[]; minMentions: number }>;
  quotes: Array<{ speaker: string; startsWith: string }>;
  topics: { first: string };
  dates: Array<{ text: string; value: string }>;
  events: Array<{ type: string; between?: [string[], string[]]; source?: string[]; target?: string[] }>;
};
if (present) {
  expected = JSON.parse(readFileSync(expectedFile, "utf8"));
  doc = analyze({ format: "txt", content: readFileSync(file, "utf8"), path: file }, { published: expected.published });
}

test("seed: each expected entity is one entity with the listed mentions", (t) => {
  if (!doc) return t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
  for (const want of expected.entities) {
    const wanted = new Set(want.mentions.map(key));
    const match: ArticleDocument["entities"] = doc.entities.filter((e) => {
      if (e.type !== want.type) return false;
      const forms = new Set(e.mentions.map((m) => mentionKey(m.text, wanted)));
      return [...wanted].every((w) => forms.has(w));
    });
    assert.equal(
      match.length,
      1,
      `one ${want.type} entity with ${want.mentions.join(" / ")}; got ${JSON.stringify(doc.entities.map((e) => [e.name, e.mentions.map((m) => m.text)]))}`,
    );
    assert.ok(
      match[0].mentions.length >= want.minMentions,
      `${want.mentions[0]}: ${match[0].mentions.length} mentions < ${want.minMentions}`,
    );
  }
});

test("seed: each expected quotation is found and attributed to its speaker", (t) => {
  if (!doc) return t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
  const d = doc;
  for (const want of expected.quotes) {
    const q = d.quotes.find((x) => key(x.text).startsWith(key(want.startsWith)));
    assert.ok(q, `no quote starting ${want.startsWith}`);
    const speaker = d.entities.find((e) => e.id === q.speaker);
    assert.ok(speaker, `quote ${want.startsWith} has no speaker entity`);
    const forms = new Set(speaker.mentions.map((m) => mentionKey(m.text, new Set([key(want.speaker)]))));
    assert.ok(forms.has(key(want.speaker)), `quote ${want.startsWith}: speaker ${speaker.name}, expected ${want.speaker}`);
  }
});

test("seed: the top topic and the resolved dates", (t) => {
  if (!doc) return t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
  assert.equal(doc.topics[0]?.label, expected.topics.first);
  for (const want of expected.dates) {
    const found: ArticleDocument["dates"][number] | undefined = doc.dates.find((x) => key(x.text) === key(want.text));
    assert.ok(found, `date ${want.text} not found`);
    assert.equal(found.value, want.value);
  }
});

/** Whether one side of an event (entity ids) names one of `names`, by the README's mention matching. */
function sideNames(d: ArticleDocument, ids: string[], names: string[]): boolean {
  const wanted = new Set(names.map(key));
  return ids.some((id) => {
    const e = d.entities.find((x) => x.id === id);
    return e !== undefined && [e.name, ...e.mentions.map((m) => m.text)].some((m) => wanted.has(mentionKey(m, wanted)));
  });
}

test("seed: each expected event is found, with both sides", (t) => {
  if (!doc) return t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
  const d = doc;
  const show = d.events.map((e) => `${e.type} ${e.source.join("+")}→${e.target.join("+")} «${e.trigger}»`).join("; ");
  for (const want of expected.events) {
    const hit = d.events.find((e) => {
      if (e.type !== want.type) return false;
      if (want.between) {
        const [a, b] = want.between;
        return (sideNames(d, e.source, a) && sideNames(d, e.target, b)) || (sideNames(d, e.source, b) && sideNames(d, e.target, a));
      }
      return sideNames(d, e.source, want.source ?? []) && sideNames(d, e.target, want.target ?? []);
    });
    assert.ok(hit, `no ${want.type} event ${JSON.stringify(want.between ?? [want.source, want.target])}; got ${show}`);
    assert.equal(hit.negated, false);
    assert.equal(hit.mode, "asserted");
    assert.equal(d.text.slice(hit.start, hit.end), hit.trigger);
    const s = d.sentences[hit.sentence];
    assert.ok(s.start <= hit.start && hit.end <= s.end, "the trigger is inside its sentence");
  }
  // Few false events: every event is between the article's two states and their leaders,
  // and there are at most two facts beyond the expected three (the reciprocal "تدعمان
  // وتساعدان بعضهما" gives SUPPORT and AID from China to Russia, which the text does say).
  const sides = new Set(["بوتين", "روسيا", "الكرملين", "شي جين بينغ", "الصين"].map(key));
  for (const e of d.events) {
    for (const id of [...e.source, ...e.target]) {
      const ent = d.entities.find((x) => x.id === id);
      assert.ok(
        ent?.mentions.some((m) => sides.has(mentionKey(m.text, sides))),
        `${e.type} «${e.trigger}» involves ${ent?.name}`,
      );
    }
  }
  const facts = new Set(d.events.map((e) => `${e.type}:${[...e.source, ...e.target].sort().join(",")}`));
  assert.ok(facts.size <= expected.events.length + 3, `${facts.size} distinct events: ${show}`);
});

test("seed: every offset in the document points into its text", (t) => {
  if (!doc) return t.skip(`reference article not found in ${dir}: set MARSAD_DATA`);
  const text = doc.text;
  for (const e of doc.entities) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  for (const q of doc.quotes) assert.equal(text.slice(q.start, q.end), q.text);
  for (const d of doc.dates) assert.equal(text.slice(d.start, d.end), d.text);
  for (const e of doc.events) assert.equal(text.slice(e.start, e.end), e.trigger);
});
