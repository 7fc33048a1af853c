// Fixing files: the pure apply (ESLint's SourceCodeFixer), the placing of field edits in a file
// (escapes, quotes, markup), encodings/BOM/CRLF kept through a fix, and the atomic write.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileText, applyFixes, decodeForFix, encodeText, writeFileAtomic } from "../src/fix.js";
import { OffsiteLinter } from "../src/index.js";
import { yamlEscaper, escapeDoubleQuoted } from "../src/sources/yaml.js";
import { csvEscaper } from "../src/sources/csv.js";
import { escapeHtmlText } from "../src/sources/html.js";
import type { FileFix } from "../src/types.js";
import { encode, type Encoding } from "./sources/helpers.js";

let dir: string;
let linter: OffsiteLinter;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "offsite-fix-"));
  linter = await OffsiteLinter.create({ cwd: dir, noConfigLookup: true, locale: "en" });
});
afterAll(async () => {
  await linter.close();
  rmSync(dir, { recursive: true, force: true });
});

const fix = (start: number, end: number, text: string): FileFix => ({ range: [start, end], text });

describe("applyFixes (pure, as ESLint's SourceCodeFixer)", () => {
  it("applies fixes in range order, whatever order they come in", () => {
    const r = applyFixes("0123456789", [fix(7, 8, "H"), fix(1, 3, "ab"), fix(5, 5, "+")]);
    expect(r.output).toBe("0ab34+56H89");
    expect(r.applied.map((f) => f.range)).toEqual([[1, 3], [5, 5], [7, 8]]);
    expect(r.remaining).toEqual([]);
  });

  it("leaves overlapping fixes for the next pass (the first in range order wins)", () => {
    const r = applyFixes("abcdefgh", [fix(2, 6, "X"), fix(1, 3, "Y"), fix(4, 5, "Z")]);
    // Y is first; X starts inside it and waits; Z starts after Y's end and is applied.
    expect(r.output).toBe("aYdZfgh");
    expect(r.applied).toEqual([fix(1, 3, "Y"), fix(4, 5, "Z")]);
    expect(r.remaining).toEqual([fix(2, 6, "X")]);
  });

  it("does not apply two fixes that touch (ESLint's rule: next start must be after the last end)", () => {
    const r = applyFixes("abcdef", [fix(0, 2, "X"), fix(2, 4, "Y")]);
    expect(r.output).toBe("Xcdef");
    expect(r.remaining).toEqual([fix(2, 4, "Y")]);
  });

  it("never applies malformed ranges", () => {
    const r = applyFixes("abc", [fix(-1, 1, "X"), fix(2, 1, "Y"), fix(1, 9, "Z"), fix(0.5, 1, "W")]);
    expect(r.output).toBe("abc");
    expect(r.applied).toEqual([]);
    expect(r.remaining).toHaveLength(4);
  });

  it("returns the same text when there is nothing to apply", () => {
    expect(applyFixes("abc", [])).toEqual({ output: "abc", applied: [], remaining: [] });
  });

  it("handles fixes at the very start and end, and deletions to empty", () => {
    expect(applyFixes("abc", [fix(0, 0, ">"), fix(3, 3, "<")]).output).toBe(">abc<");
    expect(applyFixes("abc", [fix(0, 3, "")]).output).toBe("");
  });
});

