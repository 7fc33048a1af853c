import { describe, expect, it } from "vitest";
import { getFormatter } from "../../src/formatters/index.js";
import { json, jsonChunks } from "../../src/formatters/json.js";
import { estimateMessage, totalFor } from "../../src/penalties/compute.js";
import { getProfile } from "../../src/penalties/profiles.js";
import type { LintResult } from "../../src/types.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const platform = getProfile("alibaba");

describe("json", () => {
  const messages = [
    msg(2, "im", {
      ruleId: "no-im-contact",
      message: 'WeChat handle offered as a contact route: "V信: lamp_88"',
      line: 12,
      column: 41,
      endLine: 12,
      endColumn: 53,
      record: { index: 10, id: "SKU-1042" },
      field: "description",
      match: "V信: lamp_88",
      messageId: "handle",
      docsUrl: "https://example.test/rules/no-im-contact.md",
      penalty: estimateMessage(platform, "im", 2),
    }),
  ];
  const results: LintResult[] = [
    { ...result("/abs/exports/listings.csv", messages), penalty: totalFor(messages, platform) },
    result("/abs/broken.json", [fatal()]),
    result("/abs/clean.txt", []),
  ];

  it("round-trips the results exactly", () => {
    const out = json(results, { cwd: "/abs", locale: "en", color: false, platform });
    expect(JSON.parse(out)).toEqual(results);
    expect(out).toBe(JSON.stringify(results));
  });

  it("keeps ESLint's fields for existing tooling", () => {
    const [first] = JSON.parse(json(results, { cwd: "/", locale: "en", color: false, platform }));
    for (const key of ["filePath", "messages", "errorCount", "warningCount", "fatalErrorCount", "fixableErrorCount", "fixableWarningCount"]) {
      expect(first).toHaveProperty(key);
    }
    expect(first.messages[0]).toMatchObject({ ruleId: "no-im-contact", severity: 2, line: 12, column: 41 });
    expect(first.penalty).toMatchObject({ platform: "alibaba", points: 6 });
    expect(first.messages[0].penalty).toMatchObject({ platform: "alibaba", points: 6 });
  });

  it("written piece by piece (the CLI's way for big reports), it is the same text", () => {
    const withOddValues = [
      ...results,
      { ...result("/abs/b.csv", messages), suppressedMessages: [{ ...messages[0]!, suppressions: [{ kind: "directive" as const, justification: "" }] }], note: undefined },
    ] as LintResult[];
    for (const set of [results, withOddValues, []]) {
      const pieces = [...jsonChunks(set)];
      expect(pieces.join("")).toBe(JSON.stringify(set));
      // One message a piece at most: no piece holds the whole report.
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(set).length || 1);
    }
  });

  it("prints an empty array for no results", () => {
    expect(json([], { cwd: "/", locale: "en", color: false, platform })).toBe("[]");
    expect(getFormatter("json")).toBe(json);
  });
});
