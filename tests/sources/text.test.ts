import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../../src/types.js";
import { field, filePositionOf, makeTempDir, positionOf, readContent, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

describe("text reader (.txt, .md)", () => {
  it("reads the whole file as one record with a `text` field", async () => {
    const content = "Dear buyer,\r\nthanks for your order.\r\nAdd WeChat: lamp88 for a discount.\r\n";
    const records = await readContent(dir, "reply.txt", content);
    expect(records).toHaveLength(1);
    expect(records[0]!.index).toBe(0);
    const text = field(records[0], "text");
    expect(text.text).toBe(content);
    expect(positionOf(text, "WeChat")).toEqual({ line: 3, column: 5 });
  });

  it("reads Markdown the same way", async () => {
    const content = "# After-sales\n\n- Scan the QR code to add me\n";
    const text = field((await readContent(dir, "reply.md", content))[0], "text");
    expect(positionOf(text, "QR")).toEqual(filePositionOf(content, "QR"));
  });

  it("gives an empty file a record without fields", async () => {
    const records = await readContent(dir, "empty.txt", "");
    expect(records).toEqual([{ index: 0, line: 1, fields: [] }]);
  });

  it("refuses a binary file named .txt", async () => {
    const error = await rejection(readContent(dir, "image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49])));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/binary/);
  });
});
