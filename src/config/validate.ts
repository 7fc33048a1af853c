// Validation of a raw config into a `Config`. Every problem is a ConfigError that names the key
// path and, for a misspelt name, the nearest valid one. Validation is pure: the caller passes the
// known rules (built-ins and plugin rules) and platform ids, and adds file positions afterwards.

import { RE2JSException } from "re2js";
import { CATEGORIES, DEFAULT_LIMITS, type SourceLimits, type Bilingual, type Category, type Locale, type OptionsSchema, type SeverityLevel, type SeverityName } from "../types.js";
import { ConfigError, type KeyPath } from "./errors.js";
import { compilePhraseRegex, foldLiteral } from "./phrases.js";
import { didYouMean } from "./suggest.js";
import type {
  Config,
  FieldSetting,
  FieldsConfig,
  KnownRules,
  OverrideConfig,
  PhraseConfig,
  Preset,
  RuleEntry,
  RulesConfig,
} from "./types.js";

export const CONFIG_KEYS = [
  "platform",
  "extends",
  "rules",
  "fields",
  "overrides",
  "phrases",
  "plugins",
  "ignorePatterns",
  "locale",
  "penalties",
  "ocr",
  "limits",
] as const;

export const PRESETS: readonly Preset[] = ["recommended", "strict"];
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const SEVERITY_NAMES: readonly SeverityName[] = ["off", "warn", "error"];
const OVERRIDE_KEYS = ["files", "rules", "fields", "platform"];
const FIELD_KEYS = ["rules"];
const PHRASE_KEYS = ["id", "category", "severity", "message", "match", "regex"];

export interface ValidateOptions {
  /** The config file, named in every error. */
  filepath?: string;
  /** Built-in and plugin rules; phrase rules are added from the config itself. */
  rules: KnownRules;
  platforms: readonly string[];
}

/** The checks' shared state: where errors point, and which names are valid. */
interface Checker {
  filepath?: string;
  /** Set when the setting comes from a CLI flag rather than a file. */
  subject?: string;
  platforms: readonly string[];
  rules: KnownRules;
  /** Rule ids a config may name: known rules and this config's phrase ids. */
  ruleIds: Set<string>;
}

export function validateConfig(raw: unknown, options: ValidateOptions): Config {
  const checker: Checker = {
    filepath: options.filepath,
    platforms: options.platforms,
    rules: options.rules,
    ruleIds: new Set(Object.keys(options.rules)),
  };
  // A YAML key left empty (`rules:` followed only by comments) reads as null: treat it as unset.
  const input = Object.fromEntries(Object.entries(expectObject(checker, raw, [])).filter(([, v]) => v !== null));
  for (const key of Object.keys(input)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      fail(checker, [key], `unknown key "${key}".${didYouMean(key, CONFIG_KEYS)} Valid keys: ${CONFIG_KEYS.join(", ")}.`);
    }
  }

  // Phrases first: their ids become rule ids that `rules`, `fields` and `overrides` may name.
  const phrases = input.phrases === undefined ? [] : validatePhrases(checker, input.phrases, ["phrases"]);
  for (const phrase of phrases) checker.ruleIds.add(phrase.id);

  const config: Config = {
    rules: input.rules === undefined ? {} : validateRules(checker, input.rules, ["rules"]),
    fields: input.fields === undefined ? {} : validateFields(checker, input.fields, ["fields"]),
    overrides: input.overrides === undefined ? [] : validateOverrides(checker, input.overrides, ["overrides"]),
    phrases,
    plugins: input.plugins === undefined ? [] : validatePluginList(input.plugins, options.filepath),
    ignorePatterns: input.ignorePatterns === undefined ? [] : expectStringList(checker, input.ignorePatterns, ["ignorePatterns"]),
  };
  if (input.platform !== undefined) config.platform = validatePlatform(checker, input.platform, ["platform"]);
  if (input.extends !== undefined) config.extends = expectOneOf(checker, input.extends, ["extends"], PRESETS, "preset");
  if (input.locale !== undefined) config.locale = expectOneOf(checker, input.locale, ["locale"], LOCALES, "locale");
  if (input.penalties !== undefined) config.penalties = expectObject(checker, input.penalties, ["penalties"]);
  if (input.ocr !== undefined) {
    if (typeof input.ocr !== "boolean") fail(checker, ["ocr"], "must be true or false.");
    config.ocr = input.ocr as boolean;
  }
  if (input.limits !== undefined) config.limits = validateLimits(checker, input.limits, ["limits"]);
  return config;
}

