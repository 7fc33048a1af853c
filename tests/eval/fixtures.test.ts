// The sample exports in fixtures/: well-formed, in sync with fixtures/README.md, and — when the
// CLI is built — linted as the README says.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { LintMessage, LintResult } from "../../src/types.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (p: string) => `${root}fixtures/${p}`;
const read = (p: string) => readFileSync(fixture(p));

function decoded(file: string): string {
  const bytes = read(file);
  return file.endsWith("-gbk.csv") ? iconv.decode(bytes, "gbk") : bytes.toString("utf8").replace(/^\ufeff/, "");
}

/** Expected findings: where the offending text starts (line:column in the decoded file) and the rules. */
export const EXPECTED: Array<{ file: string; line: number; column: number; text: string; rules: string[] }> = [
  { file: "listings/catalogue.csv", line: 8, column: 157, text: "薇信: neon_studio88", rules: ["no-im-contact"] },
  { file: "listings/catalogue.csv", line: 9, column: 169, text: "138 0013 8000", rules: ["no-phone-number"] },
  { file: "listings/catalogue.csv", line: 10, column: 167, text: "contact us for a better price", rules: ["no-offline-deal"] },
  { file: "listings/catalogue.csv", line: 11, column: 137, text: "sales [at] example-factory [dot] com", rules: ["no-email"] },
  { file: "listings/catalogue.csv", line: 12, column: 167, text: "bit.ly/3xDeskLampCat", rules: ["no-external-link"] },
  { file: "listings/catalogue.csv", line: 15, column: 38, text: "私聊优惠", rules: ["no-offline-deal"] },
  { file: "listings/catalogue.json", line: 27, column: 147, text: "What\\u200bsApp", rules: ["no-im-contact"] },
  { file: "listings/catalogue.json", line: 27, column: 163, text: "+86 139 0013 9000", rules: ["no-phone-number"] },
  { file: "listings/catalogue.json", line: 56, column: 34, text: "scan the QR code to add our WeChat", rules: ["no-qr-code", "no-im-contact"] },
  { file: "listings/catalogue.json", line: 66, column: 19, text: "www。example-silkshop。com", rules: ["no-external-link"] },
  { file: "listings/catalogue.json", line: 63, column: 51, text: "独立站专属价立减10%", rules: ["no-offline-deal"] },
  { file: "listings/catalogue.json", line: 79, column: 123, text: "PayPal friends & family", rules: ["no-offsite-payment"] },
  { file: "listings/catalogue.jsonl", line: 2, column: 158, text: "Telegram @example_fuse_factory", rules: ["no-im-contact"] },
  { file: "listings/catalogue.jsonl", line: 3, column: 196, text: "personal Alipay account", rules: ["no-offsite-payment"] },
  { file: "listings/catalogue.jsonl", line: 5, column: 106, text: "１３７ ００１３ ７０００", rules: ["no-phone-number"] },
  { file: "listings/catalogue.jsonl", line: 6, column: 161, text: "we do not accept Trade Assurance orders, the fee is too high", rules: ["no-assurance-refusal"] },
  { file: "listings/catalogue-gbk.csv", line: 3, column: 55, text: "V信：cup_factory_01", rules: ["no-im-contact"] },
  { file: "listings/catalogue-gbk.csv", line: 5, column: 49, text: "一三九 零零一三 九零零零", rules: ["no-phone-number"] },
  { file: "listings/catalogue-gbk.csv", line: 6, column: 38, text: "私聊优惠", rules: ["no-offline-deal"] },
  { file: "templates/quick-replies.yaml", line: 7, column: 64, text: "add me on WhatsApp", rules: ["no-im-contact"] },
  { file: "templates/quick-replies.yaml", line: 8, column: 5, text: "+86 135 0013 5000", rules: ["no-phone-number"] },
  { file: "templates/quick-replies.yaml", line: 11, column: 15, text: "不走信保", rules: ["no-assurance-refusal"] },
  { file: "templates/quick-replies.yaml", line: 11, column: 22, text: "直接打款到我们公司账户", rules: ["no-offsite-payment"] },
  { file: "templates/package-card.en.txt", line: 5, column: 6, text: "scan the QR code on the package card", rules: ["no-qr-code"] },
  { file: "templates/repeat-order.zh.txt", line: 3, column: 22, text: "线下交易更划算", rules: ["no-offline-deal"] },
  { file: "pages/detail.html", line: 31, column: 43, text: "WhatsApp +86 139 0013 7000", rules: ["no-im-contact"] },
  { file: "pages/detail.html", line: 31, column: 52, text: "+86 139 0013 7000", rules: ["no-phone-number"] },
  { file: "pages/detail.html", line: 32, column: 19, text: "WeChat vb750oem", rules: ["no-im-contact"] },
  { file: "pages/detail.html", line: 33, column: 38, text: "https://shop.example.com/bottles/vb-750s", rules: ["no-external-link"] },
];

