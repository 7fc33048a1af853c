// The metadata parsers of the image reader, on handcrafted buffers: what exifr drops or garbles
// (XP tags, UserComment, PNG iTXt/zTXt, JPEG COM, GIF comments, IPTC charsets, XMP entities).

import { deflateSync } from "node:zlib";
import iconv from "iconv-lite";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  cleanText,
  decodeUndeclaredText,
  decodeUserComment,
  decodeXmlEntities,
  decodeXpTag,
  iimFromPhotoshopResources,
  indexedName,
  pngTextFields,
  readExifText,
  readGifComments,
  readIimDatasets,
  readIptcText,
  readJpegComments,
  readMetadataText,
  readPngTextChunks,
  readXmpText,
  tiffFromExifBlock,
} from "../../src/sources/image/metadata.js";

// ---------------------------------------------------------------------------------------------
// Builders.

const latin1 = (text: string) => Buffer.from(text, "latin1");
const utf16le = (text: string) => Buffer.from(text, "utf16le");
const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();

interface IfdEntry {
  tag: number;
  type: number;
  bytes: Buffer;
}
const ASCII = 2;
const BYTE = 1;
const UNDEFINED = 7;
const LONG = 4;
const ascii = (tag: number, text: string, encoding: BufferEncoding = "utf8"): IfdEntry => ({ tag, type: ASCII, bytes: Buffer.from(`${text}\0`, encoding) });
const xpEntry = (tag: number, text: string): IfdEntry => ({ tag, type: BYTE, bytes: utf16le(`${text}\0`) });

/** A TIFF structure with IFD0 and, if `exif` is given, an Exif sub-IFD; either byte order. */
function buildTiff(ifd0: IfdEntry[], exif: IfdEntry[] = [], littleEndian = true): Buffer {
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (littleEndian) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (littleEndian) b.writeUInt32LE(v);
    else b.writeUInt32BE(v);
    return b;
  };
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const main = exif.length ? [...ifd0, { tag: 0x8769, type: LONG, bytes: Buffer.alloc(4) }] : ifd0;
  const exifOffset = 8 + ifdSize(main.length);
  let dataOffset = exifOffset + (exif.length ? ifdSize(exif.length) : 0);
  const data: Buffer[] = [];
  const ifd = (entries: IfdEntry[]) =>
    Buffer.concat([
      u16(entries.length),
      ...[...entries]
        .sort((a, b) => a.tag - b.tag)
        .map(({ tag, type, bytes }) => {
          const value = tag === 0x8769 ? u32(exifOffset) : bytes;
          const count = type === LONG ? value.length / 4 : value.length;
          let slot: Buffer;
          if (value.length <= 4) slot = Buffer.concat([value, Buffer.alloc(4 - value.length)]);
          else {
            slot = u32(dataOffset);
            data.push(value);
            dataOffset += value.length;
          }
          return Buffer.concat([u16(tag), u16(type), u32(count), slot]);
        }),
      u32(0),
    ]);
  const header = Buffer.concat([latin1(littleEndian ? "II" : "MM"), u16(42), u32(8)]);
  const ifd0Bytes = ifd(main);
  const exifBytes = exif.length ? ifd(exif) : Buffer.alloc(0);
  return Buffer.concat([header, ifd0Bytes, exifBytes, ...data]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, latin1(type), data, Buffer.alloc(4)]); // CRC not checked by the parser
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
const IEND = pngChunk("IEND", Buffer.alloc(0));
const png = (...chunks: Buffer[]) => Buffer.concat([PNG_SIGNATURE, IHDR, ...chunks, IEND]);

