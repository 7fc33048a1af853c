// Public surface of the penalties module: profiles (data) and the arithmetic over them.
export type {
  Aggregation,
  CategoryPenalty,
  Claim,
  Confidence,
  Conflict,
  DeepPartial,
  NumberRange,
  PenaltyRule,
  PenaltyWindow,
  PerViolation,
  PlatformProfile,
  ProfileOverride,
  ProfileSource,
  Scoring,
  SourceKind,
  Sourced,
  Threshold,
} from "./types.js";
export { CONFIDENCES, SCORINGS, SOURCE_KINDS } from "./types.js";
export {
  CONFIG_SOURCE,
  DEFAULT_PLATFORM,
  getProfile,
  listPlatforms,
  mergeProfile,
  parseProfile,
  profilesDir,
  resolveProfile,
} from "./profiles.js";
export { assertProfile, profileProblems } from "./validate.js";
export {
  DEFAULT_WARNING_WEIGHT,
  estimateMessage,
  exceedsMaxPenalty,
  messageEstimate,
  ruleFor,
  runTotal,
  thresholdReached,
  totalFor,
  type PenaltySummary,
  type ThresholdStanding,
} from "./compute.js";
