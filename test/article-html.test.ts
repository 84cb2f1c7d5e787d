/**
 * HTML pages and fragments: metadata, the article body found by Readability,
 * the lead, captions from figcaption, the shared boilerplate tables, pages
 * with no article, and scripts that must never run.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseArticle } from "../src/article/index.js";
import { InputError } from "../src/errors.js";
import { ROOT } from "../src/paths.js";

const FIX = join(ROOT, "test", "fixtures", "article");
const fixture = (name: string) => readFileSync(join(FIX, name), "utf8");
const g = globalThis as { __marsadScriptRan?: boolean };

/** A page around some article paragraphs, with optional extra head elements. */
function page(head: string, body: string): string {
  return `<!DOCTYPE html><html lang="ar"><head><title>موقع تجريبي</title>${head}</head><body><article>${body}</article></body></html>`;
}
const P1 =
  "أعلنت وزارة الصحة، مساء الأحد، عن حملة وطنية للتطعيم ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع المحافظات، وتستمر أسبوعين.";
const P2 = "وقال المتحدث باسم الوزارة إن الحملة تأتي بعد تسجيل إصابات جديدة في عدد من المدارس خلال الشهر الماضي.";
const P3 = "ودعت الوزارة الأهالي إلى التوجه إلى أقرب مركز صحي للحصول على اللقاح مجانا.";

test("metadata: title, date, author, section, canonical url, lang and dir", () => {
  const doc = parseArticle({ format: "html", content: fixture("page.html"), path: "page.html" });
  assert.equal(doc.title, "مدينة ساحلية تفتتح أكبر محطة لتحلية المياه");
  assert.equal(doc.published, "2023-05-16T09:30:00+03:00");
  assert.equal(doc.source.author, "سلمى الخطيب");
  assert.equal(doc.source.section, "economy");
  assert.equal(doc.source.url, "https://example.org/news/desalination-plant?ref=canonical");
  assert.equal(doc.source.lang, "ar");
  assert.equal(doc.source.dir, "rtl");
  assert.equal(doc.source.format, "html");
});

test("body: paragraphs, headings and list items in order; standfirst as lead; figcaption as caption", () => {
  const doc = parseArticle({ format: "html", content: fixture("page.html") });
  assert.equal(doc.lead, "محطة جديدة توفر مياه الشرب لنحو نصف مليون نسمة وتخفف الضغط على المياه الجوفية.");
  assert.deepEqual(doc.captions, ["جانب من محطة التحلية الجديدة على الساحل (أرشيف)"]);
  assert.equal(doc.paragraphs.length, 8);
  assert.ok(doc.paragraphs[0].startsWith("افتتحت السلطات المحلية"));
  assert.equal(doc.paragraphs[2], "كلفة المشروع");
  // <br> splits a block the way a newline splits plain text.
  assert.ok(doc.paragraphs[3].endsWith("وزارة المياه."));
  assert.ok(doc.paragraphs[4].startsWith("وأوضح البيان"));
  assert.equal(doc.paragraphs[5], "الطاقة الإنتاجية: مئتا ألف متر مكعب يوميا");
  const reasons = doc.removed.map((r) => r.reason);
  assert.ok(reasons.includes("read-also"), reasons.join());
  assert.ok(reasons.includes("duplicate-title"), reasons.join());
  assert.ok(reasons.includes("byline"), reasons.join());
  for (const junk of ["نص من سكربت", "نص من الأنماط", "الرئيسية", "الأكثر قراءة", "جميع الحقوق", "اقرأ أيضا", "فيسبوك", "بقلم"]) {
    assert.ok(!doc.text.includes(junk), `text contains ${junk}`);
  }
});

test("scripts are never executed", () => {
  delete g.__marsadScriptRan;
  parseArticle({ format: "html", content: fixture("page.html") });
  assert.throws(() => parseArticle({ format: "html", content: fixture("no-article.html") }));
  assert.equal(g.__marsadScriptRan, undefined);
});

test("a page with no article text is an InputError", () => {
  assert.throws(
    () => parseArticle({ format: "html", content: fixture("no-article.html"), path: "no-article.html" }),
    (e: unknown) => e instanceof InputError && e.subject === "no-article.html" && e.reason === "no article text found in the HTML",
  );
  assert.throws(
    () => parseArticle({ format: "html", content: "<html><head><script>x()</script></head><body></body></html>" }),
    (e: unknown) => e instanceof InputError,
  );
});

