// Plugins: modules that export `rules: Record<string, Rule>`, the same interface as the built-in
// rules. Paths are relative to the config file that lists them (as ESLint's were), so a config
// works from whatever folder the CLI runs in.

import { createRequire } from "node:module";
import { dirname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CATEGORIES, type Bilingual, type Rule, type RuleMeta } from "../types.js";
import { ConfigError, type KeyPath } from "./errors.js";
import { didYouMean } from "./suggest.js";
import type { KnownRules } from "./types.js";
import { isPlainObject, SEVERITY_NAMES } from "./validate.js";

/** Loads every plugin; their rule ids must not clash with built-ins or with each other. */
export async function loadPlugins(
  specifiers: readonly string[],
  configFilePath: string,
  builtinRules: KnownRules = {},
): Promise<Record<string, Rule>> {
  const rules: Record<string, Rule> = {};
  const origin = new Map<string, string>();
  for (const specifier of specifiers) {
    const pluginFile = resolvePluginPath(specifier, configFilePath);
    const pluginRules = await loadPlugin(pluginFile, configFilePath);
    for (const [id, rule] of Object.entries(pluginRules)) {
      if (id in builtinRules) {
        throw pluginError(pluginFile, configFilePath, ["rules", id], `rule id "${id}" is a built-in rule; give the plugin's rule its own id (e.g. "team/${id}")`);
      }
      const earlier = origin.get(id);
      if (earlier !== undefined) {
        throw pluginError(pluginFile, configFilePath, ["rules", id], `rule id "${id}" is also defined by plugin ${earlier}`);
      }
      origin.set(id, pluginFile);
      rules[id] = rule;
    }
  }
  return rules;
}

/** `./x.js` and absolute paths: from the config's folder; a bare name: a package, as Node resolves it from there. */
export function resolvePluginPath(specifier: string, configFilePath: string): string {
  const base = dirname(configFilePath);
  if (isAbsolute(specifier) || specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith(".\\") || specifier.startsWith("..\\")) {
    return resolve(base, specifier);
  }
  try {
    return createRequire(resolve(base, "noop.js")).resolve(specifier);
  } catch {
    throw new ConfigError(`cannot find plugin "${specifier}" (a package name; use "./${specifier}" for a file next to the config)`, {
      filepath: configFilePath,
      keyPath: ["plugins"],
    });
  }
}

/** Imports one plugin module and checks what it exports. */
export async function loadPlugin(pluginFile: string, configFilePath?: string): Promise<Record<string, Rule>> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(pluginFile).href)) as Record<string, unknown>;
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes(pluginFile) ? "file not found" : `cannot load it: ${err.message ?? String(error)}`;
    throw pluginError(pluginFile, configFilePath, [], reason);
  }
  // ESM `export const rules`, or CommonJS `module.exports = { rules }` (which arrives as default).
  const defaultExport = exports.default;
  const rules = exports.rules ?? (isPlainObject(defaultExport) ? defaultExport.rules : undefined);
  return validatePluginRules(rules, pluginFile, configFilePath);
}

/**
 * Checks the exported rules and fills the optional parts of `meta` (docs, schema), so the rest of
 * the program can rely on the full `Rule` shape whatever a plugin left out.
 */
export function validatePluginRules(value: unknown, pluginFile: string, configFilePath?: string): Record<string, Rule> {
  if (!isPlainObject(value)) {
    throw pluginError(pluginFile, configFilePath, [], "a plugin must export `rules`: an object of rule id → { meta, check }");
  }
  const rules: Record<string, Rule> = {};
  for (const [id, rule] of Object.entries(value)) {
    rules[id] = validatePluginRule(id, rule, (path, detail) => pluginError(pluginFile, configFilePath, ["rules", id, ...path], detail));
  }
  return rules;
}

type Fail = (path: KeyPath, detail: string) => ConfigError;

function validatePluginRule(id: string, value: unknown, fail: Fail): Rule {
  if (!/^[^\s:]+$/u.test(id)) throw fail([], `rule id "${id}" must not contain spaces or ":"`);
  if (!isPlainObject(value)) throw fail([], "a rule must be an object { meta, check }");
  const check = value.check;
  if (typeof check !== "function") throw fail(["check"], "a rule needs a `check(context)` function");
  if (!isPlainObject(value.meta)) throw fail(["meta"], "a rule needs `meta` (id, category, defaultSeverity, messages)");
  const meta = validatePluginMeta(id, value.meta, fail);
  const original = value as unknown as Rule;
  return { meta, check: (context) => check.call(original, context) };
}

