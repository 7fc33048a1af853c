import { describe, expect, it } from "vitest";
import { csvReader, htmlReader, imageReader, jsonReader, lazyReader, readerFor, readers, registerReader, supportedExtensions, xlsxReader, yamlReader } from "../../src/sources/index.js";
import type { SourceReader } from "../../src/types.js";

describe("reader registry", () => {
  it("finds readers by extension, case-insensitively", () => {
    expect(readerFor("/x/listings.csv")).toBe(csvReader);
    expect(readerFor("C:\\exports\\LISTINGS.TSV")).toBe(csvReader);
    expect(readerFor("a.json")).toBe(jsonReader);
    expect(readerFor("templates.yml")).toBe(yamlReader);
    expect(readerFor("x.ndjson")?.extensions).toContain(".jsonl");
    expect(readerFor("reply.md")?.kind).toBe("reply");
    expect(readerFor("photo.PNG")).toBe(imageReader);
    expect(readerFor("scan.tiff")).toBe(imageReader);
    expect(readerFor("bulk-upload.xlsx")).toBe(xlsxReader);
    expect(readerFor("detail.htm")).toBe(htmlReader);
    expect(readerFor("old.xls")).toBeUndefined();
    expect(readerFor("Makefile")).toBeUndefined();
    expect(readerFor("x.constructor")).toBeUndefined();
  });

  it("lists the supported extensions", () => {
    expect(supportedExtensions()).toEqual([
      ".avif", ".csv", ".gif", ".htm", ".html", ".jpeg", ".jpg", ".json", ".jsonl", ".md", ".ndjson",
      ".png", ".tif", ".tiff", ".tsv", ".txt", ".webp", ".xlsx", ".yaml", ".yml",
    ]);
  });

  it("loads a lazy reader's module on first read only, and disposes it only if loaded", async () => {
    let loads = 0;
    let disposed = 0;
    const inner: SourceReader = {
      extensions: [".lazy"],
      kind: "listing",
      read: async function* () {
        yield { index: 0, line: 1, fields: [] };
      },
      dispose: async () => void disposed++,
    };
    const lazy = lazyReader([".lazy"], "listing", async () => (loads++, inner));
    await lazy.dispose!();
    expect([loads, disposed]).toEqual([0, 0]);
    const records = [];
    for await (const r of lazy.read({ filePath: "a.lazy", open: () => { throw new Error("unused"); } })) records.push(r);
    for await (const r of lazy.read({ filePath: "b.lazy", open: () => { throw new Error("unused"); } })) records.push(r);
    expect(records).toHaveLength(2);
    await lazy.dispose!();
    expect([loads, disposed]).toEqual([1, 1]);
  });

  it("accepts more readers", () => {
    const fake: SourceReader = { extensions: [".fake"], kind: "listing", read: async function* () {} };
    registerReader(fake);
    expect(readerFor("a.FAKE")).toBe(fake);
    delete readers[".fake"];
  });
});
