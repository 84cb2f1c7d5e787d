/**
 * The web UI in a real browser: Debian's chromium driven by playwright-core,
 * against `buildServer` on 127.0.0.1 (random port) over a temp SQLite
 * corpus (server-fixture.ts, with its browser-only articles). Walks search →
 * article → entity, one story once in search ("also reported by", "كل
 * النسخ"), event highlights and their negated/future/hypothetical marks on
 * the article page, the entity page's events chart and "هل تقصد…", the dyad
 * series with its asserted/all toggle, and the analyze page on a pasted
 * article; checks that article text holding <script>/<img onerror> is shown
 * as text and never runs, that the page is Arabic RTL in the bundled font
 * with nothing loaded from elsewhere and no CSP violation, and that every
 * page fits a 360 px screen. Screenshots go to test-results/.
 *
 * Skipped (with the reason) when /usr/bin/chromium is missing or the UI is
 * not built (npm run build:web).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "../src/paths.js";
import { buildServer, WEB_DIR } from "../src/server/app.js";
import { COPY_TITLE, type Corpus, fixtureCorpus, MODES_TITLE, XSS_TITLE } from "./server-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(ROOT, "test-results");
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TIMEOUT = 15_000;
const KEY = "browser-test-key";

const missing = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not found (apt-get install chromium)`
  : !existsSync(join(WEB_DIR, "index.html"))
    ? "the web UI is not built (run npm run build:web)"
    : null;

/** The few browser globals the evaluated functions touch (the root tsconfig has no DOM types). */
interface Browser {
  document: {
    fonts: { ready: Promise<unknown>; load(font: string, text: string): Promise<unknown>; check(font: string, text: string): boolean };
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): { length: number };
  };
  getComputedStyle(el: unknown): { textDecorationLine: string; textDecorationStyle: string };
  __pwned?: unknown;
}

/** Wait until `selector` matches exactly `n` elements. */
const countIs = (page: Page, selector: string, n: number) =>
  page.waitForFunction(([sel, k]) => (globalThis as unknown as Browser).document.querySelectorAll(sel as string).length === k, [
    selector,
    n,
  ] as const);

/** Arabic letters and spaces only: an event type shown from labels.ts, not left as its PLOVER code. */
const ARABIC_EVENT = /^[\u0600-\u06FF\s]+$/;

const TITLE1 = "الحداد يبحث مع منصور في عمّان سبل تهدئة التوتر الإقليمي";
const TITLE2 = "منصور يزور القاهرة ويوقع مع الحداد اتفاقاً للتعاون الاقتصادي";

