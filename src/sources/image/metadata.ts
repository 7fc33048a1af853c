// Text carried in image metadata: EXIF, XMP, IPTC-IIM and the containers' own comments.
//
// exifr walks the TIFF/EXIF structure. What it gets wrong or skips is decoded here, as small pure
// functions over bytes: XP* tags (UTF-16LE, which exifr mis-guesses for CJK), UserComment (8-byte
// charset prefix), XMP (exifr leaves entities like `&amp;` undecoded), IPTC (exifr ignores the
// declared UTF-8 charset), PNG tEXt/zTXt/iTXt (exifr drops plain iTXt), JPEG COM and GIF comments
// (not read at all). Only text tags are read: Make, Model, Software, dates and numbers never are.

import { inflateSync } from "node:zlib";
import exifr from "exifr";

/** One metadata value: `exif.Artist`, `xmp.creator`, `png.iTXt.Description`... */
export interface MetadataText {
  name: string;
  text: string;
}

/** What the image's container gave: the file and the metadata blocks sharp found in it. */
export interface MetadataSources {
  /** The whole file. */
  file: Buffer;
  /** sharp's format name: jpeg, png, webp, gif, tiff, heif. */
  format: string;
  /** EXIF block as sharp returns it (TIFF bytes, with or without the `Exif\0\0` prefix). */
  exif?: Buffer;
  xmp?: string;
  /** IPTC block as sharp returns it (an APP13 Photoshop resource block or bare IIM). */
  iptc?: Buffer;
}

/** Largest inflated size of one compressed PNG text chunk: text, not a zip bomb. */
const MAX_INFLATED_TEXT = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Text decoding.

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030");

/**
 * Bytes of a field whose charset is not declared (EXIF ASCII, IPTC without 1:90, tEXt, JPEG COM).
 * Tools on Chinese systems write UTF-8 or GBK there, whatever the spec says: valid UTF-8 wins (it is
 * rarely valid by accident), then GBK when every non-ASCII byte pair lies in the GB2312 area (an
 * accented Latin-1 letter followed by a plain one does not), else Latin-1.
 */
export function decodeUndeclaredText(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    // not UTF-8
  }
  if (looksLikeGb2312(bytes)) return gb18030.decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** Every byte above 0x7F is half of a pair in the GB2312 area of GBK (A1–F7, A1–FE). */
function looksLikeGb2312(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (lead < 0xa1 || lead > 0xf7 || trail < 0xa1 || trail > 0xfe) return false;
    pairs++;
    i++;
  }
  return pairs > 0;
}

/** Drops the NUL terminators and padding C writers leave, and surrounding whitespace. */
export function cleanText(text: string): string {
  return text.replace(/\0+/g, " ").trim();
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  let start = 0;
  // A BOM overrides the byte order the container implies.
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) [littleEndian, start] = [true, 2];
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) [littleEndian, start] = [false, 2];
  return new TextDecoder(littleEndian ? "utf-16le" : "utf-16be").decode(bytes.subarray(start, start + ((bytes.length - start) & ~1)));
}

// ---------------------------------------------------------------------------------------------
// EXIF.

/** Windows' XP* tags (XPTitle, XPComment...): UTF-16LE bytes, NUL-terminated. */
export function decodeXpTag(value: unknown): string {
  if (typeof value === "string") return cleanText(value);
  const bytes = toBytes(value);
  return bytes ? cleanText(decodeUtf16(bytes, true)) : "";
}

/**
 * EXIF UserComment: an 8-byte charset prefix, then the text. `UNICODE` is UTF-16 in the TIFF byte
 * order; `JIS` is Japanese (Shift_JIS or EUC-JP in practice); `ASCII` and the all-NUL "undefined"
 * prefix hold whatever the writer used.
 */
export function decodeUserComment(bytes: Uint8Array, littleEndian: boolean): string {
  const prefix = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  const body = bytes.subarray(8);
  if (prefix === "UNICODE\0") return cleanText(decodeUtf16(body, littleEndian));
  if (prefix.startsWith("JIS")) return cleanText(decodeJapanese(body));
  if (prefix === "ASCII\0\0\0" || prefix === "\0\0\0\0\0\0\0\0") return cleanText(decodeUndeclaredText(body));
  return cleanText(decodeUndeclaredText(bytes)); // no prefix at all: some writers omit it
}

function decodeJapanese(bytes: Uint8Array): string {
  for (const label of ["shift_jis", "euc-jp"]) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // try the next
    }
  }
  return decodeUndeclaredText(bytes);
}

