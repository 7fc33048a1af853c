// The image reader on the committed fixtures (fixtures/images, made by fixtures/make-images.mjs),
// on other containers (WebP, AVIF, TIFF, GIF) and on hostile files: decompression bombs, truncated
// and corrupt images, files that are not images.

import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMegapixels, imageReader } from "../../src/sources/image/index.js";
import { formatBytes, resolveLimits } from "../../src/sources/limits.js";
import { DEFAULT_LIMITS, SourceError, type ReaderOptions, type SourceRecord } from "../../src/types.js";
import { makeTempDir, rejection, writeFixture } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/images", import.meta.url));

async function readImage(filePath: string, options: ReaderOptions = { ocr: false }): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of imageReader.read({ filePath, open: () => createReadStream(filePath), options })) records.push(record);
  return records;
}

const readFixture = (name: string, options?: ReaderOptions) => readImage(join(FIXTURES, name), options);

/** name → text of the record's fields, for one origin. */
function texts(record: SourceRecord | undefined, origin: string): Record<string, string> {
  return Object.fromEntries((record?.fields ?? []).filter((f) => f.origin === origin).map((f) => [f.name, f.text]));
}

/** Phone-number runs, e-mail, links and messenger names: what must not be in a clean image. */
const CONTACT_LIKE = /\d{3}[ -]?\d{4}[ -]?\d{4}|\d{7,}|@|https?:|www\.|wechat|weixin|whatsapp|微信|vx/i;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe("imageReader", () => {
  it("reads the image extensions as listings and can dispose of OCR", () => {
    expect(imageReader.extensions).toEqual([".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".avif"]);
    expect(imageReader.kind).toBe("listing");
    expect(typeof imageReader.dispose).toBe("function");
  });

  it("yields one record at line 1 whose fields all map to 1:1", async () => {
    const records = await readFixture("metadata-contact.jpg");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ index: 0, line: 1 });
    for (const field of records[0]!.fields) {
      expect(field.position(0)).toEqual({ line: 1, column: 1 });
      expect(field.position(field.text.length)).toEqual({ line: 1, column: 1 });
    }
  });
});

describe("fixtures (OCR off)", () => {
  it("qr-corner.jpg: the small WhatsApp code in the corner", async () => {
    const [record] = await readFixture("qr-corner.jpg");
    expect(record!.fields.map((f) => [f.name, f.origin, f.text])).toEqual([["qr", "qr", "https://wa.me/8613912345678"]]);
  });

  it("metadata-contact.jpg: EXIF, XMP, IPTC and COM text, technical tags left out", async () => {
    const [record] = await readFixture("metadata-contact.jpg");
    expect(texts(record, "qr")).toEqual({});
    expect(texts(record, "metadata")).toEqual({
      "exif.Artist": "WeChat: shop_lily2024",
      "exif.UserComment": "客服电话 139-1234-5678",
      "exif.XPComment": "加微信 shop_lily2024 拿底价",
      "xmp.creator": "Lily Tel +86 139 1234 5678",
      "xmp.title": "Power bank 20000mAh",
      "xmp.CiEmailWork": "lily.shop2024@example.com",
      "iptc.Byline": "Lily Studio",
      "iptc.Contact": "微信 shop_lily2024",
      "jpeg.COM": "Wholesale: lily.shop2024@example.com",
    });
    expect(record!.fields.every((f) => f.origin === "metadata")).toBe(true);
  });

  it("png-text.png: tEXt, zTXt and compressed iTXt chunks", async () => {
    const [record] = await readFixture("png-text.png");
    expect(texts(record, "metadata")).toEqual({
      "png.tEXt.Comment": "Questions? Mail lily.shop2024@example.com",
      "png.zTXt.Copyright": "(c) Lily Home Goods",
      "png.iTXt.Description": "客服电话 139 1234 5678，加微信拿底价",
    });
    expect(record!.fields.map((f) => f.name)).not.toContain("png.tEXt.Software");
  });

  it.each(["drawn-contact-en.png", "drawn-contact-zh.png", "clean-plain.png"])("%s: no fields without OCR", async (name) => {
    const [record] = await readFixture(name);
    expect(record!.fields).toEqual([]);
  });

  it("clean-specs.jpg: ordinary EXIF without contact details, no QR", async () => {
    const [record] = await readFixture("clean-specs.jpg");
    expect(texts(record, "metadata")).toEqual({ "exif.Artist": "Studio Photo Dept", "exif.Copyright": "(c) 2024 Lily Home Goods" });
    expect(texts(record, "qr")).toEqual({});
  });

  it.each(["clean-specs.jpg", "clean-plain.png"])("%s: nothing contact-like", async (name) => {
    const [record] = await readFixture(name);
    for (const field of record!.fields) expect(field.text).not.toMatch(CONTACT_LIKE);
  });
});

