// Where a field's characters are in the file. Every reader uses this one mechanism to implement
// `FieldText.position(offset)`:
//
//   decoded text offset ──rawOffsets──► offset in the raw source ──LineMap──► line/column
//
// The raw source is the decoded file text (or a slice of it, such as one CSV record) exactly as it
// is on disk: quotes, escapes and line breaks included. `rawOffsets[i]` is where the raw
// representation of decoded character i starts; `rawOffsets[text.length]` is where the value ends.
// Values without escapes need no table at all (`rawOffsets: null` = identity).

import type { FieldText, Position, RawEdit } from "../types.js";

/** A decoded value and, per UTF-16 unit (plus one for the end), its offset in the raw slice. */
export interface UnescapedText {
  text: string;
  /** Length text.length + 1; null when the text is the raw slice itself. */
  rawOffsets: Int32Array | null;
}

/**
 * Line starts of a raw text, for offset → {line, column} by binary search. Columns count UTF-16
 * code units, as ESLint does. A line break is `\n` (so `\r\n` too: the `\r` is the last column of
 * its line) or a lone `\r`. `start` is the file position of offset 0, for texts that are slices of a file.
 */
export class LineMap {
  /** Offsets just after each line break. */
  private readonly lineStarts: Int32Array;

  /**
   * Offset of `text` in the decoded file text, when known: 0 for a map of the whole file (no
   * `start` given), else what the caller passes. Fixes need it to give ESLint-style ranges.
   */
  readonly baseOffset: number | undefined;
  private readonly start: Position;

  constructor(
    readonly text: string,
    start?: Position,
    baseOffset?: number,
  ) {
    this.start = start ?? { line: 1, column: 1 };
    this.baseOffset = baseOffset ?? (start ? undefined : 0);
    this.lineStarts = lineStartOffsets(text);
  }

  /** Position of raw offset `offset` (clamped to the text). */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const breaks = this.linesBefore(clamped);
    if (breaks === 0) return { line: this.start.line, column: this.start.column + clamped };
    return { line: this.start.line + breaks, column: clamped - this.lineStarts[breaks - 1]! + 1 };
  }

  /** Number of line starts at or before `offset`, i.e. line breaks before it. */
  private linesBefore(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Offsets just after each line break of `text`: `\n`, `\r\n`, and a lone `\r` (classic Mac line
 * endings, which editors show as line breaks too).
 */
export function lineStartOffsets(text: string): Int32Array {
  const hasCr = text.includes("\r");
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  if (hasCr) for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 10) count++;
  const starts = new Int32Array(count);
  let k = 0;
  if (!hasCr) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[k++] = i + 1;
  }
  return starts;
}

/**
 * How replacement text is written where a field sits in its file (for fixes). `escape` gives the
 * raw form (quotes doubled, escapes written) or null when the text cannot be written there;
 * `check`, if given, has the last word on a placed edit: `rawFrom`/`rawTo` are offsets in the
 * line map's text, `newValue` is the value the field would have afterwards.
 */
export interface FieldEscaper {
  escape(text: string): string | null;
  check?(edit: { rawFrom: number; rawTo: number; rawText: string; newValue: string }): boolean;
}

/** Verbatim text: any replacement is written as is. */
export const VERBATIM_ESCAPER: FieldEscaper = { escape: (text) => text };

/**
 * A FieldText whose value starts at `rawStart` in the text of `lines`. The line map is shared by
 * all fields of a file (or record), so a field costs its text and, if escaped, one Int32Array.
 * With an `escaper` the field can be edited (`rawEdit`): only offsets are exact here, so pass one
 * only for values whose offsets come from an exact unescaper, never from `alignToRaw`.
 */
export function createFieldText(
  name: string,
  value: UnescapedText,
  rawStart: number,
  lines: LineMap,
  escaper?: FieldEscaper,
): FieldText {
  const { text, rawOffsets } = value;
  const field: FieldText = {
    name,
    text,
    position(offset: number): Position {
      const i = Math.max(0, Math.min(Math.trunc(offset) || 0, text.length));
      return lines.position(rawStart + (rawOffsets ? rawOffsets[i]! : i));
    },
  };
  if (escaper) field.rawEdit = (start, end, replacement) => placeEdit(value, rawStart, lines, escaper, start, end, replacement);
  return field;
}

