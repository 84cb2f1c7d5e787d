/**
 * Mention recall (src/nlp/link/recall.ts): later occurrences of a name, and of
 * the parts of a person's full name, join the entity; short parts that are
 * also common words only in coordination with another entity.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity } from "../src/document.js";
import { recallMentions } from "../src/nlp/link/recall.js";

function entity(id: string, type: Entity["type"], text: string, name: string): Entity {
  const start = text.indexOf(name);
  return { id, name, type, kbId: null, mentions: [{ start, end: start + name.length, text: name }], salience: 0 };
}

test("surname, two-letter part in coordination, and a glued proclitic", () => {
  const text = "التقى فلاديمير بوتين نظيره شي جين بينغ. وأشاد بوتين وشي بالعلاقات، وقال لبينغ إن التعاون مستمر.";
  const ents = [entity("e1", "PER", text, "فلاديمير بوتين"), entity("e2", "PER", text, "شي جين بينغ")];
  recallMentions(text, ents);
  assert.deepEqual(
    ents[0].mentions.map((m) => m.text),
    ["فلاديمير بوتين", "بوتين"],
  );
  assert.deepEqual(
    ents[1].mentions.map((m) => m.text),
    ["شي جين بينغ", "شي", "بينغ"],
  );
  for (const e of ents) for (const m of e.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test("a two-letter part that is a common word is not recalled on its own", () => {
  const text = "قال رئيس الوزراء لي كه تشيانغ إن النمو مستقر. والتقى ولي العهد بالوفد، وقال لي صديق إن الأمر جيد.";
  const ents = [entity("e1", "PER", text, "لي كه تشيانغ")];
  recallMentions(text, ents);
  assert.equal(ents[0].mentions.length, 1);
});

test("a long text with many mentions (recall is linear; a quadratic version took minutes here)", () => {
  const text = "التقى بوتين مع شي جين بينغ في روسيا. ".repeat(20000);
  const ents = [entity("e1", "PER", text, "شي جين بينغ"), entity("e2", "LOC", text, "روسيا")];
  recallMentions(text, ents);
  assert.equal(ents[1].mentions.length, 20000);
});
