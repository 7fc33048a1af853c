// No data loss (DESIGN.md: "nothing is written to any input file"): a copy of fixtures/ is hashed,
// then linted in full (OCR included), with --cache (twice), with --fix on the listings and images
// (listings are never rewritten in place without --fix-output; images and XLSX cannot be fixed),
// and with --fix-dry-run on everything. After each step every file must hash as before and no file
// may have appeared, except the cache file in the --cache steps.
//
// --fix on the whole tree would rightly rewrite reply templates and pages in place, so it is run on
// the listing and image folders only.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LintResult } from "../src/types.js";

// OCR of the fixture images on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const bin = resolve(__dirname, "../bin/offsite-lint.js");
const fixtures = resolve(__dirname, "../fixtures");
const CACHE_FILE = ".offsitelintcache";

let root: string;
let tree: string;
let before: Map<string, string>;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, "-f", "json", "--no-config-lookup", ...args], {
    cwd: tree,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` (dot-files included) → sha256 of its bytes. */
function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else hashes.set(relative(dir, path).split("\\").join("/"), createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return hashes;
}

/** The tree is byte-identical to the copy, with no new file but those `allowed`. */
function expectUnchanged(allowed: readonly string[] = []): void {
  const now = hashTree(tree);
  for (const [path, hash] of before) expect(now.get(path), `${path} changed or vanished`).toBe(hash);
  const added = [...now.keys()].filter((path) => !before.has(path));
  expect(added.sort()).toEqual([...allowed].sort());
}

function results(stdout: string): LintResult[] {
  return JSON.parse(stdout) as LintResult[];
}

function expectNoCrash(stderr: string): void {
  expect(stderr).not.toMatch(/internal error/i);
  expect(stderr).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
}

const cacheAvailable = /--cache\b/.test(spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" }).stdout);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "offsite-no-data-loss-"));
  tree = join(root, "fixtures");
  cpSync(fixtures, tree, { recursive: true });
  before = hashTree(tree);
  expect(before.size).toBeGreaterThan(10);
  expect([...before.keys()].some((path) => path.startsWith("listings/"))).toBe(true);
  expect([...before.keys()].some((path) => path.startsWith("images/"))).toBe(true);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("no data loss", () => {
  it("a full lint (OCR included) leaves every file as it was and adds none", () => {
    const r = run(["."]);
    expectNoCrash(r.stderr);
    expect(r.code).toBe(1); // the fixtures have findings
    const full = results(r.stdout);
    expect(full.length).toBeGreaterThan(10);
    expect(full.every((result) => result.fatalErrorCount === 0)).toBe(true);
    expectUnchanged();
  });

  it.runIf(cacheAvailable)("--cache (a first and a cached run) adds only the cache file, and the cached report is the same", () => {
    const first = run(["--cache", "--no-ocr", "."]);
    expectNoCrash(first.stderr);
    expect(first.code).toBe(1);
    expectUnchanged([CACHE_FILE]);
    const second = run(["--cache", "--no-ocr", "."]);
    expectNoCrash(second.stderr);
    expect(second.code).toBe(1);
    expect(results(second.stdout)).toEqual(results(first.stdout));
    expectUnchanged([CACHE_FILE]);
    rmSync(join(tree, CACHE_FILE));
  });

  it.skipIf(cacheAvailable)("--cache: skipped, this build has no --cache flag", () => {});

  it("--fix without --fix-output on the listings and images rewrites nothing", () => {
    const r = run(["--fix", "--no-ocr", "listings", "images"]);
    expectNoCrash(r.stderr);
    expect(r.code).toBe(1); // the listings still have their findings
    expect(r.stderr).toMatch(/listings are never rewritten in place/);
    const fixed = results(r.stdout);
    expect(fixed.some((result) => result.filePath.endsWith("catalogue.csv") && result.errorCount > 0)).toBe(true);
    expectUnchanged();
  });

  it("--fix-dry-run on the whole tree rewrites nothing, though it has fixes to show", () => {
    const r = run(["--fix-dry-run", "--no-ocr", "."]);
    expectNoCrash(r.stderr);
    expect(results(r.stdout).some((result) => typeof result.output === "string")).toBe(true);
    expectUnchanged();
  });
});
