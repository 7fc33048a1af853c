import { test } from "vitest";
import { readFileSync } from "node:fs";
import { runRule } from "../helpers/run-rule.js";
import offline from "../../rules/no-offline-deal.js";
import payment from "../../rules/no-offsite-payment.js";
import assurance from "../../rules/no-assurance-refusal.js";
import qr from "../../rules/no-qr-code.js";
const rules = { "offline-deal": offline, payment, assurance, qr } as const;
test("corpus", () => {
  const file = process.env.CORPUS ?? "/work/shared/corpus/dev.jsonl";
  const cases = readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const stats: Record<string, { tp: number; fn: number; fp: number; loc: number; spans: number }> = {};
  const out: string[] = [];
  for (const [cat, rule] of Object.entries(rules)) {
    const s = (stats[cat] = { tp: 0, fn: 0, fp: 0, loc: 0, spans: 0 });
    for (const c of cases) {
      const texts: [string, string][] = c.kind === "reply" ? [["text", c.text]] : Object.entries(c.fields);
      const hits = texts.flatMap(([f, t]) => runRule(rule as any, t, { field: f, kind: c.kind }).filter((h) => h.confidence >= 0.5).map((h) => ({ ...h, field: f, full: t })));
      const expected = c.expect.includes(cat);
      if (expected && hits.length) s.tp++;
      if (expected && !hits.length) { s.fn++; out.push(`MISS ${cat} ${c.id}: ${c.spans.filter((x: any) => x.category === cat).map((x: any) => x.text).join(" | ")}`); }
      if (!expected && hits.length) { s.fp++; out.push(`FP   ${cat} ${c.id} [${c.expect}]: ${hits.map((h) => `${h.text} (${h.confidence} ${h.messageId})`).join(" | ")}`); }
      for (const span of c.spans.filter((x: any) => x.category === cat)) {
        s.spans++;
        const ok = hits.some((h) => { const i = h.full.indexOf(span.text); return i >= 0 && h.start < i + span.text.length && h.end > i; });
        if (ok) s.loc++; else if (hits.length) out.push(`LOC  ${cat} ${c.id}: span "${span.text}" got ${hits.map((h) => h.text).join(" | ")}`);
      }
      if (process.env.SHOW && expected) out.push(`HIT  ${cat} ${c.id}: ${hits.map((h) => `${h.text} (${h.confidence})`).join(" | ")}`);
    }
  }
  console.log(out.join("\n"));
  console.log(stats);
});
