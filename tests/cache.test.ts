// `--cache` logic (src/cache.ts): the key changes with every input that changes results, entries
// are looked up by content hash (or size + mtime), a damaged or foreign cache file is recognised.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  afterFix,
  cacheFilePath,
  cacheKey,
  CacheFileError,
  emptyCache,
  isCacheable,
  LintCache,
  looksLikeCacheFile,
  packageFingerprint,
  parseCache,
  reusableWhenFixing,
  serializeCache,
  stableStringify,
  type CacheKeyInputs,
} from "../src/cache.js";
import { packageDataFingerprint } from "../src/cli-cache.js";
import type { LintMessage } from "../src/types.js";
import { result } from "./penalties/helpers.js";

function inputs(): CacheKeyInputs {
  return {
    version: "0.1.0",
    config: { rules: { "no-email": { severity: 1 } }, fields: {}, overrides: [], phrases: [], plugins: [], ignorePatterns: [] },
    ruleIds: ["no-email", "no-phone-number"],
    plugins: {},
    packageData: "abc",
    packageDir: "/pkg",
    options: { rules: [], locale: "en", mask: false, quiet: false, ocr: true, reportUnusedDisableDirectives: "off" },
  };
}

const message = (text: string, extra: Partial<LintMessage> = {}): LintMessage => ({ ruleId: "no-email", severity: 2, message: text, line: 1, column: 1, match: "a@b.com", ...extra });

