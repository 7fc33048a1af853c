import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { ConfigError } from "../../src/config/errors.js";
import {
  fieldMatches,
  filesMatch,
  parseRuleFlag,
  presetRules,
  relativeToBase,
  resolveFileSettings,
  settingsForField,
  starterConfig,
} from "../../src/config/resolve.js";
import { validateConfig } from "../../src/config/validate.js";
import { BUILTIN_RULES, PLATFORMS } from "./helpers.js";

function config(raw: unknown) {
  return validateConfig(raw, { filepath: "/p/.offsitelintrc.yaml", rules: BUILTIN_RULES, platforms: PLATFORMS });
}

function resolveFor(raw: unknown, filePath = "exports/listings.csv", extra: { ruleFlags?: string[]; platform?: string } = {}) {
  return resolveFileSettings(config(raw), {
    rules: BUILTIN_RULES,
    filePath,
    ruleFlags: extra.ruleFlags?.map((flag) => parseRuleFlag(flag, BUILTIN_RULES)),
    platform: extra.platform,
  });
}

function severities(rules: Record<string, { severity: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(rules).map(([id, s]) => [id, s.severity]));
}

describe("presets", () => {
  it("recommended: each rule at its default severity, not strict", () => {
    const settings = resolveFor({});
    expect(settings.strict).toBe(false);
    expect(severities(settings.rules)).toEqual({
      "no-external-link": 2,
      "no-email": 2,
      "no-phone-number": 2,
      "no-im-contact": 2,
      "no-qr-code": 2,
      "no-image-contact": 1,
      "no-offline-deal": 1,
      "no-offsite-payment": 0,
      "no-assurance-refusal": 0,
    });
  });

  it("strict: every rule at least warn, and the strict flag", () => {
    const settings = resolveFor({ extends: "strict" });
    expect(settings.strict).toBe(true);
    expect(settings.rules["no-offsite-payment"]!.severity).toBe(1);
    expect(settings.rules["no-assurance-refusal"]!.severity).toBe(1);
    expect(settings.rules["no-offline-deal"]!.severity).toBe(1);
    expect(settings.rules["no-email"]!.severity).toBe(2);
  });

  it("strict still lets the config turn a rule off", () => {
    expect(resolveFor({ extends: "strict", rules: { "no-qr-code": "off" } }).rules["no-qr-code"]!.severity).toBe(0);
  });

  it("presetRules starts every rule with empty options", () => {
    expect(presetRules(BUILTIN_RULES, "recommended")["no-external-link"]).toEqual({ severity: 2, options: {} });
  });
});

describe("platform", () => {
  it("defaults to alibaba, then config, then the last matching override, then --platform", () => {
    expect(resolveFor({}).platform).toBe("alibaba");
    expect(resolveFor({ platform: "amazon" }).platform).toBe("amazon");
    const raw = { platform: "amazon", overrides: [{ files: ["shopee/**"], platform: "shopee" }, { files: ["shopee/my/**"], platform: "lazada" }] };
    expect(resolveFor(raw, "shopee/sg/a.csv").platform).toBe("shopee");
    expect(resolveFor(raw, "shopee/my/a.csv").platform).toBe("lazada");
    expect(resolveFor(raw, "shopee/my/a.csv", { platform: "ebay" }).platform).toBe("ebay");
  });
});

