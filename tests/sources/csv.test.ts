import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvReader, scanCells, sniffDelimiter } from "../../src/sources/csv.js";
import { SourceError, type SourceRecord } from "../../src/types.js";
import { field, fieldNames, filePositionOf, makeTempDir, positionOf, readContent, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const readCsv = (content: string | Buffer, name = "listings.csv") => readContent(dir, name, content);

describe("csv reader: records and fields", () => {
  it("makes one record per data row, named by the header, skipping empty cells", async () => {
    const records = await readCsv("sku,title,description\nA-1,Desk lamp,Warm light\nA-2,,Clip fan\n");
    expect(records).toHaveLength(2);
    expect(records.map((r) => [r.index, r.id, r.line])).toEqual([
      [0, "A-1", 2],
      [1, "A-2", 3],
    ]);
    expect(fieldNames(records[0])).toEqual(["sku", "title", "description"]);
    expect(fieldNames(records[1])).toEqual(["sku", "description"]);
    expect(field(records[1], "description").text).toBe("Clip fan");
  });

  it("takes the id from the first id-like header, case-insensitively", async () => {
    const records = await readCsv("Title,Product ID,SKU\nLamp,P-9,S-9\n");
    expect(records[0]!.id).toBe("P-9");
  });

  it("names cells beyond the header and tolerates short rows", async () => {
    const records = await readCsv("id,title\n1,Lamp,extra text\n2\n");
    expect(fieldNames(records[0])).toEqual(["id", "title", "column_3"]);
    expect(fieldNames(records[1])).toEqual(["id"]);
  });

  it("counts blank lines when giving record lines", async () => {
    const records = await readCsv("id,title\n\n1,Lamp\n\n\n2,Fan\n");
    expect(records.map((r) => r.line)).toEqual([3, 6]);
  });

  it("reads a last row without a final line break", async () => {
    const records = await readCsv('id,t\n1,first\n2,"last ""one"""');
    expect(records.map((r) => field(r, "t").text)).toEqual(["first", 'last "one"']);
  });

  it("yields nothing for a header-only or empty file", async () => {
    expect(await readCsv("id,title\n")).toEqual([]);
    expect(await readCsv("")).toEqual([]);
  });
});

describe("csv reader: delimiters", () => {
  it("sniffs semicolons (Excel in many locales) and keeps quoted commas", async () => {
    const records = await readCsv('id;title;price\n1;"Lamp, warm";12,5\n2;Fan;9,9\n');
    expect(field(records[0], "title").text).toBe("Lamp, warm");
    expect(field(records[0], "price").text).toBe("12,5");
  });

  it("sniffs tabs in a .csv, and defaults to tabs in a .tsv", async () => {
    expect(field((await readCsv("id\ttitle\n1\tLamp, warm\n"))[0], "title").text).toBe("Lamp, warm");
    expect(fieldNames((await readCsv("title\nLamp, warm\n", "single-column.tsv"))[0])).toEqual(["title"]);
  });

  it("sniffDelimiter prefers the delimiter that splits lines consistently", () => {
    expect(sniffDelimiter("a,b;c\n1,2;3\n4,5;6\n", ",")).toBe(",");
    expect(sniffDelimiter('a;b\n"x,y,z";2\n', ",")).toBe(";");
    expect(sniffDelimiter("just one column\n", "\t")).toBe("\t");
  });
});

describe("csv reader: locations", () => {
  it("points inside a quoted cell after doubled quotes", async () => {
    const content = 'id,description\n7,"He said ""best price"" — add V信 lamp88 now"\n';
    const description = field((await readCsv(content))[0], "description");
    expect(description.text).toBe('He said "best price" — add V信 lamp88 now');
    expect(positionOf(description, "V信")).toEqual(filePositionOf(content, "V信"));
    expect(positionOf(description, "V信")).toEqual({ line: 2, column: 33 });
  });

  it("points at the right physical line of a multi-line cell", async () => {
    const content = 'id,description\n1,"First line\nsecond ""q"" line wx: abc\n  third: 138 0013 8000"\n2,next\n';
    const records = await readCsv(content);
    const description = field(records[0], "description");
    expect(positionOf(description, "wx")).toEqual({ line: 3, column: 19 });
    expect(positionOf(description, "wx")).toEqual(filePositionOf(content, "wx"));
    expect(positionOf(description, "138")).toEqual(filePositionOf(content, "138"));
    expect(records[1]!.line).toBe(5);
  });

  it("handles Windows line endings inside and between rows", async () => {
    const content = 'id,description\r\n1,"line one\r\nline two: V信 abc"\r\n2,"x ""y"" z"\r\n3,tail\r\n';
    const records = await readCsv(content);
    expect(records.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(field(records[0], "description").text).toBe("line one\nline two: V信 abc");
    expect(positionOf(field(records[0], "description"), "V信")).toEqual({ line: 3, column: 11 });
    expect(positionOf(field(records[1], "description"), "z")).toEqual({ line: 4, column: 12 });
  });

  it("maps the end of a range just past the last character", async () => {
    const content = 'id,t\n1,"ab""c"\n';
    const t = field((await readCsv(content))[0], "t");
    expect(t.position(t.text.length)).toEqual({ line: 2, column: 9 });
  });

  it("locates unquoted cells in later columns", async () => {
    const content = "id,title,note\n1,Lamp,call 138 0013 8000\n";
    expect(positionOf(field((await readCsv(content))[0], "note"), "138")).toEqual({ line: 2, column: 13 });
  });
});

describe("csv reader: leniently read cells", () => {
  it("keeps text after a closing quote and still points at its characters", async () => {
    const content = 'id,a,b\n1,"abc"def wx: 1,5" screen QQ: 2\n2,"ab""c"d"e wx,y\n';
    const records = await readCsv(content);
    expect(field(records[0], "a").text).toBe('"abc"def wx: 1');
    expect(positionOf(field(records[0], "a"), "wx")).toEqual(filePositionOf(content, "wx"));
    expect(positionOf(field(records[0], "b"), "QQ")).toEqual(filePositionOf(content, "QQ"));
    expect(positionOf(field(records[1], "a"), "wx")).toEqual(filePositionOf(content, "wx", 2));
  });
});

describe("csv reader: malformed input", () => {
  it("reports an unclosed quote at the row where it opens", async () => {
    const content = 'id,title\n1,Lamp\n2,"never closed\n3,Fan\n4,Desk\n';
    const error = await rejection(readCsv(content));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/Unclosed quote/);
  });

  it("still yields the rows before the broken one", async () => {
    const reader = csvReader.read({
      filePath: "x.csv",
      open: () => Readable.from([Buffer.from('id,t\n1,ok\n2,"broken\n')]),
    });
    const seen: SourceRecord[] = [];
    const error = await rejection(
      (async () => {
        for await (const record of reader) seen.push(record);
      })(),
    );
    expect(seen.map((r) => r.id)).toEqual(["1"]);
    expect(error).toBeInstanceOf(SourceError);
  });
});

describe("csv reader: streaming", () => {
  it("streams 50k rows in order", async () => {
    const rows = 50_000;
    const lines = ["sku,title"];
    for (let i = 0; i < rows; i++) lines.push(`S${i},"Lamp ""${i}"""`);
    const records = await readCsv(lines.join("\n") + "\n", "big.csv");
    expect(records).toHaveLength(rows);
    records.forEach((record, i) => {
      if (record.index !== i || record.id !== `S${i}` || record.line !== i + 2) throw new Error(`row ${i} out of order`);
    });
    expect(field(records[rows - 1], "title").text).toBe(`Lamp "${rows - 1}"`);
  });

  it("yields the first record before the file has been read to the end", async () => {
    const totalRows = 200_000;
    let rowsProduced = 0;
    function* generate() {
      yield Buffer.from("sku,title\n");
      while (rowsProduced < totalRows) {
        let chunk = "";
        for (let k = 0; k < 1000; k++) chunk += `S${rowsProduced++},Lamp\n`;
        yield Buffer.from(chunk);
      }
    }
    const reader = csvReader.read({ filePath: "lazy.csv", open: () => Readable.from(generate()) });
    for await (const record of reader) {
      expect(record.id).toBe("S0");
      break;
    }
    expect(rowsProduced).toBeLessThan(totalRows / 2);
  });
});

describe("scanCells", () => {
  it("finds the inside of quoted cells and the extent of plain ones", () => {
    const text = 'a,"b""c",,"d\ne"\n';
    expect(scanCells(text, ",").map((c) => [text.slice(c.start, c.end), c.quoted])).toEqual([
      ["a", false],
      ['b""c', true],
      ["", false],
      ["d\ne", true],
    ]);
  });
});
