// The command line: parse arguments (commander), call the API, print, return the exit code.
// Exit codes as ESLint: 0 clean, 1 lint errors / fatal file errors / too many warnings or too
// much penalty, 2 bad usage, bad config or an internal error.

import { closeSync, existsSync, openSync, writeFileSync, writeSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { dataPath } from "./paths.js";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { OffsiteLinter, localeFromEnv, type LintEvent } from "./index.js";
import { builtinRules } from "../rules/index.js";
import { ConfigError, starterConfig, STARTER_FILENAME } from "./config/index.js";
import { discoverFiles, NoFilesFoundError, AllFilesIgnoredError } from "./discover.js";
import { supportedExtensions, resolveEncodingName } from "./sources/index.js";
import { formatterNames, getFormatter, reportPieces, type Formatter, type FormatterContext } from "./formatters/index.js";
import { displayWidth, padEnd } from "./formatters/width.js";
import { listPlatforms, runTotal, exceedsMaxPenalty, getProfile, estimateMessage } from "./penalties/index.js";
import type { LintResult, Locale, RuleMeta } from "./types.js";
import { DEFAULT_SUPPRESSIONS_FILE, SuppressionsError } from "./suppressions.js";
import { FixRun, fixUsageProblem } from "./cli-fix.js";
import { baselineUsageProblem, runBaseline, suppressionsPath, UNUSED_SUPPRESSIONS_MESSAGE } from "./cli-suppressions.js";
import { CacheRun, isCacheFile } from "./cli-cache.js";
import { CACHE_STRATEGIES, DEFAULT_CACHE_FILE, type CacheStrategy } from "./cache.js";
import { ProgressLine, ProgressTracker, progressEnabled } from "./progress.js";
import { parseConcurrency, type Concurrency } from "./workers/pool.js";

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Buffer>;
  isTTY: boolean;
  cwd: string;
  /** Whether stderr is a terminal (the progress line); default false. */
  stderrIsTTY?: boolean;
  /** The terminal width of stderr, when it is one. */
  stderrColumns?: () => number | undefined;
  /** The environment (`CI` turns the progress line off); default process.env. */
  env?: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stderrColumns: () => process.stderr.columns,
  env: process.env,
};

interface LintCliOptions {
  config?: string;
  configLookup: boolean;
  platform?: string;
  format: string;
  outputFile?: string;
  quiet?: boolean;
  maxWarnings?: number;
  maxPenalty?: number;
  rule: string[];
  ignorePattern: string[];
  ignore: boolean;
  glob: boolean;
  warnIgnored: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  locale?: Locale;
  mask?: boolean;
  encoding?: string;
  color?: boolean;
  ocr: boolean;
  concurrency: Concurrency;
  fix?: boolean;
  fixDryRun?: boolean;
  fixOutput?: string;
  suppressions?: string;
  suppressAll?: boolean;
  suppressRule: string[];
  pruneSuppressions?: boolean;
  passOnUnprunedSuppressions?: boolean;
  reportUnusedDisableDirectives?: boolean;
  reportUnusedDisableDirectivesSeverity?: string;
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: CacheStrategy;
}

class UsageError extends Error {}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(dataPath("package.json"), "utf8")) as { version: string };
  return pkg.version;
}