/** IFD0 text tags worth reading, by exifr's name (ASCII type, decoded by exifr). */
const EXIF_TEXT_TAGS = ["ImageDescription", "DocumentName", "Artist", "Copyright"] as const;
const XP_TAGS = ["XPTitle", "XPSubject", "XPComment", "XPAuthor", "XPKeywords"] as const;

/** The `II*\0` / `MM\0*` TIFF structure inside an EXIF block (`Exif\0\0` prefix removed). */
export function tiffFromExifBlock(exif: Uint8Array): Uint8Array | undefined {
  const start = Buffer.from(exif.subarray(0, 6)).toString("latin1") === "Exif\0\0" ? 6 : 0;
  const tiff = exif.subarray(start);
  return isTiff(tiff) ? tiff : undefined;
}

function isTiff(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a) || (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[3] === 0x2a));
}

/** Text tags of a TIFF structure (an EXIF block or a whole .tif file). Malformed EXIF gives none. */
export async function readExifText(tiff: Uint8Array): Promise<MetadataText[]> {
  let parsed: Record<string, Record<string, unknown> | Uint8Array | undefined> | undefined;
  try {
    parsed = await exifr.parse(tiff, {
      tiff: true,
      exif: true,
      gps: false,
      ifd1: false,
      interop: false,
      xmp: false,
      iptc: false,
      icc: false,
      userComment: true,
      // Raw values: XP tags stay bytes (exifr's UTF-16 guess garbles CJK), nothing is translated.
      reviveValues: false,
      translateValues: false,
      mergeOutput: false,
    });
  } catch {
    return [];
  }
  if (!parsed) return [];
  const ifd0 = (parsed.ifd0 ?? {}) as Record<string, unknown>;
  const out: MetadataText[] = [];
  for (const tag of EXIF_TEXT_TAGS) out.push({ name: `exif.${tag}`, text: asciiTagText(ifd0[tag]) });
  const userComment = toBytes(parsed.userComment) ?? toBytes((parsed.exif as Record<string, unknown> | undefined)?.UserComment);
  if (userComment) out.push({ name: "exif.UserComment", text: decodeUserComment(userComment, tiff[0] === 0x49) });
  for (const tag of XP_TAGS) out.push({ name: `exif.${tag}`, text: decodeXpTag(ifd0[tag]) });
  return out.filter((m) => m.text);
}

