// The programmatic API: what the CLI calls and what others embed. It joins the stages —
// config, source readers, the linting kernel, penalties — and leaves formatting to formatters.

import { createReadStream, statSync, type ReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { builtinRules, isBuiltinRule } from "../rules/index.js";
import { assertKnownPlatform, loadConfig, resolveFileSettings, settingsForField, parseRuleFlag, type LoadedConfig, type RuleFlag } from "./config/index.js";
import { FieldMemo, originNote, type ActiveRule, type FieldFinding, type FieldLintOptions } from "./linter.js";
import { FileText, MAX_FIX_PASSES, applyFixes, decodeForFix, encodeText } from "./fix.js";
import type { FileFix, TextEdit } from "./types.js";
import { foldText } from "./text/fold.js";
import { estimateMessage, resolveProfile, totalFor, listPlatforms, type PlatformProfile } from "./penalties/index.js";
import { disposeReaders, readerFor } from "./sources/index.js";
import { htmlFieldsOf } from "./sources/html.js";
import { limitsOf } from "./sources/limits.js";
import { imagePathsIn } from "./sources/image-refs.js";
import { detached } from "./sources/text-stream.js";
import { SourceError, type FieldText, type SourceRecord, type LintMessage, type LintResult, type Locale, type SourceInput, type SourceLimits, type SourceReader, type SuppressedMessage } from "./types.js";
import { FieldPool, workerCount, type Concurrency, type FieldJob, type RuleSetting } from "./workers/pool.js";
import { applyDirectives, unknownRuleMessages, unusedDirectiveMessages, withoutUnknownRules, type Directive } from "./directives.js";

export type { LintMessage, LintResult, Locale, Rule, RuleMeta, Category } from "./types.js";
export { builtinRules };

export interface LintOptions {
  cwd?: string;
  /** `-c`: this config file. */
  configFile?: string;
  /** `--no-config-lookup`. */
  noConfigLookup?: boolean;
  /** `-p`: penalty profile, beats the config. */
  platform?: string;
  /** `--rule id:severity`, repeatable. */
  rules?: string[];
  locale?: Locale;
  /** `--mask`: hide found contact values in messages. */
  mask?: boolean;
  /** `--encoding`: force the text encoding. */
  encoding?: string;
  /** `--quiet`: report errors only. */
  quiet?: boolean;
  /** `--no-ocr` sets false: do not read text drawn on images. */
  ocr?: boolean;
  /**
   * `--concurrency`: lint the fields of big listing files in this many worker threads, "auto"
   * (as many as there are cores, up to 4, for files of 4 MB and more) or "off" (the default here;
   * the CLI's default is "auto").
   */
  concurrency?: Concurrency;
  /** Overrides of the hostile-input limits (image pixels, XLSX size). */
  limits?: Partial<SourceLimits>;
  /**
   * `--report-unused-disable-directives[-severity]`: report inline directives that suppressed
   * nothing, as warnings or errors. Default off.
   */
  reportUnusedDisableDirectives?: "off" | "warn" | "error";
  /**
   * Called as the run goes (progress display, cache): each record read (`bytesRead`: bytes read
   * from the file so far, for files on disk; `findings`: messages of the file before this record),
   * and each local image a listing names.
   */
  onEvent?: (event: LintEvent) => void;
}

/** What `LintOptions.onEvent` hears. */
export type LintEvent =
  | { type: "record"; filePath: string; bytesRead?: number; findings: number }
  | { type: "image"; filePath: string; image: string };

/**
 * The unmasked text of a message's match when `--mask` hid it in `message.match`: bulk
 * suppressions key on the real text, so a baseline works with and without `--mask`.
 */
const rawMatches = new WeakMap<LintMessage, string>();

/** The text a message matched, unmasked. */
export function rawMatchOf(message: LintMessage): string | undefined {
  return rawMatches.get(message) ?? message.match;
}

/** Gives a message (from the cache) its unmasked match back. */
export function setRawMatch(message: LintMessage, raw: string): void {
  rawMatches.set(message, raw);
}

/** What `fixFile` gives back. */
export interface FixOutcome {
  /** The messages left after the fixes (the fixed text linted again); `output` is the fixed text when it changed. */
  result: LintResult;
  /** The fixed text encoded as the file was (same encoding, same BOM), when fixes changed it. */
  bytes?: Buffer;
  /** Why the file was not fixed, when it could not be (its format, its encoding). */
  skipped?: string;
}

/** How `--fix` treats a file: rewritten in place, cleaned copy only, or not fixable (see `SourceReader.fixes`). */
export function fixModeOf(filePath: string): "in-place" | "copy" | undefined {
  return readerFor(filePath)?.fixes;
}

/** The message language: explicit, else the config's, else from LC_ALL / LC_MESSAGES / LANG. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(value) ? "zh-CN" : "en";
}

/**
 * Bytes read from a file at a time. A parser turns each chunk into a batch of records at once, and a
 * batch that outlives two young-generation GCs is copied into the old generation, where it dies
 * as garbage only a full GC reclaims: with Node's 64 KB chunks (about a hundred listing rows, tens
 * of milliseconds of linting) that was most of them, and 16 KB batches mostly die young (a 93 MB
 * CSV with 68k findings: 49 → 13 full GCs, peak RSS 210 → 188 MB; 3% less time on a 6 MB one).
 */
const READ_CHUNK_BYTES = 16 * 1024;

/** A configured linter: config loaded and validated once, then any number of files. */
export class OffsiteLinter {
  /** Files linted so far (absolute), so an image named by many rows is linted once. */
  private readonly linted = new Set<string>();
  /** Local images named by listing fields, not linted yet. */
  private readonly referenced = new Set<string>();
  /** Files being fixed (absolute path → decoded text), so fixes are placed and checked in that text. */
  private readonly fixing = new Map<string, FileText>();
  /** Worker threads for big files (`concurrency`), started when first needed. */
  private pool?: FieldPool;

  private constructor(
    readonly options: LintOptions,
    readonly loaded: LoadedConfig,
    private readonly ruleFlags: RuleFlag[],
    readonly locale: Locale,
    readonly profile: PlatformProfile,
  ) {}

  static async create(options: LintOptions = {}): Promise<OffsiteLinter> {
    const cwd = resolve(options.cwd ?? process.cwd());
    const loaded = await loadConfig({
      cwd,
      configFile: options.configFile,
      noConfigLookup: options.noConfigLookup,
      builtinRules: { ...builtinRules },
      platforms: listPlatforms().map((p) => p.id),
      // Phrase literals fold exactly as the text they are matched on.
      foldLiteral: (literal) => foldText(literal).text,
    });
    if (options.platform) assertKnownPlatform(options.platform, listPlatforms().map((p) => p.id));
    const ruleFlags = (options.rules ?? []).map((flag) => parseRuleFlag(flag, loaded.rules));
    const locale = options.locale ?? loaded.config.locale ?? localeFromEnv();
    const platform = options.platform ?? loaded.config.platform;
    const profile = resolveProfile(platform, loaded.config.penalties as never);
    return new OffsiteLinter({ ...options, cwd }, loaded, ruleFlags, locale, profile);
  }

  get cwd(): string {
    return this.options.cwd!;
  }

  /** Lints a file on disk. Unreadable or unparsable files get one fatal message. */
  async lintFile(filePath: string): Promise<LintResult> {
    const absolute = resolve(this.cwd, filePath);
    this.linted.add(absolute);
    this.referenced.delete(absolute);
    let stream: ReadStream | undefined;
    const open = () => (stream = createReadStream(absolute, { highWaterMark: READ_CHUNK_BYTES }));
    return this.lintInput({ filePath: absolute, open, size: sizeOf(absolute), encoding: this.options.encoding, options: this.readerOptions() }, () => stream?.bytesRead);
  }

  /**
   * A file whose result the caller already has (from the cache): it counts as linted, and the
   * local images it names (absolute paths) are linted later as if it had been read.
   */
  markLinted(filePath: string, images: readonly string[] = []): void {
    const absolute = resolve(this.cwd, filePath);
    this.linted.add(absolute);
    this.referenced.delete(absolute);
    for (const image of images) if (!this.linted.has(image) && isFile(image)) this.referenced.add(image);
  }

  /**
   * Local images named by the listings linted so far (`images/sku-1.jpg`, relative to the export)
   * that have not been linted yet. Lint them with `lintFile`; each is reported at its own path.
   */
  takeReferencedImages(): string[] {
    const pending = [...this.referenced].filter((path) => !this.linted.has(path)).sort();
    this.referenced.clear();
    return pending;
  }

  /** Frees what readers keep between files (the OCR worker). Call once when the run is over. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
    await disposeReaders();
  }

  private readerOptions(): SourceInput["options"] {
    const config = this.loaded.config;
    // A flag beats the config: `--no-ocr` turns OCR off whatever the config says.
    const ocr = this.options.ocr === false ? false : (config.ocr ?? true);
    return { ocr, limits: { ...config.limits, ...this.options.limits } };
  }

  /** Lints text as if it were the file `filePath` (the extension picks the reader). */
  async lintText(text: string | Buffer, filePath = "<text>.txt"): Promise<LintResult> {
    const absolute = resolve(this.cwd, filePath);
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    return this.lintInput({ filePath: absolute, open: () => Readable.from([bytes]), encoding: this.options.encoding, options: this.readerOptions() });
  }

  private async lintInput(input: SourceInput, bytesRead?: () => number | undefined): Promise<LintResult> {
    // No reader for the extension (a file named directly through the API): read it as plain text.
    const reader = readerFor(input.filePath) ?? readerFor("file.txt")!;
    const messages: LintMessage[] = [];
    const directives: Directive[] = [];
    let complete = true;
    try {
      await this.lintRecords(reader, input, messages, directives, bytesRead);
    } catch (error) {
      messages.push(fatalMessage(error));
      complete = false;
    }
    const inline = this.applyInlineDirectives(messages, directives, complete);
    // `--quiet` after the directives, so a directive that hides a warning is not "unused".
    const kept = this.options.quiet ? inline.messages.filter((m) => m.severity === 2) : inline.messages;
    const result = this.result(input.filePath, kept);
    if (inline.suppressed.length > 0) result.suppressedMessages = inline.suppressed;
    return result;
  }

  /** Inline directives of a file applied to its messages; unknown rule ids and (if asked) unused directives reported. */
  private applyInlineDirectives(messages: LintMessage[], directives: Directive[], complete: boolean): { messages: LintMessage[]; suppressed: SuppressedMessage[] } {
    if (directives.length === 0) return { messages, suppressed: [] };
    const known = new Set(Object.keys(this.loaded.rules));
    const applied = applyDirectives(messages, directives);
    const out = [...applied.messages, ...unknownRuleMessages(directives, known, this.locale)];
    const report = this.options.reportUnusedDisableDirectives ?? "off";
    // A file that failed half-way has not been fully linted: its directives may look unused.
    if (report !== "off" && complete) {
      out.push(...unusedDirectiveMessages(withoutUnknownRules(applied.unused, known), report === "error" ? 2 : 1, this.locale));
    }
    const suppressed = applied.suppressed.map(({ message, directive }) => ({ ...message, suppressions: [{ kind: "directive" as const, justification: directive.reason ?? "" }] }));
    // Directive problems go in line order with the rest (a stable sort keeps the rules' order).
    if (out.length > applied.messages.length) out.sort((a, b) => a.line - b.line || a.column - b.column);
    return { messages: out, suppressed };
  }

  /**
   * The result of a file with its messages replaced (bulk suppressions): counts and penalty are
   * recomputed; `suppressed` are added to `suppressedMessages`.
   */
  withMessages(result: LintResult, messages: LintMessage[], suppressed: readonly SuppressedMessage[] = []): LintResult {
    const next: LintResult = { ...result, ...this.result(result.filePath, messages) };
    const all = [...(result.suppressedMessages ?? []), ...suppressed];
    if (all.length > 0) next.suppressedMessages = all;
    else delete next.suppressedMessages;
    return next;
  }

  private async lintRecords(reader: SourceReader, input: SourceInput, messages: LintMessage[], directives: Directive[], bytesRead?: () => number | undefined): Promise<void> {
    const baseDir = this.loaded.baseDir;
    const settings = resolveFileSettings(this.loaded.config, {
      rules: this.loaded.rules,
      filePath: relative(baseDir, input.filePath),
      ruleFlags: this.ruleFlags,
      platform: this.options.platform,
    });
    const profile = settings.platform === this.profile.id ? this.profile : resolveProfile(settings.platform, this.loaded.config.penalties as never);
    const onEvent = this.options.onEvent;
    const maxFieldLength = limitsOf(input).maxFieldLength;
    // The active rules of each field name, as objects for the kernel and as data for workers.
    const ruleSets: RuleSetting[][] = [];
    const ruleSetIndex = new Map<string, number>();
    const kernel = { kind: reader.kind, strict: settings.strict, locale: this.locale };
    const byField = new Map<string, { options: FieldLintOptions; ruleSet: number } | null>();
    const rulesFor = (name: string) => {
      let entry = byField.get(name);
      if (entry === undefined) {
        const fieldSettings = settingsForField(settings, name);
        if (fieldSettings.ignored) entry = null;
        else {
          const active: ActiveRule[] = [];
          for (const [id, setting] of Object.entries(fieldSettings.rules)) {
            const rule = this.loaded.rules[id];
            if (!rule || setting.severity === 0) continue;
            active.push({ rule, severity: setting.severity as 1 | 2, options: setting.options });
          }
          const setting = active.map((a): RuleSetting => [a.rule.meta.id, a.severity, a.options]);
          const key = JSON.stringify(setting);
          let ruleSet = ruleSetIndex.get(key);
          if (ruleSet === undefined) ruleSetIndex.set(key, (ruleSet = ruleSets.push(setting) - 1));
          entry = { options: { ...kernel, rules: active }, ruleSet };
        }
        byField.set(name, entry);
      }
      return entry;
    };
    const memo = new FieldMemo(isBuiltinRule);
    /** One field's findings as messages, in the file's coordinates. */
    const report = (record: SourceRecord, field: FieldText, checked: string, findings: FieldFinding[]) => {
      const note = originNote(field, this.locale);
      for (const finding of findings) messages.push(this.messageFor(record, field, finding, note, profile, input.filePath));
      if (checked !== field.text) messages.push(truncatedFieldMessage(field, checked.length, maxFieldLength, record, this.locale));
    };

    const pool = this.poolFor(input);
    /** Batches sent to the workers, oldest first: their records wait here for the findings. */
    const inFlight: Array<{ jobs: Array<{ record: SourceRecord; field: FieldText; checked: string }>; findings: Promise<FieldFinding[][]> }> = [];
    let batch: Array<{ record: SourceRecord; field: FieldText; checked: string }> = [];
    const send = () => {
      if (!pool || batch.length === 0) return;
      const jobs = batch;
      batch = [];
      const fields = jobs.map(({ field, checked }): FieldJob => ({ name: field.name, text: checked, origin: field.origin, ruleSet: rulesFor(field.name)!.ruleSet }));
      inFlight.push({ jobs, findings: pool.lint({ ...kernel, ruleSets, fields }) });
    };
    const receive = async () => {
      const done = inFlight.shift()!;
      const findings = await done.findings;
      done.jobs.forEach(({ record, field, checked }, k) => report(record, field, checked, findings[k]!));
    };
    try {
      for await (const record of reader.read(input)) {
        onEvent?.({ type: "record", filePath: input.filePath, bytesRead: bytesRead?.(), findings: messages.length });
        if (record.directives) directives.push(...record.directives);
        const fields = reader.kind === "listing" ? record.fields.flatMap(expandListingField) : record.fields;
        if (reader.kind === "listing") this.noteImages(record.fields, input.filePath);
        for (const field of fields) {
          const rules = rulesFor(field.name);
          if (!rules) continue;
          // A field longer than `limits.maxFieldLength` is checked up to the limit, and says so.
          const checked = field.text.length > maxFieldLength ? truncateText(field.text, maxFieldLength) : field.text;
          if (pool) batch.push({ record, field, checked });
          else report(record, field, checked, memo.lint({ name: field.name, text: checked, origin: field.origin }, rules.options));
        }
        if (pool && batch.length >= BATCH_FIELDS) {
          send();
          // Back-pressure: read on only while few batches wait for the workers.
          while (inFlight.length > pool.size * 2) await receive();
        }
      }
      send();
      while (inFlight.length > 0) await receive();
    } finally {
      // A failed read leaves batches in flight: their results are not wanted.
      for (const pending of inFlight.splice(0)) pending.findings.catch(() => {});
    }
  }

  /** One finding as a message: position in the file, penalty, fixes. */
  private messageFor(record: SourceRecord, field: FieldText, finding: FieldFinding, note: string, profile: PlatformProfile, filePath: string): LintMessage {
    const start = field.position(finding.start);
    const end = field.position(finding.end);
    // Its own copy: a slice would keep the whole field text alive as long as the message.
    const match = detached(field.text.slice(finding.start, finding.end));
    const rule = this.loaded.rules[finding.ruleId]!;
    const message: LintMessage = {
      ruleId: finding.ruleId,
      severity: finding.severity,
      category: finding.category,
      message: note + (this.options.mask ? maskMessage(finding.message, match) : finding.message),
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      record: this.recordRef(record),
      field: field.name,
      match: this.options.mask ? maskValue(match) : match,
      messageId: finding.messageId,
      docsUrl: rule.meta.docs.url,
      suggestion: rule.meta.docs.fix?.[this.locale],
      confidence: Math.round(finding.confidence * 100) / 100,
      penalty: estimateMessage(profile, finding.category, finding.severity, this.locale),
    };
    if (field.cell) message.cell = field.cell;
    if (field.origin) message.origin = field.origin;
    this.attachFixes(message, field, finding, filePath);
    if (this.options.mask) rawMatches.set(message, match);
    return message;
  }

  /** A message's record reference, one object for all the messages of a record (big exports hold
   * many messages until the report). */
  private recordRef(record: SourceRecord): NonNullable<LintMessage["record"]> {
    if (this.lastRecord?.record !== record) {
      this.lastRecord = { record, ref: record.id !== undefined ? { index: record.index, id: record.id } : { index: record.index } };
    }
    return this.lastRecord.ref;
  }
  private lastRecord: { record: SourceRecord; ref: NonNullable<LintMessage["record"]> } | undefined;

  /** The worker pool for a file, when `concurrency` asks for one (started once, kept for the run). */
  private poolFor(input: SourceInput): FieldPool | undefined {
    if (this.fixing.size > 0) return undefined;
    const count = workerCount(this.options.concurrency ?? "off", input.size);
    if (count === 0) return undefined;
    // A pool whose worker died failed its file; the next file gets a fresh one.
    if (!this.pool || this.pool.size !== count || this.pool.failed) {
      void this.pool?.close();
      const { onEvent: _events, ...options } = this.options;
      this.pool = new FieldPool(count, { options: { ...options, concurrency: "off" } });
    }
    return this.pool;
  }

  /**
   * Lints a file and fixes it in memory, as ESLint's `--fix`: lint, apply the non-overlapping fixes,
   * lint the output again, up to 10 passes. Nothing is written: the caller writes `bytes` (in place
   * or to a copy). A format without fixes, an undecodable file, or one whose bytes would not survive
   * re-encoding unchanged is linted as usual and not fixed (`skipped` says why).
   */
  async fixFile(filePath: string): Promise<FixOutcome> {
    const absolute = resolve(this.cwd, filePath);
    if (!fixModeOf(absolute)) {
      return { result: await this.lintFile(absolute), skipped: "this format cannot be fixed" };
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(absolute);
    } catch {
      return { result: await this.lintFile(absolute) }; // reported as a fatal message
    }
    this.linted.add(absolute);
    this.referenced.delete(absolute);
    return this.fixBytes(absolute, bytes);
  }

  /** `fixFile` for text that is not on disk (standard input), as if it were the file `filePath`. */
  async fixText(text: string | Buffer, filePath = "<text>.txt"): Promise<FixOutcome> {
    const absolute = resolve(this.cwd, filePath);
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    if (!fixModeOf(absolute)) return { result: await this.lintText(bytes, filePath), skipped: "this format cannot be fixed" };
    return this.fixBytes(absolute, bytes);
  }

  private async fixBytes(absolute: string, bytes: Buffer): Promise<FixOutcome> {
    const lintBytes = () => this.lintInput({ filePath: absolute, open: () => Readable.from([bytes]), encoding: this.options.encoding, options: this.readerOptions() });
    let decoded: ReturnType<typeof decodeForFix>;
    try {
      decoded = decodeForFix(bytes, { encoding: this.options.encoding, filePath: absolute });
    } catch {
      return { result: await lintBytes() }; // the reader reports why (binary, unknown encoding)
    }
    if (!decoded.roundTrips) {
      return { result: await lintBytes(), skipped: `not rewritten: its bytes do not decode and encode back unchanged as ${decoded.encoding} (invalid or mixed encoding)` };
    }
    let text = decoded.text;
    let result = await this.lintDecoded(absolute, text);
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = result.messages.flatMap((m) => (m.fix ? [m.fix] : []));
      if (fixes.length === 0) break;
      const { output, applied } = applyFixes(text, fixes);
      if (applied.length === 0 || output === text) break;
      const next = await this.lintDecoded(absolute, output);
      // A fix that breaks the file (it no longer parses) is not kept: stop at the last good text.
      if (next.fatalErrorCount > result.fatalErrorCount) break;
      text = output;
      result = next;
    }
    if (text === decoded.text) return { result };
    result.output = text;
    return { result, bytes: encodeText(text, decoded) };
  }

  /** Lints an already decoded text as the file `absolute`, placing fixes in that text. */
  private async lintDecoded(absolute: string, text: string): Promise<LintResult> {
    // The readers drop one leading BOM character: keep a text that starts with U+FEFF intact.
    const bytes = Buffer.from(text.startsWith("\ufeff") ? "\ufeff" + text : text, "utf8");
    this.fixing.set(absolute, new FileText(text));
    try {
      return await this.lintInput({ filePath: absolute, open: () => Readable.from([bytes]), encoding: "utf-8", options: this.readerOptions() });
    } finally {
      this.fixing.delete(absolute);
    }
  }

  /** The rule's fix and suggestions of a finding, placed in the file (ESLint's `{ range, text }`). */
  private attachFixes(message: LintMessage, field: FieldText, finding: FieldFinding, filePath: string): void {
    if (!field.rawEdit || (!finding.fix && !finding.suggestions)) return;
    let fix = finding.fix && this.placeFix(field, finding.fix, filePath);
    // A removal that cannot be written as the rule drew it (its label sits across an HTML tag, a
    // YAML plain scalar would lose its last word) falls back to removing the match alone.
    if (!fix && finding.fix?.text === "" && (finding.fix.start !== finding.start || finding.fix.end !== finding.end) && finding.end > finding.start) {
      fix = this.placeFix(field, { start: finding.start, end: finding.end, text: "" }, filePath);
    }
    if (fix) message.fix = fix;
    const suggestions = (finding.suggestions ?? []).flatMap((s) => {
      const placed = this.placeFix(field, s.fix, filePath);
      return placed ? [{ desc: s.desc, fix: placed }] : [];
    });
    if (suggestions.length > 0) message.suggestions = suggestions;
  }

  /**
   * A field edit as a file fix. Outside `fixFile` only readers that know file offsets give one;
   * while fixing, the edit is also checked against the file text itself.
   */
  private placeFix(field: FieldText, edit: TextEdit, filePath: string): FileFix | undefined {
    let placed: ReturnType<NonNullable<FieldText["rawEdit"]>>;
    try {
      placed = field.rawEdit!(edit.start, edit.end, edit.text);
    } catch {
      return undefined;
    }
    if (!placed) return undefined;
    const file = this.fixing.get(filePath);
    if (file) return file.fixFor(placed);
    return placed.range ? { range: [placed.range[0], placed.range[1]], text: placed.text } : undefined;
  }

  /** Remembers local image files that `fields` name, relative to the listing file's folder. */
  private noteImages(fields: readonly FieldText[], listingPath: string): void {
    const base = dirname(listingPath);
    for (const field of fields) {
      for (const path of imagePathsIn(field.text)) {
        const absolute = resolve(base, path);
        if (this.linted.has(absolute) || this.referenced.has(absolute)) {
          this.options.onEvent?.({ type: "image", filePath: listingPath, image: absolute });
          continue;
        }
        if (isFile(absolute)) {
          this.referenced.add(absolute);
          this.options.onEvent?.({ type: "image", filePath: listingPath, image: absolute });
        }
      }
    }
  }

  private result(filePath: string, messages: LintMessage[]): LintResult {
    const errorCount = messages.filter((m) => m.severity === 2).length;
    // The whole summary: unknown points stay visible (`unknownPoints`) instead of reading as 0.
    const penalty: LintResult["penalty"] = totalFor(messages, this.profile);
    return {
      filePath,
      messages,
      errorCount,
      warningCount: messages.length - errorCount,
      fatalErrorCount: messages.filter((m) => m.fatal).length,
      fixableErrorCount: messages.filter((m) => m.fix && m.severity === 2).length,
      fixableWarningCount: messages.filter((m) => m.fix && m.severity === 1).length,
      penalty,
    };
  }
}

