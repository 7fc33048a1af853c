// `json`: the results exactly as LintResult[] (a superset of ESLint's JSON formatter).
import type { LintResult } from "../types.js";
import type { FormatterContext } from "./index.js";

export function json(results: LintResult[], _context?: FormatterContext): string {
  return JSON.stringify(results);
}

/**
 * The same text as `json`, piece by piece (a message at a time), so a report of a big export is
 * written without first building one string of it (a 1 GB listing gave a 49 MB report, ~100 MB
 * as a JavaScript string, on top of the results). Joined, the pieces are `JSON.stringify(results)`.
 */
export function* jsonChunks(results: LintResult[]): Generator<string> {
  yield "[";
  for (let k = 0; k < results.length; k++) {
    if (k > 0) yield ",";
    yield* objectChunks(results[k] as unknown as Record<string, unknown>);
  }
  yield "]";
}

/** An object as JSON.stringify writes it, with its array-valued `messages`/`suppressedMessages` item by item. */
function* objectChunks(object: Record<string, unknown>): Generator<string> {
  let first = true;
  yield "{";
  for (const [key, value] of Object.entries(object)) {
    // JSON.stringify leaves out what it cannot write: undefined, functions, symbols.
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(value) && (key === "messages" || key === "suppressedMessages")) {
      yield "[";
      for (let i = 0; i < value.length; i++) yield (i > 0 ? "," : "") + (JSON.stringify(value[i]) ?? "null");
      yield "]";
    } else yield JSON.stringify(value);
  }
  yield "}";
}
