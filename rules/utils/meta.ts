// Small helpers for rule metadata, so each rule file reads as data.
import type { Bilingual } from "../../src/types.js";

export const DOCS_BASE = "https://github.com/offsite-lint/offsite-lint/blob/main/docs/rules/";

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export function bi(en: string, zh: string): Bilingual {
  return { en, "zh-CN": zh };
}
