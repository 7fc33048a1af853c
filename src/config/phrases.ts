// A team's own phrase rules, written as data in the config, turned into ordinary `Rule`s.
// All matching is RE2 (re2js): linear time whatever the pattern, so a config can't hang a run.

import { RE2JS } from "re2js";
import type { Finding, Rule, RuleContext, RuleMeta } from "../types.js";
import type { PhraseConfig } from "./types.js";

export const PHRASE_MESSAGE_ID = "phrase";

/** How a literal is folded to meet the folded view: NFKC (full width → ASCII) and lower case. */
export type FoldLiteral = (literal: string) => string;

export const foldLiteral: FoldLiteral = (literal) => literal.normalize("NFKC").toLowerCase();

export interface PhraseRuleOptions {
  /**
   * Folding for `match` literals. The default is NFKC + lower case; pass the text module's folder
   * (e.g. `(s) => foldText(s).text`) so literals get exactly the folding the `folded` view gets.
   */
  fold?: FoldLiteral;
}

/**
 * Compiles a user pattern. Case-insensitive, because it runs on the folded (lower-cased) text and a
 * pattern written `PM\s*me` should still match. Lookbehinds stay off: they are not linear.
 */
export function compilePhraseRegex(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/**
 * The RE2 pattern for a literal: quoted, whitespace runs matching any whitespace run, and word
 * boundaries where it starts or ends with an ASCII letter or digit ("pm me" must not match inside
 * "spm meter"; CJK literals need no boundary).
 */
export function literalPattern(literal: string, fold: FoldLiteral = foldLiteral): string {
  const folded = fold(literal).trim();
  const body = folded
    .split(/\s+/u)
    .map((part) => RE2JS.quote(part))
    .join("\\s+");
  const start = /^[a-z0-9]/iu.test(folded) ? "\\b" : "";
  const end = /[a-z0-9]$/iu.test(folded) ? "\\b" : "";
  return `${start}${body}${end}`;
}

/** One RE2 program for all of a phrase's literals, so the text is scanned once for them. */
export function compileLiterals(literals: readonly string[], fold: FoldLiteral = foldLiteral): RE2JS | undefined {
  const patterns = literals.map((literal) => literalPattern(literal, fold)).filter((p) => p !== "");
  if (patterns.length === 0) return undefined;
  return compilePhraseRegex(patterns.map((p) => `(?:${p})`).join("|"));
}

/**
 * Every non-empty match of each program in `text`, as [start, end) in UTF-16 units (re2js reports
 * string positions in UTF-16 units), sorted, identical ranges once.
 */
export function findMatches(text: string, programs: readonly RE2JS[]): Array<[number, number]> {
  const seen = new Set<string>();
  const ranges: Array<[number, number]> = [];
  for (const program of programs) {
    const matcher = program.matcher(text);
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      // Empty matches (`a*`) mark no characters; the matcher itself moves past them.
      if (end <= start) continue;
      const key = `${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ranges.push([start, end]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

export function phraseRuleMeta(phrase: PhraseConfig): RuleMeta {
  return {
    id: phrase.id,
    category: phrase.category,
    defaultSeverity: phrase.severity,
    description: phrase.message,
    docs: {
      url: "",
      why: phrase.message,
      fix: {
        en: "Rephrase without this wording and keep the conversation and the deal on the platform.",
        "zh-CN": "改写这段措辞，沟通和交易都留在平台内。",
      },
    },
    messages: { [PHRASE_MESSAGE_ID]: phrase.message },
    schema: { type: "object", properties: {}, additionalProperties: false },
  };
}

export function phraseRule(phrase: PhraseConfig, options: PhraseRuleOptions = {}): Rule {
  const programs: RE2JS[] = [];
  const literals = compileLiterals(phrase.match, options.fold);
  if (literals) programs.push(literals);
  for (const pattern of phrase.regex) programs.push(compilePhraseRegex(pattern));
  return {
    meta: phraseRuleMeta(phrase),
    check(context: RuleContext) {
      const folded = context.views.folded;
      for (const [start, end] of findMatches(folded.text, programs)) {
        const [originalStart, originalEnd] = folded.toOriginal(start, end);
        const finding: Finding = {
          start: originalStart,
          end: originalEnd,
          messageId: PHRASE_MESSAGE_ID,
          data: { text: context.field.text.slice(originalStart, originalEnd) },
          confidence: 1,
        };
        context.report(finding);
      }
    },
  };
}

/** The config's phrases as rules, by id. */
export function phraseRules(phrases: readonly PhraseConfig[], options: PhraseRuleOptions = {}): Record<string, Rule> {
  const rules: Record<string, Rule> = {};
  for (const phrase of phrases) rules[phrase.id] = phraseRule(phrase, options);
  return rules;
}