function iTXt(keyword: string, text: string, compressed: boolean, language = "", translated = ""): Buffer {
  const body = Buffer.from(text, "utf8");
  return pngChunk(
    "iTXt",
    Buffer.concat([latin1(`${keyword}\0`), Buffer.from([compressed ? 1 : 0, 0]), latin1(`${language}\0`), Buffer.from(`${translated}\0`, "utf8"), compressed ? deflateSync(body) : body]),
  );
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function iimField(record: number, dataset: number, value: Buffer | string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  return Buffer.concat([Buffer.from([0x1c, record, dataset, bytes.length >> 8, bytes.length & 0xff]), bytes]);
}
const UTF8_DECLARED = iimField(1, 90, Buffer.from([0x1b, 0x25, 0x47]));

function photoshopResource(id: number, name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.concat([Buffer.from([name.length]), latin1(name)]);
  const paddedName = nameBytes.length % 2 ? Buffer.concat([nameBytes, Buffer.alloc(1)]) : nameBytes;
  const head = Buffer.alloc(6);
  latin1("8BIM").copy(head);
  head.writeUInt16BE(id, 4);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(data.length);
  return Buffer.concat([head, paddedName, size, data, Buffer.alloc(data.length % 2)]);
}

// ---------------------------------------------------------------------------------------------

describe("text decoding", () => {
  it("reads undeclared bytes as UTF-8, then GBK, then Latin-1", () => {
    expect(decodeUndeclaredText(Buffer.from("微信 abc", "utf8"))).toBe("微信 abc");
    expect(decodeUndeclaredText(iconv.encode("加微信 vx888", "gbk"))).toBe("加微信 vx888");
    expect(decodeUndeclaredText(latin1("café crème"))).toBe("café crème");
  });

  it("cleans NUL terminators and padding", () => {
    expect(cleanText("  Lily\0\0\0")).toBe("Lily");
    expect(cleanText("a\0b")).toBe("a b");
  });

  it("decodes XP tags as UTF-16LE, so Chinese survives", () => {
    expect(decodeXpTag(utf16le("加微信 vx888\0"))).toBe("加微信 vx888");
    expect(decodeXpTag([...utf16le("WeChat\0")])).toBe("WeChat");
    expect(decodeXpTag("already text")).toBe("already text");
    expect(decodeXpTag(undefined)).toBe("");
    expect(decodeXpTag(utf16le("ab").subarray(0, 3))).toBe("a"); // odd length: the half unit is dropped
  });

  it("decodes UserComment by its charset prefix", () => {
    expect(decodeUserComment(Buffer.concat([latin1("ASCII\0\0\0"), latin1("tel 13912345678\0\0")]), true)).toBe("tel 13912345678");
    expect(decodeUserComment(Buffer.concat([latin1("ASCII\0\0\0"), Buffer.from("微信 ab", "utf8")]), true)).toBe("微信 ab");
    expect(decodeUserComment(Buffer.concat([latin1("UNICODE\0"), utf16le("客服电话")]), true)).toBe("客服电话");
    expect(decodeUserComment(Buffer.concat([latin1("UNICODE\0"), utf16be("客服电话")]), false)).toBe("客服电话");
    // A BOM wins over the TIFF byte order.
    expect(decodeUserComment(Buffer.concat([latin1("UNICODE\0"), Buffer.from([0xff, 0xfe]), utf16le("微信")]), false)).toBe("微信");
    expect(decodeUserComment(Buffer.concat([latin1("JIS\0\0\0\0\0"), iconv.encode("こんにちは", "shift_jis")]), true)).toBe("こんにちは");
    expect(decodeUserComment(Buffer.concat([Buffer.alloc(8), Buffer.from("undefined charset", "utf8")]), true)).toBe("undefined charset");
    expect(decodeUserComment(Buffer.from("no prefix at all", "utf8"), true)).toBe("no prefix at all");
    expect(decodeUserComment(Buffer.concat([latin1("ASCII\0\0\0"), Buffer.alloc(20, 0x20)]), true)).toBe("");
  });

  it("decodes XML entities", () => {
    expect(decodeXmlEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#24494;&#x4FE1; &unknown;")).toBe(`a & b <c> "d" 'e' 微信 &unknown;`);
  });
});

describe("EXIF", () => {
  it("finds the TIFF structure in an EXIF block with or without the Exif prefix", () => {
    const tiff = buildTiff([ascii(0x013b, "x")]);
    expect(Buffer.from(tiffFromExifBlock(Buffer.concat([latin1("Exif\0\0"), tiff]))!)).toEqual(tiff);
    expect(Buffer.from(tiffFromExifBlock(tiff)!)).toEqual(tiff);
    expect(tiffFromExifBlock(latin1("garbage bytes"))).toBeUndefined();
  });

  it("reads text tags, XP tags and UserComment; skips technical tags", async () => {
    const tiff = buildTiff(
      [
        ascii(0x010f, "Canon"),
        ascii(0x0110, "EOS 80D"),
        ascii(0x0131, "Photoshop"),
        ascii(0x0132, "2024:05:18 10:21:07"),
        ascii(0x010e, "Power bank, add 微信 shop_lily2024"),
        ascii(0x013b, "微信: shop_lily2024"),
        ascii(0x8298, "(c) Lily"),
        xpEntry(0x9c9c, "加微信 vx888"),
        xpEntry(0x9c9d, "Lily"),
        xpEntry(0x9c9b, "标题"),
        xpEntry(0x9c9e, "充电宝;移动电源"),
        xpEntry(0x9c9f, "主题"),
      ],
      [{ tag: 0x9286, type: UNDEFINED, bytes: Buffer.concat([latin1("UNICODE\0"), utf16le("客服电话 139-1234-5678")]) }],
    );
    const texts = Object.fromEntries((await readExifText(tiff)).map((m) => [m.name, m.text]));
    expect(texts).toEqual({
      "exif.ImageDescription": "Power bank, add 微信 shop_lily2024",
      "exif.Artist": "微信: shop_lily2024",
      "exif.Copyright": "(c) Lily",
      "exif.UserComment": "客服电话 139-1234-5678",
      "exif.XPTitle": "标题",
      "exif.XPSubject": "主题",
      "exif.XPComment": "加微信 vx888",
      "exif.XPAuthor": "Lily",
      "exif.XPKeywords": "充电宝;移动电源",
    });
  });

  it("decodes a UNICODE UserComment in a big-endian (Motorola) TIFF as UTF-16BE", async () => {
    const tiff = buildTiff([ascii(0x013b, "Lily")], [{ tag: 0x9286, type: UNDEFINED, bytes: Buffer.concat([latin1("UNICODE\0"), utf16be("微信 lily")]) }], false);
    const texts = await readExifText(tiff);
    expect(texts).toContainEqual({ name: "exif.UserComment", text: "微信 lily" });
    expect(texts).toContainEqual({ name: "exif.Artist", text: "Lily" });
  });

  it("skips empty and whitespace-only values", async () => {
    const tiff = buildTiff([ascii(0x013b, "   "), ascii(0x8298, ""), xpEntry(0x9c9c, "")]);
    expect(await readExifText(tiff)).toEqual([]);
  });

  it("returns nothing for malformed EXIF instead of throwing", async () => {
    const tiff = buildTiff([ascii(0x013b, "Lily Studio")]);
    expect(await readExifText(tiff.subarray(0, 12))).toEqual([]);
    expect(await readExifText(latin1("II*\0\xff\xff\xff\xff"))).toEqual([]);
  });
});

describe("XMP", () => {
  const packet = (body: string, attributes = "") => `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
 xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"${attributes}>
${body}
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

  it("reads element properties: Seq, Alt with a language, Bag with several items", () => {
    const xmp = packet(`<dc:creator><rdf:Seq><rdf:li>Lily 微信 shop_lily2024</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Call +86 139 1234 5678</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag><rdf:li>power bank</rdf:li><rdf:li>wholesale</rdf:li><rdf:li>power bank</rdf:li></rdf:Bag></dc:subject>
<dc:rights>(c) Lily &amp; Co</dc:rights>
<xmp:CreatorTool>Adobe Photoshop</xmp:CreatorTool>
<xmp:CreateDate>2024-05-18T10:21:07</xmp:CreateDate>`);
    expect(readXmpText(xmp)).toEqual([
      { name: "xmp.creator", text: "Lily 微信 shop_lily2024" },
      { name: "xmp.description", text: "Call +86 139 1234 5678" },
      { name: "xmp.rights", text: "(c) Lily & Co" },
      { name: "xmp.subject", text: "power bank\nwholesale" },
    ]);
  });

  it("reads attribute properties and CreatorContactInfo in both forms", () => {
    const xmp = packet(
      `<Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">
  <Iptc4xmpCore:CiEmailWork>lily@example.com</Iptc4xmpCore:CiEmailWork>
  <Iptc4xmpCore:CiTelWork>+86 139 1234 5678</Iptc4xmpCore:CiTelWork>
</Iptc4xmpCore:CreatorContactInfo>
<Iptc4xmpCore:CreatorContactInfo Iptc4xmpCore:CiUrlWork='https://lily.example.com/?a=1&amp;b=2'/>`,
      `\n photoshop:Credit="Lily &quot;Studio&quot;" xmpRights:WebStatement="https://lily.example.com/terms" photoshop:Source=""`,
    );
    expect(readXmpText(xmp)).toEqual([
      { name: "xmp.Credit", text: 'Lily "Studio"' },
      { name: "xmp.WebStatement", text: "https://lily.example.com/terms" },
      { name: "xmp.CiEmailWork", text: "lily@example.com" },
      { name: "xmp.CiTelWork", text: "+86 139 1234 5678" },
      { name: "xmp.CiUrlWork", text: "https://lily.example.com/?a=1&b=2" },
    ]);
  });

  it("keeps CDATA, decodes character references, ignores empty elements", () => {
    const xmp = packet(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default"><![CDATA[a <b> & c]]> &#x5FAE;&#20449;</rdf:li></rdf:Alt></dc:title>
<dc:creator/><dc:publisher>   </dc:publisher>`);
    expect(readXmpText(xmp)).toEqual([{ name: "xmp.title", text: "a <b> & c 微信" }]);
  });

  it("returns nothing for text that is not XMP", () => {
    expect(readXmpText("just some text")).toEqual([]);
  });

  it("does not take a longer property name for the one looked for", () => {
    expect(readXmpText(packet(`<dc:creatorX>not this</dc:creatorX><dc:creator>this</dc:creator>`))).toEqual([{ name: "xmp.creator", text: "this" }]);
  });

  it("stays linear on hostile XMP full of unclosed tags, attributes and CDATA", () => {
    const hostile = packet(
      "<dc:creator>x</dc:creator>" +
        "<dc:creator ".repeat(50_000) +
        " photoshop:Credit='".repeat(50_000) +
        "<![CDATA[".repeat(50_000) +
        "<".repeat(100_000),
    );
    const start = performance.now();
    expect(readXmpText(hostile)[0]).toEqual({ name: "xmp.creator", text: "x" });
    expect(performance.now() - start).toBeLessThan(1000); // ~100 ms measured
  });
});

