import { test } from "vitest";
import { readFileSync } from "node:fs";
import { phraseSetFor } from "../../src/text/phrase-packs.js";
import { buildViews } from "../../src/text/views.js";
test("prof2", () => {
  const ids = [["no-offline-deal", "directDeal"], ["no-offsite-payment", "privateTransfer"], ["no-assurance-refusal", "refuse"], ["no-qr-code", "scanToContact"]];
  const sets = ids.map(([r, m]) => phraseSetFor(r!, m!));
  const cases = readFileSync("/work/shared/corpus/dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const texts: string[] = cases.flatMap((c: any) => (c.kind === "reply" ? [c.text] : Object.values(c.fields)));
  const views = texts.map((x) => buildViews(x).folded);
  for (const v of views) for (const s of sets) s.match(v);
  const per = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < 5; i++) for (const v of views) for (const s of sets) for (const idx of (s as any).candidatePatterns(v)) {
    const p = (s as any).patterns[idx];
    const re: RegExp = p.pattern.regex;
    const t = performance.now();
    re.lastIndex = 0; while (re.exec(v.text)) {}
    const d = performance.now() - t; total += d;
    per.set(p.entry.key + " :: " + p.pattern.source.slice(0, 60), (per.get(p.entry.key + " :: " + p.pattern.source.slice(0, 60)) ?? 0) + d);
  }
  console.log("regex total per pass", total / 5);
  console.log([...per].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, d]) => `${(d / 5).toFixed(2)} ${k}`).join("\n"));
  let t = performance.now();
  for (let i = 0; i < 5; i++) for (const v of views) for (const s of sets) (s as any).candidatePatterns(v);
  console.log("cands per pass", (performance.now() - t) / 5);
});
