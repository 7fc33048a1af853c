// `stylish`, the default: ESLint's look (file path underlined, aligned rows, ✖ summary), plus
// the estimated penalty per message, per file, and where the run stands on the platform's ladder.
// Prints nothing for a clean run, as ESLint does.

import { isAbsolute, relative } from "node:path";
import { Chalk, type ChalkInstance } from "chalk";
import type { LintMessage, LintResult, Locale } from "../types.js";
import { exceedsMaxPenalty, messageEstimate, runTotal, totalFor } from "../penalties/compute.js";
import type { PlatformProfile } from "../penalties/types.js";
import type { FormatterContext } from "./index.js";
import { fileCell, maxPenaltyText, penaltyCell, runPenaltyText } from "./penalty-text.js";
import { displayWidth, padEnd, padStart, sanitize } from "./width.js";

const WORDS = {
  en: { error: "error", warning: "warning" },
  "zh-CN": { error: "错误", warning: "警告" },
} as const;

/** Relative to cwd when the path is a real absolute path (not `<text>` from stdin). */
export function displayPath(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath;
  return relative(cwd, filePath) || filePath;
}

interface Row {
  line: string;
  column: string;
  isError: boolean;
  type: string;
  message: string;
  ruleId: string;
  penalty: string;
}

function toRow(message: LintMessage, platform: PlatformProfile, locale: Locale): Row {
  const isError = message.fatal === true || message.severity === 2;
  return {
    line: String(message.line || 0),
    column: String(message.column || 0),
    isError,
    type: WORDS[locale][isError ? "error" : "warning"],
    // ESLint drops a final period; sanitize keeps each message on one safe line.
    message: wherePrefix(message) + sanitize(message.message).replace(/([^ ])\.$/u, "$1"),
    ruleId: message.fatal ? "" : sanitize(message.ruleId ?? ""),
    penalty: penaltyCell(messageEstimate(message, platform), platform, locale),
  };
}

/** Where line:col says little: the spreadsheet cell, or the part of an image the text came from. */
function wherePrefix(message: LintMessage): string {
  if (message.cell) return `[${sanitize(message.cell)}] `;
  const fromImage = message.origin === "ocr" || message.origin === "metadata" || message.origin === "qr";
  return fromImage && message.field ? `[${sanitize(message.field)}] ` : "";
}

interface Widths {
  line: number;
  column: number;
  type: number;
  message: number;
  ruleId: number;
  penalty: number;
}

/** One row aligned like ESLint's text-table: `  line:col  type  message  rule-id  penalty`. */
function renderRow(r: Row, w: Widths, chalk: ChalkInstance): string {
  const position = chalk.dim(`${padStart(r.line, w.line)}:${r.column}`) + " ".repeat(w.column - r.column.length);
  const type = r.isError ? chalk.red(r.type) : chalk.yellow(r.type);
  const cells = [
    "",
    position,
    padEnd(type, w.type),
    padEnd(r.message, w.message),
    padEnd(r.ruleId ? chalk.dim(r.ruleId) : "", w.ruleId),
    padStart(r.penalty ? chalk.magenta(r.penalty) : "", w.penalty),
  ];
  return cells.join("  ").replace(/\s+$/u, "");
}

/** A file's table, a line at a time: the column widths from a first pass over the messages, each
 * row built again to be written, so no table is held whole (70k messages of a 1 GB export made a
 * ~100 MB peak as rows, lines and one joined string). */
function* tableLines(messages: readonly LintMessage[], platform: PlatformProfile, locale: Locale, chalk: ChalkInstance): Generator<string> {
  const w: Widths = { line: 0, column: 0, type: 0, message: 0, ruleId: 0, penalty: 0 };
  for (const message of messages) {
    const r = toRow(message, platform, locale);
    w.line = Math.max(w.line, displayWidth(r.line));
    w.column = Math.max(w.column, displayWidth(r.column));
    w.type = Math.max(w.type, displayWidth(r.type));
    w.message = Math.max(w.message, displayWidth(r.message));
    w.ruleId = Math.max(w.ruleId, displayWidth(r.ruleId));
    w.penalty = Math.max(w.penalty, displayWidth(r.penalty));
  }
  for (const message of messages) yield `${renderRow(toRow(message, platform, locale), w, chalk)}\n`;
}

function summaryLine(errors: number, warnings: number, locale: Locale): string {
  const total = errors + warnings;
  if (locale === "zh-CN") return `\u2716 共 ${total} 个问题（${errors} 个错误，${warnings} 个警告）`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
}

export function stylish(results: LintResult[], context: FormatterContext): string {
  return [...stylishChunks(results, context)].join("");
}

/** `stylish` piece by piece (a file's heading, each row, the summary): what the CLI writes as it
 * comes. */
export function* stylishChunks(results: LintResult[], context: FormatterContext): Generator<string> {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
  }
  if (errors + warnings === 0) return;
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const { locale, platform } = context;
  yield "\n";
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const cell = fileCell(totalFor(result.messages, platform), platform, locale);
    yield chalk.underline(sanitize(displayPath(result.filePath, context.cwd))) + (cell ? `  ${chalk.magenta(cell)}\n` : "\n");
    yield* tableLines(result.messages, platform, locale, chalk);
    yield "\n";
  }

  const summaryColor = errors > 0 ? chalk.red : chalk.yellow;
  let output = `${summaryColor.bold(summaryLine(errors, warnings, locale))}\n`;
  const total = runTotal(results, platform);
  const penalty = runPenaltyText(total, platform, locale);
  if (penalty) {
    output += `${(penalty.thresholdReached ? chalk.red.bold : chalk.yellow)(penalty.headline)}\n`;
    if (penalty.note) output += `${chalk.dim(`  ${penalty.note}`)}\n`;
  }
  if (exceedsMaxPenalty(total, context.maxPenalty)) {
    output += `${chalk.red.bold(`\u2716 ${maxPenaltyText(total, context.maxPenalty!, locale)}`)}\n`;
  }
  yield output + howToFix(results, context, chalk);
}

/** Once per rule that fired: what to write instead (the rule's compliant alternative), so the
 * person reading the report can act without looking anything up. */
function howToFix(results: LintResult[], context: FormatterContext, chalk: ChalkInstance): string {
  if (!context.rulesMeta) return "";
  const ids = new Set<string>();
  for (const result of results) for (const message of result.messages) if (message.ruleId) ids.add(message.ruleId);
  const fired = [...ids].sort();
  const lines = fired
    .map((id) => context.rulesMeta![id])
    .filter((meta): meta is NonNullable<typeof meta> => !!meta?.docs?.fix?.[context.locale])
    .map((meta) => `  ${chalk.bold(meta.id)}: ${sanitize(meta.docs.fix[context.locale])}`);
  if (lines.length === 0) return "";
  const title = context.locale === "zh-CN" ? "整改建议（原因见 offsite-lint explain <规则>）：" : "How to fix (why: offsite-lint explain <rule>):";
  return `\n${chalk.bold(title)}\n${lines.join("\n")}\n`;
}
