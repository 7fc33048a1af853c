import { describe, expect, it } from "vitest";
import { formatterNames, getFormatter } from "../../src/formatters/index.js";
import { compact } from "../../src/formatters/compact.js";
import { getProfile } from "../../src/penalties/profiles.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const ctx = { cwd: "/w", locale: "zh-CN" as const, color: true, platform: getProfile("alibaba") };

describe("compact", () => {
  it("prints one line per problem, then the count (as ESLint)", () => {
    const out = compact(
      [
        result("/w/a.csv", [
          msg(2, "im", { ruleId: "no-im-contact", message: "微信号：V信 lamp_88", line: 12, column: 41 }),
          msg(1, "phone", { ruleId: "no-phone-number", message: "Phone\nnumber", line: 3, column: 7 }),
        ]),
        result("/w/b.json", [fatal("Unexpected end of JSON input", 4, 2)]),
        result("/w/c.txt", []),
      ],
      ctx,
    );
    expect(out).toBe(
      [
        "/w/a.csv: line 12, col 41, Error - 微信号：V信 lamp_88 (no-im-contact)",
        "/w/a.csv: line 3, col 7, Warning - Phone number (no-phone-number)",
        "/w/b.json: line 4, col 2, Error - Unexpected end of JSON input",
        "",
        "3 problems",
      ].join("\n"),
    );
  });

  it("says '1 problem' and prints nothing for a clean run", () => {
    expect(compact([result("/w/a.csv", [msg(1, "im")])], ctx)).toMatch(/\n\n1 problem$/);
    expect(compact([result("/w/a.csv", [])], ctx)).toBe("");
    expect(compact([], ctx)).toBe("");
  });

  it("is registered with the other built-ins", () => {
    expect(getFormatter("compact")).toBe(compact);
    expect([...formatterNames()].sort()).toEqual(["compact", "github", "html", "json", "junit", "sarif", "stylish"]);
    expect(getFormatter("sarif-nope")).toBeUndefined();
    expect(getFormatter("toString")).toBeUndefined();
  });
});
