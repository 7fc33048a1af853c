// From a validated config to the settings that apply to one file, then to one field of it.
// Order, later winning: preset → `rules` → each matching `overrides` entry in order → `--rule`
// flags. Field settings (`fields`, then the overrides' `fields`) narrow that per field.

import { relative, sep } from "node:path";
import picomatch from "picomatch";
import type { Locale, SeverityLevel } from "../types.js";
import { ConfigError } from "./errors.js";
import { didYouMean } from "./suggest.js";
import type { Config, FieldSetting, KnownRules, OverrideConfig, Preset, RuleEntry, RulesConfig } from "./types.js";
import { parseSeverity, validateRuleSetting } from "./validate.js";

export { starterConfig } from "./starter.js";

export const DEFAULT_PLATFORM = "alibaba";

/** A rule's effective setting. `severity: 0` rules are kept (a field may not turn them back on, but reports show them). */
export interface RuleSetting {
  severity: SeverityLevel;
  options: Record<string, unknown>;
}

export type RuleSettings = Record<string, RuleSetting>;

export interface FieldPatternSetting {
  /** Field name or glob, as written in the config. */
  pattern: string;
  setting: FieldSetting;
}

export interface FileSettings {
  platform: string;
  /** The `strict` preset: rules report weaker signals too (`RuleContext.strict`). */
  strict: boolean;
  locale?: Locale;
  rules: RuleSettings;
  /** `fields` of the config, then of each matching override, in order. */
  fields: FieldPatternSetting[];
}

export interface FieldSettings {
  /** `ignore`: the field is not linted at all. */
  ignored: boolean;
  rules: RuleSettings;
}

/** `--rule id:severity` (or `id:[severity, {options}]`), parsed. */
export interface RuleFlag {
  ruleId: string;
  entry: RuleEntry;
  /** The flag as given, for messages. */
  flag: string;
}

export interface ResolveOptions {
  /** Every rule that exists: built-in, plugin and phrase rules. */
  rules: KnownRules;
  /** The file, relative to the config's folder (either separator). */
  filePath: string;
  /** `--rule` flags, applied last. */
  ruleFlags?: readonly RuleFlag[];
  /** `--platform`, which beats the config. */
  platform?: string;
}

export function resolveFileSettings(config: Config, options: ResolveOptions): FileSettings {
  const preset: Preset = config.extends ?? "recommended";
  let rules = applyRules(presetRules(options.rules, preset), config.rules);
  let platform = config.platform;
  const fields = fieldPatterns(config.fields);
  for (const override of matchingOverrides(config.overrides, options.filePath)) {
    if (override.rules) rules = applyRules(rules, override.rules);
    if (override.platform) platform = override.platform;
    if (override.fields) fields.push(...fieldPatterns(override.fields));
  }
  for (const flag of options.ruleFlags ?? []) rules = applyRules(rules, { [flag.ruleId]: flag.entry });
  const settings: FileSettings = {
    platform: options.platform ?? platform ?? DEFAULT_PLATFORM,
    strict: preset === "strict",
    rules,
    fields,
  };
  if (config.locale) settings.locale = config.locale;
  return settings;
}

/**
 * `recommended`: each rule at its `meta.defaultSeverity`. `strict`: every rule at least `warn`
 * (the `strict` flag, set by `resolveFileSettings`, makes rules report weaker signals too).
 */
export function presetRules(rules: KnownRules, preset: Preset): RuleSettings {
  const settings: RuleSettings = {};
  for (const [id, rule] of Object.entries(rules)) {
    const level = parseSeverity(rule.meta.defaultSeverity) ?? 0;
    settings[id] = { severity: preset === "strict" ? (Math.max(level, 1) as SeverityLevel) : level, options: {} };
  }
  return settings;
}

/** Layers config entries on settings; an entry without options keeps the earlier options. */
export function applyRules(base: RuleSettings, entries: RulesConfig): RuleSettings {
  const result: RuleSettings = { ...base };
  for (const [id, entry] of Object.entries(entries)) {
    result[id] = { severity: entry.severity, options: entry.options ?? base[id]?.options ?? {} };
  }
  return result;
}

// ---------------------------------------------------------------------------
// Files

export function matchingOverrides(overrides: readonly OverrideConfig[], filePath: string): OverrideConfig[] {
  const path = toPosixPath(filePath);
  return overrides.filter((override) => filesMatch(override.files, path));
}

/**
 * ESLint's override semantics: some positive glob matches and no `!` glob does; a glob without
 * `/` matches the file name in any folder (`*.csv`), one with `/` is anchored at the config's folder.
 */
