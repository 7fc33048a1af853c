// Loads the bundled phrase packs (rules/phrases/<rule>/<lang>.yaml) once per rule, and runs a
// rule's packs over a field: the shared body of the phrase rules (no-offline-deal,
// no-offsite-payment, no-assurance-refusal, the text part of no-qr-code).

import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { readYamlData } from "../data-bundle.js";
import { dataPath, isMain, phrasePackRules } from "../paths.js";
import type { Bilingual, OptionsSchema, RuleContext, TriggerContext } from "../types.js";
import { sentenceFix } from "./fixes.js";
import { PHRASE_PARSES_FILE, primeBundledParses, writePhraseParses } from "./phrase-parses.js";
import {
  PhrasePackError,
  PhraseSet,
  compileEntry,
  validatePackSpec,
  type PackSource,
  type PhraseHit,
  type PhrasePackSpec,
} from "./phrases.js";

/** Folder of a rule's packs. */
export function phrasePackDir(ruleId: string): string {
  return dataPath("rules", "phrases", ruleId);
}

/** Reads and validates every `*.yaml` pack of a rule, in file-name order. Throws `PhrasePackError`
 * naming the file on a YAML or schema error. */
export function readPhrasePacks(ruleId: string, dir = phrasePackDir(ruleId)): PackSource[] {
  primeBundledParses();
  if (!existsSync(dir)) throw new PhrasePackError("no phrase packs for this rule", dir);
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/u.test(name))
    .sort();
  return files.map((name) => {
    const file = join(dir, name);
    let value: unknown;
    try {
      value = readYamlData(file);
    } catch (error) {
      throw new PhrasePackError(`not valid YAML (${(error as Error).message})`, file);
    }
    return { spec: validatePackSpec(value, file), where: file };
  });
}

const packCache = new Map<string, PackSource[]>();
const setCache = new Map<string, PhraseSet>();

/** The rule's packs, read once per process. */
export function loadPhrasePacks(ruleId: string): PackSource[] {
  let packs = packCache.get(ruleId);
  if (!packs) {
    packs = readPhrasePacks(ruleId);
    packCache.set(ruleId, packs);
  }
  return packs;
}

/** Options every phrase rule accepts. */
export interface PhraseRuleOptions {
  /** More patterns (same pattern language), reported with the rule's default message. */
  extraPhrases?: string[];
  /** Patterns that cancel a hit in the same sentence (a team's accepted wording). */
  allowPhrases?: string[];
}

export const PHRASE_RULE_SCHEMA: OptionsSchema = {
  type: "object",
  properties: {
    extraPhrases: {
      type: "array",
      items: { type: "string" },
      description: "More phrases to flag, in the phrase-pack pattern language (tokens, (a|b), x?, …, word*)",
    },
    allowPhrases: {
      type: "array",
      items: { type: "string" },
      description: "Phrases that make a hit in the same sentence acceptable (e.g. your own on-platform wording)",
    },
  },
  additionalProperties: false,
};

function stringArrayOption(options: Record<string, unknown>, key: string, ruleId: string): string[] {
  const value = options[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new Error(`${ruleId}: option \`${key}\` must be a list of strings`);
  }
  return value as string[];
}

/** The compiled phrase set of a rule with the given options (cached per distinct options). */
export function phraseSetFor(ruleId: string, defaultMessageId: string, options: Record<string, unknown> = {}): PhraseSet {
  // Each rule's last answer first: every field asks each rule's set once or twice with the same
  // options object (prefilter, then check), and the rules take turns. Then per options object.
  const last = lastSets.get(ruleId);
  if (last && last.options === options && last.defaultMessageId === defaultMessageId) return last.set;
  let byRule = setsByOptions.get(options);
  if (!byRule) setsByOptions.set(options, (byRule = new Map()));
  const ruleKey = `${ruleId}\u0000${defaultMessageId}`;
  let set = byRule.get(ruleKey);
  if (!set) byRule.set(ruleKey, (set = phraseSetForOptions(ruleId, defaultMessageId, options)));
  lastSets.set(ruleId, { options, defaultMessageId, set });
  return set;
}
const setsByOptions = new WeakMap<object, Map<string, PhraseSet>>();
const lastSets = new Map<string, { options: object; defaultMessageId: string; set: PhraseSet }>();

function phraseSetForOptions(ruleId: string, defaultMessageId: string, options: Record<string, unknown>): PhraseSet {
  const extra = stringArrayOption(options, "extraPhrases", ruleId);
  const allow = stringArrayOption(options, "allowPhrases", ruleId);
  const key = `${ruleId}\u0000${JSON.stringify(extra)}\u0000${JSON.stringify(allow)}`;
  let set = setCache.get(key);
  if (!set) {
    const extraSpec: PhrasePackSpec["entries"] = extra.map((pattern, k) => ({
      id: `extra-${k + 1}`,
      patterns: [pattern],
      confidence: 0.85,
    }));
    const packs = loadPhrasePacks(ruleId);
    try {
      const extraEntries = extraSpec.map((e) => compileEntry(e, { lang: "config" }, defaultMessageId));
      set = new PhraseSet(packs, { defaultMessageId, extraEntries, allow });
    } catch (error) {
      throw new Error(`${ruleId}: bad phrase in options: ${(error as Error).message}`);
    }
    setCache.set(key, set);
  }
  return set;
}

/** The original text a finding quotes: whitespace collapsed, long ones shortened. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  if (flat.length <= max) return flat;
  return `${[...flat].slice(0, max - 1).join("")}…`;
}

/**
 * Runs the rule's phrase packs over the field and reports each hit at its original range. With a
 * `replacement` (the rule's compliant wording), each hit carries a fix or suggestion that replaces
 * its sentence with it (see `sentenceFix`).
 */
export function runPhraseRule(
  ctx: RuleContext,
  ruleId: string,
  defaultMessageId: string,
  replacement?: Bilingual,
): PhraseHit[] {
  const set = phraseSetFor(ruleId, defaultMessageId, ctx.options);
  const hits = set.match(ctx.views.folded, { minConfidence: ctx.strict ? 0 : 0.5 });
  const original = ctx.field.text;
  for (const hit of hits) {
    const edits = replacement
      ? sentenceFix(original, hit.start, hit.end, replacement, { confidence: hit.confidence, lang: hit.entries[0]?.split("/")[0] })
      : {};
    ctx.report({
      start: hit.start,
      end: hit.end,
      messageId: hit.messageId,
      data: { text: quote(original.slice(hit.start, hit.end)) },
      confidence: hit.confidence,
      ...edits,
    });
  }
  return hits;
}

/** The prefilter of a phrase rule: false when no pattern of its phrase set can match the field. */
export function phraseRuleMayMatch(ctx: TriggerContext, ruleId: string, defaultMessageId: string): boolean {
  return phraseSetFor(ruleId, defaultMessageId, ctx.options).mayMatch(ctx.views.folded);
}

/** Entries per language of a rule's packs (for `explain` and docs). */
export function packSummary(ruleId: string): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const { spec } of loadPhrasePacks(ruleId)) summary[spec.lang] = (summary[spec.lang] ?? 0) + spec.entries.length;
  return summary;
}

// The build's last step: the bundled packs' patterns parsed once, for every run (phrase-parses.ts).
if (isMain(import.meta.url)) {
  const count = writePhraseParses(() => phrasePackRules().forEach((ruleId) => loadPhrasePacks(ruleId)));
  process.stdout.write(`wrote ${relative(process.cwd(), PHRASE_PARSES_FILE)} (${count} patterns)\n`);
}
