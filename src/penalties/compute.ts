// Penalty arithmetic: findings → estimates → totals → where the run stands on the ladder.
// Pure functions over a loaded profile. Rules of the arithmetic, on purpose explicit:
//
// - An error counts the profile's estimate for its category (or the profile's `default`).
// - A warning is a weaker signal (the rule is less sure, or the user demoted it), so it counts
//   `warningWeight` × the error estimate — 0.5 unless the profile (or the user's config) says
//   otherwise, or the profile gives an explicit `warning` estimate. Points and fines alike,
//   rounded to one decimal.
// - Fatal messages (unreadable files) are not violations: they count nothing.
// - Unknown stays unknown: a null estimate never turns into 0. Totals add the known points and
//   count the unknown ones separately (`unknownPoints`), so the known total is a lower bound.
// - `aggregation.per: listing` (Lazada: points per product): the findings of one record count
//   once, at their largest estimate.

import type { Category, LintMessage, LintResult, Locale, PenaltyEstimate, PenaltyTotal } from "../types.js";
import type { Confidence, PenaltyRule, PlatformProfile, Threshold } from "./types.js";

export const DEFAULT_WARNING_WEIGHT = 0.5;

/** A file's or a run's total: PenaltyTotal (the json shape) plus what the text needs. */
export interface PenaltySummary extends PenaltyTotal {
  /** Violations counted: messages, or listings when the profile counts per listing. */
  counted: number;
  /** Counted violations whose points are unknown; `points` is then a lower bound. */
  unknownPoints: number;
  /** Lowest confidence among the estimates used; null when nothing was counted. */
  confidence: Confidence | null;
}

export interface ThresholdStanding {
  /** Highest threshold at or below the points, if any. */
  reached: Threshold | null;
  /** Lowest threshold above the points, if any. */
  next: Threshold | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const scale = (n: number | null, weight: number): number | null => (n === null ? null : round1(n * weight));

/** The profile rule that applies and the weight it counts with. */
export function ruleFor(
  profile: PlatformProfile,
  category: Category | undefined,
  severity: 1 | 2,
): { rule: PenaltyRule; weight: number } {
  const entry = (category && profile.perViolation[category]) || profile.perViolation.default;
  if (severity === 2) return { rule: entry.error, weight: 1 };
  if (entry.warning) return { rule: entry.warning, weight: 1 };
  return { rule: entry.error, weight: profile.aggregation.warningWeight ?? DEFAULT_WARNING_WEIGHT };
}

/**
 * The estimate for one finding of `category` at `severity` (1 = warning, 2 = error): one frozen
 * object per profile, category, severity and locale, shared by every message it is given to (a big
 * export holds tens of thousands of messages until the report).
 */
export function estimateMessage(
  profile: PlatformProfile,
  category: Category | undefined,
  severity: 1 | 2,
  locale: Locale = "en",
): PenaltyEstimate {
  let byKey = estimates.get(profile);
  if (!byKey) estimates.set(profile, (byKey = new Map()));
  const key = `${category ?? ""}\u0000${severity}\u0000${locale}`;
  let estimate = byKey.get(key);
  if (!estimate) byKey.set(key, (estimate = Object.freeze(computeEstimate(profile, category, severity, locale))));
  return estimate;
}
const estimates = new WeakMap<PlatformProfile, Map<string, PenaltyEstimate>>();

function computeEstimate(profile: PlatformProfile, category: Category | undefined, severity: 1 | 2, locale: Locale): PenaltyEstimate {
  const { rule, weight } = ruleFor(profile, category, severity);
  const estimate: PenaltyEstimate = {
    platform: profile.id,
    points: scale(rule.points, weight),
    action: rule.action[locale],
  };
  const fine = scale(rule.fine, weight);
  if (fine !== null) {
    estimate.fine = fine;
    if (profile.currency) estimate.currency = profile.currency;
  }
  return estimate;
}

/** The message's own estimate when it was made for this platform, else one from the profile. */
export function messageEstimate(message: LintMessage, profile: PlatformProfile): PenaltyEstimate | null {
  // Fatal errors and problems without a rule (an unused or mistyped inline directive) are not violations.
  if (message.fatal || message.ruleId === null) return null;
  if (message.penalty && message.penalty.platform === profile.id) return message.penalty;
  return estimateMessage(profile, message.category, message.severity);
}

interface Counted {
  points: number | null;
  fine: number | null;
  confidence: Confidence;
}

const CONFIDENCE_ORDER: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };
const lower = (a: Confidence | null, b: Confidence): Confidence =>
  a === null || CONFIDENCE_ORDER[b] < CONFIDENCE_ORDER[a] ? b : a;

