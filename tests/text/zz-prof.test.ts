import { test } from "vitest";
import { readFileSync } from "node:fs";
import { phraseSetFor } from "../../src/text/phrase-packs.js";
import { buildViews } from "../../src/text/views.js";
test("prof", () => {
  const ids = [["no-offline-deal", "directDeal"], ["no-offsite-payment", "privateTransfer"], ["no-assurance-refusal", "refuse"], ["no-qr-code", "scanToContact"]];
  const sets = ids.map(([r, m]) => phraseSetFor(r!, m!));
  const cases = readFileSync("/work/shared/corpus/dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const texts: string[] = cases.flatMap((c: any) => (c.kind === "reply" ? [c.text] : Object.values(c.fields)));
  const views = texts.map((x) => buildViews(x).folded);
  for (const v of views) for (const s of sets) s.match(v);
  let t = performance.now();
  let cands = 0;
  for (let i = 0; i < 10; i++) for (const v of views) for (const s of sets) cands += (s as any).candidatePatterns(v).length;
  console.log("AC only ms/pass", (performance.now() - t) / 10, "cands/field/rule", cands / 10 / views.length / 4);
  // which patterns are candidates most often
  const count = new Map<string, number>();
  for (const v of views) for (const s of sets) for (const i of (s as any).candidatePatterns(v)) { const p = (s as any).patterns[i]; const k = p.entry.key + " " + (p.pattern.anchors ?? ["<none>"]).slice(0, 6).join(","); count.set(k, (count.get(k) ?? 0) + 1); }
  console.log([...count].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, n]) => `${n} ${k}`).join("\n"));
});
