// Shared contracts between sources, text views, rules, penalties and formatters.
// Everything here is plain data or pure interfaces: no I/O.

export type Category =
  | "link"
  | "email"
  | "phone"
  | "im"
  | "qr"
  | "watermark"
  | "offline-deal"
  | "payment"
  | "assurance";

export const CATEGORIES: readonly Category[] = [
  "link",
  "email",
  "phone",
  "im",
  "qr",
  "watermark",
  "offline-deal",
  "payment",
  "assurance",
];

/** 0 = off, 1 = warning, 2 = error (ESLint's numbers). */
export type SeverityLevel = 0 | 1 | 2;
export type SeverityName = "off" | "warn" | "error";
export type Locale = "zh-CN" | "en";

/** A message text in both languages the product ships. */
export interface Bilingual {
  en: string;
  "zh-CN": string;
}

// ---------------------------------------------------------------------------
// Sources: files become records made of text fields that know where they came from.

/** 1-based line, 1-based column counted in UTF-16 code units of the decoded line (as ESLint). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where a field's text was found when it is not plain visible text: an HTML attribute, comment or
 * hidden element, image metadata, text drawn on an image (OCR), a decoded QR code.
 */
export type FieldOrigin = "attribute" | "comment" | "hidden" | "metadata" | "ocr" | "qr";

/** One text value of a record, with a map from its text offsets back to the file. */
export interface FieldText {
  /** Field name: a CSV header cell, a JSON dotted path (`attributes.color`, `images[2].alt`), `text`. */
  name: string;
  /** The decoded value (escapes resolved, doubled quotes undone). */
  text: string;
  /**
   * File position of text offset `offset`, for 0 <= offset <= text.length.
   * `position(text.length)` is the position just after the last character, so a
   * range [s, e) of the text maps to [position(s), position(e)) in the file.
   */
  position(offset: number): Position;
  /** XLSX: the cell the text came from, `Sheet1!C12`. */
  cell?: string;
  /** Set when the text is not plain visible text (see `FieldOrigin`). */
  origin?: FieldOrigin;
  /** For `origin: "hidden"`: how it is hidden (`display:none`, `font-size:0`, `color:#fff on #fff`). */
  hiddenBy?: string;
}

export interface SourceRecord {
  /** 0-based index of the record in the file. */
  index: number;
  /** Value of an id-like field (`id`, `sku`, `product_id`, ...) when the record has one. */
  id?: string;
  /** Line where the record starts. */
  line: number;
  fields: FieldText[];
}

/** What a reader gets: the file path (for messages) and its bytes, opened by the caller. */
export interface SourceInput {
  filePath: string;
  /** Opens the file's bytes as a stream; readers decode with `decodeStream`/`detectEncoding`. */
  open(): NodeJS.ReadableStream;
  /** Forced encoding (`--encoding`), else detected. */
  encoding?: string;
  options?: ReaderOptions;
}

/** Limits that keep hostile files (decompression and zip bombs) from exhausting the machine. */
export interface SourceLimits {
  /** Largest image, in pixels (width × height), that is decoded. */
  maxImagePixels: number;
  /** Largest image file, in bytes, that is read. */
  maxImageBytes: number;
  /** Largest total uncompressed size of an XLSX's parts, in bytes. */
  maxXlsxBytes: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxImagePixels: 40_000_000,
  maxImageBytes: 50 * 1024 * 1024,
  maxXlsxBytes: 512 * 1024 * 1024,
};

/** Per-run options some readers take. */
export interface ReaderOptions {
  /** Read text drawn on images (OCR). Default true; `--no-ocr` sets false. */
  ocr?: boolean;
  limits?: Partial<SourceLimits>;
}

/** A file that cannot be parsed: reported as one fatal message at this position. */
export class SourceError extends Error {
  constructor(
    message: string,
    public readonly line: number = 1,
    public readonly column: number = 1,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

export interface SourceReader {
  /** Lower-case extensions with the dot: `.csv`. */
  extensions: readonly string[];
  /** `listing` sources hold product records, `reply` sources hold templates. */
  kind: "listing" | "reply";
  read(input: SourceInput): AsyncIterable<SourceRecord>;
  /** Frees what the reader keeps between files (an OCR worker); called once at the end of a run. */
  dispose?(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Text views: normalised forms of a field, each mapping back to the original text.

export interface TextView {
  /** The normalised text. */
  text: string;
  /** Original-text range [start, end) that produced view range [start, end). */
  toOriginal(start: number, end: number): [number, number];
}

// ---------------------------------------------------------------------------
// Rules.

export interface OptionsSchema {
  type: "object";
  properties: Record<string, { type: string; description?: string; items?: { type: string } }>;
  additionalProperties?: boolean;
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultSeverity: SeverityName;
  description: Bilingual;
  docs: {
    url: string;
    /** Why platforms punish it. */
    why: Bilingual;
    /** The compliant alternative. */
    fix: Bilingual;
  };
  /** messageId -> text with `{placeholders}`. */
  messages: Record<string, Bilingual>;
  schema: OptionsSchema;
  fixable?: boolean;
}

/** A finding as a rule reports it: a range in the field's original text. */
export interface Finding {
  start: number;
  end: number;
  messageId: string;
  data?: Record<string, string>;
  /** 0..1: how sure the rule is this is a diversion. The kernel turns it into severity. */
  confidence: number;
}

export interface RuleContext {
  /** The field being checked; `origin` says when it is not plain visible text. */
  field: { name: string; text: string; origin?: FieldOrigin };
  /** Kind of source: listing field or reply template. */
  kind: "listing" | "reply";
  /** Normalised views of the field text (built once, shared by all rules). */
  views: import("./text/views.js").FieldViews;
  options: Record<string, unknown>;
  /** `strict` preset: report weaker signals too. */
  strict: boolean;
  report(finding: Finding): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

// ---------------------------------------------------------------------------
// Results (the `json` formatter's shape, a superset of ESLint's).

export interface PenaltyEstimate {
  platform: string;
  /** Estimated points for this message (null when the profile says unknown). */
  points: number | null;
  /** Estimated fine, if the platform fines (currency in `currency`). */
  fine?: number | null;
  currency?: string;
  action: string;
}

export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  category?: Category;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  record?: { index: number; id?: string };
  field?: string;
  match?: string;
  messageId?: string;
  docsUrl?: string;
  /** The compliant alternative, in the report's language (the rule's `docs.fix`). */
  suggestion?: string;
  confidence?: number;
  penalty?: PenaltyEstimate;
  fatal?: boolean;
  /** XLSX cell reference, e.g. `Sheet1!C12`. */
  cell?: string;
  /** Set when the text was not plain visible text: hidden HTML, a comment, image metadata, OCR, a QR code. */
  origin?: FieldOrigin;
}

export interface PenaltyTotal {
  platform: string;
  points: number;
  fine?: number;
  currency?: string;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  penalty: PenaltyTotal;
}
