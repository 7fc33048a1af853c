// Plain text and Markdown reply templates: the whole file is one record with one field, `text`.
// The text is verbatim, so any fix can be written back as is.

import { extname } from "node:path";
import { blankDirectiveComments, parseDirectives } from "../directives.js";
import type { SourceInput, SourceReader, SourceRecord } from "../types.js";
import { LineMap, VERBATIM_ESCAPER, createFieldText, verbatim } from "./location.js";
import { readWholeText } from "./text-stream.js";

export const textReader: SourceReader = {
  extensions: [".txt", ".md"],
  kind: "reply",
  fixes: "in-place",
  read: readText,
};

async function* readText(input: SourceInput): AsyncGenerator<SourceRecord> {
  const raw = await readWholeText(input);
  // Markdown has comments, so inline directives; plain text has neither. The directive comments
  // are blanked (same length, lines kept) so their rule names are not linted as template text.
  const markdown = extname(input.filePath).toLowerCase() === ".md";
  const directives = markdown ? parseDirectives(raw, "html") : [];
  const text = directives.length > 0 ? blankDirectiveComments(raw, "html") : raw;
  const fields = text.trim() ? [createFieldText("text", verbatim(text), 0, new LineMap(text), VERBATIM_ESCAPER)] : [];
  const record: SourceRecord = { index: 0, line: 1, fields };
  if (directives.length > 0) record.directives = directives;
  yield record;
}
