import { test } from "vitest";
import { readPhrasePacks } from "../../src/text/phrase-packs.js";
import { PhraseSet, compilePattern } from "../../src/text/phrases.js";
import { buildViews } from "../../src/text/views.js";
test("dbg", () => {
  const t = process.env.T!;
  const rule = process.env.R!;
  const packs = readPhrasePacks(rule);
  const f = buildViews(t).folded;
  console.log(JSON.stringify(f.text));
  for (const { spec } of packs) for (const e of spec.entries) for (const p of e.patterns ?? []) {
    const re = compilePattern(p, { defaultGap: spec.gap }).regex;
    re.lastIndex = 0;
    const m = re.exec(f.text);
    if (m) console.log("RAW", spec.lang, e.id, JSON.stringify(m[0]));
  }
  for (const { spec } of packs) for (const n of spec.negative ?? []) for (const p of n.patterns) {
    const re = compilePattern(p, { defaultGap: spec.gap }).regex; re.lastIndex = 0;
    const m = re.exec(f.text); if (m) console.log("NEG", spec.lang, JSON.stringify(m[0]));
  }
  console.log(new PhraseSet(packs, { defaultMessageId: "x" }).match(f));
});
