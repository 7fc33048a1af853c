// `--cache`: reuse the result of a file whose bytes have not changed since the last run with the
// same settings. Pure: the CLI (cli-cache.ts) hashes files, reads and writes the cache file; this
// module computes the cache key, looks entries up, updates them, and (de)serialises the file.
//
// The cache file (`.offsitelintcache` by default) is one JSON object, header first:
//
//   { "format": "offsite-lint-cache", "version": 1, "key": "<sha256>",
//     "entries": { "<path relative to the cache file's folder, forward slashes>": {
//         "size": 1234, "mtimeMs": 1700000000000, "hash": "<sha256 of the bytes>",
//         "result": { messages, errorCount, …, penalty, suppressedMessages? },
//         "images": ["images/sku-1.jpg"],     (local images the file names, for a listing)
//         "raw": ["V信: lamp_88", null]        (unmasked matches, with --mask only)
//     } } }
//
// The key covers everything besides a file's bytes that changes its result: the offsite-lint
// version, the effective configuration (stably serialised), the rule ids (plugins and phrases
// included), the content of plugin files, a fingerprint of the package's own rules, phrase packs,
// platform profiles and compiled code, the package's folder (messages link to its rule pages), and
// the options that change results (rule flags, platform,
// locale, mask, quiet, OCR, encoding, unused-directive reports, limits). A different key
// invalidates every entry. Paths are relative to the cache file's folder, so a cache restored in
// CI at another checkout path still works (with the default `content` strategy: mtimes change).

import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve } from "node:path";
import type { LintMessage, LintResult } from "./types.js";

export const CACHE_FORMAT = "offsite-lint-cache";
export const CACHE_VERSION = 1;
export const DEFAULT_CACHE_FILE = ".offsitelintcache";

/** `content`: sha256 of the bytes (survives a CI cache restore); `metadata`: size and mtime only. */
export type CacheStrategy = "content" | "metadata";
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ["content", "metadata"];

/** What the cache key is made of. */
export interface CacheKeyInputs {
  /** offsite-lint's version (package.json). */
  version: string;
  /** The loaded, validated configuration object (`LoadedConfig.config`). */
  config: unknown;
  /** Every rule id known to the run: built-in, plugin and phrase rules. */
  ruleIds: readonly string[];
  /** Plugin files → sha256 of their content. */
  plugins: Readonly<Record<string, string>>;
  /** Fingerprint of the package's rules, phrase packs, profiles and code (`packageFingerprint`). */
  packageData: string;
  /** Where the package is installed: messages link to its rule pages (`docsUrl`). */
  packageDir: string;
  /** The options that change results. */
  options: {
    rules: readonly string[];
    platform?: string;
    /** The effective message language (flag, config or environment). */
    locale: string;
    mask: boolean;
    quiet: boolean;
    /** The effective OCR setting. */
    ocr: boolean;
    encoding?: string;
    reportUnusedDisableDirectives: string;
    limits?: unknown;
  };
}

/** A file's identity for the cache: size and mtime, and the content hash (strategy `content`). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  hash?: string;
}

/** A LintResult as stored: without its path (rebuilt on load) and without `output`. */
export type StoredResult = Omit<LintResult, "filePath" | "output">;

export interface CacheEntry extends FileStamp {
  result: StoredResult;
  /** Local images the file names (relative to the cache folder), so they are still linted on a hit. */
  images?: string[];
  /** With `--mask`: the unmasked match of each message (bulk suppressions key on it). */
  raw?: Array<string | null>;
}

export interface CacheData {
  format: typeof CACHE_FORMAT;
  version: typeof CACHE_VERSION;
  key: string;
  entries: Record<string, CacheEntry>;
}

/** What a hit gives back. */
export interface CacheHit {
  result: LintResult;
  /** Absolute paths of the local images the file names. */
  images: string[];
  /** Unmasked matches, parallel to `result.messages`, when stored. */
  raw?: Array<string | null>;
}

/**
 * JSON with object keys sorted, so equal values serialise equally. Functions and regular
 * expressions (a JS config may hold them) serialise as their source; cycles as "[Circular]".
 */
export function stableStringify(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown): string => {
    if (v === null) return "null";
    switch (typeof v) {
      case "string":
        return JSON.stringify(v);
      case "number":
        return Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify(String(v));
      case "boolean":
        return v ? "true" : "false";
      case "bigint":
        return JSON.stringify(`${v}n`);
      case "undefined":
        return "null";
      case "function":
      case "symbol":
        return JSON.stringify(String(v));
    }
    const obj = v as object;
    if (obj instanceof RegExp) return JSON.stringify(`/${obj.source}/${obj.flags}`);
    if (obj instanceof Date) return JSON.stringify(obj.toISOString());
    if (seen.has(obj)) return '"[Circular]"';
    seen.add(obj);
    let out: string;
    if (Array.isArray(obj)) out = `[${obj.map(walk).join(",")}]`;
    else if (obj instanceof Map) out = `{"Map":${walk([...obj.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)))}}`;
    else if (obj instanceof Set) out = `{"Set":${walk([...obj].map((x) => walk(x)).sort())}}`;
    else {
      const record = obj as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      out = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(record[k])}`).join(",")}}`;
    }
    seen.delete(obj);
    return out;
  };
  return walk(value);
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** One hash for the package's data and code files: path → content hash, in path order. */
export function packageFingerprint(files: ReadonlyArray<{ path: string; hash: string }>): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sha256(sorted.map((f) => `${f.path.split("\\").join("/")}\0${f.hash}\n`).join(""));
}

