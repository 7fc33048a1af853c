// Bulk suppressions (a baseline), as ESLint's `--suppress-all` / `--suppress-rule` /
// `--prune-suppressions`: accept today's errors, fail only on new ones. Pure: the CLI reads and
// writes the file (`offsite-lint-suppressions.json`); this module builds, applies and prunes it.
//
// ESLint counts violations per file and rule. Listings are big files edited row by row, so here
// an entry is finer, and keyed on what stays put when rows are reordered or lines move:
//
//   file (relative to the working directory, forward slashes)
//     └ rule id
//         └ "<scope> <hash>": { "count": n }
//
// scope = `id:<record id>` when the record has an id (SKU, product_id…), else `field:<field name>`
// (a template's `text`, a YAML key path, a CSV column); hash = the first 16 hex digits of the
// SHA-256 of the matched text (trimmed, line breaks as `\n`, NFC). No line numbers, no row
// numbers, no contact values in clear: the file can be committed and reviewed in a diff.
//
// Only errors are suppressed (as ESLint): warnings do not fail a run, and stay visible. A key with
// more errors now than its count is reported in full (as ESLint does for a file and rule), since
// nothing tells the new one from the old ones; fewer errors than the count leave the difference
// unused ("stale"), which `--prune-suppressions` removes.

import { createHash } from "node:crypto";
import { isAbsolute, relative } from "node:path";
import type { LintMessage, LintResult, SuppressedMessage } from "./types.js";

export const SUPPRESSIONS_VERSION = 1;
export const DEFAULT_SUPPRESSIONS_FILE = "offsite-lint-suppressions.json";

/** `{ "count": n }` per key, per rule, per file. */
export type SuppressionCounts = Record<string, Record<string, Record<string, { count: number }>>>;

export interface Suppressions {
  version: typeof SUPPRESSIONS_VERSION;
  files: SuppressionCounts;
}

export class SuppressionsError extends Error {
  override name = "SuppressionsError";
}

export interface SuppressionOptions {
  /** Paths in the file are relative to this. */
  cwd: string;
  /** The matched text of a message (default `message.match`); the CLI passes the unmasked one. */
  matchOf?: (message: LintMessage) => string | undefined;
}

export function emptySuppressions(): Suppressions {
  return { version: SUPPRESSIONS_VERSION, files: {} };
}

/** The file key of a result: relative to `cwd`, forward slashes. */
export function fileKey(filePath: string, cwd: string): string {
  const rel = isAbsolute(filePath) ? relative(cwd, filePath) : filePath;
  return rel.split("\\").join("/");
}

/** The text a suppression hashes: trimmed, CRLF/CR as LF, Unicode NFC. */
export function normalizeMatch(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim().normalize("NFC");
}

export function matchHash(text: string): string {
  return createHash("sha256").update(normalizeMatch(text), "utf8").digest("hex").slice(0, 16);
}

/** `id:<record id>` or `field:<field name>` (or `file` for a message with neither). */
export function scopeOf(message: LintMessage): string {
  if (message.record?.id !== undefined && message.record.id !== "") return `id:${message.record.id}`;
  if (message.field !== undefined) return `field:${message.field}`;
  return "file";
}

/** The key of a message inside its file and rule: `<scope> <hash>`. */
export function messageKey(message: LintMessage, matchOf: SuppressionOptions["matchOf"] = (m) => m.match): string {
  return `${scopeOf(message)} ${matchHash(matchOf(message) ?? message.message)}`;
}

/** Messages a baseline can hold: errors of a rule (not fatal, not directive problems). */
export function isSuppressible(message: LintMessage): message is LintMessage & { ruleId: string } {
  return message.severity === 2 && !message.fatal && typeof message.ruleId === "string";
}

/** Counts of the suppressible messages of one result, by rule then key. */
function countsOf(result: LintResult, options: SuppressionOptions): Map<string, Map<string, number>> {
  const byRule = new Map<string, Map<string, number>>();
  for (const message of result.messages) {
    if (!isSuppressible(message)) continue;
    const keys = byRule.get(message.ruleId) ?? new Map<string, number>();
    const key = messageKey(message, options.matchOf);
    keys.set(key, (keys.get(key) ?? 0) + 1);
    byRule.set(message.ruleId, keys);
  }
  return byRule;
}

/**
 * `--suppress-all` / `--suppress-rule`: the suppressions with every current error of the linted
 * files (of `rules` only, when given) recorded at its current count. Entries of files and keys
 * without errors now are kept as they are (prune them with `pruneSuppressions`).
 */
