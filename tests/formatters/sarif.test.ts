import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { getFormatter } from "../../src/formatters/index.js";
import { FATAL_RULE_ID, FINGERPRINT_KEY, SARIF_SCHEMA, sarif } from "../../src/formatters/sarif.js";
import type { FormatterContext } from "../../src/formatters/index.js";
import { lintText } from "../../src/index.js";
import { estimateMessage, totalFor } from "../../src/penalties/compute.js";
import { getProfile } from "../../src/penalties/profiles.js";
import type { LintMessage, LintResult, Locale, RuleMeta } from "../../src/types.js";
import { cleanupSarifValidator, enumViolations, validateSarif } from "../helpers/sarif-multitool.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const platform = getProfile("alibaba");
const rulesMeta: Record<string, RuleMeta> = Object.fromEntries(Object.values(builtinRules).map((r) => [r.meta.id, r.meta]));

const context = (cwd: string, locale: Locale = "zh-CN", extra: Partial<FormatterContext> = {}): FormatterContext => ({
  cwd,
  locale,
  color: false,
  platform,
  rulesMeta,
  version: "0.1.0",
  ...extra,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const parse = (text: string): Json => JSON.parse(text);

function withTotals(filePath: string, messages: LintMessage[]): LintResult {
  return { ...result(filePath, messages), penalty: totalFor(messages, platform) };
}

/** A run as operations staff produce it: several files, CJK, a penalty, a fatal file, a clean one. */
function realisticResults(root: string, sep = "/"): LintResult[] {
  const p = (...parts: string[]): string => [root, ...parts].join(sep);
  return [
    withTotals(p("exports", "listings.csv"), [
      msg(2, "im", {
        ruleId: "no-im-contact",
        message: "以 微信 作为联系方式：「V信: lamp_88」",
        line: 12,
        column: 41,
        endLine: 12,
        endColumn: 53,
        record: { index: 10, id: "SKU-1042" },
        field: "description",
        match: "V信: lamp_88",
        messageId: "handle",
        docsUrl: rulesMeta["no-im-contact"]!.docs.url,
        suggestion: rulesMeta["no-im-contact"]!.docs.fix["zh-CN"],
        confidence: 0.92,
        penalty: estimateMessage(platform, "im", 2, "zh-CN"),
      }),
      msg(1, "phone", {
        ruleId: "no-phone-number",
        message: '疑似电话号码："138 0013 8000" <联系>',
        line: 14,
        column: 3,
        endLine: 15,
        endColumn: 9,
        record: { index: 12 },
        field: "title",
        match: "138 0013 8000",
        confidence: 0.55,
        penalty: estimateMessage(platform, "phone", 1, "zh-CN"),
      }),
    ]),
    withTotals(p("exports", "春季 新品#1.xlsx"), [
      msg(2, "link", {
        ruleId: "no-external-link",
        message: 'External link: "abc dot com"',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 16,
        cell: "Sheet1!E3",
        record: { index: 1, id: "A-7" },
        field: "详情",
        match: "abc dot com",
        penalty: estimateMessage(platform, "link", 2, "zh-CN"),
      }),
    ]),
    result(p("templates", "broken.json"), [fatal("Parsing error: Unexpected end of JSON input", 4, 2)]),
    result(p("templates", "clean.txt"), []),
    {
      ...result(p("templates", "after-sales.md"), []),
      suppressedMessages: [
        {
          ...msg(2, "qr", { ruleId: "no-qr-code", message: "扫码加我", line: 2, column: 1, endLine: 2, endColumn: 5, match: "扫码加我" }),
          suppressions: [{ kind: "directive", justification: "" }],
        },
        {
          ...msg(1, "email", { ruleId: "no-email", message: "Email: a@b.test", line: 5, column: 8, endLine: 5, endColumn: 16, match: "a@b.test" }),
          suppressions: [{ kind: "file", justification: "baseline 2024-05" }],
        },
      ],
    },
  ];
}

const ruleById = (run: Json, id: string): Json => run.tool.driver.rules.find((r: Json) => r.id === id);

describe("sarif: the log", () => {
  const log = parse(sarif(realisticResults("/work/shop"), context("/work/shop")));
  const run = log.runs[0];

  it("is SARIF 2.1.0 with one run of offsite-lint", () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "offsite-lint", version: "0.1.0", semanticVersion: "0.1.0" });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.language).toBe("zh-CN");
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/shop/" } });
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, workingDirectory: { uri: "file:///work/shop/" } });
    expect(getFormatter("sarif")).toBe(sarif);
  });

  it("describes every rule that ran with what GitHub requires, plus the fatal rule", () => {
    const ids = run.tool.driver.rules.map((r: Json) => r.id);
    expect(ids).toEqual([...Object.keys(rulesMeta), FATAL_RULE_ID]);
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.name).not.toBe(rule.id);
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown]) {
        expect(typeof text).toBe("string");
        expect(text.trim().length).toBeGreaterThan(0);
      }
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags).toContain("offsite-lint");
    }
    const im = ruleById(run, "no-im-contact");
    const meta = rulesMeta["no-im-contact"]!;
    expect(im.name).toBe("NoImContact");
    expect(im.fullDescription.text).toBe(meta.description["zh-CN"]);
    expect(im.help.text).toContain(meta.docs.why["zh-CN"]);
    expect(im.help.text).toContain(meta.docs.fix["zh-CN"]);
    expect(im.help.markdown).toContain(`**如何修改**\n\n${meta.docs.fix["zh-CN"]}`);
    expect(im.defaultConfiguration.level).toBe("error");
    expect(im.properties).toMatchObject({ category: "im", tags: ["offsite-lint", "im"] });
    expect(ruleById(run, FATAL_RULE_ID).defaultConfiguration.level).toBe("error");
  });

  it("gives helpUri only for http(s) docs, never the file: URL of the installed package", () => {
    expect(rulesMeta["no-im-contact"]!.docs.url).toMatch(/^file:/);
    for (const rule of run.tool.driver.rules) expect(rule).not.toHaveProperty("helpUri");
    const web = { ...rulesMeta["no-email"]!, docs: { ...rulesMeta["no-email"]!.docs, url: "https://example.test/rules/no-email.md" } };
    const other = parse(sarif([], context("/w", "en", { rulesMeta: { "no-email": web } })));
    expect(ruleById(other.runs[0], "no-email").helpUri).toBe("https://example.test/rules/no-email.md");
  });

  it("writes rule texts in the run's locale", () => {
    const en = parse(sarif([], context("/w", "en"))).runs[0];
    expect(en.language).toBe("en");
    expect(ruleById(en, "no-im-contact").fullDescription.text).toBe(rulesMeta["no-im-contact"]!.description.en);
    expect(ruleById(en, "no-im-contact").help.text).toContain("How to fix: ");
    expect(ruleById(en, FATAL_RULE_ID).shortDescription.text).toBe("The file could not be read or parsed");
    expect(ruleById(run, FATAL_RULE_ID).shortDescription.text).toBe("文件无法读取或解析");
  });

  it("reports each message as a result with rule, level, text, location and properties", () => {
    expect(run.results).toHaveLength(6);
    const [im, phone, link, broken] = run.results;
    expect(im).toMatchObject({
      ruleId: "no-im-contact",
      level: "error",
      message: { text: "以 微信 作为联系方式：「V信: lamp_88」" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "exports/listings.csv", uriBaseId: "%SRCROOT%", index: 0 },
            region: { startLine: 12, startColumn: 41, endLine: 12, endColumn: 53 },
          },
        },
      ],
      properties: {
        category: "im",
        confidence: 0.92,
        penalty: { platform: "alibaba", points: 6 },
        record: { index: 10, id: "SKU-1042" },
        field: "description",
      },
    });
    expect(run.tool.driver.rules[im.ruleIndex].id).toBe("no-im-contact");
    expect(phone).toMatchObject({ ruleId: "no-phone-number", level: "warning", message: { text: '疑似电话号码："138 0013 8000" <联系>' } });
    expect(phone.locations[0].physicalLocation.region).toEqual({ startLine: 14, startColumn: 3, endLine: 15, endColumn: 9 });
    expect(phone.properties.penalty.points).toBe(estimateMessage(platform, "phone", 1).points);
    expect(link.properties).toMatchObject({ cell: "Sheet1!E3", field: "详情", record: { index: 1, id: "A-7" } });
    expect(link.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "exports/%E6%98%A5%E5%AD%A3%20%E6%96%B0%E5%93%81%231.xlsx",
      uriBaseId: "%SRCROOT%",
      index: 1,
    });
    expect(decodeURIComponent(link.locations[0].physicalLocation.artifactLocation.uri)).toBe("exports/春季 新品#1.xlsx");
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it("reports a file that could not be parsed as an error of offsite-lint/fatal, and as a tool notification", () => {
    const broken = run.results[3];
    expect(broken).toMatchObject({
      ruleId: FATAL_RULE_ID,
      level: "error",
      message: { text: "Parsing error: Unexpected end of JSON input" },
    });
    expect(broken.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 2, endLine: 4, endColumn: 3 });
    expect(broken.locations[0].physicalLocation.artifactLocation.uri).toBe("templates/broken.json");
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "error", message: { text: "Parsing error: Unexpected end of JSON input" } }),
    ]);
  });

  it("keeps suppressed messages as results with suppressions (inSource / external), as ESLint does", () => {
    const suppressed = run.results.filter((r: Json) => r.suppressions);
    expect(suppressed.map((r: Json) => [r.ruleId, r.suppressions])).toEqual([
      ["no-qr-code", [{ kind: "inSource" }]],
      ["no-email", [{ kind: "external", justification: "baseline 2024-05" }]],
    ]);
    expect(run.results.filter((r: Json) => !r.suppressions)).toHaveLength(4);
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(1);
  });

  it("lists every linted file as an analysis target, the clean one too", () => {
    expect(run.artifacts.map((a: Json) => decodeURIComponent(a.location.uri))).toEqual([
      "exports/listings.csv",
      "exports/春季 新品#1.xlsx",
      "templates/broken.json",
      "templates/clean.txt",
      "templates/after-sales.md",
    ]);
    for (const a of run.artifacts) expect(a).toMatchObject({ location: { uriBaseId: "%SRCROOT%" }, roles: ["analysisTarget"] });
  });

  it("puts the run's penalty estimate in the run's properties", () => {
    expect(run.properties).toMatchObject({ platform: "alibaba", penalty: { platform: "alibaba" } });
    expect(run.properties.penalty.points).toBeGreaterThanOrEqual(6);
  });

  it("is deterministic, and valid JSON for an empty run", () => {
    const results = realisticResults("/work/shop");
    expect(sarif(results, context("/work/shop"))).toBe(sarif(results, context("/work/shop")));
    const empty = parse(sarif([], context("/w")));
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules.length).toBe(Object.keys(rulesMeta).length + 1);
  });

  it("describes a rule without metadata (a plugin's) instead of dropping its results", () => {
    const out = parse(sarif([result("/w/a.txt", [msg(2, "offline-deal", { ruleId: "team/no-dm", message: "Asks the buyer to message privately" })])], context("/w", "en", { rulesMeta: {} })));
    const team = ruleById(out.runs[0], "team/no-dm");
    expect(team).toMatchObject({ name: "TeamNoDm", shortDescription: { text: "Rule team/no-dm" }, properties: { category: "offline-deal" } });
    expect(out.runs[0].results[0].ruleIndex).toBe(0);
  });
});