/** The cache key: the sha256 of the stably serialised inputs. */
export function cacheKey(inputs: CacheKeyInputs): string {
  const options = inputs.options;
  return sha256(
    stableStringify({
      cacheVersion: CACHE_VERSION,
      version: inputs.version,
      config: inputs.config,
      ruleIds: [...inputs.ruleIds].sort(),
      plugins: inputs.plugins,
      packageData: inputs.packageData,
      packageDir: inputs.packageDir,
      options: { ...options, rules: [...options.rules] },
    }),
  );
}

/** Thrown by `parseCache` on a file that is not a cache (or not one we can read). */
export class CacheFileError extends Error {
  override name = "CacheFileError";
  constructor(
    message: string,
    /** True when the file is an offsite-lint cache (damaged or old): safe to overwrite. */
    readonly ours: boolean,
  ) {
    super(message);
  }
}

/** Whether a file's text starts like a cache file this program wrote (any version). */
export function looksLikeCacheFile(text: string): boolean {
  if (text.trim() === "") return true;
  return /^\s*\{\s*"format"\s*:\s*"offsite-lint-cache"/u.test(text.slice(0, 200));
}

/**
 * Reads a cache file's text. An older format version or another key gives an empty cache (every
 * entry invalid); a damaged or foreign file throws CacheFileError (`ours` tells whether it may be
 * overwritten).
 */
export function parseCache(text: string, key: string): CacheData {
  const ours = looksLikeCacheFile(text);
  if (text.trim() === "") return emptyCache(key);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CacheFileError(ours ? `the cache file is damaged (${(error as Error).message})` : "not an offsite-lint cache file", ours);
  }
  if (!isObject(value) || value.format !== CACHE_FORMAT) throw new CacheFileError("not an offsite-lint cache file", false);
  if (value.version !== CACHE_VERSION || value.key !== key) return emptyCache(key);
  if (!isObject(value.entries)) throw new CacheFileError("the cache file is damaged (no entries)", true);
  const entries: Record<string, CacheEntry> = {};
  for (const [path, entry] of Object.entries(value.entries)) {
    const problem = entryProblem(entry);
    if (problem) throw new CacheFileError(`the cache file is damaged (entry "${path}": ${problem})`, true);
    entries[path] = entry as CacheEntry;
  }
  return { format: CACHE_FORMAT, version: CACHE_VERSION, key, entries };
}

export function emptyCache(key: string): CacheData {
  return { format: CACHE_FORMAT, version: CACHE_VERSION, key, entries: {} };
}

