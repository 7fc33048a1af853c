// Offsets for YAML scalars: which raw character each character of a scalar's value comes from.
//
// Flow scalars (plain, 'single', "double") are folded and unescaped exactly as the `yaml` package
// does it (compose/resolve-flow-scalar.js), recording offsets on the way; the reader checks the
// result against the parsed value and falls back to `alignToRaw` if they ever differ. Block scalars
// (`|`, `>`) have no escapes: their characters are verbatim after the indentation, so aligning the
// value with the body gives the right physical line and, for non-indentation text, the column.

import { OffsetTextBuilder, alignToRaw, verbatim, type UnescapedText } from "./location.js";

export type YamlScalarType = "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

/**
 * The value of a scalar whose source is `source` (from its first character, the quote or block
 * header included), with offsets relative to `source`.
 */
export function yamlScalarText(source: string, type: YamlScalarType, value: string): UnescapedText {
  switch (type) {
    case "PLAIN":
      return unfoldLines(source, 0, source.length, false);
    case "QUOTE_SINGLE":
      return unfoldLines(source, 1, Math.max(1, source.length - 1), true);
    case "QUOTE_DOUBLE":
      return doubleQuoted(source);
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED": {
      const body = source.indexOf("\n") + 1; // after the header line (`|-`, `>2 # comment`)
      return alignToRaw(value, source, body === 0 ? source.length : body);
    }
  }
}

/**
 * Flow folding: a line break between text becomes a space, each empty line a `\n`; whitespace
 * around line breaks is dropped. `''` stands for `'` in single-quoted scalars.
 */
function unfoldLines(source: string, from: number, to: number, singleQuoted: boolean): UnescapedText {
  const firstBreak = source.indexOf("\n", from);
  if (firstBreak === -1 || firstBreak >= to) {
    if (!singleQuoted) return from === 0 && to === source.length ? verbatim(source) : shifted(source, from, to);
  }
  const out = new OffsetTextBuilder(to - from);
  const emit = (start: number, end: number): void => {
    if (!singleQuoted) return out.appendVerbatim(source, start, end);
    let k = start;
    for (let q = source.indexOf("''", k); q !== -1 && q + 1 < end; q = source.indexOf("''", k)) {
      out.appendVerbatim(source, k, q + 1);
      k = q + 2;
    }
    out.appendVerbatim(source, k, end);
  };
  let lineStart = from;
  let sep = "";
  let sepOffset = from;
  let first = true;
  for (;;) {
    const nl = source.indexOf("\n", lineStart);
    const isLast = nl === -1 || nl >= to;
    const breakAt = isLast ? to : nl > lineStart && source[nl - 1] === "\r" ? nl - 1 : nl;
    let start = lineStart;
    let end = breakAt;
    if (!first) while (start < end && isBlank(source[start]!)) start++;
    if (!isLast) while (end > start && isBlank(source[end - 1]!)) end--;
    if (first) {
      emit(start, end);
      sep = " ";
      sepOffset = breakAt;
      first = false;
    } else if (isLast) {
      out.append(sep, sepOffset);
      emit(start, end);
      return out.finish(to);
    } else if (start === end) {
      if (sep === "\n") out.append("\n", lineStart);
      else {
        sep = "\n";
        sepOffset = lineStart;
      }
    } else {
      out.append(sep, sepOffset);
      emit(start, end);
      sep = " ";
      sepOffset = breakAt;
    }
    if (isLast) return out.finish(to);
    lineStart = nl + 1;
  }
}

function shifted(source: string, from: number, to: number): UnescapedText {
  const out = new OffsetTextBuilder(to - from);
  out.appendVerbatim(source, from, to);
  return out.finish(to);
}

const DOUBLE_QUOTED_ESCAPES = new Map<string, string>([
  ["0", "\0"],
  ["a", "\x07"],
  ["b", "\b"],
  ["e", "\x1b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
  ["v", "\v"],
  ["N", "\u0085"],
  ["_", "\u00a0"],
  ["L", "\u2028"],
  ["P", "\u2029"],
  [" ", " "],
  ['"', '"'],
  ["/", "/"],
  ["\\", "\\"],
  ["\t", "\t"],
]);

/** A double-quoted scalar, including its quotes in `source`. */
function doubleQuoted(source: string): UnescapedText {
  const out = new OffsetTextBuilder(source.length);
  const last = source.length - 1;
  for (let i = 1; i < last; ++i) {
    const ch = source[i]!;
    if (ch === "\r" && source[i + 1] === "\n") continue;
    if (ch === "\n") {
      const { fold, offset } = foldNewline(source, i);
      out.append(fold, i);
      i = offset;
    } else if (ch === "\\") {
      const start = i;
      let next = source[++i];
      const escaped = next === undefined ? undefined : DOUBLE_QUOTED_ESCAPES.get(next);
      if (escaped !== undefined) {
        out.append(escaped, start);
      } else if (next === "\n" || (next === "\r" && source[i + 1] === "\n")) {
        // An escaped line break joins the lines; the next line's indentation is dropped.
        if (next === "\r") i++;
        next = source[i + 1];
        while (next === " " || next === "\t") next = source[++i + 1];
      } else if (next === "x" || next === "u" || next === "U") {
        const length = next === "x" ? 2 : next === "u" ? 4 : 8;
        out.append(charFromCode(source, i + 1, length), start);
        i += length;
      } else {
        out.append(source.substr(i - 1, 2), start);
      }
    } else if (ch === " " || ch === "\t") {
      // Whitespace before a line break is dropped.
      const wsStart = i;
      let next = source[i + 1];
      while (next === " " || next === "\t") next = source[++i + 1];
      if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n")) out.appendVerbatim(source, wsStart, i + 1);
    } else {
      let end = i + 1;
      while (end < last && !isSpecialInDoubleQuotes(source[end]!)) end++;
      out.appendVerbatim(source, i, end);
      i = end - 1;
    }
  }
  return out.finish(Math.max(1, last));
}

/** A single line break folds to a space, n line breaks to n - 1 newlines. */
function foldNewline(source: string, offset: number): { fold: string; offset: number } {
  let fold = "";
  let ch = source[offset + 1];
  while (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
    if (ch === "\r" && source[offset + 2] !== "\n") break;
    if (ch === "\n") fold += "\n";
    offset += 1;
    ch = source[offset + 1];
  }
  return { fold: fold || " ", offset };
}

function charFromCode(source: string, offset: number, length: number): string {
  const hex = source.substr(offset, length);
  if (hex.length === length && /^[0-9a-fA-F]+$/.test(hex)) {
    const code = parseInt(hex, 16);
    if (code <= 0x10ffff) return String.fromCodePoint(code);
  }
  return source.substr(offset - 2, length + 2);
}

function isSpecialInDoubleQuotes(ch: string): boolean {
  return ch === "\\" || ch === "\n" || ch === "\r" || ch === " " || ch === "\t";
}

function isBlank(ch: string): boolean {
  return ch === " " || ch === "\t";
}
