// Bounded memory of the command: the launcher (bin/offsite-lint.js) keeps V8's young generation
// at 8 MB (V8 would grow it to 32 MB under the linter's allocation rate) and the old generation's
// growth between collections at 15%. Checked from inside a real run of the command on a generated
// export: a hook preloaded into the process reads V8's heap spaces as it exits.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir, writeBenchFiles } from "../src/bench/generate.js";

const bin = resolve(__dirname, "..", "bin", "offsite-lint.js");
const dir = makeTempDir("offsite-memory-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the command's heap", () => {
  it("keeps the young generation at 8 MB on a big export", () => {
    const files = writeBenchFiles(dir, { rows: 3000, seed: "memory" });
    const hook = join(dir, "heap-hook.mjs");
    const out = join(dir, "spaces.json");
    writeFileSync(
      hook,
      `import { getHeapSpaceStatistics } from "node:v8";
       import { writeFileSync } from "node:fs";
       process.on("exit", () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(getHeapSpaceStatistics())));`,
    );
    const result = spawnSync(process.execPath, ["--import", hook, bin, "--no-config-lookup", "-f", "json", "-o", join(dir, "report.json"), files.csv], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1); // the export has violations
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(report[0].messages.length).toBeGreaterThan(50);
    const spaces = JSON.parse(readFileSync(out, "utf8")) as Array<{ space_name: string; space_size: number }>;
    const newSpace = spaces.find((s) => s.space_name === "new_space")!;
    expect(newSpace.space_size).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
