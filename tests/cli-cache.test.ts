// `--cache` and the progress line end to end, spawned as users run them (build first:
// `npx tsc -p .`). Reuse is proven by behaviour: a message text edited inside the cache file comes
// back on the next run, so that run did not lint the file again.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// OCR on a busy 2-core machine.
vi.setConfig({ testTimeout: 90_000 });

const root = resolve(__dirname, "..");
const bin = join(root, "bin/offsite-lint.js");
const fixture = (p: string) => join(root, "fixtures", p);
const roots: string[] = [];
let dir: string;

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; match?: string; line: number }>;
  errorCount: number;
}

/** Spawns the CLI without blocking the test worker (OCR runs take seconds). */
function spawn(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

async function run(args: string[], env: Record<string, string> = {}) {
  const r = await spawn(process.execPath, [bin, "-f", "json", ...args], { CI: "", ...env });
  const results = r.stdout.trim() ? (JSON.parse(r.stdout) as Result[]) : [];
  return { ...r, results, messages: (name: string) => results.find((x) => x.filePath.endsWith(name))?.messages ?? [] };
}

const path = (p: string) => join(dir, p);
const write = (p: string, content: string | Buffer) => {
  mkdirSync(join(dir, p, ".."), { recursive: true });
  writeFileSync(path(p), content);
};
const CACHE = ".offsitelintcache";
const readCache = (p = CACHE) => JSON.parse(readFileSync(path(p), "utf8")) as { format: string; version: number; key: string; entries: Record<string, any> };
const sha = (p: string) => createHash("sha256").update(readFileSync(path(p))).digest("hex");

/** Replaces every stored message text of `entry` in the cache file: a run that shows it reused the entry. */
function tamper(entry: string, text = "FROM THE CACHE", p = CACHE) {
  const data = readCache(p);
  expect(data.entries[entry], `no cache entry for ${entry}`).toBeDefined();
  for (const m of data.entries[entry].result.messages) m.message = text;
  writeFileSync(path(p), JSON.stringify(data));
}

const BAD = "Hello!\nFor a faster reply add me on WhatsApp: +86 138 0013 8000\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "offsite-cli-cache-"));
  roots.push(dir);
  write("bad.txt", BAD);
  write("clean.txt", "Thanks for your inquiry. Please order through Trade Assurance.\n");
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe("--cache", async () => {
  it("writes .offsitelintcache (content hashes, relative paths) and a second run gives the same report from it", async () => {
    const first = await run(["--no-config-lookup", "--cache", "."]);
    expect(first.code).toBe(1);
    const data = readCache();
    expect(data.format).toBe("offsite-lint-cache");
    expect(Object.keys(data.entries).sort()).toEqual(["bad.txt", "clean.txt"]);
    expect(data.entries["bad.txt"].hash).toBe(sha("bad.txt"));
    const second = await run(["--no-config-lookup", "--cache", "."]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe("");
  });

  it("reuses a cached result while the file's bytes are unchanged, whatever its mtime", async () => {
    await run(["--no-config-lookup", "--cache", "bad.txt"]);
    tamper("bad.txt");
    // A CI cache restore or a fresh checkout: new mtime, same bytes.
    utimesSync(path("bad.txt"), new Date(), new Date(Date.now() + 60_000));
    const r = await run(["--no-config-lookup", "--cache", "bad.txt"]);
    expect(r.code).toBe(1);
    expect(r.messages("bad.txt").length).toBeGreaterThan(0);
    expect(r.messages("bad.txt").every((m) => m.message === "FROM THE CACHE")).toBe(true);
  });

  it("lints a file again when its content changed", async () => {
    await run(["--no-config-lookup", "--cache", "bad.txt"]);
    tamper("bad.txt");
    write("bad.txt", BAD + "Or mail sales@example.com\n");
    const r = await run(["--no-config-lookup", "--cache", "bad.txt"]);
    const texts = r.messages("bad.txt").map((m) => m.message);
    expect(texts).not.toContain("FROM THE CACHE");
    expect(r.messages("bad.txt").map((m) => m.ruleId)).toContain("no-email");
    expect(readCache().entries["bad.txt"].hash).toBe(sha("bad.txt"));
  });

  it.each([
    ["--rule", ["--rule", "no-phone-number:off"]],
    ["--platform", ["--platform", "amazon"]],
    ["--locale", ["--locale", "zh-CN"]],
    ["--mask", ["--mask"]],
    ["--quiet", ["--quiet"]],
    ["--no-ocr", ["--no-ocr"]],
    ["--encoding", ["--encoding", "utf-8"]],
  ])("lints every file again when %s changes the results' settings", async (_name, flags) => {
    await run(["--no-config-lookup", "--cache", "bad.txt"]);
    tamper("bad.txt");
    const key = readCache().key;
    const r = await run(["--no-config-lookup", "--cache", ...flags, "bad.txt"]);
    expect(r.messages("bad.txt").map((m) => m.message)).not.toContain("FROM THE CACHE");
    expect(readCache().key).not.toBe(key);
  });

  it("lints every file again when the configuration changes", async () => {
    write("cfg.json", JSON.stringify({ rules: { "no-email": "warn" } }));
    await run(["-c", "cfg.json", "--cache", "bad.txt"]);
    tamper("bad.txt");
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).toBe("FROM THE CACHE");
    write("cfg.json", JSON.stringify({ rules: { "no-email": "error" } }));
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
    // The team's phrases and the strict preset are part of it too.
    tamper("bad.txt");
    write("cfg.json", JSON.stringify({ rules: { "no-email": "error" }, phrases: [{ id: "team/dm", category: "offline-deal", severity: "error", message: "DM", match: ["DM me"] }] }));
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
    tamper("bad.txt");
    write("cfg.json", JSON.stringify({ extends: "strict", rules: { "no-email": "error" }, phrases: [{ id: "team/dm", category: "offline-deal", severity: "error", message: "DM", match: ["DM me"] }] }));
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
  });

  it("lints every file again when a plugin file changes", async () => {
    const plugin = (word: string) =>
      `export const rules = { "team/no-${word}": { meta: { id: "team/no-${word}", category: "offline-deal", defaultSeverity: "warn",
        description: { en: "x", "zh-CN": "x" }, messages: { x: { en: "x", "zh-CN": "x" } }, schema: { type: "object", properties: {} },
        docs: { url: "", why: { en: "", "zh-CN": "" }, fix: { en: "", "zh-CN": "" } } }, check() {} } };\n`;
    write("plugin.mjs", plugin("a"));
    write("cfg.json", JSON.stringify({ plugins: ["./plugin.mjs"] }));
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).code).toBe(1);
    tamper("bad.txt");
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).toBe("FROM THE CACHE");
    write("plugin.mjs", plugin("a") + "// edited\n");
    expect((await run(["-c", "cfg.json", "--cache", "bad.txt"])).messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
  });

  it("without --cache, writes nothing and leaves an existing cache file alone", async () => {
    await run(["--no-config-lookup", "bad.txt"]);
    expect(existsSync(path(CACHE))).toBe(false);
    await run(["--no-config-lookup", "--cache", "bad.txt"]);
    tamper("bad.txt");
    const before = readFileSync(path(CACHE), "utf8");
    const r = await run(["--no-config-lookup", "bad.txt"]);
    expect(r.messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
    expect(readFileSync(path(CACHE), "utf8")).toBe(before);
    expect((await run(["--no-config-lookup", "--cache-location", "elsewhere.cache", "bad.txt"])).code).toBe(1);
    expect(existsSync(path("elsewhere.cache"))).toBe(false);
  });

  it("--cache-location: a file, or a folder that holds .offsitelintcache; the cache file is never linted", async () => {
    await run(["--no-config-lookup", "--cache", "--cache-location", "lint-cache.json", "."]);
    expect(readCache("lint-cache.json").entries["bad.txt"]).toBeDefined();
    const r = await run(["--no-config-lookup", "--cache", "--cache-location", "lint-cache.json", "."]);
    expect(r.results.map((x) => x.filePath).some((p) => p.endsWith("lint-cache.json"))).toBe(false);
    mkdirSync(path("cachedir"));
    await run(["--no-config-lookup", "--cache", "--cache-location", "cachedir", "bad.txt"]);
    expect(readCache("cachedir/.offsitelintcache").entries["../bad.txt"]).toBeDefined();
    await run(["--no-config-lookup", "--cache", "--cache-location", "new/dir/", "bad.txt"]);
    expect(existsSync(path("new/dir/.offsitelintcache"))).toBe(true);
  });

  it("ignores a damaged cache file with a warning, lints as usual and rewrites it", async () => {
    await run(["--no-config-lookup", "--cache", "bad.txt"]);
    const text = readFileSync(path(CACHE), "utf8");
    writeFileSync(path(CACHE), text.slice(0, 120));
    const r = await run(["--no-config-lookup", "--cache", "bad.txt"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning: ignoring the cache file .*damaged/u);
    expect(r.messages("bad.txt").map((m) => m.ruleId)).toContain("no-im-contact");
    expect(readCache().entries["bad.txt"]).toBeDefined();
    expect((await run(["--no-config-lookup", "--cache", "bad.txt"])).stderr).toBe("");
  });

  it("never overwrites a file that is not a cache", async () => {
    write("notes.md", "# Notes\nnot a cache\n");
    const r = await run(["--no-config-lookup", "--cache", "--cache-location", "notes.md", "bad.txt"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an offsite-lint cache file.*not overwriting it/u);
    expect(readFileSync(path("notes.md"), "utf8")).toBe("# Notes\nnot a cache\n");
  });

  it("does not cache files with fatal errors", async () => {
    write("broken.json", '[{"description": "ok"},');
    const r = await run(["--no-config-lookup", "--cache", "broken.json", "bad.txt"]);
    expect(r.messages("broken.json")[0]!.message).toMatch(/Parsing error/u);
    expect(Object.keys(readCache().entries)).toEqual(["bad.txt"]);
  });

  it("--cache-strategy metadata: size and mtime decide", async () => {
    await run(["--no-config-lookup", "--cache", "--cache-strategy", "metadata", "bad.txt"]);
    expect(readCache().entries["bad.txt"].hash).toBeUndefined();
    tamper("bad.txt");
    expect((await run(["--no-config-lookup", "--cache", "--cache-strategy", "metadata", "bad.txt"])).messages("bad.txt")[0]!.message).toBe("FROM THE CACHE");
    const mtime = statSync(path("bad.txt")).mtime;
    utimesSync(path("bad.txt"), mtime, new Date(mtime.getTime() + 5000));
    expect((await run(["--no-config-lookup", "--cache", "--cache-strategy", "metadata", "bad.txt"])).messages("bad.txt")[0]!.message).not.toBe("FROM THE CACHE");
    expect((await run(["--no-config-lookup", "--cache", "--cache-strategy", "mtime", "bad.txt"])).code).toBe(2);
  });

  it("caches an image's result (OCR is the slow part)", async () => {
    copyFileSync(fixture("images/drawn-contact-en.png"), path("drawn.png"));
    const first = await run(["--no-config-lookup", "--cache", "drawn.png"]);
    expect(first.code).toBe(1);
    expect(readCache().entries["drawn.png"].hash).toBe(sha("drawn.png"));
    tamper("drawn.png");
    const started = Date.now();
    const second = await run(["--no-config-lookup", "--cache", "drawn.png"]);
    const seconds = (Date.now() - started) / 1000;
    expect(second.code).toBe(1);
    expect(second.messages("drawn.png").length).toBeGreaterThan(0);
    expect(second.messages("drawn.png").every((m) => m.message === "FROM THE CACHE")).toBe(true);
    expect(seconds).toBeLessThan(30);
  });

  it("still lints the images a cached listing names", async () => {
    mkdirSync(path("images"));
    copyFileSync(fixture("images/qr-corner.jpg"), path("images/sku-1.jpg"));
    write("listing.csv", "sku,title,main_image\r\nS-1,Desk lamp,images/sku-1.jpg\r\n");
    const first = await run(["--no-config-lookup", "--no-ocr", "--cache", "listing.csv"]);
    expect(first.messages("sku-1.jpg").map((m) => m.ruleId)).toContain("no-qr-code");
    expect(readCache().entries["listing.csv"].images).toEqual(["images/sku-1.jpg"]);
    tamper("images/sku-1.jpg");
    const second = await run(["--no-config-lookup", "--no-ocr", "--cache", "listing.csv"]);
    expect(second.messages("sku-1.jpg").map((m) => m.message)).toEqual(first.messages("sku-1.jpg").map(() => "FROM THE CACHE"));
    expect(second.stdout.replace(/FROM THE CACHE/gu, "")).not.toBe(second.stdout);
  });

  it("--fix: the rewritten file is cached with its new hash; --fix-dry-run caches nothing it did not write", async () => {
    write("reply.txt", "Hello!\nWhatsApp: +86 138 0013 8000\nThanks.\n");
    await run(["--no-config-lookup", "--cache", "--fix-dry-run", "reply.txt"]);
    expect(readCache().entries["reply.txt"]).toBeUndefined();
    const plain = await run(["--no-config-lookup", "--cache", "reply.txt"]);
    expect(plain.messages("reply.txt").length).toBeGreaterThan(0);
    const fixed = await run(["--no-config-lookup", "--cache", "--fix", "reply.txt"]);
    expect(fixed.code).toBe(0);
    expect(readFileSync(path("reply.txt"), "utf8")).not.toContain("WhatsApp");
    const entry = readCache().entries["reply.txt"];
    expect(entry.hash).toBe(sha("reply.txt"));
    expect(entry.result.messages).toEqual([]);
    expect((await run(["--no-config-lookup", "--cache", "reply.txt"])).code).toBe(0);
  });

  it("with --fix, a cached file that has problems is linted (and fixed) again", async () => {
    write("reply.txt", "Hello!\nWhatsApp: +86 138 0013 8000\nThanks.\n");
    await run(["--no-config-lookup", "--cache", "reply.txt"]);
    tamper("reply.txt");
    const r = await run(["--no-config-lookup", "--cache", "--fix", "reply.txt"]);
    expect(r.code).toBe(0);
    expect(readFileSync(path("reply.txt"), "utf8")).not.toContain("WhatsApp");
  });

  it("keeps bulk suppressions working with --mask on cached results", async () => {
    expect((await run(["--no-config-lookup", "--mask", "--cache", "--suppress-all", "bad.txt"])).code).toBe(0);
    tamper("bad.txt");
    const r = await run(["--no-config-lookup", "--mask", "--cache", "bad.txt"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(readCache().entries["bad.txt"].raw).toBeDefined();
  });

  it("leaves no temporary file behind", async () => {
    await run(["--no-config-lookup", "--cache", "."]);
    expect(readdirSync(dir).filter((name) => name.includes("tmp"))).toEqual([]);
  });
});

describe("progress line", async () => {
  /** A file that takes well over a second to lint (the prefilter makes clean rows cheap: ~2 s for 40k rows). */
  function bigCsv() {
    const rows = ["sku,title,description"];
    for (let i = 0; i < 40_000; i++) rows.push(i % 3 === 0 ? `S-${i},Lamp ${i},Warm light. Contact WeChat: shop_${i} for price` : `S-${i},Lamp ${i},Warm light and a metal base`);
    write("big.csv", rows.join("\n") + "\n");
  }

  it("never appears on a pipe", async () => {
    bigCsv();
    const r = await run(["--no-config-lookup", "big.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("records");
  });

  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  async function onTty(args: string[], env: Record<string, string>) {
    const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ");
    const r = await spawn("script", ["-qec", command, "/dev/null"], env);
    return { code: r.code, out: r.stdout };
  }

  it.skipIf(!hasScript)("shows on a terminal for a run over a second, and is erased at the end; not in CI", async () => {
    bigCsv();
    const r = await onTty(["--no-config-lookup", "-f", "json", "-o", "out.json", "big.csv"], { CI: "" });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\roffsite-lint: \d+\/1 files · [\d,]+ records · [\d.]+ MB\/s · [\d,]+ findings?\x1b\[K/u);
    expect(r.out.endsWith("\r\x1b[K")).toBe(true);
    const ci = await onTty(["--no-config-lookup", "-f", "json", "-o", "out.json", "big.csv"], { CI: "true" });
    expect(ci.code).toBe(1);
    expect(ci.out).not.toContain("records");
  });
});
