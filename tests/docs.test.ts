// Every built-in rule has its documentation page, rules/<id>.md, with the sections users look for,
// and the contact rules link to that page from meta.docs.url (what `explain` and the JSON output show).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { builtinRules } from "../rules/index.js";

const rulesDir = fileURLToPath(new URL("../rules/", import.meta.url));
const pagePath = (id: string): string => `${rulesDir}${id}.md`;

/** The rules whose meta.docs.url is built by docsUrl() (rules/utils/meta.ts). */
// Every built-in rule links to its page in the package.
const CONTACT_RULES = Object.keys(builtinRules);

/** Section headings every page must have (level 2, matched at the start of the heading text). */
const REQUIRED_SECTIONS = ["Rule details", "How to fix", "Options"];

const ids = Object.keys(builtinRules);

/** The Markdown headings of a page, outside fenced code blocks (YAML comments start with `#` too). */
function headings(markdown: string): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  let fenced = false;
  for (const line of markdown.split(/\r?\n/u)) {
    if (/^\s*(```|~~~)/u.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/u.exec(line);
    if (m) out.push({ level: m[1]!.length, text: m[2]! });
  }
  return out;
}

describe("rule documentation pages", () => {
  test("there are built-in rules to document", () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  describe.each(ids)("%s", (id) => {
    test("has rules/<id>.md", () => {
      expect(existsSync(pagePath(id)), `missing ${pagePath(id)}`).toBe(true);
    });

    test("its first heading is a title naming the rule id", () => {
      const [first] = headings(readFileSync(pagePath(id), "utf8"));
      expect(first, "the page has no heading").toBeDefined();
      expect(first!.level).toBe(1);
      expect(first!.text.replace(/`/gu, "")).toMatch(new RegExp(`(^|\\W)${id}(\\W|$)`, "u"));
    });

    test.each(REQUIRED_SECTIONS)("has the section \"%s\"", (section) => {
      const sections = headings(readFileSync(pagePath(id), "utf8")).filter((h) => h.level === 2);
      expect(sections.map((h) => h.text).some((text) => text.toLowerCase().startsWith(section.toLowerCase()))).toBe(true);
    });

    test("the Options section names every option of meta.schema", () => {
      const page = readFileSync(pagePath(id), "utf8");
      const options = page.split(/^## /mu).find((s) => s.toLowerCase().startsWith("options")) ?? "";
      const names = Object.keys(builtinRules[id]!.meta.schema.properties ?? {});
      for (const name of names) expect(options, `option \`${name}\` is not documented`).toContain(`\`${name}\``);
      if (names.length === 0) expect(options).toMatch(/no options/iu);
    });
  });
});

describe("meta.docs.url of the contact rules points at the page", () => {
  test.each(CONTACT_RULES)("%s", (id) => {
    const rule = builtinRules[id];
    expect(rule, `${id} is not a built-in rule`).toBeDefined();
    const url = rule!.meta.docs.url;
    expect(url.endsWith(`rules/${id}.md`), url).toBe(true);
    expect(url.startsWith("file:"), url).toBe(true);
    expect(existsSync(fileURLToPath(url)), `${url} does not exist`).toBe(true);
  });
});