export function suppressResults(existing: Suppressions, results: readonly LintResult[], options: SuppressionOptions & { rules?: readonly string[] }): Suppressions {
  const files = cloneCounts(existing.files);
  const only = options.rules && options.rules.length > 0 ? new Set(options.rules) : null;
  for (const result of results) {
    const file = fileKey(result.filePath, options.cwd);
    for (const [rule, keys] of countsOf(result, options)) {
      if (only && !only.has(rule)) continue;
      const entries = entriesOf(files, file, rule);
      for (const [key, count] of keys) entries[key] = { count };
    }
  }
  return { version: SUPPRESSIONS_VERSION, files: sortCounts(files) };
}

export interface AppliedSuppressions {
  /** Per result, in order: the messages still reported and those the baseline suppressed. */
  files: Array<{ messages: LintMessage[]; suppressed: SuppressedMessage[] }>;
  /** Entries (or parts of their counts) that matched nothing, in the file's shape. */
  unused: SuppressionCounts;
  /** Total of the unused counts. */
  unusedCount: number;
}

/**
 * Removes from each result the errors the suppressions accept. Unused entries are reported only
 * for files linted in this run (a pre-commit run lints a few files; the rest of the baseline is
 * not stale) and not failing to parse — plus, when `fileExists` is given, every entry of a file
 * that is gone.
 */
export function applySuppressions(
  results: readonly LintResult[],
  suppressions: Suppressions,
  options: SuppressionOptions & { fileExists?: (file: string) => boolean },
): AppliedSuppressions {
  const unused = newCounts();
  let unusedCount = 0;
  const addUnused = (file: string, rule: string, key: string, count: number): void => {
    if (count <= 0) return;
    entriesOf(unused, file, rule)[key] = { count };
    unusedCount += count;
  };
  const linted = new Set<string>();
  const files = results.map((result) => {
    const file = fileKey(result.filePath, options.cwd);
    linted.add(file);
    const accepted = Object.hasOwn(suppressions.files, file) ? suppressions.files[file] : undefined;
    if (!accepted) return { messages: result.messages, suppressed: [] };
    const counts = countsOf(result, options);
    const messages: LintMessage[] = [];
    const suppressed: SuppressedMessage[] = [];
    for (const message of result.messages) {
      if (isSuppressible(message)) {
        const key = messageKey(message, options.matchOf);
        const keys = Object.hasOwn(accepted, message.ruleId) ? accepted[message.ruleId]! : undefined;
        const count = keys && Object.hasOwn(keys, key) ? keys[key]!.count : 0;
        // More errors under a key than it accepts: all are reported (the new one is not knowable).
        if (count > 0 && counts.get(message.ruleId)!.get(key)! <= count) {
          suppressed.push({ ...message, suppressions: [{ kind: "file", justification: "" }] });
          continue;
        }
      }
      messages.push(message);
    }
    if (result.fatalErrorCount === 0) {
      for (const [rule, keys] of Object.entries(accepted)) {
        for (const [key, { count }] of Object.entries(keys)) addUnused(file, rule, key, count - (counts.get(rule)?.get(key) ?? 0));
      }
    }
    return { messages, suppressed };
  });
  if (options.fileExists) {
    for (const [file, rules] of Object.entries(suppressions.files)) {
      if (linted.has(file) || options.fileExists(file)) continue;  // not linted this run, still there
      for (const [rule, keys] of Object.entries(rules)) for (const [key, { count }] of Object.entries(keys)) addUnused(file, rule, key, count);
    }
  }
  return { files, unused: sortCounts(unused), unusedCount };
}

/** `--prune-suppressions`: the suppressions minus what `applySuppressions` found unused. */
export function pruneSuppressions(suppressions: Suppressions, unused: SuppressionCounts): Suppressions {
  const files = cloneCounts(suppressions.files);
  for (const [file, rules] of Object.entries(unused)) {
    for (const [rule, keys] of Object.entries(rules)) {
      for (const [key, { count }] of Object.entries(keys)) {
        const entry = Object.hasOwn(files, file) && Object.hasOwn(files[file]!, rule) && Object.hasOwn(files[file]![rule]!, key) ? files[file]![rule]![key]! : undefined;
        if (!entry) continue;
        entry.count -= count;
        if (entry.count <= 0) delete files[file]![rule]![key];
      }
      if (Object.hasOwn(files, file) && Object.hasOwn(files[file]!, rule) && Object.keys(files[file]![rule]!).length === 0) delete files[file]![rule];
    }
    if (Object.hasOwn(files, file) && Object.keys(files[file]!).length === 0) delete files[file];
  }
  return { version: SUPPRESSIONS_VERSION, files: sortCounts(files) };
}