describe("sarif: paths and URIs", () => {
  const uriOf = (log: Json, i = 0): Json => log.runs[0].results[i].locations[0].physicalLocation.artifactLocation;

  it("makes Windows paths relative to cwd with forward slashes (drive letters in any case)", () => {
    const log = parse(sarif(realisticResults("C:\\Users\\运营\\shop", "\\"), context("c:\\Users\\运营\\shop")));
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe("file:///C:/Users/%E8%BF%90%E8%90%A5/shop/");
    expect(uriOf(log)).toMatchObject({ uri: "exports/listings.csv", uriBaseId: "%SRCROOT%" });
    expect(decodeURIComponent(uriOf(log, 2).uri)).toBe("exports/春季 新品#1.xlsx");
  });

  it("gives a file outside cwd an absolute file: URI and no uriBaseId", () => {
    const posix = parse(sarif([result("/srv/images/二维码.png", [msg(2, "qr")])], context("/work/shop")));
    expect(uriOf(posix)).toEqual({ uri: "file:///srv/images/%E4%BA%8C%E7%BB%B4%E7%A0%81.png", index: 0 });
    const otherDrive = parse(sarif([result("D:\\exports\\a b.csv", [msg(2, "qr")])], context("C:\\shop")));
    expect(uriOf(otherDrive)).toEqual({ uri: "file:///D:/exports/a%20b.csv", index: 0 });
    const unc = parse(sarif([result("\\\\fileserver\\share\\a.csv", [msg(2, "qr")])], context("C:\\shop")));
    expect(uriOf(unc).uri).toBe("file://fileserver/share/a.csv");
  });

  it("encodes characters that would break a URI reference (%, #, ?, :)", () => {
    const log = parse(sarif([result("/w/a%b/c#d?e:f.csv", [msg(2, "qr")])], context("/w")));
    expect(uriOf(log).uri).toBe("a%25b/c%23d%3Fe%3Af.csv");
  });
});

