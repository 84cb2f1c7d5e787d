/**
 * Entities across articles, through the whole pipeline: the same person
 * named in two different articles gets the same knowledge-base id, and a
 * name part the tagger may miss is still recalled as a mention.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ArticleDocument } from "../src/document.js";
import { analyze } from "../src/pipeline.js";

const A = [
  "ماكرون يستقبل المستشار الألماني في باريس",
  "استقبل الرئيس الفرنسي إيمانويل ماكرون اليوم المستشار الألماني في قصر الإليزيه بباريس لبحث ملفات الطاقة.",
  "وقال ماكرون في مؤتمر صحفي إن «أوروبا تحتاج إلى سياسة طاقة مشتركة».",
].join("\n\n");

const B = [
  "الرئيس الفرنسي يزور المغرب الشهر المقبل",
  "أعلن قصر الإليزيه أن الرئيس الفرنسي إيمانويل ماكرون سيزور الرباط الشهر المقبل في زيارة رسمية.",
  "وأضاف البيان أن ماكرون سيلتقي العاهل المغربي لبحث التعاون الاقتصادي.",
].join("\n\n");

function person(doc: ArticleDocument, part: string) {
  return doc.entities.find((e) => e.type === "PER" && e.mentions.some((m) => m.text.includes(part)));
}

test("the same person in two articles gets the same kbId", () => {
  const a = analyze({ format: "txt", content: A }, { published: "2021-02-01" });
  const b = analyze({ format: "txt", content: B }, { published: "2021-03-01" });
  const pa = person(a, "ماكرون");
  const pb = person(b, "ماكرون");
  assert.ok(pa && pb, JSON.stringify([a.entities, b.entities].map((es) => es.map((e) => e.name))));
  assert.ok(pa.kbId, "linked or given a stable id");
  assert.equal(pa.kbId, pb.kbId);
  assert.ok(pa.mentions.length >= 3, `mentions: ${pa.mentions.map((m) => m.text).join(" | ")}`);
});

test("quotes are attributed to the entity, by id", () => {
  const a = analyze({ format: "txt", content: A }, { published: "2021-02-01" });
  const q = a.quotes.find((x) => x.text.startsWith("أوروبا تحتاج"));
  assert.ok(q);
  assert.equal(q.speaker, person(a, "ماكرون")?.id);
});
