// The CLI writes the built-in formatters that have a piecewise form as the pieces come, so a big
// export's report is never held as one string. Each must be its formatter's text, in bounded pieces.
import { describe, expect, it } from "vitest";
import { formatterNames, getFormatter, reportPieces, type FormatterContext } from "../../src/formatters/index.js";
import { getProfile } from "../../src/penalties/profiles.js";
import type { LintResult } from "../../src/types.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const ctx: FormatterContext = { cwd: "/w", locale: "en", color: false, platform: getProfile("alibaba") };

const big: LintResult[] = [
  result(
    "/w/exports/big.csv",
    Array.from({ length: 500 }, (_, k) =>
      msg(k % 4 === 0 ? 1 : 2, k % 2 ? "im" : "phone", { message: `finding ${k}: "WeChat lamp_${k}"`, line: k + 2, column: 1 + (k % 90), endLine: k + 2, endColumn: 20 + (k % 90) }),
    ),
  ),
  result("/w/clean.txt", []),
  result("/w/broken.json", [fatal()]),
  {
    ...result("/w/replies/faq.md", [msg(2, "im", { message: "WeChat in a reply", line: 3, column: 5, match: "WeChat" })]),
    suppressedMessages: [{ ...msg(2, "phone", { line: 9, column: 2 }), suppressions: [{ kind: "directive", justification: "our hotline" }] }],
  },
];

describe("reports written piece by piece", () => {
  it.each(formatterNames())("%s: the pieces are the formatter's report, none of them the whole of it", (name) => {
    const formatter = getFormatter(name)!;
    const whole = formatter(big, ctx);
    const pieces = [...reportPieces(formatter, big, ctx)];
    expect(pieces.join("")).toBe(whole);
    // A piece a finding or so: the longest (a header, the html page's style sheet) is a sliver of
    // a report of 500 findings, and as long as for a report of five.
    expect(pieces.length).toBeGreaterThan(500);
    const longest = Math.max(...pieces.map((p) => p.length));
    expect(longest).toBeLessThan(whole.length / 20);
    const five: LintResult[] = [result("/w/exports/big.csv", big[0]!.messages.slice(0, 5)), ...big.slice(1)];
    expect(longest).toBeLessThanOrEqual(Math.max(...[...reportPieces(formatter, five, ctx)].map((p) => p.length)) + 100);
    // A clean run gives the same (empty or not) report either way.
    expect([...reportPieces(formatter, [result("/w/clean.txt", [])], ctx)].join("")).toBe(formatter([result("/w/clean.txt", [])], ctx));
  });

  it("a formatter from elsewhere (a plugin's, a file's) is written as its one string", () => {
    const plugin = (results: LintResult[]): string => results.map((r) => `${r.filePath}: ${r.messages.length}\n`).join("");
    expect([...reportPieces(plugin, big, ctx)]).toEqual([plugin(big, ctx)]);
  });
});