describe("sarif: fingerprints", () => {
  const fingerprints = (results: LintResult[], cwd = "/w"): string[] =>
    parse(sarif(results, context(cwd))).runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);

  const im = (line: number, index: number, id: string | undefined, match: string): LintMessage =>
    msg(2, "im", {
      ruleId: "no-im-contact",
      message: `WeChat: ${match}`,
      line,
      column: 5,
      endLine: line,
      endColumn: 5 + match.length,
      record: id ? { index, id } : { index },
      field: "description",
      match,
    });

  it("stay the same when rows are reordered or lines shift, and differ between findings", () => {
    const before = fingerprints([result("/w/listings.csv", [im(2, 0, "SKU-1", "V信 lamp_88"), im(3, 1, "SKU-2", "WX: shop_9")])]);
    // Rows swapped and ten rows inserted above: other lines, other record indexes.
    const after = fingerprints([result("/w/listings.csv", [im(12, 10, "SKU-2", "WX: shop_9"), im(13, 11, "SKU-1", "V信 lamp_88")])]);
    expect(new Set(after)).toEqual(new Set(before));
    expect(after[0]).toBe(before[1]);
    expect(after[1]).toBe(before[0]);
    expect(before[0]).not.toBe(before[1]);
    expect(before[0]).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it("do not depend on where the checkout is, nor on the path style", () => {
    const a = fingerprints([result("/home/runner/work/repo/t/a.txt", [im(1, 0, undefined, "V信 x")])], "/home/runner/work/repo");
    const b = fingerprints([result("C:\\actions\\repo\\t\\a.txt", [im(7, 0, undefined, "V信 x")])], "C:\\actions\\repo");
    expect(a).toEqual(b);
  });

  it("number identical findings in one file instead of colliding, and tell files, rules and records apart", () => {
    const same = fingerprints([result("/w/a.txt", [im(1, 0, undefined, "V信 x"), im(9, 0, undefined, "V信 x")])]);
    expect(same[0]!.replace(/:\d+$/, "")).toBe(same[1]!.replace(/:\d+$/, ""));
    expect(same.map((f) => f.split(":")[1])).toEqual(["1", "2"]);
    const [a] = fingerprints([result("/w/a.txt", [im(1, 0, "SKU-1", "V信 x")])]);
    const [b] = fingerprints([result("/w/b.txt", [im(1, 0, "SKU-1", "V信 x")])]);
    const [c] = fingerprints([result("/w/a.txt", [im(1, 0, "SKU-2", "V信 x")])]);
    const [d] = fingerprints([result("/w/a.txt", [{ ...im(1, 0, "SKU-1", "V信 x"), ruleId: "no-offline-deal" }])]);
    expect(new Set([a, b, c, d]).size).toBe(4);
  });
});

describe("sarif: columns", () => {
  it("are UTF-16 code units, 1-based: an emoji before the finding counts two", async () => {
    const line = "🎁🎁 优惠多多，加V信: lamp_88 详聊";
    const linted = await lintText(line, { cwd: "/w", filePath: "reply.txt", noConfigLookup: true, locale: "zh-CN" });
    const log = parse(sarif([linted], context("/w")));
    const im = log.runs[0].results.find((r: Json) => r.ruleId === "no-im-contact");
    expect(im).toBeDefined();
    const region = im.locations[0].physicalLocation.region;
    expect(log.runs[0].columnKind).toBe("utf16CodeUnits");
    expect(im.locations[0].physicalLocation.artifactLocation.uri).toBe("reply.txt");
    const match = linted.messages.find((m) => m.ruleId === "no-im-contact")!.match!;
    // The region, read as UTF-16 code units, is exactly the matched text…
    expect(line.slice(region.startColumn - 1, region.endColumn - 1)).toBe(match);
    expect(region.startColumn - 1).toBe(line.indexOf(match));
    // …and counting code points instead would be two columns off.
    expect([...line.slice(0, region.startColumn - 1)].length).toBe(region.startColumn - 3);
  });
});

describe("sarif: the SARIF SDK's validator (Sarif.Multitool 5.7.0, SARIF and GitHub rules)", () => {
  afterAll(cleanupSarifValidator);
  const check = (text: string, name: string): void => {
    const report = validateSarif(text, name);
    expect(report.toolErrors).toEqual([]);
    // The validator reports nothing at all for a file it silently failed to read: it must have
    // analysed this one (it always has notes, e.g. on our rule ids' format).
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.errors, report.stdout).toEqual([]);
    expect(report.warnings, report.stdout).toEqual([]);
    // Unknown enum values are skipped silently by the validator: checked against its schema here.
    expect(enumViolations(JSON.parse(text))).toEqual([]);
  };

  it("finds no error or warning in a realistic run (POSIX paths)", () => {
    check(sarif(realisticResults("/work/shop"), context("/work/shop")), "posix");
  });

  it("finds no error or warning in a realistic run (Windows paths, English)", () => {
    check(sarif(realisticResults("C:\\Users\\运营\\shop", "\\"), context("C:\\Users\\运营\\shop", "en")), "windows");
  });

  it("flags only GH1006 for a file outside cwd, which no checkout path can map", () => {
    // GitHub keeps such an absolute file: URI as is and still accepts the upload (its SARIF docs:
    // "file:///tmp/go-build/tmp.go -> file:///tmp/go-build/tmp.go"); it cannot show that alert on
    // a file of the repository, which the validator's GH1006 reports as an error.
    const results = [...realisticResults("/work/shop"), result("/srv/images/sku 1.png", [msg(2, "watermark", { ruleId: "no-image-contact" })])];
    const report = validateSarif(sarif(results, context("/work/shop")), "outside");
    const last = results.flatMap((r) => [...r.messages, ...(r.suppressedMessages ?? [])]).length - 1;
    expect(report.errors.map((e) => `${e.ruleId} ${e.message}`)).toEqual([`GH1006 Error_Default runs[0].results[${last}].locations[0].physicalLocation.artifactLocation.uri`]);
    expect(report.warnings).toEqual([]);
  });

  it("does catch what GitHub rejects (so a clean verdict means something)", () => {
    const log = parse(sarif(realisticResults("/work/shop"), context("/work/shop")));
    delete log.runs[0].tool.driver.rules[0].shortDescription;
    delete log.runs[0].results[0].locations[0].physicalLocation.region;
    const report = validateSarif(JSON.stringify(log), "broken");
    const ids = report.errors.map((e) => e.ruleId);
    expect(ids).toContain("GH2012");
    expect(ids).toContain("GH1003");
    const bad = parse(sarif(realisticResults("/w"), context("/w")));
    bad.runs[0].results[0].level = "fatal";
    expect(enumViolations(bad)).toEqual(['$.runs[0].results[0].level: "fatal"']);
  });
});
