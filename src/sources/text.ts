// Plain text and Markdown reply templates: the whole file is one record with one field, `text`.

import type { SourceInput, SourceReader, SourceRecord } from "../types.js";
import { LineMap, createFieldText, verbatim } from "./location.js";
import { readWholeText } from "./text-stream.js";

export const textReader: SourceReader = {
  extensions: [".txt", ".md"],
  kind: "reply",
  read: readText,
};

async function* readText(input: SourceInput): AsyncGenerator<SourceRecord> {
  const text = await readWholeText(input);
  const fields = text.trim() ? [createFieldText("text", verbatim(text), 0, new LineMap(text))] : [];
  yield { index: 0, line: 1, fields };
}