describe("IPTC-IIM", () => {
  it("reads bare IIM with the UTF-8 declaration; repeated datasets are joined", () => {
    const iim = Buffer.concat([
      UTF8_DECLARED,
      iimField(2, 0, Buffer.from([0, 4])), // record version: binary, not read
      iimField(2, 80, "Lily 微信 shop_lily2024"),
      iimField(2, 25, "power bank"),
      iimField(2, 25, "充电宝"),
      iimField(2, 118, "tel 13912345678"),
      iimField(2, 120, "Caption"),
      iimField(2, 116, "(c) Lily"),
      iimField(2, 55, "20240518"), // date created: not read
    ]);
    expect(readIptcText(iim)).toEqual([
      { name: "iptc.Byline", text: "Lily 微信 shop_lily2024" },
      { name: "iptc.Keywords", text: "power bank\n充电宝" },
      { name: "iptc.Contact", text: "tel 13912345678" },
      { name: "iptc.Caption", text: "Caption" },
      { name: "iptc.CopyrightNotice", text: "(c) Lily" },
    ]);
  });

  it("guesses the charset when none is declared (GBK from Chinese tools)", () => {
    const iim = Buffer.concat([iimField(2, 80, iconv.encode("加微信 vx888", "gbk")), iimField(2, 110, latin1("Crédit"))]);
    expect(readIptcText(iim)).toEqual([
      { name: "iptc.Byline", text: "加微信 vx888" },
      { name: "iptc.Credit", text: "Crédit" },
    ]);
  });

  it("finds IIM in resource 0x0404 of a Photoshop APP13 block, after other resources", () => {
    const iim = Buffer.concat([UTF8_DECLARED, iimField(2, 118, "微信 abc")]);
    const block = Buffer.concat([
      latin1("Photoshop 3.0\0"),
      photoshopResource(0x03ed, "", Buffer.alloc(16)), // resolution info
      photoshopResource(0x0404, "IPTC", iim), // an even-length name gets a pad byte
      photoshopResource(0x0425, "", Buffer.alloc(16)),
    ]);
    expect(Buffer.from(iimFromPhotoshopResources(block)!)).toEqual(iim);
    expect(readIptcText(block)).toEqual([{ name: "iptc.Contact", text: "微信 abc" }]);
    expect(readIptcText(Buffer.concat([latin1("Photoshop 3.0\0"), photoshopResource(0x03ed, "x", Buffer.alloc(3))]))).toEqual([]);
  });

  it("reads extended-length datasets and stops at a truncated one", () => {
    const big = Buffer.from("x".repeat(40), "utf8");
    const extended = Buffer.concat([Buffer.from([0x1c, 2, 120, 0x80, 0x04, 0, 0, 0, big.length]), big]);
    const datasets = readIimDatasets(extended).map((d) => ({ ...d, data: Buffer.from(d.data).toString() }));
    expect(datasets).toEqual([{ record: 2, dataset: 120, data: big.toString() }]);
    const truncated = Buffer.concat([iimField(2, 80, "Lily"), iimField(2, 118, "tel 139").subarray(0, 8)]);
    expect(readIptcText(truncated)).toEqual([{ name: "iptc.Byline", text: "Lily" }]);
  });
});

