// Penalty estimates in words, for the text formatters (en / zh-CN). Pure.
// The rule: an unknown number is said to be unknown, never printed as 0; a platform without
// points says so and names the likely action instead.

import type { Locale, PenaltyEstimate } from "../types.js";
import { thresholdReached, type PenaltySummary } from "../penalties/compute.js";
import type { Confidence, PlatformProfile, Threshold } from "../penalties/types.js";

const MINUS = "\u2212"; // typographic minus, as in "−6 pts"

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

const SYMBOLS: Record<string, string> = { CNY: "¥", USD: "$", EUR: "€", GBP: "£", JPY: "¥" };
const ZH_UNITS: Record<string, string> = { CNY: "元", USD: "美元", EUR: "欧元", GBP: "英镑", JPY: "日元" };

export function formatMoney(amount: number, currency: string | null | undefined, locale: Locale): string {
  const code = currency ?? "";
  if (locale === "zh-CN") return `${formatNumber(amount)} ${ZH_UNITS[code] ?? code}`.trim();
  const symbol = SYMBOLS[code];
  return symbol ? `${symbol}${formatNumber(amount)}` : `${formatNumber(amount)} ${code}`.trim();
}

const points = (n: number, locale: Locale): string =>
  locale === "zh-CN" ? `扣 ${formatNumber(n)} 分` : `${MINUS}${formatNumber(n)} ${n === 1 ? "pt" : "pts"}`;

const unknownPoints = (locale: Locale): string => (locale === "zh-CN" ? "? 分" : "? pts");

const fineText = (amount: number, currency: string | null | undefined, locale: Locale): string =>
  locale === "zh-CN" ? `违约金 ${formatMoney(amount, currency, locale)}` : `${formatMoney(amount, currency, locale)} fine`;

/** The penalty column of one message: `−6 pts`, `¥500 fine`, `? pts`, or "" (no points system). */
export function penaltyCell(estimate: PenaltyEstimate | null, profile: PlatformProfile, locale: Locale): string {
  if (!estimate) return "";
  const parts: string[] = [];
  if (estimate.points !== null) parts.push(points(estimate.points, locale));
  if (estimate.fine != null) parts.push(fineText(estimate.fine, estimate.currency ?? profile.currency, locale));
  if (parts.length > 0) return parts.join(", ");
  if (profile.scoring === "none") return "";
  return profile.scoring === "points" ? unknownPoints(locale) : locale === "zh-CN" ? "未知" : "unknown";
}

