// The html report in a real browser: headless Chromium (Debian's `chromium` package, driven by
// playwright-core) opens the page from a file:// URL, as an operations person would.
// Skipped, with a message, only when /usr/bin/chromium is missing and CI is not set; in CI it runs
// (.ci/run installs Chromium when it is missing).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { html } from "../../src/formatters/html.js";
import type { Locale } from "../../src/types.js";
import { htmlContext, SCRIPT_MATCH, sampleResults } from "./html-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const skip = !available && !process.env.CI;
if (skip) {
  console.warn(`html browser test skipped: ${CHROMIUM} is missing (install Debian's chromium package; in CI this test runs)`);
}

/** Screenshots go outside the repository: $OFFSITE_LINT_ARTIFACTS or <tmp>/offsite-lint/test-artifacts. */
const ARTIFACTS = resolve(process.env.OFFSITE_LINT_ARTIFACTS ?? join(tmpdir(), "offsite-lint", "test-artifacts"));

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Opened {
  page: Page;
  url: string;
  /** Every URL the page requested. */
  requests: string[];
  /** Console errors, uncaught exceptions and dialogs (an injected alert would land here). */
  problems: string[];
}

describe.skipIf(skip)("html report in headless Chromium", { timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!available) throw new Error(`CI is set but ${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    dir = await mkdtemp(join(tmpdir(), "offsite-lint-html-"));
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(locale: Locale): Promise<Opened> {
    const file = join(dir, `report.${locale}.html`);
    await writeFile(file, html(sampleResults(locale), htmlContext(locale)), "utf8");
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    return { page, url, requests, problems };
  }

  const visibleFindings = (page: Page) => page.locator(".finding:visible").count();
  const statusText = (page: Page) => page.locator("#status").innerText();
  const countOf = (page: Page, selector: string) => page.locator(selector).innerText();

  it("opens offline without errors, shows every finding highlighted, and filters (en)", async () => {
    const { page, url, requests, problems } = await open("en");
    try {
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await visibleFindings(page)).toBe(10);
      expect(await statusText(page)).toBe("Showing 10 of 10 findings");
      await expect(page.locator("#summary .problems").innerText()).resolves.toBe("✖ 10 problems (7 errors, 3 warnings)");
      await expect(page.locator("#summary .headline").innerText()).resolves.toMatch(/^est\. −45 points on Alibaba\.com/);

      // The matches are highlighted in place, the hostile one shown as text, never run.
      const marks = page.locator(".snippet mark");
      expect(await marks.count()).toBe(9);
      expect(await marks.first().isVisible()).toBe(true);
      const markTexts = await marks.allInnerTexts();
      expect(markTexts).toContain(SCRIPT_MATCH);
      expect(markTexts).toContain("V信: lamp_88");
      const background = await marks.first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^transparent$/);
      expect(await page.locator(".msg mark", { hasText: "私聊优惠" }).count()).toBe(1);
      expect(await page.locator("script").count()).toBe(1);

      const screenshot = join(ARTIFACTS, "html-report.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`html report screenshot: ${screenshot}`);

      // Filter by a rule: only its findings stay, the others hide, the counts follow.
      await page.locator('button[data-only="no-im-contact"]').click();
      expect(await visibleFindings(page)).toBe(2);
      expect(await statusText(page)).toBe("Showing 2 of 10 findings");
      expect(await page.locator('.finding:visible[data-rule="no-im-contact"]').count()).toBe(2);
      expect(await countOf(page, '[data-count-sev="error"]')).toBe("1");
      expect(await countOf(page, '[data-count-sev="warning"]')).toBe("1");
      expect(await page.locator(".file:visible").count()).toBe(2); // listings.csv and reply.txt
      await expect(page.locator(".file:visible .path").allInnerTexts()).resolves.toEqual(["exports/listings.csv", "templates/reply.txt"]);
      await expect(page.locator(".file:visible").first().locator("h2 .count").innerText()).resolves.toBe("1 / 5");

      // Back to all rules, then by severity: warnings off.
      await page.locator('button[data-rules="all"]').click();
      expect(await visibleFindings(page)).toBe(10);
      await page.locator('input[data-filter="sev"][value="warning"]').uncheck();
      expect(await visibleFindings(page)).toBe(7);
      expect(await page.locator('.finding:visible[data-sev="warning"]').count()).toBe(0);
      expect(await statusText(page)).toBe("Showing 7 of 10 findings");
      expect(await countOf(page, '[data-count-rule="no-im-contact"]')).toBe("1");
      expect(await countOf(page, '[data-count-rule="no-email"]')).toBe("0");
      expect(await page.locator(".file:visible .path", { hasText: "templates/reply.txt" }).count()).toBe(0);

      // Both off: nothing matches, and the page says so.
      await page.locator('input[data-filter="sev"][value="error"]').uncheck();
      expect(await visibleFindings(page)).toBe(0);
      expect(await page.locator("#empty").isVisible()).toBe(true);

      const filtered = join(ARTIFACTS, "html-report.filtered.png");
      await page.locator('input[data-filter="sev"][value="error"]').check();
      await page.screenshot({ path: filtered, fullPage: true });
      console.log(`html report screenshot (warnings filtered out): ${filtered}`);

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });

  it("speaks Chinese with the zh-CN locale", async () => {
    const { page, url, requests, problems } = await open("zh-CN");
    try {
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.title()).toBe("offsite-lint 检查报告");
      await expect(page.locator("#summary .problems").innerText()).resolves.toBe("✖ 共 10 个问题（7 个错误，3 个警告）");
      await expect(page.locator("#summary .headline").innerText()).resolves.toMatch(/^预计扣 45 分（阿里国际站/);
      await expect(page.locator(".f-sev legend").innerText()).resolves.toBe("严重程度");
      await expect(page.locator(".f-rule legend").innerText()).resolves.toBe("规则");
      expect(await statusText(page)).toBe("显示 10 / 10 个问题");
      expect(await page.locator(".record h3", { hasText: "第 11 条记录" }).count()).toBe(1);
      expect(await page.locator(".fix .lbl", { hasText: "整改建议" }).count()).toBeGreaterThan(0);

      const screenshot = join(ARTIFACTS, "html-report.zh-CN.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      console.log(`html report screenshot (zh-CN): ${screenshot}`);

      await page.locator('input[data-filter="sev"][value="error"]').uncheck();
      expect(await visibleFindings(page)).toBe(3);
      expect(await statusText(page)).toBe("显示 3 / 10 个问题");

      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await page.close();
    }
  });
});