describe("PNG text chunks", () => {
  it("reads tEXt (Latin-1), zTXt (inflated) and iTXt (UTF-8, plain or compressed) in file order", () => {
    const file = png(
      pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), latin1("Mail lily@example.com, café")])),
      pngChunk("zTXt", Buffer.concat([latin1("Author\0"), Buffer.from([0]), deflateSync(latin1("Lily Studio"))])),
      iTXt("Description", "客服电话 139 1234 5678", false),
      iTXt("Title", "加微信拿底价", true, "zh-CN", "标题"),
    );
    expect(readPngTextChunks(file)).toEqual([
      { type: "tEXt", keyword: "Comment", text: "Mail lily@example.com, café" },
      { type: "zTXt", keyword: "Author", text: "Lily Studio" },
      { type: "iTXt", keyword: "Description", text: "客服电话 139 1234 5678" },
      { type: "iTXt", keyword: "Title", text: "加微信拿底价" },
    ]);
  });

  it("reads UTF-8 written into tEXt by tools that ignore the spec", () => {
    const file = png(pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), Buffer.from("微信 abc", "utf8")])));
    expect(readPngTextChunks(file)[0]?.text).toBe("微信 abc");
  });

  it("skips chunks that do not inflate or inflate past 1 MiB, and chunks without a keyword", () => {
    const file = png(
      pngChunk("zTXt", Buffer.concat([latin1("Broken\0"), Buffer.from([0]), latin1("not deflate data")])),
      pngChunk("zTXt", Buffer.concat([latin1("Bomb\0"), Buffer.from([0]), deflateSync(Buffer.alloc(2 * 1024 * 1024, 0x41))])),
      iTXt("Bomb2", "A".repeat(2 * 1024 * 1024), true),
      pngChunk("tEXt", latin1("no keyword terminator")),
      pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), latin1("kept")])),
    );
    expect(readPngTextChunks(file)).toEqual([{ type: "tEXt", keyword: "Comment", text: "kept" }]);
  });

  it("stops at a truncated chunk and ignores what is not a PNG", () => {
    const whole = png(pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), latin1("first")])), pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), latin1("second one")])));
    const truncated = whole.subarray(0, whole.length - IEND.length - 6);
    expect(readPngTextChunks(truncated).map((c) => c.text)).toEqual(["first"]);
    expect(readPngTextChunks(latin1("GIF89a not a png"))).toEqual([]);
  });

  it("names fields by chunk type and keyword, leaving out technical keywords and XMP", () => {
    const file = png(
      pngChunk("tEXt", Buffer.concat([latin1("Software\0"), latin1("Adobe ImageReady")])),
      pngChunk("tEXt", Buffer.concat([latin1("Creation Time\0"), latin1("2024-05-18")])),
      iTXt("XML:com.adobe.xmp", "<x:xmpmeta/>", false),
      pngChunk("tEXt", Buffer.concat([latin1("Comment\0"), latin1("  mail lily@example.com  ")])),
    );
    expect(pngTextFields(file)).toEqual([{ name: "png.tEXt.Comment", text: "mail lily@example.com" }]);
  });
});

