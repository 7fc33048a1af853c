import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { readPhrasePacks } from "../../src/text/phrase-packs.js";
import { PhraseSet } from "../../src/text/phrases.js";
import { buildViews } from "../../src/text/views.js";
for (const rule of readdirSync("rules/phrases")) {
  const packs = readPhrasePacks(rule);
  const set = new PhraseSet(packs, { defaultMessageId: "x" });
  for (const { spec } of packs) for (const e of spec.entries) {
    const key = `${spec.lang}/${e.id}`;
    for (const ex of e.examples ?? []) it(`${rule} ${key} + ${ex}`, () => {
      const hits = set.match(buildViews(ex).folded);
      expect(hits.flatMap((h) => h.entries)).toContain(key);
    });
    for (const ex of e.counterexamples ?? []) it(`${rule} ${key} - ${ex}`, () => {
      const hits = set.match(buildViews(ex).folded).filter((h) => h.confidence >= 0.5);
      expect(hits.flatMap((h) => h.entries)).not.toContain(key);
    });
  }
}
