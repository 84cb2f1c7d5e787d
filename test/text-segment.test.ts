import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Segment } from "../src/document.js";
import { InputError } from "../src/errors.js";
import { type Lexicon, loadLexicon, segmentKey } from "../src/text/lexicon.js";
import { analyzeClitics, segmentWord } from "../src/text/segment.js";

const show = (segs: Segment[]) =>
  segs.map((s) => (s.role === "proclitic" ? `${s.text}+` : s.role === "enclitic" ? `+${s.text}` : s.text)).join(" ");
const seg = (w: string) => show(segmentWord(w));
const ud = (w: string) => show(segmentWord(w, { article: "attach" }));

/** The contract: texts concatenate to the surface, roles are proclitic* stem enclitic*. */
function assertContract(w: string, segs: Segment[]): void {
  assert.equal(segs.map((s) => s.text).join(""), w, `concatenation of ${JSON.stringify(w)}`);
  const order = { proclitic: 0, stem: 1, enclitic: 2 };
  assert.equal(segs.filter((s) => s.role === "stem").length, 1, `one stem in ${w}`);
  for (let i = 1; i < segs.length; i++) assert.ok(order[segs[i - 1].role] <= order[segs[i].role], `role order in ${w}`);
  for (const s of segs) if (w.length > 0) assert.ok(s.text.length > 0, `no empty segment in ${w}`);
}

test("words that merely begin with clitic letters stay whole", () => {
  for (const w of [
    "بيان",
    "بوتين",
    "فيروس",
    "وزير",
    "كورونا",
    "ولاية",
    "فلسطين",
    "كتاب",
    "لبنان",
    "بريطانيا",
    "سيارة",
    "كان",
    "لكن",
    "كما",
    "فكرة",
    "هناك",
    "ذلك",
  ]) {
    assert.equal(seg(w), w, w);
  }
});

test("clitics split off: conjunction, preposition, future, article, pronoun", () => {
  assert.equal(seg("وبالصين"), "و+ ب+ ال+ صين");
  assert.equal(seg("لبوتين"), "ل+ بوتين");
  assert.equal(seg("وسيقول"), "و+ س+ يقول");
  assert.equal(seg("كتابهم"), "كتاب +هم");
  assert.equal(seg("وقال"), "و+ قال");
  assert.equal(seg("فيها"), "في +ها");
});

test("ل + ال is written لل: ل + ل(article) + stem; UD keeps the article on the stem", () => {
  assert.equal(seg("للسلطة"), "ل+ ل+ سلطة");
  assert.equal(ud("للسلطة"), "ل+ لسلطة");
  assert.equal(ud("وبالصين"), "و+ ب+ الصين");
  // للجنة: the word itself starts with ل (لجنة), so no article is split off.
  assert.equal(seg("للجنة"), "ل+ لجنة");
});

test("before an enclitic the stem keeps its surface spelling (ة→ت, ى→ي)", () => {
  assert.equal(seg("حياته"), "حيات +ه");
  assert.equal(seg("عليه"), "علي +ه");
  assert.equal(seg("نشرتها"), "نشرت +ها");
});

test("a preposition carrying a pronoun is the stem: به, وله", () => {
  assert.deepEqual(segmentWord("به"), [
    { text: "ب", role: "stem" },
    { text: "ه", role: "enclitic" },
  ]);
  assert.equal(seg("وله"), "و+ ل +ه");
});

test("the article is only a bare alef + lam: ألمانيا is not أ + لمانيا", () => {
  assert.equal(seg("ألمانيا"), "ألمانيا");
  assert.equal(seg("لألمانيا"), "ل+ ألمانيا");
  assert.equal(seg("الذي"), "الذي");
  assert.equal(seg("الله"), "الله");
});

test("grammar guards: tanween rules out enclitics and, if accusative, prepositions", () => {
  assert.equal(seg("بديلاً"), "بديلاً"); // accusative: not ب + ديلا
  assert.equal(seg("إحدى"), "إحدى"); // ى is never the pronoun ي
});

test("diacritics and tatweel stay with the letter before them", () => {
  const w = "بِالنِّسْبَةِ";
  const segs = segmentWord(w);
  assertContract(w, segs);
  assert.equal(segs[0].text, "بِ");
  assert.equal(segs[0].role, "proclitic");
  const t = "وـقال";
  assertContract(t, segmentWord(t));
});

