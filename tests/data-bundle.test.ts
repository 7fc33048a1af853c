// The YAML data bundled at build time (dist/data-bundle.json) stands in for a file only while the
// file's text is the one bundled: an edited phrase pack or profile is read as it is now.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { YamlDataReader, packageDataDirs, writeDataBundle } from "../src/data-bundle.js";
import { dataPath, packageRoot } from "../src/paths.js";

const root = mkdtempSync(join(tmpdir(), "offsite-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function setUp(files: Record<string, string>): { reader: () => YamlDataReader; path: (name: string) => string } {
  const dir = join(root, `case-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, "data"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "data", name), text);
  writeDataBundle(["data"], join(dir, "bundle.json"), dir);
  return { reader: () => new YamlDataReader(join(dir, "bundle.json"), dir), path: (name) => join(dir, "data", name) };
}

describe("YAML data bundle", () => {
  it("gives the bundled value of an unchanged file, equal to parsing it", () => {
    const { reader, path } = setUp({ "a.yaml": "id: a\nlist: [1, 2]\n" });
    const bundle = JSON.parse(readFileSync(join(path(".."), "bundle.json"), "utf8"));
    expect(Object.keys(bundle.files)).toEqual(["data/a.yaml"]);
    expect(reader().read(path("a.yaml"))).toEqual({ id: "a", list: [1, 2] });
  });

  it("parses a file edited since the build, and one the bundle does not have", () => {
    const { reader, path } = setUp({ "a.yaml": "id: a\n" });
    writeFileSync(path("a.yaml"), "id: edited\n");
    writeFileSync(path("b.yaml"), "id: b\n");
    const r = reader();
    expect(r.read(path("a.yaml"))).toEqual({ id: "edited" });
    expect(r.read(path("b.yaml"))).toEqual({ id: "b" });
  });

  it("reads on without a bundle, and reports bad YAML as the parser does", () => {
    const { path } = setUp({ "a.yaml": "id: a\n" });
    const none = new YamlDataReader(join(root, "missing.json"), root);
    expect(none.read(path("a.yaml"))).toEqual({ id: "a" });
    writeFileSync(path("a.yaml"), "id: [unclosed\n");
    expect(() => none.read(path("a.yaml"))).toThrow();
  });

  it("the build bundles every phrase pack and profile of the package, as they are", () => {
    const bundle = JSON.parse(readFileSync(dataPath("dist", "data-bundle.json"), "utf8")) as { files: Record<string, { value: unknown }> };
    const dirs = packageDataDirs();
    expect(dirs.some((d) => d.startsWith("rules"))).toBe(true);
    const keys = Object.keys(bundle.files);
    expect(keys).toContain("src/penalties/profiles/alibaba.yaml");
    expect(keys).toContain("rules/phrases/no-offline-deal/en.yaml");
    for (const key of keys) expect(bundle.files[key]!.value, key).toEqual(parse(readFileSync(join(packageRoot(), key), "utf8")));
  });
});
