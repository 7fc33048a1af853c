// Bad input does not crash the run (DESIGN.md, "Bad input"): malformed, truncated, binary, empty,
// huge, badly encoded, oddly broken into lines, vanishing, unreadable, looping and oddly named
// files each give correct findings or ONE fatal message with the file and a line; the rest of the
// run goes on; the exit code is 1 when any file had a fatal error; nothing escapes as an unhandled
// exception (no "internal error", no stack trace). Also the resource limits (`limits` in the
// config) and a hostile user regex.
//
// The CLI is spawned as built (`npm run build` first); a few checks go through the API.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { discoverFiles } from "../src/discover.js";
import { OffsiteLinter } from "../src/index.js";
import { supportedExtensions } from "../src/sources/index.js";
import type { LintMessage, LintResult } from "../src/types.js";

// Spawns on a busy 2-core machine, and two 5 MB files.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const bin = resolve(__dirname, "../bin/offsite-lint.js");
const isRoot = process.getuid?.() === 0;
const FIVE_MB = 5 * 1024 * 1024;

let dir: string;

function run(args: string[], cwd = dir) {
  const result = spawnSync(process.execPath, [bin, "-f", "json", "--no-config-lookup", "--no-ocr", ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** No crash of any kind reached the user. */
function expectNoCrash(stderr: string): void {
  expect(stderr).not.toMatch(/internal error/i);
  expect(stderr).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m); // a stack frame
  expect(stderr).not.toMatch(/Unhandled|TypeError|RangeError|ReferenceError/);
}

/** Every message is placed (line, column ≥ 1); at most one is fatal, and nothing is reported after it. */
function expectWellFormed(result: LintResult): void {
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal.length, `${result.filePath}: ${JSON.stringify(fatal)}`).toBeLessThanOrEqual(1);
  for (const m of result.messages) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.message).not.toMatch(/Internal error/);
  }
  expect(result.fatalErrorCount).toBe(fatal.length);
}

function fatalOf(result: LintResult | undefined): LintMessage {
  expect(result, "no result for the file").toBeDefined();
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, JSON.stringify(result!.messages)).toHaveLength(1);
  return fatal[0]!;
}

function findings(result: LintResult | undefined, ruleId = "no-im-contact"): LintMessage[] {
  expect(result, "no result for the file").toBeDefined();
  return result!.messages.filter((m) => m.ruleId === ruleId);
}

/** Random bytes with NULs sprinkled in: binary content behind a text extension. */
function binary(size: number): Buffer {
  const bytes = randomBytes(size);
  for (let i = 0; i < size; i += 97) bytes[i] = 0;
  return bytes;
}

const CONTACT = "WeChat: shop_2024";
/** `\r\n`, `\n` and a lone `\r` in one file; the contact is on line 4 in each. */
const MIXED_BREAKS: Record<string, { content: string; line: number; column: number }> = {
  "mixed.txt": { content: `line1\r\nline2\nline3\r${CONTACT} end\r\nlast\r`, line: 4, column: 1 },
  "mixed.md": { content: `# Title\r\nline2\nline3\r- ${CONTACT}\r\n`, line: 4, column: 3 },
  "mixed.json": { content: `{"a": "x",\r\n"b": "y",\n"c": "z",\r"d": "${CONTACT}"}\r\n`, line: 4, column: 7 },
  "mixed.jsonl": { content: `{"a":"x"}\r\n{"a":"y"}\n{"a":"z"}\r{"d":"${CONTACT}"}\r\n`, line: 4, column: 7 },
  "mixed.yaml": { content: `a: x\r\nb: y\nc: z\rd: "${CONTACT}"\r\n`, line: 4, column: 5 },
  "mixed.csv": { content: `sku,desc\r\nA,x\nB,y\rC,${CONTACT}\r\n`, line: 4, column: 3 },
  "mixed.html": { content: `<p>x</p>\r\n<p>y</p>\n<p>z</p>\r<p>${CONTACT}</p>\r\n`, line: 4, column: 4 },
};