/** A listing field that holds HTML (a `description` with markup) is linted as the page parts it holds. */
function expandListingField(field: FieldText): FieldText[] {
  return htmlFieldsOf(field) ?? [field];
}

/** Fields per batch sent to a worker: big enough that messaging costs little, small enough to spread. */
const BATCH_FIELDS = 2048;

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first `limit` UTF-16 units of `text`, not ending in the middle of a surrogate pair. */
function truncateText(text: string, limit: number): string {
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/** The warning for a field cut at `limits.maxFieldLength`: it spans the part that was not checked. */
function truncatedFieldMessage(field: FieldText, checked: number, limit: number, record: SourceRecord, locale: Locale): LintMessage {
  const start = field.position(checked);
  const end = field.position(field.text.length);
  const count = field.text.length.toLocaleString("en-US");
  const max = limit.toLocaleString("en-US");
  const message =
    locale === "zh-CN"
      ? `字段“${field.name}”有 ${count} 个字符，只检查了前 ${max} 个（limits.maxFieldLength），其余部分未检查。`
      : `Field "${field.name}" is ${count} characters long; only the first ${max} were checked (limit maxFieldLength), the rest was not.`;
  const note: LintMessage = { ruleId: null, severity: 1, message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, field: field.name };
  note.record = record.id !== undefined ? { index: record.index, id: record.id } : { index: record.index };
  if (field.cell) note.cell = field.cell;
  return note;
}

/** A file that could not be read or parsed: one message, as ESLint reports parsing errors. */
export function fatalMessage(error: unknown): LintMessage {
  const isSource = error instanceof SourceError;
  const text = error instanceof Error ? error.message : String(error);
  // System errors (ENOENT, EACCES, EISDIR…) mean the file could not be read; anything else is a bug
  // in a reader or a rule, reported on the file so the rest of the run still goes on.
  const isSystem = typeof (error as { code?: unknown })?.code === "string";
  const message = isSource ? `Parsing error: ${text}` : isSystem ? `Cannot read file: ${text}` : `Internal error while linting this file: ${text}`;
  return {
    ruleId: null,
    fatal: true,
    severity: 2,
    message,
    line: isSource ? error.line : 1,
    column: isSource ? error.column : 1,
  };
}

/**
 * `--mask` on a message: the matched text, and any number the message derived from it (the
 * normalised `+8613…` a phone message adds), so a public CI log shows neither.
 */
export function maskMessage(message: string, match: string): string {
  return message
    .split(match)
    .join(maskValue(match))
    .replace(/\+?\d[\d\s-]{5,}\d/gu, (digits) => maskValue(digits));
}

/** `--mask`: keep the first and last characters so a reviewer can still find it. */
export function maskValue(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return "*".repeat(chars.length);
  const keep = Math.min(3, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join("") + "*".repeat(chars.length - 2 * keep) + chars.slice(-keep).join("");
}

/** Lints files with one configuration. */
export async function lintFiles(filePaths: string[], options: LintOptions = {}): Promise<LintResult[]> {
  const linter = await OffsiteLinter.create(options);
  const results: LintResult[] = [];
  try {
    for (const file of filePaths) results.push(await linter.lintFile(file));
    for (const image of linter.takeReferencedImages()) results.push(await linter.lintFile(image));
  } finally {
    await linter.close();
  }
  return results;
}

/** Lints one text as if it were `filePath`. */
export async function lintText(text: string, options: LintOptions & { filePath?: string } = {}): Promise<LintResult> {
  const linter = await OffsiteLinter.create(options);
  try {
    return await linter.lintText(text, options.filePath);
  } finally {
    await linter.close();
  }
}
