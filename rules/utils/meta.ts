// Small helpers for rule metadata, so each rule file reads as data.
import { pathToFileURL } from "node:url";
import type { Bilingual } from "../../src/types.js";
import { dataPath } from "../../src/paths.js";

/** The rule's documentation: `rules/<id>.md` in the installed package, as a file URL (editors and
 * terminals open it; the project has no web site to point at). */
export function docsUrl(ruleId: string): string {
  return pathToFileURL(dataPath("rules", `${ruleId}.md`)).href;
}

export function bi(en: string, zh: string): Bilingual {
  return { en, "zh-CN": zh };
}
