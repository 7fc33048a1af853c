// Which files a run lints, from the paths and globs on the command line (as ESLint does it):
//
// - an existing file is linted if a reader handles its extension and no ignore pattern matches;
//   otherwise it is skipped with a warning (it was named on purpose, so say why);
// - an existing directory is walked for files with a supported extension, skipping node_modules
//   and dot-folders (.git, .cache) and, silently, ignored files;
// - anything else that looks like a glob is expanded with fast-glob, filtered the same way;
// - a pattern that yields nothing is an error (the CLI exits with 2).
//
// Symbolic links to files are linted; links to directories are not followed while walking, which
// also makes symlink loops harmless.

import { readFile, stat } from "node:fs/promises";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { fastGlob } from "./lazy-modules.js";

/** The ignore file read from the working directory (.gitignore syntax). */
export const IGNORE_FILE_NAME = ".offsitelintignore";

/** Never walked into: dependencies. Dot-folders are skipped by fast-glob's `dot: false`. */
const DEFAULT_IGNORE_GLOBS = ["**/node_modules/**"];

export const IGNORED_FILE_MESSAGE =
  'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.';

export interface DiscoverOptions {
  /** Relative patterns and ignore patterns are resolved against this folder. */
  cwd: string;
  /** Extensions that have a reader, with the dot: `.csv`. */
  extensions: readonly string[];
  /** Extra ignore patterns (`--ignore-pattern`, config), .gitignore syntax, relative to cwd. */
  ignorePatterns?: readonly string[];
  /** Read `.offsitelintignore` in cwd (default true; `--no-ignore` turns it off). */
  useIgnoreFile?: boolean;
  /** Expand glob patterns (default true; `--no-glob` makes every pattern a literal path). */
  globInputPaths?: boolean;
  /** Throw when a pattern matches no file (default true). */
  errorOnUnmatchedPattern?: boolean;
}

/** A file named on the command line that is not linted, and why. */
export interface SkippedFile {
  filePath: string;
  reason: "ignored" | "unsupported-extension";
  message: string;
}

export interface DiscoverResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** One line per skipped explicit file: `<path>: <message>`. */
  warnings: string[];
  /** The same skipped files, as data (for ESLint-style per-file warnings). */
  skipped: SkippedFile[];
}

/** A pattern that matched no file at all. */
export class NoFilesFoundError extends Error {
  constructor(
    readonly pattern: string,
    globDisabled = false,
  ) {
    super(`No files matching the pattern "${pattern}"${globDisabled ? " (with globs disabled)" : ""} were found.`);
    this.name = "NoFilesFoundError";
  }
}

/** A pattern whose files are all ignored. */
export class AllFilesIgnoredError extends Error {
  constructor(readonly pattern: string) {
    super(`All files matched by "${pattern}" are ignored.`);
    this.name = "AllFilesIgnoredError";
  }
}

export async function discoverFiles(patterns: readonly string[], options: DiscoverOptions): Promise<DiscoverResult> {
  const cwd = resolve(options.cwd);
  const extensions = new Set(options.extensions.map(normalizeExtension));
  const isSupported = (filePath: string) => extensions.has(extname(filePath).toLowerCase());
  const isIgnored = await ignoreMatcher(cwd, options);
  const globs = options.globInputPaths ?? true;
  const errorOnUnmatched = options.errorOnUnmatchedPattern ?? true;

  const files = new Set<string>();
  const skipped: SkippedFile[] = [];

  for (const pattern of patterns) {
    const target = resolve(cwd, pattern);
    const stats = await statOrUndefined(target);

    if (stats?.isFile()) {
      if (isIgnored(target)) {
        skipped.push({ filePath: target, reason: "ignored", message: IGNORED_FILE_MESSAGE });
      } else if (!isSupported(target)) {
        skipped.push({ filePath: target, reason: "unsupported-extension", message: unsupportedMessage(target, extensions) });
      } else {
        files.add(target);
      }
      continue;
    }

    let candidates: string[];
    if (stats?.isDirectory()) candidates = await listFiles("**/*", target);
    else if (globs && fastGlob().isDynamicPattern(toGlob(pattern))) candidates = await listFiles(toGlob(pattern), cwd);
    else candidates = [];

    const supported = candidates.filter(isSupported);
    const kept = supported.filter((filePath) => !isIgnored(filePath));
    if (kept.length === 0 && errorOnUnmatched) {
      if (supported.length > 0) throw new AllFilesIgnoredError(pattern);
      throw new NoFilesFoundError(pattern, !globs && !stats);
    }
    for (const filePath of kept) files.add(filePath);
  }

  return {
    files: [...files].sort(),
    warnings: skipped.map((file) => `${file.filePath}: ${file.message}`),
    skipped,
  };
}

/**
 * Files (and symlinks to files) matching `pattern` under `cwd`, as absolute native paths.
 * Symlinked directories are not entered: no loops, no file reached twice through a link.
 */
async function listFiles(pattern: string, cwd: string): Promise<string[]> {
  const entries = await fastGlob()(pattern, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: DEFAULT_IGNORE_GLOBS,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const filePath = resolve(entry.path);
    if (entry.dirent.isFile()) files.push(filePath);
    else if (entry.dirent.isSymbolicLink() && (await statOrUndefined(filePath))?.isFile()) files.push(filePath);
  }
  return files;
}

/** A predicate telling whether an absolute path is ignored by the ignore file or patterns. */
async function ignoreMatcher(cwd: string, options: DiscoverOptions): Promise<(filePath: string) => boolean> {
  const rules: Ignore = ignore();
  if (options.useIgnoreFile ?? true) {
    const content = await readFile(join(cwd, IGNORE_FILE_NAME), "utf8").catch(() => undefined);
    if (content !== undefined) rules.add(content);
  }
  rules.add([...(options.ignorePatterns ?? [])]);
  return (filePath) => {
    const path = relative(cwd, filePath);
    // Patterns are relative to cwd; files outside it cannot match them.
    if (!path || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return false;
    return rules.ignores(path.split(sep).join("/"));
  };
}

/** fast-glob wants forward slashes; a Windows user types backslashes. */
function toGlob(pattern: string): string {
  return process.platform === "win32" ? pattern.replace(/\\/g, "/") : pattern;
}

function normalizeExtension(extension: string): string {
  const lower = extension.toLowerCase();
  return lower.startsWith(".") ? lower : `.${lower}`;
}

function unsupportedMessage(filePath: string, extensions: ReadonlySet<string>): string {
  const extension = extname(filePath) || "(none)";
  return `File ignored because offsite-lint cannot read "${extension}" files. Supported: ${[...extensions].sort().join(", ")}.`;
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
