// YAML template libraries: every string scalar is a field named by its key path
// (`after_sales.refund`, `replies[3]`). One record per YAML document; a usual file has one.

import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type YAMLError } from "yaml";
import { SourceError, type FieldText, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import { LineMap, alignToRaw, createFieldText } from "./location.js";
import { yamlScalarText, type YamlScalarType } from "./yaml-scalars.js";
import { readWholeText } from "./text-stream.js";

export const yamlReader: SourceReader = {
  extensions: [".yaml", ".yml"],
  kind: "reply",
  read: readYaml,
};

async function* readYaml(input: SourceInput): AsyncGenerator<SourceRecord> {
  const text = await readWholeText(input);
  const lines = new LineMap(text);
  // Duplicate keys are kept (both templates get linted) rather than failing the file.
  const documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) throw yamlError(error, lines);
  }
  let index = 0;
  for (const document of list) {
    const contents = document.contents as YamlNode | null;
    if (!contents) continue;
    const fields: FieldText[] = [];
    collectScalars(contents, "", text, lines, fields);
    const start = contents.range?.[0] ?? 0;
    yield { index: index++, line: lines.position(start).line, fields };
  }
}

function collectScalars(node: unknown, path: string, text: string, lines: LineMap, out: FieldText[]): void {
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
    if (mapped.text === value) return createFieldText(name, mapped, start, lines);
  }
  return createFieldText(name, alignToRaw(value, text, start, end), 0, lines);
}

function yamlError(error: YAMLError, lines: LineMap): SourceError {
  const { line, column } = lines.position(error.pos[0]);
  // The message repeats the position ("... at line 3, column 1:" plus a code frame): drop that.
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return new SourceError(`Invalid YAML: ${message}`, line, column);
}
