// The linting kernel: pure, no I/O. One field in, the rules' findings out, with severity from
// confidence and messages rendered in the user's language. Post-processing steps are small and
// composable (textlint's style): dedupe, then sort.

import type { Category, FieldOrigin, Finding, Locale, Rule, TextEdit } from "./types.js";
import { buildViews } from "./text/views.js";

export interface ActiveRule {
  rule: Rule;
  /** Configured severity: 1 warn, 2 error. */
  severity: 1 | 2;
  options: Record<string, unknown>;
}

export interface FieldLintOptions {
  kind: "listing" | "reply";
  strict: boolean;
  locale: Locale;
  rules: readonly ActiveRule[];
  /** Skip rules whose `mayReport` says the field has nothing for them (default true; off in the
   * tests that prove the prefilter changes no report). */
  prefilter?: boolean;
}

export interface FieldFinding {
  ruleId: string;
  category: Category;
  severity: 1 | 2;
  message: string;
  messageId: string;
  start: number;
  end: number;
  confidence: number;
  /** The rule's fix, in field-text offsets (checked to lie within the text). */
  fix?: TextEdit;
  /** The rule's suggestions, their descriptions in the report's language. */
  suggestions?: Array<{ desc: string; fix: TextEdit }>;
}

/** Confidence decides severity: clear cases keep the configured severity, weaker ones warn. */
export const CONFIDENCE = { error: 0.75, warn: 0.5, strictWarn: 0.3 } as const;

export function severityFor(confidence: number, configured: 1 | 2, strict: boolean): 0 | 1 | 2 {
  if (confidence >= CONFIDENCE.error) return configured;
  if (confidence >= CONFIDENCE.warn) return 1;
  if (strict && confidence >= CONFIDENCE.strictWarn) return 1;
  return 0;
}

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is noticed. */
export function renderMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? data[key]! : whole));
}

export function lintField(field: { name: string; text: string; origin?: FieldOrigin }, options: FieldLintOptions): FieldFinding[] {
  if (field.text.trim() === "") return [];
  const views = buildViews(field.text);
  const findings: FieldFinding[] = [];
  const prefilter = options.prefilter !== false;
  for (const { rule, severity: configured, options: ruleOptions } of options.rules) {
    if (prefilter && rule.mayReport && !rule.mayReport({ field, views, options: ruleOptions })) continue;
    const reported: Finding[] = [];
    rule.check({
      field,
      kind: options.kind,
      views,
      options: ruleOptions,
      strict: options.strict,
      report: (finding) => reported.push(finding),
    });
    for (const finding of reported) {
      const severity = severityFor(finding.confidence, configured, options.strict);
      if (severity === 0) continue;
      const template = rule.meta.messages[finding.messageId];
      const message = template ? renderMessage(template[options.locale], finding.data) : finding.messageId;
      const result: FieldFinding = {
        ruleId: rule.meta.id,
        category: rule.meta.category,
        severity,
        message,
        messageId: finding.messageId,
        start: Math.max(0, Math.min(finding.start, field.text.length)),
        end: Math.max(0, Math.min(Math.max(finding.end, finding.start), field.text.length)),
        confidence: finding.confidence,
      };
      const fix = validEdit(finding.fix, field.text.length);
      if (fix) result.fix = fix;
      const suggestions = (finding.suggestions ?? []).flatMap((s) => {
        const edit = validEdit(s?.fix, field.text.length);
        if (!edit) return [];
        const desc = typeof s.desc === "string" ? s.desc : (s.desc?.[options.locale] ?? "");
        return [{ desc, fix: edit }];
      });
      if (suggestions.length > 0) result.suggestions = suggestions;
      findings.push(result);
    }
  }
  return sortFindings(dedupeFindings(findings));
}

/**
 * Findings of field values already linted with the same rules. Catalogue exports repeat values
 * heavily (category paths, MOQs, payment terms, HS codes, boilerplate sentences), and the kernel is
 * a pure function of the field and the rules, so a repeated value is answered from here. Only for
 * built-in rules (a plugin rule may keep state between fields, e.g. one reporting duplicates), for
 * short texts, in columns whose values do repeat. One memo serves one set of kernel options (kind,
 * strictness, locale) and one rule set per field name, as within one file; two generations of
 * `capacity` entries keep the recent values and bound the memory.
 */
