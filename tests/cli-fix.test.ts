// `--fix`, `--fix-dry-run` and `--fix-output` end to end, spawned as users run them (build first:
// `npx tsc -p .`).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import iconv from "iconv-lite";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 30_000 });

const bin = resolve(__dirname, "../bin/offsite-lint.js");
const roots: string[] = [];
let dir: string;

function run(args: string[], options: { input?: string } = {}) {
  const result = spawnSync(process.execPath, [bin, "--no-config-lookup", ...args], {
    cwd: dir,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const hash = (path: string) => createHash("sha256").update(readFileSync(join(dir, path))).digest("hex");
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const write = (path: string, content: string | Buffer) => {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), content);
};

const REPLY = "Hello!\r\nThanks for your order.\r\nWhatsApp: +86 138 0013 8000\r\nContact us for a better price.\r\n";
const REPLY_FIXED = "Hello!\r\nThanks for your order.\r\nPlease discuss the price in the platform chat; discounts are applied in the platform order.\r\n";
const CSV = 'sku,title,description\r\nA-1,"Cuban link chain","14K gold, 5mm"\r\nA-2,"LED ""neon"" sign","Custom text.\r\nWeChat: neon_shop88"\r\nA-3,Lamp,Call 13800138000 now\r\n';
const CSV_FIXED = 'sku,title,description\r\nA-1,"Cuban link chain","14K gold, 5mm"\r\nA-2,"LED ""neon"" sign","Custom text."\r\nA-3,Lamp,Call now\r\n';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-cli-fix-"));
  roots.push(dir);
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("--fix on reply templates", () => {
  it("rewrites a .txt in place (CRLF kept), reports nothing left, exits 0, leaves no temp file", () => {
    write("replies/welcome.txt", REPLY);
    const r = run(["--fix", "replies"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(read("replies/welcome.txt")).toBe(REPLY_FIXED);
    expect(readdirSync(join(dir, "replies"))).toEqual(["welcome.txt"]);
  });

  it("rewrites a .md and reports what it could not fix (exit 1)", () => {
    const md = [
      "# After-sales",
      "",
      "- Visit [our store](https://lamps-direct-shop.com) for manuals.",
      "- Email: service@lamps-direct-shop.com",
      "- Dear Tom, for the deposit please use PayPal friends and family to my private account, and after that we pack the order with the manual and the spare parts.",
      "",
    ].join("\n");
    write("after-sales.md", md);
    const r = run(["--fix", "-f", "json", "after-sales.md"]);
    expect(r.code).toBe(1);
    expect(read("after-sales.md")).toBe(
      ["# After-sales", "", "- Visit our store for manuals.", "- Dear Tom, for the deposit please use PayPal friends and family to my private account, and after that we pack the order with the manual and the spare parts.", ""].join("\n"),
    );
    const [result] = JSON.parse(r.stdout);
    expect(result.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(["no-offsite-payment"]);
    expect(result.messages[0].suggestions[0].fix.text).toBe("Please pay through the platform order.");
    expect(result.output).toBe(read("after-sales.md"));
  });

  it("rewrites a .yaml library with each scalar re-escaped for its style", () => {
    const yaml = [
      "refund: 'It''s done. WeChat: lamp_88'",
      'shipping: "Shipped today. Tel: 13800138000 \\u263A"',
      "offline: |",
      "  Thanks!",
      "  线下交易更划算。",
      "",
    ].join("\n");
    write("library.yaml", yaml);
    const r = run(["--fix", "library.yaml"]);
    expect(r.code).toBe(0);
    const text = read("library.yaml");
    expect(text).toContain("refund: 'It''s done.'");
    expect(text).toContain('shipping: "Shipped today. \\u263A"');
    expect(parseYaml(text)).toEqual({
      refund: "It's done.",
      shipping: "Shipped today. \u263A",
      offline: "Thanks!\n价格请在平台站内沟通，优惠在平台订单中改价。\n",
    });
  });

  it("keeps a GBK template GBK and a UTF-16 one UTF-16 with its BOM", () => {
    write("gbk.txt", iconv.encode("您好！\r\n加我微信：abc12345，谢谢\r\n", "gbk"));
    write("utf16.txt", iconv.encode("Hi!\nEmail: sales@abc-lamps.com\n", "utf-16le", { addBOM: true }));
    expect(run(["--fix", "gbk.txt", "utf16.txt"]).code).toBe(0);
    expect(readFileSync(join(dir, "gbk.txt")).equals(iconv.encode("您好！\r\n加我，谢谢\r\n", "gbk"))).toBe(true);
    expect(readFileSync(join(dir, "utf16.txt")).equals(iconv.encode("Hi!\n", "utf-16le", { addBOM: true }))).toBe(true);
  });
});

describe("--fix-dry-run", () => {
  it("leaves the file unchanged and puts the fixed text in the JSON output", () => {
    write("welcome.txt", REPLY);
    const before = hash("welcome.txt");
    const r = run(["--fix-dry-run", "-f", "json", "welcome.txt"]);
    expect(r.code).toBe(0);
    expect(hash("welcome.txt")).toBe(before);
    const [result] = JSON.parse(r.stdout);
    expect(result.output).toBe(REPLY_FIXED);
    expect(result.messages).toEqual([]);
  });

  it("works on standard input", () => {
    const r = run(["--stdin", "--stdin-filename", "reply.txt", "--fix-dry-run", "-f", "json"], { input: "Hi.\nWeChat: lamp_88\n" });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].output).toBe("Hi.\n");
  });

  it("a plain lint reports ESLint-style fix ranges and fixable counts", () => {
    write("welcome.txt", REPLY);
    const [result] = JSON.parse(run(["-f", "json", "welcome.txt"]).stdout);
    const fixable = result.messages.filter((m: { fix?: unknown }) => m.fix);
    expect(fixable.length).toBeGreaterThan(0);
    expect(result.fixableErrorCount).toBe(fixable.filter((m: { severity: number }) => m.severity === 2).length);
    const im = result.messages.find((m: { ruleId: string }) => m.ruleId === "no-im-contact");
    expect(REPLY.slice(im.fix.range[0], im.fix.range[1])).toBe("WhatsApp: +86 138 0013 8000\r\n");
  });
});

describe("listings are never rewritten in place", () => {
  it("--fix on a CSV without --fix-output leaves it byte for byte, and says why", () => {
    write("exports/listings.csv", CSV);
    const before = hash("exports/listings.csv");
    const r = run(["--fix", "exports"]);
    expect(r.code).toBe(1);
    expect(hash("exports/listings.csv")).toBe(before);
    expect(readdirSync(join(dir, "exports"))).toEqual(["listings.csv"]);
    expect(r.stderr).toMatch(/listings are never rewritten in place.*exports[\\/]listings\.csv.*--fix-output/s);
  });

  it("--fix --fix-output writes a cleaned copy at the same relative path; the original is untouched", () => {
    write("exports/listings.csv", CSV);
    write("exports/gbk.csv", iconv.encode("货号,描述\r\nG-1,欢迎咨询，微信：shop_2024\r\n", "gbk"));
    write("exports/items.json", JSON.stringify([{ sku: "J-1", description: "Tote bag. Call 138 0013 8000 now" }], null, 2));
    write("replies/welcome.txt", REPLY);
    const before = [hash("exports/listings.csv"), hash("exports/gbk.csv"), hash("exports/items.json"), hash("replies/welcome.txt")];
    const r = run(["--fix", "--fix-output", "clean", "exports", "replies"]);
    expect(r.code).toBe(0);
    expect([hash("exports/listings.csv"), hash("exports/gbk.csv"), hash("exports/items.json"), hash("replies/welcome.txt")]).toEqual(before);
    expect(read("clean/exports/listings.csv")).toBe(CSV_FIXED);
    expect(readFileSync(join(dir, "clean/exports/gbk.csv")).equals(iconv.encode("货号,描述\r\nG-1,欢迎咨询\r\n", "gbk"))).toBe(true);
    expect(JSON.parse(read("clean/exports/items.json"))).toEqual([{ sku: "J-1", description: "Tote bag. Call now" }]);
    expect(read("clean/replies/welcome.txt")).toBe(REPLY_FIXED);
    expect(r.stderr).toContain("wrote fixed copy clean");
  });

  it("--fix-dry-run --fix-output writes nothing", () => {
    write("listings.csv", CSV);
    const r = run(["--fix-dry-run", "--fix-output", "clean", "-f", "json", "listings.csv"]);
    expect(readdirSync(dir)).toEqual(["listings.csv"]);
    expect(JSON.parse(r.stdout)[0].output).toBe(CSV_FIXED);
  });

  it("refuses to let --fix-output overwrite the listing itself", () => {
    write("listings.csv", CSV);
    const before = hash("listings.csv");
    const r = run(["--fix", "--fix-output", ".", "listings.csv"]);
    expect(hash("listings.csv")).toBe(before);
    expect(r.stderr).toMatch(/would replace the listing itself/);
  });
});

describe("bad usage", () => {
  it("--fix with --fix-dry-run, --fix with --stdin, --fix-output alone: exit 2", () => {
    write("a.txt", "hi\n");
    expect(run(["--fix", "--fix-dry-run", "a.txt"]).code).toBe(2);
    expect(run(["--fix", "--stdin"], { input: "hi" }).code).toBe(2);
    const alone = run(["--fix-output", "out", "a.txt"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--fix-output/);
  });
});
