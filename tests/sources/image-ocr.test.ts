// OCR of drawn text, on the committed fixture images (fonts differ between machines, so no image
// is drawn at test time). One worker serves the whole file and is ended in afterAll.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { recognizeText, terminateOcr } from "../../src/sources/image/ocr.js";

const TIMEOUT = 60_000;
const fixture = (name: string) => readFile(join("fixtures", "images", name));
/** Digits only, so "139 1234-5678" and "13912345678" compare equal. */
const digits = (text: string) => text.replace(/\D/g, "");

afterAll(() => terminateOcr());

/**
 * The English fixture with its caption band (y 800–920, dark letters on white) redrawn as white
 * letters with a 1-pixel dark outline on a textured grey: made from the fixture's pixels, no fonts.
 */
async function outlinedVersion(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).grayscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const raw = { raw: { width, height, channels: 1 as const } };
  const inBand = (i: number) => i >= 800 * width && i < 920 * width;
  const letters = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) letters[i] = inBand(i) && data[i]! < 100 ? 255 : 0;
  const outline = await sharp(letters, raw).dilate(1).toColourspace("b-w").raw().toBuffer();
  const out = Buffer.from(data);
  for (let i = 0; i < out.length; i++) {
    if (!inBand(i)) continue;
    const [x, y] = [i % width, Math.floor(i / width)];
    out[i] = letters[i] ? 250 : outline[i] ? 25 : 170 + ((x * 7 + y * 13) % 30);
  }
  return sharp(out, raw).png().toBuffer();
}

describe("recognizeText", () => {
  it("reads an English contact drawn on a product photo", { timeout: TIMEOUT }, async () => {
    const { text, confidence } = await recognizeText(await fixture("drawn-contact-en.png"));
    expect(text).toMatch(/whatsapp/i);
    expect(digits(text)).toContain("8613912345678");
    expect(confidence).toBeGreaterThan(60);
  });

  it("reads Chinese text and an id, without spaces between the Chinese characters", { timeout: TIMEOUT }, async () => {
    const { text } = await recognizeText(await fixture("drawn-contact-zh.png"));
    expect(text).toContain("微信");
    expect(text).toContain("shop_lily2024");
  });

  it("reads specs on a clean photo, with no phone-like run of digits", { timeout: TIMEOUT }, async () => {
    const { text } = await recognizeText(await fixture("clean-specs.jpg"));
    expect(text).toContain("20000mAh");
    expect(text).toContain("65W");
    expect(text.replace(/[\s-]/g, "")).not.toMatch(/\d{7}/);
  });

  it("finds no text on a photo without any", { timeout: TIMEOUT }, async () => {
    const { text, confidence } = await recognizeText(await fixture("clean-plain.png"));
    expect(text.replace(/\s/g, "").length).toBeLessThanOrEqual(2);
    if (text === "") expect(confidence).toBe(0);
  });

  it("reads white text outlined in black on a textured band (the light-text pass)", { timeout: TIMEOUT }, async () => {
    // Tesseract's own binarisation turns such letters into hollow outlines and reads nothing.
    const { text } = await recognizeText(await outlinedVersion(await fixture("drawn-contact-en.png")));
    expect(digits(text)).toContain("8613912345678");
  });

  it("turns a photo upright as its EXIF orientation says", { timeout: TIMEOUT }, async () => {
    // Stored turned a quarter left, tagged "rotate 90° clockwise to view" (6), as phones save photos.
    const sideways = await sharp(await fixture("drawn-contact-en.png"))
      .rotate(-90)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(digits((await recognizeText(sideways)).text)).toContain("13912345678");
  });

  it("gives one line per row of text, joined by \\n", { timeout: TIMEOUT }, async () => {
    const lines = (await recognizeText(await fixture("clean-specs.jpg"))).text.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^20000mAh PD 65W/);
    expect(lines[1]).toMatch(/^Model PB-2000/);
  });

  it("serves concurrent calls from one worker, each with its own result", { timeout: TIMEOUT }, async () => {
    const [en, zh, plain] = await Promise.all(
      ["drawn-contact-en.png", "drawn-contact-zh.png", "clean-plain.png"].map(async (name) =>
        recognizeText(await fixture(name)),
      ),
    );
    expect(digits(en!.text)).toContain("13912345678");
    expect(zh!.text).toContain("shop_lily2024");
    expect(plain!.text.trim().length).toBeLessThanOrEqual(2);
  });

  it("rejects bytes that are not an image, and keeps working after", { timeout: TIMEOUT }, async () => {
    await expect(recognizeText(Buffer.from("not an image"))).rejects.toThrow(Error);
    expect(digits((await recognizeText(await fixture("drawn-contact-en.png"))).text)).toContain("5678");
  });

  it("restarts lazily after terminateOcr, writing nothing to the working directory", { timeout: TIMEOUT }, async () => {
    // tesseract.js caches traineddata in the working directory unless told not to. This process
    // (vitest's default "forks" pool) may chdir; the restarted worker loads its data from there.
    const dir = await mkdtemp(join(tmpdir(), "offsite-lint-ocr-cwd-"));
    const image = await fixture("drawn-contact-zh.png"); // read before leaving the project folder
    const cwd = process.cwd();
    try {
      await terminateOcr();
      await terminateOcr(); // a second call, with no worker, is harmless
      process.chdir(dir);
      const { text } = await recognizeText(image);
      expect(text).toContain("shop_lily2024");
      await terminateOcr();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("terminateOcr without a worker", () => {
  it("resolves when no worker was ever started", async () => {
    vi.resetModules();
    const fresh = await import("../../src/sources/image/ocr.js");
    await expect(fresh.terminateOcr()).resolves.toBeUndefined();
  });
});

describe("a worker that cannot start", () => {
  it("rejects with a clear error instead of hanging", { timeout: TIMEOUT }, async () => {
    vi.resetModules();
    // tesseract.js reports start-up failures only to errorHandler; its promise never settles.
    vi.doMock("tesseract.js", async (importOriginal) => {
      const real = ((await importOriginal()) as { default: typeof import("tesseract.js") }).default;
      const createWorker = (_langs: unknown, _oem: unknown, options: { errorHandler: (e: unknown) => void }) => {
        setTimeout(() => options.errorHandler("Error: initialization failed"), 10);
        return new Promise(() => undefined);
      };
      return { default: { ...real, createWorker } };
    });
    try {
      const broken = await import("../../src/sources/image/ocr.js");
      const image = await fixture("clean-plain.png");
      const failure = /could not start the OCR engine.*initialization failed/;
      await expect(broken.recognizeText(image)).rejects.toThrow(failure);
      await broken.terminateOcr();
    } finally {
      vi.doUnmock("tesseract.js");
      vi.resetModules();
    }
  });
});