/** `limits`: positive whole numbers for the hostile-input limits (`maxImagePixels`, …). */
function validateLimits(checker: Checker, value: unknown, path: KeyPath): Partial<SourceLimits> {
  const input = expectObject(checker, value, path);
  const keys = Object.keys(DEFAULT_LIMITS) as Array<keyof SourceLimits>;
  const limits: Partial<SourceLimits> = {};
  for (const [key, limit] of Object.entries(input)) {
    if (!(keys as string[]).includes(key)) fail(checker, [...path, key], `unknown limit "${key}".${didYouMean(key, keys)} Valid limits: ${keys.join(", ")}.`);
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit <= 0) fail(checker, [...path, key], "must be a positive whole number.");
    limits[key as keyof SourceLimits] = limit as number;
  }
  return limits;
}

/** `plugins`: a list of module specifiers. Exported because plugins load before validation. */
export function validatePluginList(value: unknown, filepath?: string): string[] {
  const checker: Checker = { filepath, platforms: [], rules: {}, ruleIds: new Set() };
  return expectStringList(checker, value, ["plugins"]);
}

// ---------------------------------------------------------------------------
// Rules

function validateRules(checker: Checker, value: unknown, path: KeyPath): RulesConfig {
  const input = expectObject(checker, value, path);
  const rules: RulesConfig = {};
  for (const [ruleId, setting] of Object.entries(input)) {
    const rulePath = [...path, ruleId];
    if (!checker.ruleIds.has(ruleId)) {
      fail(
        checker,
        rulePath,
        `unknown rule "${ruleId}".${didYouMean(ruleId, checker.ruleIds)} Run \`offsite-lint rules\` to list the rules.`,
      );
    }
    rules[ruleId] = validateRuleEntry(checker, ruleId, setting, rulePath);
  }
  return rules;
}

/** `warn`, `2`, `[error]` or `[error, { ...options }]`. */
function validateRuleEntry(checker: Checker, ruleId: string, value: unknown, path: KeyPath): RuleEntry {
  if (!Array.isArray(value)) return { severity: expectSeverity(checker, value, path) };
  if (value.length < 1 || value.length > 2) {
    fail(checker, path, `expected a severity or [severity, options], got an array of ${value.length} items`);
  }
  const severity = expectSeverity(checker, value[0], [...path, 0]);
  if (value.length === 1) return { severity };
  // Phrase rules take no options; a rule we know nothing about (a flag parsed without the rule
  // list) can't be checked.
  const schema = checker.rules[ruleId]?.meta.schema ?? (checker.ruleIds.has(ruleId) ? EMPTY_SCHEMA : ANY_OPTIONS);
  return { severity, options: validateRuleOptions(checker, ruleId, value[1], schema, [...path, 1]) };
}

const EMPTY_SCHEMA: OptionsSchema = { type: "object", properties: {}, additionalProperties: false };
const ANY_OPTIONS: OptionsSchema = { type: "object", properties: {}, additionalProperties: true };

/**
 * One rule setting from outside a config file (the `--rule` flag); errors name `subject`.
 * The rule id itself is not checked here.
 */
export function validateRuleSetting(ruleId: string, value: unknown, rules: KnownRules, subject: string): RuleEntry {
  const checker: Checker = { subject, platforms: [], rules, ruleIds: new Set(Object.keys(rules)) };
  return validateRuleEntry(checker, ruleId, value, []);
}

function validateRuleOptions(
  checker: Checker,
  ruleId: string,
  value: unknown,
  schema: OptionsSchema,
  path: KeyPath,
): Record<string, unknown> {
  const options = expectObject(checker, value, path);
  const names = Object.keys(schema.properties);
  for (const [name, optionValue] of Object.entries(options)) {
    const property = schema.properties[name];
    if (!property) {
      if (schema.additionalProperties === true) continue;
      const valid = names.length > 0 ? ` Options: ${names.join(", ")}.` : ` The rule takes no options.`;
      fail(checker, [...path, name], `unknown option "${name}" for rule "${ruleId}".${didYouMean(name, names)}${valid}`);
    }
    checkOptionType(checker, optionValue, property.type, property.items?.type, [...path, name]);
  }
  return options;
}

function checkOptionType(
  checker: Checker,
  value: unknown,
  type: string,
  itemType: string | undefined,
  path: KeyPath,
): void {
  if (!matchesJsonType(value, type)) {
    fail(checker, path, `expected ${withArticle(type)}, got ${describeValue(value)}`);
  }
  if (type === "array" && itemType !== undefined) {
    (value as unknown[]).forEach((item, index) => checkOptionType(checker, item, itemType, undefined, [...path, index]));
  }
}

