import { describe, expect, it } from "vitest";
import { getFormatter } from "../../src/formatters/index.js";
import { esc, groupMessages, html, HTML_WORDS, text } from "../../src/formatters/html.js";
import type { LintMessage } from "../../src/types.js";
import { htmlContext, SCRIPT_MATCH, sampleResults } from "./html-fixture.js";

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/** The page's markup between <body> and the inline script (the report itself). */
const reportPart = (page: string): string => page.slice(page.indexOf("<body>"), page.lastIndexOf("<script>"));

describe("html: a self-contained page", () => {
  const page = html(sampleResults(), htmlContext());

  it("is registered as a built-in", () => {
    expect(getFormatter("html")).toBe(html);
  });

  it("is one document with a strict CSP and nothing to load", () => {
    expect(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    );
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(page).not.toMatch(/\bsrc\s*=/i);
    expect(page).not.toMatch(/@import|url\(|@font-face/i);
    // The only links are rule docs (the installed .md files), which open on click only.
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map(([, href]) => href);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^file:\/\/\S+\.md$/);
    expect(count(page, "<script>")).toBe(1);
    expect(count(page, "</script>")).toBe(1);
  });

  it("escapes user text everywhere (markup, quotes, ampersands)", () => {
    expect(page).not.toContain(SCRIPT_MATCH);
    expect(page).not.toContain("<script>alert");
    expect(page).toContain(esc(SCRIPT_MATCH));
    expect(esc(SCRIPT_MATCH)).toBe("&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;");
    expect(page).toContain("&amp; &#39;quotes&#39;");
    // No raw `&` that is not an entity in the report part.
    expect(reportPart(page)).not.toMatch(/&(?![a-z]+;|#\d+;)/);
  });

  it("highlights the match as a snippet and inside the message", () => {
    expect(page).toContain('<bdi class="text"><mark>V信: lamp_88</mark></bdi>');
    expect(page).toContain("WeChat handle offered as a contact route: &quot;<mark>V信: lamp_88</mark>&quot;");
    expect(page).toContain(`<mark>${esc(SCRIPT_MATCH)}</mark>`);
  });

  it("shows every part of a finding: rule, severity, category, message, fix, penalty, location", () => {
    const item = page.slice(page.indexOf('data-rule="no-im-contact"'), page.indexOf("</li>", page.indexOf('data-rule="no-im-contact"')));
    expect(item).toContain('<code class="rule">no-im-contact</code>');
    expect(item).toContain('<span class="sev sev-error">Error</span>');
    expect(item).toContain(">messaging app<");
    expect(item).toContain("−6 pts");
    expect(item).toContain("line <code>12:41–51</code>");
    expect(item).toContain("How to fix");
    expect(item).toMatch(/href="file:\/\/[^"]+no-im-contact\.md"/);
  });

  it("makes invisible characters visible instead of hiding them", () => {
    expect(page).toContain('w<span class="cp" title="U+200B">U+200B</span>h');
    expect(page).not.toContain("\u200b");
    expect(text("a\u202eb")).toBe('a<span class="cp" title="U+202E">U+202E</span>b');
    expect(text("line1\nline2", false)).toBe("line1\nline2");
    expect(text("line1\nline2")).toBe("line1 line2");
  });

  it("keeps masked values masked (it shows what it is given)", () => {
    const masked = html(
      [
        {
          ...sampleResults()[1]!,
          messages: [{ ...sampleResults()[1]!.messages[0]!, match: "支付****000", message: 'Private payment: "支付****000"' }],
        },
      ],
      htmlContext(),
    );
    expect(masked).toContain("<mark>支付****000</mark>");
    expect(masked).not.toContain("138");
  });

  it("puts the penalty summary on top, as stylish says it", () => {
    const summary = page.slice(page.indexOf('id="summary"'), page.indexOf('id="filters"'));
    expect(page.indexOf('id="summary"')).toBeLessThan(page.indexOf('id="report"'));
    expect(summary).toContain("✖ 10 problems (7 errors, 3 warnings)");
    expect(summary).toContain("est. −45 points on Alibaba.com (reached 36");
    expect(summary).toContain("estimate, low confidence");
    expect(summary).toMatch(/<dt>Errors<\/dt><dd>7<\/dd>/);
    expect(summary).toMatch(/<dt>Warnings<\/dt><dd>3<\/dd>/);
    expect(summary).toMatch(/<dt>Files with problems<\/dt><dd>5<\/dd>/);
    expect(summary).toMatch(/<dt>Files checked<\/dt><dd>6<\/dd>/);
    expect(summary).toContain("Penalties are estimates");
    expect(page).toContain('<section class="summary reached" id="summary">');
  });

  it("says when --max-penalty is exceeded", () => {
    expect(html(sampleResults(), htmlContext("en", { maxPenalty: 10 }))).toContain("exceeds --max-penalty 10");
    expect(page).not.toContain("--max-penalty");
  });

  it("offers a filter per severity and per rule, with counts", () => {
    expect(page).toContain('data-filter="sev" value="error"');
    expect(page).toContain('<span class="n" data-count-sev="error">7</span>');
    expect(page).toContain('<span class="n" data-count-sev="warning">3</span>');
    expect(page).toContain('<span class="n" data-count-rule="no-im-contact">2</span>');
    expect(page).toContain('data-filter="rule" value="(fatal)"');
    expect(page).toContain("Showing 10 of 10 findings");
  });
});

describe("html: grouping file → record → field", () => {
  const page = html(sampleResults(), htmlContext());

  it("keeps the files in order and lists clean files only as a count", () => {
    const order = ["exports/listings.csv", "exports/catalogue.xlsx", "images/sku-1.jpg", "templates/reply.txt", "exports/broken.json"].map(
      (p) => page.indexOf(`>${p}</span>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).not.toContain(">exports/clean.csv<");
    expect(page).toContain("Files without problems: 1");
  });

  it("groups records by index with their id, fields in order of position", () => {
    const messages = sampleResults()[0]!.messages;
    const groups = groupMessages(messages);
    expect(groups.map((g) => [g.index, g.id])).toEqual([
      [10, "SKU-1042"],
      [13, undefined],
      [14, "SKU-1046"],
    ]);
    expect([...groups[0]!.fields.keys()]).toEqual(["title", "description"]);
    expect(groups[0]!.fields.get("description")!.map((x) => x.ruleId)).toEqual(["no-im-contact", "no-phone-number"]);
    expect(page).toContain('Record #11 <span class="sep">·</span> <code class="rid">SKU-1042</code>');
    expect(page).toContain("Record #14<span");
  });

  it("names a spreadsheet row by sheet and row, and the finding by its cell", () => {
    expect(page).toContain('商品 · row 12 <span class="sep">·</span> <code class="rid">A-77</code>');
    expect(page).toContain("cell <code>商品!C12</code>");
  });

  it("shows image fields with where the text came from, without line:col", () => {
    const image = page.slice(page.indexOf(">images/sku-1.jpg<"), page.indexOf(">templates/reply.txt<"));
    expect(image).toContain('<code class="fname">ocr</code><span class="origin">text in image (OCR)</span>');
    expect(image).toContain('<code class="fname">qr</code><span class="origin">QR code content</span>');
    expect(image).toContain("field <code>qr</code>");
    expect(image).not.toContain("<h3>"); // one record per image: no record heading
    expect(image).not.toContain("line <code>");
  });

  it("shows a fatal message as an unreadable file with its position", () => {
    const broken = page.slice(page.indexOf(">exports/broken.json<"));
    expect(broken).toContain('class="finding fatal sev-error" data-sev="error" data-rule="(fatal)"');
    expect(broken).toContain("The file could not be read");
    expect(broken).toContain("line <code>4:2</code>");
    expect(broken).toContain("Unexpected end of JSON input");
  });

  it("puts messages without a record or field under the whole file", () => {
    const loose: LintMessage = { ruleId: "no-email", severity: 1, category: "email", message: "x", line: 2, column: 1 };
    const out = html([{ ...sampleResults()[0]!, messages: [loose] }], htmlContext());
    expect(out).toContain("Whole file");
    expect(out).toContain("(no field)");
  });
});

describe("html: locales", () => {
  it("zh-CN: lang attribute, Chinese UI words and the Chinese penalty summary", () => {
    const page = html(sampleResults("zh-CN"), htmlContext("zh-CN"));
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("<title>offsite-lint 检查报告</title>");
    expect(page).toContain("✖ 共 10 个问题（7 个错误，3 个警告）");
    expect(page).toContain("预计扣 45 分（阿里国际站：已达 36");
    expect(page).toContain("显示 10 / 10 个问题");
    expect(page).toContain("第 11 条记录");
    expect(page).toContain("商品 · 第 12 行");
    expect(page).toContain(">即时通讯账号<");
    expect(page).toContain("整改建议");
    expect(page).toContain("扣 6 分");
    expect(page).toContain("严重程度");
    for (const word of ["Showing", "Record #", "How to fix", "Severity"]) expect(page).not.toContain(word);
  });

  it("en and zh-CN dictionaries have the same words", () => {
    expect(Object.keys(HTML_WORDS["zh-CN"]).sort()).toEqual(Object.keys(HTML_WORDS.en).sort());
    expect(Object.keys(HTML_WORDS["zh-CN"].categories).sort()).toEqual(Object.keys(HTML_WORDS.en.categories).sort());
  });

  it("uses a CJK-friendly stack of system fonts only", () => {
    const page = html(sampleResults(), htmlContext());
    expect(page).toMatch(/font-family:system-ui,[^;]*"PingFang SC"[^;]*"Microsoft YaHei"[^;]*"Noto Sans CJK SC"[^;]*sans-serif/);
  });
});

describe("html: a clean run", () => {
  it("says so, without filters", () => {
    const page = html([sampleResults()[5]!], htmlContext("zh-CN"));
    expect(page).toContain("✔ 未发现问题");
    expect(page).not.toContain('id="filters"');
    expect(page).not.toContain("预计扣");
    expect(page).toContain("无问题的文件：1");
  });
});

describe("html: links", () => {
  it("links only web and file URLs (a plugin's javascript: docsUrl is dropped)", () => {
    const base = sampleResults()[0]!;
    const evil = { ...base.messages[0]!, docsUrl: "javascript:alert(1)" };
    const web = { ...base.messages[1]!, docsUrl: "https://example.com/rules/x.md?a=1&b=2" };
    const out = html([{ ...base, messages: [evil, web] }], htmlContext());
    expect(out).not.toContain("javascript:");
    expect(out).toContain('href="https://example.com/rules/x.md?a=1&amp;b=2" rel="noopener noreferrer"');
  });
});

describe("html: hostile text in every slot", () => {
  it("escapes file paths, record ids, field names, rule ids, cells and suggestions too", () => {
    const evil = `<img src=x onerror="alert(1)">'&`;
    const message: LintMessage = {
      ruleId: `plugin/${evil}`,
      severity: 2,
      category: "im",
      message: evil,
      line: 1,
      column: 1,
      record: { index: 0, id: evil },
      field: evil,
      match: evil,
      suggestion: evil,
      cell: `${evil}!A1`,
      docsUrl: `https://example.com/${evil}`,
    };
    const base = sampleResults()[0]!;
    const out = html([{ ...base, filePath: `/w/${evil}.csv`, messages: [message] }], htmlContext());
    expect(out).not.toContain("<img");
    expect(out).not.toMatch(/[^&]'&[^a#]/);
    expect(out).not.toMatch(/onerror="/);
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;");
  });
});