describe("rules and overrides", () => {
  it("config rules apply over the preset; options kept when only the severity changes later", () => {
    const raw = {
      rules: { "no-external-link": ["error", { allow: ["ourbrand.com"] }] },
      overrides: [{ files: ["templates/**"], rules: { "no-external-link": "warn" } }],
    };
    expect(resolveFor(raw, "exports/a.csv").rules["no-external-link"]).toEqual({ severity: 2, options: { allow: ["ourbrand.com"] } });
    expect(resolveFor(raw, "templates/a.txt").rules["no-external-link"]).toEqual({ severity: 1, options: { allow: ["ourbrand.com"] } });
  });

  it("new options replace the earlier ones (as ESLint)", () => {
    const raw = {
      rules: { "no-external-link": ["error", { allow: ["a.com"] }] },
      overrides: [{ files: ["*.txt"], rules: { "no-external-link": ["error", { allow: ["b.com"] }] } }],
    };
    expect(resolveFor(raw, "x/y.txt").rules["no-external-link"]!.options).toEqual({ allow: ["b.com"] });
  });

  it("overrides apply in order, by glob relative to the config's folder", () => {
    const raw = {
      overrides: [
        { files: ["templates/after-sales/**"], rules: { "no-qr-code": "warn" } },
        { files: ["templates/**/refund-*.md"], rules: { "no-qr-code": "off" } },
      ],
    };
    expect(resolveFor(raw, "templates/after-sales/shipping.md").rules["no-qr-code"]!.severity).toBe(1);
    expect(resolveFor(raw, "templates/after-sales/refund-1.md").rules["no-qr-code"]!.severity).toBe(0);
    expect(resolveFor(raw, "templates/pre-sales/hello.md").rules["no-qr-code"]!.severity).toBe(2);
    expect(resolveFor(raw, "other/templates/after-sales/x.md").rules["no-qr-code"]!.severity).toBe(2);
  });

  it("accepts Windows separators and ./ in the file path", () => {
    const raw = { overrides: [{ files: ["templates/after-sales/**"], rules: { "no-qr-code": "warn" } }] };
    expect(resolveFor(raw, "templates\\after-sales\\a.md").rules["no-qr-code"]!.severity).toBe(1);
    expect(resolveFor(raw, "./templates/after-sales/a.md").rules["no-qr-code"]!.severity).toBe(1);
  });

  it("--rule flags apply last", () => {
    const raw = { rules: { "no-email": "warn" }, overrides: [{ files: ["**"], rules: { "no-email": "error" } }] };
    expect(resolveFor(raw, "a.csv", { ruleFlags: ["no-email:off"] }).rules["no-email"]!.severity).toBe(0);
    expect(resolveFor(raw, "a.csv", { ruleFlags: ["no-email:off", "no-email:1"] }).rules["no-email"]!.severity).toBe(1);
  });
});

describe("file globs", () => {
  it("a glob without / matches the file name in any folder; with / it is anchored", () => {
    expect(filesMatch(["*.csv"], "exports/2024/a.csv")).toBe(true);
    expect(filesMatch(["*.csv"], "a.csv")).toBe(true);
    expect(filesMatch(["exports/*.csv"], "exports/a.csv")).toBe(true);
    expect(filesMatch(["exports/*.csv"], "old/exports/a.csv")).toBe(false);
    expect(filesMatch(["/exports/*.csv"], "exports/a.csv")).toBe(true);
  });

  it("! globs exclude", () => {
    expect(filesMatch(["**/*.csv", "!archive/**"], "exports/a.csv")).toBe(true);
    expect(filesMatch(["**/*.csv", "!archive/**"], "archive/a.csv")).toBe(false);
    expect(filesMatch(["!archive/**"], "exports/a.csv")).toBe(false);
  });

  it("dot files and folders match", () => {
    expect(filesMatch(["templates/**"], "templates/.drafts/a.md")).toBe(true);
  });

  it("relativeToBase gives posix paths", () => {
    expect(relativeToBase("/p", "/p/templates/a.md")).toBe("templates/a.md");
  });
});

