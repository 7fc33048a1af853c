// Baselines (bulk suppressions) and inline directives, end to end: the CLI spawned as users run it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 60_000 });

const bin = resolve(__dirname, "../bin/offsite-lint.js");
const BASELINE = "offsite-lint-suppressions.json";
let dir: string;

function run(args: string[], options: { input?: string } = {}) {
  const result = spawnSync(process.execPath, [bin, "--no-config-lookup", "--no-color", ...args], {
    cwd: dir,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type JsonResult = { filePath: string; messages: Array<Record<string, any>>; errorCount: number; warningCount: number; suppressedMessages?: Array<Record<string, any>> };
const json = (stdout: string) => JSON.parse(stdout) as JsonResult[];
const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, ".."), { recursive: true });
  writeFileSync(join(dir, name), text);
};
const baseline = () => JSON.parse(readFileSync(join(dir, BASELINE), "utf8")) as { version: number; files: Record<string, Record<string, Record<string, { count: number }>>> };

const csv = (rows: string[]) => `sku,title,description\n${rows.join("\n")}\n`;
const ROW_WECHAT = 'A-1,Lamp,"WeChat: neon_shop88"';
const ROW_PHONE = 'A-2,Sign,"Call me +86 138 0013 8000"';
const ROW_CLEAN = "A-3,Chain,14K gold";
const ROW_EMAIL = 'A-4,Tote,"email me sales@neon-shop.com"';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-baseline-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("bulk suppressions", () => {
  it("round trip: suppress all → only new problems → stale → prune", () => {
    write("exports/listings.csv", csv([ROW_WECHAT, ROW_PHONE, ROW_CLEAN]));
    write("replies/hello.txt", "Hello!\nAdd me on WhatsApp: +86 139 2211 4455\n");
    expect(run(["."]).code).toBe(1);

    // Accept today's errors: the run passes and writes the file.
    const suppressed = run(["--suppress-all", "."]);
    expect(suppressed.code).toBe(0);
    expect(suppressed.stdout.trim()).toBe("");
    expect(suppressed.stderr).toContain(BASELINE);
    const file = baseline();
    expect(file.version).toBe(1);
    expect(Object.keys(file.files)).toEqual(["exports/listings.csv", "replies/hello.txt"]);
    expect(Object.keys(file.files["exports/listings.csv"]!)).toEqual(["no-im-contact", "no-phone-number"]);
    expect(Object.keys(file.files["exports/listings.csv"]!["no-im-contact"]!)[0]).toMatch(/^id:A-1 [0-9a-f]{16}$/);
    expect(readFileSync(join(dir, BASELINE), "utf8")).not.toContain("neon_shop88");

    // The file is applied on every run (and not itself linted as a JSON listing).
    const clean = run(["-f", "json", "."]);
    expect(clean.code).toBe(0);
    const results = json(clean.stdout);
    expect(results.map((r) => r.filePath).some((p) => p.endsWith(BASELINE))).toBe(false);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(results.flatMap((r) => r.suppressedMessages ?? []).every((m) => m.suppressions[0].kind === "file")).toBe(true);

    // A new violation, rows reordered and lines shifted: only the new one is reported.
    write("exports/listings.csv", csv([ROW_EMAIL, ROW_CLEAN, ROW_PHONE, ROW_WECHAT]));
    write("replies/hello.txt", "Dear buyer,\n\nHello!\n\n  Add me on WhatsApp: +86 139 2211 4455\n");
    const added = run(["-f", "json", "."]);
    expect(added.code).toBe(1);
    const messages = json(added.stdout).flatMap((r) => r.messages);
    expect(messages.map((m) => [m.ruleId, m.record?.id])).toEqual([["no-email", "A-4"]]);
    expect(json(added.stdout).reduce((n, r) => n + r.errorCount, 0)).toBe(1);

    // The phone number is fixed: its entry no longer occurs → exit 2 with ESLint's message.
    write("exports/listings.csv", csv([ROW_CLEAN, ROW_WECHAT]));
    const stale = run(["."]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("There are suppressions left that do not occur anymore. Consider re-running the command with `--prune-suppressions`.");
    expect(stale.stderr).toContain("exports/listings.csv  no-phone-number  id:A-2");
    expect(run(["--pass-on-unpruned-suppressions", "."]).code).toBe(0);

    // Prune: the entry goes, the run passes, the rest stays.
    const pruned = run(["--prune-suppressions", "."]);
    expect(pruned.code).toBe(0);
    expect(Object.keys(baseline().files["exports/listings.csv"]!)).toEqual(["no-im-contact"]);
    expect(run(["."]).code).toBe(0);
  });

  it("--suppress-rule records only that rule; --suppressions puts the file elsewhere", () => {
    write("reply.txt", "WeChat: neon_shop88\nemail me sales@neon-shop.com\n");
    const r = run(["--suppress-rule", "no-email", "--suppressions", "ci/baseline.json", "-f", "json", "reply.txt"]);
    expect(r.code).toBe(1);
    expect(json(r.stdout)[0]!.messages.map((m) => m.ruleId)).toEqual(["no-im-contact"]);
    expect(existsSync(join(dir, BASELINE))).toBe(false);
    const file = JSON.parse(readFileSync(join(dir, "ci/baseline.json"), "utf8"));
    expect(Object.keys(file.files["reply.txt"])).toEqual(["no-email"]);
    // Without --suppressions the default file is looked for (and is not there).
    expect(run(["reply.txt"]).code).toBe(1);
    expect(json(run(["--suppressions", "ci/baseline.json", "-f", "json", "reply.txt"]).stdout)[0]!.messages).toHaveLength(1);
  });

  it("a baseline made with --mask works without it, and the other way round", () => {
    write("reply.txt", "WeChat: neon_shop88\n");
    expect(run(["--suppress-all", "--mask", "reply.txt"]).code).toBe(0);
    expect(run(["reply.txt"]).code).toBe(0);
    expect(run(["--mask", "reply.txt"]).code).toBe(0);
  });

  it("linting a few files (pre-commit) does not call the others' entries stale", () => {
    write("a.txt", "WeChat: neon_shop88\n");
    write("b.txt", "WeChat: other_shop77\n");
    expect(run(["--suppress-all", "."]).code).toBe(0);
    expect(run(["--no-glob", "a.txt"]).code).toBe(0);
    // A file that is gone is stale.
    rmSync(join(dir, "b.txt"));
    const r = run(["a.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("b.txt  no-im-contact");
  });

  it("--stdin applies the baseline of --stdin-filename", () => {
    write("reply.txt", "WeChat: neon_shop88\n");
    expect(run(["--suppress-all", "reply.txt"]).code).toBe(0);
    expect(run(["--stdin", "--stdin-filename", "reply.txt"], { input: "WeChat: neon_shop88\n" }).code).toBe(0);
    expect(run(["--stdin", "--stdin-filename", "other.txt"], { input: "WeChat: neon_shop88\n" }).code).toBe(1);
  });

  it("bad usage exits 2 before linting", () => {
    write("reply.txt", "WeChat: neon_shop88\n");
    const cases: Array<[string[], RegExp]> = [
      [["--suppress-all", "--suppress-rule", "no-email"], /--suppress-all option and the --suppress-rule option cannot be used together/],
      [["--suppress-all", "--prune-suppressions"], /cannot be used together/],
      [["--suppress-rule", "no-emial"], /unknown rule "no-emial"/],
      [["--suppressions", "missing.json"], /does not exist\. Please run the command with `--suppress-all`/],
      [["--stdin", "--suppress-all"], /cannot be used with --stdin/],
    ];
    for (const [args, message] of cases) {
      const r = run([...args, "reply.txt"], { input: "" });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, BASELINE))).toBe(false);
  });

  it("a broken suppressions file exits 2 and is not overwritten", () => {
    write("reply.txt", "WeChat: neon_shop88\n");
    write(BASELINE, "{ not json");
    for (const args of [["reply.txt"], ["--suppress-all", "reply.txt"]]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${BASELINE} is not valid JSON`);
    }
    expect(readFileSync(join(dir, BASELINE), "utf8")).toBe("{ not json");
  });
});

describe("inline directives", () => {
  it("Markdown, HTML and YAML directives suppress; unused ones are reported when asked", () => {
    write(
      "reply.md",
      "# After-sales\n<!-- offsite-lint-disable-next-line no-im-contact, no-phone-number -- the buyer asked for our brand account -->\nAdd me on WhatsApp: +86 139 2211 4455\n<!-- offsite-lint-disable-next-line no-qr-code -->\nThanks for your order.\n",
    );
    write("page.html", "<p>Hi</p>\n<!-- offsite-lint-disable -->\n<p>WeChat: neon_shop88</p>\n<!-- offsite-lint-enable -->\n");
    write("replies.yaml", "refund: |  # offsite-lint-disable-line no-im-contact\n  add me on WeChat: neon_shop88\nthanks: Thank you!\n");
    const plain = run(["-f", "json", "."]);
    expect(plain.code).toBe(0);
    expect(json(plain.stdout).flatMap((r) => r.messages)).toEqual([]);

    const reported = run(["-f", "json", "--report-unused-disable-directives", "."]);
    expect(reported.code).toBe(0);
    const messages = json(reported.stdout).flatMap((r) => r.messages);
    expect(messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, line: 4, column: 1, message: "Unused offsite-lint-disable directive (no problems were reported from 'no-qr-code')." }),
    ]);

    const strict = run(["--report-unused-disable-directives-severity", "error", "reply.md"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("4:1");
    expect(strict.stdout).toContain("Unused offsite-lint-disable directive");

    expect(run(["--report-unused-disable-directives-severity", "off", "--max-warnings", "0", "."]).code).toBe(0);
    expect(run(["--report-unused-disable-directives", "--report-unused-disable-directives-severity", "warn", "."]).code).toBe(2);
  });

  it("directive problems carry no penalty, and a mistyped rule id is an error", () => {
    write("reply.md", "<!-- offsite-lint-disable-next-line no-im-contcat -->\nAdd me on WhatsApp: +86 139 2211 4455\n");
    const r = run(["-f", "json", "reply.md"]);
    expect(r.code).toBe(1);
    const [result] = json(r.stdout);
    const typo = result!.messages.find((m) => m.ruleId === null)!;
    expect(typo).toMatchObject({ severity: 2, line: 1, message: "Definition for rule 'no-im-contcat' was not found (offsite-lint-disable-next-line directive)." });
    expect(typo.penalty).toBeUndefined();
    expect(result!.messages.some((m) => m.ruleId === "no-im-contact")).toBe(true);
  });

  it("inline directives and a baseline together", () => {
    write("reply.md", "<!-- offsite-lint-disable-next-line no-phone-number -->\nCall +86 139 2211 4455\nWeChat: neon_shop88\n");
    expect(run(["--suppress-all", "reply.md"]).code).toBe(0);
    const file = baseline();
    expect(Object.keys(file.files["reply.md"]!)).toEqual(["no-im-contact"]);
    const r = run(["-f", "json", "reply.md"]);
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0]!.suppressedMessages!.map((m) => [m.ruleId, m.suppressions[0].kind])).toEqual([
      ["no-phone-number", "directive"],
      ["no-im-contact", "file"],
    ]);
  });
});
