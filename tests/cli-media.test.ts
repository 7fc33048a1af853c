// Images, spreadsheets and HTML end to end through the CLI, as users run it: what is reported
// where (cell, image field, hidden text), images named by a listing, --no-ocr, and nothing left
// behind in the working folder.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// OCR and image decoding on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

const root = resolve(__dirname, "..");
const bin = join(root, "bin/offsite-lint.js");
const fixture = (p: string) => join(root, "fixtures", p);
let dir: string;

interface Message {
  ruleId: string | null;
  line: number;
  column: number;
  field?: string;
  cell?: string;
  origin?: string;
  message: string;
  match?: string;
  fatal?: boolean;
}

function lint(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [bin, "--no-config-lookup", "-f", "json", ...args], { cwd, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" } });
  const results = r.stdout ? (JSON.parse(r.stdout) as Array<{ filePath: string; messages: Message[] }>) : [];
  return { code: r.status, stderr: r.stderr, results, messages: (name: string) => results.find((x) => x.filePath.endsWith(name))?.messages ?? [] };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-media-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("images", () => {
  it("reports the QR payload, the metadata contact and the drawn-on contact at line 1, column 1 with the field", () => {
    const r = lint([fixture("images")]);
    expect(r.code).toBe(1);
    const qr = r.messages("qr-corner.jpg").find((m) => m.ruleId === "no-qr-code");
    expect(qr).toMatchObject({ line: 1, column: 1, field: "qr", origin: "qr" });
    expect(qr!.message).toContain("wa.me/");
    const meta = r.messages("metadata-contact.jpg").filter((m) => m.ruleId === "no-image-contact");
    expect(meta.map((m) => m.field)).toEqual(expect.arrayContaining(["exif.Artist", "xmp.creator"]));
    for (const m of meta) expect(m).toMatchObject({ line: 1, column: 1, origin: "metadata" });
    const drawn = r.messages("drawn-contact-en.png").find((m) => m.ruleId === "no-image-contact");
    expect(drawn).toMatchObject({ field: "ocr", origin: "ocr" });
    expect(drawn!.match!.replace(/\D/g, "")).toContain("1391234");
    expect(r.messages("drawn-contact-zh.png").some((m) => m.ruleId === "no-image-contact" && /shop_lily2024/.test(m.match ?? ""))).toBe(true);
    // Clean product shots: specifications drawn on the photo, ordinary metadata.
    expect(r.messages("clean-specs.jpg")).toEqual([]);
    expect(r.messages("clean-plain.png")).toEqual([]);
  });

  it("--no-ocr skips the drawn-on text but still reads QR codes and metadata", () => {
    const r = lint(["--no-ocr", fixture("images/drawn-contact-en.png"), fixture("images/qr-corner.jpg")]);
    expect(r.messages("drawn-contact-en.png")).toEqual([]);
    expect(r.messages("qr-corner.jpg").some((m) => m.ruleId === "no-qr-code")).toBe(true);
  });

  it("lints the local images a listing names, once, at the image's own path, and leaves nothing behind", () => {
    const work = mkdtempSync(join(dir, "export-"));
    mkdirSync(join(work, "images"));
    copyFileSync(fixture("images/qr-corner.jpg"), join(work, "images/sku-1.jpg"));
    copyFileSync(fixture("images/clean-plain.png"), join(work, "images/sku-2.png"));
    writeFileSync(
      join(work, "listings.csv"),
      "sku,title,main_image,gallery\r\nS-1,Desk lamp,images/sku-1.jpg,images/sku-1.jpg; images/sku-2.png\r\nS-2,Floor lamp,images/sku-1.jpg,https://cdn.example.com/x.jpg\r\nS-3,Wall lamp,images/missing.jpg,\r\n",
    );
    const before = readdirSync(work).sort();
    const r = lint(["listings.csv"], work);
    const images = r.results.filter((x) => /images[\\/]sku-1\.jpg$/.test(x.filePath));
    expect(images).toHaveLength(1);
    expect(images[0]!.messages.some((m) => m.ruleId === "no-qr-code")).toBe(true);
    expect(r.results.filter((x) => /sku-2\.png$/.test(x.filePath))).toHaveLength(1);
    expect(r.results.some((x) => /missing\.jpg$/.test(x.filePath))).toBe(false);
    // No OCR language data, cache or temp file in the user's folder.
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it("a truncated image or a text file named .png is one fatal message and the run goes on", () => {
    const bytes = readFileSync(fixture("images/clean-specs.jpg"));
    writeFileSync(join(dir, "truncated.jpg"), bytes.subarray(0, 600));
    writeFileSync(join(dir, "not-an-image.png"), "hello, this is text\n");
    writeFileSync(join(dir, "bad.txt"), "add me on WhatsApp +86 139 2211 4455\n");
    const r = lint(["truncated.jpg", "not-an-image.png", "bad.txt"]);
    expect(r.code).toBe(1);
    for (const name of ["truncated.jpg", "not-an-image.png"]) {
      const messages = r.messages(name);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ fatal: true, line: 1 });
    }
    expect(r.messages("bad.txt").length).toBeGreaterThan(0);
  });
});

describe("image settings in the config", () => {
  it("limits.maxImagePixels makes a bigger image a fatal message; ocr: false skips drawn-on text", () => {
    const work = mkdtempSync(join(dir, "config-"));
    copyFileSync(fixture("images/drawn-contact-en.png"), join(work, "drawn.png"));
    writeFileSync(join(work, ".offsitelintrc.yaml"), "ocr: false\n");
    const spawn = (args: string[]) =>
      spawnSync(process.execPath, [bin, "-f", "json", ...args], { cwd: work, encoding: "utf8" });
    const withoutOcr = JSON.parse(spawn(["drawn.png"]).stdout) as Array<{ messages: Message[] }>;
    expect(withoutOcr[0]!.messages).toEqual([]);
    writeFileSync(join(work, ".offsitelintrc.yaml"), "limits:\n  maxImagePixels: 500000\n");
    const limited = JSON.parse(spawn(["drawn.png"]).stdout) as Array<{ messages: Message[] }>;
    expect(limited[0]!.messages).toHaveLength(1);
    expect(limited[0]!.messages[0]).toMatchObject({ fatal: true });
    expect(limited[0]!.messages[0]!.message).toMatch(/maxImagePixels/);
  });
});

describe("spreadsheets", () => {
  it("each message carries the cell; line is the row and column the column number", () => {
    const r = lint([fixture("listings/catalogue.xlsx")]);
    const messages = r.messages("catalogue.xlsx");
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(m.cell).toMatch(/^(?:'[^']+'|[A-Za-z0-9_]+)![A-Z]+\d+$/);
      const [, col, row] = /!([A-Z]+)(\d+)$/.exec(m.cell!)!;
      expect(m.line).toBe(Number(row));
      expect(m.column).toBe([...col!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0));
    }
    expect(messages.some((m) => m.ruleId === "no-email" && m.cell!.startsWith("Variants!"))).toBe(true);
  });
});

describe("HTML", () => {
  it("reports hidden contact text as hidden, and comments and links, at the original characters", () => {
    const r = lint([fixture("pages/detail.html"), fixture("pages/clean.html")]);
    const messages = r.messages("detail.html");
    const hidden = messages.find((m) => m.ruleId === "no-phone-number");
    expect(hidden).toMatchObject({ origin: "hidden", line: 31, column: 52 });
    expect(hidden!.message).toMatch(/^Hidden in the page \(display:none\): /);
    expect(messages.find((m) => m.origin === "comment")?.message).toMatch(/^In an HTML comment: /);
    expect(messages.some((m) => m.ruleId === "no-external-link")).toBe(true);
    expect(r.messages("clean.html")).toEqual([]);
  });

  it("reads HTML inside a listing field and points into the CSV cell", () => {
    const csv = 'sku,description\r\nH-1,"<p>Steel bottle, 750 ml.</p><div style=""display:none"">WhatsApp <b>+86 139</b> 2211 4455</div>"\r\n';
    writeFileSync(join(dir, "html-cells.csv"), csv);
    const r = lint(["html-cells.csv"]);
    const phone = r.messages("html-cells.csv").find((m) => m.ruleId === "no-phone-number");
    expect(phone).toMatchObject({ origin: "hidden", line: 2 });
    const line = csv.split("\r\n")[1]!;
    expect(line.slice(phone!.column - 1).startsWith("+86 139")).toBe(true);
  });
});