/**
 * Places a field edit in the raw text: the raw range of text range [start, end) and the escaped
 * replacement. Null when a range end falls inside one raw unit that yields several characters (an
 * escape, a surrogate pair written as one `\U` escape, a folded line break), or when the escaper
 * refuses.
 */
export function placeEdit(
  value: UnescapedText,
  rawStart: number,
  lines: LineMap,
  escaper: FieldEscaper,
  start: number,
  end: number,
  replacement: string,
): RawEdit | null {
  const { text, rawOffsets } = value;
  if (!(start >= 0 && start <= end && end <= text.length)) return null;
  const raw = (i: number): number => (rawOffsets ? rawOffsets[i]! : i);
  if (!onBoundary(raw, start, text.length) || !onBoundary(raw, end, text.length)) return null;
  const rawFrom = rawStart + raw(start);
  const rawTo = rawStart + raw(end);
  if (rawTo < rawFrom) return null;
  const escaped = escaper.escape(replacement);
  if (escaped === null) return null;
  const newValue = text.slice(0, start) + replacement + text.slice(end);
  if (escaper.check && !escaper.check({ rawFrom, rawTo, rawText: escaped, newValue })) return null;
  const edit: RawEdit = {
    from: lines.position(rawFrom),
    to: lines.position(rawTo),
    text: escaped,
    expect: lines.text.slice(rawFrom, rawTo),
  };
  if (lines.baseOffset !== undefined) edit.range = [lines.baseOffset + rawFrom, lines.baseOffset + rawTo];
  return edit;
}

/** Whether text offset `i` starts its own raw unit (it does not share one with the character before). */
function onBoundary(raw: (i: number) => number, i: number, length: number): boolean {
  if (i === 0 || i > length) return true;
  return raw(i) !== raw(i - 1);
}

/** Where a field's value is: what `createFieldText` takes, computed on demand by `lazyFieldText`. */
export interface FieldLocation {
  value: UnescapedText;
  rawStart: number;
  lines: LineMap;
  /** Set when the location is exact and the field may be edited there (see `createFieldText`). */
  escaper?: FieldEscaper;
}

/**
 * A FieldText whose location is worked out only when a position is first asked for. Most fields
 * never are (positions are needed for findings only), so a streamed row costs its values alone.
 * `locate` must return a value whose text equals `text`.
 */
export function lazyFieldText(name: string, text: string, locate: () => FieldLocation): FieldText {
  let located: FieldText | undefined;
  const get = (): FieldText => {
    if (!located) {
      const { value, rawStart, lines, escaper } = locate();
      located = createFieldText(name, value, rawStart, lines, escaper);
    }
    return located;
  };
  return {
    name,
    text,
    position(offset: number): Position {
      return get().position(offset);
    },
    rawEdit(start: number, end: number, replacement: string) {
      const field = get();
      return field.rawEdit ? field.rawEdit(start, end, replacement) : null;
    },
  };
}

/**
 * The general form: a field whose raw slice `raw` starts at file position `start`.
 * Use it when the surrounding file text is not at hand.
 */
export function fieldFromSlice(name: string, raw: string, start: Position, value: UnescapedText): FieldText {
  return createFieldText(name, value, 0, new LineMap(raw, start));
}

/** Builds a decoded text while recording the raw offset of every UTF-16 unit it appends. */
export class OffsetTextBuilder {
  private readonly parts: string[] = [];
  private offsets: Int32Array;
  private length = 0;

  constructor(expectedLength = 16) {
    this.offsets = new Int32Array(Math.max(16, expectedLength + 1));
  }

  /** Appends `text`, every unit of it produced by the raw characters starting at `rawOffset`. */
  append(text: string, rawOffset: number): void {
    if (!text) return;
    this.reserve(this.length + text.length + 1);
    this.offsets.fill(rawOffset, this.length, this.length + text.length);
    this.parts.push(text);
    this.length += text.length;
  }

  /** Appends raw[from, to) verbatim: each unit maps to its own raw offset. */
  appendVerbatim(raw: string, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(this.length + (to - from) + 1);
    for (let k = from; k < to; k++) this.offsets[this.length + k - from] = k;
    this.parts.push(raw.slice(from, to));
    this.length += to - from;
  }

