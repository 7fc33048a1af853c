// Inline directives: parsing Markdown/HTML and YAML comments, applying them to messages, and the
// readers handing them to the linter (a directive comment is not itself linted).
import { describe, expect, it } from "vitest";
import {
  applyDirectives,
  blankDirectiveComments,
  parseDirectiveBody,
  parseDirectives,
  unusedDirectiveMessages,
  unusedDirectiveText,
  type Directive,
} from "../src/directives.js";
import { lintText } from "../src/index.js";
import type { LintMessage } from "../src/types.js";

const msg = (ruleId: string | null, line: number, column = 1, endLine = line): LintMessage => ({ ruleId, severity: 2, message: `${ruleId} at ${line}`, line, column, endLine, endColumn: column + 5 });

describe("parseDirectiveBody", () => {
  it("reads the type, the rule list (commas and/or spaces) and the reason after ` -- `", () => {
    const body = " offsite-lint-disable-next-line no-qr-code, no-email  no-im-contact -- our own scanner ";
    const start = body.indexOf("our own scanner");
    expect(parseDirectiveBody(body)).toEqual({
      type: "disable-next-line",
      rules: ["no-qr-code", "no-email", "no-im-contact"],
      reason: { text: "our own scanner", start, end: start + "our own scanner".length },
    });
    expect(parseDirectiveBody("offsite-lint-disable-line")).toEqual({ type: "disable-line", rules: [] });
    expect(parseDirectiveBody(" offsite-lint-enable no-email ")).toEqual({ type: "enable", rules: ["no-email"] });
    expect(parseDirectiveBody(" offsite-lint-disable -- why -- really")?.reason?.text).toBe("why -- really");
  });

  it("is not fooled by similar words", () => {
    expect(parseDirectiveBody(" offsite-lint-disabled ")).toBeNull();
    expect(parseDirectiveBody(" see offsite-lint-disable ")).toBeNull();
    expect(parseDirectiveBody(" eslint-disable ")).toBeNull();
  });
});

describe("parseDirectives: Markdown and HTML", () => {
  const text = [
    "# Reply", //                                                                       1
    "<!-- offsite-lint-disable-next-line no-qr-code -- we sell QR scanners -->", //    2
    "Scan the code on the card", //                                                    3
    "text <!-- offsite-lint-disable-line -->", //                                      4
    "<!-- offsite-lint-disable no-email -->", //                                       5
    "<!-- an ordinary comment -->", //                                                 6
    "<!--", //                                                                         7
    "  offsite-lint-enable no-email", //                                               8
    "-->", //                                                                          9
  ].join("\n");

  it("finds each directive comment with its position and the lines it covers", () => {
    const directives = parseDirectives(text, "html");
    expect(directives).toEqual([
      { type: "disable-next-line", rules: ["no-qr-code"], reason: "we sell QR scanners", line: 2, column: 1, endLine: 2, endColumn: 74, lines: { from: 3, to: 3 } },
      { type: "disable-line", rules: [], line: 4, column: 6, endLine: 4, endColumn: 40, lines: { from: 4, to: 4 } },
      { type: "disable", rules: ["no-email"], line: 5, column: 1, endLine: 5, endColumn: 39 },
      { type: "enable", rules: ["no-email"], line: 7, column: 1, endLine: 9, endColumn: 4 },
    ]);
  });

  it("next-line means the line after the end of a comment that spans lines", () => {
    const [d] = parseDirectives("<!--\noffsite-lint-disable-next-line\n-->\ntarget", "html");
    expect(d!.lines).toEqual({ from: 4, to: 4 });
  });

  it("counts lines the way messages do, with CRLF line breaks too", () => {
    const [d] = parseDirectives("a\r\n<!-- offsite-lint-disable-next-line -->\r\nb", "html");
    expect(d).toMatchObject({ line: 2, lines: { from: 3, to: 3 } });
  });

  it("blankDirectiveComments keeps every offset and line, and the reason", () => {
    const blanked = blankDirectiveComments(text);
    expect(blanked.length).toBe(text.length);
    expect(blanked.split("\n").length).toBe(text.split("\n").length);
    expect(blanked).not.toContain("offsite-lint");
    expect(blanked).not.toContain("no-qr-code");
    expect(blanked.indexOf("we sell QR scanners")).toBe(text.indexOf("we sell QR scanners"));
    expect(blanked).toContain("<!-- an ordinary comment -->");
  });
});

