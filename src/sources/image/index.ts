// Images: one record per file, whose fields are the texts an image carries — decoded QR codes
// (`qr`, `qr[2]`...), metadata (`exif.Artist`, `xmp.creator`, `png.iTXt.Description`...) and the
// text drawn on it (`ocr`). Images have no text positions: every offset maps to 1:1.
//
// Hostile files are the norm for a linter: the file size is capped before reading, the pixel count
// is checked from the header before decoding (a 100-byte PNG can declare 50000×50000), and
// truncated, corrupt or non-image files become a SourceError, not a crash.

import sharp, { type Metadata } from "sharp";
import { SourceError } from "../../types.js";
import { formatBytes, limitsOf } from "../limits.js";
import { IMAGE_EXTENSIONS } from "../image-refs.js";
import type { FieldOrigin, FieldText, Position, SourceInput, SourceReader, SourceRecord } from "../../types.js";
import { indexedName, readMetadataText } from "./metadata.js";
import { findQrCodes, type GreyImage } from "./qr.js";

export const imageReader: SourceReader = {
  extensions: IMAGE_EXTENSIONS,
  kind: "listing",
  read: readImage,
  dispose: disposeOcr,
};

/** sharp's names for the formats read; anything else (SVG, PDF, raw camera files...) is refused. */
const READABLE_FORMATS = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif"]);

async function* readImage(input: SourceInput): AsyncGenerator<SourceRecord> {
  const limits = limitsOf(input);
  const bytes = await readCapped(input.open(), limits.maxImageBytes);
  const header = await readHeader(bytes, limits.maxImagePixels);
  const grey = await decodeGrey(bytes, limits.maxImagePixels);

  // OCR runs in its worker thread while the QR search (main thread) and metadata parsing go on.
  const [qrCodes, metadata, ocrText] = await Promise.all([
    findQrCodes(grey),
    readMetadataText({
      file: bytes,
      format: header.format,
      exif: header.exif,
      xmp: header.xmpAsString ?? (header.xmp && new TextDecoder().decode(header.xmp)), // not valid UTF-8: decode what is
      iptc: header.iptc,
    }),
    input.options?.ocr === false ? "" : recognize(bytes),
  ]);
  const fields: FieldText[] = [
    ...qrCodes.map((payload, i) => imageField(indexedName("qr", i), payload, "qr")),
    ...metadata.map(({ name, text }) => imageField(name, text, "metadata")),
  ];
  if (ocrText.trim()) fields.push(imageField("ocr", ocrText, "ocr"));
  yield { index: 0, line: 1, fields };
}

// ---------------------------------------------------------------------------------------------
// Fields.

const IMAGE_POSITION: Position = { line: 1, column: 1 };

function imageField(name: string, text: string, origin: FieldOrigin): FieldText {
  return { name, text, origin, position: () => ({ ...IMAGE_POSITION }) };
}

// ---------------------------------------------------------------------------------------------
// Reading and decoding, within the limits.

/** The stream's bytes; a SourceError as soon as they pass `maxBytes` (the rest is never read). */
async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    // Leaving the loop by throwing destroys the stream.
    if (size > maxBytes) throw new SourceError(`Image file is larger than the limit of ${formatBytes(maxBytes)} (maxImageBytes)`);
    chunks.push(bytes);
  }
  if (size === 0) throw new SourceError("Empty file: not an image");
  return Buffer.concat(chunks, size);
}

/** Format, size and metadata blocks from the header, refusing images above the pixel limit. */
async function readHeader(bytes: Buffer, maxPixels: number): Promise<Metadata> {
  let header: Metadata;
  try {
    // No limit here: metadata() only parses the header, and the size is wanted for the message.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeError(error, maxPixels);
  }
  if (!READABLE_FORMATS.has(header.format)) throw new SourceError(`Not a supported image format: the file holds ${header.format}`);
  // Animated GIF/WebP: only the first frame is decoded, so that is what counts.
  const height = header.pageHeight ?? header.height;
  if (header.width * height > maxPixels) throw pixelLimitError(header.width, height, maxPixels);
  return header;
}

/** The first frame as 8-bit greyscale pixels (what the QR scanner reads). */
async function decodeGrey(bytes: Buffer, maxPixels: number): Promise<GreyImage> {
  try {
    // failOn "error": truncated and corrupt data abort; mere warnings (stray bytes) do not.
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" })
      .greyscale()
      .toColourspace("b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    throw decodeError(error, maxPixels);
  }
}

function decodeError(error: unknown, maxPixels: number): SourceError {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim();
  if (/unsupported image format/i.test(message)) return new SourceError("Not an image, or an image format that cannot be read");
  if (/pixel limit/i.test(message)) return new SourceError(`Image is above the limit of ${formatMegapixels(maxPixels)} MP (maxImagePixels)`);
  return new SourceError(`Corrupt or truncated image: ${message}`);
}

export function pixelLimitError(width: number, height: number, maxPixels: number): SourceError {
  return new SourceError(
    `Image is ${width}×${height} = ${formatMegapixels(width * height)} MP, above the limit of ${formatMegapixels(maxPixels)} MP (maxImagePixels)`,
  );
}

/** 900000000 → "900", 2560000 → "2.56": three significant digits, no exponent. */
export function formatMegapixels(pixels: number): string {
  return String(Number((pixels / 1e6).toPrecision(3)));
}


// ---------------------------------------------------------------------------------------------
// OCR, loaded on first use: runs with --no-ocr never load the OCR engine.

type OcrModule = typeof import("./ocr.js");
let ocrModule: Promise<OcrModule> | undefined;

async function recognize(bytes: Buffer): Promise<string> {
  ocrModule ??= import("./ocr.js");
  try {
    return (await (await ocrModule).recognizeText(bytes)).text;
  } catch (error) {
    throw new SourceError(`OCR failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function disposeOcr(): Promise<void> {
  if (!ocrModule) return;
  const loaded = await ocrModule.catch(() => undefined); // a module that failed to load holds nothing
  ocrModule = undefined;
  await loaded?.terminateOcr();
}