describe("JPEG COM segments", () => {
  const SOI = Buffer.from([0xff, 0xd8]);
  const app0 = jpegSegment(0xe0, Buffer.concat([latin1("JFIF\0"), Buffer.alloc(9)]));
  const sos = Buffer.concat([jpegSegment(0xda, Buffer.alloc(10)), Buffer.from([0x12, 0xff, 0xfe, 0x00, 0x05, 0x41, 0x42, 0x43, 0xff, 0xd9])]);

  it("reads each COM before the scan, in UTF-8, GBK or Latin-1", () => {
    const file = Buffer.concat([
      SOI,
      app0,
      jpegSegment(0xfe, Buffer.from("WhatsApp +86 139 1234 5678", "utf8")),
      Buffer.from([0xff]), // a fill byte before the next marker
      jpegSegment(0xfe, iconv.encode("加微信 vx888", "gbk")),
      jpegSegment(0xdb, Buffer.alloc(65)),
      sos,
    ]);
    expect(readJpegComments(file)).toEqual(["WhatsApp +86 139 1234 5678", "加微信 vx888"]);
  });

  it("stops at a segment that runs past the end and ignores what is not a JPEG", () => {
    const file = Buffer.concat([SOI, jpegSegment(0xfe, latin1("first")), jpegSegment(0xfe, latin1("second")).subarray(0, 6)]);
    expect(readJpegComments(file)).toEqual(["first"]);
    expect(readJpegComments(png())).toEqual([]);
  });
});

