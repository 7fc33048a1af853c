// `npm run bench`: the throughput and detection benchmark anyone can rerun.
//
// 1. Generates a listing export deterministically (./generate.ts): CSV and the same rows as JSONL,
//    with the ground truth beside them, in a new directory under the OS temp dir.
// 2. Runs, alternating, offsite-lint (`--no-config-lookup -f json -o <tmp> <file>`, default
//    settings otherwise) and the naive reference scanner (./naive-scan.ts) on both files, N times
//    each; the order is reversed on every other round so drift (thermal, cache, other load) hits
//    every job alike. Each child's wall time → MB/s (1 MB = 10^6 bytes of input; node start-up is
//    included), and its peak RSS (`/usr/bin/time -f %M` when it works, else a `--import` hook that
//    reports `process.resourceUsage().maxRSS` at exit).
// 3. Scores both tools' flagged rows against the ground truth (row-level recall and precision; for
//    offsite-lint a row is flagged when it has at least one message, error or warning, keyed by
//    `record.id`, else `record.index`).
// 4. Prints a table (tool × format: MB/s, peak RSS, recall, precision), the throughput ratio
//    offsite-lint ÷ naive, recall per category, and writes a JSON summary with --json.
// The generated files are removed at the end unless --keep <dir>.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { cpus, loadavg, platform, release } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_GENERATE, makeTempDir, rowId, writeBenchFiles, type GeneratedFiles, type TruthFile } from "./generate.js";
import { parseConcurrency } from "../workers/pool.js";
import { isMain } from "../paths.js";
import { CATEGORY_ORDER, scoreRows, type RowScore, type Share } from "./score.js";

const here = dirname(fileURLToPath(import.meta.url));
/** dist/src/bench → the package root. */
const packageRoot = resolve(here, "../../..");

export const USAGE = `usage: npm run bench -- [options]

Generates a listing export (CSV and JSONL, about 600 bytes a row, about 3% of rows with a
violation, ground truth beside it) in a temp dir, then measures offsite-lint and a naive
single-regex scanner on both files, alternating, and prints MB/s, peak RSS, and row-level recall
and precision against the ground truth.

options:
  --rows <n>        rows to generate (default ${DEFAULT_GENERATE.rows}, about 60 MB of CSV)
  --runs <n>        timed runs of each tool on each file; medians are reported (default 3)
  --seed <s>        generator seed (default "${DEFAULT_GENERATE.seed}")
  --formats <list>  csv,jsonl (default both)
  --tools <list>    offsite-lint,naive (default both)
  --bin <path>      the linter (default <package>/bin/offsite-lint.js, run with node; a path not
                    ending in .js/.mjs/.cjs is executed directly)
  --keep <dir>      generate into <dir> and keep the data, the reports and the truth file
  --rss <how>       peak RSS via "time" (/usr/bin/time -f %M), "hook" (node --import), "none", or
                    "auto" (default: time when it works, else hook)
  --concurrency <c> run offsite-lint with --concurrency <c> (a thread count, auto or off)
  --json <file>     also write the summary as JSON to <file> ("-" for stdout, then no table)
  -v, --verbose     recall per violation family, missed rows and false-positive rows
  -h, --help        this help

Quick run: npm run bench -- --rows 20000 --runs 1
`;

type Tool = "offsite-lint" | "naive";
type Format = "csv" | "jsonl";

export interface BenchArgs {
  rows: number;
  runs: number;
  seed: string;
  formats: Format[];
  tools: Tool[];
  bin?: string;
  keep?: string;
  rss: "auto" | "time" | "hook" | "none";
  json?: string;
  /** Passed to offsite-lint as `--concurrency` (default: none, the CLI's default). */
  concurrency?: string;
  verbose: boolean;
}

export type ParsedBenchArgs = { kind: "help" } | { kind: "run"; args: BenchArgs } | { kind: "error"; message: string };

