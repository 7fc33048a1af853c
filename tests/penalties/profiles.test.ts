import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CATEGORIES } from "../../src/types.js";
import {
  CONFIG_SOURCE,
  DEFAULT_PLATFORM,
  getProfile,
  listPlatforms,
  mergeProfile,
  parseProfile,
  profilesDir,
  resolveProfile,
} from "../../src/penalties/profiles.js";
import { profileProblems } from "../../src/penalties/validate.js";
import { CONFIDENCES } from "../../src/penalties/types.js";

const EXPECTED = [
  "alibaba",
  "aliexpress",
  "amazon",
  "douyin",
  "ebay",
  "lazada",
  "shopee",
  "tiktok-shop",
  "tmall",
  "xiaohongshu",
];

const files = readdirSync(profilesDir()).filter((f) => f.endsWith(".yaml"));

describe("bundled profiles", () => {
  it("ships every platform, the default first", () => {
    expect(files.map((f) => f.replace(/\.yaml$/, "")).sort()).toEqual(EXPECTED);
    const ids = listPlatforms().map((p) => p.id);
    expect(ids[0]).toBe(DEFAULT_PLATFORM);
    expect([...ids].sort()).toEqual(EXPECTED);
  });

  it.each(files)("%s loads and validates", (file) => {
    const raw = parse(readFileSync(join(profilesDir(), file), "utf8"));
    expect(profileProblems(raw)).toEqual([]);
    const profile = getProfile(file.replace(/\.yaml$/, ""));
    expect(profile.name.en).toBeTruthy();
    expect(profile.name["zh-CN"]).toBeTruthy();
    expect(profile.sources.length).toBeGreaterThan(0);
    expect(Object.isFrozen(profile)).toBe(true);
  });

  it.each(files)("%s: every number has a source and a confidence", (file) => {
    const raw = parse(readFileSync(join(profilesDir(), file), "utf8"));
    expect(unsourcedNumbers(raw, file)).toEqual([]);
  });

  it("the number check does catch a number without a source", () => {
    const raw = parse(readFileSync(join(profilesDir(), "alibaba.yaml"), "utf8"));
    delete raw.thresholds[1].sources;
    raw.thresholds[0].confidence = "certain";
    raw.claims[1].sources = ["nowhere"];
    expect(unsourcedNumbers(raw, "x")).toEqual(["x.claims[1].points.max", "x.thresholds[0].points", "x.thresholds[1].points"]);
  });

  it.each(files)("%s: sources carry title, url and date fields", (file) => {
    const profile = getProfile(file.replace(/\.yaml$/, ""));
    for (const s of profile.sources) {
      expect(s.title.length, s.id).toBeGreaterThan(0);
      expect("url" in s && "date" in s, s.id).toBe(true);
    }
  });

  it("keeps only valid categories in perViolation", () => {
    for (const p of listPlatforms()) {
      for (const key of Object.keys(p.perViolation)) expect(["default", ...CATEGORIES]).toContain(key);
    }
  });
});

