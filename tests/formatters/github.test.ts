import { describe, expect, it } from "vitest";
import { getFormatter } from "../../src/formatters/index.js";
import { escapeData, escapeProperty, github } from "../../src/formatters/github.js";
import { estimateMessage } from "../../src/penalties/compute.js";
import { getProfile } from "../../src/penalties/profiles.js";
import type { Locale } from "../../src/types.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const platform = getProfile("alibaba");
const ctx = (cwd = "/w", locale: Locale = "zh-CN") => ({ cwd, locale, color: false, platform });
const MINUS = "\u2212";

/** Parses a workflow command as the Actions runner does: `::name k=v,k=v::data`, then unescapes. */
function parseCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string): string =>
    s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const props = Object.fromEntries(
    m[2]!.split(",").map((pair) => {
      const i = pair.indexOf("=");
      return [pair.slice(0, i), unescape(pair.slice(i + 1))];
    }),
  );
  return { command: m[1]!, props, data: unescape(m[3]!) };
}

describe("github", () => {
  it("prints one ::error / ::warning command per problem, paths relative to cwd", () => {
    const out = github(
      [
        result("/w/exports/listings.csv", [
          msg(2, "im", {
            ruleId: "no-im-contact",
            message: "以 微信 作为联系方式：「V信: lamp_88」",
            line: 12,
            column: 41,
            endLine: 12,
            endColumn: 53,
            penalty: estimateMessage(platform, "im", 2, "zh-CN"),
          }),
          msg(1, "phone", { ruleId: "no-phone-number", message: 'Phone "138" <b>', line: 3, column: 7, endLine: 3, endColumn: 10 }),
        ]),
        result("/w/broken.json", [fatal("Parsing error: Unexpected end of JSON input", 4, 2)]),
        result("/w/clean.txt", []),
      ],
      ctx(),
    );
    const phonePoints = estimateMessage(platform, "phone", 1).points;
    expect(out).toBe(
      [
        "::error file=exports/listings.csv,line=12,col=41,endLine=12,endColumn=53,title=no-im-contact::以 微信 作为联系方式：「V信: lamp_88」 [扣 6 分]",
        `::warning file=exports/listings.csv,line=3,col=7,endLine=3,endColumn=10,title=no-phone-number::Phone "138" <b> [扣 ${phonePoints} 分]`,
        "::error file=broken.json,line=4,col=2,title=offsite-lint/fatal::Parsing error: Unexpected end of JSON input",
        "",
      ].join("\n"),
    );
  });

  it("escapes data (%, CR, LF) and property values (also : and ,) as the runner requires", () => {
    expect(escapeData("100% off\r\nnow: a,b")).toBe("100%25 off%0D%0Anow: a,b");
    expect(escapeProperty("a:b,c%d\ne")).toBe("a%3Ab%2Cc%25d%0Ae");
    const out = github(
      [result("/w/exports/a,b:c 100%.csv", [msg(2, "link", { ruleId: "no-external-link", message: "line one\nline two: 50% off, today\r\n", line: 1, column: 1 })])],
      ctx("/w", "en"),
    );
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("file=exports/a%2Cb%3Ac 100%25.csv,");
    expect(lines[0]).toContain("::line one%0Aline two: 50%25 off, today%0D%0A");
    const parsed = parseCommand(lines[0]!);
    expect(parsed.command).toBe("error");
    expect(parsed.props).toMatchObject({ file: "exports/a,b:c 100%.csv", line: "1", col: "1", title: "no-external-link" });
    expect(parsed.data).toBe(`line one\nline two: 50% off, today\r\n [${MINUS}${estimateMessage(platform, "link", 2).points} pts]`);
  });

  it("uses forward slashes for Windows paths, and absolute paths outside cwd", () => {
    const out = github(
      [
        result("C:\\Users\\运营\\shop\\exports\\春季 新品.csv", [msg(2, "im", { ruleId: "no-im-contact", line: 2, column: 3 })]),
        result("D:\\other\\b.csv", [msg(1, "im", { ruleId: "no-im-contact", line: 2, column: 3 })]),
      ],
      ctx("c:\\Users\\运营\\shop"),
    );
    const [first, second] = out.trimEnd().split("\n").map(parseCommand);
    expect(first!.props.file).toBe("exports/春季 新品.csv");
    expect(second!.props.file).toBe("D:/other/b.csv");
    expect(second!.command).toBe("warning");
  });

  it("gives columns only on one-line ranges (GitHub refuses columns that span lines)", () => {
    const out = github([result("/w/a.csv", [msg(2, "im", { ruleId: "no-im-contact", line: 4, column: 9, endLine: 6, endColumn: 2 })])], ctx("/w", "en"));
    expect(parseCommand(out.trimEnd()).props).toEqual({ file: "a.csv", line: "4", endLine: "6", title: "no-im-contact" });
  });

  it("keeps UTF-16 columns as reported (an emoji before the finding counts two)", () => {
    const line = "🎁 V信 lamp_88";
    const column = line.indexOf("V信") + 1;
    const out = github([result("/w/a.txt", [msg(2, "im", { ruleId: "no-im-contact", line: 1, column, endLine: 1, endColumn: column + 2 })])], ctx());
    expect(parseCommand(out.trimEnd()).props).toMatchObject({ col: "4", endColumn: "6" });
  });

  it("prints nothing for a clean run and is registered", () => {
    expect(github([result("/w/a.csv", [])], ctx())).toBe("");
    expect(github([], ctx())).toBe("");
    expect(getFormatter("github")).toBe(github);
  });
});
