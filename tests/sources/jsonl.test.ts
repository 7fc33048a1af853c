import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonlReader } from "../../src/sources/jsonl.js";
import { SourceError, type SourceRecord } from "../../src/types.js";
import { field, fieldNames, filePositionOf, makeTempDir, positionOf, readContent, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

describe("jsonl reader", () => {
  it("makes one record per non-empty line, named as in JSON", async () => {
    const content = '{"sku": "A-1", "attributes": {"color": "red"}}\n\n{"sku": "A-2", "images": [{"alt": "x"}]}\n';
    const records = await readContent(dir, "listings.jsonl", content);
    expect(records.map((r) => [r.index, r.id, r.line])).toEqual([
      [0, "A-1", 1],
      [1, "A-2", 3],
    ]);
    expect(fieldNames(records[0])).toEqual(["sku", "attributes.color"]);
    expect(fieldNames(records[1])).toEqual(["sku", "images[0].alt"]);
  });

  it("reads .ndjson with Windows line endings and points inside escaped strings", async () => {
    const content = '{"t": "a"}\r\n{"t": "say \\"hi\\" add V\\u200b信"}\r\n';
    const records = await readContent(dir, "listings.ndjson", content);
    const t = field(records[1], "t");
    expect(t.text).toBe('say "hi" add V\u200b信');
    expect(positionOf(t, "信")).toEqual(filePositionOf(content, "信"));
  });

  it("stops at a bad line with a SourceError naming it, after yielding the lines before", async () => {
    const content = '{"t": "one"}\n{"t": "two"}\n{"t": "three"\n{"t": "four"}\n';
    const seen: SourceRecord[] = [];
    const error = await rejection(
      (async () => {
        const input = { filePath: "x.jsonl", open: () => Readable.from([Buffer.from(content)]) };
        for await (const record of jsonlReader.read(input)) seen.push(record);
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Line 3: /);
  });

  it("keeps line numbers right when a line is split across stream chunks", async () => {
    const content = '{"t": "first"}\n{"t": "second wx: abc"}\n';
    const chunks = [content.slice(0, 5), content.slice(5, 20), content.slice(20)].map((c) => Buffer.from(c));
    const records: SourceRecord[] = [];
    for await (const record of jsonlReader.read({ filePath: "x.jsonl", open: () => Readable.from(chunks) })) {
      records.push(record);
    }
    expect(positionOf(field(records[1], "t"), "wx")).toEqual(filePositionOf(content, "wx"));
  });
});
