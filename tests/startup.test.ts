// Start-up of the command (a pre-commit hook lints a few files, so start-up is most of its time):
// the `yaml` package is loaded only by a run that reads YAML, `fast-glob` only by one that walks a
// folder or expands a glob. Checked from inside real runs: a
// hook preloaded into the process lists the CommonJS modules loaded when it exits.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../src/bench/generate.js";

const bin = resolve(__dirname, "..", "bin", "offsite-lint.js");
const dir = makeTempDir("offsite-startup-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The packages the command loaded (by folder under node_modules) linting `file`. */
function packagesLoaded(file: string, args: string[] = []): string[] {
  const hook = join(dir, "modules-hook.mjs");
  const out = join(dir, "modules.json");
  writeFileSync(
    hook,
    `import { createRequire } from "node:module";
     import { writeFileSync } from "node:fs";
     const require = createRequire(import.meta.url);
     process.on("exit", () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  const result = spawnSync(process.execPath, ["--import", hook, bin, ...args, file], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  const files = JSON.parse(readFileSync(out, "utf8")) as string[];
  return [...new Set(files.map((f) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]).filter((p): p is string => !!p))];
}

describe("start-up", () => {
  it("loads the yaml package only for a run that reads YAML", () => {
    const txt = join(dir, "reply.txt");
    writeFileSync(txt, "Add me on WeChat: lamp_factory88\n");
    const yamlFile = join(dir, "replies.yaml");
    writeFileSync(yamlFile, "greeting: Add me on WeChat, lamp_factory88\n");
    const forText = packagesLoaded(txt, ["--no-config-lookup"]);
    expect(forText).toContain("commander"); // the hook does see the CLI's packages
    expect(forText).not.toContain("yaml");
    expect(packagesLoaded(yamlFile, ["--no-config-lookup"])).toContain("yaml");
  });

  it("loads fast-glob only for a run that walks a folder or expands a glob", () => {
    const txt = join(dir, "named.txt");
    writeFileSync(txt, "Add me on WeChat: lamp_factory88\n");
    expect(packagesLoaded(txt, ["--no-config-lookup"])).not.toContain("fast-glob");
    expect(packagesLoaded(dir, ["--no-config-lookup"])).toContain("fast-glob");
    expect(packagesLoaded(join(dir, "*.txt"), ["--no-config-lookup"])).toContain("fast-glob");
  });
});
