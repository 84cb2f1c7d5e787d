/**
 * `marsad eval search`: the gold forms are the clitic and inflected forms of
 * a word and not its derived adjectives; on a small sample of real news our
 * index must find more of them than FTS5's plain tokenizer, and بوتين /
 * الصين must find their clitic forms.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { goldForms, searchEval } from "../src/eval/search.js";
import { dataFile } from "../src/paths.js";
import { normalizeKey } from "../src/text/normalize.js";

test("gold forms: clitics, article forms, duals, plurals, ة→ت; not the nisba adjective", () => {
  const putin = goldForms(normalizeKey("بوتين"));
  for (const f of ["بوتين", "لبوتين", "وبوتين", "فبوتين", "ببوتين"]) assert.ok(putin.has(normalizeKey(f)), f);
  const china = goldForms(normalizeKey("الصين"));
  for (const f of ["الصين", "بالصين", "للصين", "والصين", "وبالصين"]) assert.ok(china.has(normalizeKey(f)), f);
  for (const f of ["الصيني", "الصينية", "صيني"]) assert.ok(!china.has(normalizeKey(f)), `${f} is another word`);
  const gov = goldForms(normalizeKey("حكومة"));
  for (const f of ["الحكومة", "حكومته", "حكومتها", "حكومتان", "حكومات", "الحكومات", "للحكومة"]) assert.ok(gov.has(normalizeKey(f)), f);
});

test("on a sample of real news, our recall beats plain FTS5 and the named words find their clitic forms", async (t) => {
  const gold = dataFile("news", "skynews.jsonl");
  if (!gold) {
    t.skip("news/skynews.jsonl not found: set MARSAD_DATA");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "marsad-eval-search-test-"));
  try {
    const r = await searchEval.run({ gold, flags: { db: join(dir, "absent.db"), sample: "600", words: "15" }, progress: () => {} });
    const fig = (name: string) => r.figures.find((f) => f.name === name)?.value ?? Number.NaN;
    assert.ok(fig("recall marsad %") >= 90, `recall ${fig("recall marsad %")}`);
    assert.ok(fig("recall marsad %") > fig("recall fts5-unicode61 %") + 10, JSON.stringify(r.figures));
    const required = r.details.required as Record<string, Record<string, { docs: number; found: number }>>;
    for (const forms of Object.values(required)) for (const [form, c] of Object.entries(forms)) assert.equal(c.found, c.docs, form);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
