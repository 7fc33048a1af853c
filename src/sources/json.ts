// JSON exports: an array of objects; or an object holding an array of objects (the first such
// property; the object's other text, if any, becomes one more record after them); or one object.
// Every string value in a record is a field named by its path (`title`, `attributes.color`,
// `images[2].alt`). jsonc-parser gives each string literal's offset, so positions inside escaped
// strings are exact.

import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { DEFAULT_LIMITS, SourceError, type FieldText, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import { LineMap, alignToRaw, createFieldText, lazyFieldText, unescapeJsonString, verbatim, type FieldEscaper } from "./location.js";
import { cleanId, isIdFieldName } from "./record-id.js";
import { limitsOf } from "./limits.js";
import { readWholeText } from "./text-stream.js";

export const jsonReader: SourceReader = {
  extensions: [".json"],
  kind: "listing",
  fixes: "copy",
  read: readJson,
};

/** Lenient where it costs nothing: exports edited by hand gain comments and trailing commas. */
export const JSON_PARSE_OPTIONS = { disallowComments: false, allowTrailingComma: true, allowEmptyContent: true };

async function* readJson(input: SourceInput): AsyncGenerator<SourceRecord> {
  const text = await readWholeText(input);
  const lines = new LineMap(text);
  const root = parseJson(text, lines, maxJsonDepthOf(input));
  if (!root) return;
  const container = recordArrayProperty(root);
  if (!container) {
    const items = root.type === "array" ? (root.children ?? []) : [root];
    for (let i = 0; i < items.length; i++) yield jsonRecord(items[i]!, i, text, lines);
    return;
  }
  const items = container.children?.[1]?.children ?? [];
  for (let i = 0; i < items.length; i++) yield jsonRecord(items[i]!, i, text, lines);
  // Text beside the array (a single product with an `images` array, a note) is not dropped.
  const rest: FieldText[] = [];
  for (const property of root.children ?? []) {
    if (property !== container) collectStringFields(property, "", text, lines, rest);
  }
  if (rest.length > 0) {
    yield { index: items.length, id: recordId(root), line: lines.position(root.offset).line, fields: rest };
  }
}

/** The `maxJsonDepth` limit a reader applies to `input`. */
export function maxJsonDepthOf(input: SourceInput): number {
  return limitsOf(input).maxJsonDepth;
}

/**
 * Parses `text`; a syntax error becomes a SourceError at its position (in `lines`' coordinates),
 * and so does nesting deeper than `maxDepth` (the parser recurses per level: 20,000 `[` would
 * overflow the stack).
 */
export function parseJson(text: string, lines: LineMap, maxDepth: number = DEFAULT_LIMITS.maxJsonDepth): Node | undefined {
  assertJsonDepth(text, lines, maxDepth);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, JSON_PARSE_OPTIONS);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  const first = errors[0];
  if (first) {
    const { line, column } = lines.position(first.offset);
    const atEnd = text.slice(first.offset).trim() === "";
    const what = describeParseError(first);
    throw new SourceError(`Invalid JSON: ${atEnd ? `unexpected end of file, ${lowerFirst(what)}` : what}.`, line, column);
  }
  return root;
}

/**
 * Throws a SourceError at the first `[` or `{` nested deeper than `maxDepth`. Brackets inside
 * strings and comments do not count; the scan is linear and needs no stack.
 */
export function assertJsonDepth(text: string, lines: LineMap, maxDepth: number): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string ends at its closing quote (or, unterminated, at the end of the line).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? n : close + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) {
        const { line, column } = lines.position(i);
        throw new SourceError(`JSON nested deeper than ${maxDepth} (limit maxJsonDepth).`, line, column);
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
}

/** A stack overflow on nesting that the depth limit let through (it was raised very high). */
function tooDeep(): SourceError {
  return new SourceError("JSON nested too deeply to read; lower the limit maxJsonDepth.");
}

