// `--fix`, `--fix-dry-run` and `--fix-output <dir>` for the CLI: which files are fixed, where the
// fixed bytes go, and the notes about files that are not rewritten.
//
// - Reply templates and pages (.txt .md .yaml .yml .html .htm) are rewritten in place by `--fix`,
//   or written under `--fix-output`.
// - Listings (.csv .tsv .json .jsonl .ndjson) are never rewritten in place: they are fixed only
//   with `--fix-output <dir>`, which gets a cleaned copy at the same relative path.
// - XLSX workbooks and images cannot be fixed; they are linted as usual.
// - `--fix-dry-run` computes the same fixes and puts the fixed text in the result's `output` (as
//   ESLint) without writing anything.

import { extname, isAbsolute, parse, relative, resolve } from "node:path";
import { writeFileAtomic } from "./fix.js";
import { fixModeOf, type OffsiteLinter } from "./index.js";
import type { LintResult } from "./types.js";

export interface FixCliOptions {
  fix?: boolean;
  fixDryRun?: boolean;
  fixOutput?: string;
  stdin?: boolean;
}

/** What is wrong with the fix flags together, as ESLint words it, or undefined. */
export function fixUsageProblem(options: FixCliOptions): string | undefined {
  if (options.fix && options.fixDryRun) return "The --fix option and the --fix-dry-run option cannot be used together.";
  if (options.fix && options.stdin) return "The --fix option is not supported with --stdin; use --fix-dry-run to get the fixed text in the report.";
  if (options.fixOutput !== undefined && !options.fix && !options.fixDryRun) return "The --fix-output option needs --fix (or --fix-dry-run).";
  return undefined;
}

/** Fixes files one by one for the CLI and keeps the notes it prints at the end. */
export class FixRun {
  private readonly listingsLeft: string[] = [];
  private readonly unsupported: string[] = [];
  private readonly notes: string[] = [];

  constructor(
    private readonly linter: OffsiteLinter,
    private readonly options: FixCliOptions,
    private readonly io: { cwd: string; stderr: (text: string) => void },
  ) {}

  /** Whether fixes are asked for at all. */
  get active(): boolean {
    return Boolean(this.options.fix || this.options.fixDryRun);
  }

  private get write(): boolean {
    return Boolean(this.options.fix);
  }

  /** Lints `file`, fixing (and writing) it when its format and the flags allow. */
  async file(file: string): Promise<LintResult> {
    if (!this.active) return this.linter.lintFile(file);
    const absolute = resolve(this.io.cwd, file);
    const mode = fixModeOf(absolute);
    if (!mode) {
      if (extname(absolute).toLowerCase() === ".xlsx") this.unsupported.push(this.display(absolute));
      return this.linter.lintFile(file);
    }
    if (mode === "copy" && this.options.fixOutput === undefined) {
      this.listingsLeft.push(this.display(absolute));
      return this.linter.lintFile(file);
    }
    const outcome = await this.linter.fixFile(absolute);
    if (outcome.skipped) this.notes.push(`${this.display(absolute)}: ${outcome.skipped}`);
    if (outcome.bytes && this.write) {
      const target = this.options.fixOutput === undefined ? absolute : this.copyTarget(absolute);
      if (target === absolute && mode === "copy") {
        // --fix-output pointing at the listing's own folder: never overwrite the export itself.
        this.notes.push(`${this.display(absolute)}: not written: the cleaned copy would replace the listing itself; choose another --fix-output folder`);
      } else {
        writeFileAtomic(target, outcome.bytes);
        if (target !== absolute) this.io.stderr(`offsite-lint: wrote fixed copy ${this.display(target)}\n`);
      }
    }
    return outcome.result;
  }

  /** Standard input: fixes go to the report's `output` only (`--fix-dry-run`). */
  async stdin(bytes: Buffer, filename: string): Promise<LintResult> {
    if (!this.active) return this.linter.lintText(bytes, filename);
    const outcome = await this.linter.fixText(bytes, filename);
    if (outcome.skipped) this.notes.push(`${filename}: ${outcome.skipped}`);
    return outcome.result;
  }

  /** Prints what was not fixed, and why. */
  finish(): void {
    if (!this.active) return;
    if (this.listingsLeft.length > 0) {
      this.io.stderr(
        `offsite-lint: listings are never rewritten in place; ${this.listingsLeft.length} listing file(s) left unchanged (${list(this.listingsLeft)}). ` +
          "Pass --fix-output <dir> to write cleaned copies.\n",
      );
    }
    if (this.unsupported.length > 0) {
      this.io.stderr(`offsite-lint: XLSX workbooks cannot be fixed; ${this.unsupported.length} left unchanged (${list(this.unsupported)}).\n`);
    }
    for (const note of this.notes) this.io.stderr(`offsite-lint: ${note}\n`);
  }

  /** `--fix-output <dir>` + the file's path relative to the working folder (or its absolute path without the root). */
  copyTarget(absolute: string): string {
    let rel = relative(this.io.cwd, absolute);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) rel = absolute.slice(parse(absolute).root.length);
    return resolve(this.io.cwd, this.options.fixOutput!, rel);
  }

  private display(absolute: string): string {
    const rel = relative(this.io.cwd, absolute);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : absolute;
  }
}

function list(paths: string[]): string {
  return paths.length <= 5 ? paths.join(", ") : `${paths.slice(0, 5).join(", ")}, …`;
}
