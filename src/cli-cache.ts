// The CLI side of `--cache`: the cache key's inputs (package version, config, plugin and package
// files), file stamps (sha256 of the bytes, streamed), reading the cache file and writing it back
// atomically at the end. The logic is in cache.ts; only the CLI calls this module.

import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { resolvePluginPath } from "./config/index.js";
import { writeFileAtomic } from "./fix.js";
import { rawMatchOf, setRawMatch, type LintEvent, type OffsiteLinter } from "./index.js";
import { packageRoot } from "./paths.js";
import {
  afterFix,
  cacheFilePath,
  cacheKey,
  CacheFileError,
  LintCache,
  packageFingerprint,
  parseCache,
  reusableWhenFixing,
  sha256,
  type CacheData,
  type CacheStrategy,
  type FileStamp,
} from "./cache.js";
import type { LintResult } from "./types.js";

export interface CacheCliOptions {
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: CacheStrategy;
  rule: string[];
  platform?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  fixOutput?: string;
}

/** The cache file `--cache-location` names (default `.offsitelintcache` in the working folder). */
export function cacheLocation(options: Pick<CacheCliOptions, "cacheLocation">, cwd: string): string {
  return cacheFilePath(options.cacheLocation, cwd, (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  });
}

let fingerprint: string | undefined;

/**
 * One hash over the package's rule, phrase-pack and profile data (rules/**\/*.yaml,
 * src/penalties/profiles/*.yaml) and its compiled code (dist/**\/*.js): about 1.5 MB read once
 * per run (a few milliseconds), so a rebuilt or edited package never reuses stale results.
 */
export function packageDataFingerprint(root = packageRoot()): string {
  if (fingerprint !== undefined && root === packageRoot()) return fingerprint;
  const files: Array<{ path: string; hash: string }> = [];
  const add = (dir: string, test: (name: string) => boolean, recurse: boolean) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (recurse && entry.name !== "node_modules") add(rel, test, recurse);
      } else if (entry.isFile() && test(entry.name)) {
        files.push({ path: rel, hash: sha256(readFileSync(join(root, rel))) });
      }
    }
  };
  add("rules", (name) => name.endsWith(".yaml"), true);
  add("src/penalties/profiles", (name) => name.endsWith(".yaml"), false);
  add("dist", (name) => name.endsWith(".js"), true);
  const result = packageFingerprint(files);
  if (root === packageRoot()) fingerprint = result;
  return result;
}

/** Plugin files named by the config → sha256 of their content. */
function pluginHashes(linter: OffsiteLinter): Record<string, string> {
  const out: Record<string, string> = {};
  const configFile = linter.loaded.filepath;
  if (!configFile) return out;
  for (const specifier of linter.loaded.config.plugins) {
    try {
      const file = resolvePluginPath(specifier, configFile);
      out[specifier] = sha256(readFileSync(file));
    } catch {
      out[specifier] = "unreadable";
    }
  }
  return out;
}

/** The cache key of this run: what besides a file's bytes changes its result. */
export function runCacheKey(linter: OffsiteLinter, options: CacheCliOptions, version: string): string {
  const lint = linter.options;
  return cacheKey({
    version,
    config: linter.loaded.config,
    ruleIds: Object.keys(linter.loaded.rules),
    plugins: pluginHashes(linter),
    packageData: packageDataFingerprint(),
    packageDir: packageRoot(),
    options: {
      rules: options.rule,
      platform: linter.profile.id + (options.platform ? `:${options.platform}` : ""),
      locale: linter.locale,
      mask: Boolean(lint.mask),
      quiet: Boolean(lint.quiet),
      ocr: lint.ocr === false ? false : (linter.loaded.config.ocr ?? true),
      encoding: lint.encoding,
      reportUnusedDisableDirectives: lint.reportUnusedDisableDirectives ?? "off",
      limits: lint.limits,
    },
  });
}

/** Size, mtime and (strategy `content`) the sha256 of the bytes, streamed; undefined when unreadable. */
export async function stampFile(path: string, strategy: CacheStrategy): Promise<FileStamp | undefined> {
  let stat: import("node:fs").Stats;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const stamp: FileStamp = { size: stat.size, mtimeMs: stat.mtimeMs };
  if (strategy === "metadata") return stamp;
  try {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    stamp.hash = hash.digest("hex");
  } catch {
    return undefined;
  }
  return stamp;
}

/** One run's use of the cache: look files up, store their results, write the file at the end. */
export class CacheRun {
  /** Files reused from the cache in this run. */
  hits = 0;
  /** Local images named by each file linted in this run (absolute → absolute paths). */
  private readonly images = new Map<string, Set<string>>();