/** An ASCII-type tag: exifr decodes it as UTF-8 already; stray byte arrays are decoded here. */
function asciiTagText(value: unknown): string {
  if (typeof value === "string") return cleanText(value);
  const bytes = toBytes(value);
  return bytes ? cleanText(decodeUndeclaredText(bytes)) : "";
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return Uint8Array.from(value as number[]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// XMP.

/**
 * XMP properties that hold free text, as `prefix:LocalName` with their conventional prefixes. The
 * field is named `xmp.<LocalName>`. Technical properties (dates, tools, ids) are left out.
 */
const XMP_TEXT_PROPERTIES = [
  "dc:creator",
  "dc:title",
  "dc:description",
  "dc:rights",
  "dc:subject",
  "dc:publisher",
  "dc:contributor",
  "photoshop:Credit",
  "photoshop:Source",
  "photoshop:Headline",
  "photoshop:Instructions",
  "photoshop:CaptionWriter",
  "xmpRights:WebStatement",
  "xmpRights:UsageTerms",
  "xmpRights:Owner",
  "Iptc4xmpCore:CiEmailWork",
  "Iptc4xmpCore:CiTelWork",
  "Iptc4xmpCore:CiUrlWork",
  "Iptc4xmpCore:CiAdrExtadr",
  "tiff:Artist",
  "tiff:ImageDescription",
  "tiff:Copyright",
  "exif:UserComment",
] as const;

/** XMP beyond this many characters is not read (real packets are a few KB; thumbnails make 100s). */
const MAX_XMP_CHARS = 4 * 1024 * 1024;

/**
 * Free-text properties of an XMP packet. A property is either an element (plain text, or an
 * rdf:Alt/Seq/Bag of rdf:li items) or an attribute (`photoshop:Credit="..."`, the short form
 * RDF allows for simple values); struct members like CreatorContactInfo's Ci* fields are found by
 * their own names. Several values of one property are joined by line breaks. The scanning is
 * plain indexOf, never a regex that backtracks over the rest of the packet: hostile XMP full of
 * unclosed tags stays linear.
 */
export function readXmpText(packet: string): MetadataText[] {
  const xmp = packet.length > MAX_XMP_CHARS ? packet.slice(0, MAX_XMP_CHARS) : packet;
  const out: MetadataText[] = [];
  for (const property of XMP_TEXT_PROPERTIES) {
    const elements = elementContents(xmp, property).flatMap((inner) => {
      const items = elementContents(inner, "rdf:li");
      return (items.length ? items : [inner]).map(xmlText);
    });
    const values = [...elements, ...attributeValues(xmp, property)].map(cleanText).filter(Boolean);
    const unique = [...new Set(values)];
    if (unique.length) out.push({ name: `xmp.${property.slice(property.indexOf(":") + 1)}`, text: unique.join("\n") });
  }
  return out;
}

/** The inner XML of each `<name ...>...</name>` element (not nested in itself, as XMP never is). */
export function elementContents(xml: string, name: string): string[] {
  const open = `<${name}`;
  const close = `</${name}`;
  const contents: string[] = [];
  let from = 0;
  for (;;) {
    const start = xml.indexOf(open, from);
    if (start < 0) break;
    const next = xml[start + open.length] ?? "";
    if (next !== ">" && next !== "/" && !/\s/.test(next)) {
      from = start + open.length; // a longer name with the same beginning (dc:creatorX)
      continue;
    }
    const tagEnd = xml.indexOf(">", start);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === "/") {
      from = tagEnd + 1; // empty element
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0) break; // no closing tag later on: nothing more to find
    contents.push(xml.slice(tagEnd + 1, end));
    from = end + close.length;
  }
  return contents;
}

/** Values of `name="..."` / `name='...'` attributes, entities decoded. */
function attributeValues(xml: string, name: string): string[] {
  const values: string[] = [];
  const attribute = new RegExp(`\\s${escapeRegExp(name)}\\s*=\\s*(["'])`, "g");
  for (let match = attribute.exec(xml); match; match = attribute.exec(xml)) {
    const valueStart = match.index + match[0].length;
    const valueEnd = xml.indexOf(match[1]!, valueStart);
    if (valueEnd < 0) break;
    values.push(decodeXmlEntities(xml.slice(valueStart, valueEnd)));
    attribute.lastIndex = valueEnd + 1;
  }
  return values;
}

/** The character data of an XML fragment: CDATA kept, tags dropped, entities decoded. */
export function xmlText(fragment: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const start = fragment.indexOf("<![CDATA[", from);
    const end = start < 0 ? -1 : fragment.indexOf("]]>", start + 9);
    if (end < 0) break;
    parts.push(markupText(fragment.slice(from, start)), fragment.slice(start + 9, end));
    from = end + 3;
  }
  parts.push(markupText(fragment.slice(from)));
  return parts.join("");
}