describe("profile data follows the research (never invent an UNKNOWN)", () => {
  it("Alibaba.com: official ladder, seed claims kept dated, estimate 6 low confidence, window unknown", () => {
    const p = getProfile("alibaba");
    expect(p.thresholds.map((t) => [t.points, t.confidence])).toEqual([
      [6, "high"],
      [12, "high"],
      [24, "high"],
      [36, "high"],
      [48, "high"],
    ]);
    expect(p.perViolation.default.error).toMatchObject({ points: 6, confidence: "low" });
    expect(p.perViolation.default.error.basis?.en).toMatch(/6–12/);
    const claims = Object.fromEntries(p.claims.map((c) => [c.id, c]));
    expect(claims["seed001-max6"]).toMatchObject({ points: { max: 6 }, date: "2025-12-05", confidence: "low" });
    expect(claims["seed004-6to12"]).toMatchObject({ points: { min: 6, max: 12 }, confidence: "low" });
    expect(claims["seed001-freeze-12"]).toMatchObject({ used: false });
    expect(p.conflicts.length).toBeGreaterThanOrEqual(2);
    expect(p.window.days).toBeNull();
  });

  it("TikTok Shop: redirecting-traffic points unknown, 12/24/36/48 ladder, related ranges kept unused", () => {
    const p = getProfile("tiktok-shop");
    expect(p.perViolation.default.error.points).toBeNull();
    expect(p.claims.filter((c) => c.id.startsWith("th-related")).every((c) => !c.used)).toBe(true);
    expect(p.thresholds.at(-1)?.short.en).toBe("deactivated");
  });

  it("Shopee: 2 points, second offence unknown, 15 → frozen 28 days", () => {
    const p = getProfile("shopee");
    expect(p.perViolation.default.error.points).toBe(2);
    expect(p.claims.find((c) => c.id === "vn-second-truncated")?.points).toBeNull();
    expect(p.thresholds.at(-1)).toMatchObject({ points: 15 });
  });

  it("Lazada: both per-product claims kept, 48 → deactivated, 365-day window", () => {
    const p = getProfile("lazada");
    const ranges = p.claims.filter((c) => c.points?.max === 48 || c.points?.max === 2).map((c) => c.date);
    expect(ranges).toEqual(expect.arrayContaining(["2022-07-06", "2022-09-18"]));
    expect(p.thresholds).toHaveLength(1);
    expect(p.window.days).toBe(365);
  });

  it("Douyin: fines by grade, both versions kept", () => {
    const p = getProfile("douyin");
    expect(p.currency).toBe("CNY");
    expect(p.perViolation.default.error).toMatchObject({ points: null, fine: 500 });
    const dates = new Set(p.claims.filter((c) => c.fine).map((c) => c.date));
    expect(dates).toEqual(new Set(["2025-02-24", "2025-09-29"]));
  });

  it("Xiaohongshu: 10–25 merchant points (uses 10), thresholds unknown", () => {
    const p = getProfile("xiaohongshu");
    expect(p.perViolation.default.error.points).toBe(10);
    expect(p.thresholds).toEqual([]);
    expect(p.window.days).toBeNull();
  });

  it.each(["amazon", "ebay", "aliexpress", "tmall"])("%s: points null, escalation in words", (id) => {
    const p = getProfile(id);
    for (const entry of Object.values(p.perViolation)) expect(entry?.error.points).toBeNull();
    expect(p.thresholds).toEqual([]);
    expect(p.actions.length).toBeGreaterThan(0);
    expect(p.likelyAction.en.length).toBeGreaterThan(0);
  });

  it("Amazon and eBay have no points system", () => {
    expect(getProfile("amazon").scoring).toBe("none");
    expect(getProfile("ebay").scoring).toBe("none");
  });
});

describe("getProfile", () => {
  it("defaults to alibaba", () => {
    expect(getProfile().id).toBe("alibaba");
  });

  it("rejects an unknown id and lists the valid ones", () => {
    expect(() => getProfile("etsy")).toThrow(/unknown platform "etsy".*alibaba, aliexpress, amazon/);
    expect(() => getProfile("alibba")).toThrow(/did you mean "alibaba"/);
  });

  it("caches", () => {
    expect(getProfile("shopee")).toBe(getProfile("shopee"));
  });
});

