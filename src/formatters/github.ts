// `github`: GitHub Actions workflow commands, one per problem, which the runner turns into
// annotations on the pull request's changed files:
//   ::error file=exports/a.csv,line=12,col=41,endLine=12,endColumn=53,title=no-im-contact::message
// `warning` for severity 1. Paths are relative to cwd (run from the repository root) with forward
// slashes. Escaping as the Actions runner requires: in the message `%`, CR and LF; in property
// values also `:` and `,`. Messages arrive localised; the penalty estimate follows in brackets.

import type { LintMessage, LintResult } from "../types.js";
import { messageEstimate } from "../penalties/compute.js";
import type { FormatterContext } from "./index.js";
import { penaltyCell } from "./penalty-text.js";
import { reportPath } from "./locations.js";
import { FATAL_RULE_ID } from "./sarif.js";

/** Escapes a command's data (the text after `::`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value (`file=`, `title=`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function properties(m: LintMessage, file: string): string {
  const line = Math.max(1, m.line || 1);
  const props: [string, string | number][] = [["file", file], ["line", line]];
  const endLine = m.endLine ?? line;
  // Columns only on a one-line range: GitHub refuses columns on annotations that span lines.
  if (endLine === line) {
    props.push(["col", Math.max(1, m.column || 1)]);
    if (m.endColumn !== undefined && m.endColumn >= (m.column || 1)) props.push(["endLine", endLine], ["endColumn", m.endColumn]);
  } else if (endLine > line) {
    props.push(["endLine", endLine]);
  }
  props.push(["title", m.fatal || !m.ruleId ? FATAL_RULE_ID : m.ruleId]);
  return props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
}

export function github(results: LintResult[], context: FormatterContext): string {
  return [...githubChunks(results, context)].join("");
}

/** `github` a command at a time (the CLI writes them as they come). */
export function* githubChunks(results: LintResult[], context: FormatterContext): Generator<string> {
  for (const result of results) {
    const file = reportPath(result.filePath, context.cwd).path;
    for (const m of result.messages) {
      const command = m.fatal || m.severity === 2 ? "error" : "warning";
      const penalty = penaltyCell(messageEstimate(m, context.platform), context.platform, context.locale);
      const text = (m.message || m.ruleId || FATAL_RULE_ID) + (penalty ? ` [${penalty}]` : "");
      yield `::${command} ${properties(m, file)}::${escapeData(text)}\n`;
    }
  }
}