describe("stableStringify", () => {
  it("does not depend on key order, and keeps array order", () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: "x" } })).toBe(stableStringify({ a: { c: "x", d: [2, 1] }, b: 1 }));
    expect(stableStringify([1, 2])).not.toBe(stableStringify([2, 1]));
  });

  it("serialises what a JS config may hold: regular expressions, functions, cycles", () => {
    expect(stableStringify({ re: /a+b/giu })).toBe('{"re":"/a+b/giu"}');
    expect(stableStringify({ f: () => 1 })).not.toBe(stableStringify({ f: () => 2 }));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(stableStringify(cyclic)).toBe('{"a":1,"self":"[Circular]"}');
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe("cacheKey", () => {
  const base = cacheKey(inputs());

  it("is stable for equal inputs, whatever the key order of the config", () => {
    const reordered = inputs();
    reordered.config = { ignorePatterns: [], plugins: [], phrases: [], overrides: [], fields: {}, rules: { "no-email": { severity: 1 } } };
    expect(cacheKey(reordered)).toBe(base);
    expect(cacheKey({ ...inputs(), ruleIds: ["no-phone-number", "no-email"] })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/u);
  });

  const changes: Array<[string, (i: CacheKeyInputs) => void]> = [
    ["the version", (i) => (i.version = "0.2.0")],
    ["a rule setting in the config", (i) => ((i.config as any).rules["no-email"].severity = 2)],
    ["rule options in the config", (i) => ((i.config as any).rules["no-email"].options = { allow: ["x.com"] })],
    ["a phrase in the config", (i) => ((i.config as any).phrases = [{ id: "team/dm", category: "offline-deal", severity: "error", message: { en: "x", "zh-CN": "x" }, match: ["DM me"], regex: [] }])],
    ["the strict preset", (i) => ((i.config as any).extends = "strict")],
    ["the config's platform", (i) => ((i.config as any).platform = "amazon")],
    ["a plugin rule id", (i) => (i.ruleIds = [...i.ruleIds, "team/no-dm"])],
    ["a plugin file's content", (i) => (i.plugins = { "./rules.js": "1234" })],
    ["the package's rules, phrase packs or profiles", (i) => (i.packageData = "abd")],
    ["the package's folder", (i) => (i.packageDir = "/elsewhere")],
    ["--rule", (i) => (i.options.rules = ["no-email:off"])],
    ["--platform", (i) => (i.options.platform = "amazon")],
    ["the locale", (i) => (i.options.locale = "zh-CN")],
    ["--mask", (i) => (i.options.mask = true)],
    ["--quiet", (i) => (i.options.quiet = true)],
    ["--no-ocr", (i) => (i.options.ocr = false)],
    ["--encoding", (i) => (i.options.encoding = "gb18030")],
    ["--report-unused-disable-directives", (i) => (i.options.reportUnusedDisableDirectives = "warn")],
    ["the limits", (i) => (i.options.limits = { maxImagePixels: 10 })],
  ];
  it.each(changes)("changes with %s", (_name, change) => {
    const changed = inputs();
    change(changed);
    expect(cacheKey(changed)).not.toBe(base);
  });
});

describe("packageFingerprint", () => {
  it("does not depend on the order of the files and changes with any file's hash or path", () => {
    const files = [
      { path: "rules/phrases/no-email/en.yaml", hash: "1" },
      { path: "src/penalties/profiles/alibaba.yaml", hash: "2" },
    ];
    const fp = packageFingerprint(files);
    expect(packageFingerprint([...files].reverse())).toBe(fp);
    expect(packageFingerprint([files[0]!, { ...files[1]!, hash: "3" }])).not.toBe(fp);
    expect(packageFingerprint([files[0]!, { ...files[1]!, path: "src/penalties/profiles/amazon.yaml" }])).not.toBe(fp);
  });

  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("covers the package's rule yaml, profiles and compiled code (read from a package folder)", () => {
    const root = mkdtempSync(join(tmpdir(), "offsite-pkg-"));
    roots.push(root);
    mkdirSync(join(root, "rules/phrases/no-email"), { recursive: true });
    mkdirSync(join(root, "src/penalties/profiles"), { recursive: true });
    mkdirSync(join(root, "dist/rules"), { recursive: true });
    writeFileSync(join(root, "rules/phrases/no-email/en.yaml"), "a: 1\n");
    writeFileSync(join(root, "src/penalties/profiles/alibaba.yaml"), "id: alibaba\n");
    writeFileSync(join(root, "dist/rules/no-email.js"), "export {}\n");
    const fp = () => packageDataFingerprint(root);
    const first = fp();
    writeFileSync(join(root, "rules/phrases/no-email/en.yaml"), "a: 2\n");
    const second = fp();
    expect(second).not.toBe(first);
    writeFileSync(join(root, "src/penalties/profiles/alibaba.yaml"), "id: alibaba\npoints: 1\n");
    const third = fp();
    expect(third).not.toBe(second);
    writeFileSync(join(root, "dist/rules/no-email.js"), "export const x = 1;\n");
    expect(fp()).not.toBe(third);
    // Files that do not change results do not count.
    const before = fp();
    writeFileSync(join(root, "rules/README.md"), "docs\n");
    expect(fp()).toBe(before);
  });

  it("fingerprints the real package", () => {
    expect(packageDataFingerprint()).toMatch(/^[0-9a-f]{64}$/u);
  });
});

describe("parseCache", () => {
  const key = "k".repeat(64);

  it("reads back what serializeCache wrote", () => {
    const cache = new LintCache(key, "content", "/work");
    cache.store("/work/a.txt", { size: 3, mtimeMs: 1, hash: "h" }, result("/work/a.txt", [message("m")]));
    const parsed = parseCache(cache.serialize(), key);
    expect(Object.keys(parsed.entries)).toEqual(["a.txt"]);
    expect(new LintCache(key, "content", "/work", parsed).lookup("/work/a.txt", { size: 3, mtimeMs: 9, hash: "h" })?.result.messages[0]!.message).toBe("m");
  });

  it("gives an empty cache for another key or another format version (everything invalid)", () => {
    const text = serializeCache({ ...emptyCache("other"), entries: {} });
    expect(parseCache(text, key).entries).toEqual({});
    expect(parseCache(text, key).key).toBe(key);
    const v2 = JSON.stringify({ format: "offsite-lint-cache", version: 2, key, entries: { x: 1 } });
    expect(parseCache(v2, key).entries).toEqual({});
    expect(parseCache("", key).entries).toEqual({});
  });

  it("rejects a damaged cache file as ours (it may be rewritten)", () => {
    const good = new LintCache(key, "content", "/w");
    good.store("/w/a.txt", { size: 1, mtimeMs: 1, hash: "h" }, result("/w/a.txt", []));
    const text = good.serialize();
    const truncated = text.slice(0, text.length - 20);
    for (const damaged of [truncated, text.replace('"messages":[]', '"messages":"x"'), text.replace('"size":1', '"size":"1"')]) {
      let error: unknown;
      try {
        parseCache(damaged, key);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CacheFileError);
      expect((error as CacheFileError).ours).toBe(true);
    }
  });

  it("rejects a file that is not a cache as foreign (never overwritten)", () => {
    for (const text of ["name,price\nlamp,3\n", '{"name":"lamp"}', "[1,2]", '{"format":"something-else","version":1}']) {
      expect(() => parseCache(text, key)).toThrow(CacheFileError);
      try {
        parseCache(text, key);
      } catch (e) {
        expect((e as CacheFileError).ours).toBe(false);
      }
    }
    expect(looksLikeCacheFile('{"format":"offsite-lint-cache","vers')).toBe(true);
    expect(looksLikeCacheFile("")).toBe(true);
    expect(looksLikeCacheFile("hello")).toBe(false);
  });
});

describe("LintCache", () => {
  const key = "k";

  it("hits on the same content hash (another mtime: a CI restore) and misses on another", () => {
    const cache = new LintCache(key, "content", "/repo");
    cache.store("/repo/exports/a.csv", { size: 10, mtimeMs: 100, hash: "aaa" }, result("/repo/exports/a.csv", [message("found")]));
    const hit = cache.lookup("/repo/exports/a.csv", { size: 10, mtimeMs: 999, hash: "aaa" });
    expect(hit?.result.filePath).toBe("/repo/exports/a.csv");
    expect(hit?.result.messages.map((m) => m.message)).toEqual(["found"]);
    expect(cache.lookup("/repo/exports/a.csv", { size: 10, mtimeMs: 100, hash: "bbb" })).toBeUndefined();
    expect(cache.lookup("/repo/exports/a.csv", { size: 10, mtimeMs: 100 })).toBeUndefined();
    expect(cache.lookup("/repo/exports/b.csv", { size: 10, mtimeMs: 100, hash: "aaa" })).toBeUndefined();
  });

  it("with the metadata strategy, hits on size and mtime", () => {
    const cache = new LintCache(key, "metadata", "/repo");
    cache.store("/repo/a.txt", { size: 10, mtimeMs: 100 }, result("/repo/a.txt", []));
    expect(cache.lookup("/repo/a.txt", { size: 10, mtimeMs: 100 })).toBeDefined();
    expect(cache.lookup("/repo/a.txt", { size: 10, mtimeMs: 101 })).toBeUndefined();
    expect(cache.lookup("/repo/a.txt", { size: 11, mtimeMs: 100 })).toBeUndefined();
  });

  it("stores paths relative to the cache folder, so the cache moves with the project", () => {
    const cache = new LintCache(key, "content", "/repo");
    cache.store("/repo/exports/a.csv", { size: 1, mtimeMs: 1, hash: "h" }, result("/repo/exports/a.csv", []), { images: ["/repo/exports/img/1.png"] });
    const data = parseCache(cache.serialize(), key);
    expect(Object.keys(data.entries)).toEqual(["exports/a.csv"]);
    expect(data.entries["exports/a.csv"]!.images).toEqual(["exports/img/1.png"]);
    const moved = new LintCache(key, "content", "/ci/checkout", data);
    const hit = moved.lookup("/ci/checkout/exports/a.csv", { size: 1, mtimeMs: 5, hash: "h" });
    expect(hit?.result.filePath).toBe("/ci/checkout/exports/a.csv");
    expect(hit?.images).toEqual(["/ci/checkout/exports/img/1.png"]);
  });

  it("does not cache results with fatal errors, and drops their old entry", () => {
    const cache = new LintCache(key, "content", "/repo");
    const stamp = { size: 1, mtimeMs: 1, hash: "h" };
    cache.store("/repo/a.json", stamp, result("/repo/a.json", []));
    const fatal = result("/repo/a.json", [{ ruleId: null, fatal: true, severity: 2, message: "Parsing error", line: 1, column: 1 }]);
    expect(isCacheable(fatal)).toBe(false);
    expect(cache.store("/repo/a.json", stamp, fatal)).toBe(false);
    expect(cache.lookup("/repo/a.json", stamp)).toBeUndefined();
  });

  it("does not store the fixed text (`output`) and gives copies, not the stored objects", () => {
    const cache = new LintCache(key, "content", "/repo");
    const stamp = { size: 1, mtimeMs: 1, hash: "h" };
    cache.store("/repo/a.txt", stamp, { ...result("/repo/a.txt", [message("m")]), output: "fixed" });
    const hit = cache.lookup("/repo/a.txt", stamp)!;
    expect(hit.result.output).toBeUndefined();
    hit.result.messages.length = 0;
    expect(cache.lookup("/repo/a.txt", stamp)!.result.messages).toHaveLength(1);
  });

  it("keeps unmasked matches (--mask) only when they differ from the shown match", () => {
    const cache = new LintCache(key, "content", "/repo");
    const stamp = { size: 1, mtimeMs: 1, hash: "h" };
    cache.store("/repo/a.txt", stamp, result("/repo/a.txt", [message("m", { match: "a****m" })]), { raw: ["a@b.com"] });
    expect(cache.lookup("/repo/a.txt", stamp)!.raw).toEqual(["a@b.com"]);
    cache.store("/repo/b.txt", stamp, result("/repo/b.txt", [message("m")]), { raw: ["a@b.com"] });
    expect(cache.lookup("/repo/b.txt", stamp)!.raw).toBeUndefined();
  });

  it("prunes entries of files that are gone, and tracks whether it changed", () => {
    const text = (() => {
      const c = new LintCache(key, "content", "/repo");
      c.store("/repo/a.txt", { size: 1, mtimeMs: 1, hash: "h" }, result("/repo/a.txt", []));
      c.store("/repo/b.txt", { size: 1, mtimeMs: 1, hash: "h" }, result("/repo/b.txt", []));
      return c.serialize();
    })();
    const cache = new LintCache(key, "content", "/repo", parseCache(text, key));
    expect(cache.changed).toBe(false);
    cache.prune((path) => path === "/repo/a.txt");
    expect(cache.changed).toBe(true);
    expect(cache.size).toBe(1);
    // Data read under another key starts empty and is rewritten.
    expect(new LintCache("other", "content", "/repo", parseCache(text, key)).size).toBe(0);
  });
});

describe("--fix and the cache", () => {
  const clean = result("/r/a.txt", []);
  const fixed = { ...result("/r/a.txt", []), output: "fixed text" };

  it("stores an unfixed result, re-stamps a file --fix rewrote, drops one whose fixed text went elsewhere", () => {
    expect(afterFix(clean, { fix: true })).toBe("store");
    expect(afterFix(fixed, { fix: true })).toBe("store-rehashed");
    expect(afterFix(fixed, { fixDryRun: true })).toBe("drop");
    expect(afterFix(fixed, { fix: true, fixOutput: "out" })).toBe("drop");
  });

  it("lints a cached file with messages again when fixing (ESLint's rule)", () => {
    const withMessages = { result: result("/r/a.txt", [message("m")]), images: [] };
    expect(reusableWhenFixing(withMessages, true)).toBe(false);
    expect(reusableWhenFixing(withMessages, false)).toBe(true);
    expect(reusableWhenFixing({ result: clean, images: [] }, true)).toBe(true);
  });
});

describe("cacheFilePath", () => {
  const isDir = (path: string) => path === "/w/cachedir";
  it("defaults to .offsitelintcache in the working folder; a folder holds it", () => {
    expect(cacheFilePath(undefined, "/w", isDir)).toBe("/w/.offsitelintcache");
    expect(cacheFilePath("my.cache", "/w", isDir)).toBe("/w/my.cache");
    expect(cacheFilePath("cachedir", "/w", isDir)).toBe("/w/cachedir/.offsitelintcache");
    expect(cacheFilePath("newdir/", "/w", isDir)).toBe("/w/newdir/.offsitelintcache");
    expect(cacheFilePath("/abs/c", "/w", isDir)).toBe("/abs/c");
  });
});
