// Finding and reading the config file. Discovery is cosmiconfig's (module name `offsitelint`),
// with our own search places and JSON/YAML loaders so that parse errors carry a line and column.

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, extname, resolve } from "node:path";
import { cosmiconfig, defaultLoaders, type Loader } from "cosmiconfig";
import * as jsonc from "jsonc-parser";
import type { Node as YamlNode } from "yaml";
import { yaml } from "../lazy-modules.js";
import { ConfigError, type KeyPath } from "./errors.js";

export const MODULE_NAME = "offsitelint";

/** The config as read from its file, before validation. */
export type RawConfig = Record<string, unknown>;

export interface LoadRawConfigOptions {
  /** Where the upward search starts (default: `process.cwd()`). */
  cwd?: string;
  /** `-c <file>`: load exactly this file, relative to `cwd`; no search. */
  configFile?: string;
  /** `--no-config-lookup`: use no config at all. */
  noConfigLookup?: boolean;
  /** Last directory searched (default: the home directory; the search also stops at the root). */
  stopDir?: string;
}

export interface RawConfigResult {
  config: RawConfig | null;
  filepath?: string;
}

/**
 * The documented places, in cosmiconfig's precedence order. No `.config/` folder and no
 * TypeScript configs: the public contract lists exactly these.
 */
