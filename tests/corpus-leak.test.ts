// Detection must come from families, not from the labelled corpus: no rule, phrase pack, allow-list
// or source file may carry a corpus id or a contact value (number, handle, domain, address) taken
// from it. Skipped when the corpus is not beside the checkout.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "..");
const corpusPath = resolve(root, "../shared/corpus/dev.jsonl");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(ts|js|mjs|ya?ml|json)$/.test(name)) out.push(path);
  }
  return out;
}

/** The distinctive values in a labelled contact span: long digit runs, addresses, domains, handles. */
export function contactValues(span: string): string[] {
  const values = new Set<string>();
  for (const m of span.matchAll(/\d[\d\s-]{6,}\d/g)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 8) values.add(digits);
  }
  for (const m of span.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) values.add(m[0].toLowerCase());
  for (const m of span.matchAll(/\b[a-z0-9-]{4,}\.(?:com|net|org|cn|top|shop|store|co|io|me|ly)\b/gi)) values.add(m[0].toLowerCase());
  for (const m of span.matchAll(/\b[a-z][a-z0-9]*_[a-z0-9_]+\b|@[a-z0-9_.]{4,}/gi)) values.add(m[0].toLowerCase());
  return [...values];
}

describe.skipIf(!existsSync(corpusPath))("no corpus strings in the product", () => {
  const cases = readFileSync(corpusPath, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; spans: Array<{ text: string; category: string }> });
  const contactCategories = new Set(["phone", "email", "link", "im"]);
  // Public service names (shorteners, platforms) are knowledge, not corpus values.
  const publicHosts = new Set(["tinyurl.com", "bit.ly", "t.cn", "alibaba.com", "wa.me", "t.me"]);
  const values = new Set(
    cases
      .flatMap((c) => c.spans.filter((s) => contactCategories.has(s.category)).flatMap((s) => contactValues(s.text)))
      .filter((v) => !publicHosts.has(v)),
  );
  const productFiles = [...filesUnder(join(root, "rules")), ...filesUnder(join(root, "src"))].filter((f) => !f.includes(`${join("src", "eval")}`));
  const texts = productFiles.map((file) => ({ file, text: readFileSync(file, "utf8").toLowerCase() }));

  it("finds contact values in the corpus to look for", () => {
    expect(values.size).toBeGreaterThan(30);
  });

  it("no product file names a corpus case id", () => {
    const leaks = texts.filter(({ text }) => /\bdev-\d{4}\b/.test(text)).map(({ file }) => file);
    expect(leaks).toEqual([]);
  });

  it("no phrase pack or test copies corpus wording (a 40-character window)", () => {
    const corpusText = readFileSync(corpusPath, "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => {
        const c = JSON.parse(line) as { text?: string; fields?: Record<string, string> };
        return c.text !== undefined ? [c.text] : Object.values(c.fields ?? {});
      })
      .join("\n")
      .toLowerCase();
    const checked = [...filesUnder(join(root, "rules", "phrases")), ...filesUnder(join(root, "tests")).filter((f) => !f.includes("corpus-leak"))];
    const leaks: string[] = [];
    for (const file of checked) {
      for (const line of readFileSync(file, "utf8").toLowerCase().split("\n")) {
        const text = line.replace(/^[\s\-#]*(?:[a-z_]+:\s*)?["']?/, "");
        for (let i = 0; i + 40 <= text.length; i += 4) {
          if (corpusText.includes(text.slice(i, i + 40))) {
            leaks.push(`${file}: ${text.slice(0, 80)}`);
            break;
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("no product file holds a contact value from the corpus", () => {
    const leaks: string[] = [];
    for (const { file, text } of texts) {
      const digitsOnly = text.replace(/\D+/g, " ");
      for (const value of values) {
        const found = /^\d+$/.test(value) ? ` ${digitsOnly} `.includes(` ${value} `) || text.includes(value) : text.includes(value);
        if (found) leaks.push(`${file}: ${value}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