/** Expected findings in files without text positions: spreadsheet cells and parts of images. */
export const EXPECTED_MEDIA: Array<{ file: string; where: string; rules: string[] }> = [
  { file: "listings/catalogue.xlsx", where: "Products!G5", rules: ["no-im-contact", "no-phone-number"] },
  { file: "listings/catalogue.xlsx", where: "Products!H6", rules: ["no-phone-number"] },
  { file: "listings/catalogue.xlsx", where: "Products!I7", rules: ["no-external-link"] },
  { file: "listings/catalogue.xlsx", where: "Variants!D3", rules: ["no-email"] },
  { file: "images/qr-corner.jpg", where: "qr", rules: ["no-qr-code", "no-external-link", "no-im-contact"] },
  { file: "images/metadata-contact.jpg", where: "exif.Artist", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "exif.UserComment", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "exif.XPComment", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "xmp.creator", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "xmp.CiEmailWork", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "iptc.Contact", rules: ["no-image-contact"] },
  { file: "images/metadata-contact.jpg", where: "jpeg.COM", rules: ["no-image-contact"] },
  { file: "images/png-text.png", where: "png.tEXt.Comment", rules: ["no-image-contact"] },
  { file: "images/png-text.png", where: "png.iTXt.Description", rules: ["no-image-contact"] },
  { file: "images/drawn-contact-en.png", where: "ocr", rules: ["no-image-contact"] },
  { file: "images/drawn-contact-zh.png", where: "ocr", rules: ["no-image-contact"] },
];
/** Rules a record may also get (borderline), by file and line. */
const MAY: Array<{ file: string; line: number; rule: string }> = [
  { file: "templates/quick-replies.yaml", line: 7, rule: "no-offline-deal" },
  { file: "templates/quick-replies.yaml", line: 8, rule: "no-offline-deal" },
  { file: "templates/quick-replies.yaml", line: 11, rule: "no-offline-deal" },
  { file: "templates/package-card.en.txt", line: 5, rule: "no-offline-deal" },
  { file: "templates/package-card.en.txt", line: 6, rule: "no-offline-deal" },
  // "add our WeChat for wholesale prices", "… to save the platform fees": price lures tied to a channel.
  { file: "listings/catalogue.json", line: 56, rule: "no-offline-deal" },
  { file: "listings/catalogue.json", line: 79, rule: "no-offline-deal" },
  // "… the fee is too high; T/T only": the method offered instead of Trade Assurance.
  { file: "listings/catalogue.jsonl", line: 6, rule: "no-offsite-payment" },
  // "quote on WhatsApp" in the hidden block: a price talk moved to a channel.
  { file: "pages/detail.html", line: 31, rule: "no-offline-deal" },
];
/** "加微信拿底价" read from an image: the price lure, besides the contact. */
const MAY_MEDIA: Array<{ file: string; where: string; rule: string }> = [
  { file: "images/metadata-contact.jpg", where: "exif.XPComment", rule: "no-offline-deal" },
  { file: "images/png-text.png", where: "png.iTXt.Description", rule: "no-offline-deal" },
  { file: "images/drawn-contact-zh.png", where: "ocr", rule: "no-offline-deal" },
];