  /** The text, with `rawEnd` as the raw offset of the end position. */
  finish(rawEnd: number): UnescapedText {
    this.reserve(this.length + 1);
    this.offsets[this.length] = rawEnd;
    return { text: this.parts.join(""), rawOffsets: this.offsets.subarray(0, this.length + 1) };
  }

  private reserve(size: number): void {
    if (size <= this.offsets.length) return;
    const grown = new Int32Array(Math.max(size, this.offsets.length * 2));
    grown.set(this.offsets.subarray(0, this.length));
    this.offsets = grown;
  }
}

/** A value that is its raw slice verbatim. */
export function verbatim(text: string): UnescapedText {
  return { text, rawOffsets: null };
}

/**
 * The inside of a quoted CSV cell (without the surrounding quotes): `""` stands for `"`.
 * Offsets are relative to the inside.
 */
export function unescapeCsvCell(inner: string): UnescapedText {
  if (!inner.includes('""')) return verbatim(inner);
  const out = new OffsetTextBuilder(inner.length);
  let from = 0;
  for (let q = inner.indexOf('""'); q !== -1; q = inner.indexOf('""', from)) {
    out.appendVerbatim(inner, from, q + 1); // keeps the first quote, mapped to itself
    from = q + 2;
  }
  out.appendVerbatim(inner, from, inner.length);
  return out.finish(inner.length);
}

const JSON_SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * The inside of a JSON string literal (without the quotes). Each `\uXXXX` gives one UTF-16 unit,
 * so a surrogate pair written as two escapes maps each half to its own escape. Returns null on a
 * malformed escape (the parser reports those).
 */
export function unescapeJsonString(inner: string): UnescapedText | null {
  if (!inner.includes("\\")) return verbatim(inner);
  const out = new OffsetTextBuilder(inner.length);
  let from = 0;
  for (let b = inner.indexOf("\\"); b !== -1; b = inner.indexOf("\\", from)) {
    out.appendVerbatim(inner, from, b);
    const kind = inner[b + 1];
    if (kind === undefined) return null;
    if (kind === "u") {
      const hex = inner.slice(b + 2, b + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
      out.append(String.fromCharCode(parseInt(hex, 16)), b);
      from = b + 6;
    } else {
      const char = JSON_SIMPLE_ESCAPES[kind];
      if (char === undefined) return null;
      out.append(char, b);
      from = b + 2;
    }
  }
  out.appendVerbatim(inner, from, inner.length);
  return out.finish(inner.length);
}

/** How far `alignToRaw` looks ahead for a character hidden behind markup (`\U0001F600` is 10). */
const ALIGN_LOOKAHEAD = 12;

/**
 * Best-effort offsets of `text` in `raw[rawFrom, rawTo)` when no exact unescaper applies (block
 * scalars, or a parser's lenient reading we do not mirror). Characters that occur verbatim in
 * order map exactly; raw whitespace the value lacks (indentation, line breaks) and short markup
 * (quotes, escape prefixes) are skipped; characters the value gained (a folded line break, an
 * escaped character) map to where the raw text is at that point.
 */
export function alignToRaw(text: string, raw: string, rawFrom = 0, rawTo = raw.length): UnescapedText {
  const offsets = new Int32Array(text.length + 1);
  let j = rawFrom;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    while (j < rawTo && raw[j] !== c && isSkippableWhitespace(raw[j]!, c)) j++;
    if (j >= rawTo) {
      offsets[i] = rawTo;
    } else if (raw[j] === c || ((c === " " || c === "\n") && raw[j] === "\n")) {
      offsets[i] = j++; // verbatim, or a line break kept or folded into a space
    } else {
      const k = raw.indexOf(c, j);
      if (k !== -1 && k < rawTo && k - j <= ALIGN_LOOKAHEAD) {
        offsets[i] = k;
        j = k + 1;
      } else {
        offsets[i] = j; // a character the raw text spells differently
      }
    }
  }
  offsets[text.length] = Math.min(j, rawTo);
  return { text, rawOffsets: offsets };
}

function isSkippableWhitespace(rawChar: string, valueChar: string): boolean {
  if (rawChar === " " || rawChar === "\t") return valueChar !== " " && valueChar !== "\t";
  if (rawChar === "\r") return true;
  if (rawChar === "\n") return valueChar !== " " && valueChar !== "\n";
  return false;
}