describe("parseDirectives: YAML", () => {
  const yaml = [
    "# offsite-lint-disable-next-line no-im-contact -- brand account", // 1
    "refund: |", //                                                     2
    "  add me on WeChat: abc_8888", //                                  3
    "  # offsite-lint-disable-line  (block scalar text, not a comment)", // 4
    "", //                                                              5
    'quoted: "WhatsApp # offsite-lint-disable-line"', //                6
    "plain: call me  # offsite-lint-disable-line no-phone-number", //   7
    "list:", //                                                         8
    "  # offsite-lint-disable-next-line", //                            9
    "  - long text that", //                                            10
    "    goes on", //                                                   11
    "  - short", //                                                     12
  ].join("\n");

  it("finds real comments only, never a `#` inside a string", () => {
    const directives = parseDirectives(yaml, "yaml");
    expect(directives.map((d) => [d.type, d.line, d.rules])).toEqual([
      ["disable-next-line", 1, ["no-im-contact"]],
      ["disable-line", 7, ["no-phone-number"]],
      ["disable-next-line", 9, []],
    ]);
    expect(directives[0]!.reason).toBe("brand account");
  });

  it("a line directive covers the whole value that starts on its line", () => {
    const [refund, plain, item] = parseDirectives(yaml, "yaml");
    expect(refund!.lines).toEqual({ from: 2, to: 4 });
    expect(plain!.lines).toEqual({ from: 7, to: 7 });
    expect(item!.lines).toEqual({ from: 10, to: 11 });
  });

  it("a comment at the end of a multi-line value covers the value", () => {
    const [d] = parseDirectives("a: first line\n  second line  # offsite-lint-disable-line\nb: x\n", "yaml");
    expect(d!.lines).toEqual({ from: 1, to: 2 });
  });

  it("tolerates broken YAML (the reader reports it)", () => {
    expect(() => parseDirectives("a: [\n# offsite-lint-disable-line\n", "yaml")).not.toThrow();
  });
});