describe("GIF comment extensions", () => {
  /** A 2×2 GIF89a with a global colour table, extensions around one image with a local table. */
  function gif(...comments: string[]): Buffer {
    const comment = (text: string) => {
      const bytes = Buffer.from(text, "utf8");
      const blocks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += 10) {
        const part = bytes.subarray(at, at + 10); // several sub-blocks, to test joining
        blocks.push(Buffer.from([part.length]), part);
      }
      return Buffer.concat([Buffer.from([0x21, 0xfe]), ...blocks, Buffer.from([0])]);
    };
    return Buffer.concat([
      latin1("GIF89a"),
      Buffer.from([2, 0, 2, 0, 0x81, 0, 0]), // screen 2×2, global colour table of 4 entries
      Buffer.alloc(12),
      comment(comments[0] ?? ""),
      Buffer.from([0x21, 0xf9, 4, 0, 0, 0, 0, 0]), // graphic control extension
      Buffer.from([0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0x80]), // image descriptor with a local colour table of 2
      Buffer.alloc(6),
      Buffer.from([2, 2, 0x44, 0x01, 0]), // LZW minimum code size, one data sub-block, terminator
      ...comments.slice(1).map(comment),
      Buffer.from([0x3b]),
    ]);
  }

  it("reads comments before and after the image, joining sub-blocks", () => {
    expect(readGifComments(gif("加微信 shop_lily2024 拿底价", "second comment"))).toEqual(["加微信 shop_lily2024 拿底价", "second comment"]);
  });

  it("reads a comment inserted into a GIF sharp wrote", async () => {
    const file = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } }).gif().toBuffer();
    const packed = file[10]!;
    const afterColourTable = 13 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
    const text = Buffer.from("WhatsApp +86 139 1234 5678");
    const extension = Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), text, Buffer.from([0])]);
    const withComment = Buffer.concat([file.subarray(0, afterColourTable), extension, file.subarray(afterColourTable)]);
    expect(readGifComments(withComment)).toEqual(["WhatsApp +86 139 1234 5678"]);
  });

  it("ignores what is not a GIF and survives truncation", () => {
    expect(readGifComments(png())).toEqual([]);
    const file = gif("first", "second");
    expect(readGifComments(file.subarray(0, 40))).toEqual(["first"]);
  });
});

describe("readMetadataText", () => {
  it("combines the containers, reports a repeated value once and numbers repeated names", async () => {
    const tiff = buildTiff([ascii(0x013b, "Lily Studio"), xpEntry(0x9c9d, "Lily Studio")]);
    const xmp = `<x:xmpmeta><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>Lily Studio</rdf:li></rdf:Seq></dc:creator><dc:title>Power bank</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const file = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      jpegSegment(0xfe, latin1("first comment")),
      jpegSegment(0xfe, latin1("   ")),
      jpegSegment(0xfe, latin1("second comment")),
      Buffer.from([0xff, 0xd9]),
    ]);
    const texts = await readMetadataText({ file, format: "jpeg", exif: Buffer.concat([latin1("Exif\0\0"), tiff]), xmp });
    expect(texts).toEqual([
      { name: "exif.Artist", text: "Lily Studio" },
      { name: "xmp.title", text: "Power bank" },
      { name: "jpeg.COM", text: "first comment" },
      { name: "jpeg.COM[2]", text: "second comment" },
    ]);
  });

  it("reads a whole TIFF file's own tags when there is no separate EXIF block", async () => {
    const tiff = buildTiff([ascii(0x010e, "微信 shop_lily2024")]);
    expect(await readMetadataText({ file: tiff, format: "tiff" })).toEqual([{ name: "exif.ImageDescription", text: "微信 shop_lily2024" }]);
  });

  it("numbers names with indexedName", () => {
    expect([0, 1, 2].map((i) => indexedName("qr", i))).toEqual(["qr", "qr[2]", "qr[3]"]);
  });
});
