import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  UnknownEncodingError,
  decodeBuffer,
  decodeStream,
  detectEncoding,
  isUtf8,
  resolveEncodingName,
} from "../../src/sources/encoding.js";
import { SourceError } from "../../src/types.js";
import { encode, rejection } from "./helpers.js";

const gbk = (text: string) => iconv.encode(text, "gbk");

async function decodeAll(chunks: Buffer[], options: { encoding?: string; sampleSize?: number } = {}) {
  const decoded = await decodeStream(Readable.from(chunks), options);
  let text = "";
  for await (const chunk of decoded.chunks) text += chunk;
  return { encoding: decoded.encoding, text };
}

describe("detectEncoding", () => {
  it("trusts a byte order mark", () => {
    expect(detectEncoding(encode("a", "utf-8-bom"))).toBe("utf-8");
    expect(detectEncoding(encode("a", "utf-16le"))).toBe("utf-16le");
    expect(detectEncoding(encode("a", "utf-16be"))).toBe("utf-16be");
  });

  it("recognises UTF-8, also when the sample ends inside a character", () => {
    const bytes = Buffer.from("标题,描述", "utf8");
    expect(detectEncoding(bytes)).toBe("utf-8");
    const cut = bytes.subarray(0, 4); // 3 bytes of 标 and 1 of 题
    expect(isUtf8(cut, true)).toBe(false);
    expect(detectEncoding(cut, { complete: false })).toBe("utf-8");
  });

  it.each(["标题", "薇信", "商品名称,价格\n手机壳,12.5\n", "id,标题,描述\n1,台灯,加我微信\n", "sku,title\nA1,LED台灯 护眼 学生宿舍\n"])(
    "reads short GBK text as gb18030: %j",
    (text) => {
      expect(detectEncoding(gbk(text))).toBe("gb18030");
    },
  );

  it("does not mistake accented Latin-1 for GBK", () => {
    expect(detectEncoding(iconv.encode("name,city\nMüller,Zürich café\n", "latin1"))).not.toBe("gb18030");
  });

  it("lets a forced encoding win, and rejects unknown names", () => {
    expect(detectEncoding(Buffer.from("abc"), { encoding: "GBK" })).toBe("gbk");
    expect(() => detectEncoding(Buffer.from("abc"), { encoding: "klingon-8" })).toThrow(UnknownEncodingError);
    expect(() => resolveEncodingName("klingon-8")).toThrow(/Unknown text encoding "klingon-8"/);
  });
});

describe("decodeStream", () => {
  it("decodes characters split across chunks, with the BOM removed", async () => {
    const bytes = encode("标题：加V信", "utf-8-bom");
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 7), bytes.subarray(7)];
    expect(await decodeAll(chunks)).toEqual({ encoding: "utf-8", text: "标题：加V信" });
  });

  it("detects from a small sample and decodes the rest of a GBK stream", async () => {
    const bytes = gbk("联系我们获得更好的价格，加微信");
    const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)];
    expect(await decodeAll(chunks, { sampleSize: 100 })).toEqual({
      encoding: "gb18030",
      text: "联系我们获得更好的价格，加微信",
    });
  });

  it("decodes UTF-16 with a BOM in odd-sized chunks", async () => {
    const bytes = encode("a台灯b", "utf-16be");
    const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 6), bytes.subarray(6)];
    expect((await decodeAll(chunks)).text).toBe("a台灯b");
  });

  it("uses a forced encoding", async () => {
    expect((await decodeAll([gbk("台灯")], { encoding: "gbk" })).text).toBe("台灯");
  });

  it("refuses binary content unless an encoding is forced", async () => {
    const binary = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0x10]);
    const error = await rejection(decodeAll([binary]));
    expect(error).toBeInstanceOf(SourceError);
    await expect(decodeAll([binary], { encoding: "latin1" })).resolves.toBeTruthy();
  });
});

describe("decodeBuffer", () => {
  it("decodes a whole buffer and strips the BOM", () => {
    expect(decodeBuffer(encode("台灯", "utf-16le"))).toEqual({ encoding: "utf-16le", text: "台灯" });
    expect(decodeBuffer(encode("台灯", "utf-8-bom"))).toEqual({ encoding: "utf-8", text: "台灯" });
    expect(decodeBuffer(gbk("台灯，护眼"))).toEqual({ encoding: "gb18030", text: "台灯，护眼" });
  });
});