/** The file's total, shown next to its path; "" when there is nothing to say. */
export function fileCell(total: PenaltySummary, profile: PlatformProfile, locale: Locale): string {
  if (total.counted === 0 || (profile.scoring === "none" && total.fine === undefined)) return "";
  const known = total.counted - total.unknownPoints;
  const parts: string[] = [];
  if (known > 0) {
    let text = points(total.points, locale);
    if (total.unknownPoints > 0) {
      text += locale === "zh-CN" ? ` + ${total.unknownPoints} 项未知` : ` + ${total.unknownPoints} unknown`;
    }
    parts.push(text);
  }
  if (total.fine !== undefined) parts.push(fineText(total.fine, total.currency ?? profile.currency, locale));
  if (parts.length === 0) parts.push(profile.scoring === "points" ? unknownPoints(locale) : locale === "zh-CN" ? "未知" : "unknown");
  return parts.join(", ");
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function thresholdText(t: Threshold, locale: Locale): string {
  return locale === "zh-CN" ? `${formatNumber(t.points)} 分 = ${t.short[locale]}` : `${formatNumber(t.points)} = ${t.short[locale]}`;
}

/** Where the points stand: reached, next, and the last step of the ladder. */
export function ladderText(profile: PlatformProfile, total: number, locale: Locale): string {
  const zh = locale === "zh-CN";
  if (profile.thresholds.length === 0) return zh ? "处罚阈值未知" : "thresholds unknown";
  const { reached, next } = thresholdReached(profile, total);
  const last = profile.thresholds[profile.thresholds.length - 1]!;
  const parts: string[] = [];
  if (reached) parts.push(`${zh ? "已达 " : "reached "}${thresholdText(reached, locale)}`);
  if (next) parts.push(`${zh ? "下一档 " : "next "}${thresholdText(next, locale)}`);
  if (last !== reached && last !== next) parts.push(thresholdText(last, locale));
  return parts.join(zh ? "；" : "; ");
}

/** The ladder without a position: "12, 24, 36, 48 = deactivated". */
function ladderOutline(profile: PlatformProfile, locale: Locale): string {
  const zh = locale === "zh-CN";
  if (profile.thresholds.length === 0) return zh ? "处罚阈值未知" : "thresholds unknown";
  const ts = profile.thresholds;
  const head = ts.slice(0, -1).map((t) => formatNumber(t.points));
  const last = thresholdText(ts[ts.length - 1]!, locale);
  return (zh ? "阶梯：" : "ladder: ") + [...head, last].join(zh ? "、" : ", ");
}

const CONFIDENCE_WORDS: Record<Confidence, { en: string; "zh-CN": string }> = {
  high: { en: "high", "zh-CN": "高" },
  medium: { en: "medium", "zh-CN": "中" },
  low: { en: "low", "zh-CN": "低" },
};

export interface RunPenaltyText {
  /** Where the run stands, e.g. `est. −18 points on Alibaba.com (reached 12 = …)`. */
  headline: string;
  /** Confidence and the profile's caution, e.g. `estimate, low confidence: …`. */
  note: string | null;
  /** Whether a threshold of the ladder is reached (the formatter colours it stronger). */
  thresholdReached: boolean;
}

/** The run's penalty in words; null when nothing counts (a clean run, or only fatal errors). */
export function runPenaltyText(total: PenaltySummary, profile: PlatformProfile, locale: Locale): RunPenaltyText | null {
  if (total.counted === 0) return null;
  const zh = locale === "zh-CN";
  // In Chinese text a Latin name ("TikTok Shop") needs a space before the following Han word.
  const name = zh && /[\x21-\x7e]$/.test(profile.name[locale]) ? `${profile.name[locale]} ` : profile.name[locale];
  const known = total.counted - total.unknownPoints;
  const likely = profile.likelyAction[locale];
  const fine = total.fine !== undefined ? formatMoney(total.fine, total.currency ?? profile.currency, locale) : null;
  let headline: string;
  let reached = false;

  if (profile.scoring === "points" && known > 0) {
    reached = thresholdReached(profile, total.points).reached !== null;
    const ladder = ladderText(profile, total.points, locale);
    if (zh) {
      headline = `预计扣 ${formatNumber(total.points)} 分（${name.trim()}：${ladder}）`;
      if (total.unknownPoints > 0) headline += `，另有 ${total.unknownPoints} 项分值未知`;
      if (fine) headline += `，违约金约 ${fine}`;
    } else {
      headline = `est. ${MINUS}${formatNumber(total.points)} points on ${name} (${ladder})`;
      if (total.unknownPoints > 0) headline += `, plus ${plural(total.unknownPoints, "violation")} with unknown points`;
      if (fine) headline += `, fines est. ${fine}`;
    }
  } else if (profile.scoring === "points") {
    headline = zh
      ? `${name}扣分未知（${total.counted} 项违规；${ladderOutline(profile, locale)}）；可能后果：${likely}`
      : `points unknown on ${name} for ${plural(total.counted, "violation")} (${ladderOutline(profile, locale)}); likely: ${likely}`;
  } else if (profile.scoring === "none") {
    headline = zh
      ? `${name}无积分制度；${total.counted} 项违规可能导致：${likely}`
      : `${name} has no points system; likely for ${plural(total.counted, "violation")}: ${likely}`;
  } else if (fine) {
    headline = zh
      ? `预计违约金 ${fine}（${name.trim()}，${total.counted} 项违规；是否扣分未知）；可能后果：${likely}`
      : `est. fines ${fine} on ${name} for ${plural(total.counted, "violation")} (points unknown); likely: ${likely}`;
  } else {
    headline = zh
      ? `${name}处罚未知（${total.counted} 项违规）；可能后果：${likely}`
      : `penalty unknown on ${name} for ${plural(total.counted, "violation")}; likely: ${likely}`;
  }

  // Without a points system there is no number to be confident about: only the caution.
  const confidence =
    total.confidence && profile.scoring !== "none" ? CONFIDENCE_WORDS[total.confidence][locale] : null;
  const caution = profile.summaryNote?.[locale] ?? null;
  let note = caution;
  if (confidence !== null) {
    note = zh
      ? `估计值，置信度${confidence}${caution ? `：${caution}` : ""}`
      : `estimate, ${confidence} confidence${caution ? `: ${caution}` : ""}`;
  }
  return { headline, note, thresholdReached: reached };
}

/** `--max-penalty` exceeded, in words. */
export function maxPenaltyText(total: PenaltySummary, maxPenalty: number, locale: Locale): string {
  return locale === "zh-CN"
    ? `预计扣 ${formatNumber(total.points)} 分，超过 --max-penalty ${formatNumber(maxPenalty)}`
    : `est. penalty ${formatNumber(total.points)} points exceeds --max-penalty ${formatNumber(maxPenalty)}`;
}
