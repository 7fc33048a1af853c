// Shared test helpers: temp files, running a reader, and where a needle really is in a file.

import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { readerFor } from "../../src/sources/index.js";
import type { FieldText, Position, SourceInput, SourceRecord } from "../../src/types.js";

/** A temp folder for one test file; call `cleanup` in afterAll. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "offsite-lint-sources-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

/** `text` as bytes in `encoding`; the UTF-16 forms get a BOM, as Excel writes them. */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "gb18030":
      return iconv.encode(text, "gb18030");
    case "utf-16le":
    case "utf-16be":
      return iconv.encode(text, encoding, { addBOM: true });
  }
}

export async function writeFixture(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export function fileInput(filePath: string, encoding?: string): SourceInput {
  return { filePath, open: () => createReadStream(filePath), encoding };
}

/** All records the registered reader yields for a file. */
export async function readRecords(filePath: string, encoding?: string): Promise<SourceRecord[]> {
  const reader = readerFor(filePath);
  if (!reader) throw new Error(`no reader for ${filePath}`);
  const records: SourceRecord[] = [];
  for await (const record of reader.read(fileInput(filePath, encoding))) records.push(record);
  return records;
}

/** Writes `content` to `name` and reads it back. */
export async function readContent(dir: string, name: string, content: string | Buffer, encoding?: string) {
  return readRecords(await writeFixture(dir, name, content), encoding);
}

export function field(record: SourceRecord | undefined, name: string): FieldText {
  const found = record?.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field "${name}" in ${JSON.stringify(record?.fields.map((f) => f.name))}`);
  return found;
}

export function fieldNames(record: SourceRecord | undefined): string[] {
  return record?.fields.map((f) => f.name) ?? [];
}

/** File position the field reports for the first occurrence of `needle` in its text. */
export function positionOf(f: FieldText, needle: string, occurrence = 1): Position {
  return f.position(nthIndexOf(f.text, needle, occurrence));
}

/** Where `needle` really is in the (decoded) file text: 1-based line, UTF-16 column. */
export function filePositionOf(fileText: string, needle: string, occurrence = 1): Position {
  const text = fileText.replace(/^\uFEFF/, "");
  const index = nthIndexOf(text, needle, occurrence);
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - (before.lastIndexOf("\n") + 1) + 1 };
}

function nthIndexOf(text: string, needle: string, occurrence: number): number {
  let index = -1;
  for (let k = 0; k < occurrence; k++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" #${occurrence} not in ${JSON.stringify(text)}`);
  }
  return index;
}

/** Runs `promise` and returns the error it rejects with (fails if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { line?: number; column?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { line?: number; column?: number };
  }
  throw new Error("expected a rejection");
}
