// Runs one rule on one text the way the kernel does, and returns what it reported with the
// original characters each finding points at. It also holds the rule's prefilter (`mayReport`) to
// its promise on every text a rule test uses.
import type { FieldOrigin, Finding, Rule } from "../../src/types.js";
import { buildViews } from "../../src/text/views.js";

export interface RuleHit extends Finding {
  /** The original characters the finding covers. */
  text: string;
}

export function runRule(
  rule: Rule,
  text: string,
  options: { options?: Record<string, unknown>; strict?: boolean; field?: string; kind?: "listing" | "reply"; origin?: FieldOrigin } = {},
): RuleHit[] {
  const hits: RuleHit[] = [];
  const field = { name: options.field ?? "description", text, origin: options.origin };
  const views = buildViews(text);
  rule.check({
    field,
    kind: options.kind ?? "listing",
    views,
    options: options.options ?? {},
    strict: options.strict ?? false,
    report(finding) {
      hits.push({ ...finding, text: text.slice(finding.start, finding.end) });
    },
  });
  // Every rule test also checks the rule's prefilter: it may never hide a finding (on fresh views,
  // as the kernel asks it before the rule runs).
  if (hits.length > 0 && rule.mayReport && !rule.mayReport({ field, views: buildViews(text), options: options.options ?? {} })) {
    throw new Error(`${rule.meta.id}: mayReport is false but the rule reports ${JSON.stringify(hits.map((h) => h.text))} in ${JSON.stringify(text)}`);
  }
  return hits;
}

/** Texts the rule reports with at least `minConfidence` (the kernel's warning threshold). */
export function flagged(rule: Rule, text: string, minConfidence = 0.5): string[] {
  return runRule(rule, text)
    .filter((h) => h.confidence >= minConfidence)
    .map((h) => h.text);
}

/** Findings (at warning level or above) whose range covers all of `words` in `text`. */
export function coveringHits(rule: Rule, text: string, words: string, options: Parameters<typeof runRule>[2] = {}): RuleHit[] {
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`test case error: ${JSON.stringify(words)} is not in ${JSON.stringify(text)}`);
  return runRule(rule, text, options)
    .filter((h) => h.confidence >= 0.5)
    .filter((h) => h.start <= at && h.end >= at + words.length);
}
