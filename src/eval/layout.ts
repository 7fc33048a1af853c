// How the corpus is written out as files, and where every labelled span lands in them.
// Pure: returns file names and contents; cli.ts writes them.
//
// - each reply becomes `reply-<n>.txt` (n = 1-based reply number, zero-padded), written verbatim;
// - listings go round-robin to `listings.csv`, `listings.json`, `listings.jsonl`:
//   CSV: header = union of the field names (first-seen order), every cell quoted, inner quotes
//        doubled, CRLF (or LF) between rows; a value's own line breaks stay raw inside its cell;
//   JSON: a pretty array (2-space indent, LF), one object per listing, one field per line;
//   JSONL: one compact object per line (LF).
// The corpus id never appears in file contents (only rules-facing text does); cases are found
// again by file name and record index.

import type { Category } from "../types.js";
import type { CorpusCase } from "./corpus.js";
import { escapeCsv, escapeJson, type Escaped } from "./escape.js";
import { LineIndex, type FileRange } from "./position.js";

export type ListingFormat = "csv" | "json" | "jsonl";
export type FileFormat = ListingFormat | "txt";

export const LISTING_FORMATS: readonly ListingFormat[] = ["csv", "json", "jsonl"];

export interface LayoutOptions {
  /** Row separator of the CSV file (default CRLF, as Excel writes). */
  csvEol?: "\r\n" | "\n";
  /** Write JSON and JSONL with every non-ASCII character as `\uXXXX` (Python's default). */
  jsonAscii?: boolean;
  /** Round-robin order of listing formats (default csv, json, jsonl). */
  formats?: readonly ListingFormat[];
}

export interface LayoutFieldPlacement {
  name: string;
  /** Where the value's first character sits (after the opening quote), to just after its last. */
  range: FileRange;
}

export interface LayoutRecord {
  /** Index of the case in the corpus's `cases`. */
  caseIndex: number;
  /** 0-based record index in the file (what the linter reports as `record.index`). */
  index: number;
  /** Lines the record occupies (inclusive). */
  startLine: number;
  endLine: number;
  fields: LayoutFieldPlacement[];
}

export interface LayoutFile {
  /** File name relative to the output folder (flat: no folders). */
  name: string;
  format: FileFormat;
  content: string;
  records: LayoutRecord[];
}

export interface SpanOccurrence {
  field: string;
  range: FileRange;
}

export interface LocatedSpan {
  caseIndex: number;
  /** Index of the span in its case's `spans`. */
  spanIndex: number;
  text: string;
  category: Category;
  file: string;
  /** Every place the span's text occurs in the case (usually one; none if the corpus is wrong). */
  occurrences: SpanOccurrence[];
}

export interface CasePlacement {
  file: string;
  format: FileFormat;
  /** Record index within the file. */
  index: number;
  startLine: number;
  endLine: number;
}

export interface Layout {
  files: LayoutFile[];
  /** Indexed like the corpus cases. */
  placements: CasePlacement[];
  spans: LocatedSpan[];
}

/** Field value offsets inside the file, before conversion to lines. */
interface PendingField {
  name: string;
  value: string;
  /** File offset of the value's first escaped character. */
  offset: number;
  escaped: Escaped;
}

interface PendingRecord {
  caseIndex: number;
  start: number;
  end: number;
  fields: PendingField[];
}

class FileBuilder {
  content = "";
  records: PendingRecord[] = [];
  private current: PendingRecord | undefined;

  write(text: string): void {
    this.content += text;
  }

  beginRecord(caseIndex: number): void {
    this.current = { caseIndex, start: this.content.length, end: this.content.length, fields: [] };
  }

  /** Writes an escaped value and remembers where it went. */
  writeValue(name: string, value: string, escaped: Escaped): void {
    if (!this.current) throw new Error("writeValue outside a record");
    this.current.fields.push({ name, value, offset: this.content.length, escaped });
    this.content += escaped.text;
  }

  endRecord(): void {
    if (!this.current) throw new Error("endRecord outside a record");
    this.current.end = this.content.length;
    this.records.push(this.current);
    this.current = undefined;
  }

  finish(name: string, format: FileFormat, spansOut: LocatedSpan[], cases: readonly CorpusCase[]): LayoutFile {
    const index = new LineIndex(this.content);
    const records: LayoutRecord[] = this.records.map((r, i) => {
      const c = cases[r.caseIndex]!;
      const fields = r.fields.map((f) => ({
        name: f.name,
        range: index.range(f.offset, f.offset + f.escaped.text.length),
      }));
      c.spans.forEach((span, spanIndex) => {
        const occurrences: SpanOccurrence[] = [];
        for (const f of r.fields) {
          for (let at = f.value.indexOf(span.text); at >= 0; at = f.value.indexOf(span.text, at + 1)) {
            const start = f.offset + f.escaped.map[at]!;
            const end = f.offset + f.escaped.map[at + span.text.length]!;
            occurrences.push({ field: f.name, range: index.range(start, end) });
          }
        }
        spansOut.push({ caseIndex: r.caseIndex, spanIndex, text: span.text, category: span.category, file: name, occurrences });
      });
      return {
        caseIndex: r.caseIndex,
        index: i,
        startLine: index.position(r.start).line,
        endLine: index.position(r.end).line,
        fields,
      };
    });
    return { name, format, content: this.content, records };
  }
}

