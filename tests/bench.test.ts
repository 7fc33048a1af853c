// The benchmark's generator and naive reference scanner (`npm run bench`), on a few hundred rows:
// deterministic output, the promised violation rate and row size, a ground truth that matches the
// data, multi-line quoted cells, and a scanner that attributes matches to the right rows.
// The full benchmark is not run here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLUMNS, csvHeader, generateRows, rowId, writeBenchFiles, type GeneratedFiles, type TruthFile } from "../src/bench/generate.js";
import { naiveScan } from "../src/bench/naive-scan.js";
import { parseBenchArgs } from "../src/bench/run.js";
import { scoreRows } from "../src/bench/score.js";

const ROWS = 500;
let dir: string;
let files: GeneratedFiles;
let truth: TruthFile;
let csvRecords: Array<Record<string, string>>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-bench-test-"));
  files = writeBenchFiles(join(dir, "a"), { rows: ROWS, seed: "test-seed" });
  truth = JSON.parse(readFileSync(files.truth, "utf8")) as TruthFile;
  csvRecords = parseCsv(readFileSync(files.csv, "utf8"), { columns: true }) as Array<Record<string, string>>;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench generator", () => {
  it("is deterministic: the same seed gives the same bytes, another seed other bytes", () => {
    const again = writeBenchFiles(join(dir, "b"), { rows: ROWS, seed: "test-seed" });
    for (const key of ["csv", "jsonl", "truth"] as const) {
      expect(readFileSync(again[key]).equals(readFileSync(files[key]))).toBe(true);
    }
    const other = writeBenchFiles(join(dir, "c"), { rows: ROWS, seed: "other-seed" });
    expect(readFileSync(other.csv).equals(readFileSync(files.csv))).toBe(false);
  });

  it("a shorter run is a prefix of a longer one", () => {
    const short = [...generateRows({ rows: 120, seed: "test-seed" })];
    const long = [...generateRows({ rows: 300, seed: "test-seed" })].slice(0, 120);
    expect(short).toEqual(long);
  });

  it("writes the header, one CSV record and one JSONL line per row, ids in order", () => {
    expect(readFileSync(files.csv, "utf8").split("\r\n")[0]).toBe(csvHeader());
    expect(csvRecords).toHaveLength(ROWS);
    expect(Object.keys(csvRecords[0]!)).toEqual([...COLUMNS]);
    const lines = readFileSync(files.jsonl, "utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(ROWS);
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, string>;
      expect(record.id).toBe(rowId(i));
      expect(record).toEqual(csvRecords[i]);
    });
  });

  it("puts a violation in about 3% of rows", () => {
    expect(truth.rows).toBe(ROWS);
    expect(truth.violations).toHaveLength(Math.round(ROWS * 0.03));
    expect(files.violating).toBe(truth.violations.length);
  });

  it("writes a ground truth consistent with the data", () => {
    const ids = truth.violations.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    const jsonl = readFileSync(files.jsonl, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, string>);
    for (const v of truth.violations) {
      expect(v.id).toBe(rowId(v.index));
      expect(v.snippets.length).toBeGreaterThan(0);
      expect(v.categories).toEqual([...new Set(v.snippets.flatMap((s) => s.categories))].sort());
      for (const s of v.snippets) {
        expect(COLUMNS).toContain(s.field);
        expect(csvRecords[v.index]![s.field]).toContain(s.text);
        expect(jsonl[v.index]![s.field]).toContain(s.text);
      }
    }
    // Violations come from many families.
    const families = new Set(truth.violations.flatMap((v) => v.snippets.map((s) => s.family.split("/")[0])));
    expect(families.size).toBeGreaterThanOrEqual(6);
  });

  it("writes rows of about 600 bytes", () => {
    const perRow = files.csvBytes / ROWS;
    expect(perRow).toBeGreaterThan(520);
    expect(perRow).toBeLessThan(680);
  });

  it("has multi-line quoted cells, doubled quotes, and Chinese text", () => {
    const multiLine = csvRecords.filter((r) => r.description!.includes("\n")).length;
    expect(multiLine / ROWS).toBeGreaterThan(0.4);
    const raw = readFileSync(files.csv, "utf8");
    expect(raw).toMatch(/""/);
    expect(raw).toMatch(/[\u4e00-\u9fff]/);
    expect(raw).toMatch(/\d+x\d+x\d+mm/);
  });
});

describe("naive reference scanner", () => {
  it("flags some rows, with keys that are row ids, the same on CSV and JSONL", async () => {
    const csv = await naiveScan(files.csv);
    const jsonl = await naiveScan(files.jsonl);
    expect(csv.rows).toBe(ROWS);
    expect(jsonl.rows).toBe(ROWS);
    const valid = new Set(csvRecords.map((r) => r.id));
    for (const key of [...csv.flagged, ...jsonl.flagged]) expect(valid.has(key)).toBe(true);
    const score = scoreRows(ROWS, truth.violations, new Map(csv.flagged.map((k) => [k, new Set<string>()])), false);
    expect(score.truePositives).toBeGreaterThan(truth.violations.length / 2);
    // Naive: it also flags many clean rows.
    expect(score.falsePositives).toBeGreaterThan(0);
    // Physical lines differ from JSON-escaped ones, so a few rows may differ; most agree.
    const both = jsonl.flagged.filter((k) => csv.flagged.includes(k)).length;
    expect(both / Math.max(csv.flagged.length, 1)).toBeGreaterThan(0.95);
  });

  it("attributes a match on a continuation line of a quoted cell to the row that starts above", async () => {
    const path = join(dir, "multi.csv");
    writeFileSync(path, 'id,description\r\nR-1,"line one\nsecond line ""quoted""\nWeChat here"\r\nR-2,plain row\r\nR-3,"a\nb"\r\nR-4,"x\nmail me at www.example.com"\r\n');
    const result = await naiveScan(path);
    expect(result.rows).toBe(4);
    expect(result.flagged).toEqual(["R-1", "R-4"]);
  });
});

describe("bench arguments", () => {
  it("defaults to 100k rows, 3 runs, both tools and formats", () => {
    const parsed = parseBenchArgs([]);
    expect(parsed).toMatchObject({ kind: "run", args: { rows: 100_000, runs: 3, formats: ["csv", "jsonl"], tools: ["offsite-lint", "naive"] } });
  });

  it("rejects bad values", () => {
    expect(parseBenchArgs(["--rows", "0"]).kind).toBe("error");
    expect(parseBenchArgs(["--formats", "xml"]).kind).toBe("error");
    expect(parseBenchArgs(["--rss", "maybe"]).kind).toBe("error");
    expect(parseBenchArgs(["--quick"]).kind).toBe("error");
  });
});
