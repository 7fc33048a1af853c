// `--concurrency`: fields linted in worker threads give the same report, in the same order, as
// the main thread alone; the setting is parsed strictly; workers are only started when asked.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OffsiteLinter } from "../src/index.js";
import { csvHeader, csvRow, generateRows, jsonlRow } from "../src/bench/generate.js";
import { AUTO_MIN_BYTES, parseConcurrency, workerCount } from "../src/workers/pool.js";

const root = resolve(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "offsite-workers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(file: string, concurrency: number | "off") {
  const linter = await OffsiteLinter.create({ cwd: root, noConfigLookup: true, concurrency });
  try {
    return await linter.lintFile(file);
  } finally {
    await linter.close();
  }
}

describe("--concurrency", () => {
  it("parses a thread count, auto or off, and nothing else", () => {
    expect(parseConcurrency("2")).toBe(2);
    expect(parseConcurrency("auto")).toBe("auto");
    expect(parseConcurrency("off")).toBe("off");
    for (const bad of ["0", "-1", "two", "1.5", ""]) expect(parseConcurrency(bad), bad).toBeUndefined();
  });

  it("auto uses workers only for big files, off never", () => {
    expect(workerCount("off", 10 * AUTO_MIN_BYTES)).toBe(0);
    expect(workerCount("auto", 1000)).toBe(0);
    expect(workerCount("auto", undefined)).toBe(0);
    expect(workerCount(3, 10)).toBe(3);
  });

  it("workers report exactly what the main thread reports, in the same order (CSV and JSONL)", async () => {
    const rows = [...generateRows({ rows: 1500, seed: "workers", rate: 0.1 })].map((r) => r.listing);
    const csv = join(dir, "listings.csv");
    const jsonl = join(dir, "listings.jsonl");
    writeFileSync(csv, [csvHeader(), ...rows.map(csvRow)].join("\n") + "\n");
    writeFileSync(jsonl, rows.map(jsonlRow).join("\n") + "\n");
    for (const file of [csv, jsonl]) {
      const alone = await lint(file, "off");
      const threaded = await lint(file, 2);
      expect(alone.messages.length, file).toBeGreaterThan(100);
      expect(threaded).toEqual(alone);
    }
  }, 120_000);

  it("a worker that dies fails its file only: the next file gets fresh workers", async () => {
    // A plugin rule that ends its thread on one word: the file holding it gets a fatal message.
    writeFileSync(
      join(dir, "crash-plugin.mjs"),
      `export const rules = { "team/crash": {
        meta: { id: "team/crash", category: "offline-deal", defaultSeverity: "error",
          description: { en: "crash", "zh-CN": "crash" }, messages: { m: { en: "m", "zh-CN": "m" } } },
        check(context) { if (context.field.text.includes("CRASH")) process.exit(3); },
      } };`,
    );
    writeFileSync(join(dir, "crash.yaml"), "plugins: [./crash-plugin.mjs]\nrules:\n  team/crash: error\n");
    writeFileSync(join(dir, "a-crash.csv"), "sku,description\nA-1,CRASH here\n");
    writeFileSync(join(dir, "b-phone.csv"), "sku,description\nB-1,Call 138 0013 8000\n");
    const linter = await OffsiteLinter.create({ cwd: dir, configFile: "crash.yaml", concurrency: 2 });
    try {
      const crashed = await linter.lintFile("a-crash.csv");
      expect(crashed.fatalErrorCount).toBe(1);
      expect(crashed.messages[0]!.message).toMatch(/worker/);
      const next = await linter.lintFile("b-phone.csv");
      expect(next.fatalErrorCount).toBe(0);
      expect(next.messages.map((m) => m.ruleId)).toContain("no-phone-number");
    } finally {
      await linter.close();
    }
  }, 120_000);

  it("the bundled listing fixtures give the same report with workers", async () => {
    for (const name of ["catalogue.csv", "catalogue.json", "catalogue.jsonl"]) {
      const file = join(root, "fixtures/listings", name);
      expect(await lint(file, 2), name).toEqual(await lint(file, "off"));
    }
  }, 120_000);
});