describe("placing reader edits in the file text", () => {
  it("converts line/column positions to offsets and checks the raw text (CRLF read as LF)", () => {
    const file = new FileText("a,b\r\nx,\"WeChat: q\r\nrest\"\r\n");
    const placed = file.fixFor({ from: { line: 2, column: 4 }, to: { line: 3, column: 1 }, text: "", expect: "WeChat: q\n" });
    expect(placed).toEqual({ range: [8, 19], text: "" });
  });

  it("refuses an edit whose raw text is not what the reader saw", () => {
    const file = new FileText("hello world\n");
    expect(file.fixFor({ from: { line: 1, column: 1 }, to: { line: 1, column: 6 }, text: "", expect: "HELLO" })).toBeUndefined();
    expect(file.fixFor({ from: { line: 5, column: 1 }, to: { line: 5, column: 2 }, text: "", expect: "x" })).toBeUndefined();
    expect(file.fixFor({ from: { line: 1, column: 40 }, to: { line: 1, column: 41 }, text: "", expect: "" })).toBeUndefined();
  });

  it("escapes replacements for CSV cells; an unquoted cell refuses what would need quotes", () => {
    expect(csvEscaper(true, ",").escape('say "hi", ok')).toBe('say ""hi"", ok');
    expect(csvEscaper(false, ",").escape("a, b")).toBeNull();
    expect(csvEscaper(false, ";").escape("a, b")).toBe("a, b");
    expect(csvEscaper(false, ",").escape('a "b"')).toBeNull();
    expect(csvEscaper(true, ",").escape("two\nlines")).toBeNull();
  });

  it("escapes replacements for HTML text", () => {
    expect(escapeHtmlText("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
  });
});

describe("YAML scalar styles", () => {
  it("escapes per style and never writes a line break", () => {
    expect(yamlEscaper("QUOTE_SINGLE", 0, "").escape("it's")).toBe("it''s");
    expect(yamlEscaper("QUOTE_DOUBLE", 0, "").escape('say "hi" \\ ok\t')).toBe('say \\"hi\\" \\\\ ok\\t');
    expect(escapeDoubleQuoted("\u0007")).toBe("\\x07");
    expect(yamlEscaper("PLAIN", 0, "").escape("plain text")).toBe("plain text");
    for (const style of ["PLAIN", "QUOTE_SINGLE", "QUOTE_DOUBLE", "BLOCK_LITERAL", "BLOCK_FOLDED"] as const) {
      expect(yamlEscaper(style, 0, "").escape("two\nlines")).toBeNull();
    }
  });

  it("fixes every style so the file parses to the expected values", async () => {
    const source = [
      "greeting: Thanks for your order!",
      "plain: Call me at 13800138000 today",
      "single: 'It''s easy: WhatsApp: +86 138 0013 8000'",
      'double: "Add V信: lamp_88 \\u263A now \\"soon\\""',
      "block: |",
      "  Hello buyer,",
      "  WeChat: lamp_88",
      "  See you.",
      "folded: >-",
      "  Dear buyer,",
      "  mail sales@abc-lamps.com please",
      "list:",
      '  - "线下交易更划算。"',
      "",
    ].join("\n");
    const path = join(dir, "styles.yaml");
    writeFileSync(path, source);
    const { result, bytes } = await linter.fixFile(path);
    expect(result.messages).toEqual([]);
    expect(bytes).toBeDefined();
    const fixed = parseYaml(bytes!.toString("utf8"));
    expect(fixed).toEqual({
      greeting: "Thanks for your order!",
      plain: "Call me at today",
      single: "It's easy", // the colon that announced the contact goes with it
      double: 'Add \u263A now "soon"',
      block: "Hello buyer,\nSee you.\n",
      folded: "Dear buyer, mail please",
      list: ["价格请在平台站内沟通，优惠在平台订单中改价。"],
    });
    // Escapes the fix did not touch are written as they were.
    expect(bytes!.toString("utf8")).toContain('"Add \\u263A now \\"soon\\""');
    // Nothing written by fixFile itself.
    expect(readFileSync(path, "utf8")).toBe(source);
  });

  it("gives no fix where the style cannot hold the result (the message stays)", async () => {
    // Removing the number from this plain scalar would leave `true`: a boolean, not the text.
    const messages = (await linter.lintText("a: 13800138000 true\n", "unsafe.yaml")).messages;
    expect(messages.map((m) => m.ruleId)).toContain("no-phone-number");
    expect(messages.every((m) => m.fix === undefined)).toBe(true);
    const { result, bytes } = await linter.fixText("a: 13800138000 true\n", "unsafe.yaml");
    expect(bytes).toBeUndefined();
    expect(result.messages.map((m) => m.ruleId)).toContain("no-phone-number");
  });
});

describe("HTML pages: text nodes only", () => {
  it("fixes text, escapes what it writes, and leaves attributes alone", async () => {
    const html = '<p>Hello &amp; welcome. Email: <b>sales@abc-lamps.com</b></p>\n<p>WhatsApp: +86 138 0013 8000 &lt;24h&gt;</p>\n<a href="https://abc-lamps.com">shop</a>\n';
    const { result, bytes } = await linter.fixText(html, "page.html");
    const output = bytes!.toString("utf8");
    expect(output).toBe('<p>Hello &amp; welcome. Email: <b></b></p>\n<p>&lt;24h&gt;</p>\n<a href="https://abc-lamps.com">shop</a>\n');
    // The href is reported, not fixed.
    expect(result.messages.map((m) => [m.ruleId, m.fix])).toEqual([["no-external-link", undefined]]);
  });

  it("fixes hidden text nodes, never a hidden input's value (an attribute)", async () => {
    const html = '<form><input type="hidden" value="WeChat: lamp_88"></form><div style="display:none">WeChat: lamp_99</div>\n';
    const { result, bytes } = await linter.fixText(html, "hidden.html");
    expect(bytes!.toString("utf8")).toBe('<form><input type="hidden" value="WeChat: lamp_88"></form><div style="display:none"></div>\n');
    expect(result.messages.map((m) => m.match)).toEqual(["WeChat: lamp_88"]);
  });

  it("gives JSON-style fix ranges in the page's own offsets", async () => {
    const html = "<div>Tel: 13800138000</div>";
    const message = (await linter.lintText(html, "page.html")).messages.find((m) => m.ruleId === "no-phone-number")!;
    expect(message.fix).toEqual({ range: [5, 21], text: "" });
    expect(html.slice(5, 21)).toBe("Tel: 13800138000");
  });

  it("does not write across markup: a contact split by a tag is reported but not fixed", async () => {
    const html = "<p>Call <b>138</b>0013 8000</p>";
    const messages = (await linter.lintText(html, "split.html")).messages.filter((m) => m.ruleId === "no-phone-number");
    expect(messages).toHaveLength(1);
    expect(messages[0]!.fix).toBeUndefined();
  });
});

describe("encodings, BOM and line endings survive a fix", () => {
  const TEMPLATE = "Dear buyer,\r\nThanks for the order.\r\n微信：lamp_88\r\nBest regards, 张经理\r\n";
  const FIXED = "Dear buyer,\r\nThanks for the order.\r\nBest regards, 张经理\r\n";

  for (const encoding of ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030"] as Encoding[]) {
    it(`${encoding}: same encoding, same BOM, CRLF kept`, async () => {
      const original = encode(TEMPLATE, encoding);
      const path = join(dir, `reply-${encoding}.txt`);
      writeFileSync(path, original);
      const { result, bytes } = await linter.fixFile(path);
      expect(result.messages).toEqual([]);
      expect(result.output).toBe(FIXED);
      expect(bytes!.equals(encode(FIXED, encoding))).toBe(true);
    });
  }

  it("decodeForFix reports the encoding and BOM, and round-trips", () => {
    for (const encoding of ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030"] as Encoding[]) {
      const bytes = encode(TEMPLATE, encoding);
      const decoded = decodeForFix(bytes);
      expect(decoded.text).toBe(TEMPLATE);
      expect(decoded.bom).toBe(encoding.startsWith("utf-16") || encoding === "utf-8-bom");
      expect(decoded.roundTrips).toBe(true);
      expect(encodeText(decoded.text, decoded).equals(bytes)).toBe(true);
    }
  });

  it("does not rewrite a file whose bytes would not survive re-encoding", async () => {
    const forced = await OffsiteLinter.create({ cwd: dir, noConfigLookup: true, encoding: "utf-8" });
    try {
      const bytes = Buffer.concat([Buffer.from("WeChat: lamp_88 "), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from("\n")]);
      const { result, bytes: fixed, skipped } = await forced.fixText(bytes, "broken.txt");
      expect(fixed).toBeUndefined();
      expect(skipped).toMatch(/not rewritten/);
      expect(result.messages.length).toBeGreaterThan(0);
    } finally {
      await forced.close();
    }
  });

  it("keeps LF files LF and mixed files mixed", async () => {
    const text = "a\nWeChat: lamp_88\r\nb\n";
    const { result } = await linter.fixText(text, "mixed.txt");
    expect(result.output).toBe("a\nb\n");
  });
});

describe("listings: cells and strings re-escaped", () => {
  it("CSV: quoted cells keep their quoting, CRLF kept, unquoted cells fixed in place", async () => {
    const csv = 'sku,title,description\r\nA-2,"LED ""neon"" sign","Custom text.\r\nWeChat: neon_shop88"\r\nA-3,Lamp,Call 13800138000 now\r\n';
    const { result, bytes } = await linter.fixText(csv, "export.csv");
    expect(result.messages).toEqual([]);
    expect(bytes!.toString("utf8")).toBe('sku,title,description\r\nA-2,"LED ""neon"" sign","Custom text."\r\nA-3,Lamp,Call now\r\n');
  });

  it("JSON: the fixed string keeps its other escapes", async () => {
    const json = '[{"sku":"J-1","description":"Tote \\"bag\\".\\nCall \\u200b 138 0013 8000 now"}]';
    const { bytes } = await linter.fixText(json, "export.json");
    const output = bytes!.toString("utf8");
    expect(output).toBe('[{"sku":"J-1","description":"Tote \\"bag\\".\\nCall \\u200b now"}]');
    expect(JSON.parse(output)[0].description).toBe('Tote "bag".\nCall \u200b now');
  });

  it("HTML inside a CSV cell: escaped as HTML, then as the cell", async () => {
    const csv = 'sku,description\nA-4,"<p>Nice ""lamp"". WhatsApp: +86 138 0013 8000</p>"\n';
    const { bytes } = await linter.fixText(csv, "html-cells.csv");
    expect(bytes!.toString("utf8")).toBe('sku,description\nA-4,"<p>Nice ""lamp"".</p>"\n');
  });

  it("JSON lines: each line fixed, line endings kept", async () => {
    const jsonl = '{"sku":"L-1","d":"Email: sales@abc-lamps.com"}\r\n{"sku":"L-2","d":"ok"}\n';
    const { bytes } = await linter.fixText(jsonl, "export.jsonl");
    expect(bytes!.toString("utf8")).toBe('{"sku":"L-1","d":""}\r\n{"sku":"L-2","d":"ok"}\n');
  });

  it("XLSX is not fixable", async () => {
    const outcome = await linter.fixText(Buffer.from("not a workbook"), "book.xlsx");
    expect(outcome.skipped).toMatch(/cannot be fixed/);
    expect(outcome.bytes).toBeUndefined();
  });
});

describe("fix passes", () => {
  it("re-lints and applies overlapping fixes in later passes; the result lists what remains", async () => {
    // The WhatsApp handle and its number overlap: one pass takes one, the next finds nothing left.
    const text = "Hi!\nWhatsApp: +86 138 0013 8000\nWe don't accept Trade Assurance. Please pay by PayPal friends and family to my account jason@abc-lamps.com and I ship the same day with a gift for you.\n";
    const { result } = await linter.fixText(text, "passes.txt");
    expect(result.output).toContain("Hi!\nWe accept Trade Assurance orders. Please pay");
    expect(result.output).not.toContain("WhatsApp");
    expect(result.output).not.toContain("jason@abc-lamps.com");
    // The long payment sentence is not rewritten (too much else in it): still reported, as a suggestion.
    const payment = result.messages.find((m) => m.ruleId === "no-offsite-payment");
    expect(payment).toBeDefined();
    expect(payment!.fix).toBeUndefined();
    expect(payment!.suggestions?.[0]?.desc).toMatch(/Replace the sentence/);
    expect(result.fixableErrorCount).toBe(0);
  });

  it("counts fixable errors and warnings in a plain lint", async () => {
    const result = await linter.lintText("WeChat: lamp_88\nTel 13800138000\n", "counts.txt");
    expect(result.fixableErrorCount).toBe(result.messages.filter((m) => m.fix && m.severity === 2).length);
    expect(result.fixableErrorCount).toBeGreaterThan(0);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file, keeps its permission bits, and leaves no temporary file", () => {
    const folder = join(dir, "atomic");
    mkdirSync(folder);
    const target = join(folder, "reply.txt");
    writeFileSync(target, "old");
    if (process.platform !== "win32") chmodSync(target, 0o640);
    writeFileAtomic(target, Buffer.from("new text"));
    expect(readFileSync(target, "utf8")).toBe("new text");
    if (process.platform !== "win32") expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(folder)).toEqual(["reply.txt"]);
  });

  it("creates missing folders (for --fix-output)", () => {
    const target = join(dir, "out", "deep", "copy.csv");
    writeFileAtomic(target, Buffer.from("a,b\n"));
    expect(readFileSync(target, "utf8")).toBe("a,b\n");
    expect(readdirSync(join(dir, "out", "deep"))).toEqual(["copy.csv"]);
  });

  it("removes the temporary file when the rename fails", () => {
    const folder = join(dir, "atomic-fail");
    mkdirSync(join(folder, "target-is-a-folder"), { recursive: true });
    writeFileSync(join(folder, "target-is-a-folder", "keep"), "x");
    expect(() => writeFileAtomic(join(folder, "target-is-a-folder"), Buffer.from("data"))).toThrow();
    expect(readdirSync(folder)).toEqual(["target-is-a-folder"]);
  });
});
