// Shared helpers for the eval tests.
import type { Category, LintMessage, LintResult } from "../../src/types.js";
import type { FileRange } from "../../src/eval/position.js";

/** The text a file range covers. */
export function sliceRange(content: string, range: FileRange): string {
  return content.slice(offsetOf(content, range.start), offsetOf(content, range.end));
}

/** Offset of a 1-based line/column in `content` (CRLF, LF, CR line breaks). */
export function offsetOf(content: string, pos: { line: number; column: number }): number {
  let line = 1;
  let i = 0;
  while (line < pos.line) {
    const ch = content[i];
    if (ch === undefined) throw new Error(`line ${pos.line} beyond the end`);
    if (ch === "\r") {
      if (content[i + 1] === "\n") i++;
      line++;
    } else if (ch === "\n") line++;
    i++;
  }
  return i + pos.column - 1;
}

export function msg(
  category: Category,
  range: FileRange | { line: number; column: number; endLine?: number; endColumn?: number },
  extra: Partial<LintMessage> = {},
): LintMessage {
  const r =
    "start" in range
      ? { line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column }
      : range;
  return { ruleId: `rule-${category}`, severity: 2, category, message: `${category} found`, ...r, ...extra };
}

export function result(filePath: string, messages: LintMessage[]): LintResult {
  return {
    filePath,
    messages,
    errorCount: messages.length,
    warningCount: 0,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    penalty: { platform: "alibaba", points: 0 },
  };
}
