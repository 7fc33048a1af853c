// `compact`: ESLint's compact format, one problem per line for editors and problem matchers:
// `path: line L, col C, Error - message (rule-id)`, then `N problems`.
// The keywords stay English in every locale (tools parse them); messages arrive localised.
import type { LintMessage, LintResult } from "../types.js";
import type { FormatterContext } from "./index.js";

const type = (m: LintMessage): string => (m.fatal || m.severity === 2 ? "Error" : "Warning");

// One line per problem, whatever the message contains.
const oneLine = (text: string): string => text.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");

export function compact(results: LintResult[], context?: FormatterContext): string {
  return [...compactChunks(results, context)].join("");
}

/** `compact` a line at a time (the CLI writes the lines as they come). */
export function* compactChunks(results: LintResult[], _context?: FormatterContext): Generator<string> {
  let total = 0;
  for (const result of results) {
    for (const m of result.messages) {
      total++;
      const line = `${result.filePath}: line ${m.line || 0}, col ${m.column || 0}, ${type(m)} - ${oneLine(m.message)}`;
      yield m.ruleId ? `${line} (${m.ruleId})\n` : `${line}\n`;
    }
  }
  if (total > 0) yield `\n${total} problem${total === 1 ? "" : "s"}`;
}
