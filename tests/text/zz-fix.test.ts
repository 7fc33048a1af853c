import { test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { runRule } from "../helpers/run-rule.js";
import offline from "../../rules/no-offline-deal.js";
import payment from "../../rules/no-offsite-payment.js";
import assurance from "../../rules/no-assurance-refusal.js";
import qr from "../../rules/no-qr-code.js";
const rules = { "offline-deal": offline, payment, assurance, qr } as const;
test("fixtures", () => {
  const files = ["listings/catalogue.csv", "listings/catalogue.json", "listings/catalogue.jsonl", ...readdirSync("fixtures/templates").map((f) => "templates/" + f)];
  for (const f of files) {
    const lines = readFileSync("fixtures/" + f, "utf8").split("\n");
    lines.forEach((line, i) => {
      const text = line.includes("\\u") ? JSON.parse(`"${line.replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`.replace(/\\\\u/g, "\\u")) : line;
      for (const [cat, rule] of Object.entries(rules)) {
        for (const h of runRule(rule as any, line)) console.log(`${f}:${i + 1} ${cat} ${h.confidence} 「${h.text}」`);
      }
    });
  }
});