test("meta description matching the first paragraph marks it as the lead, even when long", () => {
  const long = `${P1} ${P2} ${P2} ${P3}`;
  const desc = `<meta name="description" content="${P1.slice(0, 80)}…">`;
  const doc = parseArticle({ format: "html", content: page(desc, `<p>${long}</p><p>${P2}</p><p>${P3}</p>`) });
  assert.equal(doc.lead, long);
  assert.deepEqual(doc.paragraphs, [P2, P3]);
  const without = parseArticle({ format: "html", content: page("", `<p>${long}</p><p>${P2}</p><p>${P3}</p>`) });
  assert.equal(without.lead, "", "a long first paragraph is not a lead by position alone");
});

test("published date: time element, itemprop, JSON-LD; the page's date wins over the caller's", () => {
  const body = `<p>${P1}</p><p>${P2}</p>`;
  const time = parseArticle({
    format: "html",
    content: page("", `<time datetime="2022-01-09">9 يناير</time>${body}`),
    published: "2000-01-01",
  });
  assert.equal(time.published, "2022-01-09");
  const item = parseArticle({ format: "html", content: page('<meta itemprop="datePublished" content="2021-12-31">', body) });
  assert.equal(item.published, "2021-12-31");
  const ld = parseArticle({
    format: "html",
    content: page(
      '<script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2020-02-02T08:00:00Z","author":"فريق التحرير"}]</script>',
      body,
    ),
  });
  assert.equal(ld.published, "2020-02-02T08:00:00Z");
  assert.equal(ld.source.author, "فريق التحرير");
  const broken = parseArticle({
    format: "html",
    content: page('<script type="application/ld+json">{not json</script>', body),
    published: "2019-05-05",
  });
  assert.equal(broken.published, "2019-05-05");
  const rfc = parseArticle({
    format: "html",
    content: page('<meta property="article:published_time" content="Wed, 08 Jul 2020 10:00:00 GMT">', body),
  });
  // RFC 2822 (feeds, some meta tags) → ISO, the day and zone as written.
  assert.equal(rfc.published, "2020-07-08T10:00:00Z");
});

test("a related-links block at the end of the article goes to removed[]", () => {
  const body = `<p>${P1}</p><p>${P2}</p><p>${P3}</p><h3>مواضيع ذات صلة</h3><ul><li><a href="/1">افتتاح مستشفى جديد في العاصمة</a></li><li><a href="/2">ارتفاع عدد الأطباء في الأرياف</a></li></ul>`;
  const doc = parseArticle({ format: "html", content: page("", body) });
  assert.deepEqual(doc.paragraphs, [P2, P3]);
  assert.equal(doc.lead, P1);
  assert.deepEqual(
    doc.removed.map((r) => r.reason),
    ["related", "links", "links"],
  );
});

test("an HTML fragment (no <html>) is parsed too, with the caller's title", () => {
  const doc = parseArticle({ format: "html", content: `<p>${P1}</p><p>${P2}</p><p>${P3}</p>`, title: "حملة تطعيم وطنية" });
  assert.equal(doc.title, "حملة تطعيم وطنية");
  assert.equal(doc.lead, P1);
  assert.deepEqual(doc.paragraphs, [P2, P3]);
});

test("the site name is cut from the page title", () => {
  const body = `<p>${P1}</p><p>${P2}</p>`;
  const withH1 = parseArticle({
    format: "html",
    content: page(
      '<meta property="og:title" content="حملة تطعيم وطنية ضد الحصبة | موقع تجريبي">',
      `<h1>حملة تطعيم وطنية ضد الحصبة</h1>${body}`,
    ),
  });
  assert.equal(withH1.title, "حملة تطعيم وطنية ضد الحصبة");
  const withSite = parseArticle({
    format: "html",
    content: page(
      '<meta property="og:title" content="حملة تطعيم وطنية ضد الحصبة - موقع تجريبي"><meta property="og:site_name" content="موقع تجريبي">',
      body,
    ),
  });
  assert.equal(withSite.title, "حملة تطعيم وطنية ضد الحصبة");
});