/** The JSON Schema primitive types; an unfamiliar type name is not checked. */
function matchesJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isPlainObject(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

/** `off|warn|error|0|1|2` to 0/1/2, or undefined. */
export function parseSeverity(value: unknown): SeverityLevel | undefined {
  switch (value) {
    case "off":
    case 0:
      return 0;
    case "warn":
    case 1:
      return 1;
    case "error":
    case 2:
      return 2;
    default:
      return undefined;
  }
}

export function severityName(level: SeverityLevel): SeverityName {
  return SEVERITY_NAMES[level]!;
}

function expectSeverity(checker: Checker, value: unknown, path: KeyPath): SeverityLevel {
  const level = parseSeverity(value);
  if (level !== undefined) return level;
  const hint = typeof value === "string" ? didYouMean(value, SEVERITY_NAMES) : "";
  return fail(checker, path, `invalid severity ${describeValue(value)}: use off, warn, error (or 0, 1, 2).${hint}`);
}

// ---------------------------------------------------------------------------
// Fields and overrides

function validateFields(checker: Checker, value: unknown, path: KeyPath): FieldsConfig {
  const input = expectObject(checker, value, path);
  const fields: FieldsConfig = {};
  for (const [pattern, setting] of Object.entries(input)) {
    fields[pattern] = validateFieldSetting(checker, setting, [...path, pattern]);
  }
  return fields;
}

function validateFieldSetting(checker: Checker, value: unknown, path: KeyPath): FieldSetting {
  if (typeof value === "string") {
    if (value === "ignore") return "ignore";
    fail(checker, path, `expected "ignore" or { rules: {...} }, got "${value}".${didYouMean(value, ["ignore"])}`);
  }
  const input = expectObject(checker, value, path);
  rejectUnknownKeys(checker, input, FIELD_KEYS, path);
  return { rules: input.rules === undefined ? {} : validateRules(checker, input.rules, [...path, "rules"]) };
}

function validateOverrides(checker: Checker, value: unknown, path: KeyPath): OverrideConfig[] {
  if (!Array.isArray(value)) fail(checker, path, `expected a list of { files, rules, fields, platform }, got ${describeValue(value)}`);
  return (value as unknown[]).map((entry, index) => validateOverride(checker, entry, [...path, index]));
}

function validateOverride(checker: Checker, value: unknown, path: KeyPath): OverrideConfig {
  const input = expectObject(checker, value, path);
  rejectUnknownKeys(checker, input, OVERRIDE_KEYS, path);
  if (input.files === undefined) fail(checker, path, `an override needs "files": the globs it applies to`);
  const files = typeof input.files === "string" ? [input.files] : expectStringList(checker, input.files, [...path, "files"]);
  if (files.length === 0) fail(checker, [...path, "files"], `an override needs at least one glob`);
  const override: OverrideConfig = { files };
  if (input.rules !== undefined) override.rules = validateRules(checker, input.rules, [...path, "rules"]);
  if (input.fields !== undefined) override.fields = validateFields(checker, input.fields, [...path, "fields"]);
  if (input.platform !== undefined) override.platform = validatePlatform(checker, input.platform, [...path, "platform"]);
  return override;
}

function validatePlatform(checker: Checker, value: unknown, path: KeyPath): string {
  return expectOneOf(checker, value, path, checker.platforms, "platform");
}

/** For `--platform`: the same check and message as the config key. */
export function assertKnownPlatform(id: string, platforms: readonly string[], flag = "--platform"): string {
  if (platforms.includes(id)) return id;
  throw new ConfigError(`unknown platform "${id}".${didYouMean(id, platforms)} Valid: ${platforms.join(", ")}.`, {
    subject: `${flag} "${id}"`,
  });
}

// ---------------------------------------------------------------------------
// Phrases

function validatePhrases(checker: Checker, value: unknown, path: KeyPath): PhraseConfig[] {
  if (!Array.isArray(value)) fail(checker, path, `expected a list of phrase rules, got ${describeValue(value)}`);
  const seen = new Set<string>();
  return (value as unknown[]).map((entry, index) => {
    const phrase = validatePhrase(checker, entry, [...path, index]);
    if (seen.has(phrase.id)) fail(checker, [...path, index, "id"], `duplicate phrase id "${phrase.id}"`);
    seen.add(phrase.id);
    return phrase;
  });
}

function validatePhrase(checker: Checker, value: unknown, path: KeyPath): PhraseConfig {
  const input = expectObject(checker, value, path);
  rejectUnknownKeys(checker, input, PHRASE_KEYS, path);
  for (const key of ["id", "category", "severity", "message"]) {
    if (input[key] === undefined) fail(checker, path, `a phrase rule needs "${key}"`);
  }
  const id = expectString(checker, input.id, [...path, "id"]);
  // `:` separates id and severity in `--rule id:severity`; spaces would need quoting everywhere.
  if (!/^[^\s:]+$/u.test(id)) fail(checker, [...path, "id"], `phrase id "${id}" must not contain spaces or ":"`);
  if (checker.ruleIds.has(id)) fail(checker, [...path, "id"], `phrase id "${id}" is already a rule id; choose another (e.g. "team/${id}")`);

  const category = expectOneOf(checker, input.category, [...path, "category"], CATEGORIES, "category") as Category;
  const level = expectSeverity(checker, input.severity, [...path, "severity"]);
  const message = validatePhraseMessage(checker, input.message, [...path, "message"]);
  const match = input.match === undefined ? [] : expectStringList(checker, input.match, [...path, "match"]);
  const regex = input.regex === undefined ? [] : expectStringList(checker, input.regex, [...path, "regex"]);
  if (match.length === 0 && regex.length === 0) {
    fail(checker, path, `phrase "${id}" needs "match" (literals) or "regex" (RE2 patterns)`);
  }
  match.forEach((literal, index) => {
    if (foldLiteral(literal).trim() === "") fail(checker, [...path, "match", index], `phrase "${id}": an empty literal matches nothing`);
  });
  regex.forEach((pattern, index) => checkPhraseRegex(checker, id, pattern, [...path, "regex", index]));
  return { id, category, severity: severityName(level), message, match, regex };
}

/** A string (used for both languages) or `{ en, zh-CN }`. */
function validatePhraseMessage(checker: Checker, value: unknown, path: KeyPath): Bilingual {
  if (typeof value === "string" && value.trim() !== "") return { en: value, "zh-CN": value };
  if (isPlainObject(value)) {
    rejectUnknownKeys(checker, value, LOCALES, path);
    const en = value.en === undefined ? undefined : expectString(checker, value.en, [...path, "en"]);
    const zh = value["zh-CN"] === undefined ? undefined : expectString(checker, value["zh-CN"], [...path, "zh-CN"]);
    if (en !== undefined || zh !== undefined) return { en: en ?? zh!, "zh-CN": zh ?? en! };
  }
  return fail(checker, path, `expected a message string (or { en, zh-CN }), got ${describeValue(value)}`);
}

/** The pattern must compile under RE2: linear time, so a hostile pattern can't hang the run. */
function checkPhraseRegex(checker: Checker, id: string, pattern: string, path: KeyPath): void {
  try {
    compilePhraseRegex(pattern);
  } catch (error) {
    const reason = error instanceof RE2JSException ? error.message : String(error);
    fail(
      checker,
      path,
      `phrase "${id}": regex ${JSON.stringify(pattern)} is not valid RE2 syntax (${reason}). ` +
        `RE2 has no backreferences or lookaround; see https://github.com/google/re2/wiki/Syntax`,
    );
  }
}

// ---------------------------------------------------------------------------
// Small shape checks

function fail(checker: Checker, keyPath: KeyPath, detail: string): never {
  throw new ConfigError(detail, { filepath: checker.filepath, keyPath, subject: checker.subject });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function expectObject(checker: Checker, value: unknown, path: KeyPath): Record<string, unknown> {
  if (!isPlainObject(value)) fail(checker, path, `expected an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

function expectString(checker: Checker, value: unknown, path: KeyPath): string {
  if (typeof value !== "string" || value === "") fail(checker, path, `expected a non-empty string, got ${describeValue(value)}`);
  return value as string;
}

function expectStringList(checker: Checker, value: unknown, path: KeyPath): string[] {
  if (!Array.isArray(value)) fail(checker, path, `expected a list of strings, got ${describeValue(value)}`);
  return (value as unknown[]).map((item, index) => expectString(checker, item, [...path, index]));
}

function expectOneOf<T extends string>(
  checker: Checker,
  value: unknown,
  path: KeyPath,
  allowed: readonly T[],
  what: string,
): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
  const shown = typeof value === "string" ? `"${value}"` : describeValue(value);
  return fail(checker, path, `unknown ${what} ${shown}.${hint} Valid: ${allowed.join(", ")}.`);
}

function rejectUnknownKeys(checker: Checker, input: Record<string, unknown>, allowed: readonly string[], path: KeyPath): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      fail(checker, [...path, key], `unknown key "${key}".${didYouMean(key, allowed)} Valid keys: ${allowed.join(", ")}.`);
    }
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function withArticle(type: string): string {
  return /^[aeiou]/u.test(type) ? `an ${type}` : `a ${type}`;
}
