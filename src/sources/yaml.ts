// YAML template libraries: every string scalar is a field named by its key path
// (`after_sales.refund`, `replies[3]`). One record per YAML document; a usual file has one.

import type { Node as YamlNode, YAMLError } from "yaml";
import { yaml } from "../lazy-modules.js";
import { SourceError, type FieldText, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import { LineMap, alignToRaw, createFieldText, type FieldEscaper } from "./location.js";
import { yamlScalarText, type YamlScalarType } from "./yaml-scalars.js";
import { readWholeText } from "./text-stream.js";
import { parseDirectives, type Directive } from "../directives.js";

/** Duplicate keys are kept (both templates get linted) rather than failing the file. */
const YAML_PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

export const yamlReader: SourceReader = {
  extensions: [".yaml", ".yml"],
  kind: "reply",
  fixes: "in-place",
  read: readYaml,
};

async function* readYaml(input: SourceInput): AsyncGenerator<SourceRecord> {
  // A lone `\r` (classic Mac line ending) is a YAML line break that the parser does not take:
  // it becomes `\n`, which keeps every offset and line number (fixes compare breaks as `\n`).
  const text = withoutLoneCr(await readWholeText(input));
  const lines = new LineMap(text);
  const documents = yaml().parseAllDocuments(text, YAML_PARSE_OPTIONS);
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) throw yamlError(error, lines);
  }
  // `# offsite-lint-disable-line` comments: given with the first record (they are per file).
  let directives: Directive[] | undefined = parseDirectives(text, "yaml");
  if (directives.length === 0) directives = undefined;
  let index = 0;
  for (const document of list) {
    const contents = document.contents as YamlNode | null;
    if (!contents) continue;
    const fields: FieldText[] = [];
    collectScalars(contents, "", text, lines, fields);
    const start = contents.range?.[0] ?? 0;
    const record: SourceRecord = { index: index++, line: lines.position(start).line, fields };
    if (directives) record.directives = directives;
    directives = undefined;
    yield record;
  }
  // A file of comments only: its directives are still reported when unused.
  if (directives) yield { index: 0, line: 1, fields: [], directives };
}

function collectScalars(node: unknown, path: string, text: string, lines: LineMap, out: FieldText[]): void {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (key === null || key === undefined || key === "<<") continue; // complex or merge keys
      collectScalars(pair.value, path ? `${path}.${String(key)}` : String(key), text, lines, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectScalars(item, `${path}[${i}]`, text, lines, out));
  } else if (isScalar(node) && !isAlias(node)) {
    // Aliases are skipped: the anchored value is already a field where it is defined.
    if (typeof node.value === "string" && node.value.trim() && node.range) {
      out.push(scalarField(path || "text", node.value, node.type as YamlScalarType | undefined, node.range, text, lines));
    }
  }
}

function scalarField(
  name: string,
  value: string,
  type: YamlScalarType | undefined,
  range: readonly [number, number, number],
  text: string,
  lines: LineMap,
): FieldText {
  const [start, end] = range;
  if (type) {
    const mapped = yamlScalarText(text.slice(start, end), type, value);
    if (mapped.text === value) return createFieldText(name, mapped, start, lines, yamlEscaper(type, start, text));
  }
  return createFieldText(name, alignToRaw(value, text, start, end), 0, lines);
}

/** Largest stretch of lines around a scalar that a fix check parses again (larger: no fix). */
const MAX_CHECKED_YAML = 256 * 1024;

/**
 * Fixes inside a scalar, re-escaped for its style: `''` in single quotes, backslash escapes in
 * double quotes, verbatim in plain and block scalars (no line breaks in any of them: a fix never
 * adds a line, and a line break folds differently in each style). Every placed edit is checked by
 * parsing the edited lines again — the whole lines the scalar spans, with their indentation, so the
 * check costs the scalar's size, not the file's: the scalar that starts where this one does must
 * have exactly the new value, and the lines must parse without errors. Anything else (a `: ` or
 * ` #` that a plain scalar cannot hold, a block scalar whose indentation would change, a scalar in
 * a flow collection spread over several lines) gives no fix.
 */
export function yamlEscaper(type: YamlScalarType, scalarStart: number, text: string): FieldEscaper {
  return {
    escape(replacement) {
      if (/[\r\n\u0085\u2028\u2029]/u.test(replacement)) return null;
      switch (type) {
        case "QUOTE_SINGLE":
          return replacement.replace(/'/g, "''");
        case "QUOTE_DOUBLE":
          return escapeDoubleQuoted(replacement);
        default:
          return replacement;
      }
    },
    check({ rawFrom, rawTo, rawText, newValue }) {
      const from = text.lastIndexOf("\n", scalarStart - 1) + 1;
      const lineEnd = text.indexOf("\n", rawTo);
      const to = lineEnd === -1 ? text.length : lineEnd;
      if (to - from > MAX_CHECKED_YAML || rawFrom < scalarStart) return false;
      const lines = text.slice(from, rawFrom) + rawText + text.slice(rawTo, to);
      return yamlScalarAt(lines, scalarStart - from) === newValue;
    },
  };
}

/** Text written inside double quotes: backslash, quote and control characters escaped. */
export function escapeDoubleQuoted(text: string): string {
  return text.replace(/[\\"\u0000-\u001f\u007f]/gu, (c) => {
    if (c === "\\") return "\\\\";
    if (c === '"') return '\\"';
    if (c === "\t") return "\\t";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/** The string value of the scalar that starts at `offset` in `text`, if it parses without errors. */
function yamlScalarAt(text: string, offset: number): string | undefined {
  const { parseAllDocuments, visit } = yaml();
  const documents = parseAllDocuments(text, YAML_PARSE_OPTIONS);
  if (!Array.isArray(documents)) return undefined;
  let found: string | undefined;
  for (const document of documents) {
    if (document.errors.length > 0) return undefined;
    visit(document, {
      Scalar(_key, node) {
        if (node.range?.[0] === offset && typeof node.value === "string") {
          found = node.value;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found !== undefined) return found;
  }
  return found;
}

function yamlError(error: YAMLError, lines: LineMap): SourceError {
  const { line, column } = lines.position(error.pos[0]);
  // The message repeats the position ("... at line 3, column 1:" plus a code frame): drop that.
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  // The parser recurses per nesting level and reports its stack overflow as a syntax error.
  if (/Maximum call stack size exceeded/i.test(message)) return new SourceError("Invalid YAML: collections nested too deeply to parse.", line, column);
  return new SourceError(`Invalid YAML: ${message}`, line, column);
}

function withoutLoneCr(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}