describe("applyDirectives", () => {
  const at = (type: Directive["type"], line: number, rules: string[] = [], lines?: { from: number; to: number }): Directive => ({ type, rules, line, column: 1, endLine: line, endColumn: 30, ...(lines ? { lines } : {}) });

  it("a line directive suppresses messages on its lines, of its rules", () => {
    const messages = [msg("no-qr-code", 3), msg("no-email", 3), msg("no-qr-code", 4)];
    const result = applyDirectives(messages, [at("disable-next-line", 2, ["no-qr-code"], { from: 3, to: 3 })]);
    expect(result.messages).toEqual([messages[1], messages[2]]);
    expect(result.suppressed.map((s) => s.message)).toEqual([messages[0]]);
    expect(result.unused).toEqual([]);
  });

  it("no rule list means every rule; a message spanning lines is covered when its lines meet", () => {
    const messages = [msg("no-email", 2, 5, 4), msg("no-phone-number", 5)];
    const result = applyDirectives(messages, [at("disable-line", 4, [], { from: 4, to: 4 })]);
    expect(result.messages).toEqual([messages[1]]);
  });

  it("blocks: disable … enable, by position", () => {
    const messages = [msg("no-email", 1), msg("no-email", 3), msg("no-email", 3, 40), msg("no-email", 6), msg("no-phone-number", 4)];
    const directives = [at("disable", 2, ["no-email"]), { ...at("enable", 5, ["no-email"]) }];
    const result = applyDirectives(messages, directives);
    expect(result.messages).toEqual([messages[0], messages[3], messages[4]]);
    expect(result.unused).toEqual([]);
  });

  it("blocks: disable everything, then re-enable one rule (ESLint's semantics)", () => {
    const messages = [msg("no-email", 3), msg("no-phone-number", 3), msg("no-email", 6), msg("no-phone-number", 6)];
    const result = applyDirectives(messages, [at("disable", 1), at("enable", 5, ["no-email"])]);
    expect(result.messages).toEqual([messages[2]]);
    expect(result.suppressed.map((s) => s.message)).toEqual([messages[0], messages[1], messages[3]]);
  });

  it("a disable without enable runs to the end of the file", () => {
    const result = applyDirectives([msg("no-email", 9)], [at("disable", 1)]);
    expect(result.messages).toEqual([]);
  });

  it("never suppresses a message without a rule (fatal errors, directive problems)", () => {
    const fatal: LintMessage = { ...msg(null, 3), fatal: true };
    const result = applyDirectives([fatal], [at("disable", 1)]);
    expect(result.messages).toEqual([fatal]);
  });

  it("reports unused directives, per rule of their list", () => {
    const directives = [
      at("disable-line", 2, ["no-qr-code", "no-email"], { from: 2, to: 2 }),
      at("disable-next-line", 4, [], { from: 5, to: 5 }),
      at("enable", 8, ["no-phone-number"]),
    ];
    const result = applyDirectives([msg("no-email", 2)], directives);
    expect(result.unused).toEqual([
      { directive: directives[0], rules: ["no-qr-code"] },
      { directive: directives[1], rules: [] },
      { directive: directives[2], rules: ["no-phone-number"] },
    ]);
  });

  it("keeps the original order of the messages left", () => {
    const messages = [msg("no-email", 9), msg("no-email", 1), msg("no-phone-number", 5)];
    const result = applyDirectives(messages, [at("disable-line", 5, [], { from: 5, to: 5 })]);
    expect(result.messages).toEqual([messages[0], messages[1]]);
  });
});

describe("unused directive messages", () => {
  const d: Directive = { type: "disable-next-line", rules: ["no-qr-code"], line: 4, column: 3, endLine: 4, endColumn: 50, lines: { from: 5, to: 5 } };

  it("use ESLint's wording", () => {
    expect(unusedDirectiveText({ directive: d, rules: ["no-qr-code"] })).toBe("Unused offsite-lint-disable directive (no problems were reported from 'no-qr-code').");
    expect(unusedDirectiveText({ directive: d, rules: ["a", "b"] })).toBe("Unused offsite-lint-disable directive (no problems were reported from 'a' or 'b').");
    expect(unusedDirectiveText({ directive: d, rules: [] })).toBe("Unused offsite-lint-disable directive (no problems were reported).");
    expect(unusedDirectiveText({ directive: { ...d, type: "enable" }, rules: [] })).toBe("Unused offsite-lint-enable directive (no matching offsite-lint-disable directives were found).");
    expect(unusedDirectiveText({ directive: d, rules: ["no-qr-code"] }, "zh-CN")).toContain("未使用");
  });

  it("are messages without a rule, at the comment, with the severity asked for", () => {
    expect(unusedDirectiveMessages([{ directive: d, rules: [] }], 1)).toEqual([
      { ruleId: null, severity: 1, message: "Unused offsite-lint-disable directive (no problems were reported).", line: 4, column: 3, endLine: 4, endColumn: 50 },
    ]);
  });
});

