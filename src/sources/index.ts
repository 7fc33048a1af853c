// The source readers, by file extension. Adding a format is adding a reader module and a line here
// (or calling `registerReader` from a plugin).

import { extname } from "node:path";
import type { SourceReader } from "../types.js";
import { csvReader } from "./csv.js";
import { jsonReader } from "./json.js";
import { jsonlReader } from "./jsonl.js";
import { textReader } from "./text.js";
import { yamlReader } from "./yaml.js";
import { htmlReader } from "./html.js";
import { IMAGE_EXTENSIONS } from "./image-refs.js";

/** Lower-case extension with the dot (`.csv`) → the reader for it. */
export const readers: Record<string, SourceReader> = {};

/** Makes `reader` handle its extensions (replacing any reader registered for them before). */
export function registerReader(reader: SourceReader): void {
  for (const extension of reader.extensions) readers[extension.toLowerCase()] = reader;
}

/**
 * A reader whose module loads on first use: sharp, tesseract.js and exceljs cost startup time that
 * a run over text files should not pay.
 */
export function lazyReader(extensions: readonly string[], kind: SourceReader["kind"], load: () => Promise<SourceReader>): SourceReader {
  let loaded: Promise<SourceReader> | undefined;
  return {
    extensions,
    kind,
    async *read(input) {
      yield* (await (loaded ??= load())).read(input);
    },
    async dispose() {
      if (loaded) await (await loaded).dispose?.();
    },
  };
}

export const xlsxReader = lazyReader([".xlsx"], "listing", async () => (await import("./xlsx.js")).xlsxReader);
export const imageReader = lazyReader(IMAGE_EXTENSIONS, "listing", async () => (await import("./image/index.js")).imageReader);

for (const reader of [csvReader, jsonReader, jsonlReader, textReader, yamlReader, htmlReader, xlsxReader, imageReader]) registerReader(reader);

/** The reader for a file, by its extension (case-insensitive), or undefined. */
export function readerFor(filePath: string): SourceReader | undefined {
  const extension = extname(filePath).toLowerCase();
  return extension && Object.hasOwn(readers, extension) ? readers[extension] : undefined;
}

/** Lets every registered reader free what it keeps between files (an OCR worker). */
export async function disposeReaders(): Promise<void> {
  await Promise.all([...new Set(Object.values(readers))].map((reader) => reader.dispose?.()));
}

/** Extensions that have a reader, e.g. for `discoverFiles`. */
export function supportedExtensions(): string[] {
  return Object.keys(readers).sort();
}

export { csvReader, jsonReader, jsonlReader, textReader, yamlReader, htmlReader };
export { SourceError } from "../types.js";
export {
  decodeBuffer,
  decodeStream,
  detectEncoding,
  resolveEncodingName,
  UnknownEncodingError,
  type DecodedStream,
} from "./encoding.js";
export { LineMap, createFieldText, fieldFromSlice, lazyFieldText, type UnescapedText } from "./location.js";
