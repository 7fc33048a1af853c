// Excel workbooks (.xlsx): one record per row after each sheet's header row, one field per
// non-empty cell. A cell is an atomic location: every offset of its text maps to line = row,
// column = column number, and the field carries the cell reference (`Products!C12`).
//
// The bytes are read twice (`input.open()` is called twice), both times as a stream:
//
// 1. `surveyWorkbook` walks the zip parts itself, inflating each one and counting the bytes, so a
//    zip bomb is stopped at `maxXlsxBytes` before exceljs sees it (exceljs would copy a worksheet
//    to a temp file, or hold a huge cell in one string, without a limit). A damaged or truncated
//    archive is reported here too. On the way it collects what cannot be had while rows stream:
//    sheet names and hyperlink targets (a sheet's `<hyperlinks>` list comes after its rows, and the
//    targets are in a separate part). Only tags are matched; the XML is not parsed.
// 2. exceljs's streaming WorkbookReader yields the rows; nothing but the shared-string table is kept.
//
// The survey uses unzipper, the zip parser exceljs itself uses (loaded from exceljs's own
// dependencies), so both passes split the archive into the same parts the same way.

import { createRequire } from "node:module";
import { Readable, Transform } from "node:stream";
import ExcelJS from "exceljs";
import { SourceError, type FieldText, type SourceInput, type SourceReader, type SourceRecord } from "../types.js";
import { cleanId, findIdColumn } from "./record-id.js";
import { formatBytes, limitsOf } from "./limits.js";

export const xlsxReader: SourceReader = {
  extensions: [".xlsx"],
  kind: "listing",
  read: readXlsx,
};

/** Non-empty rows looked at for a header row before the first non-empty row is taken as the header. */
const HEADER_LOOKAHEAD = 10;
/** A tag longer than this (a hyperlink or sheet entry) is not one Excel wrote; it is skipped. */
const MAX_TAG_BYTES = 64 * 1024;
/** A hyperlink over a range gives its target to at most this many cells (the first ones). */
const MAX_LINKED_CELLS_PER_RANGE = 10_000;
/** First bytes of an OLE compound file: an old .xls, or an .xlsx saved with a password. */
const OLE_SIGNATURE = 0xe011cfd0;

