import { describe, expect, it } from "vitest";
import { getFormatter, reportPieces, type FormatterContext } from "../../src/formatters/index.js";
import { stylish, stylishChunks } from "../../src/formatters/stylish.js";
import { displayWidth } from "../../src/formatters/width.js";
import { getProfile, mergeProfile } from "../../src/penalties/profiles.js";
import type { LintResult, Locale } from "../../src/types.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const ctx = (locale: Locale = "en", platform = "alibaba", extra: Partial<FormatterContext> = {}): FormatterContext => ({
  cwd: "/w",
  locale,
  color: false,
  platform: getProfile(platform),
  ...extra,
});

function sample(zh = false): LintResult[] {
  return [
    result("/w/exports/listings.csv", [
      msg(2, "im", {
        ruleId: "no-im-contact",
        message: zh ? "提供微信号作为联系方式：“V信: lamp_88”。" : 'WeChat handle offered as a contact route: "V信: lamp_88".',
        line: 12,
        column: 41,
      }),
      msg(1, "phone", {
        ruleId: "no-phone-number",
        message: zh ? "电话号码：一三八 0013 8000" : "Phone number written in words",
        line: 3,
        column: 7,
      }),
      msg(2, "link", { ruleId: "no-external-link", message: zh ? "外部链接" : "External link", line: 103, column: 1 }),
    ]),
    result("/w/clean.txt", []),
    result("/w/broken.json", [fatal("Unexpected end of JSON input", 4, 2)]),
  ];
}

// Display column where `needle` starts on `line` (terminal cells, CJK = 2).
const columnOf = (line: string, needle: string): number => displayWidth(line.slice(0, line.indexOf(needle)));

describe("stylish (en)", () => {
  const out = stylish(sample(), ctx());

  // "V信" takes three terminal cells: the other rows get one more space than code units suggest.
  it("prints ESLint's layout with penalties", () => {
    expect(out).toBe(
      [
        "",
        "exports/listings.csv  −15 pts",
        '   12:41  error    WeChat handle offered as a contact route: "V信: lamp_88"  no-im-contact     −6 pts',
        "    3:7   warning  Phone number written in words                             no-phone-number   −3 pts",
        "  103:1   error    External link                                             no-external-link  −6 pts",
        "",
        "broken.json",
        "  4:2  error  Unexpected end of JSON input",
        "",
        "✖ 4 problems (3 errors, 1 warning)",
        "est. −15 points on Alibaba.com (reached 12 = restricted 7 days; next 24 = restricted 14 days; 48 = membership ended)",
        "  estimate, low confidence: per-violation points are trade-press claims (≤6, 6–12); the ladder is official",
        "",
      ].join("\n"),
    );
  });

  it("aligns the columns", () => {
    const rows = out.split("\n").filter((l) => /^\s+\d+:\d+/.test(l) && l.includes("no-"));
    expect(rows).toHaveLength(3);
    const ruleColumns = rows.map((r) => columnOf(r, "no-"));
    expect(new Set(ruleColumns).size).toBe(1);
    const typeColumns = rows.map((r) => columnOf(r, r.includes("warning") ? "warning" : "error"));
    expect(new Set(typeColumns).size).toBe(1);
    // penalties are right-aligned
    expect(new Set(rows.map((r) => displayWidth(r))).size).toBe(1);
  });

  it("shows fatal messages as errors without a rule id or penalty", () => {
    expect(out).toContain("\n  4:2  error  Unexpected end of JSON input\n");
  });

  it("is registered as a built-in", () => {
    expect(getFormatter("stylish")).toBe(stylish);
  });
});

describe("stylish (zh-CN)", () => {
  const out = stylish(sample(true), ctx("zh-CN"));

  it("prints the Chinese summary and penalty line", () => {
    expect(out).toContain("\n✖ 共 4 个问题（3 个错误，1 个警告）\n");
    expect(out).toContain(
      "\n预计扣 15 分（阿里国际站：已达 12 分 = 限制 7 天；下一档 24 分 = 限制 14 天；48 分 = 会员资格终止）\n",
    );
    expect(out).toContain("exports/listings.csv  扣 15 分\n");
    expect(out).toContain("  4:2  错误  Unexpected end of JSON input\n");
  });

  it("aligns by display width (CJK characters take two cells)", () => {
    const rows = out.split("\n").filter((l) => l.includes("no-"));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => columnOf(r, "no-"))).size).toBe(1);
    expect(new Set(rows.map((r) => displayWidth(r))).size).toBe(1);
    expect(rows[0]).toMatch(/^ {3}12:41 {2}错误 {2}提供微信号/);
    expect(rows[1]).toMatch(/^ {4}3:7 {3}警告 {2}电话号码/);
  });

  it("keeps the messages as given (already localised), minus a final ASCII period", () => {
    expect(out).toContain("提供微信号作为联系方式：“V信: lamp_88”。");
  });
});

