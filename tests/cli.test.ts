// The CLI end to end, spawned as users run it: exit codes, formats, config errors, --stdin.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import iconv from "iconv-lite";

// Each test spawns the CLI one or more times: allow for a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const bin = resolve(__dirname, "../bin/offsite-lint.js");
let dir: string;

function run(args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? dir,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(stdout: string) {
  return JSON.parse(stdout) as Array<{ filePath: string; messages: Array<Record<string, any>>; errorCount: number; penalty: any }>;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-cli-"));
  writeFileSync(join(dir, "clean.txt"), "Thanks for your inquiry. Please place the order through Trade Assurance on Alibaba.com.\n");
  writeFileSync(join(dir, "bad.txt"), "Hello!\nFor a faster reply add me on WhatsApp: +86 138 0013 8000\n");
  writeFileSync(
    join(dir, "listings.csv"),
    'sku,title,description\r\nA-1,"Cuban link chain","14K gold, 5mm"\r\nA-2,"LED ""neon"" sign","Custom text.\r\nWeChat: neon_shop88"\r\n',
  );
  writeFileSync(join(dir, "listings.json"), JSON.stringify([{ sku: "J-1", description: "Tote bag.\nCall \u200b 138 0013 8000" }], null, 2));
  writeFileSync(join(dir, "gbk.csv"), iconv.encode("货号,描述\r\nG-1,欢迎咨询，微信：shop_2024\r\n", "gbk"));
  writeFileSync(join(dir, "broken.json"), '[{"description": "ok"},');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exit codes", () => {
  it("exits 0 and prints nothing on clean files", () => {
    const r = run(["--no-config-lookup", "clean.txt"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("");
  });

  it("exits 1 with a stylish report on a violation", () => {
    const r = run(["--no-config-lookup", "--no-color", "bad.txt"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("bad.txt");
    expect(r.stdout).toMatch(/2:\d+\s+error/);
    expect(r.stdout).toContain("no-im-contact");
    expect(r.stdout).toMatch(/✖ \d+ problems?/);
    // Once per rule that fired, what to write instead.
    expect(r.stdout).toContain("How to fix");
    expect(r.stdout).toMatch(/no-im-contact: Keep the conversation in the platform chat/);
  });

  it("exits 1 also when the report goes to --output-file, and writes it there", () => {
    const out = join(dir, "out", "report.json");
    const r = run(["--no-config-lookup", "-f", "json", "-o", out, "bad.txt"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(json(readFileSync(out, "utf8"))[0]!.errorCount).toBeGreaterThan(0);
  });

  it("writes a report many writes long whole, to a file and to stdout", () => {
    // ~400 violating rows: a JSON report of several hundred KB, written 32k characters at a time.
    const rows = Array.from({ length: 400 }, (_, k) => `S-${k},"Lamp ${k}","Add WeChat: lamp_${k} or call +86 138 0013 ${String(k).padStart(4, "0")}"`);
    writeFileSync(join(dir, "many.csv"), `sku,title,description\r\n${rows.join("\r\n")}\r\n`);
    const out = join(dir, "out", "many.json");
    const toFile = run(["--no-config-lookup", "-f", "json", "-o", out, "many.csv"]);
    expect(toFile.code).toBe(1);
    const text = readFileSync(out, "utf8");
    expect(text.length).toBeGreaterThan(10 * 32_768);
    const [report] = json(text);
    expect(report!.messages.length).toBeGreaterThanOrEqual(800);
    expect(new Set(report!.messages.map((m) => m.line)).size).toBe(400);
    const toStdout = run(["--no-config-lookup", "-f", "json", "many.csv"]);
    expect(toStdout.stdout).toBe(`${text}\n`);
  });

  it("exits 2 on an unknown option, an unknown format and an unknown platform", () => {
    expect(run(["--no-config-lookup", "--bogus"]).code).toBe(2);
    expect(run(["--no-config-lookup", "-f", "nope", "clean.txt"]).code).toBe(2);
    const r = run(["--no-config-lookup", "-p", "alibabba", "clean.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("alibaba");
  });

  it("--concurrency takes a thread count, auto or off; anything else is bad usage", () => {
    const bad = run(["--no-config-lookup", "--concurrency", "0", "clean.txt"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--concurrency");
    const threaded = run(["--no-config-lookup", "--concurrency", "2", "-f", "json", "listings.csv"]);
    const alone = run(["--no-config-lookup", "-f", "json", "listings.csv"]);
    expect(threaded.code).toBe(1);
    expect(json(threaded.stdout)[0]!.messages).toEqual(json(alone.stdout)[0]!.messages);
  });

  it("exits 2 naming a pattern that matches nothing", () => {
    const r = run(["--no-config-lookup", "missing-folder/"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing-folder");
  });

  it("--max-warnings fails on too many warnings, --quiet drops warnings", () => {
    writeFileSync(join(dir, "warn.txt"), "Add me on WhatsApp\n");
    const plain = json(run(["--no-config-lookup", "-f", "json", "warn.txt"]).stdout)[0]!;
    const warnings = plain.messages.filter((m) => m.severity === 1).length;
    expect(warnings).toBeGreaterThan(0);
    expect(run(["--no-config-lookup", "--max-warnings", "0", "warn.txt"]).code).toBe(1);
    const quiet = json(run(["--no-config-lookup", "-f", "json", "--quiet", "warn.txt"]).stdout)[0]!;
    expect(quiet.messages.filter((m) => m.severity === 1)).toHaveLength(0);
  });

  it("--max-penalty fails when the estimate exceeds it", () => {
    expect(run(["--no-config-lookup", "--max-penalty", "1000", "--rule", "no-im-contact:warn", "--rule", "no-phone-number:warn", "bad.txt"]).code).toBe(0);
    expect(run(["--no-config-lookup", "--max-penalty", "0", "--rule", "no-im-contact:warn", "--rule", "no-phone-number:warn", "bad.txt"]).code).toBe(1);
  });
});

describe("json format and locations", () => {
  it("points into the quoted multi-line CSV cell after doubled quotes", () => {
    const [result] = json(run(["--no-config-lookup", "-f", "json", "listings.csv"]).stdout);
    const im = result!.messages.find((m) => m.ruleId === "no-im-contact")!;
    expect(im).toBeDefined();
    expect(im.line).toBe(4);
    expect(im.column).toBe(1);
    expect(im.record).toEqual({ index: 1, id: "A-2" });
    expect(im.field).toBe("description");
    expect(im.category).toBe("im");
    expect(im.penalty.platform).toBe("alibaba");
    expect(im.suggestion).toMatch(/business-card exchange/);
    expect(result!.messages.some((m) => m.match?.includes("link"))).toBe(false);
  });

  it("points inside an escaped JSON string", () => {
    const [result] = json(run(["--no-config-lookup", "-f", "json", "listings.json"]).stdout);
    const phone = result!.messages.find((m) => m.ruleId === "no-phone-number")!;
    const lines = readFileSync(join(dir, "listings.json"), "utf8").split("\n");
    const line = lines[phone.line - 1]!;
    expect(line.slice(phone.column - 1, phone.endColumn - 1)).toBe("138 0013 8000");
  });

  it("reads GBK files", () => {
    const [result] = json(run(["--no-config-lookup", "-f", "json", "gbk.csv"]).stdout);
    const im = result!.messages.find((m) => m.ruleId === "no-im-contact")!;
    expect(im.match).toContain("微信");
    expect(im.line).toBe(2);
  });

  it("reports a file that cannot be parsed as one fatal message and lints the rest", () => {
    const r = run(["--no-config-lookup", "-f", "json", "broken.json", "bad.txt"]);
    expect(r.code).toBe(1);
    const results = json(r.stdout);
    const broken = results.find((x) => x.filePath.endsWith("broken.json"))!;
    expect(broken.messages).toHaveLength(1);
    expect(broken.messages[0]).toMatchObject({ fatal: true, ruleId: null, severity: 2, line: 1 });
    expect(results.find((x) => x.filePath.endsWith("bad.txt"))!.errorCount).toBeGreaterThan(0);
  });

  it("--mask hides the contact value", () => {
    const [result] = json(run(["--no-config-lookup", "-f", "json", "--mask", "bad.txt"]).stdout);
    const text = JSON.stringify(result!.messages);
    expect(text).not.toContain("138 0013 8000");
  });

  it("compact format prints one line per message", () => {
    const r = run(["--no-config-lookup", "-f", "compact", "bad.txt"]);
    expect(r.stdout).toMatch(/bad\.txt: line 2, col \d+, Error - .*\(no-(im-contact|phone-number)\)/);
  });

  it("messages come in Chinese with --locale zh-CN", () => {
    const [result] = json(run(["--no-config-lookup", "-f", "json", "--locale", "zh-CN", "bad.txt"]).stdout);
    expect(result!.messages.some((m) => /[\u4e00-\u9fff]/.test(m.message))).toBe(true);
  });
});

describe("stdin", () => {
  it("lints standard input as the named file", () => {
    const r = run(["--no-config-lookup", "-f", "json", "--stdin", "--stdin-filename", "reply.txt"], { input: "加我薇信 abc_8888 详聊" });
    expect(r.code).toBe(1);
    const [result] = json(r.stdout);
    expect(result!.filePath.endsWith("reply.txt")).toBe(true);
    expect(result!.messages.some((m) => m.ruleId === "no-im-contact")).toBe(true);
  });
});

describe("configuration", () => {
  it("--no-config-lookup stops the search but a -c file is still used, as in ESLint", () => {
    const cfgDir = join(dir, "cfg-lookup");
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(join(cfgDir, "a.txt"), "Add me on WhatsApp: +86 138 0013 8000\n");
    writeFileSync(join(cfgDir, ".offsitelintrc.yaml"), "rules:\n  no-im-contact: off\n  no-phone-number: off\n");
    writeFileSync(join(cfgDir, "quiet.yaml"), "rules:\n  no-im-contact: off\n  no-phone-number: off\n");
    expect(run(["--no-config-lookup", "a.txt"], { cwd: cfgDir }).code).toBe(1);
    expect(run(["--no-config-lookup", "-c", "quiet.yaml", "a.txt"], { cwd: cfgDir }).code).toBe(0);
  });

  it("applies rules from a config file and exits 2 naming an unknown rule with a suggestion", () => {
    const cfgDir = join(dir, "cfg");
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(join(cfgDir, "a.txt"), "Add me on WhatsApp: +86 138 0013 8000\n");
    writeFileSync(join(cfgDir, ".offsitelintrc.yaml"), "rules:\n  no-im-contact: off\n  no-phone-number: off\n");
    expect(run(["a.txt"], { cwd: cfgDir }).code).toBe(0);
    writeFileSync(join(cfgDir, ".offsitelintrc.yaml"), "rules:\n  no-emial: off\n");
    const r = run(["a.txt"], { cwd: cfgDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(".offsitelintrc.yaml");
    expect(r.stderr).toContain("no-email");
  });

  it("applies per-field settings, overrides by glob, team phrases and plugin rules", () => {
    const teamDir = join(dir, "team");
    mkdirSync(join(teamDir, "after-sales"), { recursive: true });
    writeFileSync(
      join(teamDir, "listing.json"),
      JSON.stringify([{ sku: "T-1", company_profile: "Official site: www.brightlamp.com", description: "Desk lamp, DM me for colours" }]),
    );
    writeFileSync(join(teamDir, "after-sales", "refund.txt"), "Scan the QR code on the card to add our after-sales WeChat.\n");
    writeFileSync(
      join(teamDir, "team-rules.js"),
      `export const rules = { "team/no-lamp": { meta: { id: "team/no-lamp", category: "offline-deal", defaultSeverity: "warn",
        description: { en: "lamp", "zh-CN": "灯" }, messages: { lamp: { en: "Lamp word", "zh-CN": "灯" } }, schema: { type: "object", properties: {} },
        docs: { url: "", why: { en: "", "zh-CN": "" }, fix: { en: "", "zh-CN": "" } } },
        check(ctx) { const i = ctx.field.text.indexOf("lamp"); if (i >= 0) ctx.report({ start: i, end: i + 4, messageId: "lamp", confidence: 1 }); } } };\n`,
    );
    writeFileSync(
      join(teamDir, ".offsitelintrc.yaml"),
      [
        "fields:",
        "  company_profile: { rules: { no-external-link: off } }",
        "overrides:",
        '  - files: ["after-sales/**"]',
        "    rules: { no-qr-code: warn, no-im-contact: warn }",
        "phrases:",
        "  - id: team/no-dm",
        "    category: offline-deal",
        "    severity: error",
        '    message: "Asks the buyer to message privately"',
        '    match: ["DM me"]',
        'plugins: ["./team-rules.js"]',
        "",
      ].join("\n"),
    );
    const results = json(run(["-f", "json", "."], { cwd: teamDir }).stdout);
    const listing = results.find((r) => r.filePath.endsWith("listing.json"))!;
    expect(listing.messages.some((m) => m.ruleId === "no-external-link")).toBe(false);
    expect(listing.messages.find((m) => m.ruleId === "team/no-dm")).toMatchObject({ severity: 2, field: "description", match: "DM me" });
    expect(listing.messages.find((m) => m.ruleId === "team/no-lamp")).toMatchObject({ severity: 1, match: "lamp" });
    const refund = results.find((r) => r.filePath.endsWith("refund.txt"))!;
    expect(refund.messages.length).toBeGreaterThan(0);
    expect(refund.messages.every((m) => m.severity === 1)).toBe(true);
  });

  it("--rule overrides a rule from the command line", () => {
    expect(run(["--no-config-lookup", "--rule", "no-im-contact:off", "--rule", "no-phone-number:off", "bad.txt"]).code).toBe(0);
  });

  it("init writes a starter config that then loads", () => {
    const initDir = join(dir, "init");
    mkdirSync(initDir, { recursive: true });
    expect(run(["init"], { cwd: initDir }).code).toBe(0);
    expect(existsSync(join(initDir, ".offsitelintrc.yaml"))).toBe(true);
    writeFileSync(join(initDir, "ok.txt"), "Thanks, we ship in 7 days.\n");
    expect(run(["ok.txt"], { cwd: initDir }).code).toBe(0);
  });

  it("ignores files listed in .offsitelintignore unless --no-ignore", () => {
    const ignDir = join(dir, "ign");
    mkdirSync(ignDir, { recursive: true });
    writeFileSync(join(ignDir, "bad.txt"), "WhatsApp: +86 138 0013 8000\n");
    writeFileSync(join(ignDir, "ok.txt"), "Thanks!\n");
    writeFileSync(join(ignDir, ".offsitelintignore"), "bad.txt\n");
    expect(run(["--no-config-lookup", "."], { cwd: ignDir }).code).toBe(0);
    expect(run(["--no-config-lookup", "--no-ignore", "."], { cwd: ignDir }).code).toBe(1);
    rmSync(join(ignDir, ".offsitelintignore"));
    expect(run(["--no-config-lookup", "."], { cwd: ignDir }).code).toBe(1);
    expect(run(["--no-config-lookup", "--ignore-pattern", "bad.txt", "."], { cwd: ignDir }).code).toBe(0);
  });
});

describe("subcommands", () => {
  it("rules lists the nine rules", () => {
    const r = run(["rules"]);
    expect(r.code).toBe(0);
    for (const id of ["no-external-link", "no-email", "no-phone-number", "no-im-contact", "no-qr-code", "no-image-contact", "no-offline-deal", "no-offsite-payment", "no-assurance-refusal"]) {
      expect(r.stdout).toContain(id);
    }
  });

  it("explain prints why and how to fix, and exits 2 on an unknown rule", () => {
    const r = run(["explain", "no-im-contact", "--locale", "zh-CN"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("名片交换");
    expect(run(["explain", "no-such-rule"]).code).toBe(2);
  });

  it("platforms lists the ten profiles", () => {
    const r = run(["platforms"]);
    for (const id of ["alibaba", "aliexpress", "tmall", "douyin", "xiaohongshu", "tiktok-shop", "shopee", "lazada", "amazon", "ebay"]) {
      expect(r.stdout).toContain(id);
    }
  });
});