describe("fixtures (OCR on)", () => {
  afterAll(async () => {
    await imageReader.dispose?.();
  });

  it.each([
    ["drawn-contact-en.png", /WhatsApp \+86 139 1234 5678/],
    ["drawn-contact-zh.png", /加微信 ?shop_lily2024 ?拿底价/],
    ["clean-specs.jpg", /20000mAh PD 65W/],
  ])("%s: the drawn text as the `ocr` field", async (name, expected) => {
    const [record] = await readFixture(name, {});
    const ocr = record!.fields.filter((f) => f.origin === "ocr");
    expect(ocr.map((f) => f.name)).toEqual(["ocr"]);
    expect(ocr[0]!.text).toMatch(expected);
  }, 30_000); // the first call starts the OCR worker

  it("clean-plain.png: no `ocr` field when no text is drawn", async () => {
    const [record] = await readFixture("clean-plain.png", { ocr: true });
    expect(record!.fields).toEqual([]);
  }, 30_000);
});

describe("other containers", () => {
  async function convert(format: "webp" | "avif" | "tiff" | "gif" | "png", name: string): Promise<string> {
    const source = await readFile(join(FIXTURES, "metadata-contact.jpg"));
    const bytes = await sharp(source).keepExif().keepXmp()[format]().toBuffer();
    return writeFixture(temp.dir, name, bytes);
  }

  it.each([
    ["webp", "photo.webp"],
    ["avif", "photo.avif"],
    ["png", "photo-exif.png"],
  ] as const)("%s: EXIF and XMP carried over by sharp are read", async (format, name) => {
    const [record] = await readImage(await convert(format, name));
    const found = texts(record, "metadata");
    expect(found["exif.Artist"]).toBe("WeChat: shop_lily2024");
    expect(found["exif.XPComment"]).toBe("加微信 shop_lily2024 拿底价");
    expect(found["xmp.creator"]).toBe("Lily Tel +86 139 1234 5678");
  });

  it("tiff: XMP is read (sharp does not write EXIF text tags to TIFF)", async () => {
    const [record] = await readImage(await convert("tiff", "photo.tif"));
    expect(texts(record, "metadata")["xmp.creator"]).toBe("Lily Tel +86 139 1234 5678");
  });

  it("gif: a comment extension is read", async () => {
    const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#8fb996" } }).gif().toBuffer();
    const afterColourTable = 13 + (gif[10]! & 0x80 ? 3 << ((gif[10]! & 7) + 1) : 0);
    const text = Buffer.from("Add WeChat shop_lily2024", "utf8");
    const comment = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
    const path = await writeFixture(temp.dir, "comment.gif", Buffer.concat([gif.subarray(0, afterColourTable), comment, gif.subarray(afterColourTable)]));
    const [record] = await readImage(path);
    expect(texts(record, "metadata")).toEqual({ "gif.comment": "Add WeChat shop_lily2024" });
  });
});