export const SEARCH_PLACES: readonly string[] = [
  "package.json",
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.cjs`,
  `.${MODULE_NAME}rc.mjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.mjs`,
];

export async function loadRawConfig(options: LoadRawConfigOptions = {}): Promise<RawConfigResult> {
  // As ESLint: `-c <file>` is used even with `--no-config-lookup`, which only stops the search.
  const cwd = resolve(options.cwd ?? process.cwd());
  if (options.configFile !== undefined) return loadConfigFile(resolve(cwd, options.configFile));
  if (options.noConfigLookup) return { config: null };
  return searchConfig(cwd, resolve(options.stopDir ?? homedir()));
}

/** `-c <file>`: that file, whatever its name; an empty file is an empty config. */
export async function loadConfigFile(filepath: string): Promise<RawConfigResult> {
  const explorer = createExplorer();
  try {
    const result = await explorer.load(filepath);
    return { config: asRawConfig(result?.config ?? {}, filepath), filepath };
  } catch (error) {
    throw toConfigError(error, filepath);
  }
}

/**
 * Walks from `startDir` up to `stopDir` (inclusive) or the filesystem root, and returns the first
 * config found. We walk ourselves instead of using cosmiconfig's `global` strategy, which would
 * also read the OS-wide config folder (`~/.config/offsitelint/`), a place users aren't told about.
 */
export async function searchConfig(startDir: string, stopDir: string): Promise<RawConfigResult> {
  const explorer = createExplorer();
  for (const dir of directoriesUpward(startDir, stopDir)) {
    let result;
    try {
      result = await explorer.search(dir);
    } catch (error) {
      throw toConfigError(error, undefined);
    }
    if (result) return { config: asRawConfig(result.config ?? {}, result.filepath), filepath: result.filepath };
  }
  return { config: null };
}

/** `startDir`, its parent, ... ending at `stopDir` when it is an ancestor, else at the root. */
export function directoriesUpward(startDir: string, stopDir: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(startDir);
  const stop = resolve(stopDir);
  for (;;) {
    dirs.push(dir);
    if (dir === stop) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}

function createExplorer() {
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    // Each search looks in one directory; `searchConfig` does the walking.
    searchStrategy: "none",
    // A config file that exists but is empty still ends the search: the user made it.
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: {
      ".json": loadJsonConfig,
      ".yaml": loadYamlConfig,
      ".yml": loadYamlConfig,
      noExt: loadJsonOrYamlConfig,
      // `-c` accepts any file name; anything that isn't JS is read as JSON or YAML.
      default: loadJsonOrYamlConfig,
      ".js": defaultLoaders[".js"],
      ".cjs": defaultLoaders[".cjs"],
      ".mjs": defaultLoaders[".mjs"],
    },
  });
}

// ---------------------------------------------------------------------------
// Loaders. They return `{}` rather than null for an empty document: cosmiconfig treats null as
// "no config here" and would keep searching past a file the user wrote on purpose.

export const loadJsonConfig: Loader = (filepath, content) => {
  // package.json without our key must stay "not found", so only the parse is ours.
  return parseJsonText(filepath, content) ?? (basename(filepath) === "package.json" ? null : {});
};

export const loadYamlConfig: Loader = (filepath, content) => parseYamlText(filepath, content) ?? {};

/** `.offsitelintrc` holds JSON or YAML, as ESLint's did: an object literal means JSON. */
export const loadJsonOrYamlConfig: Loader = (filepath, content) =>
  (looksLikeJson(content) ? parseJsonText(filepath, content) : parseYamlText(filepath, content)) ?? {};

function looksLikeJson(content: string): boolean {
  return /^\s*\{/u.test(content.replace(/^\uFEFF/u, ""));
}

/** JSON with comments allowed (as `.eslintrc.json`); errors name the line and column. */
export function parseJsonText(filepath: string, content: string): unknown {
  const errors: jsonc.ParseError[] = [];
  const value: unknown = jsonc.parse(content.replace(/^\uFEFF/u, ""), errors, {
    allowTrailingComma: true,
    disallowComments: false,
  });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(content, first.offset);
    throw new ConfigError(`JSON syntax error: ${describeJsonError(jsonc.printParseErrorCode(first.error))}`, {
      filepath,
      line,
      column,
    });
  }
  return value;
}

function describeJsonError(code: string): string {
  // "CommaExpected" -> "comma expected"
  return code.replace(/([a-z])([A-Z])/gu, "$1 $2").toLowerCase();
}

/** YAML 1.2 (so `off` is the string "off", not false); errors name the line and column. */
export function parseYamlText(filepath: string, content: string): unknown {
  try {
    return yaml().parse(content, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof yaml().YAMLError) {
      const pos = error.linePos?.[0];
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/u, "");
      throw new ConfigError(`YAML syntax error: ${reason}`, { filepath, line: pos?.line, column: pos?.col });
    }
    throw error;
  }
}

function asRawConfig(value: unknown, filepath: string): RawConfig {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(
      `the configuration must be an object (a mapping of keys such as "rules"), got ${describeType(value)}`,
      { filepath },
    );
  }
  return value as RawConfig;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function toConfigError(error: unknown, fallbackFile: string | undefined): ConfigError {
  if (error instanceof ConfigError) return error;
  const err = error as NodeJS.ErrnoException & { filepath?: string };
  const filepath = err.filepath ?? err.path ?? fallbackFile;
  if (err.code === "ENOENT") return new ConfigError("not found", { filepath, subject: `config file ${filepath}` });
  if (err.code === "EISDIR") return new ConfigError("it is a folder", { filepath, subject: `config file ${filepath}` });
  return new ConfigError(`cannot load the config: ${err.message ?? String(error)}`, { filepath });
}

// ---------------------------------------------------------------------------
// Positions of keys, so a validation error can say which line to look at.

/** 1-based line and column (UTF-16 units) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where `keyPath` is written in a JSON or YAML config file: the deepest part of the path that
 * exists (the key itself for a bad key, its parent for a missing one). Undefined for JS configs,
 * unreadable files or anything that doesn't parse.
 */
export function findKeyPosition(filepath: string, keyPath: KeyPath): { line: number; column: number } | undefined {
  const ext = extname(filepath);
  if (ext === ".js" || ext === ".cjs" || ext === ".mjs") return undefined;
  let content: string;
  try {
    content = readFileSync(filepath, "utf8");
  } catch {
    return undefined;
  }
  const isPackageJson = basename(filepath) === "package.json";
  const path = isPackageJson ? [MODULE_NAME, ...keyPath] : [...keyPath];
  const offset =
    ext === ".json" || (ext !== ".yaml" && ext !== ".yml" && looksLikeJson(content))
      ? jsonKeyOffset(content, path)
      : yamlKeyOffset(content, path);
  return offset === undefined ? undefined : lineAndColumn(content, offset);
}

function jsonKeyOffset(content: string, path: KeyPath): number | undefined {
  let node = jsonc.parseTree(content, [], { allowTrailingComma: true });
  let offset: number | undefined;
  for (const segment of path) {
    if (!node) break;
    if (node.type === "object" && typeof segment === "string") {
      const property = node.children?.find((p) => p.children?.[0]?.value === segment);
      if (!property) break;
      offset = property.offset;
      node = property.children?.[1];
    } else if (node.type === "array" && typeof segment === "number") {
      node = node.children?.[segment];
      if (node) offset = node.offset;
    } else break;
  }
  return offset;
}

function yamlKeyOffset(content: string, path: KeyPath): number | undefined {
  const { LineCounter, isMap, isScalar, isSeq, parseDocument } = yaml();
  let doc;
  try {
    doc = parseDocument(content, { lineCounter: new LineCounter() });
  } catch {
    return undefined;
  }
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node) && typeof segment === "string") {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (!node) break;
      offset = (node as YamlNode).range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
