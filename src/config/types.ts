// The validated configuration: what `validateConfig` returns and `resolve` consumes.
// Rule settings are normalised to numbers here, once, so resolution never re-parses them.

import type { Bilingual, Category, Locale, Rule, RuleMeta, SeverityLevel, SeverityName } from "../types.js";

/** What validation and resolution need to know about a rule: its meta (a whole `Rule` fits). */
export type KnownRules = Readonly<Record<string, { readonly meta: RuleMeta }>>;

export type Preset = "recommended" | "strict";

/** One rule's setting as written in a config: severity, and options when given. */
export interface RuleEntry {
  severity: SeverityLevel;
  /** Absent: keep the options set earlier (a later `warn` only changes the severity, as ESLint). */
  options?: Record<string, unknown>;
}

export type RulesConfig = Record<string, RuleEntry>;

/** Per-field setting: skip the field, or change rules for it. */
export type FieldSetting = "ignore" | { rules: RulesConfig };

export type FieldsConfig = Record<string, FieldSetting>;

export interface OverrideConfig {
  /** Globs relative to the config's folder; a glob without `/` matches the file name anywhere. */
  files: string[];
  rules?: RulesConfig;
  fields?: FieldsConfig;
  platform?: string;
}

export interface PhraseConfig {
  id: string;
  category: Category;
  severity: SeverityName;
  message: Bilingual;
  /** Literals, matched on the folded text (width, case, variants). */
  match: string[];
  /** RE2 patterns, run on the folded text. */
  regex: string[];
}

export interface Config {
  platform?: string;
  extends?: Preset;
  rules: RulesConfig;
  fields: FieldsConfig;
  overrides: OverrideConfig[];
  phrases: PhraseConfig[];
  /** Module specifiers as written; `plugins.ts` resolves them against the config file. */
  plugins: string[];
  ignorePatterns: string[];
  locale?: Locale;
  /** User overrides of penalty profile numbers; validated by the penalties module. */
  penalties?: Record<string, unknown>;
  /** Read text drawn on images (default true); `--no-ocr` beats it. */
  ocr?: boolean;
  /** Hostile-input limits that differ from the defaults. */
  limits?: Partial<import("../types.js").SourceLimits>;
}

/** A loaded, validated config with everything needed to resolve per-file settings. */
export interface LoadedConfig {
  config: Config;
  /** The config file, when there is one. */
  filepath?: string;
  /** Folder that `overrides[].files` and `ignorePatterns` are relative to. */
  baseDir: string;
  /** Built-in, plugin and phrase rules together, by id. */
  rules: Record<string, Rule>;
}

export function emptyConfig(): Config {
  return { rules: {}, fields: {}, overrides: [], phrases: [], plugins: [], ignorePatterns: [] };
}
