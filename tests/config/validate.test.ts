import { describe, expect, it } from "vitest";
import { ConfigError, formatKeyPath } from "../../src/config/errors.js";
import { editDistance, nearestName } from "../../src/config/suggest.js";
import { assertKnownPlatform, validateConfig } from "../../src/config/validate.js";
import { BUILTIN_RULES, PLATFORMS } from "./helpers.js";

const FILE = "/project/.offsitelintrc.yaml";

function validate(raw: unknown) {
  return validateConfig(raw, { filepath: FILE, rules: BUILTIN_RULES, platforms: PLATFORMS });
}

function errorOf(raw: unknown): ConfigError {
  try {
    validate(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("a valid config", () => {
  it("normalises the example from DESIGN.md", () => {
    const config = validate({
      platform: "alibaba",
      extends: "recommended",
      rules: { "no-external-link": ["error", { allow: ["*.alibaba.com", "ourbrand.com"] }], "no-phone-number": "warn" },
      fields: { company_profile: { rules: { "no-external-link": "off" } }, sku: "ignore" },
      overrides: [{ files: ["templates/after-sales/**"], rules: { "no-qr-code": "warn" } }],
      phrases: [
        {
          id: "team/no-dm",
          category: "offline-deal",
          severity: "error",
          message: "Asks the buyer to message privately",
          match: ["DM me", "私信我"],
          regex: ["pm\\s*me"],
        },
      ],
      plugins: ["./rules/team-rules.js"],
      ignorePatterns: ["archive/**"],
      locale: "zh-CN",
      penalties: { alibaba: { im: { points: 4 } } },
    });
    expect(config).toEqual({
      platform: "alibaba",
      extends: "recommended",
      rules: {
        "no-external-link": { severity: 2, options: { allow: ["*.alibaba.com", "ourbrand.com"] } },
        "no-phone-number": { severity: 1 },
      },
      fields: { company_profile: { rules: { "no-external-link": { severity: 0 } } }, sku: "ignore" },
      overrides: [{ files: ["templates/after-sales/**"], rules: { "no-qr-code": { severity: 1 } } }],
      phrases: [
        {
          id: "team/no-dm",
          category: "offline-deal",
          severity: "error",
          message: { en: "Asks the buyer to message privately", "zh-CN": "Asks the buyer to message privately" },
          match: ["DM me", "私信我"],
          regex: ["pm\\s*me"],
        },
      ],
      plugins: ["./rules/team-rules.js"],
      ignorePatterns: ["archive/**"],
      locale: "zh-CN",
      penalties: { alibaba: { im: { points: 4 } } },
    });
  });

  it("accepts every severity spelling", () => {
    const config = validate({ rules: { "no-email": 0, "no-phone-number": 1, "no-qr-code": 2, "no-im-contact": "off", "no-offline-deal": ["warn"] } });
    expect(config.rules).toEqual({
      "no-email": { severity: 0 },
      "no-phone-number": { severity: 1 },
      "no-qr-code": { severity: 2 },
      "no-im-contact": { severity: 0 },
      "no-offline-deal": { severity: 1 },
    });
  });

  it("treats an empty YAML key (null) as unset, and an empty config as defaults", () => {
    expect(validate({ rules: null, fields: null })).toEqual(validate({}));
    expect(validate({})).toEqual({ rules: {}, fields: {}, overrides: [], phrases: [], plugins: [], ignorePatterns: [] });
  });

  it("accepts a single glob string in overrides.files", () => {
    expect(validate({ overrides: [{ files: "*.csv", platform: "ebay" }] }).overrides).toEqual([{ files: ["*.csv"], platform: "ebay" }]);
  });
});

describe("errors name the file, the key path and the nearest valid name", () => {
  it("unknown top-level key", () => {
    const error = errorOf({ platfrom: "alibaba" });
    expect(error.filepath).toBe(FILE);
    expect(formatKeyPath(error.keyPath!)).toBe("platfrom");
    expect(error.message).toMatch(/^Invalid configuration in \/project\/\.offsitelintrc\.yaml: platfrom: unknown key "platfrom"\. Did you mean "platform"\?/);
  });

  it("unknown rule id", () => {
    const error = errorOf({ rules: { "no-emial": "error" } });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain("rules.no-emial:");
    expect(error.message).toContain('Did you mean "no-email"?');
  });

  it("unknown rule id without a close name gets no guess", () => {
    const error = errorOf({ rules: { "totally-different": "error" } });
    expect(error.message).toContain('unknown rule "totally-different"');
    expect(error.message).not.toContain("Did you mean");
  });

  it("a rule id given without its prefix", () => {
    expect(errorOf({ rules: { email: "off" } }).message).toContain('Did you mean "no-email"?');
  });

  it("unknown rule option", () => {
    const error = errorOf({ rules: { "no-external-link": ["error", { alow: ["a.com"] }] } });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain("rules.no-external-link[1].alow:");
    expect(error.message).toContain('unknown option "alow" for rule "no-external-link". Did you mean "allow"?');
  });

  it("an option for a rule that takes none", () => {
    expect(errorOf({ rules: { "no-email": ["error", { strict: true }] } }).message).toContain("The rule takes no options.");
  });

  it("option of the wrong type", () => {
    expect(errorOf({ rules: { "no-external-link": ["error", { allow: "a.com" }] } }).message).toContain(
      "rules.no-external-link[1].allow: expected an array, got string",
    );
    expect(errorOf({ rules: { "no-external-link": ["error", { allow: [1] }] } }).message).toContain(
      "rules.no-external-link[1].allow[0]: expected a string, got number 1",
    );
    expect(errorOf({ rules: { "no-phone-number": ["error", { minDigits: 7.5 }] } }).message).toContain("expected an integer");
  });

  it("unknown platform", () => {
    const error = errorOf({ platform: "alibba" });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain('platform: unknown platform "alibba". Did you mean "alibaba"?');
    expect(error.message).toContain("Valid: alibaba, aliexpress,");
  });

  it("unknown platform in an override", () => {
    expect(errorOf({ overrides: [{ files: ["*.csv"], platform: "shoppe" }] }).message).toContain(
      'overrides[0].platform: unknown platform "shoppe". Did you mean "shopee"?',
    );
  });

  it("bad severity", () => {
    expect(errorOf({ rules: { "no-email": "eror" } }).message).toContain(
      'rules.no-email: invalid severity string "eror": use off, warn, error (or 0, 1, 2). Did you mean "error"?',
    );
    expect(errorOf({ rules: { "no-email": 3 } }).message).toContain("invalid severity number 3");
    expect(errorOf({ rules: { "no-email": ["error", {}, "x"] } }).message).toContain("array of 3 items");
  });

  it("bad preset and locale", () => {
    expect(errorOf({ extends: "strikt" }).message).toContain('extends: unknown preset "strikt". Did you mean "strict"?');
    expect(errorOf({ extends: "eslint:recommended" }).message).toContain("Valid: recommended, strict.");
    expect(errorOf({ locale: "zh" }).message).toContain('Did you mean "zh-CN"?');
  });

  it("fields: only ignore or { rules }", () => {
    expect(errorOf({ fields: { sku: "ignored" } }).message).toContain('fields.sku: expected "ignore" or { rules: {...} }, got "ignored". Did you mean "ignore"?');
    expect(errorOf({ fields: { sku: { rule: {} } } }).message).toContain('fields.sku.rule: unknown key "rule". Did you mean "rules"?');
    expect(errorOf({ fields: { "Product Name": { rules: { "no-emial": "off" } } } }).message).toContain(
      'fields["Product Name"].rules.no-emial: unknown rule',
    );
  });

  it("overrides: need files, only known keys", () => {
    expect(errorOf({ overrides: [{ rules: {} }] }).message).toContain('overrides[0]: an override needs "files"');
    expect(errorOf({ overrides: [{ files: [] }] }).message).toContain("at least one glob");
    expect(errorOf({ overrides: [{ files: ["a"], rulez: {} }] }).message).toContain('overrides[0].rulez: unknown key "rulez". Did you mean "rules"?');
    expect(errorOf({ overrides: { files: ["a"] } }).message).toContain("overrides: expected a list");
  });

  it("plugins and ignorePatterns must be string lists", () => {
    expect(errorOf({ plugins: "./x.js" }).message).toContain("plugins: expected a list of strings");
    expect(errorOf({ ignorePatterns: [1] }).message).toContain("ignorePatterns[0]: expected a non-empty string");
  });

  it("penalties must be an object (its contents belong to the penalties module)", () => {
    expect(errorOf({ penalties: [1] }).message).toContain("penalties: expected an object");
  });

  it("the config itself must be an object", () => {
    expect(errorOf(["rules"]).message).toContain("expected an object, got a list");
  });
});

describe("phrases", () => {
  const phrase = { id: "team/no-dm", category: "offline-deal", severity: "error", message: "DM", match: ["DM me"] };

  it("phrase ids become rule ids usable in rules, fields and overrides", () => {
    const config = validate({
      phrases: [phrase],
      rules: { "team/no-dm": "warn" },
      fields: { sku: { rules: { "team/no-dm": "off" } } },
      overrides: [{ files: ["*.txt"], rules: { "team/no-dm": "error" } }],
    });
    expect(config.rules["team/no-dm"]).toEqual({ severity: 1 });
  });

  it("phrase rules take no options", () => {
    expect(errorOf({ phrases: [phrase], rules: { "team/no-dm": ["warn", { x: 1 }] } }).message).toContain("The rule takes no options.");
  });

  it("a regex that doesn't compile under RE2 is rejected, naming the phrase and the pattern", () => {
    const error = errorOf({ phrases: [{ ...phrase, match: undefined, regex: ["ok", "(?<=wechat)\\d+"] }] });
    expect(error.message).toContain(FILE);
    expect(error.message).toContain("phrases[0].regex[1]:");
    expect(error.message).toContain('phrase "team/no-dm"');
    expect(error.message).toContain('"(?<=wechat)\\\\d+"');
    expect(error.message).toContain("not valid RE2 syntax");
  });

  it("backreferences and unbalanced groups are rejected too", () => {
    expect(errorOf({ phrases: [{ ...phrase, regex: ["(a)\\1"] }] }).message).toContain("not valid RE2 syntax");
    expect(errorOf({ phrases: [{ ...phrase, regex: ["(a"] }] }).message).toContain("missing closing )");
  });

  it("needs match or regex, and every required key", () => {
    expect(errorOf({ phrases: [{ ...phrase, match: [] }] }).message).toContain('needs "match" (literals) or "regex"');
    expect(errorOf({ phrases: [{ ...phrase, message: undefined }] }).message).toContain('phrases[0]: a phrase rule needs "message"');
    expect(errorOf({ phrases: [{ ...phrase, match: ["  "] }] }).message).toContain("phrases[0].match[0]: phrase \"team/no-dm\": an empty literal");
  });

  it("category and severity are checked with suggestions", () => {
    expect(errorOf({ phrases: [{ ...phrase, category: "offline" }] }).message).toContain(
      'phrases[0].category: unknown category "offline". Did you mean "offline-deal"?',
    );
    expect(errorOf({ phrases: [{ ...phrase, severity: "fatal" }] }).message).toContain("phrases[0].severity: invalid severity");
    expect(errorOf({ phrases: [{ ...phrase, severty: "warn" }] }).message).toContain('Did you mean "severity"?');
  });

  it("ids: unique, not a rule id, no spaces or colons", () => {
    expect(errorOf({ phrases: [phrase, phrase] }).message).toContain('phrases[1].id: duplicate phrase id "team/no-dm"');
    expect(errorOf({ phrases: [{ ...phrase, id: "no-email" }] }).message).toContain('already a rule id; choose another (e.g. "team/no-email")');
    expect(errorOf({ phrases: [{ ...phrase, id: "a:b" }] }).message).toContain('must not contain spaces or ":"');
  });

  it("message: a string for both languages, or both languages", () => {
    const both = validate({ phrases: [{ ...phrase, message: { en: "DM", "zh-CN": "私信" } }] });
    expect(both.phrases[0]!.message).toEqual({ en: "DM", "zh-CN": "私信" });
    const one = validate({ phrases: [{ ...phrase, message: { "zh-CN": "私信" } }] });
    expect(one.phrases[0]!.message).toEqual({ en: "私信", "zh-CN": "私信" });
    expect(errorOf({ phrases: [{ ...phrase, message: { fr: "x" } }] }).message).toContain('unknown key "fr"');
  });

  it("the severity is kept as a name (it becomes the rule's defaultSeverity)", () => {
    expect(validate({ phrases: [{ ...phrase, severity: 1 }] }).phrases[0]!.severity).toBe("warn");
  });
});

describe("--platform", () => {
  it("accepts a known platform and names the flag otherwise", () => {
    expect(assertKnownPlatform("ebay", PLATFORMS)).toBe("ebay");
    expect(() => assertKnownPlatform("tiktok", PLATFORMS)).toThrow('Invalid --platform "tiktok": unknown platform "tiktok". Did you mean "tiktok-shop"?');
  });
});

describe("suggestions", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("no-emial", "no-email")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests only plausible names", () => {
    expect(nearestName("PLATFORM", ["platform", "rules"])).toBe("platform");
    expect(nearestName("xyz", ["platform", "rules"])).toBeUndefined();
    expect(nearestName("no-im", Object.keys(BUILTIN_RULES))).toBe("no-im-contact");
  });
});