/** Text with tags removed (`[^<>]*`: a stray `<` costs nothing) and entities decoded. */
function markupText(markup: string): string {
  return decodeXmlEntities(markup.replace(/<[^<>]*>/g, ""));
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{1,8});/g, (whole, name: string) => {
    if (name[0] !== "#") return NAMED_ENTITIES[name] ?? whole;
    const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------------
// IPTC-IIM.

/** Record-2 datasets that hold free text, with exifr's names for them. */
const IPTC_DATASETS: ReadonlyMap<number, string> = new Map([
  [5, "ObjectName"],
  [25, "Keywords"],
  [40, "SpecialInstructions"],
  [80, "Byline"],
  [85, "BylineTitle"],
  [105, "Headline"],
  [110, "Credit"],
  [115, "Source"],
  [116, "CopyrightNotice"],
  [118, "Contact"],
  [120, "Caption"],
  [122, "Writer"],
]);

/**
 * IPTC-IIM text datasets. Takes bare IIM (`1C 02 ...`) or the Photoshop resource block JPEG APP13
 * carries (`Photoshop 3.0\0` + 8BIM resources, IIM in resource 0x0404). Repeated datasets
 * (Keywords, By-line, Contact) are joined by line breaks. Dataset 1:90 `ESC % G` declares UTF-8;
 * otherwise the charset is guessed.
 */
export function readIptcText(block: Uint8Array): MetadataText[] {
  const iim = block[0] === 0x1c ? block : iimFromPhotoshopResources(block);
  if (!iim) return [];
  const datasets = readIimDatasets(iim);
  const declaredUtf8 = datasets.some((d) => d.record === 1 && d.dataset === 90 && Buffer.from(d.data).equals(Buffer.from([0x1b, 0x25, 0x47])));
  const byName = new Map<string, string[]>();
  for (const { record, dataset, data } of datasets) {
    const name = record === 2 ? IPTC_DATASETS.get(dataset) : undefined;
    if (!name) continue;
    const text = cleanText(declaredUtf8 ? new TextDecoder("utf-8").decode(data) : decodeUndeclaredText(data));
    if (text) byName.set(name, [...(byName.get(name) ?? []), text]);
  }
  return [...byName].map(([name, texts]) => ({ name: `iptc.${name}`, text: [...new Set(texts)].join("\n") }));
}

export interface IimDataset {
  record: number;
  dataset: number;
  data: Uint8Array;
}

export function readIimDatasets(iim: Uint8Array): IimDataset[] {
  const out: IimDataset[] = [];
  const view = new DataView(iim.buffer, iim.byteOffset, iim.byteLength);
  let at = 0;
  while (at + 5 <= iim.length && iim[at] === 0x1c) {
    const record = iim[at + 1]!;
    const dataset = iim[at + 2]!;
    let length = view.getUint16(at + 3);
    at += 5;
    if (length & 0x8000) {
      // Extended dataset: the low bits give how many bytes hold the real length.
      const lengthBytes = length & 0x7fff;
      if (lengthBytes > 4 || at + lengthBytes > iim.length) break;
      length = 0;
      for (let k = 0; k < lengthBytes; k++) length = length * 256 + iim[at + k]!;
      at += lengthBytes;
    }
    if (at + length > iim.length) break;
    out.push({ record, dataset, data: iim.subarray(at, at + length) });
    at += length;
  }
  return out;
}

/** The IIM bytes in resource 0x0404 of a Photoshop image resource block, if any. */
export function iimFromPhotoshopResources(block: Uint8Array): Uint8Array | undefined {
  const header = "Photoshop 3.0\0";
  let at = Buffer.from(block.subarray(0, header.length)).toString("latin1") === header ? header.length : 0;
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  while (at + 12 <= block.length && Buffer.from(block.subarray(at, at + 4)).toString("latin1") === "8BIM") {
    const id = view.getUint16(at + 4);
    const nameLength = block[at + 6]!;
    at += 6 + ((nameLength + 2) & ~1); // Pascal name padded to an even size, length byte included
    if (at + 4 > block.length) return undefined;
    const size = view.getUint32(at);
    at += 4;
    if (at + size > block.length) return undefined;
    if (id === 0x0404) return block.subarray(at, at + size);
    at += size + (size & 1);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// PNG text chunks.

export interface PngTextChunk {
  type: "tEXt" | "zTXt" | "iTXt";
  keyword: string;
  text: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The tEXt, zTXt and iTXt chunks of a PNG, in file order. tEXt/zTXt are Latin-1 by the spec
 * (UTF-8 and GBK are recognised, as tools write them anyway); iTXt is UTF-8, maybe compressed.
 * A chunk that does not inflate (or inflates past 1 MiB) is skipped; a truncated file ends the walk.
 */
export function readPngTextChunks(png: Uint8Array): PngTextChunk[] {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return [];
  const out: PngTextChunk[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length < length || type === "IEND") break;
    if (type === "tEXt" || type === "zTXt" || type === "iTXt") {
      const chunk = parsePngTextChunk(type, data);
      if (chunk) out.push(chunk);
    }
    at += 12 + length;
  }
  return out;
}

function parsePngTextChunk(type: PngTextChunk["type"], data: Buffer): PngTextChunk | undefined {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) return undefined;
  const keyword = data.toString("latin1", 0, keywordEnd);
  if (type === "tEXt") return { type, keyword, text: decodeUndeclaredText(data.subarray(keywordEnd + 1)) };
  if (type === "zTXt") {
    const text = inflateText(data.subarray(keywordEnd + 2)); // after the compression-method byte
    return text === undefined ? undefined : { type, keyword, text: decodeUndeclaredText(text) };
  }
  // iTXt: keyword\0 flag method language\0 translated-keyword\0 text
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return undefined;
  const body = data.subarray(translatedEnd + 1);
  const text = compressed ? inflateText(body) : body;
  return text === undefined ? undefined : { type, keyword, text: new TextDecoder("utf-8").decode(text) };
}

function inflateText(deflated: Uint8Array): Buffer | undefined {
  try {
    return inflateSync(deflated, { maxOutputLength: MAX_INFLATED_TEXT });
  } catch {
    return undefined;
  }
}

/** PNG keywords that carry technical data or other metadata blocks, read elsewhere or not at all. */
const PNG_TECHNICAL_KEYWORD = /^(?:Software|Creation Time|XML:com\.adobe\.xmp|Raw profile type .*|date:.*|exif:.*|png:.*|icc|Signature)$/i;

export function pngTextFields(png: Uint8Array): MetadataText[] {
  return readPngTextChunks(png)
    .filter((c) => !PNG_TECHNICAL_KEYWORD.test(c.keyword))
    .map((c) => ({ name: `png.${c.type}.${c.keyword}`, text: cleanText(c.text) }));
}

// ---------------------------------------------------------------------------------------------
// JPEG COM segments.

/** The text of each COM (0xFFFE) segment before the image data, in file order. */
export function readJpegComments(jpeg: Uint8Array): string[] {
  const bytes = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return [];
  const out: string[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // EOI, or SOS: entropy-coded data follows
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // stand-alone markers have no length
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) break;
    if (marker === 0xfe) out.push(decodeUndeclaredText(bytes.subarray(at + 4, at + 2 + length)));
    at += 2 + length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GIF comment extensions.

/** The text of each GIF comment extension (0x21 0xFE), in file order. */
export function readGifComments(gif: Uint8Array): string[] {
  const bytes = Buffer.from(gif.buffer, gif.byteOffset, gif.byteLength);
  if (bytes.length < 13 || !/^GIF8[79]a$/.test(bytes.toString("latin1", 0, 6))) return [];
  const out: string[] = [];
  const packed = bytes[10]!;
  let at = 13 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0); // after the global colour table
  while (at < bytes.length) {
    const introducer = bytes[at]!;
    if (introducer === 0x21) {
      const label = bytes[at + 1];
      const { data, end } = readGifSubBlocks(bytes, at + 2);
      if (label === 0xfe) out.push(decodeUndeclaredText(data));
      at = end;
    } else if (introducer === 0x2c) {
      if (at + 10 > bytes.length) break;
      const imagePacked = bytes[at + 9]!;
      at += 10 + (imagePacked & 0x80 ? 3 << ((imagePacked & 7) + 1) : 0) + 1; // + LZW code size
      at = readGifSubBlocks(bytes, at, false).end;
    } else {
      break; // trailer (0x3B) or garbage
    }
  }
  return out;
}

/** Data sub-blocks starting at `at` (length byte, data; a zero length ends them). */
function readGifSubBlocks(bytes: Buffer, at: number, collect = true): { data: Buffer; end: number } {
  const parts: Buffer[] = [];
  while (at < bytes.length) {
    const size = bytes[at]!;
    at += 1;
    if (size === 0) break;
    if (collect) parts.push(bytes.subarray(at, at + size));
    at += size;
  }
  return { data: Buffer.concat(parts), end: at };
}

// ---------------------------------------------------------------------------------------------
// All of it.

/**
 * Every metadata text of an image, without empty values and without a value repeated in a later
 * container (Windows writes the author to EXIF Artist, XPAuthor and XMP dc:creator alike: it is
 * reported once, under the first name).
 */
export async function readMetadataText(sources: MetadataSources): Promise<MetadataText[]> {
  const { file, format } = sources;
  const tiff = sources.exif ? tiffFromExifBlock(sources.exif) : format === "tiff" && isTiff(file) ? file : undefined;
  const all: MetadataText[] = [
    ...(tiff ? await readExifText(tiff) : []),
    ...(sources.xmp ? readXmpText(sources.xmp) : []),
    ...(sources.iptc ? readIptcText(sources.iptc) : []),
    ...(format === "png" ? pngTextFields(file) : []),
    ...(format === "jpeg" ? numbered("jpeg.COM", readJpegComments(file)) : []),
    ...(format === "gif" ? numbered("gif.comment", readGifComments(file)) : []),
  ];
  return uniqueTexts(all.map((m) => ({ name: m.name, text: cleanText(m.text) })).filter((m) => m.text));
}

/** `base`, `base[2]`, `base[3]`... for several values of one kind. */
export function indexedName(base: string, index: number): string {
  return index === 0 ? base : `${base}[${index + 1}]`;
}

function numbered(base: string, texts: string[]): MetadataText[] {
  return texts
    .map(cleanText)
    .filter(Boolean)
    .map((text, i) => ({ name: indexedName(base, i), text }));
}

function uniqueTexts(texts: MetadataText[]): MetadataText[] {
  const seen = new Set<string>();
  const names = new Set<string>();
  const out: MetadataText[] = [];
  for (const m of texts) {
    if (seen.has(m.text)) continue;
    seen.add(m.text);
    let name = m.name;
    for (let k = 2; names.has(name); k++) name = `${m.name}[${k}]`; // e.g. two PNG chunks with one keyword
    names.add(name);
    out.push({ name, text: m.text });
  }
  return out;
}
