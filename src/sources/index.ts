// The source readers, by file extension. Adding a format is adding a reader module and a line here
// (or calling `registerReader` from a plugin).

import { extname } from "node:path";
import type { SourceReader } from "../types.js";
import { csvReader } from "./csv.js";
import { jsonReader } from "./json.js";
import { jsonlReader } from "./jsonl.js";
import { textReader } from "./text.js";
import { yamlReader } from "./yaml.js";

/** Lower-case extension with the dot (`.csv`) → the reader for it. */
export const readers: Record<string, SourceReader> = {};

/** Makes `reader` handle its extensions (replacing any reader registered for them before). */
export function registerReader(reader: SourceReader): void {
  for (const extension of reader.extensions) readers[extension.toLowerCase()] = reader;
}

for (const reader of [csvReader, jsonReader, jsonlReader, textReader, yamlReader]) registerReader(reader);

/** The reader for a file, by its extension (case-insensitive), or undefined. */
export function readerFor(filePath: string): SourceReader | undefined {
  const extension = extname(filePath).toLowerCase();
  return extension && Object.hasOwn(readers, extension) ? readers[extension] : undefined;
}

/** Extensions that have a reader, e.g. for `discoverFiles`. */
export function supportedExtensions(): string[] {
  return Object.keys(readers).sort();
}

export { csvReader, jsonReader, jsonlReader, textReader, yamlReader };
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