/** Largest known value; null only when every value is unknown. */
const maxKnown = (values: (number | null)[]): number | null =>
  values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

function countedOf(message: LintMessage, profile: PlatformProfile): Counted | null {
  const estimate = messageEstimate(message, profile);
  if (!estimate) return null;
  return {
    points: estimate.points,
    fine: estimate.fine ?? null,
    confidence: ruleFor(profile, message.category, message.severity).rule.confidence,
  };
}

/**
 * One entry per violation as the platform counts them (per message, or per listing), made as the
 * messages are read: a 1 GB export has tens of thousands of messages, and an array of entries per
 * message (for the file, then again for the run) came on top of them at the end of the run.
 */
function* violations(messages: readonly LintMessage[], profile: PlatformProfile): Generator<Counted> {
  if (profile.aggregation.per === "violation") {
    for (const m of messages) {
      const counted = countedOf(m, profile);
      if (counted) yield counted;
    }
    return;
  }
  // Per listing: a message without a record belongs to the file's single record (a template).
  const listings = new Map<number, Counted>();
  for (const m of messages) {
    const counted = countedOf(m, profile);
    if (!counted) continue;
    const key = m.record?.index ?? -1;
    const listing = listings.get(key);
    if (!listing) listings.set(key, { ...counted });
    else {
      listing.points = maxKnown([listing.points, counted.points]);
      listing.fine = maxKnown([listing.fine, counted.fine]);
      listing.confidence = lower(listing.confidence, counted.confidence);
    }
  }
  yield* listings.values();
}

function summarise(counted: Iterable<Counted>, profile: PlatformProfile): PenaltySummary {
  const summary: PenaltySummary = {
    platform: profile.id,
    points: 0,
    counted: 0,
    unknownPoints: 0,
    confidence: null,
  };
  let fine: number | null = null;
  for (const c of counted) {
    summary.counted++;
    if (c.points === null) summary.unknownPoints++;
    else summary.points = round1(summary.points + c.points);
    if (c.fine !== null) fine = round1((fine ?? 0) + c.fine);
    summary.confidence = lower(summary.confidence, c.confidence);
  }
  if (fine !== null) {
    summary.fine = fine;
    if (profile.currency) summary.currency = profile.currency;
  }
  return summary;
}

/** The total for one file's messages. */
export function totalFor(messages: readonly LintMessage[], profile: PlatformProfile): PenaltySummary {
  return summarise(violations(messages, profile), profile);
}

/** The total for a whole run (listings are per file, so files simply add up). */
export function runTotal(results: readonly LintResult[], profile: PlatformProfile): PenaltySummary {
  return summarise(
    (function* () {
      for (const r of results) yield* violations(r.messages, profile);
    })(),
    profile,
  );
}

/** The highest threshold reached by `points` and the next one up. */
export function thresholdReached(profile: PlatformProfile, points: number): ThresholdStanding {
  let reached: Threshold | null = null;
  let next: Threshold | null = null;
  for (const t of profile.thresholds) {
    if (t.points <= points) reached = t;
    else if (next === null) next = t;
  }
  return { reached, next };
}

/** `--max-penalty`: true when the known points of the run exceed the limit. */
export function exceedsMaxPenalty(total: PenaltyTotal, maxPenalty: number | undefined): boolean {
  return maxPenalty !== undefined && total.points > maxPenalty;
}
