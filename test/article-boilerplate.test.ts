/**
 * The boilerplate table, rule by rule: every reason has a line it must catch,
 * and body sentences that share its words must not be caught.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BOILERPLATE_RULES, matchBoilerplate } from "../src/article/boilerplate.js";

const CAUGHT: Array<[string, string]> = [
  ["اخترنا لك", "chosen-for-you"],
  ["قد يهمك أيضاً", "chosen-for-you"],
  ["اقرأ أيضاً:", "read-also"],
  ["إقرأ ايضا: ارتفاع أسعار الذهب في الأسواق العالمية", "read-also"],
  ["مواضيع ذات صلة", "related"],
  ["الأكثر قراءة", "most-read"],
  ["آخر الأخبار", "more-news"],
  ["اقرأ المزيد", "read-more"],
  ["اضغط هنا لمشاهدة الفيديو", "read-more"],
  ["الكلمات المفتاحية: اقتصاد، نفط", "tags"],
  ["أضف تعليقاً", "comments"],
  ["تابعونا على فيسبوك وتويتر", "follow"],
  ["انضموا إلى قناتنا على تلغرام", "follow"],
  ["شارك", "share"],
  ["شارك المقال عبر", "share"],
  ["فيسبوك تويتر واتساب تلغرام", "share"],
  ["Facebook Twitter WhatsApp", "share"],
  ["اشترك في النشرة البريدية لتصلك آخر الأخبار", "newsletter"],
  ["حمّل تطبيق الموقع على هاتفك", "promo"],
  ["التطبيق متوفر الآن على App Store و Google Play", "promo"],
  ["*ملاحظة: الصورة تعبيرية", "photo-note"],
  ["جميع الحقوق محفوظة لموقع الأخبار 2024", "copyright"],
  ["© 2024 الموقع", "copyright"],
  ["** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "disclaimer"],
  ["(رويترز)", "credit"],
  ["-أ ف ب-", "credit"],
  ["* نقلاً عن صحيفة محلية", "credit"],
  ["- إعلان -", "advertisement"],
];

const BODY = [
  "شارك آلاف المواطنين في المسيرة التي جابت شوارع العاصمة.",
  'وتابع بينغ "الوضع الدولي يتغير بسرعة".',
  "اشترك في البطولة عشرون فريقا من مختلف القارات.",
  "يشار إلى أن التطبيق متوفر بشكل مجاني على متجر غوغل بلاي.",
  "غوغل بلاي",
  "وانتقد الكاتب المقالات المنشورة في الصحف المحلية.",
  "تحرير ميناء الحديدة",
  "المزيد من المساعدات تصل إلى المدينة المنكوبة بعد الفيضانات",
  "مشاركة واسعة في الانتخابات البلدية",
  "- يناير 2013",
  "تويتر",
];

test("each reason's example line is caught with that reason", () => {
  for (const [line, reason] of CAUGHT) assert.equal(matchBoilerplate(line)?.reason ?? null, reason, line);
});

test("every rule in the table has an example above", () => {
  const covered = new Set(CAUGHT.map(([, r]) => r));
  for (const rule of BOILERPLATE_RULES) if (!rule.head) assert.ok(covered.has(rule.reason), rule.reason);
});

test("body sentences sharing boilerplate words are not caught", () => {
  for (const line of BODY) assert.equal(matchBoilerplate(line)?.reason ?? null, null, line);
  // At the head of a page a bare date is furniture; everything else stays body there too.
  for (const line of BODY.filter((l) => !l.includes("يناير"))) assert.equal(matchBoilerplate(line, true)?.reason ?? null, null, line);
});

test("bylines and date lines are furniture only at the head of the page", () => {
  assert.equal(matchBoilerplate("بقلم: سلمى الخطيب", true)?.reason, "byline");
  assert.equal(matchBoilerplate("الثلاثاء 16 مايو 2023 - 09:30", true)?.reason, "dateline");
  assert.equal(matchBoilerplate("الثلاثاء 16 مايو 2023 - 09:30", false), null);
  assert.equal(matchBoilerplate("2023 - 09:30", true), null, "numbers alone are not a date line");
});

test("long lines are body text whatever they say", () => {
  const long = `جميع الحقوق محفوظة ${Array.from({ length: 40 }, () => "كلمة").join(" ")}`;
  assert.equal(matchBoilerplate(long), null);
});
