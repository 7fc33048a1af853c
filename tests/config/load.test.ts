import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/config/index.js";
import { directoriesUpward, loadRawConfig } from "../../src/config/load.js";
import { BUILTIN_RULES, PLATFORMS, tempDir } from "./helpers.js";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Search starting in `cwd`, never above the temp folder (hermetic whatever is in the real tree). */
function search(cwd = tmp.dir) {
  return loadRawConfig({ cwd, stopDir: tmp.dir });
}

async function loadError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("discovery", () => {
  const forms: Array<[string, string]> = [
    [".offsitelintrc", "platform: shopee\n"],
    [".offsitelintrc", '{ "platform": "shopee" }\n'],
    [".offsitelintrc.json", '{\n  // comments are fine\n  "platform": "shopee"\n}\n'],
    [".offsitelintrc.yaml", "platform: shopee\n"],
    [".offsitelintrc.yml", "platform: shopee\n"],
    [".offsitelintrc.js", 'module.exports = { platform: "shopee" };\n'],
    [".offsitelintrc.cjs", 'module.exports = { platform: "shopee" };\n'],
    [".offsitelintrc.mjs", 'export default { platform: "shopee" };\n'],
    ["offsitelint.config.js", 'module.exports = { platform: "shopee" };\n'],
    ["offsitelint.config.cjs", 'module.exports = { platform: "shopee" };\n'],
    ["offsitelint.config.mjs", 'export default { platform: "shopee" };\n'],
    ["package.json", JSON.stringify({ name: "x", offsitelint: { platform: "shopee" } })],
  ];

  it.each(forms)("finds %s (%#)", async (name, content) => {
    const file = tmp.write(name, content);
    const result = await search();
    expect(result).toEqual({ config: { platform: "shopee" }, filepath: file });
  });

  it("searches upward from the working folder", async () => {
    const file = tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    tmp.write("exports/2024/q1/.keep", "");
    const result = await search(`${tmp.dir}/exports/2024/q1`);
    expect(result.filepath).toBe(file);
    expect(result.config).toEqual({ platform: "ebay" });
  });

  it("takes the nearest config", async () => {
    tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    const near = tmp.write("sub/.offsitelintrc.json", '{"platform": "amazon"}');
    expect((await search(`${tmp.dir}/sub`)).filepath).toBe(near);
  });

  it("skips a package.json without the offsitelint key and keeps going up", async () => {
    const file = tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    tmp.write("pkg/package.json", JSON.stringify({ name: "pkg" }));
    expect((await search(`${tmp.dir}/pkg`)).filepath).toBe(file);
  });

  it("stops at the stop folder", async () => {
    tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    tmp.write("project/inner/.keep", "");
    const result = await loadRawConfig({ cwd: `${tmp.dir}/project/inner`, stopDir: `${tmp.dir}/project` });
    expect(result).toEqual({ config: null });
  });

  it("returns no config when there is none", async () => {
    expect(await search()).toEqual({ config: null });
  });

  it("treats an existing but empty config file as an empty config", async () => {
    tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    const empty = tmp.write("sub/.offsitelintrc.yaml", "# nothing yet\n");
    expect(await search(`${tmp.dir}/sub`)).toEqual({ config: {}, filepath: empty });
  });

  it("lists the folders it searches, ending at the root when the stop folder is not above", () => {
    expect(directoriesUpward("/a/b/c", "/a")).toEqual(["/a/b/c", "/a/b", "/a"]);
    expect(directoriesUpward("/x/y", "/a")).toEqual(["/x/y", "/x", "/"]);
  });
});

describe("-c and --no-config-lookup", () => {
  it("-c loads exactly that file, whatever its name, and ignores the search", async () => {
    tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    const file = tmp.write("ci/offsite.ci.yaml", "platform: lazada\n");
    expect(await loadRawConfig({ cwd: tmp.dir, configFile: "ci/offsite.ci.yaml" })).toEqual({
      config: { platform: "lazada" },
      filepath: file,
    });
  });

  it("-c with a file that doesn't exist is a config error naming it", async () => {
    const error = await loadError(loadRawConfig({ cwd: tmp.dir, configFile: "missing.yaml" }));
    expect(error.message).toContain(`${tmp.dir}/missing.yaml`);
    expect(error.message).toContain("not found");
  });

  it("--no-config-lookup uses none, even with a config present", async () => {
    tmp.write(".offsitelintrc.yaml", "platform: ebay\n");
    expect(await loadRawConfig({ cwd: tmp.dir, noConfigLookup: true })).toEqual({ config: null });
  });
});

