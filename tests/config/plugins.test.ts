import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { loadPlugin, loadPlugins, resolvePluginPath, validatePluginRules } from "../../src/config/plugins.js";
import { BUILTIN_RULES, runWithSimpleViews, tempDir } from "./helpers.js";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const ESM_PLUGIN = `
export const rules = {
  "team/no-sample-offer": {
    meta: {
      id: "team/no-sample-offer",
      category: "offline-deal",
      defaultSeverity: "warn",
      description: { en: "Free samples offered off-platform", "zh-CN": "站外送样" },
      messages: { sample: { en: "Sample offer: {text}", "zh-CN": "送样：{text}" } },
      schema: { type: "object", properties: { words: { type: "array", items: { type: "string" } } } },
    },
    check(context) {
      const at = context.field.text.indexOf(this.word);
      if (at >= 0) context.report({ start: at, end: at + this.word.length, messageId: "sample", confidence: 0.9 });
    },
    word: "free sample",
  },
};
`;

async function pluginError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("loading plugins", () => {
  it("resolves paths relative to the config file and loads ESM rules", async () => {
    const config = tmp.write("config/.offsitelintrc.yaml", "");
    const plugin = tmp.write("config/rules/team-rules.mjs", ESM_PLUGIN);
    expect(resolvePluginPath("./rules/team-rules.mjs", config)).toBe(plugin);

    const rules = await loadPlugins(["./rules/team-rules.mjs"], config, BUILTIN_RULES);
    const rule = rules["team/no-sample-offer"]!;
    expect(rule.meta.category).toBe("offline-deal");
    expect(rule.meta.schema.properties.words).toBeDefined();
    // The check runs with the plugin's rule as `this`.
    expect(runWithSimpleViews(rule, "ask for a free sample").map((h) => h.text)).toEqual(["free sample"]);
  });

  it("loads CommonJS plugins (module.exports = { rules })", async () => {
    const config = tmp.write(".offsitelintrc.yaml", "");
    tmp.write(
      "team.cjs",
      `module.exports = { rules: { "team/x": { meta: { category: "im", defaultSeverity: "error", messages: { m: "x" } }, check() {} } } };`,
    );
    const rules = await loadPlugins(["./team.cjs"], config);
    expect(Object.keys(rules)).toEqual(["team/x"]);
  });

  it("fills what a plugin leaves out of meta", async () => {
    const rules = validatePluginRules(
      { "team/x": { meta: { category: "im", defaultSeverity: "error", messages: { m: "text" } }, check() {} } },
      "/p/team.js",
    );
    expect(rules["team/x"]!.meta).toEqual({
      id: "team/x",
      category: "im",
      defaultSeverity: "error",
      description: { en: "team/x", "zh-CN": "team/x" },
      docs: { url: "", why: { en: "team/x", "zh-CN": "team/x" }, fix: { en: "team/x", "zh-CN": "team/x" } },
      messages: { m: { en: "text", "zh-CN": "text" } },
      schema: { type: "object", properties: {}, additionalProperties: false },
    });
  });
});

describe("plugin errors name the plugin file", () => {
  it("a file that doesn't exist", async () => {
    const config = tmp.write(".offsitelintrc.yaml", "");
    const error = await pluginError(loadPlugins(["./nope.js"], config));
    expect(error.message).toContain(`${tmp.dir}/nope.js`);
    expect(error.message).toContain(`listed in ${config}`);
  });

  it("a package that can't be found", async () => {
    const config = tmp.write(".offsitelintrc.yaml", "");
    const error = await pluginError(loadPlugins(["offsite-lint-plugin-nonexistent"], config));
    expect(error.message).toContain(config);
    expect(error.message).toContain('cannot find plugin "offsite-lint-plugin-nonexistent"');
  });

  it("a module without `rules`", async () => {
    const plugin = tmp.write("bad.mjs", "export const rulez = {};\n");
    const error = await pluginError(loadPlugin(plugin));
    expect(error.message).toBe(`Invalid plugin ${plugin}: a plugin must export \`rules\`: an object of rule id → { meta, check }`);
  });

  it("a module that throws", async () => {
    const plugin = tmp.write("throws.mjs", "throw new Error('kaput');\n");
    const error = await pluginError(loadPlugin(plugin));
    expect(error.message).toContain(plugin);
    expect(error.message).toContain("kaput");
  });

  it("a rule without check, or with a bad meta", () => {
    const check = () => validatePluginRules({ "team/x": { meta: {} } }, "/p/team.js");
    expect(check).toThrow("Invalid plugin /p/team.js: rules.team/x.check: a rule needs a `check(context)` function");
    const meta = (m: Record<string, unknown>) => () =>
      validatePluginRules({ "team/x": { meta: { category: "im", defaultSeverity: "warn", messages: { m: "x" }, ...m }, check() {} } }, "/p/team.js");
    expect(meta({ category: "phones" })).toThrow('rules.team/x.meta.category: unknown category "phones". Did you mean "phone"?');
    expect(meta({ defaultSeverity: 2 })).toThrow("rules.team/x.meta.defaultSeverity: expected off, warn or error");
    expect(meta({ messages: {} })).toThrow("rules.team/x.meta.messages");
    expect(meta({ id: "team/y" })).toThrow('meta.id "team/y" differs from the key "team/x"');
    expect(meta({ schema: { type: "array" } })).toThrow("rules.team/x.meta.schema");
  });

  it("a rule id that clashes with a built-in or another plugin", async () => {
    const config = tmp.write(".offsitelintrc.yaml", "");
    const rule = `{ meta: { category: "email", defaultSeverity: "warn", messages: { m: "x" } }, check() {} }`;
    tmp.write("a.mjs", `export const rules = { "no-email": ${rule} };`);
    tmp.write("b.mjs", `export const rules = { "team/x": ${rule} };`);
    tmp.write("c.mjs", `export const rules = { "team/x": ${rule} };`);
    expect((await pluginError(loadPlugins(["./a.mjs"], config, BUILTIN_RULES))).message).toContain(
      'rule id "no-email" is a built-in rule; give the plugin\'s rule its own id (e.g. "team/no-email")',
    );
    expect((await pluginError(loadPlugins(["./b.mjs", "./c.mjs"], config, BUILTIN_RULES))).message).toContain(
      `rule id "team/x" is also defined by plugin ${tmp.dir}/b.mjs`,
    );
  });
});