function padWidth(count: number): number {
  return Math.max(4, String(count).length);
}

/** Lays the corpus out as files. Deterministic: the same corpus and options give the same files. */
export function layoutCorpus(cases: readonly CorpusCase[], options: LayoutOptions = {}): Layout {
  const eol = options.csvEol ?? "\r\n";
  const formats = options.formats ?? LISTING_FORMATS;
  if (formats.length === 0) throw new Error("layoutCorpus: no listing formats");
  const jsonOptions = { asciiOnly: options.jsonAscii ?? false };

  const files: LayoutFile[] = [];
  const spans: LocatedSpan[] = [];
  const placements: CasePlacement[] = new Array(cases.length);

  // Replies: one text file each.
  const replyCount = cases.filter((c) => c.kind === "reply").length;
  const width = padWidth(replyCount);
  let replyNo = 0;
  cases.forEach((c, caseIndex) => {
    if (c.kind !== "reply") return;
    replyNo++;
    const name = `reply-${String(replyNo).padStart(width, "0")}.txt`;
    const b = new FileBuilder();
    b.beginRecord(caseIndex);
    b.writeValue("text", c.text, identity(c.text));
    b.endRecord();
    files.push(b.finish(name, "txt", spans, cases));
  });

  // Listings: round-robin over the formats.
  const byFormat = new Map<ListingFormat, number[]>();
  let listingNo = 0;
  cases.forEach((c, caseIndex) => {
    if (c.kind !== "listing") return;
    const format = formats[listingNo++ % formats.length]!;
    const list = byFormat.get(format) ?? [];
    list.push(caseIndex);
    byFormat.set(format, list);
  });

  for (const format of LISTING_FORMATS) {
    const members = byFormat.get(format);
    if (!members || members.length === 0) continue;
    const name = `listings.${format}`;
    const b = new FileBuilder();
    if (format === "csv") writeCsv(b, cases, members, eol);
    else if (format === "json") writeJson(b, cases, members, jsonOptions);
    else writeJsonl(b, cases, members, jsonOptions);
    files.push(b.finish(name, format, spans, cases));
  }

  for (const file of files) {
    for (const r of file.records) {
      placements[r.caseIndex] = { file: file.name, format: file.format, index: r.index, startLine: r.startLine, endLine: r.endLine };
    }
  }
  spans.sort((a, b) => a.caseIndex - b.caseIndex || a.spanIndex - b.spanIndex);
  return { files, placements, spans };
}

function identity(text: string): Escaped {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}

function listingFields(c: CorpusCase): Record<string, string> {
  if (c.kind !== "listing") throw new Error("not a listing");
  return c.fields;
}

function writeCsv(b: FileBuilder, cases: readonly CorpusCase[], members: number[], eol: string): void {
  const header: string[] = [];
  for (const i of members) {
    for (const name of Object.keys(listingFields(cases[i]!))) if (!header.includes(name)) header.push(name);
  }
  b.write(header.map((h) => `"${escapeCsv(h).text}"`).join(",") + eol);
  for (const i of members) {
    const fields = listingFields(cases[i]!);
    b.beginRecord(i);
    header.forEach((name, col) => {
      if (col > 0) b.write(",");
      b.write('"');
      const value = fields[name];
      if (value !== undefined) b.writeValue(name, value, escapeCsv(value));
      b.write('"');
    });
    b.endRecord();
    b.write(eol);
  }
}

function writeJson(
  b: FileBuilder,
  cases: readonly CorpusCase[],
  members: number[],
  jsonOptions: { asciiOnly: boolean },
): void {
  b.write("[\n");
  members.forEach((i, n) => {
    const entries = Object.entries(listingFields(cases[i]!));
    b.beginRecord(i);
    b.write("  {\n");
    entries.forEach(([name, value], k) => {
      b.write(`    "${escapeJson(name, jsonOptions).text}": "`);
      b.writeValue(name, value, escapeJson(value, jsonOptions));
      b.write(k < entries.length - 1 ? '",\n' : '"\n');
    });
    b.write("  }");
    b.endRecord();
    b.write(n < members.length - 1 ? ",\n" : "\n");
  });
  b.write("]\n");
}

function writeJsonl(
  b: FileBuilder,
  cases: readonly CorpusCase[],
  members: number[],
  jsonOptions: { asciiOnly: boolean },
): void {
  for (const i of members) {
    const entries = Object.entries(listingFields(cases[i]!));
    b.beginRecord(i);
    b.write("{");
    entries.forEach(([name, value], k) => {
      if (k > 0) b.write(",");
      b.write(`"${escapeJson(name, jsonOptions).text}":"`);
      b.writeValue(name, value, escapeJson(value, jsonOptions));
      b.write('"');
    });
    b.write("}");
    b.endRecord();
    b.write("\n");
  }
}
