// Row-level scoring of a tool's flagged rows against the bench ground truth. Pure.

import type { Category, TruthRow } from "./generate.js";

export interface Share {
  hit: number;
  total: number;
  /** hit / total, or null when total is 0. */
  value: number | null;
}

export function share(hit: number, total: number): Share {
  return { hit, total, value: total === 0 ? null : hit / total };
}

export interface RowScore {
  rows: number;
  violating: number;
  flagged: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Violating rows flagged / violating rows. */
  recall: Share;
  /** Violating rows flagged / rows flagged. */
  precision: Share;
  /** Clean rows flagged / clean rows. */
  cleanFlagged: Share;
  /** Per truth category: rows with that category that were flagged (by anything). */
  perCategory: Record<string, Share>;
  /** Per truth category, when the tool reports categories: rows flagged with a message of that category. */
  perCategoryExact?: Record<string, Share>;
  /** Per violation family (a row counts for each of its snippets' families). */
  perFamily: Record<string, Share>;
  /** A few violating rows missed, and clean rows flagged, for the verbose report. */
  missedExamples: Array<{ id: string; texts: string[] }>;
  falsePositiveExamples: string[];
}

/**
 * `flagged`: row key → the categories the tool reported for it (empty when the tool has none).
 * Keys that are not row ids of the file are counted as flagged rows (false positives).
 */
export function scoreRows(rows: number, truth: readonly TruthRow[], flagged: ReadonlyMap<string, ReadonlySet<string>>, withCategories: boolean): RowScore {
  const byId = new Map(truth.map((t) => [t.id, t]));
  let tp = 0;
  const fpExamples: string[] = [];
  for (const key of flagged.keys()) {
    if (byId.has(key)) tp++;
    else if (fpExamples.length < 20) fpExamples.push(key);
  }
  const categories = new Map<string, { hit: number; total: number; exact: number }>();
  const families = new Map<string, { hit: number; total: number }>();
  const missed: Array<{ id: string; texts: string[] }> = [];
  for (const t of truth) {
    const reported = flagged.get(t.id);
    for (const c of t.categories) {
      const k = categories.get(c) ?? { hit: 0, total: 0, exact: 0 };
      k.total++;
      if (reported) k.hit++;
      if (reported?.has(c)) k.exact++;
      categories.set(c, k);
    }
    for (const family of new Set(t.snippets.map((s) => s.family))) {
      const f = families.get(family) ?? { hit: 0, total: 0 };
      f.total++;
      if (reported) f.hit++;
      families.set(family, f);
    }
    if (!reported && missed.length < 50) missed.push({ id: t.id, texts: t.snippets.map((s) => s.text) });
  }
  const sortedEntries = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  const perCategory: Record<string, Share> = {};
  const perCategoryExact: Record<string, Share> = {};
  for (const [c, k] of sortedEntries(categories)) {
    perCategory[c] = share(k.hit, k.total);
    perCategoryExact[c] = share(k.exact, k.total);
  }
  const perFamily: Record<string, Share> = {};
  for (const [f, k] of sortedEntries(families)) perFamily[f] = share(k.hit, k.total);
  const fp = flagged.size - tp;
  return {
    rows,
    violating: truth.length,
    flagged: flagged.size,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: truth.length - tp,
    recall: share(tp, truth.length),
    precision: share(tp, flagged.size),
    cleanFlagged: share(fp, rows - truth.length),
    perCategory,
    ...(withCategories ? { perCategoryExact } : {}),
    perFamily,
    missedExamples: missed,
    falsePositiveExamples: fpExamples,
  };
}

export const CATEGORY_ORDER: readonly Category[] = ["phone", "im", "email", "link", "qr", "offline-deal", "payment", "assurance"];