describe("web UI in chromium", { skip: missing ?? false }, () => {
  let corpus: Corpus;
  let app: FastifyInstance;
  let base: string;
  let profile: string;
  let ctx: BrowserContext;
  /** Requests the pages made to anything but our server, and CSP complaints. */
  const foreign: string[] = [];
  const cspErrors: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    corpus = await fixtureCorpus({ extra: true });
    app = await buildServer({ store: corpus.store, workers: 0, rateLimit: 0, apiKey: KEY });
    await app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`;
    profile = mkdtempSync(join(tmpdir(), "marsad-chromium-"));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      locale: "ar",
    });
    ctx.setDefaultTimeout(TIMEOUT);
    ctx.on("request", (r) => {
      if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(r.url()) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    ctx.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });

  after(async () => {
    await ctx?.close();
    await app?.close();
    await corpus?.store.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(hash: string, width = 1280): Promise<Page> {
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}${hash}`);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `browser-${name}.png`), fullPage: true });

  test("the page is Arabic, right to left, in the bundled Naskh font", async () => {
    const page = await open("");
    assert.equal(await page.getAttribute("html", "lang"), "ar");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    await page.locator("input[name=q]").waitFor();
    const font = await page.evaluate(async () => {
      const { document } = globalThis as unknown as Browser;
      await document.fonts.ready;
      await document.fonts.load('16px "Noto Naskh Arabic"', "مرصد");
      return document.fonts.check('16px "Noto Naskh Arabic"', "مرصد");
    });
    assert.ok(font, "Noto Naskh Arabic is loaded");
    // The landing page shows the corpus and the latest articles.
    await page.getByText(TITLE1).waitFor();
    await shot(page, "landing");
    await page.close();
  });

  test("search → article → entity", async () => {
    const page = await open("");
    await page.fill("input[name=q]", "الحداد");
    await page.press("input[name=q]", "Enter");
    await page.locator(".hit-item").first().waitFor();
    // Five articles name him; two are one story (the same report from demo-b and demo-e): four hits.
    assert.equal(await page.locator(".hit-item").count(), 4);
    assert.match((await page.locator(".count-line").textContent()) ?? "", /من 4 قصة \(5 مقالة/);
    assert.ok((await page.locator(".hit-item mark.hit").count()) >= 4, "matches are highlighted");
    await shot(page, "search");

    // Filters narrow the results (outlet demo-b has one of them).
    await page.selectOption("select[name=outlet]", "demo-b");
    await page.press("input[name=q]", "Enter");
    await countIs(page, ".hit-item", 1);
    await page.selectOption("select[name=outlet]", "");
    await page.press("input[name=q]", "Enter");
    await countIs(page, ".hit-item", 4);

    await page.locator(".hit-title", { hasText: TITLE1 }).click();
    await page.locator(".doctext h1").waitFor();
    assert.equal(await page.locator(".doctext h1").innerText(), TITLE1);
    // Entities, the quote and the event trigger are marked in the text from their offsets.
    const haddad = page.locator(".doctext a.ent-PER", { hasText: "سليم الحداد" });
    assert.equal(await haddad.count(), 1);
    assert.ok((await page.locator(".doctext .quote").count()) >= 1);
    assert.match(
      await page
        .locator(".doctext .quote")
        .allInnerTexts()
        .then((t) => t.join("")),
      /الحوار هو الطريق الوحيد/,
    );
    assert.ok((await page.locator(".doctext .event").count()) >= 1);
    // The side panel lists entities by salience, the quote and the event.
    const panelNames = await page.locator(".panel .entities li a").allInnerTexts();
    assert.deepEqual(panelNames.slice(0, 2), ["سليم الحداد", "كريم منصور"]);
    assert.equal(await page.locator(".panel .quotes li").count(), 1);
    assert.equal(await page.locator(".panel .events li").count(), 1);
    // Related articles: "اخترنا لك".
    await page.locator(".related a", { hasText: TITLE2 }).waitFor();
    await shot(page, "article");

    await page.locator(".panel .entities a", { hasText: "سليم الحداد" }).click();
    await page.locator(".entity-head h1").waitFor();
    assert.match(await page.locator(".entity-head h1").innerText(), /سليم الحداد/);
    // Timeline: March to June 2021 by month, one bar a month.
    await page.locator(".chart rect.bar").first().waitFor();
    assert.equal(await page.locator(".chart rect.bar").count(), 4);
    await page.locator(".box .entities a", { hasText: "كريم منصور" }).first().waitFor();
    await page.locator(".box blockquote", { hasText: "الحوار هو الطريق الوحيد" }).waitFor();
    await page.locator(".entity-events li.ev", { hasText: "سليم الحداد" }).first().waitFor();
    await shot(page, "entity");
    await page.close();
  });

  test("search: one story once — the other copy is named under the hit, and «كل النسخ» lists it apart", async () => {
    const page = await open(`#/search?q=${encodeURIComponent("الحداد")}`);
    await page.locator(".hit-item").first().waitFor();
    const story = page.locator(".hit-item", { has: page.locator(".also") });
    assert.equal(await story.count(), 1, "one hit has another copy");
    const summary = await story.locator(".also summary").innerText();
    assert.match(summary, /\+1 نسخة أخرى/);
    assert.match(summary, /نشرته أيضاً/);
    // The copy is the other outlet's: the hit shows one of demo-b/demo-e, the line names the other.
    const shown = await story.locator(".meta").first().innerText();
    assert.ok(shown.includes("demo-b") || shown.includes("demo-e"), shown);
    const other = shown.includes("demo-b") ? "demo-e" : "demo-b";
    assert.equal(await story.locator(".also .outlets").innerText(), other);
    // Expanding it lists the copy with a link to it.
    await story.locator(".also summary").click();
    const copyLink = story.locator(".also li a");
    await copyLink.waitFor();
    assert.match(await copyLink.innerText(), new RegExp(`${COPY_TITLE}|منصور يزور القاهرة`));
    await shot(page, "search-story");
    // Every copy on its own: five documents, no "also" lines, and the URL says so.
    await page.check("input[name=all-copies]");
    await countIs(page, ".hit-item", 5);
    assert.equal(await page.locator(".hit-item .also").count(), 0);
    assert.match(await page.locator(".count-line").innerText(), /من 5 مقالة/);
    assert.match(page.url(), /collapse=false/);
    await page.uncheck("input[name=all-copies]");
    await countIs(page, ".hit-item", 4);
    await page.close();
  });

  test("article: event triggers are highlighted; negated, future and hypothetical ones are marked apart", async () => {
    const id = corpus.docs.find((d) => d.title === MODES_TITLE)?.id as string;
    const page = await open(`#/article/${id}`);
    await page.locator(".doctext h1").waitFor();
    assert.equal(await page.locator(".doctext .event").count(), 3);
    for (const [mark, word] of [
      ["negated", "يوقعا"],
      ["future", "سيلتقي"],
      ["hypothetical", "يزور"],
    ] as const) {
      const span = page.locator(`.doctext .event.ev-${mark}`);
      assert.equal(await span.count(), 1, mark);
      assert.equal(await span.innerText(), word);
    }
    // The marks look different from each other and from a plain event.
    const decoration = (sel: string) =>
      page.locator(sel).evaluate((el) => {
        const st = (globalThis as unknown as Browser).getComputedStyle(el);
        return `${st.textDecorationLine} ${st.textDecorationStyle}`;
      });
    const looks = await Promise.all([".ev-negated", ".ev-future", ".ev-hypothetical"].map((m) => decoration(`.doctext .event${m}`)));
    assert.match(looks[0], /line-through/);
    assert.equal(new Set(looks).size, 3, looks.join(" | "));
    // The side panel: Arabic type, trigger, sides and the mark's word.
    const rows = page.locator(".panel .events li.ev");
    assert.equal(await rows.count(), 3);
    const types = await page.locator(".panel .events .evtype").allInnerTexts();
    assert.deepEqual(
      types.map((t) => t.trim()),
      ["تشاور", "اتفاق", "تشاور"],
    );
    assert.deepEqual(await page.locator(".panel .events .evmark").allInnerTexts(), ["مستقبلي", "منفي", "افتراضي"]);
    assert.match(await rows.nth(1).innerText(), /كريم منصور ← سليم الحداد/);
    assert.match(await rows.nth(1).innerText(), /«يوقعا»/);
    await shot(page, "article-events");
    await page.close();
  });

  test("entity: events by and against it over time, asserted by default, all on demand", async () => {
    const page = await open("#/entity/test:haddad");
    const box = page.locator(".entity-events");
    await box.locator(".chart rect.evbar").first().waitFor();
    // Asserted only: the CONSULT he led (above), the two AGREE copies aimed at him (below).
    assert.equal(await box.locator(".events-by li.ev").count(), 1);
    assert.equal(await box.locator(".events-against li.ev").count(), 2);
    assert.equal(await box.locator("li.ev-negated, li.ev-future, li.ev-hypothetical").count(), 0);
    await box.locator("button[name=all-events]").click();
    await countIs(page, ".entity-events li.ev", 6);
    assert.equal(await box.locator(".events-by li.ev-hypothetical").count(), 1);
    assert.equal(await box.locator(".events-against li.ev-negated").count(), 1);
    assert.equal(await box.locator(".events-against li.ev-future").count(), 1);
    await shot(page, "entity-events");
    await page.close();
  });

  test("entity by a plain name: says which entity it took, and «هل تقصد…» links to the other", async () => {
    const page = await open(`#/entity/${encodeURIComponent("سليم")}`);
    await page.locator(".entity-head h1").waitFor();
    assert.match(await page.locator(".entity-head h1").innerText(), /سليم الحداد/);
    assert.match(await page.locator(".entity-head .resolved").innerText(), /«سليم» يُقصد به/);
    const alt = page.locator(".didyoumean a", { hasText: "سليم العلي" });
    await alt.click();
    await page.locator(".entity-head h1", { hasText: "سليم العلي" }).waitFor();
    assert.equal(await page.locator(".entity-head .resolved").count(), 0, "a link to an alternative names it exactly");
    await page.close();
  });

  test("dyad: events between two actors, both ways, as a series by month and type", async () => {
    const page = await open(`#/dyad?a=test:haddad&b=test:mansour`);
    await page.locator(".chart svg rect.evbar").first().waitFor();
    // Asserted events: March CONSULT above the axis; April AGREE below, two copies stacked in one bar.
    assert.equal(await page.locator(".chart svg rect.evbar.up").count(), 1);
    assert.equal(await page.locator(".chart svg rect.evbar.down").count(), 1);
    assert.equal(await page.locator(".dyad-page li.ev").count(), 3);
    assert.deepEqual(await page.locator(".legend li").allInnerTexts(), ["اتفاق 2", "تشاور 1"]);
    await shot(page, "dyad");
    // All events: May adds the future CONSULT and the negated AGREE, marked.
    await page.locator("button[name=all-events]").click();
    await countIs(page, ".dyad-page li.ev", 5);
    assert.match(page.url(), /asserted=false/);
    assert.equal(await page.locator(".chart svg rect.evbar.down").count(), 3);
    assert.equal(await page.locator(".dyad-page li.ev-negated").count(), 1);
    assert.equal(await page.locator(".dyad-page li.ev-future").count(), 1);
    // By day: one bar per day with events, still both ways.
    await page.locator("button[name=by-day]").click();
    await page.waitForURL(/by=day/);
    await page.locator(".chart svg rect.evbar").first().waitFor();
    assert.equal(await page.locator(".chart svg rect.evbar").count(), 4);
    await shot(page, "dyad-all");
    // Names resolve too, and an actor nobody mentions is an Arabic error, not an empty chart.
    await page.goto(`${base}#/dyad?a=${encodeURIComponent("الحداد")}&b=${encodeURIComponent("منصور")}`);
    await page.locator(".dyad-page .resolved").first().waitFor();
    await page.locator(".chart svg rect.evbar").first().waitFor();
    await page.goto(`${base}#/dyad?a=test:haddad&b=${encodeURIComponent("لا_أحد_بهذا_الاسم")}`);
    await page.locator(".dyad-page .state.error").waitFor();
    await page.close();
  });

  test("article text holding <script> and <img onerror> is shown as text and never runs", async () => {
    const id = corpus.docs.find((d) => d.title === XSS_TITLE)?.id as string;
    const page = await open(`#/article/${id}`);
    await page.locator(".doctext h1").waitFor();
    assert.equal(await page.locator(".doctext h1").innerText(), XSS_TITLE);
    assert.match(await page.locator(".doctext").innerText(), /<img src=x onerror="window.__pwned=1">/);
    assert.equal(await page.locator(".doctext script, .doctext img, main img").count(), 0);
    // Search shows the same title as text in a hit.
    const search = await open(`#/search?q=${encodeURIComponent("تجريبي")}`);
    await search.locator(".hit-title").first().waitFor();
    assert.match(await search.locator(".hit-title").first().innerText(), /<script>window.__pwned=1<\/script>/);
    for (const p of [page, search]) assert.equal(await p.evaluate(() => (globalThis as unknown as Browser).__pwned), undefined);
    await shot(page, "xss");
    await page.close();
    await search.close();
  });

  test("an article ingested through the API as plain text with markup in it is shown as text", async () => {
    const title = "خبر فيه وسم <b>عريض</b> و<script>window.__pwned=2</script> داخل العنوان";
    const para =
      'وهذه فقرة من الخبر تضم <img src=x onerror="window.__pwned=2"> ورابطاً <a href="javascript:window.__pwned=2">اضغط هنا</a> كما نُسخت من الصفحة.';
    const res = await fetch(`${base}api/ingest?published=2021-06-02&outlet=demo-d`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8", "x-api-key": KEY },
      body: `${title}\n\n${para}`,
    });
    assert.equal(res.status, 200);
    const r = (await res.json()) as { results: Array<{ status: string; id: string; reason?: string }> };
    assert.equal(r.results[0].status, "analyzed", JSON.stringify(r));
    const page = await open(`#/article/${r.results[0].id}`);
    await page.locator(".doctext h1").waitFor();
    assert.equal(await page.locator(".doctext h1").innerText(), title);
    assert.ok((await page.locator(".doctext").innerText()).includes(para));
    assert.equal(await page.locator(".doctext b, .doctext img, .doctext script, .doctext a[href^=javascript]").count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as Browser).__pwned), undefined);
    await page.close();
  });

  /** An article to paste: a phone call (CONSULT) and a planned visit (future). */
  const PASTED = [
    "الرئيس المصري يبحث مع نظيره الفرنسي تطورات الأوضاع في المنطقة",
    "",
    "بحث الرئيس المصري عبد الفتاح السيسي مع الرئيس الفرنسي إيمانويل ماكرون في اتصال هاتفي اليوم الأحد تطورات الأوضاع في المنطقة.",
    "",
    "وقال السيسي إن «الحوار هو السبيل الوحيد لتجاوز الأزمات». وسيزور ماكرون القاهرة الشهر المقبل.",
  ].join("\n");

  async function analyzeOn(page: Page): Promise<void> {
    await page.fill("textarea[name=text]", PASTED);
    await page.fill("input[name=published]", "2021-02-07");
    await page.getByRole("button", { name: "حلّل" }).click();
    await page.locator(".doctext h1").waitFor();
  }

  test("analyze: a pasted article is rendered like a stored one, its events marked as the engine found them", async () => {
    const page = await open("#/analyze");
    await analyzeOn(page);
    assert.equal(await page.locator(".doctext h1").innerText(), "الرئيس المصري يبحث مع نظيره الفرنسي تطورات الأوضاع في المنطقة");
    assert.ok((await page.locator(".doctext p").count()) >= 2);
    assert.match(await page.locator(".doc .meta").innerText(), /2021/);
    await page.locator(".panel h2", { hasText: "الكيانات" }).waitFor();
    // What the engine found for this text, asked directly: the page must show exactly that.
    const res = await fetch(`${base}api/analyze`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: PASTED, published: "2021-02-07" }),
    });
    const doc = (await res.json()) as { events: Array<{ start: number; negated: boolean; mode: string }> };
    assert.ok(doc.events.length >= 1, "the phone call is an event");
    assert.equal(await page.locator(".panel .events li.ev").count(), doc.events.length);
    // Every trigger is marked in the text (a trigger cut by an entity or quote boundary is several pieces).
    assert.ok((await page.locator(".doctext .event").count()) >= new Set(doc.events.map((e) => e.start)).size);
    for (const t of await page.locator(".panel .events .evtype").allInnerTexts()) assert.match(t.trim(), ARABIC_EVENT);
    const marked = doc.events.filter((e) => e.negated || e.mode !== "asserted").length;
    assert.equal(await page.locator(".panel .events .evmark").count(), marked);
    await shot(page, "analyze");
    // An empty paste is refused on the page, without a request.
    await page.fill("textarea[name=text]", "   ");
    await page.getByRole("button", { name: "حلّل" }).click();
    await page.getByText("الصق نصاً أولاً.").waitFor();
    await page.close();
  });

  test("loading errors and unknown pages have Arabic messages", async () => {
    const page = await open("#/article/0123456789abcdef");
    await page.locator(".state.error").waitFor();
    assert.match(await page.locator(".state.error").innerText(), /غير موجود/);
    await page.goto(`${base}#/no/such/page`);
    await page.getByText("هذه الصفحة غير موجودة.").waitFor();
    await page.goto(`${base}#/search?q=${encodeURIComponent("كلمةغيرموجودةأبدا")}`);
    await page.locator(".state.empty").waitFor();
    assert.match(await page.locator(".state.empty").innerText(), /لا توجد نتائج/);
    await page.close();
  });

  test("a server that needs the key for reads: the page asks for it, then loads", async () => {
    // Policy of a non-loopback host (reads need the key), listening on loopback for the test.
    const keyed = await buildServer({ store: corpus.store, workers: 0, rateLimit: 0, apiKey: KEY, host: "0.0.0.0" });
    await keyed.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(keyed.server.address() as { port: number }).port}/`;
    const page = await ctx.newPage();
    try {
      await page.goto(`${url}#/entity/test:haddad`);
      await page.locator(".keyform input").waitFor();
      await page.fill(".keyform input", "wrong-key");
      await page.press(".keyform input", "Enter");
      await page.locator(".state.error", { hasText: "wrong API key" }).waitFor();
      await page.fill(".keyform input", KEY);
      await page.press(".keyform input", "Enter");
      await page.locator(".entity-head h1", { hasText: "سليم الحداد" }).waitFor();
    } finally {
      await page.close();
      await keyed.close();
    }
  });

  test("every page fits a 360 px screen without sideways scrolling", async () => {
    const id = corpus.docs.find((d) => d.title === MODES_TITLE)?.id as string;
    const fits = async (page: Page, name: string) => {
      const width = await page.evaluate(() => (globalThis as unknown as Browser).document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${name}: page is ${width}px wide at a 360px viewport`);
      await shot(page, name);
    };
    for (const [name, hash, ready] of [
      ["mobile-landing", "", ".articles li"],
      ["mobile-search", `#/search?q=${encodeURIComponent("الحداد")}`, ".hit-item .also"],
      ["mobile-article", `#/article/${id}`, ".doctext .event"],
      ["mobile-entity", "#/entity/test:haddad", ".entity-events .chart rect"],
      ["mobile-dyad", "#/dyad?a=test:haddad&b=test:mansour&asserted=false", ".chart rect.evbar"],
    ] as const) {
      const page = await open(hash, 360);
      await page.locator(ready).first().waitFor();
      await fits(page, name);
      await page.close();
    }
    const page = await open("#/analyze", 360);
    await analyzeOn(page);
    await fits(page, "mobile-analyze");
    await page.close();
  });

  test("nothing was loaded from another origin and the CSP was never violated", () => {
    assert.deepEqual(foreign, []);
    assert.deepEqual(cspErrors, []);
  });
});
