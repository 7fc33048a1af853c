// The package's YAML data (phrase packs, platform profiles) parsed once at build time: parsing
// ~500 KB of YAML took ~0.4 s of every run's start-up, the bulk of linting one small file (a
// pre-commit hook). `npm run build` writes dist/data-bundle.json with each file's parsed value and
// the SHA-1 of its text; at run time a file whose text still has that hash is taken from the
// bundle (JSON parses ~10× faster than YAML), any other is parsed as YAML, so an edited pack is
// never read stale.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { yaml } from "./lazy-modules.js";
import { dataPath, isMain, packageRoot, phrasePackRules } from "./paths.js";

interface DataBundle {
  version: 1;
  /** Path relative to the bundle's root (with `/`) → hash of the text and the parsed value. */
  files: Record<string, { sha1: string; value: unknown }>;
}

const BUNDLE_VERSION = 1;

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function keyOf(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}

/** Reads YAML data files through a bundle (loaded at first use; a missing or unreadable one is
 * no bundle: everything is parsed). */
export class YamlDataReader {
  private bundle: DataBundle | null | undefined;

  constructor(
    private readonly bundleFile: string,
    private readonly root: string,
  ) {}

  /**
   * The parsed value of the YAML file: the bundle's when the file's text is the one bundled, else
   * parsed now (throws what `yaml`'s parser throws). Each entry is handed out once: callers read
   * a file once and keep what they make of it (phrase packs, profiles are cached).
   */
  read(file: string): unknown {
    const text = readFileSync(file, "utf8");
    const files = this.load()?.files;
    const key = keyOf(this.root, file);
    const entry = files?.[key];
    if (!entry) return yaml().parse(text);
    delete files![key];
    return entry.sha1 === sha1(text) ? entry.value : yaml().parse(text);
  }

  private load(): DataBundle | null {
    if (this.bundle !== undefined) return this.bundle;
    try {
      const value = JSON.parse(readFileSync(this.bundleFile, "utf8")) as DataBundle;
      this.bundle = value && value.version === BUNDLE_VERSION && value.files ? value : null;
    } catch {
      this.bundle = null; // not built (tests run from src/), or unreadable: parse the YAML
    }
    return this.bundle;
  }
}

/** Writes a bundle of every `*.yaml` file directly under `dirs` (relative to `root`). */
export function writeDataBundle(dirs: readonly string[], out: string, root: string): void {
  const files: DataBundle["files"] = {};
  for (const dir of dirs) {
    const absolute = join(root, dir);
    if (!existsSync(absolute)) continue;
    for (const name of readdirSync(absolute).filter((n) => /\.ya?ml$/u.test(n)).sort()) {
      const file = join(absolute, name);
      const text = readFileSync(file, "utf8");
      files[keyOf(root, file)] = { sha1: sha1(text), value: yaml().parse(text) };
    }
  }
  const value: DataBundle = { version: BUNDLE_VERSION, files };
  writeFileSync(out, JSON.stringify(value));
}

/** The package's folders of bundled YAML: the platform profiles and each rule's phrase packs. */
export function packageDataDirs(root = packageRoot()): string[] {
  return [join("src", "penalties", "profiles"), ...phrasePackRules(root).map((ruleId) => join("rules", "phrases", ruleId))];
}

const packageData = new YamlDataReader(dataPath("dist", "data-bundle.json"), packageRoot());

/** A YAML data file of the package, through the build's bundle. */
export function readYamlData(file: string): unknown {
  return packageData.read(file);
}

if (isMain(import.meta.url)) {
  const out = dataPath("dist", "data-bundle.json");
  writeDataBundle(packageDataDirs(), out, packageRoot());
  process.stdout.write(`wrote ${relative(process.cwd(), out)}\n`);
}