describe("mergeProfile (user overrides from config)", () => {
  const base = getProfile("alibaba");

  it("overrides a number, attributes it to config, leaves the bundled profile alone", () => {
    const merged = mergeProfile(base, { perViolation: { im: { error: { points: 12 } } } });
    expect(merged.perViolation.im?.error).toMatchObject({ points: 12, sources: ["config"], confidence: "high" });
    expect(merged.perViolation.im?.error.basis).toBeUndefined();
    expect(merged.perViolation.im?.error.action).toEqual(base.perViolation.default.error.action);
    expect(merged.perViolation.default.error.points).toBe(6);
    expect(merged.sources).toContainEqual(CONFIG_SOURCE);
    expect(base.perViolation.im).toBeUndefined();
    expect(base.sources.some((s) => s.id === "config")).toBe(false);
  });

  it("keeps a confidence and sources the user gives", () => {
    const merged = mergeProfile(base, {
      perViolation: { default: { error: { points: 9, confidence: "low", sources: ["seed-001"] } } },
    });
    expect(merged.perViolation.default.error).toMatchObject({ points: 9, confidence: "low", sources: ["seed-001"] });
  });

  it("adds the user's sources to the bundled ones", () => {
    const merged = mergeProfile(base, {
      sources: [{ id: "my-notice", title: "Notice in our seller centre", date: "2026-01-10", kind: "official" }],
      perViolation: { im: { error: { points: 10, sources: ["my-notice"], confidence: "high" } } },
    });
    expect(merged.sources.map((s) => s.id)).toContain("seed-001");
    expect(merged.sources.find((s) => s.id === "my-notice")).toMatchObject({ url: null, kind: "official" });
    expect(merged.perViolation.im?.error.sources).toEqual(["my-notice"]);
  });

  it("replaces the thresholds list; a string is used for both languages", () => {
    const merged = mergeProfile(base, {
      thresholds: [{ points: 10, action: "shop closed" as never }],
    });
    expect(merged.thresholds).toEqual([
      {
        points: 10,
        action: { en: "shop closed", "zh-CN": "shop closed" },
        short: { en: "shop closed", "zh-CN": "shop closed" },
        sources: ["config"],
        confidence: "high",
      },
    ]);
  });

  it("merges bilingual text key by key", () => {
    const merged = mergeProfile(base, { name: { en: "Alibaba.com (my market)" } });
    expect(merged.name).toEqual({ en: "Alibaba.com (my market)", "zh-CN": "阿里国际站" });
    expect(merged.id).toBe("alibaba");
  });

  it("validates the result and names the path", () => {
    expect(() => mergeProfile(base, { perViolation: { im: { error: { points: "six" as never } } } })).toThrow(
      /perViolation\.im\.error\.points/,
    );
    expect(() => mergeProfile(base, { perViolation: { shoes: { error: { points: 1 } } } as never })).toThrow(
      /perViolation\.shoes: unknown category/,
    );
    expect(() =>
      mergeProfile(base, { thresholds: [{ points: 24, action: "a" as never }, { points: 12, action: "b" as never }] }),
    ).toThrow(/ascending/);
  });

  it("resolveProfile applies an override to a bundled id", () => {
    expect(resolveProfile("shopee", { window: { days: 90 } }).window).toMatchObject({ days: 90, sources: ["config"] });
    expect(resolveProfile("shopee")).toBe(getProfile("shopee"));
  });
});

describe("parseProfile", () => {
  it("reports YAML and schema problems with the origin", () => {
    expect(() => parseProfile("id: [", "mine.yaml")).toThrow(/mine\.yaml/);
    expect(() => parseProfile("id: x\nfoo: 1\n", "mine.yaml")).toThrow(/foo: unknown key/);
  });

  it("parses a bundled file", () => {
    const text = readFileSync(join(profilesDir(), "ebay.yaml"), "utf8");
    expect(parseProfile(text, "ebay.yaml")).toEqual(getProfile("ebay"));
  });
});

// Walks raw YAML: every number must sit in an object (or in a range inside one) that names
// known sources and a confidence. Returns the paths of the numbers that do not.
function unsourcedNumbers(raw: Record<string, unknown>, name: string): string[] {
  const sourceIds = new Set((raw.sources as { id: string }[]).map((s) => s.id));
  const unsourced: string[] = [];
  const walk = (value: unknown, path: string, owners: Record<string, unknown>[]): void => {
    if (typeof value === "number") {
      const owner = owners.find((o) => "sources" in o || "confidence" in o);
      const ok =
        owner !== undefined &&
        Array.isArray(owner.sources) &&
        owner.sources.length > 0 &&
        owner.sources.every((s) => sourceIds.has(s as string)) &&
        (CONFIDENCES as readonly unknown[]).includes(owner.confidence);
      if (!ok) unsourced.push(path);
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, owners));
    else if (value && typeof value === "object") {
      const o = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`, [o, ...owners]);
    }
  };
  walk(raw, name, []);
  return unsourced.sort();
}
