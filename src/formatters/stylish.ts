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

const widest = (values: string[]): number => values.reduce((w, v) => Math.max(w, displayWidth(v)), 0);

/** Rows aligned like ESLint's text-table: `  line:col  type  message  rule-id  penalty`. */
export function renderTable(rows: Row[], chalk: ChalkInstance): string {
  const w = {
    line: widest(rows.map((r) => r.line)),
    column: widest(rows.map((r) => r.column)),
    type: widest(rows.map((r) => r.type)),
    message: widest(rows.map((r) => r.message)),
    ruleId: widest(rows.map((r) => r.ruleId)),
    penalty: widest(rows.map((r) => r.penalty)),
  };
  return rows
    .map((r) => {
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
    })
    .join("\n");
}

function summaryLine(errors: number, warnings: number, locale: Locale): string {
  const total = errors + warnings;
  if (locale === "zh-CN") return `\u2716 共 ${total} 个问题（${errors} 个错误，${warnings} 个警告）`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
}

export function stylish(results: LintResult[], context: FormatterContext): string {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const { locale, platform } = context;
  let output = "\n";
  let errors = 0;
  let warnings = 0;

  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    if (result.messages.length === 0) continue;
    const cell = fileCell(totalFor(result.messages, platform), platform, locale);
    output += chalk.underline(sanitize(displayPath(result.filePath, context.cwd)));
    output += cell ? `  ${chalk.magenta(cell)}\n` : "\n";
    output += `${renderTable(
      result.messages.map((m) => toRow(m, platform, locale)),
      chalk,
    )}\n\n`;
  }

  if (errors + warnings === 0) return "";
  const summaryColor = errors > 0 ? chalk.red : chalk.yellow;
  output += `${summaryColor.bold(summaryLine(errors, warnings, locale))}\n`;

  const total = runTotal(results, platform);
  const penalty = runPenaltyText(total, platform, locale);
  if (penalty) {
    output += `${(penalty.thresholdReached ? chalk.red.bold : chalk.yellow)(penalty.headline)}\n`;
    if (penalty.note) output += `${chalk.dim(`  ${penalty.note}`)}\n`;
  }
  if (exceedsMaxPenalty(total, context.maxPenalty)) {
    output += `${chalk.red.bold(`\u2716 ${maxPenaltyText(total, context.maxPenalty!, locale)}`)}\n`;
  }
  output += howToFix(results, context, chalk);
  return output;
}

/** Once per rule that fired: what to write instead (the rule's compliant alternative), so the
 * person reading the report can act without looking anything up. */
function howToFix(results: LintResult[], context: FormatterContext, chalk: ChalkInstance): string {
  if (!context.rulesMeta) return "";
  const fired = [...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)).filter((id): id is string => !!id))].sort();
  const lines = fired
    .map((id) => context.rulesMeta![id])
    .filter((meta): meta is NonNullable<typeof meta> => !!meta?.docs?.fix?.[context.locale])
    .map((meta) => `  ${chalk.bold(meta.id)}: ${sanitize(meta.docs.fix[context.locale])}`);
  if (lines.length === 0) return "";
  const title = context.locale === "zh-CN" ? "整改建议（原因见 offsite-lint explain <规则>）：" : "How to fix (why: offsite-lint explain <rule>):";
  return `\n${chalk.bold(title)}\n${lines.join("\n")}\n`;
}