describe("stylish: clean runs and edge cases", () => {
  it("prints nothing for a clean run", () => {
    expect(stylish([], ctx())).toBe("");
    expect(stylish([result("/w/a.csv", []), result("/w/b.csv", [])], ctx())).toBe("");
  });

  it("says 'unknown' instead of 0 for a points platform without numbers", () => {
    const out = stylish(sample(), ctx("en", "tiktok-shop"));
    expect(out).toContain("exports/listings.csv  ? pts\n");
    expect(out).toContain("no-im-contact     ? pts");
    expect(out).toContain(
      "points unknown on TikTok Shop for 3 violations (ladder: 12, 24, 36, 48 = deactivated); likely: ",
    );
    expect(out).not.toMatch(/−0|est\. −/);
    const zh = stylish(sample(true), ctx("zh-CN", "tiktok-shop"));
    expect(zh).toContain("TikTok Shop 扣分未知（3 项违规；阶梯：12、24、36、48 分 = 店铺停用）");
  });

  it("names the likely action on a platform without points", () => {
    const out = stylish(sample(), ctx("en", "amazon"));
    expect(out).toContain("\nAmazon has no points system; likely for 3 violations: listing cancelled");
    expect(out).toContain("exports/listings.csv\n");
    expect(out).not.toContain("pts");
    const zh = stylish(sample(true), ctx("zh-CN", "ebay"));
    expect(zh).toContain("eBay 易贝无积分制度；3 项违规可能导致：");
  });

  it("shows fines where the platform fines", () => {
    const out = stylish(sample(), ctx("en", "douyin"));
    expect(out).toContain("no-im-contact     ¥500 fine");
    expect(out).toContain("est. fines ¥1,250 on Douyin e-commerce for 3 violations (points unknown)");
    const zh = stylish(sample(true), ctx("zh-CN", "douyin"));
    expect(zh).toContain("预计违约金 1,250 元（抖音电商，3 项违规；是否扣分未知）");
  });

  it("says below the first threshold what comes next", () => {
    const out = stylish([result("/w/a.txt", [msg(1, "im")])], ctx());
    expect(out).toContain("est. −3 points on Alibaba.com (next 6 = severe warning; 48 = membership ended)\n");
  });

  it("counts known and unknown points side by side", () => {
    const platform = mergeProfile(getProfile("alibaba"), { perViolation: { qr: { error: { points: null } } } });
    const out = stylish([result("/w/a.txt", [msg(2, "im"), msg(2, "qr")])], { ...ctx(), platform });
    expect(out).toContain("a.txt  −6 pts + 1 unknown\n");
    expect(out).toContain("est. −6 points on Alibaba.com (reached 6 = severe warning; next 12 = restricted 7 days; 48 = membership ended), plus 1 violation with unknown points\n");
  });

  it("prints only the summary when warnings and errors are fatal-only (no penalty line)", () => {
    const out = stylish([result("/w/broken.json", [fatal()])], ctx());
    expect(out).toContain("✖ 1 problem (1 error, 0 warnings)\n");
    expect(out).not.toContain("est.");
  });

  it("says when --max-penalty is exceeded", () => {
    const out = stylish(sample(), ctx("en", "alibaba", { maxPenalty: 12 }));
    expect(out).toContain("✖ est. penalty 15 points exceeds --max-penalty 12\n");
    expect(stylish(sample(), ctx("en", "alibaba", { maxPenalty: 15 }))).not.toContain("--max-penalty");
    expect(stylish(sample(true), ctx("zh-CN", "alibaba", { maxPenalty: 12 }))).toContain("✖ 预计扣 15 分，超过 --max-penalty 12\n");
  });

  it("keeps a path that is not absolute (stdin) as it is", () => {
    const out = stylish([result("<text>", [msg(2, "im")])], ctx());
    expect(out.split("\n")[1]).toBe("<text>  −6 pts");
  });

  it("colours only when asked, without touching global chalk state", () => {
    const plain = stylish(sample(), ctx());
    const colored = stylish(sample(), ctx("en", "alibaba", { color: true }));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(colored).toMatch(/\u001b\[31m/); // red "error"
    expect(colored).toMatch(/\u001b\[4m/); // underlined path
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
    expect(stylish(sample(), ctx())).toBe(plain);
  });

  it("never lets the input drive the terminal or break a row", () => {
    const out = stylish(
      [result("/w/a.txt", [msg(2, "im", { message: "WeChat\u001b[2J id\nnext line \u202Egnp.exe\u200b" })])],
      ctx(),
    );
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\u202E");
    expect(out).toContain("WeChat[2J id next line <U+202E>gnp.exe<U+200B>");
  });

  it("comes a row at a time for the CLI: no piece holds a file's table, and the rows stay aligned", () => {
    const many = [
      result(
        "/w/big.csv",
        Array.from({ length: 300 }, (_, k) => msg(k % 3 === 0 ? 1 : 2, "im", { ruleId: "no-im-contact", message: `WeChat handle ${"x".repeat(k % 40)}`, line: k + 2, column: 1 + (k % 120) })),
      ),
    ];
    const pieces = [...reportPieces(getFormatter("stylish")!, many, ctx())];
    expect(pieces.join("")).toBe(stylish(many, ctx()));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1_000);
    const rows = pieces.join("").split("\n").filter((line) => line.includes("WeChat handle"));
    expect(rows).toHaveLength(300);
    // Widths come from the whole file, not from each row: every message starts in the same column.
    expect(new Set(rows.map((row) => columnOf(row, "WeChat handle"))).size).toBe(1);
    expect([...stylishChunks([result("/w/clean.txt", [])], ctx())]).toEqual([]);
  });
});
