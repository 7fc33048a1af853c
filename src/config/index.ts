// The config module's front door: find the file, load its plugins, validate it, build the phrase
// rules, and hand back everything `resolveFileSettings` needs.

import { dirname, resolve } from "node:path";
import type { Rule } from "../types.js";
import { ConfigError } from "./errors.js";
import { findKeyPosition, loadRawConfig, type LoadRawConfigOptions } from "./load.js";
import { phraseRules, type FoldLiteral } from "./phrases.js";
import { loadPlugins } from "./plugins.js";
import { emptyConfig, type LoadedConfig } from "./types.js";
import { validateConfig, validatePluginList } from "./validate.js";

export interface LoadConfigOptions extends LoadRawConfigOptions {
  /** The built-in rules, by id. */
  builtinRules: Record<string, Rule>;
  /** Valid platform ids. */
  platforms: readonly string[];
  /** Folding for phrase literals; default NFKC + lower case (see `phrases.ts`). */
  foldLiteral?: FoldLiteral;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config: raw, filepath } = await loadRawConfig({ ...options, cwd });
  if (raw === null || filepath === undefined) {
    return { config: emptyConfig(), baseDir: cwd, rules: { ...options.builtinRules } };
  }
  try {
    // Plugins first: their rule ids are valid names in `rules`, `fields` and `overrides`.
    const pluginSpecifiers = raw.plugins == null ? [] : validatePluginList(raw.plugins, filepath);
    const pluginRules = await loadPlugins(pluginSpecifiers, filepath, options.builtinRules);
    const knownRules = { ...options.builtinRules, ...pluginRules };
    const config = validateConfig(raw, { filepath, rules: knownRules, platforms: options.platforms });
    const rules = { ...knownRules, ...phraseRules(config.phrases, { fold: options.foldLiteral }) };
    return { config, filepath, baseDir: dirname(filepath), rules };
  } catch (error) {
    throw withKeyPosition(error);
  }
}

/** Adds the line of the offending key, for errors about the config file itself. */
function withKeyPosition(error: unknown): unknown {
  if (!(error instanceof ConfigError) || error.line !== undefined || error.subject !== undefined) return error;
  if (!error.filepath || !error.keyPath) return error;
  const position = findKeyPosition(error.filepath, error.keyPath);
  return position ? error.withPosition(position.line, position.column) : error;
}

export { ConfigError, formatKeyPath, type KeyPath } from "./errors.js";
export { loadRawConfig, SEARCH_PLACES, MODULE_NAME, type RawConfig, type RawConfigResult, type LoadRawConfigOptions } from "./load.js";
export { validateConfig, assertKnownPlatform, parseSeverity, CONFIG_KEYS } from "./validate.js";
export { loadPlugins, loadPlugin, resolvePluginPath } from "./plugins.js";
export { phraseRule, phraseRules, foldLiteral, compilePhraseRegex, type FoldLiteral } from "./phrases.js";
export {
  resolveFileSettings,
  settingsForField,
  parseRuleFlag,
  relativeToBase,
  DEFAULT_PLATFORM,
  type FileSettings,
  type FieldSettings,
  type RuleSetting,
  type RuleSettings,
  type RuleFlag,
  type ResolveOptions,
} from "./resolve.js";
export { starterConfig, STARTER_FILENAME } from "./starter.js";
export type * from "./types.js";