  private constructor(
    private readonly linter: OffsiteLinter,
    private readonly cache: LintCache,
    readonly path: string,
    private readonly writable: boolean,
    private readonly existed: boolean,
    private readonly options: CacheCliOptions,
    private readonly stderr: (text: string) => void,
  ) {}

  /**
   * Reads the cache file. A damaged file is ignored with a warning (and replaced at the end); a
   * file that is not an offsite-lint cache is ignored and left alone.
   */
  static open(linter: OffsiteLinter, options: CacheCliOptions, io: { cwd: string; stderr: (text: string) => void }, version: string): CacheRun {
    const path = cacheLocation(options, io.cwd);
    const key = runCacheKey(linter, options, version);
    const strategy = options.cacheStrategy ?? "content";
    let data: CacheData | undefined;
    let writable = true;
    const existed = existsSync(path);
    if (existed) {
      try {
        data = parseCache(readFileSync(path, "utf8"), key);
      } catch (error) {
        if (error instanceof CacheFileError) {
          writable = error.ours;
          const what = error.ours ? "it will be rewritten" : "not using it and not overwriting it; delete it or choose another --cache-location";
          io.stderr(`offsite-lint: warning: ignoring the cache file ${path}: ${error.message}; ${what}.\n`);
        } else {
          io.stderr(`offsite-lint: warning: cannot read the cache file ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
          writable = false;
        }
      }
    }
    return new CacheRun(linter, new LintCache(key, strategy, dirname(path), data), path, writable, existed, options, io.stderr);
  }

  /** The file's stamp for this run's strategy (undefined when it cannot be read). */
  stamp(absolute: string): Promise<FileStamp | undefined> {
    return stampFile(absolute, this.cache.strategy);
  }

  private get fixing(): boolean {
    return Boolean(this.options.fix || this.options.fixDryRun);
  }

  /** Hears the linter's events: the images each listing names. */
  event(event: LintEvent): void {
    if (event.type !== "image") return;
    let set = this.images.get(event.filePath);
    if (!set) this.images.set(event.filePath, (set = new Set()));
    set.add(event.image);
  }

  /**
   * The cached result of `absolute` when its bytes are unchanged, else `lint()`'s result, stored.
   * `stamp` is the file's stamp (computed by the caller, which may need its size anyway).
   */
  async lint(absolute: string, stamp: FileStamp | undefined, lint: () => Promise<LintResult>): Promise<LintResult> {
    if (stamp) {
      const hit = this.cache.lookup(absolute, stamp);
      if (hit && reusableWhenFixing(hit, this.fixing)) {
        if (hit.raw) hit.result.messages.forEach((m, i) => (hit.raw![i] !== null ? setRawMatch(m, hit.raw![i]!) : undefined));
        this.linter.markLinted(absolute, hit.images);
        this.hits++;
        return hit.result;
      }
    }
    this.images.delete(absolute);
    const result = await lint();
    if (!stamp) {
      this.cache.drop(absolute);
      return result;
    }
    const decision = this.fixing ? afterFix(result, this.options) : "store";
    if (decision === "drop") {
      this.cache.drop(absolute);
      return result;
    }
    const finalStamp = decision === "store-rehashed" ? await stampFile(absolute, this.cache.strategy) : stamp;
    if (!finalStamp) {
      this.cache.drop(absolute);
      return result;
    }
    const raw = this.linter.options.mask ? result.messages.map((m) => rawMatchOf(m)) : undefined;
    this.cache.store(absolute, finalStamp, result, { images: [...(this.images.get(absolute) ?? [])], raw });
    this.images.delete(absolute);
    return result;
  }

  /** Drops entries of files that are gone and writes the file (temp + rename), if anything changed. */
  finish(): void {
    if (!this.writable) return;
    this.cache.prune((path) => existsSync(path));
    if (!this.cache.changed && this.existed) return;
    try {
      writeFileAtomic(this.path, Buffer.from(this.cache.serialize(), "utf8"));
    } catch (error) {
      this.stderr(`offsite-lint: warning: cannot write the cache file ${this.path}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

/** For `lintInputs`: the cache file is never linted (`--cache-location cache.json`). */
export function isCacheFile(absolute: string, options: Pick<CacheCliOptions, "cache" | "cacheLocation">, cwd: string): boolean {
  return Boolean(options.cache) && resolve(cwd, absolute) === cacheLocation(options, cwd);
}
