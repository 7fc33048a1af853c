import { test } from "vitest";
import { readFileSync } from "node:fs";
import { runRule } from "../helpers/run-rule.js";
import offline from "../../rules/no-offline-deal.js";
import payment from "../../rules/no-offsite-payment.js";
import assurance from "../../rules/no-assurance-refusal.js";
import qr from "../../rules/no-qr-code.js";
const rules = { "offline-deal": offline, payment, assurance, qr } as const;
test("held", () => {
  const rows = readFileSync(process.env.HELD ?? "/tmp/heldout.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const out: string[] = [];
  for (const r of rows) {
    const got: string[] = [];
    for (const [cat, rule] of Object.entries(rules)) {
      const hits = runRule(rule as any, r.t).filter((h) => h.confidence >= 0.5);
      if (hits.length) got.push(`${cat}:${hits.map((h) => `「${h.text}」${h.confidence}`).join(",")}`);
    }
    const ok = r.c === "clean" ? got.length === 0 : got.some((g) => g.startsWith(r.c + ":"));
    if (!ok || process.env.ALL) out.push(`${ok ? "ok  " : "BAD "} [${r.c}] ${r.t}\n      -> ${got.join(" ; ")}`);
  }
  console.log(out.join("\n"));
});