describe("fields", () => {
  const raw = {
    fields: {
      company_profile: { rules: { "no-external-link": "off" } },
      sku: "ignore",
      "images[*].alt": { rules: { "no-phone-number": "warn" } },
      "attributes.*": { rules: { "no-email": "off" } },
    },
    overrides: [{ files: ["templates/**"], fields: { text: { rules: { "no-qr-code": "off" } } } }],
  };

  it("a per-field rule off", () => {
    const settings = resolveFor(raw);
    const field = settingsForField(settings, "company_profile");
    expect(field.ignored).toBe(false);
    expect(field.rules["no-external-link"]!.severity).toBe(0);
    expect(field.rules["no-email"]!.severity).toBe(2);
    expect(settingsForField(settings, "description").rules["no-external-link"]!.severity).toBe(2);
  });

  it("ignore skips the field", () => {
    expect(settingsForField(resolveFor(raw), "sku").ignored).toBe(true);
    expect(settingsForField(resolveFor(raw), "SKU").ignored).toBe(true);
  });

  it("globs over field names; brackets are literal", () => {
    const settings = resolveFor(raw);
    expect(settingsForField(settings, "images[2].alt").rules["no-phone-number"]!.severity).toBe(1);
    expect(settingsForField(settings, "attributes.color").rules["no-email"]!.severity).toBe(0);
    expect(settingsForField(settings, "title").rules["no-email"]!.severity).toBe(2);
  });

  it("fields from a matching override join in", () => {
    expect(settingsForField(resolveFor(raw, "templates/a.txt"), "text").rules["no-qr-code"]!.severity).toBe(0);
    expect(settingsForField(resolveFor(raw, "exports/a.csv"), "text").rules["no-qr-code"]!.severity).toBe(2);
  });

  it("is memoised per file settings", () => {
    const settings = resolveFor(raw);
    expect(settingsForField(settings, "company_profile")).toBe(settingsForField(settings, "company_profile"));
  });

  it("field patterns: exact names ignore case; parentheses are literal", () => {
    expect(fieldMatches("Product Name (EN)", "product name (en)")).toBe(true);
    expect(fieldMatches("Product Name (EN)*", "Product Name (EN) 2")).toBe(true);
    expect(fieldMatches("{title,description}", "Description")).toBe(true);
    expect(fieldMatches("title", "subtitle")).toBe(false);
  });
});

describe("--rule flags", () => {
  it("parses id:severity in every spelling", () => {
    expect(parseRuleFlag("no-email:off", BUILTIN_RULES)).toEqual({ ruleId: "no-email", entry: { severity: 0 }, flag: "no-email:off" });
    expect(parseRuleFlag("no-email:2").entry).toEqual({ severity: 2 });
    expect(parseRuleFlag("team/no-dm:warn").ruleId).toBe("team/no-dm");
  });

  it("parses options as a JSON array", () => {
    expect(parseRuleFlag('no-external-link:["error",{"allow":["a.com"]}]', BUILTIN_RULES).entry).toEqual({
      severity: 2,
      options: { allow: ["a.com"] },
    });
  });

  function flagError(flag: string): ConfigError {
    try {
      parseRuleFlag(flag, BUILTIN_RULES);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error("expected a ConfigError");
  }

  it("errors name the flag", () => {
    expect(flagError("no-email").message).toBe('Invalid --rule "no-email": expected "<rule-id>:<severity>", e.g. "no-email:off"');
    expect(flagError("no-emial:off").message).toContain('Invalid --rule "no-emial:off": unknown rule "no-emial". Did you mean "no-email"?');
    expect(flagError("no-email:of").message).toContain('Invalid --rule "no-email:of": invalid severity string "of"');
    expect(flagError('no-external-link:["error",{"alow":[]}]').message).toContain('Did you mean "allow"?');
    expect(flagError("no-email:[error]").message).toContain("JSON array");
  });
});

describe("starter config", () => {
  it("is commented YAML that validates and resolves like no config", () => {
    const text = starterConfig({ rules: BUILTIN_RULES, platforms: PLATFORMS });
    expect(text).toContain("# no-phone-number: error");
    expect(text).toContain("alibaba, aliexpress");
    const starter = config(YAML.parse(text));
    expect(starter).toEqual(config({ platform: "alibaba", extends: "recommended" }));
  });

  it.each([[{}], [{ rules: BUILTIN_RULES }]])("its commented examples are valid too once uncommented (%#)", (options) => {
    const text = starterConfig(options)
      .split("\n")
      // Indented examples, and the top-level keys that are commented out whole.
      .map((line) => line.replace(/^(\s+)# /u, "$1").replace(/^# (?=(plugins|ignorePatterns):)/u, ""))
      .join("\n");
    const raw = YAML.parse(text) as Record<string, unknown>;
    delete raw.plugins; // a file that doesn't exist here
    expect(() => config(raw)).not.toThrow();
    expect(config(raw).fields.sku).toBe("ignore");
    expect(config(raw).phrases[0]!.regex).toEqual(["pm\\s*me"]);
  });
});