export class FieldMemo {
  private young = new Map<string, FieldFinding[]>();
  private old = new Map<string, FieldFinding[]>();
  private readonly pureSets = new WeakMap<readonly ActiveRule[], boolean>();
  /** Per field name: lookups and hits. A column whose values hardly repeat (ids, titles, most
   * descriptions) stops being remembered: its keys would only churn through the old generation. */
  private readonly columns = new Map<string, { lookups: number; hits: number }>();
  /** Hashes of values looked up lately, one per slot: a value is remembered only when it comes
   * back. Most values of a column that repeats a quarter of the time (specs) are seen once, and
   * remembering each would copy its key into the old generation to die there (a third of what a
   * 100k-row run promoted). */
  private readonly sighted = new Int32Array(SIGHTED_SLOTS);

  constructor(
    private readonly pure: (rule: Rule) => boolean,
    private readonly capacity = 4096,
    private readonly maxText = 512,
    /** Lookups after which a column must have hit `minHitRate` of the time to stay remembered. */
    private readonly trial = 1024,
    private readonly minHitRate = 0.05,
  ) {}

  /** `lintField`, or its remembered answer (shared: callers must not change the findings). */
  lint(field: { name: string; text: string; origin?: FieldOrigin }, options: FieldLintOptions): FieldFinding[] {
    if (field.text.length > this.maxText || !this.allPure(options.rules)) return lintField(field, options);
    let column = this.columns.get(field.name);
    if (!column) this.columns.set(field.name, (column = { lookups: 0, hits: 0 }));
    if (column.lookups >= this.trial && column.hits < column.lookups * this.minHitRate) return lintField(field, options);
    column.lookups++;
    const key = `${field.name}\u0000${field.origin ?? ""}\u0000${field.text}`;
    let findings = this.young.get(key);
    if (findings) {
      column.hits++;
      return findings;
    }
    findings = this.old.get(key);
    if (findings) column.hits++;
    else {
      findings = lintField(field, options);
      const hash = stringHash(key);
      const slot = hash & (SIGHTED_SLOTS - 1);
      if (this.sighted[slot] !== hash) {
        this.sighted[slot] = hash;
        return findings;
      }
    }
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, findings);
    return findings;
  }

  private allPure(rules: readonly ActiveRule[]): boolean {
    let pure = this.pureSets.get(rules);
    if (pure === undefined) this.pureSets.set(rules, (pure = rules.every((r) => this.pure(r.rule))));
    return pure;
  }
}

const SIGHTED_SLOTS = 1 << 13;

/** FNV-1a over UTF-16 units: cheap, and only ever compared with itself. */
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** A rule's edit if it is well-formed (integers, start <= end, within the text); a plugin's bad edit is dropped. */
function validEdit(edit: TextEdit | undefined, length: number): TextEdit | undefined {
  if (!edit || typeof edit.text !== "string") return undefined;
  const { start, end } = edit;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) return undefined;
  return { start, end, text: edit.text };
}

/**
 * What a message says first when the text was not visible on the page: hidden text and comments
 * are reported as such, since hiding a contact is itself a sign of intent.
 */
export function originNote(field: { origin?: FieldOrigin; hiddenBy?: string }, locale: Locale): string {
  if (field.origin === "hidden") {
    const how = field.hiddenBy ? (locale === "zh-CN" ? `（${field.hiddenBy}）` : ` (${field.hiddenBy})`) : "";
    return locale === "zh-CN" ? `页面中隐藏的文字${how}：` : `Hidden in the page${how}: `;
  }
  if (field.origin === "comment") return locale === "zh-CN" ? "HTML 注释中：" : "In an HTML comment: ";
  return "";
}

/** One message per rule per place: overlapping findings of the same rule keep the surest. */
export function dedupeFindings(findings: FieldFinding[]): FieldFinding[] {
  const byRule = new Map<string, FieldFinding[]>();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const kept: FieldFinding[] = [];
  for (const group of byRule.values()) {
    const ordered = [...group].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
    const chosen: FieldFinding[] = [];
    for (const f of ordered) {
      if (!chosen.some((c) => c.start < f.end && f.start < c.end)) chosen.push(f);
    }
    kept.push(...chosen);
  }
  return kept;
}

export function sortFindings(findings: FieldFinding[]): FieldFinding[] {
  return [...findings].sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}
