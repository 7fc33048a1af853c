// The programmatic API others embed: lintText/lintFiles, fatal messages, masking, locale.
import { describe, expect, it } from "vitest";
import { fatalMessage, lintText, localeFromEnv, maskMessage, maskValue } from "../src/index.js";
import { SourceError } from "../src/types.js";

describe("lintText", () => {
  it("lints a reply template as a .txt file and locates the finding", async () => {
    const result = await lintText("Thanks!\nWhatsApp: +86 139 2211 4455", { noConfigLookup: true, locale: "en", filePath: "reply.txt" });
    const phone = result.messages.find((m) => m.ruleId === "no-phone-number")!;
    expect(phone).toMatchObject({ line: 2, column: 11, endLine: 2, endColumn: 28, category: "phone", severity: 2 });
    expect(result.errorCount).toBe(result.messages.filter((m) => m.severity === 2).length);
    expect(result.penalty.platform).toBe("alibaba");
  });

  it("picks the reader from the file name: a CSV text is read as rows", async () => {
    const result = await lintText("sku,description\nA-1,加我薇信 shop_2024\n", { noConfigLookup: true, filePath: "x.csv" });
    expect(result.messages[0]).toMatchObject({ ruleId: "no-im-contact", line: 2, record: { index: 0, id: "A-1" }, field: "description" });
  });

  it("is quiet on honest text", async () => {
    const result = await lintText("Braided fishing line 300m, model WX-200, HS code 8517620000.", { noConfigLookup: true });
    expect(result.messages).toEqual([]);
  });

  it("reports a file it cannot parse as one fatal message", async () => {
    const result = await lintText('[{"a": "b"},', { noConfigLookup: true, filePath: "broken.json" });
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ fatal: true, ruleId: null, severity: 2 });
    expect(result.fatalErrorCount).toBe(1);
  });
});

describe("fatalMessage", () => {
  it("names parse errors, unreadable files and internal errors apart", () => {
    expect(fatalMessage(new SourceError("Unexpected end", 3, 7))).toMatchObject({ message: "Parsing error: Unexpected end", line: 3, column: 7 });
    const enoent = Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    expect(fatalMessage(enoent).message).toBe("Cannot read file: ENOENT: no such file");
    expect(fatalMessage(new TypeError("x is undefined")).message).toBe("Internal error while linting this file: x is undefined");
  });
});

describe("maskValue and localeFromEnv", () => {
  it("masks the middle of a value and keeps its length", () => {
    expect(maskValue("+86 139 2211 4455")).toMatch(/^\+86\*+455$/);
    expect(maskValue("+86 139 2211 4455")).toHaveLength("+86 139 2211 4455".length);
    expect(maskValue("abc")).toBe("***");
  });
  it("reads zh from LC_ALL, LC_MESSAGES or LANG", () => {
    expect(localeFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(localeFromEnv({ LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(localeFromEnv({})).toBe("en");
  });
});

describe("maskMessage", () => {
  it("masks the match and the number a message derives from it", () => {
    const message = 'Phone number offered as a contact: "139 2211 4455" (+8613922114455)';
    const masked = maskMessage(message, "139 2211 4455");
    expect(masked).not.toMatch(/2211|4455|13922114455/);
    expect(masked).toContain("Phone number offered as a contact");
  });

  it("leaves short numbers in the wording alone", () => {
    expect(maskMessage('Offers 20% off: "contact us"', "contact us")).toContain("20%");
  });

  it("masks values in a real run with mask: true", async () => {
    const result = await lintText("Call me: +86 139 2211 4455", { noConfigLookup: true, mask: true, locale: "en" });
    const text = JSON.stringify(result.messages);
    expect(text).not.toMatch(/2211|13922114455/);
  });
});
