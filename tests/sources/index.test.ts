import { describe, expect, it } from "vitest";
import { csvReader, jsonReader, readerFor, readers, registerReader, supportedExtensions, yamlReader } from "../../src/sources/index.js";
import type { SourceReader } from "../../src/types.js";

describe("reader registry", () => {
  it("finds readers by extension, case-insensitively", () => {
    expect(readerFor("/x/listings.csv")).toBe(csvReader);
    expect(readerFor("C:\\exports\\LISTINGS.TSV")).toBe(csvReader);
    expect(readerFor("a.json")).toBe(jsonReader);
    expect(readerFor("templates.yml")).toBe(yamlReader);
    expect(readerFor("x.ndjson")?.extensions).toContain(".jsonl");
    expect(readerFor("reply.md")?.kind).toBe("reply");
    expect(readerFor("photo.png")).toBeUndefined();
    expect(readerFor("Makefile")).toBeUndefined();
    expect(readerFor("x.constructor")).toBeUndefined();
  });

  it("lists the supported extensions", () => {
    expect(supportedExtensions()).toEqual([".csv", ".json", ".jsonl", ".md", ".ndjson", ".tsv", ".txt", ".yaml", ".yml"]);
  });

  it("accepts more readers", () => {
    const fake: SourceReader = { extensions: [".fake"], kind: "listing", read: async function* () {} };
    registerReader(fake);
    expect(readerFor("a.FAKE")).toBe(fake);
    delete readers[".fake"];
  });
});
