import { test } from "vitest";
import { readFileSync } from "node:fs";
import { phraseSetFor } from "../../src/text/phrase-packs.js";
import { buildViews } from "../../src/text/views.js";
test("perf", () => {
  let t = performance.now();
  const set = phraseSetFor("no-offline-deal", "directDeal");
  console.log("build", performance.now() - t, set.size);
  const cases = readFileSync("/work/shared/corpus/dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const texts: string[] = cases.flatMap((c: any) => (c.kind === "reply" ? [c.text] : Object.values(c.fields)));
  const views = texts.map((x) => buildViews(x).folded);
  t = performance.now();
  for (const v of views) set.match(v);
  console.log("match1", performance.now() - t, texts.length);
  t = performance.now();
  for (let i = 0; i < 5; i++) for (const v of views) set.match(v);
  console.log("match5", performance.now() - t);
});