/** In a root object, the first property whose value is an array of objects: the records. */
export function recordArrayProperty(root: Node): Node | undefined {
  if (root.type !== "object") return undefined;
  return (root.children ?? []).find((property) => {
    const value = property.children?.[1];
    return value !== undefined && isArrayOfObjects(value);
  });
}

function isArrayOfObjects(node: Node): boolean {
  const items = node.type === "array" ? (node.children ?? []) : [];
  return items.length > 0 && items.every((item) => item.type === "object" || item.type === "null");
}

/** One record from a JSON value; `text`/`lines` are the source it was parsed from. */
export function jsonRecord(node: Node, index: number, text: string, lines: LineMap): SourceRecord {
  const fields: FieldText[] = [];
  try {
    collectStringFields(node, "", text, lines, fields);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  return { index, id: recordId(node), line: lines.position(node.offset).line, fields };
}

function recordId(node: Node): string | undefined {
  if (node.type !== "object") return undefined;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && isIdFieldName(String(key.value))) {
      const id = cleanId(value.value);
      if (id) return id;
    }
  }
  return undefined;
}

/** Appends a field for every non-blank string in `node`, named by its path below the record. */
export function collectStringFields(node: Node, path: string, text: string, lines: LineMap, out: FieldText[]): void {
  switch (node.type) {
    case "string":
      if (typeof node.value === "string" && node.value.trim()) out.push(stringField(path || "text", node, text, lines));
      return;
    case "object":
      for (const property of node.children ?? []) collectStringFields(property, path, text, lines, out);
      return;
    case "property": {
      const [key, value] = node.children ?? [];
      if (key && value) collectStringFields(value, path ? `${path}.${key.value}` : String(key.value), text, lines, out);
      return;
    }
    case "array":
      (node.children ?? []).forEach((item, i) => collectStringFields(item, `${path}[${i}]`, text, lines, out));
      return;
    default:
      return; // numbers, booleans and null carry no text worth checking
  }
}

function stringField(name: string, node: Node, text: string, lines: LineMap): FieldText {
  const value = node.value as string;
  const innerStart = node.offset + 1;
  const innerEnd = node.offset + node.length - 1;
  // Same length as the literal's inside means no escapes: the value is its own raw slice.
  if (innerEnd - innerStart === value.length) return createFieldText(name, verbatim(value), innerStart, lines, JSON_STRING_ESCAPER);
  return lazyFieldText(name, value, () => {
    const unescaped = unescapeJsonString(text.slice(innerStart, innerEnd));
    if (unescaped && unescaped.text === value) return { value: unescaped, rawStart: innerStart, lines, escaper: JSON_STRING_ESCAPER };
    return { value: alignToRaw(value, text, innerStart, innerEnd), rawStart: 0, lines };
  });
}

/** Fixes inside a JSON string literal: the replacement is written with JSON's escapes. */
export const JSON_STRING_ESCAPER: FieldEscaper = { escape: (text) => JSON.stringify(text).slice(1, -1) };

const PARSE_ERROR_MESSAGES: Record<string, string> = {
  InvalidSymbol: "Invalid symbol",
  InvalidNumberFormat: "Invalid number",
  PropertyNameExpected: "Property name expected",
  ValueExpected: "Value expected",
  ColonExpected: "Colon expected",
  CommaExpected: "Comma expected",
  CloseBraceExpected: "Closing brace `}` expected",
  CloseBracketExpected: "Closing bracket `]` expected",
  EndOfFileExpected: "End of file expected",
  InvalidCommentToken: "Invalid comment",
  UnexpectedEndOfComment: "Unterminated comment",
  UnexpectedEndOfString: "Unterminated string",
  UnexpectedEndOfNumber: "Unterminated number",
  InvalidUnicode: "Invalid \\u escape",
  InvalidEscapeCharacter: "Invalid escape character",
  InvalidCharacter: "Invalid character in string (control characters must be escaped)",
};

export function describeParseError(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return PARSE_ERROR_MESSAGES[code] ?? code;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
