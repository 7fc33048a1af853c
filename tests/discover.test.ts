import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AllFilesIgnoredError, NoFilesFoundError, discoverFiles, type DiscoverOptions } from "../src/discover.js";

const EXTENSIONS = [".csv", ".tsv", ".json", ".jsonl", ".txt", ".md", ".yaml", ".yml"];

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "offsite-lint-discover-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Creates the files (contents don't matter) under the temp root. */
async function tree(...paths: string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), "x");
  }
}

const discover = (patterns: string[], options: Partial<DiscoverOptions> = {}) =>
  discoverFiles(patterns, { cwd: root, extensions: EXTENSIONS, ...options });

/** Result paths relative to the root, for readable expectations. */
const rel = (files: string[]) => files.map((f) => f.slice(root.length + 1).split("\\").join("/"));

describe("discoverFiles: directories", () => {
  it("walks a folder for supported files, skipping node_modules, dot-folders and dotfiles", async () => {
    await tree(
      "exports/b.csv",
      "exports/a.json",
      "exports/shop/replies.yaml",
      "exports/photo.png",
      "exports/UPPER.CSV",
      "node_modules/pkg/readme.md",
      "exports/node_modules/x.csv",
      ".git/config.yaml",
      "exports/.cache/c.csv",
      ".offsitelintrc.yaml",
      "notes.txt",
    );
    const { files, warnings } = await discover(["."]);
    expect(rel(files)).toEqual(["exports/UPPER.CSV", "exports/a.json", "exports/b.csv", "exports/shop/replies.yaml", "notes.txt"]);
    expect(warnings).toEqual([]);
    expect(files.every((f) => f.startsWith(root))).toBe(true);
  });

  it("dedupes a file reached twice", async () => {
    await tree("exports/a.csv");
    const { files } = await discover(["exports", "exports/a.csv", "exports/*.csv"]);
    expect(rel(files)).toEqual(["exports/a.csv"]);
  });
});

describe("discoverFiles: globs", () => {
  it("expands glob patterns relative to cwd", async () => {
    await tree("exports/a.csv", "exports/b.json", "exports/deep/c.csv", "other/d.csv");
    expect(rel((await discover(["exports/*.csv"])).files)).toEqual(["exports/a.csv"]);
    expect(rel((await discover(["**/*.csv"])).files)).toEqual(["exports/a.csv", "exports/deep/c.csv", "other/d.csv"]);
  });

  it("treats patterns literally with globs disabled", async () => {
    await tree("exports/a.csv");
    await expect(discover(["exports/*.csv"], { globInputPaths: false })).rejects.toThrow(NoFilesFoundError);
  });
});

describe("discoverFiles: explicit files", () => {
  it("skips a named file with an unsupported extension, with a warning", async () => {
    await tree("catalogue.xls", "a.csv");
    const { files, warnings, skipped } = await discover(["catalogue.xls", "a.csv"]);
    expect(rel(files)).toEqual(["a.csv"]);
    expect(skipped.map((s) => s.reason)).toEqual(["unsupported-extension"]);
    expect(warnings[0]).toMatch(/catalogue\.xls: File ignored because offsite-lint cannot read "\.xls" files/);
  });

  it("lints a named file even inside a dot-folder", async () => {
    await tree(".github/templates/reply.md");
    expect(rel((await discover([".github/templates/reply.md"])).files)).toEqual([".github/templates/reply.md"]);
  });
});

describe("discoverFiles: ignore patterns", () => {
  it("warns, in ESLint's words, about a named file that is ignored", async () => {
    await tree("dist/a.csv", "src/b.csv");
    await writeFile(join(root, ".offsitelintignore"), "# build output\ndist/\n");
    const { files, warnings } = await discover(["dist/a.csv", "src/b.csv"]);
    expect(rel(files)).toEqual(["src/b.csv"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("File ignored because of a matching ignore pattern");
    expect(warnings[0]).toContain(join(root, "dist/a.csv"));
  });

  it("silently drops ignored files found by walking, honouring negations", async () => {
    await tree("exports/a.csv", "exports/drafts/b.csv", "exports/drafts/keep.csv");
    const { files, warnings } = await discover(["exports"], { ignorePatterns: ["exports/drafts/*", "!exports/drafts/keep.csv"] });
    expect(rel(files)).toEqual(["exports/a.csv", "exports/drafts/keep.csv"]);
    expect(warnings).toEqual([]);
  });

  it("can leave the ignore file out", async () => {
    await tree("dist/a.csv");
    await writeFile(join(root, ".offsitelintignore"), "dist/\n");
    expect(rel((await discover(["dist/a.csv"], { useIgnoreFile: false })).files)).toEqual(["dist/a.csv"]);
  });

  it("throws when every file a pattern matches is ignored", async () => {
    await tree("dist/a.csv");
    await expect(discover(["dist"], { ignorePatterns: ["dist/"] })).rejects.toThrow(AllFilesIgnoredError);
  });
});

describe("discoverFiles: nothing found", () => {
  it.each(["missing.csv", "exports/*.csv", "empty-dir"])('throws for "%s"', async (pattern) => {
    await mkdir(join(root, "empty-dir"));
    await tree("exports/photo.png");
    await expect(discover([pattern])).rejects.toThrow(`No files matching the pattern "${pattern}" were found.`);
  });

  it("can be told not to throw", async () => {
    await expect(discover(["missing/*.csv"], { errorOnUnmatchedPattern: false })).resolves.toEqual({
      files: [],
      warnings: [],
      skipped: [],
    });
  });
});

describe.skipIf(process.platform === "win32")("discoverFiles: symbolic links", () => {
  it("lints symlinked files and does not hang on symlink loops", async () => {
    await tree("a/b/real.csv");
    await symlink("../..", join(root, "a/b/up"));
    await symlink("real.csv", join(root, "a/b/link.csv"));
    await symlink("a", join(root, "loop"));
    const { files } = await discover(["."]);
    expect(rel(files)).toEqual(["a/b/link.csv", "a/b/real.csv"]);
    expect(rel((await discover(["**/*.csv"])).files)).toEqual(["a/b/link.csv", "a/b/real.csv"]);
  });
});
