// `json`: the results exactly as LintResult[] (a superset of ESLint's JSON formatter).
import type { LintResult } from "../types.js";

export function json(results: LintResult[]): string {
  return JSON.stringify(results);
}
