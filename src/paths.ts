// Where the package's bundled data lives (phrase packs, platform profiles), whether we run
// from dist/ (built) or from src/ (tests): the nearest folder above this module with package.json.
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("offsite-lint: cannot find the package root");
    dir = parent;
  }
  return (cached = dir);
}

/** Whether the module at `metaUrl` is the script node was started with (scripts that also export). */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(metaUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

export function dataPath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

/** The rules with bundled phrase packs: the folders under rules/phrases (none when it is missing). */
export function phrasePackRules(root = packageRoot()): string[] {
  const dir = join(root, "rules", "phrases");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
