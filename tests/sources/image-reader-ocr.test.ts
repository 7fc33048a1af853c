// How the image reader uses the OCR module (mocked here; the real one is tested in image.test.ts
// and by its own tests): when it is called, what becomes of its text and errors, and dispose().

import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recognizeText, terminateOcr } from "../../src/sources/image/ocr.js";
import { imageReader } from "../../src/sources/image/index.js";
import { SourceError, type ReaderOptions, type SourceRecord } from "../../src/types.js";
import { rejection } from "./helpers.js";

vi.mock("../../src/sources/image/ocr.js", () => ({
  recognizeText: vi.fn(async () => ({ text: "WhatsApp +86 139 1234 5678", confidence: 91 })),
  terminateOcr: vi.fn(async () => undefined),
}));

const FIXTURES = fileURLToPath(new URL("../../fixtures/images", import.meta.url));

async function read(name: string, options?: ReaderOptions): Promise<SourceRecord> {
  const filePath = join(FIXTURES, name);
  const records: SourceRecord[] = [];
  for await (const record of imageReader.read({ filePath, open: () => createReadStream(filePath), options })) records.push(record);
  return records[0]!;
}

describe("OCR in the image reader", () => {
  beforeEach(() => {
    vi.mocked(recognizeText).mockClear();
  });

  it("dispose() before any OCR has nothing to end", async () => {
    await imageReader.dispose!();
    expect(terminateOcr).not.toHaveBeenCalled();
  });

  it("runs by default, on the file's bytes, and adds the text as the `ocr` field after QR and metadata", async () => {
    const record = await read("metadata-contact.jpg");
    expect(recognizeText).toHaveBeenCalledTimes(1);
    expect(vi.mocked(recognizeText).mock.calls[0]![0]).toEqual(await readFile(join(FIXTURES, "metadata-contact.jpg")));
    const last = record.fields.at(-1)!;
    expect([last.name, last.origin, last.text]).toEqual(["ocr", "ocr", "WhatsApp +86 139 1234 5678"]);
    expect(last.position(5)).toEqual({ line: 1, column: 1 });
    expect(record.fields.slice(0, -1).every((f) => f.origin === "metadata")).toBe(true);
  });

  it("is skipped with `ocr: false`", async () => {
    const record = await read("clean-plain.png", { ocr: false });
    expect(recognizeText).not.toHaveBeenCalled();
    expect(record.fields).toEqual([]);
  });

  it("adds no field for blank OCR text", async () => {
    vi.mocked(recognizeText).mockResolvedValueOnce({ text: " \n ", confidence: 0 });
    expect((await read("clean-plain.png", { ocr: true })).fields).toEqual([]);
  });

  it("turns an OCR failure into a SourceError", async () => {
    vi.mocked(recognizeText).mockRejectedValueOnce(new Error("worker crashed"));
    const error = await rejection(read("clean-plain.png"));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe("OCR failed: worker crashed");
  });

  it("dispose() ends the OCR worker once", async () => {
    await imageReader.dispose!();
    await imageReader.dispose!();
    expect(terminateOcr).toHaveBeenCalledTimes(1);
  });
});