export function filesMatch(patterns: readonly string[], filePath: string): boolean {
  const path = toPosixPath(filePath);
  const positive = patterns.filter((p) => !p.startsWith("!")).map(anchorFileGlob);
  const negative = patterns.filter((p) => p.startsWith("!")).map((p) => anchorFileGlob(p.slice(1)));
  if (positive.length === 0 || !picomatch(positive, { dot: true })(path)) return false;
  return negative.length === 0 || !picomatch(negative, { dot: true })(path);
}

function anchorFileGlob(pattern: string): string {
  const trimmed = pattern.replace(/^\.\//u, "");
  return trimmed.includes("/") ? trimmed.replace(/^\//u, "") : `**/${trimmed}`;
}

/** `a\b\c.csv` or `./a/b.csv` → `a/b.csv`: globs are written with `/` on every OS. */
export function toPosixPath(filePath: string): string {
  return filePath.replace(/\\/gu, "/").replace(/^(\.\/)+/u, "");
}

/** A file path relative to the config's folder, in the form `resolveFileSettings` wants. */
export function relativeToBase(baseDir: string, absolutePath: string): string {
  return relative(baseDir, absolutePath).split(sep).join("/");
}

// ---------------------------------------------------------------------------
// Fields

function fieldPatterns(fields: Config["fields"]): FieldPatternSetting[] {
  return Object.entries(fields).map(([pattern, setting]) => ({ pattern, setting }));
}

const fieldSettingsCache = new WeakMap<FileSettings, Map<string, FieldSettings>>();

/**
 * The settings for one field of a file: every matching `fields` entry in order; `ignore` skips the
 * field whatever comes after (a field someone marked as not-text, such as a SKU, stays skipped).
 * Memoised per file settings, since every record asks again for the same few field names.
 */
export function settingsForField(fileSettings: FileSettings, fieldName: string): FieldSettings {
  let cache = fieldSettingsCache.get(fileSettings);
  if (!cache) fieldSettingsCache.set(fileSettings, (cache = new Map()));
  const cached = cache.get(fieldName);
  if (cached) return cached;

  let rules = fileSettings.rules;
  let ignored = false;
  for (const { pattern, setting } of fileSettings.fields) {
    if (!fieldMatches(pattern, fieldName)) continue;
    if (setting === "ignore") ignored = true;
    else rules = applyRules(rules, setting.rules);
  }
  const result: FieldSettings = { ignored, rules };
  cache.set(fieldName, result);
  return result;
}

const fieldMatcherCache = new Map<string, (name: string) => boolean>();

/**
 * Exact name or glob, ignoring case (export headers vary: `Description`, `description`).
 * Brackets and parentheses are literal, since field names contain them: `images[*].alt` matches
 * `images[2].alt`, `Name (EN)` matches itself.
 */
export function fieldMatches(pattern: string, fieldName: string): boolean {
  if (pattern.toLowerCase() === fieldName.toLowerCase()) return true;
  if (!/[*?{]/u.test(pattern)) return false;
  let matcher = fieldMatcherCache.get(pattern);
  if (!matcher) {
    const escaped = pattern.replace(/[()]/gu, "\\$&");
    matcher = picomatch(escaped, { nocase: true, nobracket: true, noextglob: true, dot: true });
    fieldMatcherCache.set(pattern, matcher);
  }
  return matcher(fieldName);
}

// ---------------------------------------------------------------------------
// CLI flags

/**
 * `no-email:off`, `no-phone-number:2`, `no-external-link:["error",{"allow":["a.com"]}]`. With
 * `rules`, the id and options are checked too; every error names the flag.
 */
export function parseRuleFlag(flag: string, rules?: KnownRules): RuleFlag {
  const subject = `--rule ${JSON.stringify(flag)}`;
  const jsonAt = flag.indexOf(":[");
  const colon = jsonAt >= 0 ? jsonAt : flag.lastIndexOf(":");
  if (colon <= 0) {
    throw new ConfigError('expected "<rule-id>:<severity>", e.g. "no-email:off"', { subject });
  }
  const ruleId = flag.slice(0, colon).trim();
  const valueText = flag.slice(colon + 1).trim();
  if (rules && !(ruleId in rules)) {
    throw new ConfigError(`unknown rule "${ruleId}".${didYouMean(ruleId, Object.keys(rules))} Run \`offsite-lint rules\` to list the rules.`, {
      subject,
    });
  }
  let value: unknown = /^\d+$/u.test(valueText) ? Number(valueText) : valueText;
  if (valueText.startsWith("[")) {
    try {
      value = JSON.parse(valueText);
    } catch {
      throw new ConfigError(`the setting after ":" must be a severity or a JSON array [severity, {options}]`, { subject });
    }
  }
  const entry = validateRuleSetting(ruleId, value, rules ?? {}, subject);
  return { ruleId, entry, flag };
}
