// Every reader, every supported encoding and both line-ending styles: the text decodes and the
// reported position is where the characters are in the decoded file.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode, filePositionOf, makeTempDir, readContent, type Encoding } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const TARGET = "V信lamp88";

const DOCUMENTS: Record<string, string> = {
  "listings.csv": 'sku,标题,描述\nA-1,台灯,"第一行 ""护眼""\n请加V信lamp88"\n',
  "listings.tsv": "sku\t标题\t描述\nA-1\t台灯\t护眼\nA-2\t风扇\t请加V信lamp88\n",
  "listings.json": '[\n  {"sku": "A-1",\n   "描述": "说明\\"x\\"\\n请加V信lamp88"}\n]\n',
  "listings.jsonl": '{"sku": "A-1"}\n\n{"描述": "请加\\u200bV信lamp88"}\n',
  "reply.txt": "您好，\n感谢购买。\n请加V信lamp88\n",
  "reply.md": "# 售后\n\n请加V信lamp88\n",
  "templates.yaml": '售后:\n  退款: 您好\n  联系: "请\\t加V信lamp88"\n',
};

const ENCODINGS: Encoding[] = ["utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be"];
const LINE_ENDINGS = { LF: "\n", CRLF: "\r\n" };

describe.each(Object.keys(DOCUMENTS))("%s", (name) => {
  describe.each(ENCODINGS)("in %s", (encoding) => {
    it.each(Object.entries(LINE_ENDINGS))("with %s line endings", async (_label, eol) => {
      const content = DOCUMENTS[name]!.replace(/\n/g, eol);
      const records = await readContent(dir, name, encode(content, encoding));
      const fields = records.flatMap((record) => record.fields);
      const target = fields.find((f) => f.text.includes(TARGET));
      expect(target, `no field holds ${TARGET}`).toBeDefined();
      expect(target!.position(target!.text.indexOf(TARGET))).toEqual(filePositionOf(content, TARGET));
      expect(fields.some((f) => /台灯|您好|A-1|售后|说明/.test(f.text))).toBe(true);
    });
  });
});