/** The file's text: header first (so `looksLikeCacheFile` recognises it), entries in path order. */
export function serializeCache(data: CacheData): string {
  const entries: Record<string, CacheEntry> = {};
  for (const path of Object.keys(data.entries).sort()) entries[path] = data.entries[path]!;
  return JSON.stringify({ format: CACHE_FORMAT, version: CACHE_VERSION, key: data.key, entries }) + "\n";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const COUNTS = ["errorCount", "warningCount", "fatalErrorCount", "fixableErrorCount", "fixableWarningCount"] as const;

function entryProblem(entry: unknown): string | undefined {
  if (!isObject(entry)) return "not an object";
  if (typeof entry.size !== "number" || typeof entry.mtimeMs !== "number") return "no size or mtime";
  if (entry.hash !== undefined && typeof entry.hash !== "string") return "bad hash";
  const result = entry.result;
  if (!isObject(result)) return "no result";
  if (!Array.isArray(result.messages) || !result.messages.every(isMessage)) return "bad messages";
  if (result.suppressedMessages !== undefined && (!Array.isArray(result.suppressedMessages) || !result.suppressedMessages.every(isMessage))) return "bad suppressed messages";
  for (const count of COUNTS) if (typeof result[count] !== "number") return `no ${count}`;
  if (!isObject(result.penalty)) return "no penalty";
  if (entry.images !== undefined && (!Array.isArray(entry.images) || !entry.images.every((p) => typeof p === "string"))) return "bad images";
  if (entry.raw !== undefined && (!Array.isArray(entry.raw) || entry.raw.length !== result.messages.length || !entry.raw.every((r) => r === null || typeof r === "string"))) return "bad raw matches";
  return undefined;
}

function isMessage(value: unknown): boolean {
  return isObject(value) && typeof value.message === "string" && (value.severity === 1 || value.severity === 2) && typeof value.line === "number" && typeof value.column === "number";
}

/**
 * A run's view of the cache: entries from the file (if its key matched), looked up and updated
 * as files are linted, serialised once at the end.
 */
export class LintCache {
  private readonly data: CacheData;
  /** Entries that changed (stored or dropped) in this run. */
  private dirty = false;

  constructor(
    readonly key: string,
    readonly strategy: CacheStrategy,
    /** The cache file's folder: entry paths are relative to it. */
    readonly baseDir: string,
    data?: CacheData,
  ) {
    this.data = data && data.key === key ? data : emptyCache(key);
    if (data && data.key !== key) this.dirty = true;
  }

  /** The entry path of an absolute file path. */
  entryPath(absolute: string): string {
    const rel = relative(this.baseDir, absolute);
    return (rel === "" || isAbsolute(rel) ? absolute : rel).split("\\").join("/");
  }

  private absolute(entryPath: string): string {
    return resolve(this.baseDir, entryPath);
  }

  get size(): number {
    return Object.keys(this.data.entries).length;
  }

  /** Whether the file is unchanged according to the strategy. */
  private matches(entry: CacheEntry, stamp: FileStamp): boolean {
    if (this.strategy === "metadata") return entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
    return entry.hash !== undefined && stamp.hash !== undefined && entry.hash === stamp.hash && entry.size === stamp.size;
  }

  /** The cached result of an unchanged file, rebuilt at `absolute`, or undefined. */
  lookup(absolute: string, stamp: FileStamp): CacheHit | undefined {
    const entry = this.data.entries[this.entryPath(absolute)];
    if (!entry || !this.matches(entry, stamp)) return undefined;
    // A copy: the run's later stages (bulk suppressions) must not change the stored entry.
    const stored = JSON.parse(JSON.stringify(entry.result)) as StoredResult;
    const hit: CacheHit = { result: { filePath: absolute, ...stored }, images: (entry.images ?? []).map((p) => this.absolute(p)) };
    if (entry.raw) hit.raw = [...entry.raw];
    return hit;
  }

  /**
   * Stores a file's result. Results with fatal errors are not cached (the next run tries again);
   * their old entry is dropped.
   */
  store(absolute: string, stamp: FileStamp, result: LintResult, extra: { images?: readonly string[]; raw?: ReadonlyArray<string | undefined> } = {}): boolean {
    if (!isCacheable(result)) {
      this.drop(absolute);
      return false;
    }
    const { filePath: _path, output: _output, ...rest } = result;
    const entry: CacheEntry = { size: stamp.size, mtimeMs: stamp.mtimeMs, ...(stamp.hash !== undefined ? { hash: stamp.hash } : {}), result: JSON.parse(JSON.stringify(rest)) as StoredResult };
    if (extra.images && extra.images.length > 0) entry.images = [...new Set(extra.images.map((p) => this.entryPath(p)))].sort();
    if (extra.raw && extra.raw.some((r, i) => r !== undefined && r !== result.messages[i]?.match)) entry.raw = extra.raw.map((r) => r ?? null);
    this.data.entries[this.entryPath(absolute)] = entry;
    this.dirty = true;
    return true;
  }

  drop(absolute: string): void {
    const path = this.entryPath(absolute);
    if (path in this.data.entries) {
      delete this.data.entries[path];
      this.dirty = true;
    }
  }

  /** Drops the entries of files that are gone (`exists` answers for an absolute path). */
  prune(exists: (absolute: string) => boolean): void {
    for (const path of Object.keys(this.data.entries)) {
      if (!exists(this.absolute(path))) {
        delete this.data.entries[path];
        this.dirty = true;
      }
    }
  }

  /** Whether anything changed since the file was read. */
  get changed(): boolean {
    return this.dirty;
  }

  serialize(): string {
    return serializeCache(this.data);
  }
}

/** A result worth caching: no fatal error (unreadable, unparsable, internal error). */
export function isCacheable(result: LintResult): boolean {
  return result.fatalErrorCount === 0 && !result.messages.some((m: LintMessage) => m.fatal);
}

/**
 * What to do with a file's entry after `--fix` / `--fix-dry-run`. The result describes the fixed
 * text (`output` set) — the bytes on disk only when `--fix` rewrote the file in place; then the
 * entry is stored with the new bytes' hash. Otherwise (dry run, `--fix-output`) the file on disk
 * still holds the unfixed text: its entry is dropped.
 */
export function afterFix(result: LintResult, options: { fix?: boolean; fixDryRun?: boolean; fixOutput?: string }): "store" | "store-rehashed" | "drop" {
  if (result.output === undefined) return "store";
  if (options.fix && options.fixOutput === undefined) return "store-rehashed";
  return "drop";
}

/** ESLint's rule: with fixes asked for, a cached result that has messages is linted again (it may be fixable). */
export function reusableWhenFixing(hit: CacheHit, fixing: boolean): boolean {
  return !fixing || hit.result.messages.length === 0;
}

/** `--cache-location`: a folder (existing, or written with a trailing slash) holds `.offsitelintcache`. */
export function cacheFilePath(location: string | undefined, cwd: string, isDirectory: (path: string) => boolean): string {
  if (location === undefined || location === "") return resolve(cwd, DEFAULT_CACHE_FILE);
  const absolute = resolve(cwd, location);
  if (/[\\/]$/u.test(location) || isDirectory(absolute)) return resolve(absolute, DEFAULT_CACHE_FILE);
  return absolute;
}