async function* readXlsx(input: SourceInput): AsyncGenerator<SourceRecord> {
  const limit = limitsOf(input).maxXlsxBytes;
  const survey = await surveyWorkbook(input, limit);
  let index = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      for await (const sheet of streamSheets(input)) {
        const info = survey.sheets.get(sheetPartPath(sheet, survey)) ?? { name: sheet.name, links: new Map() };
        const rows = new SheetRows(info.name);
        for await (const row of sheet.rows) {
          for (const record of rows.push(rowCells(row, info.links.get(row.number)), row.number)) {
            yield { ...record, index: index++ };
          }
        }
        for (const record of rows.finish()) yield { ...record, index: index++ };
      }
      return;
    } catch (error) {
      // exceljs's streaming reader now and then reaches a worksheet without the workbook model on a
      // busy machine ("reading 'sheets'" of undefined) although the file is sound (the survey read
      // it): before any record is out, reading again is invisible to the caller.
      if (attempt === 1 && index === 0 && error instanceof SourceError && /reading 'sheets'/.test(error.message)) continue;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------
// Pass 1: the survey.

/** What the survey learns about one worksheet part. */
interface SheetInfo {
  name: string;
  /** Hyperlink targets: row → column → target. */
  links: Map<number, Map<number, string>>;
}

interface WorkbookSurvey {
  /** By worksheet part path, e.g. `xl/worksheets/sheet1.xml`. */
  sheets: Map<string, SheetInfo>;
  /** Worksheet part path by sheet name. */
  pathByName: Map<string, string>;
}

/** Tags collected while the parts stream by; joined into a `WorkbookSurvey` at the end. */
interface SurveyTags {
  /** Whether the archive has xl/workbook.xml at all. */
  hasWorkbook: boolean;
  /** `<sheet name r:id>` of xl/workbook.xml. */
  sheets: Array<{ name: string; relId: string }>;
  /** Relationship targets of xl/_rels/workbook.xml.rels, by id. */
  workbookRels: Map<string, string>;
  /** `<hyperlink ref r:id location>` tags, by worksheet part path. */
  hyperlinks: Map<string, Array<Record<string, string>>>;
  /** External hyperlink targets of a worksheet's rels part, by worksheet part path, then id. */
  linkTargets: Map<string, Map<string, string>>;
}

interface ZipEntry extends Readable {
  path: string;
}

interface ZipParser extends NodeJS.WritableStream, AsyncIterable<ZipEntry> {
  /** Set by unzipper once it reaches the central directory, i.e. the archive was read to its end. */
  reachedCD?: boolean;
}

type ZipParse = (options: { forceStream: true }) => ZipParser;

let zipParse: ZipParse | undefined;

/** unzipper's streaming parser, resolved from exceljs's own dependencies. */
function loadZipParse(): ZipParse {
  if (zipParse) return zipParse;
  const exceljsPath = createRequire(import.meta.url).resolve("exceljs");
  const unzipper = createRequire(exceljsPath)("unzipper") as { Parse: ZipParse };
  return (zipParse = unzipper.Parse);
}

/** Reads every part once: enforces the size limit, checks the archive, collects names and links. */
async function surveyWorkbook(input: SourceInput, limit: number): Promise<WorkbookSurvey> {
  let fileBytes = 0;
  let inflated = 0;
  let lastPart: string | undefined;
  const source = asReadable(input.open());
  const bytes = nonEmptyChunks(source, (length) => (fileBytes += length));
  const zip = loadZipParse()({ forceStream: true });
  const errors = watchErrors(source, bytes, zip);
  const tags: SurveyTags = { hasWorkbook: false, sheets: [], workbookRels: new Map(), hyperlinks: new Map(), linkTargets: new Map() };
  bytes.pipe(zip);
  try {
    for await (const entry of until(zip, errors)) {
      lastPart = entry.path;
      const scanner = scannerFor(entry.path, tags);
      for await (const chunk of until<Buffer>(entry, errors)) {
        inflated += chunk.length;
        if (inflated > limit) throw limitError(limit);
        scanner?.push(chunk);
      }
    }
    if (!zip.reachedCD) throw new Error("FILE_ENDED");
  } catch (error) {
    throw errors.isReadError(error) ? error : archiveError(error, fileBytes, lastPart);
  } finally {
    bytes.unpipe(zip);
    source.destroy();
    bytes.destroy();
  }
  if (!tags.hasWorkbook) {
    throw new SourceError("Not an Excel workbook: the zip archive has no xl/workbook.xml (a .docx, .ods or .zip renamed?)");
  }
  return joinSurvey(tags);
}

function limitError(limit: number): SourceError {
  return new SourceError(`XLSX expands beyond ${formatBytes(limit)} (limit maxXlsxBytes) — not read further`);
}

/** A clear message for what unzipper and zlib throw on a damaged archive. */
function archiveError(error: unknown, fileBytes: number, lastPart: string | undefined): SourceError {
  if (error instanceof SourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (fileBytes === 0) return new SourceError("The XLSX file is empty.");
  const signature = /^invalid signature: 0x([0-9a-f]+)/.exec(message);
  if (signature && lastPart === undefined) {
    return parseInt(signature[1]!, 16) === OLE_SIGNATURE
      ? new SourceError("Not an XLSX file: this is an old .xls workbook or a password-protected one (OLE compound file). Save it as .xlsx without a password.")
      : new SourceError("Not an XLSX file: it is not a zip archive (a CSV or another file renamed .xlsx?).");
  }
  const where = lastPart === undefined ? "" : ` after part ${printable(lastPart)}`;
  if (message === "FILE_ENDED") return new SourceError(`The XLSX file is truncated: the zip archive ends early${where}.`);
  return new SourceError(`Damaged XLSX file${where}: ${message}`);
}

/** A part name as it can be shown: a damaged archive can give any bytes as a name. */
function printable(partName: string): string {
  const shown = partName.replace(/[^\x20-\x7e\u00a0-\ufffc]/g, "?");
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

/** The tag scanner a part needs, or none (the part is only counted). */
function scannerFor(path: string, tags: SurveyTags): TagScanner | undefined {
  if (path === "xl/workbook.xml") {
    tags.hasWorkbook = true;
    return new TagScanner("sheet", (a) => {
      const relId = namespacedAttribute(a, "id");
      if (a.name !== undefined && relId !== undefined) tags.sheets.push({ name: a.name, relId });
    });
  }
  if (path === "xl/_rels/workbook.xml.rels") {
    return new TagScanner("Relationship", (a) => {
      if (a.Id !== undefined && a.Target !== undefined) tags.workbookRels.set(a.Id, resolvePartPath("xl/", a.Target));
    });
  }
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(path)) {
    const found: Array<Record<string, string>> = [];
    tags.hyperlinks.set(path, found);
    return new TagScanner("hyperlink", (a) => void found.push(a));
  }
  const rels = /^(xl\/worksheets\/)_rels\/([^/]+)\.rels$/.exec(path);
  if (rels) {
    const targets = new Map<string, string>();
    tags.linkTargets.set(rels[1]! + rels[2]!, targets);
    return new TagScanner("Relationship", (a) => {
      if (a.Id !== undefined && a.Target !== undefined && a.Type?.endsWith("/hyperlink")) targets.set(a.Id, a.Target);
    });
  }
  return undefined;
}

function joinSurvey(tags: SurveyTags): WorkbookSurvey {
  const sheets = new Map<string, SheetInfo>();
  const pathByName = new Map<string, string>();
  for (const { name, relId } of tags.sheets) {
    const path = tags.workbookRels.get(relId);
    if (path === undefined) continue;
    sheets.set(path, { name, links: new Map() });
    pathByName.set(name, path);
  }
  for (const [path, hyperlinks] of tags.hyperlinks) {
    const info = sheets.get(path);
    const targets = tags.linkTargets.get(path);
    if (!info || !targets) continue;
    for (const hyperlink of hyperlinks) {
      const target = hyperlinkTarget(hyperlink, targets);
      if (target !== undefined && hyperlink.ref !== undefined) addLink(info.links, hyperlink.ref, target);
    }
  }
  return { sheets, pathByName };
}

/** An external hyperlink's target (with its `#location` if any); internal jumps have none. */
function hyperlinkTarget(hyperlink: Record<string, string>, targets: Map<string, string>): string | undefined {
  const relId = namespacedAttribute(hyperlink, "id");
  const target = relId === undefined ? undefined : targets.get(relId);
  if (target === undefined) return undefined;
  return hyperlink.location ? `${target}#${hyperlink.location}` : target;
}

/** Gives `target` to the cell or cells of `ref` (`C5` or `C5:D9`). */
function addLink(links: SheetInfo["links"], ref: string, target: string): void {
  const [from, to = from] = ref.split(":").map(parseCellRef);
  if (!from || !to) return;
  let budget = MAX_LINKED_CELLS_PER_RANGE;
  for (let row = from.row; row <= to.row && budget > 0; row++) {
    let cells = links.get(row);
    if (!cells) links.set(row, (cells = new Map()));
    for (let column = from.column; column <= to.column && budget-- > 0; column++) cells.set(column, target);
  }
}

/** `C12` → row 12, column 3; `$C$12` too. */
export function parseCellRef(ref: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** A part path from a relationship target: relative to `base`, or absolute from the package root. */
function resolvePartPath(base: string, target: string): string {
  const parts: string[] = [];
  for (const segment of (target.startsWith("/") ? target.slice(1) : base + target).split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/** The value of a prefixed attribute (`r:id`): the prefix is whatever the file bound it to. */
function namespacedAttribute(attributes: Record<string, string>, localName: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    const colon = name.indexOf(":");
    if (colon > 0 && name.slice(colon + 1) === localName && name.slice(0, colon) !== "xmlns") return value;
  }
  return undefined;
}

/**
 * Finds `<name …>` start tags in XML that arrives in chunks of bytes, a tag split between chunks
 * being carried over. Matching bytes is enough: `<` cannot occur unescaped in text or attributes.
 */
export class TagScanner {
  private readonly opening: Buffer;
  private carry: Buffer | undefined;

  constructor(
    name: string,
    private readonly onTag: (attributes: Record<string, string>) => void,
  ) {
    this.opening = Buffer.from(`<${name}`);
  }

  push(chunk: Buffer): void {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    let from = 0;
    for (;;) {
      const start = data.indexOf(this.opening, from);
      if (start === -1) return this.keep(data, Math.max(from, data.length - this.opening.length));
      const next = data[start + this.opening.length];
      if (next === undefined) return this.keep(data, start);
      if (!isNameEnd(next)) {
        from = start + 1; // a longer name: `<sheets>`, `<hyperlinks>`
        continue;
      }
      const end = tagEnd(data, start + this.opening.length);
      if (end === -1) return data.length - start <= MAX_TAG_BYTES ? this.keep(data, start) : undefined;
      this.onTag(parseAttributes(data.toString("utf8", start, end)));
      from = end;
    }
  }

  /** Keeps a copy of data[from…] for the next chunk (a copy, so the chunk itself can be freed). */
  private keep(data: Buffer, from: number): void {
    this.carry = from < data.length ? Buffer.from(data.subarray(from)) : undefined;
  }
}

function isNameEnd(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f || byte === 0x3e; // space \t \n \r / >
}

/** Offset just past the `>` that closes the tag, skipping quoted attribute values; -1 if not in `data`. */
function tagEnd(data: Buffer, from: number): number {
  let quote = 0;
  for (let i = from; i < data.length; i++) {
    const byte = data[i]!;
    if (quote) {
      if (byte === quote) quote = 0;
    } else if (byte === 0x22 || byte === 0x27) {
      quote = byte;
    } else if (byte === 0x3e) {
      return i + 1;
    }
  }
  return -1;
}

/** The attributes of a start tag, entities decoded. */
export function parseAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/\s([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[match[1]!] = decodeXmlEntities(match[2] ?? match[3] ?? "");
  }
  return attributes;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (entity, body: string) => {
    if (body[0] !== "#") return XML_ENTITIES[body] ?? entity;
    const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

// ---------------------------------------------------------------------------
// Pass 2: the rows, through exceljs.

/** What exceljs's streaming reader gives for a worksheet (its typings leave out `id` and `name`). */
interface StreamedWorksheet {
  /** The workbook's sheetId (a number) once exceljs matched the part to workbook.xml, else the part's number (a string). */
  id: number | string;
  name: string;
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

interface SheetStream {
  id: number | string;
  name: string;
  rows: AsyncIterable<ExcelJS.Row>;
}

async function* streamSheets(input: SourceInput): AsyncGenerator<SheetStream> {
  const source = asReadable(input.open());
  const bytes = nonEmptyChunks(source);
  const errors = watchErrors(source, bytes);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(bytes, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore", // the survey has them; exceljs sees them only after the rows
    styles: "ignore",
    entries: "ignore",
  });
  const guarded = async function* <T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
    try {
      yield* iterable;
    } catch (error) {
      if (errors.isReadError(error) || error instanceof SourceError) throw error;
      throw new SourceError(`Damaged XLSX file: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    const worksheets = until(workbook as unknown as AsyncIterable<StreamedWorksheet>, errors);
    for await (const worksheet of guarded(worksheets)) {
      yield { id: worksheet.id, name: worksheet.name, rows: guarded(until(worksheet, errors)) };
    }
  } finally {
    source.destroy();
    bytes.destroy();
  }
}

/**
 * The worksheet part exceljs is reading. exceljs names a sheet from workbook.xml when it can match
 * the part (and then gives the numeric sheetId); otherwise its id is the number in the part's name.
 */
function sheetPartPath(sheet: SheetStream, survey: WorkbookSurvey): string {
  if (typeof sheet.id === "string") return `xl/worksheets/sheet${sheet.id}.xml`;
  return survey.pathByName.get(sheet.name) ?? "";
}

/** A non-empty cell (or a linked one) of a row: its text, and whether it is text rather than a number. */
interface CellContent {
  column: number;
  text: string;
  isText: boolean;
  link?: string;
}

/** The cells of a row that hold text, a number or a hyperlink, in column order. */
function rowCells(row: ExcelJS.Row, links: Map<number, string> | undefined): CellContent[] {
  const cells: CellContent[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const content = cellContent(cell.value);
    const link = links?.get(column) ?? content?.link;
    if (content && content.text.trim()) cells.push({ column, text: content.text, isText: content.isText, link });
    else if (link) cells.push({ column, text: "", isText: false, link });
  });
  if (links) {
    for (const [column, link] of links) {
      if (!cells.some((c) => c.column === column)) cells.push({ column, text: "", isText: false, link });
    }
    cells.sort((a, b) => a.column - b.column);
  }
  return cells;
}

/** The text of a cell value as the rules should see it; undefined for empty, boolean, error and date cells. */
export function cellContent(value: ExcelJS.CellValue): Omit<CellContent, "column"> | undefined {
  if (value === null || value === undefined || typeof value === "boolean" || value instanceof Date) return undefined;
  if (typeof value === "string") return { text: decodeXstring(value), isText: true };
  if (typeof value === "number") return Number.isFinite(value) ? { text: String(value), isText: false } : undefined;
  if ("richText" in value) return { text: decodeXstring(value.richText.map((run) => run.text ?? "").join("")), isText: true };
  if ("hyperlink" in value) return { text: decodeXstring(value.text ?? ""), isText: true, link: value.hyperlink };
  if ("formula" in value || "sharedFormula" in value) {
    const result = cellContent((value.result ?? null) as ExcelJS.CellValue);
    const link = hyperlinkFormulaTarget(value.formula ?? "");
    return link ? { text: result?.text ?? "", isText: result?.isText ?? false, link } : result;
  }
  return undefined; // an error value (#N/A), or a shared string exceljs could not resolve
}

/** The target of `HYPERLINK("https://…", "label")` when it is a literal. */
export function hyperlinkFormulaTarget(formula: string): string | undefined {
  const match = /^\s*=?\s*HYPERLINK\s*\(\s*"((?:[^"]|"")*)"/i.exec(formula);
  return match ? match[1]!.replace(/""/g, '"') : undefined;
}

/**
 * Undoes Excel's `_xHHHH_` escapes (how it stores characters XML cannot hold). Excel shows the
 * character, so `V_x4FE1_` must reach the rules as `V信`.
 */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

type PendingRecord = Omit<SourceRecord, "index">;

/**
 * One sheet's rows → records. The header is the first row with at least two non-empty cells,
 * mostly text, among the first `HEADER_LOOKAHEAD` non-empty rows (rows above it, such as a title,
 * are not records); failing that, the first non-empty row. Rows wait only while that is undecided.
 */
class SheetRows {
  private header: Map<number, string> | undefined;
  private idColumn: number | undefined;
  private waiting: Array<{ cells: CellContent[]; row: number }> = [];

  constructor(private readonly sheetName: string) {}

  push(cells: CellContent[], row: number): PendingRecord[] {
    if (!cells.length) return [];
    if (this.header) return [this.record(cells, row)];
    if (isHeaderRow(cells)) {
      this.waiting = [];
      this.useHeader(cells);
      return [];
    }
    this.waiting.push({ cells, row });
    return this.waiting.length >= HEADER_LOOKAHEAD ? this.finish() : [];
  }

  /** The rows still waiting for a header decision, at the end of the sheet. */
  finish(): PendingRecord[] {
    const [first, ...rest] = this.waiting;
    this.waiting = [];
    if (!first) return [];
    this.useHeader(first.cells);
    return rest.map(({ cells, row }) => this.record(cells, row));
  }

  private useHeader(cells: CellContent[]): void {
    this.header = new Map(cells.map((c) => [c.column, c.text.trim().replace(/\s+/g, " ")]));
    const columns = [...this.header.keys()];
    const found = findIdColumn([...this.header.values()]);
    this.idColumn = found >= 0 ? columns[found] : undefined;
  }

  private record(cells: CellContent[], row: number): PendingRecord {
    const fields: FieldText[] = [];
    let id: string | undefined;
    for (const cell of cells) {
      const name = this.header?.get(cell.column) || columnName(cell.column);
      const ref = cellReference(this.sheetName, row, cell.column);
      if (cell.text.trim()) fields.push(cellField(name, cell.text, ref, row, cell.column));
      if (cell.link && cell.link.trim() !== cell.text.trim()) fields.push(cellField(`${name}.hyperlink`, cell.link, ref, row, cell.column));
      if (cell.column === this.idColumn) id = cleanId(cell.text);
    }
    return { id, line: row, fields };
  }
}

/** At least two non-empty cells, more than half of them text (not numbers). */
export function isHeaderRow(cells: ReadonlyArray<Pick<CellContent, "text" | "isText">>): boolean {
  const filled = cells.filter((c) => c.text.trim());
  return filled.length >= 2 && filled.filter((c) => c.isText).length * 2 > filled.length;
}

/** A cell's text: every offset is the cell itself (line = row, column = column number). */
function cellField(name: string, text: string, cell: string, row: number, column: number): FieldText {
  return { name, text, cell, position: () => ({ line: row, column }) };
}

/** `Sheet1!C12`, `'My Sheet'!C12`: the sheet name quoted as Excel quotes it in formulas. */
export function cellReference(sheetName: string, row: number, column: number): string {
  return `${quoteSheetName(sheetName)}!${columnName(column)}${row}`;
}

export function quoteSheetName(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) && // looks like a cell (`AB12`)
    !/^[Rr]\d*([Cc]\d*)?$|^[Cc]\d*$/.test(name); // looks like an R1C1 reference
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** 1 → A, 27 → AA. */
export function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---------------------------------------------------------------------------
// Streams that report errors out of band.

function asReadable(stream: NodeJS.ReadableStream): Readable {
  return stream instanceof Readable ? stream : new Readable().wrap(stream);
}

/**
 * `source` without empty chunks (unzipper waits forever on one, and `Readable.from([bytes])` of an
 * empty file gives one), counting the bytes. Errors are not passed on: `watchErrors` sees them.
 */
function nonEmptyChunks(source: Readable, onBytes: (length: number) => void = () => {}): Transform {
  const filter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk.length ? chunk : undefined);
    },
  });
  return source.pipe(filter);
}

/**
 * Watches `source` and `others` for errors. Neither `pipe` nor unzipper pass errors along (a read
 * error, an inflate error), so every await goes through `race` instead of waiting forever.
 * `isReadError` tells the input's own errors (reported as they are: the file could not be read)
 * from the archive's.
 */
function watchErrors(source: Readable, ...others: NodeJS.EventEmitter[]): ErrorWatch {
  const watch = new ErrorWatch();
  source.on("error", (error) => watch.fail(error, true));
  for (const emitter of others) emitter.on("error", (error) => watch.fail(error, false));
  return watch;
}

/**
 * The first error some streams reported, and the awaits waiting on it. One rejecter per pending
 * await, removed when it settles: racing every await against one long-lived promise would pile
 * up a reaction on it per row.
 */
class ErrorWatch {
  private failure: { error: unknown; fromInput: boolean } | undefined;
  private readonly waiting = new Set<(error: unknown) => void>();

  fail(error: unknown, fromInput: boolean): void {
    if (this.failure) return;
    this.failure = { error, fromInput };
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
  }

  /** `promise`, unless an error is reported first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.failure) {
      promise.catch(() => {}); // abandoned
      return Promise.reject(this.failure.error);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      promise.then(
        (value) => {
          this.waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
  }

  isReadError(error: unknown): boolean {
    return this.failure?.fromInput === true && error === this.failure.error;
  }
}

/**
 * Iterates `iterable` until `watch` sees an error. The iterator is left as it is when that happens
 * (not closed): closing a stuck stream can raise more errors, and the input is destroyed anyway.
 */
async function* until<T>(iterable: AsyncIterable<T>, watch: ErrorWatch): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  for (;;) {
    const step = await watch.race(iterator.next());
    if (step.done) return;
    yield step.value;
  }
}

/** 512 MiB → `512 MB`. */
