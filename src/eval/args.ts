// Command-line arguments of `npm run eval`. Pure: argv in, options or a usage error out.

import { parseArgs } from "node:util";
import type { Thresholds } from "./score.js";

export const USAGE = `usage: npm run eval -- <corpus.jsonl> [options]

Writes the labelled corpus out as real files (replies as .txt; listings round-robin over CSV,
JSON and JSONL), runs offsite-lint on them once (--format json --no-config-lookup) and prints
recall per category, precision, the share of clean cases flagged, and how often a message
covers the labelled span.

options:
  --min-recall <r>         fail (exit 1) when overall recall is below r (0..1, or 90%)
  --min-category-recall <r> fail when the recall of any category is below r
  --min-precision <r>      fail when precision is below r
  --max-clean-flagged <r>  fail when the share of clean cases with any message is above r
  --min-located <r>        fail when the share of labelled spans overlapped by a message is below r
  --bin <path>             the linter to run (default: <package>/bin/offsite-lint.js, run with node;
                           a path not ending in .js/.mjs/.cjs is executed directly)
  --keep <dir>             write the files into <dir> (new or empty) and keep them
  --eol <crlf|lf>          CSV row separator (default crlf)
  --json-ascii             write JSON/JSONL with non-ASCII escaped as \\uXXXX (as Python does)
  --json                   print the score as JSON instead of the text report
  -v, --verbose            list misses, false positives and mislocated spans
  -h, --help               this help

exit: 0 all thresholds met, 1 a threshold not met, 2 bad usage or the linter failed to run.
`;

export interface EvalArgs {
  corpus: string;
  thresholds: Thresholds;
  bin?: string;
  keep?: string;
  csvEol: "\r\n" | "\n";
  jsonAscii: boolean;
  json: boolean;
  verbose: boolean;
}

export type ParsedArgs = { kind: "help" } | { kind: "run"; args: EvalArgs } | { kind: "error"; message: string };

function parseShare(flag: string, raw: string): number | string {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/.exec(raw);
  if (!m) return `${flag} needs a number between 0 and 1 (or a percentage), got "${raw}"`;
  const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  if (!(value >= 0 && value <= 1)) return `${flag} must be between 0 and 1 (or 0% and 100%), got "${raw}"`;
  return value;
}

/** `argv` without node and the script: `process.argv.slice(2)`. */
export function parseEvalArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "min-recall": { type: "string" },
        "min-category-recall": { type: "string" },
        "min-precision": { type: "string" },
        "max-clean-flagged": { type: "string" },
        "min-located": { type: "string" },
        bin: { type: "string" },
        keep: { type: "string" },
        eol: { type: "string" },
        "json-ascii": { type: "boolean" },
        json: { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  const v = parsed.values;
  if (v.help) return { kind: "help" };
  if (parsed.positionals.length === 0) return { kind: "error", message: "missing the corpus file" };
  if (parsed.positionals.length > 1) {
    return { kind: "error", message: `one corpus file expected, got ${parsed.positionals.length}: ${parsed.positionals.join(" ")}` };
  }

  const thresholds: Thresholds = {};
  const shares: Array<[keyof Thresholds, string]> = [
    ["minRecall", "min-recall"],
    ["minCategoryRecall", "min-category-recall"],
    ["minPrecision", "min-precision"],
    ["maxCleanFlagged", "max-clean-flagged"],
    ["minLocated", "min-located"],
  ];
  for (const [key, flag] of shares) {
    const raw = v[flag as "min-recall"];
    if (raw === undefined) continue;
    const value = parseShare(`--${flag}`, raw);
    if (typeof value === "string") return { kind: "error", message: value };
    thresholds[key] = value;
  }

  let csvEol: "\r\n" | "\n" = "\r\n";
  if (v.eol !== undefined) {
    const e = v.eol.toLowerCase();
    if (e === "crlf") csvEol = "\r\n";
    else if (e === "lf") csvEol = "\n";
    else return { kind: "error", message: `--eol must be crlf or lf, got "${v.eol}"` };
  }
  if (v.bin === "") return { kind: "error", message: "--bin needs a path" };
  if (v.keep === "") return { kind: "error", message: "--keep needs a directory" };

  return {
    kind: "run",
    args: {
      corpus: parsed.positionals[0]!,
      thresholds,
      bin: v.bin,
      keep: v.keep,
      csvEol,
      jsonAscii: v["json-ascii"] ?? false,
      json: v.json ?? false,
      verbose: v.verbose ?? false,
    },
  };
}
