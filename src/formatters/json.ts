// `json`: the results exactly as LintResult[] (a superset of ESLint's JSON formatter).
import type { LintResult } from "../types.js";
import type { FormatterContext } from "./index.js";

export function json(results: LintResult[], _context?: FormatterContext): string {
  return JSON.stringify(results);
}
