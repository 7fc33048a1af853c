// Small builders for tests: results and messages with just the fields that matter.
import type { Category, LintMessage, LintResult } from "../../src/types.js";

export function msg(
  severity: 1 | 2,
  category: Category | undefined,
  extra: Partial<LintMessage> = {},
): LintMessage {
  return {
    ruleId: category ? `no-${category}` : "no-thing",
    severity,
    category,
    message: `a ${category ?? "thing"} finding`,
    line: 1,
    column: 1,
    ...extra,
  };
}

export function fatal(message = "Unexpected end of JSON input", line = 4, column = 2): LintMessage {
  return { ruleId: null, fatal: true, severity: 2, message, line, column };
}

export function result(filePath: string, messages: LintMessage[]): LintResult {
  const errors = messages.filter((m) => m.fatal || m.severity === 2).length;
  return {
    filePath,
    messages,
    errorCount: errors,
    warningCount: messages.length - errors,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    penalty: { platform: "alibaba", points: 0 },
  };
}
