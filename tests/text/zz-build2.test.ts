import { test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
test("yaml", () => {
  for (const r of ["no-offline-deal", "no-offsite-payment", "no-assurance-refusal", "no-qr-code"]) {
    const t = performance.now();
    for (const f of readdirSync("rules/phrases/" + r)) parse(readFileSync(`rules/phrases/${r}/${f}`, "utf8"));
    console.log(r, "yaml", (performance.now() - t).toFixed(1));
  }
});