describe("hostile and broken files", () => {
  const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  function pngChunk(type: string, data: Buffer): Buffer {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  }

  /** A valid PNG header declaring width×height, with a tiny IDAT: a decompression bomb's shape. */
  function declaredPng(width: number, height: number): Buffer {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk("IHDR", ihdr),
      pngChunk("IDAT", deflateSync(Buffer.alloc(width + 1))), // one row of a huge image
      pngChunk("IEND", Buffer.alloc(0)),
    ]);
  }

  async function failure(path: string, options?: ReaderOptions): Promise<Error> {
    const error = await rejection(readImage(path, options));
    expect(error).toBeInstanceOf(SourceError);
    return error;
  }

  it("refuses a 50000×50000 PNG from its header, before decoding", async () => {
    const path = await writeFixture(temp.dir, "bomb.png", declaredPng(50000, 50000));
    const error = await failure(path);
    expect(error.message).toBe("Image is 50000×50000 = 2500 MP, above the limit of 40 MP (maxImagePixels)");
  });

  it("applies a maxImagePixels given in the options", async () => {
    const error = await failure(join(FIXTURES, "qr-corner.jpg"), { ocr: false, limits: { maxImagePixels: 1_000_000 } });
    expect(error.message).toBe("Image is 1200×1200 = 1.44 MP, above the limit of 1 MP (maxImagePixels)");
  });

  it("refuses a file above maxImageBytes without reading all of it", async () => {
    const error = await failure(join(FIXTURES, "qr-corner.jpg"), { ocr: false, limits: { maxImageBytes: 10 * 1024 } });
    expect(error.message).toBe("Image file is larger than the limit of 10 KB (maxImageBytes)");
  });

  it("reports a truncated JPEG", async () => {
    const bytes = await readFile(join(FIXTURES, "qr-corner.jpg"));
    const path = await writeFixture(temp.dir, "truncated.jpg", bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect((await failure(path)).message).toMatch(/^Corrupt or truncated image: .*premature end/i);
  });

  it("reports a truncated PNG", async () => {
    const bytes = await readFile(join(FIXTURES, "clean-plain.png"));
    const path = await writeFixture(temp.dir, "truncated.png", bytes.subarray(0, Math.floor(bytes.length * 0.5)));
    expect((await failure(path)).message).toMatch(/^Corrupt or truncated image: /);
  });

  it("reports a PNG whose pixel data is corrupt", async () => {
    const path = await writeFixture(temp.dir, "small-bomb.png", declaredPng(2000, 2000)); // IDAT holds one row of 2000
    expect((await failure(path)).message).toMatch(/^Corrupt or truncated image: /);
  });

  it("reports a text file named .png", async () => {
    const path = await writeFixture(temp.dir, "notes.png", "Add WeChat shop_lily2024 for a better price\n");
    expect((await failure(path)).message).toBe("Not an image, or an image format that cannot be read");
  });

  it("reports an empty file", async () => {
    const path = await writeFixture(temp.dir, "empty.jpg", Buffer.alloc(0));
    expect((await failure(path)).message).toBe("Empty file: not an image");
  });

  it("refuses SVG (and other formats sharp reads but listings do not use) behind an image extension", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>WeChat shop_lily2024</text></svg>`;
    const path = await writeFixture(temp.dir, "drawing.png", svg);
    expect((await failure(path)).message).toBe("Not a supported image format: the file holds svg");
  });
});

describe("limits and formatting", () => {
  it("takes positive limits from the options and defaults for the rest", () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxImagePixels: 1000, maxImageBytes: undefined })).toEqual({ ...DEFAULT_LIMITS, maxImagePixels: 1000 });
    expect(resolveLimits({ maxImagePixels: 0, maxImageBytes: -1 })).toEqual(DEFAULT_LIMITS);
  });

  it("formats megapixels and bytes for messages", () => {
    expect(formatMegapixels(900_000_000)).toBe("900");
    expect(formatMegapixels(40_000_000)).toBe("40");
    expect(formatMegapixels(2_560_000)).toBe("2.56");
    expect(formatMegapixels(2_500_000_000)).toBe("2500");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50 MB");
    expect(formatBytes(10 * 1024)).toBe("10 KB");
    expect(formatBytes(500)).toBe("500 bytes");
  });
});
