// The pre-commit hook as pre-commit runs it: the `entry` of .pre-commit-hooks.yaml with the staged
// paths appended literally (brackets and spaces included), filtered by the hook's `files` regex,
// possibly in several batches. Exit codes decide whether the commit goes through.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";

vi.setConfig({ testTimeout: 30_000 });

const root = resolve(__dirname, "..");
const bin = join(root, "bin/offsite-lint.js");
interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  require_serial: boolean;
}
const hooks = parse(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const hook = hooks[0]!;
// pre-commit uses Python regexes; `(?i:…)` is Python's case-insensitive group.
const filesRegex = new RegExp(hook.files.replace("(?i:", "(?:"), "i");

let repo: string;

/** Runs the hook on `staged` as pre-commit does: filter by `files`, append the paths to `entry`. */
function runHook(staged: string[]) {
  const [command, ...entryArgs] = hook.entry.split(/\s+/);
  expect(command).toBe("offsite-lint");
  const paths = staged.filter((p) => filesRegex.test(p));
  if (paths.length === 0) return { code: 0, stdout: "", stderr: "", paths };
  const r = spawnSync(process.execPath, [bin, ...entryArgs, ...paths], { cwd: repo, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, paths };
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "offsite-precommit-"));
  writeFileSync(join(repo, "welcome.txt"), "Thanks for your inquiry, we reply within 24 hours here.\n");
  writeFileSync(join(repo, "[draft] 回复 模板.txt"), "加我微信 teapot_amy88 聊价格\n");
  writeFileSync(join(repo, "notes.md"), "Internal: WhatsApp +86 139 2211 4455\n");
  writeFileSync(join(repo, ".offsitelintignore"), "notes.md\n");
  writeFileSync(join(repo, "build.py"), "print('hello')\n");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe(".pre-commit-hooks.yaml", () => {
  it("declares a node hook with offsite-lint as entry, literal paths and a files filter", () => {
    expect(hook).toMatchObject({ id: "offsite-lint", language: "node", require_serial: false });
    expect(hook.entry).toMatch(/^offsite-lint .*--no-glob/);
    expect(hook.entry).toContain("--no-warn-ignored");
    for (const p of ["a.csv", "B.JSONL", "t.md", "lib.yaml", "sheet.xlsx", "page.htm", "photo.JPG", "x.webp"]) expect(filesRegex.test(p), p).toBe(true);
    for (const p of ["build.py", "README", "a.csv.bak"]) expect(filesRegex.test(p), p).toBe(false);
  });

  it("passes a clean staged file (exit 0, nothing printed)", () => {
    const r = runHook(["welcome.txt", "build.py"]);
    expect(r.paths).toEqual(["welcome.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("");
  });

  it("blocks the commit on a violation in a file whose name has brackets, spaces and Chinese (exit 1)", () => {
    const r = runHook(["welcome.txt", "[draft] 回复 模板.txt"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[draft] 回复 模板.txt");
    expect(r.stdout).toContain("no-im-contact");
  });

  it("skips an ignored staged file silently (exit 0, no warning)", () => {
    const r = runHook(["notes.md"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/ignored/i);
    expect(r.stdout.trim()).toBe("");
  });

  it("each batch stands alone: the batch with the violation fails, the other passes", () => {
    expect(runHook(["welcome.txt", "notes.md"]).code).toBe(0);
    expect(runHook(["[draft] 回复 模板.txt"]).code).toBe(1);
  });

  it("without --no-glob the brackets would be a glob: literal paths need the flag", () => {
    const r = spawnSync(process.execPath, [bin, "[draft] 回复 模板.txt"], { cwd: repo, encoding: "utf8" });
    // The file exists, so it is linted either way; a missing literal path with brackets is an error.
    expect(r.status).toBe(1);
    const missing = spawnSync(process.execPath, [bin, "--no-glob", "[gone].txt"], { cwd: repo, encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("[gone].txt");
  });
});
