// Built-in formatters, by name. Each is `(results, context) => string`. The CLI resolves other
// names itself (npm package `offsite-lint-formatter-<name>`, then a file path) and calls the
// formatter it finds with the same context.

import type { LintResult, Locale, RuleMeta } from "../types.js";
import type { PlatformProfile } from "../penalties/types.js";
import { compact, compactChunks } from "./compact.js";
import { github, githubChunks } from "./github.js";
import { html, htmlChunks } from "./html.js";
import { json, jsonChunks } from "./json.js";
import { junit, junitChunks } from "./junit.js";
import { sarif, sarifChunks } from "./sarif.js";
import { stylish, stylishChunks } from "./stylish.js";

export interface FormatterContext {
  /** Paths in text output are shown relative to this. */
  cwd: string;
  locale: Locale;
  /** Emit ANSI colours (the CLI decides: --color / --no-color / TTY). */
  color: boolean;
  /** The penalty profile of the run (already merged with the user's overrides). */
  platform: PlatformProfile;
  /** Metadata of the rules that ran, by rule id. */
  rulesMeta?: Record<string, RuleMeta>;
  /** `--max-penalty`: text formatters say when the run's estimate exceeds it. */
  maxPenalty?: number;
  /** offsite-lint's version (package.json), for reports that name the tool (sarif). */
  version?: string;
}

export type Formatter = (results: LintResult[], context: FormatterContext) => string;

export const builtinFormatters: Readonly<Record<string, Formatter>> = Object.freeze({
  stylish,
  json,
  compact,
  html,
  sarif,
  github,
  junit,
});

/** A built-in formatter, or undefined (the caller then tries packages and paths). */
export function getFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(builtinFormatters, name) ? builtinFormatters[name] : undefined;
}

/** The built-in formatters' reports piece by piece (a message or a row at a time): the CLI writes
 * the pieces as they come, so a big export's report is never one string. */
const piecewise = new Map<Formatter, (results: LintResult[], context: FormatterContext) => Iterable<string>>([
  [json, (results) => jsonChunks(results)],
  [stylish, stylishChunks],
  [compact, compactChunks],
  [github, githubChunks],
  [html, htmlChunks],
  [sarif, sarifChunks],
  [junit, junitChunks],
]);

/** The report of `formatter` as pieces to write in order (one piece for a formatter that has no
 * piecewise form, as a plugin's). */
export function reportPieces(formatter: Formatter, results: LintResult[], context: FormatterContext): Iterable<string> {
  const pieces = piecewise.get(formatter);
  return pieces ? pieces(results, context) : [formatter(results, context)];
}

export function formatterNames(): string[] {
  return Object.keys(builtinFormatters);
}

export { compact, github, html, json, junit, sarif, stylish };
