// CSV and TSV exports: one record per row after the header row, one field per non-empty cell.
//
// csv-parse does the streaming and the quoting rules; it hands back each record's raw text
// (`raw: true`). The raw texts of consecutive records concatenate to the input (skipped blank lines
// ride at the start of the next record's raw text), so counting their line breaks gives the line
// each record starts on, and re-scanning one record's raw text gives each cell's exact slice.
// Line breaks are normalised to `\n` first: csv-parse's raw text and line counts are unreliable
// with `\r\n` inside quoted cells.

import { extname } from "node:path";
import { parse, CsvError } from "csv-parse";
import { SourceError, type FieldText, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import {
  LineMap,
  alignToRaw,
  lazyFieldText,
  unescapeCsvCell,
  verbatim,
  type FieldEscaper,
  type FieldLocation,
  type UnescapedText,
} from "./location.js";
import { cleanId, findIdColumn } from "./record-id.js";
import { normalizeLineBreaks, openText, peekText } from "./text-stream.js";

/** Characters read before the delimiter is decided. */
const SNIFF_LENGTH = 16 * 1024;
/** Lines looked at by the sniffer. */
const SNIFF_LINES = 10;
/** A row longer than this is almost always an unclosed quote swallowing the rest of the file. */
const MAX_RECORD_SIZE = 16 * 1024 * 1024;

export const CSV_DELIMITERS = [",", ";", "\t"] as const;

export const csvReader: SourceReader = {
  extensions: [".csv", ".tsv"],
  kind: "listing",
  fixes: "copy",
  read: readCsv,
};

async function* readCsv(input: SourceInput): AsyncGenerator<SourceRecord> {
  const text = normalizeLineBreaks(await openText(input));
  const { head, chunks } = await peekText(text, SNIFF_LENGTH);
  const fallback = extname(input.filePath).toLowerCase() === ".tsv" ? "\t" : ",";
  const delimiter = sniffDelimiter(head, fallback);

  let nextLine = 1; // line on which the next raw text starts
  let header: string[] | undefined;
  let idColumn = -1;
  let index = 0;
  try {
    for await (const rows of parseRows(chunks, delimiter)) {
      for (const { record: values, raw } of rows) {
        const blankLines = countLeadingNewlines(raw);
        const line = nextLine + blankLines;
        nextLine += countNewlines(raw);
        if (!header) {
          header = values.map((cell, i) => cell.trim() || `column_${i + 1}`);
          idColumn = findIdColumn(header);
          continue;
        }
        const recordText = blankLines ? raw.slice(blankLines) : raw;
        yield {
          index: index++,
          id: idColumn >= 0 ? cleanId(values[idColumn]) : undefined,
          line,
          fields: rowFields(recordText, line, values, header, delimiter),
        };
      }
    }
  } catch (error) {
    throw toSourceError(error, nextLine);
  }
}

interface RawRow {
  record: string[];
  raw: string;
}

/**
 * Feeds csv-parse one chunk at a time and hands back, in order, the rows each chunk completed.
 * Rows are taken in `on_record` rather than read from the stream so that the rows parsed before a
 * syntax error are still delivered before the error (a stream drops its buffer on error), and so
 * that memory holds one chunk's rows at most.
 */
async function* parseRows(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<RawRow[]> {
  let rows: RawRow[] = [];
  let failure: unknown;
  const parser = parse({
    delimiter,
    record_delimiter: "\n",
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_SIZE,
    on_record: (row: unknown) => {
      rows.push(row as RawRow);
      return null; // nothing goes to the readable side
    },
  });
  const settled = new Promise<void>((resolve) => {
    parser.on("error", (error) => {
      failure ??= error;
      resolve();
    });
    parser.once("finish", () => resolve());
    parser.once("close", () => resolve());
  });
  const takeRows = (): RawRow[] => {
    const taken = rows;
    rows = [];
    return taken;
  };
  try {
    for await (const chunk of chunks) {
      await new Promise<void>((resolve) => parser.write(chunk, () => resolve()));
      if (rows.length) yield takeRows();
      if (failure || parser.destroyed) break;
    }
    if (!failure && !parser.destroyed) parser.end();
    await settled;
    if (rows.length) yield takeRows();
    if (failure) throw failure;
  } finally {
    parser.destroy();
  }
}

/**
 * The fields of one data row; `recordText` is its raw text, starting at column 1 of `line`.
 * Cell slices are found only if a position is asked for (see `lazyFieldText`).
 */
function rowFields(
  recordText: string,
  line: number,
  values: readonly string[],
  header: readonly string[],
  delimiter: string,
): FieldText[] {
  let layout: { lines: LineMap; cells: CellSlice[] } | undefined;
  const getLayout = () => (layout ??= { lines: new LineMap(recordText, { line, column: 1 }), cells: scanCells(recordText, delimiter) });
  const fields: FieldText[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!value.trim()) continue;
    fields.push(
      lazyFieldText(header[i] ?? `column_${i + 1}`, value, (): FieldLocation => {
        const { lines, cells } = getLayout();
        const cell = cells[i];
        const exact = cell && cellText(recordText, cell, value);
        if (cell && exact) return { value: exact, rawStart: cell.start, lines, escaper: csvEscaper(cell.quoted, delimiter) };
        return { value: alignToRaw(value, recordText, cell?.outerStart ?? 0, cell?.outerEnd), rawStart: 0, lines };
      }),
    );
  }
  return fields;
}

/**
 * Fixes inside a cell: a quoted cell doubles quotes; an unquoted one cannot take a delimiter, a
 * quote or a line break (the cell would have to be re-quoted as a whole: no fix then).
 */
export function csvEscaper(quoted: boolean, delimiter: string): FieldEscaper {
  return {
    escape(text) {
      if (/[\r\n]/.test(text)) return null;
      if (quoted) return text.replace(/"/g, '""');
      return text.includes(delimiter) || text.includes('"') ? null : text;
    },
  };
}

/** A cell's slice of the record text: `start`/`end` exclude the quotes of a quoted cell. */
export interface CellSlice {
  start: number;
  end: number;
  quoted: boolean;
  /** The whole cell, quotes included. */
  outerStart: number;
  outerEnd: number;
}

/**
 * Splits one record's raw text into cell slices, by RFC 4180 rules. csv-parse has already accepted
 * the record, so this only has to find where its cells are; a cell csv-parse read leniently
 * (text after a closing quote) is reported as unquoted, and `cellText` falls back for it.
 */
export function scanCells(text: string, delimiter: string): CellSlice[] {
  const cells: CellSlice[] = [];
  let pos = 0;
  for (;;) {
    if (text[pos] === '"') {
      let close = -1;
      for (let q = text.indexOf('"', pos + 1); q !== -1; q = text.indexOf('"', q + 2)) {
        if (text[q + 1] !== '"') {
          close = q;
          break;
        }
      }
      const after = close === -1 ? -1 : close + 1;
      if (after !== -1 && (after === text.length || text[after] === delimiter || text[after] === "\n")) {
        cells.push({ start: pos + 1, end: close, quoted: true, outerStart: pos, outerEnd: after });
        pos = after;
      } else {
        const end = cellEnd(text, pos, delimiter);
        cells.push({ start: pos, end, quoted: false, outerStart: pos, outerEnd: end });
        pos = end;
      }
    } else {
      const end = cellEnd(text, pos, delimiter);
      cells.push({ start: pos, end, quoted: false, outerStart: pos, outerEnd: end });
      pos = end;
    }
    if (pos >= text.length || text[pos] !== delimiter) return cells;
    pos += delimiter.length;
  }
}

function cellEnd(text: string, from: number, delimiter: string): number {
  let end = from;
  while (end < text.length && text[end] !== delimiter && text[end] !== "\n") end++;
  return end;
}

/** The cell's value with exact offsets, if our reading of the slice agrees with csv-parse. */
function cellText(recordText: string, cell: CellSlice, value: string): UnescapedText | undefined {
  if (!cell.quoted) {
    const same = cell.end - cell.start === value.length && recordText.startsWith(value, cell.start);
    return same ? verbatim(value) : undefined;
  }
  const unescaped = unescapeCsvCell(recordText.slice(cell.start, cell.end));
  return unescaped.text === value ? unescaped : undefined;
}

/**
 * The delimiter used by the first lines of `head`: among comma, semicolon and tab, the one that
 * splits the header line and most of the following lines into the same number of cells. Quoted
 * text is skipped. Falls back to `fallback` when no candidate splits the header.
 */
export function sniffDelimiter(head: string, fallback: string): string {
  const lines = firstLines(head, SNIFF_LINES);
  let best = fallback;
  let bestScore = -1;
  for (const candidate of CSV_DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((count) => count === headerCount).length;
    // Consistency first, then the number of columns; ties go to the fallback (listed by caller).
    const score = consistent * 1000 + Math.min(headerCount, 999);
    if (score > bestScore || (score === bestScore && candidate === fallback)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Up to `max` lines of `text`, a quoted line break not ending a line; the last one only if complete or the only one. */
function firstLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === "\n" && !inQuotes) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length === 0 && start < text.length) lines.push(text.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let inQuotes = false;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === char && !inQuotes) count++;
  }
  return count;
}

function countLeadingNewlines(text: string): number {
  let n = 0;
  while (text.charCodeAt(n) === 10) n++;
  return n;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Parser errors become SourceErrors at the line where the failing row starts. */
function toSourceError(error: unknown, rowLine: number): unknown {
  if (!(error instanceof CsvError)) return error;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new SourceError(
        `Unclosed quote: a quoted cell in the row starting at line ${rowLine} is never closed.`,
        rowLine,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new SourceError(
        `The row starting at line ${rowLine} is longer than ${MAX_RECORD_SIZE / 1024 / 1024} MiB; is a quote left open?`,
        rowLine,
      );
    default: {
      const lines: unknown = (error as unknown as { lines?: unknown }).lines;
      return new SourceError(`Invalid CSV: ${error.message}`, typeof lines === "number" ? lines : rowLine);
    }
  }
}
