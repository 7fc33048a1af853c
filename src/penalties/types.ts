// Platform penalty profiles: the shape of src/penalties/profiles/<id>.yaml once loaded.
// Plain data. Every number a platform (or a source about it) states lives in an object that
// names its sources and a confidence, so `explain` and the tests can show where it came from.

import type { Bilingual, Category } from "../types.js";

export type Confidence = "high" | "medium" | "low";
export const CONFIDENCES: readonly Confidence[] = ["high", "medium", "low"];

/**
 * Does the platform count points for diversion?
 * - `points`: yes (the per-violation value may still be unknown: `points: null`);
 * - `none`: the sources say there is no points system (Amazon, eBay): escalation is discretionary;
 * - `unknown`: the sources say nothing either way (AliExpress).
 */
export type Scoring = "points" | "none" | "unknown";
export const SCORINGS: readonly Scoring[] = ["points", "none", "unknown"];

/** official rule page, news report, third-party blog/agency, one of the five seed articles, the user's config. */
export type SourceKind = "official" | "news" | "third-party" | "seed" | "config";
export const SOURCE_KINDS: readonly SourceKind[] = ["official", "news", "third-party", "seed", "config"];

export interface ProfileSource {
  id: string;
  title: string;
  url: string | null;
  /** Date of the page or of the rule it reports (YYYY-MM-DD, YYYY-MM or YYYY); null when undated. */
  date: string | null;
  kind: SourceKind;
}

/** Anything that carries numbers names where they come from and how sure we are. */
export interface Sourced {
  /** Ids into `PlatformProfile.sources`. */
  sources: string[];
  confidence: Confidence;
}

/** The estimate for one violation of a category at one severity. */
export interface PenaltyRule extends Sourced {
  /** Points per violation; null = unknown (or no points system). Never guessed. */
  points: number | null;
  /** Fine / 违约金 per violation in `PlatformProfile.currency`; null = unknown or none. */
  fine: number | null;
  /** What happens to the seller, in words. */
  action: Bilingual;
  /** Why the estimate uses this number when the claims disagree or give a range. */
  basis?: Bilingual;
  /** Ids of the claims this estimate is taken from. */
  claims?: string[];
}

export interface CategoryPenalty {
  error: PenaltyRule;
  /** Explicit estimate for warnings; when absent a warning counts `warningWeight` × the error. */
  warning?: PenaltyRule;
}

export type PerViolation = { default: CategoryPenalty } & Partial<Record<Category, CategoryPenalty>>;

export interface NumberRange {
  min: number | null;
  max: number | null;
}

/** One statement a source makes, kept even when the estimate does not use it. */
export interface Claim extends Sourced {
  id: string;
  /** Date of the statement (the source's date, or the rule's effective date). */
  date: string | null;
  text: Bilingual;
  points?: NumberRange | null;
  fine?: NumberRange | null;
  /** Currency of `fine` when it differs from the profile's. */
  currency?: string;
  days?: NumberRange | null;
  /** Whether an estimate, threshold or window of this profile uses it. */
  used: boolean;
}

export interface Conflict {
  text: Bilingual;
  /** Ids of the claims that disagree. */
  claims: string[];
}

export interface Aggregation extends Sourced {
  /**
   * `violation`: every finding adds its estimate.
   * `listing`: one violation per listing (record): the largest estimate of the record counts.
   */
  per: "violation" | "listing";
  text: Bilingual;
  /** Weight of a warning relative to an error (default 0.5, see compute.ts). Users may override. */
  warningWeight?: number;
}

export interface PenaltyWindow extends Sourced {
  /** Days after which points expire; null = unknown, or not a fixed number of days (see text). */
  days: number | null;
  text: Bilingual;
}

export interface Threshold extends Sourced {
  points: number;
  /** Full description of what happens. */
  action: Bilingual;
  /** Few words for the summary line: "restricted 7 days". */
  short: Bilingual;
}

export interface PlatformProfile {
  id: string;
  name: Bilingual;
  scoring: Scoring;
  /** ISO 4217 currency of the fines (CNY, USD); null when the profile has no fines. */
  currency: string | null;
  sources: ProfileSource[];
  perViolation: PerViolation;
  aggregation: Aggregation;
  window: PenaltyWindow;
  /** Cumulative points ladder, ascending. Empty when unknown or not a points platform. */
  thresholds: Threshold[];
  /** Escalation steps in words, in order (the whole story for platforms without points). */
  actions: Bilingual[];
  /** The most likely consequence of a finding, for summaries when points are unknown. */
  likelyAction: Bilingual;
  claims: Claim[];
  conflicts: Conflict[];
  /** Sanctioned channels and other exceptions the platform allows. */
  exceptions: Bilingual[];
  notes: Bilingual[];
  /** One caution line shown under the stylish summary. */
  summaryNote: Bilingual | null;
}

/** A partial profile from the user's config, merged over the bundled one (`mergeProfile`). */
export type ProfileOverride = DeepPartial<Omit<PlatformProfile, "id">>;

/** Objects merge key by key; arrays replace the bundled array (items may be partial). */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;