function validatePluginMeta(id: string, meta: Record<string, unknown>, fail: Fail): RuleMeta {
  if (meta.id !== undefined && meta.id !== id) throw fail(["meta", "id"], `meta.id "${String(meta.id)}" differs from the key "${id}" it is exported under`);
  const category = meta.category;
  if (typeof category !== "string" || !(CATEGORIES as readonly string[]).includes(category)) {
    throw fail(["meta", "category"], `unknown category ${JSON.stringify(category)}.${typeof category === "string" ? didYouMean(category, CATEGORIES) : ""} Valid: ${CATEGORIES.join(", ")}.`);
  }
  const severity = meta.defaultSeverity;
  if (typeof severity !== "string" || !(SEVERITY_NAMES as readonly string[]).includes(severity)) {
    throw fail(["meta", "defaultSeverity"], `expected off, warn or error, got ${JSON.stringify(severity)}`);
  }
  if (!isPlainObject(meta.messages) || Object.keys(meta.messages).length === 0) {
    throw fail(["meta", "messages"], "expected an object of messageId → message text");
  }
  const messages: Record<string, Bilingual> = {};
  for (const [messageId, text] of Object.entries(meta.messages)) {
    messages[messageId] = expectBilingual(text, ["meta", "messages", messageId], fail);
  }
  const description = meta.description === undefined ? { en: id, "zh-CN": id } : expectBilingual(meta.description, ["meta", "description"], fail);
  return {
    id,
    category: category as RuleMeta["category"],
    defaultSeverity: severity as RuleMeta["defaultSeverity"],
    description,
    docs: validateDocs(meta.docs, description, fail),
    messages,
    schema: validateSchema(meta.schema, fail),
    ...(meta.fixable === true || meta.fixable === "code" || meta.fixable === "whitespace" ? { fixable: meta.fixable } : {}),
    ...(meta.hasSuggestions === true ? { hasSuggestions: true } : {}),
    ...(meta.replacement !== undefined ? { replacement: expectBilingual(meta.replacement, ["meta", "replacement"], fail) } : {}),
  };
}

function validateDocs(value: unknown, description: Bilingual, fail: Fail): RuleMeta["docs"] {
  if (value === undefined) return { url: "", why: description, fix: description };
  if (!isPlainObject(value)) throw fail(["meta", "docs"], "expected { url, why, fix }");
  const url = value.url === undefined ? "" : value.url;
  if (typeof url !== "string") throw fail(["meta", "docs", "url"], "expected a string");
  return {
    url,
    why: value.why === undefined ? description : expectBilingual(value.why, ["meta", "docs", "why"], fail),
    fix: value.fix === undefined ? description : expectBilingual(value.fix, ["meta", "docs", "fix"], fail),
  };
}

function validateSchema(value: unknown, fail: Fail): RuleMeta["schema"] {
  if (value === undefined) return { type: "object", properties: {}, additionalProperties: false };
  if (!isPlainObject(value) || value.type !== "object" || !isPlainObject(value.properties)) {
    throw fail(["meta", "schema"], 'expected { type: "object", properties: { ... } }');
  }
  for (const [name, property] of Object.entries(value.properties)) {
    if (!isPlainObject(property) || typeof property.type !== "string") {
      throw fail(["meta", "schema", "properties", name], 'expected { type: "string" | "number" | "boolean" | "array" | ... }');
    }
  }
  return value as unknown as RuleMeta["schema"];
}

/** A string serves both languages; otherwise `{ en, zh-CN }`. */
function expectBilingual(value: unknown, path: KeyPath, fail: Fail): Bilingual {
  if (typeof value === "string") return { en: value, "zh-CN": value };
  if (isPlainObject(value) && (typeof value.en === "string" || typeof value["zh-CN"] === "string")) {
    const en = typeof value.en === "string" ? value.en : (value["zh-CN"] as string);
    const zh = typeof value["zh-CN"] === "string" ? value["zh-CN"] : en;
    return { en, "zh-CN": zh };
  }
  throw fail(path, 'expected a string or { en, "zh-CN" }');
}

function pluginError(pluginFile: string, configFilePath: string | undefined, keyPath: KeyPath, detail: string): ConfigError {
  const listedIn = configFilePath ? ` (listed in ${configFilePath})` : "";
  return new ConfigError(detail, { filepath: pluginFile, keyPath, subject: `plugin ${pluginFile}${listedIn}` });
}