const TEXT_EXTENSIONS = [".txt", ".md", ".csv", ".tsv", ".json", ".jsonl", ".yaml", ".html"];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "offsite-hostile-"));
  const write = (name: string, content: string | Buffer) => {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  };
  write("good.txt", `Hello!\n${CONTACT}\n`);
  // Malformed CSV.
  write("csv/unclosed.csv", `sku,title\nA,"${CONTACT}"\nB,"never closed\nC,more\n`);
  write("csv/ragged.csv", `sku,title,desc\nA,one\nB,two,three,${CONTACT},five\nC\n`);
  // Truncated and deeply nested JSON.
  write("json/truncated-string.json", `[{"title": "ok", "desc": "${CONTACT}`);
  write("json/truncated-array.json", `[{"title": "ok"},\n{"desc": `);
  write("json/deep-array.json", "[".repeat(20_000) + "]".repeat(20_000));
  write("json/deep-object.json", '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000));
  write("json/deep.jsonl", `{"d":"${CONTACT}"}\n` + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
  // Deep markup: YAML flow collections overflow the parser's stack; HTML elements made the parser
  // quadratic (minutes for 200,000 levels) and are read as plain text past 4096 levels.
  write("deep/flow.yaml", "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
  write("deep/nested.html", "<div>".repeat(50_000) + CONTACT + "</div>".repeat(50_000));
  // Binary content behind text extensions, and broken media.
  for (const extension of TEXT_EXTENSIONS) write(`binary/random${extension}`, binary(4096));
  write("binary/random.xlsx", randomBytes(4096));
  write("binary/random.png", randomBytes(4096));
  // Empty files and header-only tables.
  for (const extension of TEXT_EXTENSIONS) write(`empty/empty${extension}`, "");
  write("empty/header-only.csv", "sku,title,description\n");
  write("empty/header-only-no-newline.csv", "sku,title,description");
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Sheet1").addRow(["sku", "title", "description"]);
  write("empty/header-only.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
  // Huge single lines: a contact at the start is found, the part past maxFieldLength is not checked.
  write("huge/line.txt", `${CONTACT} ` + "a".repeat(FIVE_MB) + ` ${CONTACT}`);
  write("huge/cell.csv", `sku,desc\nA,"${CONTACT} ` + "b".repeat(FIVE_MB) + ` ${CONTACT}"\n`);
  // Invalid UTF-8: a stray byte in a UTF-8 Chinese template must not turn it into mojibake.
  write(
    "encoding/invalid-utf8.txt",
    Buffer.concat([
      Buffer.from("欢迎光临本店，有问题请随时联系我们。\n坏字节："),
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from("\n加微信：shop_2024 谢谢\n"),
    ]),
  );
  for (const [name, { content }] of Object.entries(MIXED_BREAKS)) write(`breaks/${name}`, content);
  // A directory with a listing's extension, a symlink loop, odd names.
  mkdirSync(join(dir, "odd/x.csv"), { recursive: true });
  mkdirSync(join(dir, "loop"), { recursive: true });
  symlinkSync("..", join(dir, "loop/up"));
  symlinkSync(".", join(dir, "loop/self"));
  symlinkSync("b.txt", join(dir, "loop/a.txt"));
  symlinkSync("a.txt", join(dir, "loop/b.txt"));
  write("loop/ok.txt", `${CONTACT}\n`);
  write("名字 with spaces [1]/文件 [a] (副本).txt", `${CONTACT}\n`);
  write("locked/locked.txt", `${CONTACT}\n`);
  chmodSync(join(dir, "locked/locked.txt"), 0o000);
});

afterAll(() => {
  try {
    chmodSync(join(dir, "locked/locked.txt"), 0o644);
  } catch {
    /* already gone */
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("a run over a folder of hostile files", () => {
  let code: number | null;
  let stderr: string;
  const byPath = new Map<string, LintResult>();
  const result = (path: string) => byPath.get(path);

  beforeAll(() => {
    const r = run(["."]);
    code = r.code;
    stderr = r.stderr;
    for (const item of JSON.parse(r.stdout) as LintResult[]) byPath.set(relative(dir, item.filePath).split("\\").join("/"), item);
  });

  it("finishes with exit code 1, no crash, every file reported once and well-formed", () => {
    expectNoCrash(stderr);
    expect(code).toBe(1);
    for (const item of byPath.values()) expectWellFormed(item);
    // The rest of the run went on: the good file's finding is there.
    expect(findings(result("good.txt")).map((m) => [m.line, m.column, m.match])).toEqual([[2, 1, CONTACT]]);
  });

  it("malformed CSV: an unclosed quote is one fatal message at the row; rows before it are linted", () => {
    const unclosed = result("csv/unclosed.csv");
    expect(findings(unclosed).map((m) => [m.line, m.column])).toEqual([[2, 4]]);
    const fatal = fatalOf(unclosed);
    expect(fatal.message).toMatch(/Unclosed quote/);
    expect(fatal.line).toBe(3);
  });

  it("malformed CSV: ragged rows are read, extra cells included", () => {
    const ragged = result("csv/ragged.csv")!;
    expect(ragged.fatalErrorCount).toBe(0);
    expect(findings(ragged).map((m) => [m.line, m.column, m.field])).toEqual([[3, 13, "column_4"]]);
  });

  it("truncated JSON is one fatal message at the end of the text", () => {
    const string = fatalOf(result("json/truncated-string.json"));
    expect(string.message).toMatch(/Invalid JSON/);
    expect([string.line, string.column]).toEqual([1, 26]);
    const array = fatalOf(result("json/truncated-array.json"));
    expect(array.message).toMatch(/unexpected end of file/);
    expect(array.line).toBe(2);
  });

  it("JSON nested 20,000 deep is one fatal message naming the maxJsonDepth limit (array, object, JSON Lines)", () => {
    const array = fatalOf(result("json/deep-array.json"));
    expect(array.message).toBe("Parsing error: JSON nested deeper than 1000 (limit maxJsonDepth).");
    expect([array.line, array.column]).toEqual([1, 1001]);
    const object = fatalOf(result("json/deep-object.json"));
    expect(object.message).toMatch(/nested deeper than 1000 \(limit maxJsonDepth\)/);
    expect([object.line, object.column]).toEqual([1, 5001]);
    const lines = result("json/deep.jsonl");
    expect(findings(lines).map((m) => m.line)).toEqual([1]);
    const fatal = fatalOf(lines);
    expect(fatal.message).toMatch(/Line 2: JSON nested deeper than 1000/);
    expect(fatal.line).toBe(2);
  });

  it("deeply nested YAML is one fatal message; deeply nested HTML is still linted", () => {
    const yaml = fatalOf(result("deep/flow.yaml"));
    expect(yaml.message).toMatch(/Invalid YAML: collections nested too deeply/);
    expect(yaml.line).toBe(1);
    const html = result("deep/nested.html")!;
    expect(html.fatalErrorCount).toBe(0);
    expect(findings(html).map((m) => [m.line, m.column, m.match])).toEqual([[1, 250_001, CONTACT]]);
  });

  it("binary files behind text extensions, and broken XLSX/PNG, are one fatal message each", () => {
    for (const extension of TEXT_EXTENSIONS) {
      const fatal = fatalOf(result(`binary/random${extension}`));
      expect(fatal.message, extension).toMatch(/looks binary/);
      expect(fatal.line).toBe(1);
    }
    expect(fatalOf(result("binary/random.xlsx")).message).toMatch(/Not an XLSX file/);
    expect(fatalOf(result("binary/random.png")).message).toMatch(/image/i);
  });

  it("empty files and header-only tables have no messages", () => {
    for (const extension of TEXT_EXTENSIONS) expect(result(`empty/empty${extension}`)?.messages, `${extension}: ${JSON.stringify(result(`empty/empty${extension}`))}`).toEqual([]);
    expect(result("empty/header-only.csv")?.messages).toEqual([]);
    expect(result("empty/header-only-no-newline.csv")?.messages).toEqual([]);
    expect(result("empty/header-only.xlsx")?.messages).toEqual([]);
  });

  it("a 5 MB line and a 5 MB CSV cell: checked up to maxFieldLength, with a warning saying so", () => {
    for (const [path, line, column] of [["huge/line.txt", 1, 1], ["huge/cell.csv", 2, 4]] as const) {
      const item = result(path)!;
      expect(item.fatalErrorCount).toBe(0);
      expect(findings(item).map((m) => [m.line, m.column])).toEqual([[line, column]]);
      const warning = item.messages.find((m) => m.ruleId === null)!;
      expect(warning.severity).toBe(1);
      expect(warning.message).toMatch(/only the first 1,000,000 were checked \(limit maxFieldLength\)/);
      expect(warning.line).toBe(line);
      expect(warning.column).toBe(column + 1_000_000);
    }
  });

  it("invalid UTF-8 bytes do not hide the rest of the text", () => {
    const item = result("encoding/invalid-utf8.txt");
    expect(item!.fatalErrorCount).toBe(0);
    const found = findings(item);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.match).toContain("shop_2024");
  });

  it("mixed line endings (CRLF, LF, lone CR) give the lines an editor shows, in every text format", () => {
    for (const [name, { line, column }] of Object.entries(MIXED_BREAKS)) {
      const found = findings(result(`breaks/${name}`));
      expect(found.map((m) => [m.line, m.column, m.match]), name).toEqual([[line, column, CONTACT]]);
      expect(result(`breaks/${name}`)!.fatalErrorCount, name).toBe(0);
    }
  });

  it("a directory named x.csv and a symlink loop are skipped; the folder's real files are linted once", () => {
    expect(result("odd/x.csv")).toBeUndefined();
    expect(result("loop/a.txt")).toBeUndefined();
    expect(result("loop/b.txt")).toBeUndefined();
    expect(findings(result("loop/ok.txt"))).toHaveLength(1);
    expect([...byPath.keys()].filter((path) => path.endsWith("ok.txt"))).toEqual(["loop/ok.txt"]);
  });

  it("paths with spaces, brackets and Chinese characters", () => {
    expect(findings(result("名字 with spaces [1]/文件 [a] (副本).txt")).map((m) => m.line)).toEqual([1]);
  });

  it("an unreadable file is one fatal message (skipped as root: chmod 000 does not stop root reading)", () => {
    const locked = result("locked/locked.txt")!;
    if (isRoot) {
      // root reads it anyway: it is linted like any file.
      expect(findings(locked)).toHaveLength(1);
      return;
    }
    expect(fatalOf(locked).message).toMatch(/Cannot read file: EACCES/);
  });
});

describe("naming hostile paths on the command line", () => {
  it("a file with spaces, brackets and Chinese characters, and its folder", () => {
    const file = run(["名字 with spaces [1]/文件 [a] (副本).txt"]);
    expectNoCrash(file.stderr);
    expect(file.code).toBe(1);
    expect((JSON.parse(file.stdout) as LintResult[]).map((r) => relative(dir, r.filePath))).toEqual(["名字 with spaces [1]/文件 [a] (副本).txt"]);
    const folder = run(["名字 with spaces [1]"]);
    expect(folder.code).toBe(1);
    expect(JSON.parse(folder.stdout)).toHaveLength(1);
  });

  it("a fatal error alone makes the exit code 1; the other files are still reported", () => {
    const r = run(["json/deep-array.json", "empty/empty.txt"]);
    expectNoCrash(r.stderr);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as LintResult[];
    expect(results.map((x) => [relative(dir, x.filePath), x.fatalErrorCount])).toEqual([
      ["empty/empty.txt", 0],
      ["json/deep-array.json", 1],
    ]);
  });

  it("a symlink loop named directly is a usage error (exit 2) with a message, not a crash", () => {
    const r = run(["loop/a.txt"]);
    expectNoCrash(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loop\/a\.txt/);
  });
});

describe("files that vanish or cannot be read (API)", () => {
  let linter: OffsiteLinter;
  beforeAll(async () => {
    linter = await OffsiteLinter.create({ cwd: dir, noConfigLookup: true, ocr: false });
  });
  afterAll(() => linter.close());

  it("a file deleted between discovery and reading is one fatal message; the others are linted", async () => {
    const folder = join(dir, "vanish");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.txt"), `${CONTACT}\n`);
    writeFileSync(join(folder, "b.csv"), `sku,desc\nA,${CONTACT}\n`);
    writeFileSync(join(folder, "c.txt"), `${CONTACT}\n`);
    const { files } = await discoverFiles([folder], { cwd: dir, extensions: supportedExtensions() });
    expect(files.map((f) => relative(folder, f))).toEqual(["a.txt", "b.csv", "c.txt"]);
    unlinkSync(join(folder, "b.csv"));
    const results = [];
    for (const file of files) results.push(await linter.lintFile(file));
    const fatal = fatalOf(results[1]);
    expect(fatal.message).toMatch(/^Cannot read file: ENOENT/);
    expect([fatal.line, fatal.column]).toEqual([1, 1]);
    expect(results[1]!.filePath).toBe(join(folder, "b.csv"));
    expect(findings(results[0])).toHaveLength(1);
    expect(findings(results[2])).toHaveLength(1);
  });

  it("a missing path, a directory named x.csv, a symlink loop, a file without extension", async () => {
    expect(fatalOf(await linter.lintFile("no/such/file.json")).message).toMatch(/ENOENT/);
    expect(fatalOf(await linter.lintFile("odd/x.csv")).message).toMatch(/EISDIR/);
    expect(fatalOf(await linter.lintFile("loop/a.txt")).message).toMatch(/ELOOP/);
    // No reader for the extension: read as plain text (this crashed with a TypeError).
    writeFileSync(join(dir, "README"), `${CONTACT}\n`);
    expect(findings(await linter.lintFile("README"))).toHaveLength(1);
  });

  it("an unreadable file (chmod 000) is one fatal message", async (context) => {
    // As root, chmod does not block reads: nothing to assert.
    if (isRoot) context.skip();
    expect(fatalOf(await linter.lintFile("locked/locked.txt")).message).toMatch(/EACCES/);
  });
});

describe("resource limits from the config", () => {
  let limited: OffsiteLinter;
  beforeAll(async () => {
    const config = join(dir, "limits.yaml");
    writeFileSync(
      config,
      [
        "limits:",
        "  maxFieldLength: 40",
        "  maxJsonDepth: 3",
        "",
      ].join("\n"),
    );
    limited = await OffsiteLinter.create({ cwd: dir, configFile: config, ocr: false });
  });
  afterAll(() => limited.close());

  it("maxJsonDepth: deeper JSON and JSON Lines are fatal, naming the limit; shallower is read", async () => {
    const deep = await limited.lintText(`{"a": [{"b": [1]}]}`, "deep.json");
    expect(fatalOf(deep).message).toBe("Parsing error: JSON nested deeper than 3 (limit maxJsonDepth).");
    expect([fatalOf(deep).column]).toEqual([14]);
    const ok = await limited.lintText(`{"a": [{"b": "${CONTACT}"}]}`, "ok.json");
    expect(ok.fatalErrorCount).toBe(0);
    expect(findings(ok)).toHaveLength(1);
    const lines = await limited.lintText(`{"a":"x"}\n[[[["${CONTACT}"]]]]\n`, "deep.jsonl");
    expect(fatalOf(lines).message).toMatch(/Line 2: JSON nested deeper than 3 \(limit maxJsonDepth\)/);
    // Brackets inside strings do not count.
    const quoted = await limited.lintText(`{"a": "[[[[{{{{", "b": "${CONTACT}"}`, "quoted.json");
    expect(quoted.fatalErrorCount).toBe(0);
  });

  it("maxFieldLength: a longer field is checked up to the limit, with a warning at the first unchecked character", async () => {
    const text = `${CONTACT} and then some padding text, then ${CONTACT}`;
    const result = await limited.lintText(text, "long.txt");
    expect(findings(result).map((m) => m.column)).toEqual([1]);
    const warning = result.messages.find((m) => m.ruleId === null)!;
    expect(warning).toMatchObject({ severity: 1, line: 1, column: 41, endLine: 1, endColumn: text.length + 1, field: "text" });
    expect(warning.message).toBe(`Field "text" is ${text.length} characters long; only the first 40 were checked (limit maxFieldLength), the rest was not.`);
    // A surrogate pair is not cut in half.
    const emoji = await limited.lintText("x".repeat(39) + "😀 tail tail tail", "emoji.txt");
    expect(emoji.messages.find((m) => m.ruleId === null)!.column).toBe(40);
  });

  it("invalid limits are config errors naming the key", async () => {
    const config = join(dir, "bad-limits.yaml");
    writeFileSync(config, "limits:\n  maxJsonDepth: 0\n");
    await expect(OffsiteLinter.create({ cwd: dir, configFile: config })).rejects.toThrow(/limits\.maxJsonDepth.*positive whole number/);
    writeFileSync(config, "limits:\n  maxFieldLenght: 10\n");
    await expect(OffsiteLinter.create({ cwd: dir, configFile: config })).rejects.toThrow(/Did you mean "maxFieldLength"/);
  });

  it("a catastrophic-backtracking regex from the config runs in linear time (RE2)", async () => {
    const config = join(dir, "redos.yaml");
    writeFileSync(
      config,
      [
        "phrases:",
        "  - id: team/redos",
        "    category: offline-deal",
        "    severity: error",
        '    message: "catastrophic pattern"',
        '    regex: ["(a+)+$", "(x+x+)+y"]',
        "",
      ].join("\n"),
    );
    const linter = await OffsiteLinter.create({ cwd: dir, configFile: config, ocr: false });
    try {
      const matched = await linter.lintText("xyz aaaa", "redos-match.txt");
      expect(findings(matched, "team/redos").map((m) => m.match)).toEqual(["aaaa"]);
      // Exponential for a backtracking engine (2^30 ways to split the run before the `!`).
      const time = async (text: string) => {
        const start = performance.now();
        const result = await linter.lintText(text, "redos.txt");
        expect(findings(result, "team/redos")).toEqual([]);
        return performance.now() - start;
      };
      await time("a".repeat(30) + "!"); // warm-up
      const short = await time("a".repeat(10_000) + "!" + "x".repeat(10_000) + "!");
      const long = await time("a".repeat(100_000) + "!" + "x".repeat(100_000) + "!");
      // Linear: ten times the input costs about ten times as much (generous bound for a busy machine).
      expect(long).toBeLessThan(Math.max(40 * short, 4_000));
    } finally {
      await linter.close();
    }
  });
});
