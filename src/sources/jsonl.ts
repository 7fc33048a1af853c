// JSON Lines: one record per non-empty line, read as the file streams in. A line that is not
// valid JSON stops the file with a SourceError at that line (the records before it are already out).

import { SourceError, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import { jsonRecord, maxJsonDepthOf, parseJson } from "./json.js";
import { LineMap } from "./location.js";
import { openText, splitLines } from "./text-stream.js";

export const jsonlReader: SourceReader = {
  extensions: [".jsonl", ".ndjson"],
  kind: "listing",
  fixes: "copy",
  read: readJsonLines,
};

async function* readJsonLines(input: SourceInput): AsyncGenerator<SourceRecord> {
  let index = 0;
  const maxDepth = maxJsonDepthOf(input);
  for await (const { text, line } of splitLines(await openText(input))) {
    if (!text.trim()) continue;
    const lines = new LineMap(text, { line, column: 1 });
    const node = parseLine(text, lines, line, maxDepth);
    if (node) yield jsonRecord(node, index++, text, lines);
  }
}

function parseLine(text: string, lines: LineMap, line: number, maxDepth: number): ReturnType<typeof parseJson> {
  try {
    return parseJson(text, lines, maxDepth);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    throw new SourceError(`Line ${line}: ${error.message}`, error.line, error.column);
  }
}