describe("in the linter", () => {
  const options = { noConfigLookup: true, locale: "en" as const };

  it("Markdown: next-line suppresses, and the directive's rule names are not linted", async () => {
    const text = "Hello\n<!-- offsite-lint-disable-next-line no-im-contact, no-phone-number -- buyer asked for the brand page -->\nadd me on WhatsApp: +86 138 0013 8000\n";
    const result = await lintText(text, { ...options, filePath: "reply.md" });
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages?.map((m) => [m.ruleId, m.suppressions[0]])).toEqual([
      ["no-im-contact", { kind: "directive", justification: "buyer asked for the brand page" }],
      ["no-phone-number", { kind: "directive", justification: "buyer asked for the brand page" }],
    ]);
  });

  it("a .txt file has no comment syntax: the same comment does nothing there", async () => {
    const text = "<!-- offsite-lint-disable-next-line -->\nadd me on WhatsApp: +86 138 0013 8000\n";
    const result = await lintText(text, { ...options, filePath: "reply.txt" });
    expect(result.errorCount).toBeGreaterThan(0);
  });

  it("HTML: a block, and a directive comment is not reported as a comment field", async () => {
    const html = "<p>Hi</p>\n<!-- offsite-lint-disable no-qr-code no-im-contact -->\n<p>WeChat: abc_8888</p>\n<!-- offsite-lint-enable -->\n<p>WhatsApp: +86 138 0013 8000</p>\n";
    const result = await lintText(html, { ...options, filePath: "page.html" });
    expect(result.messages.every((m) => m.line === 5)).toBe(true);
    expect(result.messages.some((m) => m.ruleId === "no-im-contact")).toBe(true);
    expect(result.messages.some((m) => m.field === "comment")).toBe(false);
  });

  it("HTML: the reason of a directive is still linted (the comment ships with the page)", async () => {
    const html = "<!-- offsite-lint-disable-line -- WeChat: abc_8888 --><p>x</p>\n<!-- offsite-lint-disable-next-line -- WeChat: abc_8888 -->\n<p>x</p>\n";
    const result = await lintText(html, { ...options, filePath: "page.html" });
    expect(result.messages.map((m) => [m.line, m.field])).toEqual([[2, "comment"]]);
  });

  it("YAML: a comment above a key covers its block value", async () => {
    const yaml = "greeting: Thanks for your order\n# offsite-lint-disable-next-line no-im-contact -- our official account\nrefund: |\n  Questions?\n  add me on WeChat: abc_8888\n";
    const result = await lintText(yaml, { ...options, filePath: "replies.yaml" });
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toHaveLength(1);
  });

  it("reports unused directives only when asked, and unknown rule ids always", async () => {
    const text = "<!-- offsite-lint-disable-next-line no-qr-code -->\nThanks for your order.\n<!-- offsite-lint-disable-line no-such-rule -->\n";
    const quiet = await lintText(text, { ...options, filePath: "reply.md" });
    expect(quiet.messages.map((m) => m.message)).toEqual(["Definition for rule 'no-such-rule' was not found (offsite-lint-disable-line directive)."]);
    expect(quiet.penalty.points).toBe(0);
    const reported = await lintText(text, { ...options, filePath: "reply.md", reportUnusedDisableDirectives: "warn" });
    expect(reported.messages.map((m) => [m.line, m.severity, m.ruleId, m.message])).toEqual([
      [1, 1, null, "Unused offsite-lint-disable directive (no problems were reported from 'no-qr-code')."],
      [3, 2, null, "Definition for rule 'no-such-rule' was not found (offsite-lint-disable-line directive)."],
    ]);
    expect(reported.warningCount).toBe(1);
  });

  it("--quiet: a directive that hides a warning is not unused", async () => {
    // A warning: an app named with a contact verb but no id.
    const warning = "price negotiable, message me on whatsapp";
    const plain = await lintText(warning, { ...options, filePath: "reply.md" });
    expect(plain.messages.map((m) => m.severity)).toEqual([1]);
    const text = `<!-- offsite-lint-disable-next-line no-im-contact -->\n${warning}\n`;
    const result = await lintText(text, { ...options, filePath: "reply.md", quiet: true, reportUnusedDisableDirectives: "error" });
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toHaveLength(1);
  });
});
