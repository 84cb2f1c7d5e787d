/**
 * The web UI in a real browser: Debian's chromium driven by playwright-core,
 * against `buildServer` on 127.0.0.1 (random port) over a temp SQLite
 * corpus (server-fixture.ts). Walks search → article → entity, the dyad and
 * analyze pages, checks that article text holding <script>/<img onerror>
 * is shown as text and never runs, that the page is Arabic RTL in the
 * bundled font with nothing loaded from elsewhere and no CSP violation, and
 * that it fits a 360 px screen. Screenshots go to test-results/.
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
import { type Corpus, fixtureCorpus, XSS_TITLE } from "./server-fixture.js";

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
  __pwned?: unknown;
}

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
    corpus = await fixtureCorpus();
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
    assert.equal(await page.locator(".hit-item").count(), 3);
    assert.match((await page.locator(".count-line").textContent()) ?? "", /3/);
    assert.ok((await page.locator(".hit-item mark.hit").count()) >= 3, "matches are highlighted");
    await shot(page, "search");

    // Filters narrow the results (outlet demo-b has one of them).
    await page.selectOption("select[name=outlet]", "demo-b");
    await page.press("input[name=q]", "Enter");
    await page.waitForFunction(() => (globalThis as unknown as Browser).document.querySelectorAll(".hit-item").length === 1);
    await page.selectOption("select[name=outlet]", "");
    await page.press("input[name=q]", "Enter");
    await page.waitForFunction(() => (globalThis as unknown as Browser).document.querySelectorAll(".hit-item").length === 3);

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
    // Timeline: March to June 2021 by month (May is a zero bar, drawn all the same).
    await page.locator(".chart rect.bar").first().waitFor();
    assert.equal(await page.locator(".chart rect.bar").count(), 4);
    await page.locator(".box .entities a", { hasText: "كريم منصور" }).first().waitFor();
    await page.locator(".box blockquote", { hasText: "الحوار هو الطريق الوحيد" }).waitFor();
    await page
      .locator(".box .events", { hasText: "سليم الحداد" })
      .first()
      .waitFor({ state: "attached" })
      .catch(() => undefined);
    await shot(page, "entity");
    await page.close();
  });

  test("dyad: events between two actors, both ways", async () => {
    const page = await open(`#/dyad?a=test:haddad&b=test:mansour`);
    await page.locator(".chart svg rect").first().waitFor();
    assert.equal(await page.locator(".chart svg rect").count(), 2, "one CONSULT above, one AGREE below");
    assert.equal(await page.locator(".dyad-page .events li").count(), 2);
    await shot(page, "dyad");
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

  test("analyze: a pasted article is rendered like a stored one", async () => {
    const page = await open("#/analyze");
    const text = [
      "رئيس الوزراء يفتتح معرض الكتاب الدولي في دورته الجديدة",
      "",
      "افتتح رئيس الوزراء اليوم الخميس معرض الكتاب الدولي بمشاركة أكثر من ثلاثمئة دار نشر من عشرين دولة.",
      "",
      "وقال مدير المعرض في كلمة الافتتاح إن «القراءة ما زالت تجمع الناس رغم كل شيء». وأضاف أن المعرض يستمر عشرة أيام.",
    ].join("\n");
    await page.fill("textarea[name=text]", text);
    await page.fill("input[name=published]", "2021-02-04");
    await page.getByRole("button", { name: "حلّل" }).click();
    await page.locator(".doctext h1").waitFor();
    assert.equal(await page.locator(".doctext h1").innerText(), "رئيس الوزراء يفتتح معرض الكتاب الدولي في دورته الجديدة");
    assert.ok((await page.locator(".doctext p").count()) >= 2);
    assert.match(await page.locator(".doc .meta").innerText(), /2021/);
    await page.locator(".panel h2", { hasText: "الكيانات" }).waitFor();
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

  test("fits a 360 px screen without sideways scrolling", async () => {
    const id = corpus.docs.find((d) => d.title === TITLE1)?.id as string;
    for (const [name, hash] of [
      ["mobile-search", `#/search?q=${encodeURIComponent("الحداد")}`],
      ["mobile-article", `#/article/${id}`],
      ["mobile-entity", "#/entity/test:haddad"],
    ] as const) {
      const page = await open(hash, 360);
      await page.locator(".hit-item, .doctext h1, .chart rect").first().waitFor();
      const width = await page.evaluate(() => (globalThis as unknown as Browser).document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${name}: page is ${width}px wide at a 360px viewport`);
      await shot(page, name);
      await page.close();
    }
  });

  test("nothing was loaded from another origin and the CSP was never violated", () => {
    assert.deepEqual(foreign, []);
    assert.deepEqual(cspErrors, []);
  });
});
