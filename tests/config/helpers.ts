// Fixtures for the config tests: stand-in built-in rules (the registry is written elsewhere),
// temp folders, and a minimal folded view.
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { FieldViews } from "../../src/text/views.js";
import type { Category, Finding, Rule, RuleMeta, SeverityName, TextView } from "../../src/types.js";

export const PLATFORMS = [
  "alibaba",
  "aliexpress",
  "tmall",
  "douyin",
  "xiaohongshu",
  "tiktok-shop",
  "shopee",
  "lazada",
  "amazon",
  "ebay",
] as const;

function fakeRule(id: string, category: Category, defaultSeverity: SeverityName, properties: RuleMeta["schema"]["properties"] = {}): Rule {
  return {
    meta: {
      id,
      category,
      defaultSeverity,
      description: { en: id, "zh-CN": id },
      docs: { url: `https://example.test/rules/${id}.md`, why: { en: "", "zh-CN": "" }, fix: { en: "", "zh-CN": "" } },
      messages: { found: { en: "found {text}", "zh-CN": "发现 {text}" } },
      schema: { type: "object", properties, additionalProperties: false },
    },
    check() {},
  };
}

/** The built-in ids with plausible metas; two are off by default so the presets differ. */
export const BUILTIN_RULES: Record<string, Rule> = {
  "no-external-link": fakeRule("no-external-link", "link", "error", {
    allow: { type: "array", items: { type: "string" } },
  }),
  "no-email": fakeRule("no-email", "email", "error"),
  "no-phone-number": fakeRule("no-phone-number", "phone", "error", { minDigits: { type: "integer" } }),
  "no-im-contact": fakeRule("no-im-contact", "im", "error"),
  "no-qr-code": fakeRule("no-qr-code", "qr", "error"),
  "no-image-contact": fakeRule("no-image-contact", "watermark", "warn"),
  "no-offline-deal": fakeRule("no-offline-deal", "offline-deal", "warn"),
  "no-offsite-payment": fakeRule("no-offsite-payment", "payment", "off"),
  "no-assurance-refusal": fakeRule("no-assurance-refusal", "assurance", "off"),
};

export function tempDir(): { dir: string; write(path: string, content: string): string; cleanup(): void } {
  // realpath: on macOS /tmp is a symlink and cosmiconfig reports real paths.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "offsite-config-")));
  return {
    dir,
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A folded view for tests: NFKC + lower case, mapped one-to-one, which holds when folding keeps
 * the length (full-width ASCII, case) — the real normaliser is tested in tests/text.
 */
export function simpleFoldedView(text: string): TextView {
  const folded = text.normalize("NFKC").toLowerCase();
  if (folded.length !== text.length) throw new Error("simpleFoldedView: folding changed the length");
  return { text: folded, toOriginal: (start, end) => [start, end] };
}

/** Runs a rule on `text` with the simple folded view and returns the findings with their original text. */
export function runWithSimpleViews(rule: Rule, text: string): Array<Finding & { text: string }> {
  const hits: Array<Finding & { text: string }> = [];
  const views = { original: text, folded: simpleFoldedView(text) } as unknown as FieldViews;
  rule.check({
    field: { name: "description", text },
    kind: "reply",
    views,
    options: {},
    strict: false,
    report(finding) {
      hits.push({ ...finding, text: text.slice(finding.start, finding.end) });
    },
  });
  return hits;
}