describe("fixtures", () => {
  it("README positions point at the offending text", () => {
    const readme = read("README.md").toString("utf8");
    for (const e of EXPECTED) {
      const line = decoded(e.file).split(/\r\n|\n/)[e.line - 1]!;
      expect(line.slice(e.column - 1).startsWith(e.text), `${e.file}:${e.line}:${e.column}`).toBe(true);
      expect(readme, `README lists ${e.file} ${e.line}:${e.column}`).toContain(`${e.line}:${e.column}`);
    }
  });

  it("catalogue.csv is an Excel UTF-8 CSV with a BOM, CRLF rows, doubled quotes and a multi-line cell", () => {
    const bytes = read("listings/catalogue.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["sku", "title", "description", "keywords", "attributes", "image_alt"]);
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.description!.split("\n").length === 3)).toHaveLength(1);
    expect(rows.some((r) => r.title!.includes('"'))).toBe(true);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")).toHaveLength(13 + 1); // header + 12 rows, each ending in CRLF
    expect(text.match(/(?<!\r)\n/g)).toHaveLength(2); // the multi-line cell's own breaks are LF, as Excel writes them
  });

  it("catalogue.json has nested attributes and images, and an escaped zero-width space", () => {
    const text = read("listings/catalogue.json").toString("utf8");
    expect(text).toContain("\\u200b");
    const items = JSON.parse(text) as Array<{ sku: string; attributes: Record<string, string>; images: Array<{ src: string; alt: string }> }>;
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const item of items) {
      expect(typeof item.attributes).toBe("object");
      expect(item.images.length).toBeGreaterThan(0);
      for (const img of item.images) expect(Object.keys(img)).toEqual(["src", "alt"]);
    }
  });

  it("catalogue.jsonl has one object per line", () => {
    const lines = read("listings/catalogue.jsonl").toString("utf8").trimEnd().split("\n");
    for (const l of lines) expect(typeof JSON.parse(l)).toBe("object");
  });

  it("catalogue-gbk.csv is GBK, not UTF-8", () => {
    const bytes = read("listings/catalogue-gbk.csv");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const rows = parseCsv(iconv.decode(bytes, "gbk"), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["商品编码", "商品标题", "商品描述", "关键词"]);
    expect(rows).toHaveLength(5);
  });

  it("quick-replies.yaml is a library of strings", () => {
    const lib = parseYaml(read("templates/quick-replies.yaml").toString("utf8")) as Record<string, Record<string, string>>;
    expect(Object.keys(lib)).toEqual(["greeting", "price", "payment", "sample"]);
    for (const group of Object.values(lib)) for (const v of Object.values(group)) expect(typeof v).toBe("string");
    expect(lib.price!.en).toContain("WhatsApp +86 135 0013 5000"); // folded over two lines in the file
  });

  // Runs the real CLI (built by `npm test` before the suite).
  const cli = `${root}bin/offsite-lint.js`;
  it.runIf(existsSync(`${root}dist/src/cli.js`))(
    "the CLI reports exactly the expected findings",
    { timeout: 90_000 },
    () => {
      const run = spawnSync(process.execPath, [cli, "--format", "json", "--no-config-lookup", fixture("")], { encoding: "utf8", cwd: root });
      expect(run.status, run.stderr).toBe(1);
      const results = JSON.parse(run.stdout) as LintResult[];
      const rel = (p: string) => p.replace(/\\/g, "/").split("/fixtures/")[1] ?? p;
      // The clean product shots and the clean page are linted and stay quiet.
      for (const clean of ["images/clean-specs.jpg", "images/clean-plain.png", "pages/clean.html"]) {
        const result = results.find((r) => rel(r.filePath) === clean);
        expect(result?.messages, clean).toEqual([]);
      }
      const problems: string[] = [];
      const got = results.flatMap((r) => r.messages.map((m) => ({ file: rel(r.filePath), m })));
      const where = (m: LintMessage) => m.cell ?? m.field;
      for (const e of EXPECTED_MEDIA) {
        for (const rule of e.rules) {
          if (!got.some(({ file, m }) => file === e.file && m.ruleId === rule && where(m) === e.where)) problems.push(`missing ${rule} at ${e.file} ${e.where}`);
        }
      }
      for (const e of EXPECTED) {
        for (const rule of e.rules) {
          const hit = got.some(({ file, m }) => file === e.file && m.ruleId === rule && m.line <= e.line && (m.endLine ?? m.line) >= e.line);
          if (!hit) problems.push(`missing ${rule} at ${e.file}:${e.line}:${e.column} (${e.text})`);
        }
      }
      for (const { file, m } of got) {
        const ok =
          EXPECTED_MEDIA.some((e) => e.file === file && e.rules.includes(m.ruleId ?? "") && e.where === where(m)) ||
          MAY_MEDIA.some((e) => e.file === file && e.rule === m.ruleId && e.where === where(m)) ||
          EXPECTED.some((e) => e.file === file && e.rules.includes(m.ruleId ?? "") && m.line <= e.line && (m.endLine ?? m.line) >= e.line) ||
          MAY.some((x) => x.file === file && x.rule === m.ruleId && m.line <= x.line && (m.endLine ?? m.line) >= x.line);
        if (!ok) problems.push(`unexpected ${m.ruleId} at ${file}:${m.line}:${m.column}: ${m.message}`);
      }
      expect(problems).toEqual([]);
    },
  );
});
