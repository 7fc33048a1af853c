import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TagScanner,
  cellReference,
  columnName,
  hyperlinkFormulaTarget,
  parseCellRef,
  quoteSheetName,
  xlsxReader,
} from "../../src/sources/xlsx.js";
import { formatBytes } from "../../src/sources/limits.js";
import { SourceError, type SourceInput, type SourceRecord } from "../../src/types.js";
import { field, fieldNames, fileInput, makeTempDir, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

let fileCount = 0;

/** Writes a workbook built by `build` to a temp .xlsx and returns its path. */
async function writeWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = join(dir, `book-${++fileCount}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

async function readAll(input: SourceInput): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of xlsxReader.read(input)) records.push(record);
  return records;
}

const readXlsx = (path: string) => readAll(fileInput(path));

/** A sheet with `rows` written from row 1 down (`undefined` leaves a cell empty, `[]` a row). */
function addSheet(workbook: ExcelJS.Workbook, name: string, rows: ExcelJS.CellValue[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  rows.forEach((values, r) =>
    values.forEach((value, c) => {
      if (value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
    }),
  );
  return sheet;
}

describe("xlsx reader: header and records", () => {
  it("finds the header below a merged title row and makes one record per later row", async () => {
    const path = await writeWorkbook((wb) => {
      const sheet = addSheet(wb, "Products", [
        ["Bulk upload template v3"],
        ["sku", "title", "price"],
        ["WX-2000", "Wireless presenter", 12.5],
        ["KM-300", "Kraft mailer box 138x200x300mm", 0.38],
      ]);
      sheet.mergeCells("A1:C1");
    });
    const records = await readXlsx(path);
    expect(records.map((r) => [r.index, r.id, r.line])).toEqual([
      [0, "WX-2000", 3],
      [1, "KM-300", 4],
    ]);
    expect(fieldNames(records[0])).toEqual(["sku", "title", "price"]);
    expect(field(records[1], "title").text).toBe("Kraft mailer box 138x200x300mm");
  });

  it("does not take a row of numbers for the header", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [
        ["Price list", undefined, 2024], // two cells, only half text
        [1001, 2002, 3003],
        ["id", "title", "qty"],
        ["A-1", "Desk lamp", 5],
      ]),
    );
    const records = await readXlsx(path);
    expect(records.map((r) => [r.id, r.line])).toEqual([["A-1", 4]]);
  });

  it("falls back to the first non-empty row when no row looks like a header", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Notes", [[], ["description"], ["call me"], ["thanks"]]));
    const records = await readXlsx(path);
    expect(records.map((r) => [r.line, r.fields.map((f) => [f.name, f.text])])).toEqual([
      [3, [["description", "call me"]]],
      [4, [["description", "thanks"]]],
    ]);
  });

  it("reads every sheet, each with its own header, indexing records across the file", async () => {
    const path = await writeWorkbook((wb) => {
      addSheet(wb, "Products", [["sku", "title"], ["P-1", "Lamp"], ["P-2", "Fan"]]);
      addSheet(wb, "Variants", [["Variant list"], ["SKU", "note"], ["P-1-RED", "red shade"]]);
    });
    const records = await readXlsx(path);
    expect(records.map((r) => [r.index, r.id, r.line, r.fields[0]!.cell])).toEqual([
      [0, "P-1", 2, "Products!A2"],
      [1, "P-2", 3, "Products!A3"],
      [2, "P-1-RED", 3, "Variants!A3"],
    ]);
    expect(fieldNames(records[2])).toEqual(["SKU", "note"]);
  });

  it("skips empty and blank rows, keeping real row numbers", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [["id", "title"], ["1", "Lamp"], [], ["   ", " "], ["", undefined], ["2", "Fan"]]),
    );
    const records = await readXlsx(path);
    expect(records.map((r) => [r.index, r.id, r.line])).toEqual([
      [0, "1", 2],
      [1, "2", 6],
    ]);
  });

  it("names cells under an empty header cell, or beyond the header, by column letter", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [
        ["sku", undefined, "title"],
        ["A-1", "hidden note", "Lamp", "extra", undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, "far"],
      ]),
    );
    const [record] = await readXlsx(path);
    expect(record!.fields.map((f) => [f.name, f.cell])).toEqual([
      ["sku", "Sheet1!A2"],
      ["B", "Sheet1!B2"],
      ["title", "Sheet1!C2"],
      ["D", "Sheet1!D2"],
      ["AA", "Sheet1!AA2"],
    ]);
  });

  it("collapses line breaks in header cells into one field name", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["商品编码", "商品标题\n(必填)"], ["C-1", "保温杯"]]));
    expect(fieldNames((await readXlsx(path))[0])).toEqual(["商品编码", "商品标题 (必填)"]);
  });

  it("takes the id from a numeric id cell", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["Product ID", "title"], [10042, "Lamp"]]));
    expect((await readXlsx(path))[0]!.id).toBe("10042");
  });
});

describe("xlsx reader: cell values", () => {
  it("gives numbers as their digits, so a phone number typed into a number cell reaches the rules", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["sku", "contact", "price"], ["C-1", 8613600136000, 0.95]]));
    const [record] = await readXlsx(path);
    expect(field(record, "contact").text).toBe("8613600136000");
    expect(field(record, "price").text).toBe("0.95");
  });

  it("joins the runs of rich text", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [
        ["sku", "description"],
        ["R-1", { richText: [{ text: "Add " }, { text: "V", font: { bold: true } }, { text: "信 for a quote" }] }],
      ]),
    );
    expect(field((await readXlsx(path))[0], "description").text).toBe("Add V信 for a quote");
  });

  it("gives a hyperlink cell's text and, as `<header>.hyperlink`, its target", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [
        ["sku", "website"],
        ["H-1", { text: "Our store", hyperlink: "https://shop.example.com/p?id=1&ref=xlsx" }],
        ["H-2", { text: "https://shop.example.com/", hyperlink: "https://shop.example.com/" }],
      ]),
    );
    const [linked, same] = await readXlsx(path);
    expect(linked!.fields.map((f) => [f.name, f.text, f.cell])).toEqual([
      ["sku", "H-1", "Sheet1!A2"],
      ["website", "Our store", "Sheet1!B2"],
      ["website.hyperlink", "https://shop.example.com/p?id=1&ref=xlsx", "Sheet1!B2"],
    ]);
    expect(fieldNames(same)).toEqual(["sku", "website"]); // the target is the text: no second field
  });

  it("gives a formula's cached result, and the target of a HYPERLINK formula", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [
        ["sku", "title", "total", "shop"],
        [
          "F-1",
          { formula: 'CONCATENATE("Desk ","lamp")', result: "Desk lamp" },
          { formula: "2*3", result: 6 },
          { formula: 'HYPERLINK("https://shop.example.com/lamp","our shop")', result: "our shop" },
        ],
      ]),
    );
    const [record] = await readXlsx(path);
    expect(record!.fields.map((f) => [f.name, f.text])).toEqual([
      ["sku", "F-1"],
      ["title", "Desk lamp"],
      ["total", "6"],
      ["shop", "our shop"],
      ["shop.hyperlink", "https://shop.example.com/lamp"],
    ]);
  });

  it("undoes Excel's _xHHHH_ escapes, as Excel does when it shows the cell", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["sku", "note"], ["X-1", "add V_x4FE1_ now"]]));
    expect(field((await readXlsx(path))[0], "note").text).toBe("add V信 now");
  });

  it("skips booleans and error values", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [["sku", "ok", "bad"], ["B-1", true, { error: "#N/A" }]]),
    );
    expect(fieldNames((await readXlsx(path))[0])).toEqual(["sku"]);
  });
});

describe("xlsx reader: locations", () => {
  it("maps every offset of a cell's text to line = row, column = column number", async () => {
    const path = await writeWorkbook((wb) =>
      addSheet(wb, "Sheet1", [[], ["id", "a", "description"], [], ["7", "x", "line one\nline two: WhatsApp 123"]]),
    );
    const description = field((await readXlsx(path))[0], "description");
    expect(description.cell).toBe("Sheet1!C4");
    for (const offset of [0, description.text.indexOf("WhatsApp"), description.text.length]) {
      expect(description.position(offset)).toEqual({ line: 4, column: 3 });
    }
  });

  it("quotes sheet names the way Excel does in cell references", async () => {
    const path = await writeWorkbook((wb) => {
      addSheet(wb, "My Sheet", [["id", "t"], ["1", "a"]]);
      addSheet(wb, "Bob's list", [["id", "t"], ["2", "b"]]);
      addSheet(wb, "商品", [["id", "t"], ["3", "c"]]);
    });
    expect((await readXlsx(path)).map((r) => field(r, "t").cell)).toEqual(["'My Sheet'!B2", "'Bob''s list'!B2", "商品!B2"]);
  });

  it("quoteSheetName and cellReference", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("Data_2024.v2")).toBe("Data_2024.v2");
    expect(quoteSheetName("2024")).toBe("'2024'");
    expect(quoteSheetName("A1")).toBe("'A1'"); // would read as a cell
    expect(quoteSheetName("R2C3")).toBe("'R2C3'");
    expect(quoteSheetName("Q&A")).toBe("'Q&A'");
    expect(cellReference("Sheet1", 12, 3)).toBe("Sheet1!C12");
    expect(columnName(1)).toBe("A");
    expect(columnName(26)).toBe("Z");
    expect(columnName(27)).toBe("AA");
    expect(columnName(16384)).toBe("XFD");
    expect(parseCellRef("$XFD$9")).toEqual({ row: 9, column: 16384 });
  });
});

describe("xlsx reader: damaged and hostile files", () => {
  it("reports a text file renamed .xlsx as not a zip archive, at line 1", async () => {
    const path = join(dir, "renamed.xlsx");
    await writeFile(path, "sku,title\nA-1,Lamp\n");
    const error = await rejection(readXlsx(path));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/not a zip archive/);
    expect([error.line, error.column]).toEqual([1, 1]);
  });

  it("recognises an old .xls or password-protected workbook", async () => {
    const path = join(dir, "old.xlsx");
    await writeFile(path, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await rejection(readXlsx(path))).message).toMatch(/old \.xls .*password/);
  });

  it("reports an empty file", async () => {
    const empty = { filePath: "empty.xlsx", open: () => Readable.from([Buffer.alloc(0)]) };
    const error = await rejection(readAll(empty));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/empty/);
  });

  it("reports a truncated workbook at any cut, without hanging", async () => {
    const bytes = await readFile(await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["id", "t"], ["1", "a"]])));
    for (const cut of [10, 200, Math.floor(bytes.length / 2), bytes.length - 30]) {
      const input = { filePath: "cut.xlsx", open: () => Readable.from([bytes.subarray(0, cut)]) };
      const error = await rejection(readAll(input));
      expect(error, `cut at ${cut}`).toBeInstanceOf(SourceError);
      expect(error.message).toMatch(/truncated/);
    }
  });

  it("reports damaged compressed data", async () => {
    const bytes = await readFile(await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["id", "t"], ["1", "a ".repeat(500)]])));
    const damaged = Buffer.from(bytes);
    const start = damaged.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length;
    damaged.fill(0xff, start + 20, start + 60); // inside the sheet's deflate stream
    const error = await rejection(readAll({ filePath: "bad.xlsx", open: () => Readable.from([damaged]) }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/Damaged XLSX file/);
  });

  it("reports a zip archive that is not a workbook", async () => {
    const bytes = await readFile(await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["id", "t"], ["1", "a"]])));
    // Part names are stored uncompressed: renaming the workbook part leaves a valid zip without it.
    const renamed = Buffer.from(bytes.toString("latin1").replaceAll("xl/workbook.xml", "xl/workbooq.xml"), "latin1");
    const error = await rejection(readAll({ filePath: "not-a-workbook.xlsx", open: () => Readable.from([renamed]) }));
    expect(error.message).toMatch(/no xl\/workbook\.xml/);
  });

  it("passes on an error of the input stream itself, without hanging", async () => {
    const failing = () =>
      new Readable({
        read() {
          this.destroy(Object.assign(new Error("EIO: i/o error, read"), { code: "EIO", syscall: "read" }));
        },
      });
    const error = await rejection(readAll({ filePath: "io.xlsx", open: failing }));
    expect(error).not.toBeInstanceOf(SourceError);
    expect((error as Error & { code?: string }).code).toBe("EIO");
  });

  it("stops a highly compressible cell at maxXlsxBytes", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["id", "t"], ["1", "ab".repeat(1024 * 1024)]]));
    const records = await readXlsx(path); // 2 MB of text is fine under the default limit
    expect(field(records[0], "t").text).toHaveLength(2 * 1024 * 1024);

    const limited = { ...fileInput(path), options: { limits: { maxXlsxBytes: 1024 * 1024 } } };
    const error = await rejection(readAll(limited));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe("XLSX expands beyond 1 MB (limit maxXlsxBytes) — not read further");
    expect(error.line).toBe(1);
  });

  it("stops reading the file once the limit is passed", async () => {
    const path = await writeWorkbook((wb) => {
      const rows: ExcelJS.CellValue[][] = [["id", "t"]];
      for (let i = 0; i < 30_000; i++) rows.push([`R${i}`, `${(i * 2654435761) % 4294967296} ${Math.sin(i)}`]);
      addSheet(wb, "Sheet1", rows);
    });
    const bytes = await readFile(path);
    let bytesRead = 0;
    const input: SourceInput = {
      filePath: path,
      open: () => Readable.from(chunks(bytes, 16 * 1024, (n) => (bytesRead += n))),
      options: { limits: { maxXlsxBytes: 128 * 1024 } },
    };
    const error = await rejection(readAll(input));
    expect(error.message).toMatch(/expands beyond 128 KB/);
    expect(bytesRead).toBeLessThan(bytes.length / 2);
  });
});

function* chunks(bytes: Buffer, size: number, onChunk: (length: number) => void): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) {
    const chunk = bytes.subarray(i, i + size);
    onChunk(chunk.length);
    yield chunk;
  }
}

describe("xlsx reader: streaming", () => {
  it("streams 20k rows written by exceljs's streaming writer (inline strings)", async () => {
    const path = join(dir, "big.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet("Listings");
    sheet.addRow(["sku", "title", "price"]).commit();
    const rows = 20_000;
    for (let i = 0; i < rows; i++) sheet.addRow([`S${i}`, `Lamp model WX-${i}`, i / 100]).commit();
    sheet.commit();
    await writer.commit();

    const started = Date.now();
    let count = 0;
    let last: SourceRecord | undefined;
    for await (const record of xlsxReader.read(fileInput(path))) {
      if (record.index !== count || record.id !== `S${count}` || record.line !== count + 2) throw new Error(`row ${count} out of order`);
      count++;
      last = record;
    }
    expect(count).toBe(rows);
    expect(field(last, "title").text).toBe(`Lamp model WX-${rows - 1}`);
    expect(field(last, "title").cell).toBe(`Listings!B${rows + 1}`);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("closes the input when the caller stops early", async () => {
    const path = await writeWorkbook((wb) => addSheet(wb, "Sheet1", [["id", "t"], ["1", "a"], ["2", "b"], ["3", "c"]]));
    const opened: Readable[] = [];
    const input = { filePath: path, open: () => (opened.push(fileInput(path).open() as Readable), opened.at(-1)!) };
    for await (const record of xlsxReader.read(input)) {
      expect(record.id).toBe("1");
      break;
    }
    expect(opened).toHaveLength(2); // the survey, then the rows
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened.every((stream) => stream.destroyed)).toBe(true);
  });
});

describe("xlsx reader: the sample catalogue", () => {
  const catalogue = fileURLToPath(new URL("../../fixtures/listings/catalogue.xlsx", import.meta.url));

  it("reads both sheets of fixtures/listings/catalogue.xlsx as documented", async () => {
    const records = await readXlsx(catalogue);
    expect(records.map((r) => r.fields[0]!.cell)).toEqual([
      "Products!A3",
      "Products!A4",
      "Products!A5",
      "Products!A6",
      "Products!A7",
      "Products!A8",
      "Variants!A2",
      "Variants!A3",
    ]);
    const cable = records.find((r) => r.id === "CAB-USBC-1M");
    expect([field(cable, "contact").text, field(cable, "contact").cell]).toEqual(["8613600136000", "Products!H6"]);
    const tote = records.find((r) => r.id === "BAG-TOTE-ECO" && r.line === 7);
    expect(field(tote, "website.hyperlink").text).toBe("https://www.example-totebags.com/eco-tote");
    expect(field(tote, "website.hyperlink").position(0)).toEqual({ line: 7, column: 9 });
    expect(field(records[1], "description").text).toContain("custom print in up to 2 colours"); // rich text
    expect(field(records[0], "price_usd").text).toBe("12.5");
  });
});

describe("xlsx reader: helpers", () => {
  it("TagScanner finds tags split across chunks, skipping longer names", () => {
    const found: Array<Record<string, string>> = [];
    const scanner = new TagScanner("hyperlink", (a) => found.push(a));
    const xml = '<hyperlinks><hyperlink ref="B2" r:id="rId1"/><hyperlink ref="C3" r:id="rId2" display="a &amp; b&gt;"/></hyperlinks>';
    const bytes = Buffer.from(xml);
    for (let i = 0; i < bytes.length; i += 7) scanner.push(bytes.subarray(i, i + 7));
    expect(found).toEqual([
      { ref: "B2", "r:id": "rId1" },
      { ref: "C3", "r:id": "rId2", display: "a & b>" },
    ]);
  });

  it("hyperlinkFormulaTarget and formatBytes", () => {
    expect(hyperlinkFormulaTarget('HYPERLINK("https://a.example/?q=""x""","go")')).toBe('https://a.example/?q="x"');
    expect(hyperlinkFormulaTarget("SUM(A1:A3)")).toBeUndefined();
    expect(formatBytes(512 * 1024 * 1024)).toBe("512 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10)).toBe("10 bytes");
  });
});
