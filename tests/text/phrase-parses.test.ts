// The bundled packs' patterns parsed at build time (dist/phrase-parses.json) stand in for parsing
// only when the code that wrote them is the code running: same anchors as parsing, or no stand-in.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadPhrasePacks } from "../../src/text/phrase-packs.js";
import { PHRASE_PARSES_FILE, codeFingerprint, readBundledParses, writePhraseParses } from "../../src/text/phrase-parses.js";
import { compilePattern, patternParses } from "../../src/text/phrases.js";
import { dataPath, phrasePackRules } from "../../src/paths.js";

const root = mkdtempSync(join(tmpdir(), "offsite-parses-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const loadAll = (): void => phrasePackRules().forEach((ruleId) => loadPhrasePacks(ruleId));

describe("phrase patterns parsed at build time", () => {
  it("the file gives back every pattern's anchors and anchor groups, as parsing gives them", () => {
    const file = join(root, "parses.json");
    const count = writePhraseParses(loadAll, file);
    const parses = patternParses();
    expect(count).toBe(parses.length);
    expect(count).toBeGreaterThan(500);
    // Boundaries on both sides, on one, on none; patterns without anchors.
    const anchors = parses.flatMap((p) => p.anchorGroups.flat());
    for (const [left, right] of [[true, true], [true, false], [false, true], [false, false]]) {
      expect(anchors.some((a) => a.left === left && a.right === right), `left ${left}, right ${right}`).toBe(true);
    }
    expect(readBundledParses(file)).toEqual(parses);
  });

  it("are ignored when written by other code, in another format, damaged or unreadable", () => {
    const file = join(root, "other.json");
    writePhraseParses(loadAll, file);
    expect(readBundledParses(file, "0".repeat(40))).toBeNull();
    const value = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...value, version: 99 }));
    expect(readBundledParses(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ ...value, groups: null }));
    expect(readBundledParses(file)).toBeNull();
    writeFileSync(file, "{ truncated");
    expect(readBundledParses(file)).toBeNull();
    expect(readBundledParses(join(root, "missing.json"))).toBeNull();
  });

  it("the build's file is not for the sources: tests run from src/ parse every pattern", () => {
    expect(PHRASE_PARSES_FILE).toBe(dataPath("dist", "phrase-parses.json"));
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{40}$/);
    expect(readBundledParses(PHRASE_PARSES_FILE)).toBeNull();
  });

  it("the built code takes the build's file", () => {
    const module = pathToFileURL(dataPath("dist", "src", "text", "phrase-parses.js")).href;
    const script = `import { PHRASE_PARSES_FILE, readBundledParses } from ${JSON.stringify(module)};\nconsole.log(readBundledParses(PHRASE_PARSES_FILE)?.length ?? "none");`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(Number(out.trim())).toBeGreaterThan(500);
  });

  it("the build's file holds, for every pattern, the anchors this parser gives it", () => {
    const built = JSON.parse(readFileSync(PHRASE_PARSES_FILE, "utf8")) as { code: string };
    const parses = readBundledParses(PHRASE_PARSES_FILE, built.code)!;
    expect(parses.length).toBeGreaterThan(500);
    for (const p of parses) {
      const parsed = compilePattern(p.source, { defaultGap: p.defaultGap });
      expect({ anchors: p.anchors, anchorGroups: p.anchorGroups }, p.source).toEqual({ anchors: parsed.anchors, anchorGroups: parsed.anchorGroups });
    }
  });
});