describe("key paths", () => {
  it("formats ids, indexes and odd names", () => {
    expect(formatKeyPath(["rules", "no-email"])).toBe("rules.no-email");
    expect(formatKeyPath(["overrides", 0, "files", 2])).toBe("overrides[0].files[2]");
    expect(formatKeyPath(["fields", "Product Name", "rules"])).toBe('fields["Product Name"].rules');
    expect(formatKeyPath(["fields", "images[*].alt"])).toBe('fields["images[*].alt"]');
  });
});

describe("ocr and limits", () => {
  it("accepts ocr as a boolean and limits as positive whole numbers", () => {
    const config = validate({ ocr: false, limits: { maxImagePixels: 100_000_000, maxXlsxBytes: 1024 } });
    expect(config.ocr).toBe(false);
    expect(config.limits).toEqual({ maxImagePixels: 100_000_000, maxXlsxBytes: 1024 });
  });

  it("names the key and the nearest limit on a mistake", () => {
    expect(() => validate({ ocr: "no" })).toThrow(/ocr.*true or false/);
    expect(() => validate({ limits: { maxImagePixel: 5 } })).toThrow(/limits\.maxImagePixel.*Did you mean "maxImagePixels"/);
    expect(() => validate({ limits: { maxImageBytes: -1 } })).toThrow(/limits\.maxImageBytes.*positive whole number/);
    expect(() => validate({ limits: { maxImageBytes: 1.5 } })).toThrow(/positive whole number/);
  });
});