test("segments concatenate exactly to the surface, for many words", () => {
  const words = [
    "",
    "و",
    "ب",
    "ال",
    "لل",
    "ه",
    "في",
    "فيه",
    "وفي",
    "ولا",
    "بما",
    "لها",
    "لهم",
    "بهم",
    "بي",
    "لي",
    "إليه",
    "لديهم",
    "والكابيتول",
    "بالكابيتول",
    "للكابيتول",
    "وللكابيتول",
    "فالمعلمون",
    "كالمعتاد",
    "سيكون",
    "ستبدأ",
    "وسنرى",
    "معلموهم",
    "مستشفاه",
    "ارتداؤه",
    "حياتي",
    "بلادنا",
    "يمكننا",
    "أنني",
    "لأن",
    "بأن",
    "كأنه",
    "وكأنها",
    "ﻻ",
    "ﷲ",
    "وﻻ",
    "COVID",
    "Covid19",
    "٢٠٢٠",
    "بـ",
    "ـه",
    "وَ",
    "بِهِ",
    "لِلسُّلْطَةِ",
    "وَبِالصِّينِ",
    "كِتَابُهُمْ",
    "الرئيس",
    "والرئيس",
    "فالرئيس",
    "بالرئيس",
    "للرئيس",
    "كالرئيس",
    "لرئيس",
    "ورئيسه",
    "رئيسها",
    "ورئيسهم",
  ];
  for (const w of words) assertContract(w, segmentWord(w));
  for (const w of words) assertContract(w, segmentWord(w, { article: "attach" }));
});

test("segments concatenate exactly for random Arabic strings (letters, marks, tatweel)", () => {
  const alphabet = "وفبكلسالهمنيةتىأإآءؤئدجحخعغقصضطظرزشثذ\u064b\u064e\u0650\u0651\u0652\u0640";
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(rand() * 9);
    let w = "";
    for (let k = 0; k < n; k++) w += alphabet[Math.floor(rand() * alphabet.length)];
    assertContract(w, segmentWord(w));
    assertContract(w, segmentWord(w, { article: "attach" }));
  }
});

test("bad input: very long tokens come back whole, quickly", () => {
  const w = `${"و".repeat(20_000)}بالصين`;
  const t0 = Date.now();
  assert.deepEqual(segmentWord(w), [{ text: w, role: "stem" }]);
  assert.ok(Date.now() - t0 < 1000);
});

test("results are shared and frozen: callers cannot corrupt the cache", () => {
  const a = segmentWord("وقال");
  assert.ok(Object.isFrozen(a));
  assert.throws(() => {
    (a as Segment[]).push({ text: "x", role: "stem" });
  });
  assert.equal(seg("وقال"), "و+ قال");
});

/** A lexicon from a literal table, to test the decision rule apart from the model. */
function tinyLexicon(counts: Record<string, number>): Lexicon {
  const m = new Map(Object.entries(counts).map(([k, v]) => [segmentKey(k), v]));
  return {
    count: (k) => m.get(k) ?? 0,
    totalTokens: 1000,
    size: m.size,
    names: new Set(),
    stopwords: new Set(),
  };
}

test("decision rule: a split needs support for the base and no contradicting uses", () => {
  // قال is common and وقال has no impossible prefixes: split.
  const lex1 = tinyLexicon({ قال: 500, وقال: 900 });
  assert.equal(analyzeClitics("وقال", 0, lex1).conj, 1);
  // وزير: زير is rare and الوزير / ووزير show و belongs to the word.
  const lex2 = tinyLexicon({ وزير: 900, زير: 40, الوزير: 300, ووزير: 50 });
  assert.equal(analyzeClitics("وزير", 0, lex2).conj, 0);
  // Same counts for the base, but now the whole form has contradicting uses: no split.
  const lex3 = tinyLexicon({ قال: 500, وقال: 900, الوقال: 100 });
  assert.equal(analyzeClitics("وقال", 0, lex3).conj, 0);
  // Unknown word after و + ال: structural split; unknown without ال: whole.
  const empty = tinyLexicon({});
  assert.equal(analyzeClitics("والكابيتول", 0, empty).conj, 1);
  assert.equal(analyzeClitics("وتين", 0, empty).conj, 0);
});

test("lexicon loading fails with an InputError, not a crash", () => {
  const dir = mkdtempSync(join(tmpdir(), "marsad-lex-"));
  assert.throws(
    () => loadLexicon(dir),
    (e: unknown) => e instanceof InputError && /lexicon not found/.test(e.message),
  );
  writeFileSync(join(dir, "words.tsv"), "قال\t5\nبلا-عدد\n");
  assert.throws(
    () => loadLexicon(dir),
    (e: unknown) => e instanceof InputError && /words\.tsv:2/.test(e.message),
  );
  writeFileSync(join(dir, "words.tsv"), "قال\t5\nوقال\t7\n");
  const lex = loadLexicon(dir);
  assert.equal(lex.count("وقال"), 7);
  assert.equal(lex.count("غائب"), 0);
  assert.equal(lex.totalTokens, 12);
});
