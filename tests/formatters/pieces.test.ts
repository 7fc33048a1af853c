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
];

describe("reports written piece by piece", () => {
  const piecewise = ["json", "stylish", "compact", "github"];

  it.each(piecewise)("%s: the pieces are the formatter's report, none of them the whole of it", (name) => {
    const formatter = getFormatter(name)!;
    const whole = formatter(big, ctx);
    const pieces = [...reportPieces(formatter, big, ctx)];
    expect(pieces.join("")).toBe(whole);
    expect(pieces.length).toBeGreaterThan(500);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2_000);
    // A clean run gives the same (empty or not) report either way.
    expect([...reportPieces(formatter, [result("/w/clean.txt", [])], ctx)].join("")).toBe(formatter([result("/w/clean.txt", [])], ctx));
  });

  it("every other formatter is written as its one string", () => {
    for (const name of formatterNames().filter((n) => !piecewise.includes(n))) {
      const formatter = getFormatter(name)!;
      expect([...reportPieces(formatter, big, ctx)]).toEqual([formatter(big, ctx)]);
    }
  });
});
