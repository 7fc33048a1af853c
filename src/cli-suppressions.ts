// The CLI side of bulk suppressions: option checks, reading and writing the suppressions file.
// The logic (keys, apply, prune) is in suppressions.ts; this module is the only one doing I/O
// for it, and only the CLI calls it.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { rawMatchOf, type OffsiteLinter } from "./index.js";
import {
  applySuppressions,
  DEFAULT_SUPPRESSIONS_FILE,
  describeUnused,
  emptySuppressions,
  parseSuppressions,
  pruneSuppressions,
  serializeSuppressions,
  suppressResults,
  type Suppressions,
} from "./suppressions.js";
import type { LintResult } from "./types.js";

export interface BaselineCliOptions {
  /** `--suppressions <file>`. */
  suppressions?: string;
  suppressAll?: boolean;
  /** `--suppress-rule <id>`, repeatable. */
  suppressRule?: string[];
  pruneSuppressions?: boolean;
  passOnUnprunedSuppressions?: boolean;
  stdin?: boolean;
}

/** ESLint's message when entries match nothing any more. */
export const UNUSED_SUPPRESSIONS_MESSAGE = "There are suppressions left that do not occur anymore. Consider re-running the command with `--prune-suppressions`.";

/** A usage problem with the baseline options (exit 2), or undefined. Checked before linting. */
export function baselineUsageProblem(options: BaselineCliOptions, cwd: string, knownRules: ReadonlySet<string>): string | undefined {
  const suppressRule = options.suppressRule ?? [];
  if (options.suppressAll && suppressRule.length > 0) return "The --suppress-all option and the --suppress-rule option cannot be used together.";
  if (options.suppressAll && options.pruneSuppressions) return "The --suppress-all option and the --prune-suppressions option cannot be used together.";
  if (suppressRule.length > 0 && options.pruneSuppressions) return "The --suppress-rule option and the --prune-suppressions option cannot be used together.";
  if (options.stdin && (options.suppressAll || suppressRule.length > 0 || options.pruneSuppressions)) {
    return "The --suppress-all, --suppress-rule, and --prune-suppressions options cannot be used with --stdin.";
  }
  const unknown = suppressRule.filter((id) => !knownRules.has(id));
  if (unknown.length > 0) return `--suppress-rule: unknown rule ${unknown.map((id) => `"${id}"`).join(", ")}. Run \`offsite-lint rules\` to list them.`;
  if (options.suppressions !== undefined && !existsSync(suppressionsPath(options, cwd)) && !options.suppressAll && suppressRule.length === 0) {
    return `The suppressions file ${options.suppressions} does not exist. Please run the command with \`--suppress-all\` or \`--suppress-rule\` to create it.`;
  }
  return undefined;
}

export function suppressionsPath(options: BaselineCliOptions, cwd: string): string {
  return resolve(cwd, options.suppressions ?? DEFAULT_SUPPRESSIONS_FILE);
}

export interface BaselineOutcome {
  results: LintResult[];
  /** Unused entries, one line each (empty when none). */
  unused: string[];
  /** Set when the file was written: what was written, for a note on stderr. */
  wrote?: { path: string; entries: number };
}

/**
 * Records (`--suppress-all`/`--suppress-rule`), prunes (`--prune-suppressions`) and applies the
 * suppressions file, if there is one or one is being written. Throws SuppressionsError on a
 * file that is not a suppressions file (never overwriting it).
 */
export function runBaseline(linter: OffsiteLinter, results: LintResult[], options: BaselineCliOptions, cwd: string): BaselineOutcome {
  const path = suppressionsPath(options, cwd);
  const suppressRule = options.suppressRule ?? [];
  const recording = Boolean(options.suppressAll) || suppressRule.length > 0;
  const exists = existsSync(path);
  if (!exists && !recording) return { results, unused: [] };

  const keyOptions = { cwd, matchOf: rawMatchOf };
  let suppressions: Suppressions = exists ? parseSuppressions(readFileSync(path, "utf8"), options.suppressions ?? DEFAULT_SUPPRESSIONS_FILE) : emptySuppressions();
  let write = false;
  if (recording) {
    suppressions = suppressResults(suppressions, results, { ...keyOptions, rules: options.suppressAll ? undefined : suppressRule });
    write = true;
  }
  const fileExists = (file: string): boolean => existsSync(resolve(cwd, file));
  let applied = applySuppressions(results, suppressions, { ...keyOptions, fileExists });
  if (options.pruneSuppressions && exists) {
    suppressions = pruneSuppressions(suppressions, applied.unused);
    applied = applySuppressions(results, suppressions, { ...keyOptions, fileExists });
    write = true;
  }
  let wrote: BaselineOutcome["wrote"];
  if (write) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, serializeSuppressions(suppressions));
    wrote = { path, entries: countEntries(suppressions) };
  }
  const next = results.map((result, i) => {
    const { messages, suppressed } = applied.files[i]!;
    return suppressed.length === 0 ? result : linter.withMessages(result, messages, suppressed);
  });
  const outcome: BaselineOutcome = { results: next, unused: describeUnused(applied.unused) };
  if (wrote) outcome.wrote = wrote;
  return outcome;
}

function countEntries(suppressions: Suppressions): number {
  let n = 0;
  for (const rules of Object.values(suppressions.files)) for (const keys of Object.values(rules)) for (const { count } of Object.values(keys)) n += count;
  return n;
}