function concurrencyOption(value: string): Concurrency {
  const parsed = parseConcurrency(value);
  if (parsed === undefined) throw new UsageError(`--concurrency expects a number of threads, auto or off, got "${value}"`);
  return parsed;
}

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} expects a non-negative number, got "${value}"`);
    return n;
  };
}

/** `--locale` given to the subcommand or before it, else from the environment. */
function localeOf(command: Command): Locale {
  return (command.optsWithGlobals() as { locale?: Locale }).locale ?? localeFromEnv();
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = new Command("offsite-lint")
    .description("Lint e-commerce listings and reply templates for off-platform diversion (站外引导检查)")
    .version(packageVersion(), "-v, --version", "print the version")
    .argument("[paths...]", "files, folders or globs to lint", [])
    .option("-c, --config <file>", "use this configuration file")
    .option("--no-config-lookup", "do not look for a configuration file")
    .option("-p, --platform <id>", "penalty profile (default alibaba); see `offsite-lint platforms`")
    .option("-f, --format <name>", `${formatterNames().join(", ")}, or a formatter module`, "stylish")
    .option("-o, --output-file <file>", "write the report to this file")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "fail when there are more warnings than this", integer("--max-warnings"))
    .option("--max-penalty <points>", "fail when the estimated penalty exceeds this", integer("--max-penalty"))
    .option("--rule <id:severity>", "override a rule, repeatable (no-email:off)", collect, [])
    .option("--ignore-pattern <glob>", "ignore files matching this glob, repeatable", collect, [])
    .option("--no-ignore", "do not use .offsitelintignore or ignore patterns")
    .option("--no-glob", "take every path literally, as pre-commit and lint-staged pass them")
    .option("--no-warn-ignored", "do not warn about ignored files named on the command line")
    .option("--stdin", "lint standard input")
    .option("--stdin-filename <name>", "file name for standard input (its extension picks the format)")
    .addOption(new Option("--locale <locale>", "message language").choices(["zh-CN", "en"]))
    .option("--mask", "mask found contact values in the output")
    .option("--encoding <name>", "force the text encoding (utf-8, gb18030, utf-16le, ...)")
    .option("--no-ocr", "skip reading text drawn on images (faster)")
    .option("--concurrency <n>", "lint big listing files in worker threads: a number, auto (one per core, up to 4, for files of 4 MB and more) or off (default)", concurrencyOption, "off")
    .option("--fix", "fix what can be fixed: reply templates in place, listings only with --fix-output")
    .option("--fix-dry-run", "compute fixes and put the fixed text in the report (json) without writing")
    .option("--fix-output <dir>", "write fixed files (and cleaned copies of listings) under this folder instead")
    .option("--suppressions <file>", `bulk suppressions file (default ${DEFAULT_SUPPRESSIONS_FILE})`)
    .option("--suppress-all", "record every current error in the suppressions file")
    .option("--suppress-rule <id>", "record the current errors of this rule in the suppressions file, repeatable", collect, [])
    .option("--prune-suppressions", "remove suppressions that no longer occur from the file")
    .option("--pass-on-unpruned-suppressions", "do not exit with 2 when suppressions no longer occur")
    .option("--report-unused-disable-directives", "report inline offsite-lint-disable directives that suppress nothing (as warnings)")
    .addOption(new Option("--report-unused-disable-directives-severity <level>", "severity of unused directive reports").choices(["off", "warn", "error", "0", "1", "2"]))
    .option("--cache", "only lint files that changed since the last run (results kept in the cache file)")
    .option("--cache-location <path>", `the cache file, or a folder to hold it (default ${DEFAULT_CACHE_FILE})`)
    .addOption(new Option("--cache-strategy <strategy>", "how a changed file is detected: content (sha256 of the bytes) or metadata (size and mtime)").choices([...CACHE_STRATEGIES]).default("content"))
    .option("--color", "force colours")
    .option("--no-color", "no colours")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action(async (paths: string[], options: LintCliOptions) => {
      exitCode = await lintCommand(paths, options, io);
    });

  program
    .command("rules")
    .description("list the rules with category, default severity and whether they fix")
    .addOption(new Option("--locale <locale>").choices(["zh-CN", "en"]))
    .action((_options: unknown, command: Command) => {
      io.stdout(rulesTable(localeOf(command)));
    });
  program
    .command("explain <rule-id>")
    .description("what a rule catches, why platforms punish it, how to fix it")
    .addOption(new Option("--locale <locale>").choices(["zh-CN", "en"]))
    .action((ruleId: string, _options: unknown, command: Command) => {
      const text = explainRule(ruleId, localeOf(command));
      if (text === undefined) {
        io.stderr(`offsite-lint: unknown rule "${ruleId}". Run \`offsite-lint rules\` to list them.\n`);
        exitCode = 2;
      } else io.stdout(text);
    });
  program
    .command("platforms")
    .description("list the penalty profiles")
    .addOption(new Option("--locale <locale>").choices(["zh-CN", "en"]))
    .action((_options: unknown, command: Command) => {
      io.stdout(platformsTable(localeOf(command)));
    });
  program
    .command("init")
    .description(`write a starter ${STARTER_FILENAME}`)
    .action(() => {
      const target = join(io.cwd, STARTER_FILENAME);
      if (existsSync(target)) {
        io.stderr(`offsite-lint: ${STARTER_FILENAME} already exists; not overwriting it.\n`);
        exitCode = 2;
        return;
      }
      writeFileSync(target, starterConfig(), { flag: "wx" });
      io.stdout(`Wrote ${target}\n`);
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SuppressionsError || error instanceof NoFilesFoundError || error instanceof AllFilesIgnoredError) {
      io.stderr(`offsite-lint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`offsite-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

async function lintCommand(paths: string[], options: LintCliOptions, io: Io): Promise<number> {
  if (options.encoding) {
    try {
      resolveEncodingName(options.encoding);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  // The linter's events feed the progress line and the cache (the images each listing names).
  const listeners: Array<(event: LintEvent) => void> = [];
  const linter = await OffsiteLinter.create({
    cwd: io.cwd,
    configFile: options.config,
    noConfigLookup: !options.configLookup,
    platform: options.platform,
    rules: options.rule,
    locale: options.locale,
    mask: options.mask,
    encoding: options.encoding,
    quiet: options.quiet,
    // commander sets `ocr: true` unless --no-ocr; only the flag's "off" overrides the config.
    ocr: options.ocr === false ? false : undefined,
    concurrency: options.concurrency,
    reportUnusedDisableDirectives: unusedDirectivesSeverity(options),
    onEvent: (event) => {
      for (const listener of listeners) listener(event);
    },
  });
  const fixProblem = fixUsageProblem(options);
  if (fixProblem) throw new UsageError(fixProblem);
  const baselineProblem = baselineUsageProblem(options, io.cwd, new Set(Object.keys(linter.loaded.rules)));
  if (baselineProblem) throw new UsageError(baselineProblem);
  const formatter = await resolveFormatter(options.format, io.cwd);

  let results: LintResult[] = [];
  const progress = !options.stdin && progressEnabled(Boolean(io.stderrIsTTY), io.env ?? process.env) ? new Progress(io) : undefined;
  // While the progress line is up, anything else written to stderr first erases it.
  const runIo: Io = progress ? { ...io, stderr: (text) => (progress.line.clear(), io.stderr(text)) } : io;
  const cache = options.cache && !options.stdin ? CacheRun.open(linter, options, runIo, packageVersion()) : undefined;
  if (progress) listeners.push((event) => progress.event(event));
  if (cache) listeners.push((event) => cache.event(event));
  try {
    await lintInputs(linter, paths, options, runIo, results, { cache, progress });
  } finally {
    progress?.stop();
    await linter.close();
  }
  // Bulk suppressions (a baseline): record, prune, then drop the errors it accepts.
  const baseline = runBaseline(linter, results, options, io.cwd);
  results = baseline.results;
  if (baseline.wrote) io.stderr(`offsite-lint: wrote ${baseline.wrote.entries} suppressed problem(s) to ${baseline.wrote.path}\n`);

  const context: FormatterContext = {
    cwd: io.cwd,
    locale: linter.locale,
    color: options.color ?? io.isTTY,
    platform: linter.profile,
    rulesMeta: Object.fromEntries(Object.entries(linter.loaded.rules).map(([id, rule]) => [id, rule.meta])),
    maxPenalty: options.maxPenalty,
    version: packageVersion(),
  };
  const target = options.outputFile ? resolve(io.cwd, options.outputFile) : undefined;
  // Reports with a piecewise form are written as they are built: a big export's is never held whole.
  writeReport(reportPieces(formatter, results, context), target, io);

  if (baseline.unused.length > 0 && !options.passOnUnprunedSuppressions) {
    const shown = baseline.unused.slice(0, 20).map((line) => `  ${line}\n`).join("");
    const more = baseline.unused.length > 20 ? `  … and ${baseline.unused.length - 20} more\n` : "";
    io.stderr(`offsite-lint: ${UNUSED_SUPPRESSIONS_MESSAGE}\n${shown}${more}`);
    return 2;
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`offsite-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  if (options.maxPenalty !== undefined && exceedsMaxPenalty(runTotal(results, linter.profile), options.maxPenalty)) {
    io.stderr(`offsite-lint: the estimated penalty exceeds --max-penalty ${options.maxPenalty}.\n`);
    return 1;
  }
  return 0;
}

/**
 * Writes a report, given in pieces, to `target` about 32k characters at a time; or to standard
 * output, ending in a newline (nothing for an empty report). Small writes on purpose: a joined
 * string over ~128 KB goes to V8's large-object space, which only a full GC empties, and 1 MB
 * writes of a big JSON report piled up ~40 MB of them at the end of a run.
 */
function writeReport(pieces: Iterable<string>, target: string | undefined, io: Io): void {
  let fd: number | undefined;
  if (target) {
    mkdirSync(dirname(target), { recursive: true });
    fd = openSync(target, "w");
  }
  try {
    let buffer: string[] = [];
    let size = 0;
    let last = "";
    const flush = () => {
      const text = buffer.join("");
      buffer = [];
      size = 0;
      if (text === "") return;
      last = text;
      if (fd !== undefined) writeSync(fd, text);
      else io.stdout(text);
    };
    for (const piece of pieces) {
      buffer.push(piece);
      size += piece.length;
      if (size >= 1 << 15) flush();
    }
    flush();
    if (fd === undefined && last !== "" && !last.endsWith("\n")) io.stdout("\n");
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `--report-unused-disable-directives` (warnings) or `-severity <off|warn|error|0|1|2>`. */
function unusedDirectivesSeverity(options: LintCliOptions): "off" | "warn" | "error" {
  const level = options.reportUnusedDisableDirectivesSeverity;
  if (options.reportUnusedDisableDirectives && level !== undefined) {
    throw new UsageError("The --report-unused-disable-directives option and the --report-unused-disable-directives-severity option cannot be used together.");
  }
  if (level !== undefined) return level === "2" || level === "error" ? "error" : level === "1" || level === "warn" ? "warn" : "off";
  return options.reportUnusedDisableDirectives ? "warn" : "off";
}

/** The progress line of a run: counts from the linter's events, drawn ~10×/s by a timer. */
class Progress {
  readonly tracker = new ProgressTracker();
  readonly line: ProgressLine;
  private readonly timer: NodeJS.Timeout;

  constructor(io: Io) {
    this.line = new ProgressLine(() => this.tracker.state, { write: io.stderr, now: () => performance.now(), columns: io.stderrColumns });
    this.timer = setInterval(() => this.line.tick(), 100);
    this.timer.unref();
  }

  event(event: LintEvent): void {
    if (event.type !== "record") return;
    this.tracker.record(event.bytesRead, event.findings);
    this.line.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.line.clear();
  }
}

interface RunHelpers {
  cache?: CacheRun;
  progress?: Progress;
}

async function lintInputs(linter: OffsiteLinter, paths: string[], options: LintCliOptions, io: Io, results: LintResult[], helpers: RunHelpers = {}): Promise<void> {
  if (options.stdin) {
    const bytes = await io.readStdin();
    results.push(await new FixRun(linter, options, io).stdin(bytes, options.stdinFilename ?? "<text>.txt"));
    return;
  }
  const patterns = paths.length > 0 ? paths : ["."];
  const ignorePatterns = options.ignore ? [...linter.loaded.config.ignorePatterns, ...options.ignorePattern] : [];
  const { files, skipped } = await discoverFiles(patterns, {
    cwd: io.cwd,
    extensions: supportedExtensions(),
    ignorePatterns,
    useIgnoreFile: options.ignore,
    globInputPaths: options.glob,
  });
  for (const file of skipped) {
    if (file.reason === "ignored" && !options.warnIgnored) continue;
    io.stderr(`offsite-lint: ${file.filePath}: ${file.message}\n`);
  }
  // The suppressions file is JSON, but not a listing.
  const baselineFile = suppressionsPath(options, io.cwd);
  const inputs = files.filter((file) => resolve(io.cwd, file) !== baselineFile && !isCacheFile(file, options, io.cwd));
  const { cache, progress } = helpers;
  progress?.tracker.addFiles(inputs.length);
  // One file: its cached result when unchanged (`--cache`), else linted; counted for the progress line.
  const one = async (file: string, lint: () => Promise<LintResult>): Promise<LintResult> => {
    const absolute = resolve(io.cwd, file);
    const stamp = cache ? await cache.stamp(absolute) : undefined;
    progress?.tracker.fileStart(stamp?.size ?? (progress ? sizeOf(absolute) : undefined));
    const result = cache ? await cache.lint(absolute, stamp, lint) : await lint();
    progress?.tracker.fileDone(result.messages.length);
    progress?.line.tick();
    return result;
  };
  const fixer = new FixRun(linter, options, io);
  for (const file of inputs) results.push(await one(file, () => fixer.file(file)));
  fixer.finish();
  // Images the listings name (images/sku-1.jpg) that were not among the files already.
  const images = linter.takeReferencedImages();
  progress?.tracker.addFiles(images.length);
  for (const image of images) results.push(await one(image, () => linter.lintFile(image)));
  cache?.finish();
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** A built-in formatter, then the package `offsite-lint-formatter-<name>`, then a file path. */
async function resolveFormatter(name: string, cwd: string): Promise<Formatter> {
  const builtin = getFormatter(name);
  if (builtin) return builtin;
  const require = createRequire(join(cwd, "noop.js"));
  const candidates: string[] = [];
  if (!/[\\/]/.test(name) && !name.startsWith(".")) {
    try {
      candidates.push(require.resolve(`offsite-lint-formatter-${name}`));
    } catch {
      /* not installed: try a path */
    }
  }
  const asPath = isAbsolute(name) ? name : resolve(cwd, name);
  if (existsSync(asPath)) candidates.push(asPath);
  for (const candidate of candidates) {
    const mod = (await import(pathToFileURL(candidate).href)) as { default?: unknown };
    const formatter = typeof mod.default === "function" ? mod.default : (mod as { default?: { default?: unknown } }).default?.default;
    if (typeof formatter === "function") return formatter as Formatter;
    throw new UsageError(`formatter "${name}" (${candidate}) does not export a function`);
  }
  throw new UsageError(`there was a problem loading formatter "${name}": not a built-in (${formatterNames().join(", ")}), no package offsite-lint-formatter-${name}, no file ${asPath}`);
}

function rulesTable(locale: Locale): string {
  const rows = Object.values(builtinRules).map((rule) => [
    rule.meta.id,
    rule.meta.category,
    rule.meta.defaultSeverity,
    rule.meta.fixable ? "fixable" : "",
    rule.meta.description[locale],
  ]);
  const header = locale === "zh-CN" ? ["规则", "类别", "默认级别", "可修复", "说明"] : ["rule", "category", "default", "fix", "description"];
  return table([header, ...rows]);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ""))));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : padEnd(cell, widths[i]!))).join("  ").trimEnd())
    .join("\n") + "\n";
}


export function explainRule(ruleId: string, locale: Locale): string | undefined {
  const rule = builtinRules[ruleId];
  if (!rule) return undefined;
  const meta: RuleMeta = rule.meta;
  const zh = locale === "zh-CN";
  const profile = getProfile();
  const lines = [
    `${meta.id} (${meta.category}, ${zh ? "默认" : "default"} ${meta.defaultSeverity})`,
    "",
    meta.description[locale],
    "",
    zh ? "为什么会被处罚：" : "Why platforms punish it:",
    `  ${meta.docs.why[locale]}`,
    "",
    zh ? "合规做法：" : "How to fix it:",
    `  ${meta.docs.fix[locale]}`,
    "",
    zh ? "每条违规的预计处罚（仅为估计；默认平台为" + profile.name[locale] + "，来源见 offsite-lint platforms）：" : `Estimated penalty per violation (estimates; default platform ${profile.name[locale]}; sources: offsite-lint platforms):`,
    ...penaltyLines(meta, locale),
    "",
    `${zh ? "文档" : "Docs"}: ${meta.docs.url}`,
  ];
  return lines.join("\n") + "\n";
}

function penaltyLines(meta: RuleMeta, locale: Locale): string[] {
  return listPlatforms().map((profile) => {
    const estimate = estimateMessage(profile, meta.category, 2, locale);
    const points = estimate.points === null ? (locale === "zh-CN" ? "分值未知" : "points unknown") : `${estimate.points} ${locale === "zh-CN" ? "分" : "pts"}`;
    const fine = estimate.fine ? `, ${estimate.fine} ${estimate.currency ?? ""}`.trimEnd() : "";
    return `  ${profile.id.padEnd(12)} ${points}${fine} — ${estimate.action}`;
  });
}

function platformsTable(locale: Locale): string {
  const zh = locale === "zh-CN";
  const rows = listPlatforms().map((p) => [p.id, p.name[locale], p.scoring, p.likelyAction[locale]]);
  return table([[zh ? "平台" : "id", zh ? "名称" : "name", zh ? "计分" : "scoring", zh ? "常见后果" : "likely action"], ...rows]);
}