/** One line per unused entry, for the CLI: `file  rule  scope  (n)`. */
export function describeUnused(unused: SuppressionCounts): string[] {
  const lines: string[] = [];
  for (const [file, rules] of Object.entries(unused)) {
    for (const [rule, keys] of Object.entries(rules)) {
      for (const [key, { count }] of Object.entries(keys)) {
        const scope = key.slice(0, key.lastIndexOf(" "));
        lines.push(`${file}  ${rule}  ${scope}${count > 1 ? `  ×${count}` : ""}`);
      }
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------
// The file: stable, sorted, one entry per line.

/** The file's text: keys sorted at every level (code-unit order), one entry per line, final newline. */
export function serializeSuppressions(suppressions: Suppressions): string {
  const files = sortCounts(suppressions.files);
  const q = (s: string): string => JSON.stringify(s);
  const fileBlocks = Object.entries(files).map(([file, rules]) => {
    const ruleBlocks = Object.entries(rules).map(([rule, keys]) => {
      const entries = Object.entries(keys).map(([key, { count }]) => `        ${q(key)}: { "count": ${count} }`);
      return `      ${q(rule)}: {\n${entries.join(",\n")}\n      }`;
    });
    return `    ${q(file)}: {\n${ruleBlocks.join(",\n")}\n    }`;
  });
  const body = fileBlocks.length > 0 ? `{\n${fileBlocks.join(",\n")}\n  }` : "{}";
  return `{\n  "version": ${SUPPRESSIONS_VERSION},\n  "files": ${body}\n}\n`;
}

/** Reads the file's text; throws SuppressionsError (naming `source`) when it is not a suppressions file. */
export function parseSuppressions(text: string, source = DEFAULT_SUPPRESSIONS_FILE): Suppressions {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new SuppressionsError(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (where: string, what: string): never => {
    throw new SuppressionsError(`${source}: ${where} ${what}`);
  };
  if (!isObject(data)) return fail("the file", "must hold an object with \"version\" and \"files\"");
  if (data.version !== SUPPRESSIONS_VERSION) fail("\"version\"", `must be ${SUPPRESSIONS_VERSION}, got ${JSON.stringify(data.version)}`);
  const rawFiles = data.files ?? {};
  if (!isObject(rawFiles)) return fail("\"files\"", "must be an object");
  const files = newCounts();
  for (const [file, rules] of Object.entries(rawFiles)) {
    if (!isObject(rules)) return fail(`files[${JSON.stringify(file)}]`, "must be an object of rules");
    for (const [rule, keys] of Object.entries(rules)) {
      if (!isObject(keys)) return fail(`files[${JSON.stringify(file)}][${JSON.stringify(rule)}]`, "must be an object of entries");
      for (const [key, entry] of Object.entries(keys)) {
        const count = isObject(entry) ? entry.count : undefined;
        if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
          return fail(`files[${JSON.stringify(file)}][${JSON.stringify(rule)}][${JSON.stringify(key)}]`, 'must be { "count": <positive integer> }');
        }
        entriesOf(files, file, rule)[key] = { count };
      }
    }
  }
  return { version: SUPPRESSIONS_VERSION, files: sortCounts(files) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The entries of `file` and `rule`, created when missing. Objects without a prototype, so a key
 * such as `__proto__` in a hand-edited file stays a plain key.
 */
function entriesOf(files: SuppressionCounts, file: string, rule: string): Record<string, { count: number }> {
  const rules = Object.hasOwn(files, file) ? files[file]! : (files[file] = Object.create(null) as SuppressionCounts[string]);
  return Object.hasOwn(rules, rule) ? rules[rule]! : (rules[rule] = Object.create(null) as Record<string, { count: number }>);
}

const newCounts = (): SuppressionCounts => Object.create(null) as SuppressionCounts;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cloneCounts(files: SuppressionCounts): SuppressionCounts {
  const out = newCounts();
  for (const [file, rules] of Object.entries(files)) {
    for (const [rule, keys] of Object.entries(rules)) {
      for (const [key, { count }] of Object.entries(keys)) entriesOf(out, file, rule)[key] = { count };
    }
  }
  return out;
}

/** Sorted at every level, empty levels dropped. */
function sortCounts(files: SuppressionCounts): SuppressionCounts {
  const out = newCounts();
  for (const file of Object.keys(files).sort(byCodeUnit)) {
    for (const rule of Object.keys(files[file]!).sort(byCodeUnit)) {
      for (const key of Object.keys(files[file]![rule]!).sort(byCodeUnit)) {
        const { count } = files[file]![rule]![key]!;
        if (count > 0) entriesOf(out, file, rule)[key] = { count };
      }
    }
  }
  return out;
}