describe("load errors", () => {
  it("bad YAML names the file and the line", async () => {
    const file = tmp.write(".offsitelintrc.yaml", "platform: ebay\nrules:\n  no-email: [error,\n  bad: : x\n");
    const error = await loadError(search());
    expect(error.filepath).toBe(file);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toContain(`${file}:${error.line}`);
    expect(error.message).toMatch(/YAML/);
  });

  it("duplicate YAML keys are an error", async () => {
    tmp.write(".offsitelintrc.yml", "platform: ebay\nplatform: amazon\n");
    const error = await loadError(search());
    expect(error.line).toBe(2);
  });

  it("bad JSON names the file, line and column", async () => {
    const file = tmp.write(".offsitelintrc.json", '{\n  "platform": "ebay"\n  "rules": {}\n}\n');
    const error = await loadError(search());
    expect(error.filepath).toBe(file);
    expect(error.line).toBe(3);
    expect(error.message).toContain(`${file}:3:3`);
    expect(error.message).toMatch(/comma expected/);
  });

  it("bad JSON in an extension-less .offsitelintrc", async () => {
    tmp.write(".offsitelintrc", '{ "platform": }');
    const error = await loadError(search());
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/JSON/);
  });

  it("a broken package.json is reported, not skipped", async () => {
    const file = tmp.write("package.json", '{ "name": "x", }}');
    const error = await loadError(search());
    expect(error.filepath).toBe(file);
  });

  it("a JS config that throws names the file", async () => {
    const file = tmp.write("offsitelint.config.mjs", "throw new Error('boom');\n");
    const error = await loadError(search());
    expect(error.filepath).toBe(file);
    expect(error.message).toContain("boom");
  });

  it("a config that is not an object", async () => {
    const file = tmp.write(".offsitelintrc.yaml", "- platform: ebay\n");
    const error = await loadError(search());
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/must be an object/);
  });
});

describe("loadConfig (load + plugins + validation)", () => {
  const load = (configFile?: string) =>
    loadConfig({ cwd: tmp.dir, stopDir: tmp.dir, configFile, builtinRules: BUILTIN_RULES, platforms: PLATFORMS });

  it("without a config: the built-in rules, base folder = cwd", async () => {
    const loaded = await load();
    expect(loaded.filepath).toBeUndefined();
    expect(loaded.baseDir).toBe(tmp.dir);
    expect(Object.keys(loaded.rules)).toEqual(Object.keys(BUILTIN_RULES));
    expect(loaded.config.rules).toEqual({});
  });

  it("a validation error carries the line of the offending key (YAML)", async () => {
    const file = tmp.write(".offsitelintrc.yaml", "platform: alibaba\nrules:\n  no-email: warn\n  no-emial: error\n");
    const error = await loadError(load());
    expect(error.message).toBe(
      `Invalid configuration in ${file}:4:3: rules.no-emial: unknown rule "no-emial". Did you mean "no-email"? Run \`offsite-lint rules\` to list the rules.`,
    );
  });

  it("a validation error carries the line of the offending key (JSON and package.json)", async () => {
    const file = tmp.write(".offsitelintrc.json", '{\n  "platform": "alibba"\n}\n');
    const error = await loadError(load());
    expect(error.filepath).toBe(file);
    expect(error.line).toBe(2);
    expect(error.message).toContain('Did you mean "alibaba"?');

    const pkg = tmp.write("sub/package.json", JSON.stringify({ name: "x", offsitelint: { rules: { "no-emial": "off" } } }, null, 2));
    const pkgError = await loadError(loadConfig({ cwd: `${tmp.dir}/sub`, stopDir: tmp.dir, builtinRules: BUILTIN_RULES, platforms: PLATFORMS }));
    expect(pkgError.filepath).toBe(pkg);
    expect(pkgError.line).toBe(5);
  });

  it("a config with phrases and plugins: every rule id, base folder = the config's folder", async () => {
    tmp.write(
      "rules/team.mjs",
      `export const rules = { "team/no-sample": { meta: { category: "offline-deal", defaultSeverity: "warn", messages: { m: "sample" } }, check() {} } };\n`,
    );
    const file = tmp.write(
      "conf/.offsitelintrc.yaml",
      [
        "plugins: ['../rules/team.mjs']",
        "rules:",
        "  team/no-sample: error",
        "  team/no-dm: warn",
        "phrases:",
        "  - { id: team/no-dm, category: offline-deal, severity: error, message: DM, match: [DM me] }",
      ].join("\n"),
    );
    const loaded = await load("conf/.offsitelintrc.yaml");
    expect(loaded.filepath).toBe(file);
    expect(loaded.baseDir).toBe(`${tmp.dir}/conf`);
    expect(Object.keys(loaded.rules)).toEqual([...Object.keys(BUILTIN_RULES), "team/no-sample", "team/no-dm"]);
    expect(loaded.config.rules).toEqual({ "team/no-sample": { severity: 2 }, "team/no-dm": { severity: 1 } });
  });
});
