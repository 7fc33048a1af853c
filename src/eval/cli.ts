// `npm run eval -- <corpus.jsonl> [options]`: the only part of the evaluation that does I/O —
// reads the corpus, writes the layout's files, runs the linter once, prints the score.

import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isMain, packageRoot } from "../paths.js";
import type { LintResult } from "../types.js";
import { parseEvalArgs, USAGE } from "./args.js";
import { CorpusError, parseCorpus } from "./corpus.js";
import { layoutCorpus, type Layout } from "./layout.js";
import { formatReport } from "./report.js";
import { checkThresholds, scoreRun } from "./score.js";

export interface EvalIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIO: EvalIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Writes every file of the layout into `dir`. */
export async function writeLayout(layout: Layout, dir: string): Promise<void> {
  for (const file of layout.files) await writeFile(join(dir, file.name), file.content, "utf8");
}

export interface LinterRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Runs the linter on `dir` with `--format json --no-config-lookup`. */
export function runLinter(bin: string, dir: string): Promise<LinterRun> {
  const args = ["--format", "json", "--no-config-lookup", dir];
  const isScript = /\.[cm]?js$/i.test(bin);
  const command = isScript ? process.execPath : bin;
  const argv = isScript ? [bin, ...args] : args;
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      shell: !isScript && process.platform === "win32",
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        elapsedMs: Date.now() - started,
      }),
    );
  });
}

/** Checks that the linter's output is the `json` format's shape. */
export function parseResults(stdout: string): LintResult[] {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch (error) {
    throw new Error(`the linter's output is not JSON (${(error as Error).message}); it starts with ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  if (!Array.isArray(value)) throw new Error("the linter's output is not a JSON array of results");
  value.forEach((r, i) => {
    if (typeof r !== "object" || r === null || typeof r.filePath !== "string" || !Array.isArray(r.messages)) {
      throw new Error(`result ${i} has no filePath/messages`);
    }
    (r.messages as unknown[]).forEach((m, j) => {
      const msg = m as Record<string, unknown> | null;
      if (typeof msg !== "object" || msg === null || typeof msg.line !== "number" || typeof msg.column !== "number") {
        throw new Error(`result ${i} (${r.filePath}) message ${j} has no numeric line/column`);
      }
    });
  });
  return value as LintResult[];
}

async function prepareDir(keep: string | undefined): Promise<string> {
  if (keep === undefined) return realpathSync(await mkdtemp(join(tmpdir(), "offsite-eval-")));
  const dir = resolve(keep);
  await mkdir(dir, { recursive: true });
  const entries = await readdir(dir);
  if (entries.length > 0) throw new UsageError(`--keep ${keep}: the directory is not empty`);
  return realpathSync(dir);
}

class UsageError extends Error {}

export async function main(argv: readonly string[], io: EvalIO = processIO): Promise<number> {
  const parsed = parseEvalArgs(argv);
  if (parsed.kind === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.kind === "error") {
    io.stderr(`offsite-lint eval: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const args = parsed.args;
  const fail = (message: string): number => {
    io.stderr(`offsite-lint eval: ${message}\n`);
    return 2;
  };

  let corpusText: string;
  try {
    corpusText = await readFile(args.corpus, "utf8");
  } catch (error) {
    return fail(`cannot read ${args.corpus}: ${(error as Error).message}`);
  }
  let corpus;
  try {
    corpus = parseCorpus(corpusText);
  } catch (error) {
    if (error instanceof CorpusError) return fail(`${args.corpus}: ${error.message}`);
    throw error;
  }
  if (corpus.cases.length === 0) return fail(`${args.corpus}: no cases`);
  for (const w of corpus.warnings) io.stderr(`offsite-lint eval: warning: ${w}\n`);

  const bin = args.bin !== undefined ? resolve(args.bin) : join(packageRoot(), "bin", "offsite-lint.js");
  if (!existsSync(bin)) return fail(args.bin !== undefined ? `--bin ${args.bin}: no such file` : `cannot find the linter at ${bin}`);
  if (args.bin === undefined && !existsSync(join(packageRoot(), "dist", "src", "cli.js"))) {
    return fail(`the CLI is not built (no dist/src/cli.js): run npm run build first`);
  }

  const layout = layoutCorpus(corpus.cases, { csvEol: args.csvEol, jsonAscii: args.jsonAscii });

  let dir: string;
  try {
    dir = await prepareDir(args.keep);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    return fail(`cannot create the output folder: ${(error as Error).message}`);
  }

  try {
    await writeLayout(layout, dir);
    let run: LinterRun;
    try {
      run = await runLinter(bin, dir);
    } catch (error) {
      return fail(`cannot run ${bin}: ${(error as Error).message}`);
    }
    if (run.code !== 0 && run.code !== 1) {
      const how = run.signal ? `was killed by ${run.signal}` : `exited with ${run.code}`;
      return fail(`the linter ${how}${run.stderr ? `:\n${run.stderr.trimEnd()}` : ""}`);
    }
    let results: LintResult[];
    try {
      results = parseResults(run.stdout);
    } catch (error) {
      return fail((error as Error).message + (run.stderr ? `\nlinter stderr:\n${run.stderr.trimEnd()}` : ""));
    }

    const score = scoreRun(corpus.cases, layout, results);
    const failures = checkThresholds(score, args.thresholds);
    if (args.json) {
      io.stdout(JSON.stringify({ corpus: args.corpus, elapsedMs: run.elapsedMs, thresholdFailures: failures, ...score }, null, 2) + "\n");
    } else {
      io.stdout(formatReport(score, { verbose: args.verbose, title: args.corpus, elapsedMs: run.elapsedMs }));
      if (args.keep !== undefined) io.stdout(`\nfiles kept in ${dir}\n`);
    }
    if (failures.length > 0) {
      for (const f of failures) io.stderr(`offsite-lint eval: FAIL: ${f}\n`);
      return 1;
    }
    return 0;
  } finally {
    if (args.keep === undefined) await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`offsite-lint eval: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