function list<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T[] | string {
  if (raw === undefined) return [...allowed];
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length || !items.length) return `${flag} takes a comma-separated list of ${allowed.join(", ")}; got "${raw}"`;
  return [...new Set(items)] as T[];
}

export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  let v;
  try {
    ({ values: v } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        rows: { type: "string" },
        runs: { type: "string" },
        seed: { type: "string" },
        formats: { type: "string" },
        tools: { type: "string" },
        bin: { type: "string" },
        keep: { type: "string" },
        rss: { type: "string" },
        json: { type: "string" },
        concurrency: { type: "string" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { kind: "error", message: (error as Error).message };
  }
  if (v.help) return { kind: "help" };
  const rows = v.rows === undefined ? DEFAULT_GENERATE.rows : Number(v.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 999_999) return { kind: "error", message: `--rows must be an integer from 1 to 999999, got "${v.rows}"` };
  const runs = v.runs === undefined ? 3 : Number(v.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) return { kind: "error", message: `--runs must be an integer from 1 to 50, got "${v.runs}"` };
  const formats = list<Format>("--formats", v.formats, ["csv", "jsonl"]);
  if (typeof formats === "string") return { kind: "error", message: formats };
  const tools = list<Tool>("--tools", v.tools, ["offsite-lint", "naive"]);
  if (typeof tools === "string") return { kind: "error", message: tools };
  const rss = (v.rss ?? "auto") as BenchArgs["rss"];
  if (v.concurrency !== undefined && parseConcurrency(v.concurrency) === undefined) {
    return { kind: "error", message: `--concurrency must be a number of threads, auto or off, got "${v.concurrency}"` };
  }
  if (!["auto", "time", "hook", "none"].includes(rss)) return { kind: "error", message: `--rss must be auto, time, hook or none, got "${v.rss}"` };
  return {
    kind: "run",
    args: {
      rows,
      runs,
      seed: v.seed ?? DEFAULT_GENERATE.seed,
      formats,
      tools,
      ...(v.bin !== undefined ? { bin: v.bin } : {}),
      ...(v.keep !== undefined ? { keep: v.keep } : {}),
      rss,
      ...(v.json !== undefined ? { json: v.json } : {}),
      ...(v.concurrency !== undefined ? { concurrency: v.concurrency } : {}),
      verbose: v.verbose ?? false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring one child

interface Sample {
  wallMs: number;
  /** Peak RSS in KiB, when measured. */
  rssKiB: number | null;
  code: number | null;
  signal: string | null;
}

const TIME_BIN = "/usr/bin/time";

/** Does `/usr/bin/time -f %M -o <file>` work here (GNU time)? */
function timeWorks(dir: string): boolean {
  if (!existsSync(TIME_BIN)) return false;
  const probe = join(dir, "rss-probe.txt");
  const r = spawnSync(TIME_BIN, ["-f", "%M", "-o", probe, process.execPath, "-e", "0"], { stdio: "ignore" });
  const ok = r.status === 0 && existsSync(probe) && parseRss(readFileSync(probe, "utf8")) !== null;
  rmSync(probe, { force: true });
  return ok;
}

/** The last line that is a number: GNU time writes "Command exited with non-zero status 1" first. */
function parseRss(text: string): number | null {
  const lines = text.trim().split(/\r?\n/).reverse();
  for (const line of lines) if (/^\d+$/.test(line.trim())) return Number(line.trim());
  return null;
}

let current: ReturnType<typeof spawn> | undefined;

function runChild(command: string, args: string[], options: { rss: "time" | "hook" | "none"; stdout: string; stderr: string; cwd: string; rssFile: string }): Promise<Sample> {
  let cmd = command;
  let argv = args;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  rmSync(options.rssFile, { force: true });
  if (options.rss === "time") {
    cmd = TIME_BIN;
    argv = ["-f", "%M", "-o", options.rssFile, command, ...args];
  } else if (options.rss === "hook" && command === process.execPath) {
    argv = ["--import", pathToFileURL(join(here, "rss-hook.js")).href, ...args];
    env.OFFSITE_BENCH_RSS_FILE = options.rssFile;
  }
  const out = openSync(options.stdout, "w");
  const err = openSync(options.stderr, "w");
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: options.cwd, env, stdio: ["ignore", out, err] });
    current = child;
    child.on("error", (error) => {
      current = undefined;
      closeSync(out);
      closeSync(err);
      reject(error);
    });
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      current = undefined;
      closeSync(out);
      closeSync(err);
      const rssKiB = options.rss !== "none" && existsSync(options.rssFile) ? parseRss(readFileSync(options.rssFile, "utf8")) : null;
      resolvePromise({ wallMs, rssKiB, code, signal });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading the tools' output

interface LintMessage {
  ruleId?: string | null;
  category?: string;
  fatal?: boolean;
  message?: string;
  record?: { index?: number; id?: string };
}

interface Flagged {
  rows: Map<string, Set<string>>;
  messages: number;
  fatal: string[];
  withoutRecord: number;
}

function readLintReport(path: string): Flagged {
  const results = JSON.parse(readFileSync(path, "utf8")) as Array<{ filePath: string; messages: LintMessage[] }>;
  const rows = new Map<string, Set<string>>();
  let messages = 0;
  let withoutRecord = 0;
  const fatal: string[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      messages++;
      if (m.fatal) {
        fatal.push(`${result.filePath}: ${m.message ?? "fatal error"}`);
        continue;
      }
      const key = m.record?.id ?? (typeof m.record?.index === "number" ? rowId(m.record.index) : undefined);
      if (key === undefined) {
        withoutRecord++;
        continue;
      }
      let set = rows.get(key);
      if (!set) rows.set(key, (set = new Set()));
      if (m.category) set.add(m.category);
    }
  }
  return { rows, messages, fatal, withoutRecord };
}

function readNaiveKeys(path: string): Flagged {
  const rows = new Map<string, Set<string>>();
  for (const line of readFileSync(path, "utf8").split("\n")) if (line) rows.set(line, new Set());
  return { rows, messages: rows.size, fatal: [], withoutRecord: 0 };
}

// ---------------------------------------------------------------------------------------------
// Summary

export interface JobSummary {
  tool: Tool;
  format: Format;
  file: string;
  bytes: number;
  wallMs: number[];
  medianWallMs: number;
  mbPerSec: number;
  peakRssMiB: Array<number | null>;
  medianPeakRssMiB: number | null;
  exitCodes: Array<number | null>;
  messages: number;
  fatal: string[];
  score: RowScore;
}

export interface BenchSummary {
  generatedAt: string;
  node: string;
  platform: string;
  cpus: { count: number; model: string };
  /** 1-minute load average when the timed runs started and ended (0 on Windows): other load skews MB/s. */
  load: { start: number; end: number };
  seed: string;
  rows: number;
  violating: number;
  runs: number;
  rssMethod: string;
  files: Record<Format, { bytes: number; bytesPerRow: number }>;
  generateMs: number;
  jobs: JobSummary[];
  /** offsite-lint MB/s ÷ naive MB/s, per format. */
  ratio: Partial<Record<Format, number>>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function pct(s: Share | undefined): string {
  return !s || s.value === null ? "n/a" : `${(s.value * 100).toFixed(1)}%`;
}

function table(rows: string[][], right: (col: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function fmtRate(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export function formatSummary(s: BenchSummary, verbose: boolean): string {
  const out: string[] = [];
  out.push(
    `offsite-lint bench: ${s.rows} rows (${s.violating} with a violation), seed "${s.seed}", median of ${s.runs} run(s)`,
    `${s.node} on ${s.platform}, ${s.cpus.count} × ${s.cpus.model}, load ${s.load.start.toFixed(1)} → ${s.load.end.toFixed(1)}; peak RSS via ${s.rssMethod}`,
    `files: ` +
      (Object.entries(s.files) as Array<[Format, { bytes: number; bytesPerRow: number }]>)
        .map(([f, x]) => `${f} ${(x.bytes / 1e6).toFixed(1)} MB (${x.bytesPerRow.toFixed(0)} B/row)`)
        .join(", ") +
      ` — generated in ${(s.generateMs / 1000).toFixed(1)} s`,
    "",
  );
  const rows: string[][] = [["tool", "format", "MB/s", "wall s", "peak RSS MiB", "rows flagged", "recall", "precision", "clean rows flagged"]];
  for (const j of s.jobs) {
    rows.push([
      j.tool,
      j.format,
      fmtRate(j.mbPerSec),
      (j.medianWallMs / 1000).toFixed(2),
      j.medianPeakRssMiB === null ? "n/a" : j.medianPeakRssMiB.toFixed(0),
      String(j.score.flagged),
      `${pct(j.score.recall)}`,
      `${pct(j.score.precision)}`,
      `${pct(j.score.cleanFlagged)}`,
    ]);
  }
  out.push(table(rows, (c) => c >= 2));
  out.push("");
  for (const [format, r] of Object.entries(s.ratio)) {
    out.push(`throughput ratio offsite-lint ÷ naive (${format}): ${r.toPrecision(3)} (naive is ${(1 / r).toFixed(0)}× faster)`);
  }
  const problems = s.jobs.filter((j) => j.fatal.length || j.exitCodes.some((c) => c === null || c > 1));
  for (const j of problems) {
    out.push(`warning: ${j.tool} on ${j.format}: exit codes ${j.exitCodes.join(", ")}${j.fatal.length ? `; fatal: ${j.fatal.slice(0, 3).join("; ")}` : ""}`);
  }

  // Recall per truth category: "any" = the row is flagged; "same" = a message of that category.
  const cats = CATEGORY_ORDER.filter((c) => s.jobs.some((j) => j.score.perCategory[c]));
  if (cats.length && s.jobs.length) {
    out.push("", "row recall per category (offsite-lint: any message / a message of that category)");
    const head = ["category", "rows", ...s.jobs.map((j) => `${j.tool === "naive" ? "naive" : "lint"} ${j.format}`)];
    const crow: string[][] = [head];
    for (const c of cats) {
      const first = s.jobs[0]!.score.perCategory[c];
      crow.push([
        c,
        String(first?.total ?? 0),
        ...s.jobs.map((j) => {
          const any = pct(j.score.perCategory[c]);
          const exact = j.score.perCategoryExact?.[c];
          return exact ? `${any} / ${pct(exact)}` : any;
        }),
      ]);
    }
    out.push(table(crow, (col) => col >= 1));
  }
  if (verbose) {
    const families = [...new Set(s.jobs.flatMap((j) => Object.keys(j.score.perFamily)))].sort();
    out.push("", "row recall per violation family");
    const frows: string[][] = [["family", "rows", ...s.jobs.map((j) => `${j.tool === "naive" ? "naive" : "lint"} ${j.format}`)]];
    for (const f of families) {
      frows.push([f, String(s.jobs[0]!.score.perFamily[f]?.total ?? 0), ...s.jobs.map((j) => pct(j.score.perFamily[f]))]);
    }
    out.push(table(frows, (col) => col >= 1));
    for (const j of s.jobs.filter((x) => x.tool === "offsite-lint")) {
      out.push("", `offsite-lint ${j.format}: missed rows (first ${Math.min(15, j.score.missedExamples.length)} of ${j.score.falseNegatives})`);
      for (const m of j.score.missedExamples.slice(0, 15)) out.push(`  ${m.id}: ${m.texts.map((t) => JSON.stringify(t)).join(" + ")}`);
      out.push(`offsite-lint ${j.format}: clean rows flagged (first ${Math.min(20, j.score.falsePositiveExamples.length)} of ${j.score.falsePositives}): ${j.score.falsePositiveExamples.join(", ")}`);
    }
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------

function log(text: string): void {
  process.stderr.write(text + "\n");
}

function linterCommand(bin: string | undefined): { command: string; prefix: string[] } {
  const path = resolve(bin ?? join(packageRoot, "bin", "offsite-lint.js"));
  return /\.(c|m)?js$/.test(path) ? { command: process.execPath, prefix: [path] } : { command: path, prefix: [] };
}

export async function runBench(args: BenchArgs): Promise<BenchSummary> {
  const dir = args.keep ? resolve(args.keep) : makeTempDir();
  if (args.keep) {
    mkdirSync(dir, { recursive: true });
    const stale = readdirSync(dir).filter((f) => !/^listings\.|^out-|^rss-/.test(f));
    if (stale.length) log(`note: ${dir} already holds other files (${stale.slice(0, 3).join(", ")}…); they are left alone`);
  }
  const cleanup = () => {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (current?.pid) current.kill("SIGTERM");
    cleanup();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    log(`generating ${args.rows} rows (seed "${args.seed}") in ${dir} …`);
    const t0 = process.hrtime.bigint();
    const files: GeneratedFiles = writeBenchFiles(dir, { rows: args.rows, seed: args.seed });
    const generateMs = Number(process.hrtime.bigint() - t0) / 1e6;
    log(`  listings.csv ${(files.csvBytes / 1e6).toFixed(1)} MB, listings.jsonl ${(files.jsonlBytes / 1e6).toFixed(1)} MB, ${files.violating} violating rows (${(generateMs / 1000).toFixed(1)} s)`);
    const truth = JSON.parse(readFileSync(files.truth, "utf8")) as TruthFile;

    let rssMethod: "time" | "hook" | "none" = "none";
    if (args.rss === "auto") rssMethod = timeWorks(dir) ? "time" : "hook";
    else if (args.rss === "time") {
      if (!timeWorks(dir)) throw new Error(`--rss time: ${TIME_BIN} -f %M does not work here`);
      rssMethod = "time";
    } else rssMethod = args.rss;

    const linter = linterCommand(args.bin);
    const naiveScript = join(here, "naive-scan.js");
    interface Job {
      tool: Tool;
      format: Format;
      file: string;
      bytes: number;
      samples: Sample[];
      flagged?: Flagged;
    }
    const jobs: Job[] = [];
    for (const format of args.formats) {
      for (const tool of args.tools) {
        const file = format === "csv" ? files.csv : files.jsonl;
        jobs.push({ tool, format, file, bytes: format === "csv" ? files.csvBytes : files.jsonlBytes, samples: [] });
      }
    }

    const loadStart = loadavg()[0]!;
    for (let run = 0; run < args.runs; run++) {
      const order = run % 2 === 0 ? jobs : [...jobs].reverse();
      for (const job of order) {
        const tag = `${job.tool}-${job.format}`;
        const report = join(dir, `out-${tag}.${job.tool === "naive" ? "txt" : "json"}`);
        const stdout = job.tool === "naive" ? report : join(dir, `out-${tag}.stdout`);
        const stderr = join(dir, `out-${tag}.stderr`);
        const [command, argv] =
          job.tool === "naive"
            ? [process.execPath, [naiveScript, job.file]]
            : [linter.command, [...linter.prefix, "--no-config-lookup", ...(args.concurrency ? ["--concurrency", args.concurrency] : []), "-f", "json", "-o", report, job.file]];
        process.stderr.write(`run ${run + 1}/${args.runs}: ${job.tool} ${job.format} … `);
        rmSync(report, { force: true });
        const sample = await runChild(command, argv, { rss: rssMethod, stdout, stderr, cwd: dir, rssFile: join(dir, `rss-${tag}.txt`) });
        job.samples.push(sample);
        const mbps = job.bytes / 1e6 / (sample.wallMs / 1000);
        log(`${(sample.wallMs / 1000).toFixed(2)} s, ${fmtRate(mbps)} MB/s, peak RSS ${sample.rssKiB === null ? "n/a" : `${(sample.rssKiB / 1024).toFixed(0)} MiB`}, exit ${sample.code ?? sample.signal}`);
        const failed = job.tool === "naive" ? sample.code !== 0 : sample.code === null || sample.code > 1 || !existsSync(report);
        if (failed) {
          const tail = existsSync(stderr) ? readFileSync(stderr, "utf8").trim().split("\n").slice(-8).join("\n") : "";
          throw new Error(`${job.tool} failed on ${job.file} (exit ${sample.code ?? sample.signal})${tail ? `:\n${tail}` : ""}`);
        }
        if (!job.flagged) job.flagged = job.tool === "naive" ? readNaiveKeys(report) : readLintReport(report);
      }
    }

    const summaries: JobSummary[] = jobs.map((job) => {
      const wallMs = job.samples.map((s) => s.wallMs);
      const rss = job.samples.map((s) => (s.rssKiB === null ? null : s.rssKiB / 1024));
      const rssKnown = rss.filter((x): x is number => x !== null);
      const medianWallMs = median(wallMs);
      const flagged = job.flagged!;
      return {
        tool: job.tool,
        format: job.format,
        file: job.file,
        bytes: job.bytes,
        wallMs,
        medianWallMs,
        mbPerSec: job.bytes / 1e6 / (medianWallMs / 1000),
        peakRssMiB: rss,
        medianPeakRssMiB: rssKnown.length ? median(rssKnown) : null,
        exitCodes: job.samples.map((s) => s.code),
        messages: flagged.messages,
        fatal: flagged.fatal,
        score: scoreRows(truth.rows, truth.violations, flagged.rows, job.tool === "offsite-lint"),
      };
    });
    const ratio: Partial<Record<Format, number>> = {};
    for (const format of args.formats) {
      const lint = summaries.find((j) => j.tool === "offsite-lint" && j.format === format);
      const naive = summaries.find((j) => j.tool === "naive" && j.format === format);
      if (lint && naive) ratio[format] = lint.mbPerSec / naive.mbPerSec;
    }
    const cpu = cpus();
    const fileInfo = {} as Record<Format, { bytes: number; bytesPerRow: number }>;
    for (const format of args.formats) {
      const bytes = format === "csv" ? files.csvBytes : files.jsonlBytes;
      fileInfo[format] = { bytes, bytesPerRow: bytes / files.rows };
    }
    if (args.keep) log(`kept: ${dir} (listings.csv, listings.jsonl, listings.truth.json, out-* reports)`);
    return {
      generatedAt: new Date().toISOString(),
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: { count: cpu.length, model: cpu[0]?.model.trim() ?? "unknown" },
      load: { start: loadStart, end: loadavg()[0]! },
      seed: args.seed,
      rows: files.rows,
      violating: files.violating,
      runs: args.runs,
      rssMethod: rssMethod === "time" ? `${TIME_BIN} -f %M` : rssMethod === "hook" ? "process.resourceUsage().maxRSS (--import hook)" : "not measured",
      files: fileInfo,
      generateMs,
      jobs: summaries,
      ratio,
    };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    cleanup();
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseBenchArgs(argv);
  if (parsed.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === "error") {
    process.stderr.write(`bench: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { args } = parsed;
  const summary = await runBench(args);
  if (args.json !== undefined) {
    const text = JSON.stringify(summary, null, 2) + "\n";
    if (args.json === "-") process.stdout.write(text);
    else writeFileSync(args.json, text);
  }
  if (args.json !== "-") process.stdout.write("\n" + formatSummary(summary, args.verbose));
  return 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`\nbench: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
