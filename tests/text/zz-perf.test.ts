import { test } from "vitest";
import { readFileSync } from "node:fs";
import { phraseSetFor } from "../../src/text/phrase-packs.js";
import { buildViews } from "../../src/text/views.js";
test("perf", () => {
  const ids = [["no-offline-deal", "directDeal"], ["no-offsite-payment", "privateTransfer"], ["no-assurance-refusal", "refuse"], ["no-qr-code", "scanToContact"]];
  let t = performance.now();
  const sets = ids.map(([r, m]) => phraseSetFor(r!, m!));
  console.log("build", performance.now() - t, sets.map((s) => s.size));
  const cases = readFileSync("/work/shared/corpus/dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const texts: string[] = cases.flatMap((c: any) => (c.kind === "reply" ? [c.text] : Object.values(c.fields)));
  const views = texts.map((x) => buildViews(x).folded);
  const chars = texts.reduce((a, b) => a + b.length, 0);
  t = performance.now();
  for (const v of views) for (const s of sets) s.match(v);
  console.log("first pass ms", performance.now() - t, "fields", texts.length, "chars", chars);
  t = performance.now();
  for (let i = 0; i < 10; i++) for (const v of views) for (const s of sets) s.match(v);
  const ms = (performance.now() - t) / 10;
  console.log("steady ms/pass", ms, "MB/s", chars / 1e6 / (ms / 1000));
  const adversarial = [
    "contact us ".repeat(5000),
    "contact us for ".repeat(3000) + "x",
    "scan the qr code ".repeat(3000),
    "扫码扫码加加".repeat(5000),
    "信保信保手续费".repeat(5000),
    "a".repeat(100000),
    "pay pay pay to to my my ".repeat(3000),
    "线下线下线下".repeat(10000),
    ("better price " + "x ".repeat(40)).repeat(500),
  ];
  for (const a of adversarial) {
    const v = buildViews(a).folded;
    t = performance.now();
    let n = 0;
    for (const s of sets) n += s.match(v).length;
    console.log("adv", JSON.stringify(a.slice(0, 20)), a.length, (performance.now() - t).toFixed(1), "ms hits", n);
  }
});
