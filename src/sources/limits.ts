// The hostile-input limits a reader applies, and how their sizes read in messages. One place, so
// every reader resolves overrides the same way.

import { DEFAULT_LIMITS, type SourceInput, type SourceLimits } from "../types.js";

/** The defaults with the positive overrides of `overrides` (config `limits:`) applied. */
export function resolveLimits(overrides: Partial<SourceLimits> | undefined): SourceLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof SourceLimits>) {
    const value = overrides?.[key];
    if (typeof value === "number" && value > 0) limits[key] = value;
  }
  return limits;
}

/** The limits for one input. */
export function limitsOf(input: SourceInput): SourceLimits {
  return resolveLimits(input.options?.limits);
}

/** "512 MB", "1.5 KB", "10 bytes": a limit as a message states it. */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ["GB", 1024 ** 3],
    ["MB", 1024 ** 2],
    ["KB", 1024],
  ];
  for (const [unit, size] of units) if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  return `${bytes} bytes`;
}
