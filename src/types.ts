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
  /**
   * For fixes: where replacing text range [start, end) with `text` lands in the file. Readers of
   * formats that can be rewritten provide it; it answers null when the replacement cannot be
   * written at that place safely (inside an escape, across markup, a quote style that cannot hold
   * it). Absent: the field cannot be edited (images, XLSX, approximate locations).
   */
  rawEdit?(start: number, end: number, text: string): RawEdit | null;
}

/** A field edit placed in its file, as the reader works it out (see `FieldText.rawEdit`). */
export interface RawEdit {
  /** File positions of the raw range being replaced. */
  from: Position;
  to: Position;
  /** Offsets of that range in the decoded file text (BOM removed), when the reader knows them. */
  range?: [number, number];
  /** The replacement, written as this place of the file needs it (quoted, escaped). */
  text: string;
  /** The raw text being replaced, checked against the file before a fix is applied. */
  expect: string;
}

export interface SourceRecord {
  /** 0-based index of the record in the file. */
  index: number;
  /** Value of an id-like field (`id`, `sku`, `product_id`, ...) when the record has one. */
  id?: string;
  /** Line where the record starts. */
  line: number;
  fields: FieldText[];
  /**
   * Inline directives (`<!-- offsite-lint-disable-next-line … -->`, `# offsite-lint-disable-line`)
   * of the file, for formats with comments (Markdown, HTML, YAML). They are per file: a reader
   * gives them once, with one record.
   */
  directives?: import("./directives.js").Directive[];
}

/** What a reader gets: the file path (for messages) and its bytes, opened by the caller. */
export interface SourceInput {
  filePath: string;
  /** Opens the file's bytes as a stream; readers decode with `decodeStream`/`detectEncoding`. */
  open(): NodeJS.ReadableStream;
  /** Forced encoding (`--encoding`), else detected. */
  encoding?: string;
  options?: ReaderOptions;
  /** Size in bytes, when known (a file on disk). */
  size?: number;
}

/** Limits that keep hostile files (decompression and zip bombs) from exhausting the machine. */
export interface SourceLimits {
  /** Largest image, in pixels (width × height), that is decoded. */
  maxImagePixels: number;
  /** Largest image file, in bytes, that is read. */
  maxImageBytes: number;
  /** Largest total uncompressed size of an XLSX's parts, in bytes. */
  maxXlsxBytes: number;
  /**
   * Characters of one field that are analysed (UTF-16 units). A longer field is checked up to the
   * limit, with a warning that the rest was not.
   */
  maxFieldLength: number;
  /** Deepest nesting of arrays and objects a JSON or JSON Lines file may have; deeper is a fatal error. */
  maxJsonDepth: number;
}

export const DEFAULT_LIMITS: SourceLimits = {
  maxImagePixels: 40_000_000,
  maxImageBytes: 50 * 1024 * 1024,
  maxXlsxBytes: 512 * 1024 * 1024,
  maxFieldLength: 1_000_000,
  maxJsonDepth: 1000,
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
  /**
   * How `--fix` treats files of this format: `in-place` rewrites them (reply templates, pages);
   * `copy` writes a cleaned copy only under `--fix-output` (listings are never rewritten in
   * place); absent: not fixable (XLSX, images). Fields must also provide `rawEdit`.
   */
  fixes?: "in-place" | "copy";
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
  /** The rule attaches fixes that `--fix` applies (ESLint's `"code"`; `true` is read as `"code"`). */
  fixable?: "code" | "whitespace" | boolean;
  /** The rule attaches suggestions: edits offered to a person, never applied by `--fix`. */
  hasSuggestions?: boolean;
  /** Compliant wording a fix or suggestion puts in place of an offending sentence. */
  replacement?: Bilingual;
}

/** A replacement in a field's original text: [start, end) becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** An edit offered to a person (an editor's quick fix), never applied by `--fix`. */
export interface Suggestion {
  /** What the edit does; a string is used for both languages. */
  desc: Bilingual | string;
  fix: TextEdit;
}

/** A finding as a rule reports it: a range in the field's original text. */
export interface Finding {
  start: number;
  end: number;
  messageId: string;
  data?: Record<string, string>;
  /** 0..1: how sure the rule is this is a diversion. The kernel turns it into severity. */
  confidence: number;
  /** A safe edit that removes the problem; `--fix` applies it. */
  fix?: TextEdit;
  /** Edits that need a person's judgement. */
  suggestions?: Suggestion[];
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

/** What a rule's prefilter sees: the field and its views, no reporting. */
export type TriggerContext = Pick<RuleContext, "field" | "views" | "options">;

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /**
   * Optional cheap test run before `check`: false proves `check` would report nothing on this
   * field, so it is skipped. It must never be false where `check` could report (the prefilter
   * tests compare every field with and without it). Rules without it always run.
   */
  mayReport?(context: TriggerContext): boolean;
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
  /** ESLint's fix: replace `range` (UTF-16 offsets in the decoded file text, BOM removed) with `text`. */
  fix?: FileFix;
  /** ESLint's suggestions: edits for a person to choose, in the same coordinates. */
  suggestions?: Array<{ desc: string; fix: FileFix }>;
}

/** A replacement in a file's decoded text, ESLint's `{ range, text }`. */
export interface FileFix {
  range: [number, number];
  text: string;
}

/** A message that was not reported because something suppressed it (ESLint's shape). */
export interface SuppressedMessage extends LintMessage {
  /** `directive`: an inline `offsite-lint-disable…` comment; `file`: the bulk suppressions file. */
  suppressions: Array<{ kind: "directive" | "file"; justification: string }>;
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
  /** `--fix-dry-run` (and `--fix`): the fixed text, when fixes changed it (as ESLint). */
  output?: string;
  /** Messages suppressed by inline directives or the bulk suppressions file; absent when none. */
  suppressedMessages?: SuppressedMessage[];
}
