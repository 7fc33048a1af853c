// The programmatic API: what the CLI calls and what others embed. It joins the stages —
// config, source readers, the linting kernel, penalties — and leaves formatting to formatters.

import { createReadStream, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { builtinRules } from "../rules/index.js";
import { assertKnownPlatform, loadConfig, resolveFileSettings, settingsForField, parseRuleFlag, type LoadedConfig, type RuleFlag } from "./config/index.js";
import { lintField, originNote, type ActiveRule } from "./linter.js";
import { foldText } from "./text/fold.js";
import { estimateMessage, resolveProfile, totalFor, listPlatforms, type PlatformProfile } from "./penalties/index.js";
import { disposeReaders, readerFor } from "./sources/index.js";
import { htmlFieldsOf } from "./sources/html.js";
import { imagePathsIn } from "./sources/image-refs.js";
import { SourceError, type FieldText, type LintMessage, type LintResult, type Locale, type SourceInput, type SourceLimits, type SourceReader } from "./types.js";

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
  /** Overrides of the hostile-input limits (image pixels, XLSX size). */
  limits?: Partial<SourceLimits>;
}

/** The message language: explicit, else the config's, else from LC_ALL / LC_MESSAGES / LANG. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(value) ? "zh-CN" : "en";
}

/** A configured linter: config loaded and validated once, then any number of files. */
export class OffsiteLinter {
  /** Files linted so far (absolute), so an image named by many rows is linted once. */
  private readonly linted = new Set<string>();
  /** Local images named by listing fields, not linted yet. */
  private readonly referenced = new Set<string>();

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
    return this.lintInput({ filePath: absolute, open: () => createReadStream(absolute), encoding: this.options.encoding, options: this.readerOptions() });
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

  private async lintInput(input: SourceInput): Promise<LintResult> {
    const reader = readerFor(input.filePath) ?? readerFor(".txt")!;
    const messages: LintMessage[] = [];
    try {
      await this.lintRecords(reader, input, messages);
    } catch (error) {
      messages.push(fatalMessage(error));
    }
    return this.result(input.filePath, messages);
  }

  private async lintRecords(reader: SourceReader, input: SourceInput, messages: LintMessage[]): Promise<void> {
    const baseDir = this.loaded.baseDir;
    const settings = resolveFileSettings(this.loaded.config, {
      rules: this.loaded.rules,
      filePath: relative(baseDir, input.filePath),
      ruleFlags: this.ruleFlags,
      platform: this.options.platform,
    });
    const profile = settings.platform === this.profile.id ? this.profile : resolveProfile(settings.platform, this.loaded.config.penalties as never);
    for await (const record of reader.read(input)) {
      const fields = reader.kind === "listing" ? record.fields.flatMap(expandListingField) : record.fields;
      if (reader.kind === "listing") this.noteImages(record.fields, input.filePath);
      for (const field of fields) {
        const fieldSettings = settingsForField(settings, field.name);
        if (fieldSettings.ignored) continue;
        const active: ActiveRule[] = [];
        for (const [id, setting] of Object.entries(fieldSettings.rules)) {
          const rule = this.loaded.rules[id];
          if (!rule || setting.severity === 0) continue;
          active.push({ rule, severity: setting.severity as 1 | 2, options: setting.options });
        }
        const findings = lintField({ name: field.name, text: field.text, origin: field.origin }, { kind: reader.kind, strict: settings.strict, locale: this.locale, rules: active });
        const note = originNote(field, this.locale);
        for (const finding of findings) {
          if (this.options.quiet && finding.severity < 2) continue;
          const start = field.position(finding.start);
          const end = field.position(finding.end);
          const match = field.text.slice(finding.start, finding.end);
          const rule = this.loaded.rules[finding.ruleId]!;
          const message: LintMessage = {
            ruleId: finding.ruleId,
            severity: finding.severity,
            category: finding.category,
            message: note + (this.options.mask ? finding.message.split(match).join(maskValue(match)) : finding.message),
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
            record: record.id !== undefined ? { index: record.index, id: record.id } : { index: record.index },
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
          messages.push(message);
        }
      }
    }
  }

  /** Remembers local image files that `fields` name, relative to the listing file's folder. */
  private noteImages(fields: readonly FieldText[], listingPath: string): void {
    const base = dirname(listingPath);
    for (const field of fields) {
      for (const path of imagePathsIn(field.text)) {
        const absolute = resolve(base, path);
        if (this.linted.has(absolute) || this.referenced.has(absolute)) continue;
        if (isFile(absolute)) this.referenced.add(absolute);
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
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      penalty,
    };
  }
}

/** A listing field that holds HTML (a `description` with markup) is linted as the page parts it holds. */
function expandListingField(field: FieldText): FieldText[] {
  return htmlFieldsOf(field) ?? [field];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
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
