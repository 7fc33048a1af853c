import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../../src/types.js";
import { field, fieldNames, filePositionOf, makeTempDir, positionOf, readContent, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const readJson = (content: string | Buffer) => readContent(dir, "listings.json", content);

describe("json reader: records and field names", () => {
  it("reads an array of objects, naming string values by dotted path", async () => {
    const content = JSON.stringify(
      [
        {
          sku: "A-1",
          title: "Desk lamp",
          price: 12.5,
          inStock: true,
          attributes: { color: "white", size: { label: "large" } },
          images: [{ alt: "front" }, { alt: "side" }, { alt: "box", src: "box.jpg" }],
          keywords: ["lamp", "desk"],
        },
        { id: 42, title: "Fan" },
      ],
      null,
      2,
    );
    const records = await readJson(content);
    expect(records).toHaveLength(2);
    expect(fieldNames(records[0])).toEqual([
      "sku",
      "title",
      "attributes.color",
      "attributes.size.label",
      "images[0].alt",
      "images[1].alt",
      "images[2].alt",
      "images[2].src",
      "keywords[0]",
      "keywords[1]",
    ]);
    const secondObjectLine = filePositionOf(content, '"id": 42').line - 1;
    expect(records.map((r) => [r.index, r.id, r.line])).toEqual([
      [0, "A-1", 2],
      [1, "42", secondObjectLine],
    ]);
  });

  it("reads the first array of objects inside a wrapper object, keeping the text beside it", async () => {
    const content = '{"exportedBy": "shop admin", "count": 2, "products": [{"title": "Lamp"}, {"title": "Fan"}]}';
    const records = await readJson(content);
    expect(records.map((r) => field(r, r.fields[0]!.name).text)).toEqual(["Lamp", "Fan", "shop admin"]);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(fieldNames(records[2])).toEqual(["exportedBy"]);
  });

  it("reads a single object as one record", async () => {
    const records = await readJson('{"listing_id": "L-7", "title": "Lamp", "tags": ["a"]}');
    expect(records).toHaveLength(1);
    expect(records[0]!.id).toBe("L-7");
    expect(fieldNames(records[0])).toEqual(["listing_id", "title", "tags[0]"]);
  });

  it("skips blank strings and yields nothing for an empty file", async () => {
    expect(fieldNames((await readJson('[{"a": "", "b": "  ", "c": "x"}]'))[0])).toEqual(["c"]);
    expect(await readJson("")).toEqual([]);
  });
});

describe("json reader: locations", () => {
  it("points inside a string after \\\", \\n and \\u200b escapes", async () => {
    const content = '[\n  {"title": "Lamp",\n   "description": "Say \\"hi\\"\\nthen add V\\u200b信: lamp88"}\n]\n';
    const description = field((await readJson(content))[0], "description");
    expect(description.text).toBe('Say "hi"\nthen add V\u200b信: lamp88');
    expect(positionOf(description, "信")).toEqual(filePositionOf(content, "信"));
    expect(positionOf(description, "\u200b")).toEqual(filePositionOf(content, "\\u200b"));
    expect(positionOf(description, "lamp88")).toEqual({ line: 3, column: 51 });
    expect(description.position(description.text.length)).toEqual(filePositionOf(content, '"}'));
  });

  it("maps each half of an escaped surrogate pair to its own escape", async () => {
    const content = '{"t": "a\\ud83d\\ude00b"}';
    const t = field((await readJson(content))[0], "t");
    expect(t.text).toBe("a😀b");
    expect([1, 2, 3].map((i) => t.position(i).column)).toEqual([9, 15, 21]);
  });

  it("counts columns in UTF-16 units for unescaped astral characters", async () => {
    const content = '{"t": "😀 wx: abc"}';
    expect(positionOf(field((await readJson(content))[0], "t"), "wx")).toEqual({ line: 1, column: 11 });
  });
});

describe("json reader: errors", () => {
  it("reports truncated JSON at the end of the file", async () => {
    const content = '[\n  {"title": "Lamp"},\n  {"title": "Fan"\n';
    const error = await rejection(readJson(content));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/end of file/);
  });

  it("reports a syntax error at its line and column", async () => {
    const error = await rejection(readJson('[\n  {"title": "Lamp" "price": 1}\n]'));
    expect([error.line, error.column]).toEqual([2, 20]);
    expect(error.message).toMatch(/Comma expected/);
  });
});
