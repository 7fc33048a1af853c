// Scoring: a pure function of the corpus cases, their layout and the linter's json results.

import type { Category, LintMessage, LintResult } from "../types.js";
import { CATEGORIES } from "../types.js";
import type { CorpusCase } from "./corpus.js";
import type { FileFormat, Layout, LayoutFile, LayoutRecord } from "./layout.js";
import { rangesOverlap, type FileRange } from "./position.js";

/** Category of the built-in rules, for messages that do not carry `category` themselves. */
export const RULE_CATEGORIES: Readonly<Record<string, Category>> = {
  "no-external-link": "link",
  "no-email": "email",
  "no-phone-number": "phone",
  "no-im-contact": "im",
  "no-qr-code": "qr",
  "no-image-contact": "watermark",
  "no-offline-deal": "offline-deal",
  "no-offsite-payment": "payment",
  "no-assurance-refusal": "assurance",
};

export interface Ratio {
  hit: number;
  total: number;
  /** hit / total, or null when total is 0 (nothing to measure). */
  value: number | null;
}

export function ratio(hit: number, total: number): Ratio {
  return { hit, total, value: total === 0 ? null : hit / total };
}

export interface CategoryScore {
  category: Category;
  /** Cases expecting this category, and how many of them got a message of it. */
  recall: Ratio;
  /** (case, category) pairs reported, and how many of them were expected. */
  precision: Ratio;
  /** Labelled spans of this category, and how many a message of it overlaps. */
  located: Ratio;
}

export interface GroupScore {
  /** `txt` (replies), `csv`, `json`, `jsonl`. */
  format: FileFormat;
  cases: number;
  recall: Ratio;
  precision: Ratio;
  located: Ratio;
}

export interface CaseRef {
  caseId: string;
  note: string;
  file: string;
  /** First line of the case's record in its file. */
  line: number;
}

export interface Miss extends CaseRef {
  category: Category;
}

export interface FalsePositive extends CaseRef {
  category: Category;
  /** Messages of that category on the case. */
  messages: Array<Pick<LintMessage, "ruleId" | "message" | "line" | "column" | "match" | "field">>;
}

export interface UnlocatedSpan extends CaseRef {
  category: Category;
  text: string;
  /** Where the span is in the file (first occurrence), if it occurs at all. */
  range?: FileRange;
  /** Ranges of the messages of that category on the case (what the linter pointed at instead). */
  reported: FileRange[];
}

export interface StrayMessage {
  filePath: string;
  line: number;
  column: number;
  message: string;
  ruleId: string | null;
  /** Why it could not be used. */
  reason: "fatal" | "unknown-file" | "no-record" | "no-category";
}

export interface Score {
  cases: { total: number; listings: number; replies: number; clean: number };
  recall: Ratio;
  precision: Ratio;
  /** Clean cases with any message at all. */
  cleanFlagged: Ratio;
  located: Ratio;
  perCategory: CategoryScore[];
  perFormat: GroupScore[];
  misses: Miss[];
  falsePositives: FalsePositive[];
  unlocated: UnlocatedSpan[];
  /** Fatal messages, and messages that could not be tied to a case or category. */
  stray: StrayMessage[];
  /** Messages whose `record.index` and `line` disagree with the layout (a reader bug). */
  recordLineMismatches: number;
  /** Messages counted in total, tied to a case. */
  messages: number;
  /** Written files the linter returned no result for (not linted: ignored, or not discovered). */
  unlintedFiles: string[];
}

/** Forward slashes, so Windows paths match too. */
function slashes(p: string): string {
  return p.replace(/\\/g, "/");
}

/** The layout file a result is about: its path equals or ends with `/<name>`. */
export function findLayoutFile(layout: Layout, filePath: string): LayoutFile | undefined {
  const p = slashes(filePath);
  return layout.files.find((f) => p === f.name || p.endsWith("/" + f.name));
}

function recordFor(file: LayoutFile, m: LintMessage): { record?: LayoutRecord; mismatch: boolean } {
  if (file.records.length === 1 && file.format === "txt") return { record: file.records[0], mismatch: false };
  const byLine = file.records.find((r) => m.line >= r.startLine && m.line <= r.endLine);
  const idx = m.record?.index;
  if (typeof idx === "number" && Number.isInteger(idx) && idx >= 0 && idx < file.records.length) {
    const record = file.records[idx]!;
    return { record, mismatch: byLine !== record };
  }
  return { record: byLine, mismatch: typeof idx === "number" };
}

function messageCategory(m: LintMessage): Category | undefined {
  if (m.category && (CATEGORIES as readonly string[]).includes(m.category)) return m.category;
  return m.ruleId ? RULE_CATEGORIES[m.ruleId] : undefined;
}

function messageRange(m: LintMessage): { start: { line: number; column: number }; end?: { line: number; column: number } } {
  const start = { line: m.line, column: m.column };
  if (typeof m.endLine === "number" && typeof m.endColumn === "number") {
    return { start, end: { line: m.endLine, column: m.endColumn } };
  }
  return { start };
}

interface Tied {
  message: LintMessage;
  category: Category;
}

/**
 * Scores a run. `cases` and `layout` come from `parseCorpus` and `layoutCorpus` (same order);
 * `results` is the linter's `--format json` output for the folder the layout was written to.
 */
export function scoreRun(cases: readonly CorpusCase[], layout: Layout, results: readonly LintResult[]): Score {
  const perCase: Tied[][] = cases.map(() => []);
  const anyMessage: boolean[] = cases.map(() => false);
  const stray: StrayMessage[] = [];
  let mismatches = 0;
  let tiedCount = 0;

  const linted = new Set<string>();
  for (const result of results) {
    const file = findLayoutFile(layout, result.filePath);
    if (file) linted.add(file.name);
    for (const m of result.messages) {
      const strayOf = (reason: StrayMessage["reason"]): StrayMessage => ({
        filePath: result.filePath,
        line: m.line,
        column: m.column,
        message: m.message,
        ruleId: m.ruleId,
        reason,
      });
      if (m.fatal) {
        stray.push(strayOf("fatal"));
        continue;
      }
      if (!file) {
        stray.push(strayOf("unknown-file"));
        continue;
      }
      const { record, mismatch } = recordFor(file, m);
      if (mismatch) mismatches++;
      if (!record) {
        stray.push(strayOf("no-record"));
        continue;
      }
      tiedCount++;
      anyMessage[record.caseIndex] = true;
      const category = messageCategory(m);
      if (!category) {
        stray.push(strayOf("no-category"));
        continue;
      }
      perCase[record.caseIndex]!.push({ message: m, category });
    }
  }

  const ref = (i: number): CaseRef => {
    const c = cases[i]!;
    const p = layout.placements[i];
    return { caseId: c.id, note: c.note, file: p?.file ?? "?", line: p?.startLine ?? 0 };
  };

  const catCounts = new Map<Category, { exp: number; found: number; rep: number; ok: number; spans: number; loc: number }>();
  const fmtCounts = new Map<FileFormat, { cases: number; exp: number; found: number; rep: number; ok: number; spans: number; loc: number }>();
  const counts = (c: Category) => {
    let v = catCounts.get(c);
    if (!v) catCounts.set(c, (v = { exp: 0, found: 0, rep: 0, ok: 0, spans: 0, loc: 0 }));
    return v;
  };
  const fmt = (f: FileFormat) => {
    let v = fmtCounts.get(f);
    if (!v) fmtCounts.set(f, (v = { cases: 0, exp: 0, found: 0, rep: 0, ok: 0, spans: 0, loc: 0 }));
    return v;
  };

  const misses: Miss[] = [];
  const falsePositives: FalsePositive[] = [];
  let clean = 0;
  let cleanFlagged = 0;

  cases.forEach((c, i) => {
    const tied = perCase[i]!;
    const reported = new Set(tied.map((t) => t.category));
    const f = fmt(layout.placements[i]?.format ?? "txt");
    f.cases++;
    if (c.expect.length === 0) {
      clean++;
      if (anyMessage[i]) cleanFlagged++;
    }
    for (const category of c.expect) {
      const k = counts(category);
      k.exp++;
      f.exp++;
      if (reported.has(category)) {
        k.found++;
        f.found++;
      } else {
        misses.push({ ...ref(i), category });
      }
    }
    for (const category of reported) {
      const k = counts(category);
      k.rep++;
      f.rep++;
      if (c.expect.includes(category)) {
        k.ok++;
        f.ok++;
      } else {
        falsePositives.push({
          ...ref(i),
          category,
          messages: tied
            .filter((t) => t.category === category)
            .map(({ message: m }) => ({ ruleId: m.ruleId, message: m.message, line: m.line, column: m.column, match: m.match, field: m.field })),
        });
      }
    }
  });

  const unlocated: UnlocatedSpan[] = [];
  for (const span of layout.spans) {
    const k = counts(span.category);
    const f = fmt(layout.placements[span.caseIndex]?.format ?? "txt");
    k.spans++;
    f.spans++;
    const candidates = perCase[span.caseIndex]!.filter((t) => t.category === span.category).map((t) => messageRange(t.message));
    const hit = span.occurrences.some((o) => candidates.some((r) => rangesOverlap(o.range, r)));
    if (hit) {
      k.loc++;
      f.loc++;
    } else {
      unlocated.push({
        ...ref(span.caseIndex),
        category: span.category,
        text: span.text,
        range: span.occurrences[0]?.range,
        reported: candidates.map((r) => ({ start: r.start, end: r.end ?? r.start })),
      });
    }
  }

  const perCategory: CategoryScore[] = CATEGORIES.filter((c) => catCounts.has(c)).map((category) => {
    const k = catCounts.get(category)!;
    return { category, recall: ratio(k.found, k.exp), precision: ratio(k.ok, k.rep), located: ratio(k.loc, k.spans) };
  });
  const formatOrder: FileFormat[] = ["txt", "csv", "json", "jsonl"];
  const perFormat: GroupScore[] = formatOrder
    .filter((f) => fmtCounts.has(f))
    .map((format) => {
      const k = fmtCounts.get(format)!;
      return { format, cases: k.cases, recall: ratio(k.found, k.exp), precision: ratio(k.ok, k.rep), located: ratio(k.loc, k.spans) };
    });

  let exp = 0;
  let found = 0;
  let rep = 0;
  let ok = 0;
  let spans = 0;
  let loc = 0;
  for (const k of catCounts.values()) {
    exp += k.exp;
    found += k.found;
    rep += k.rep;
    ok += k.ok;
    spans += k.spans;
    loc += k.loc;
  }

  return {
    cases: {
      total: cases.length,
      listings: cases.filter((c) => c.kind === "listing").length,
      replies: cases.filter((c) => c.kind === "reply").length,
      clean,
    },
    recall: ratio(found, exp),
    precision: ratio(ok, rep),
    cleanFlagged: ratio(cleanFlagged, clean),
    located: ratio(loc, spans),
    perCategory,
    perFormat,
    misses,
    falsePositives,
    unlocated,
    stray,
    recordLineMismatches: mismatches,
    messages: tiedCount,
    unlintedFiles: layout.files.map((f) => f.name).filter((n) => !linted.has(n)),
  };
}

export interface Thresholds {
  minRecall?: number;
  /** Recall every category with expected cases must reach. */
  minCategoryRecall?: number;
  minPrecision?: number;
  maxCleanFlagged?: number;
  minLocated?: number;
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/**
 * The thresholds a score does not meet, one sentence each (empty: all met). A measure with
 * nothing to measure (no expected pair, no report, no clean case, no span) meets any threshold.
 */
export function checkThresholds(score: Score, t: Thresholds): string[] {
  const failures: string[] = [];
  const below = (name: string, flag: string, r: Ratio, min: number | undefined) => {
    if (min === undefined || r.value === null) return;
    if (r.value < min) failures.push(`${name} ${pct(r.value)} (${r.hit}/${r.total}) is below ${flag} ${pct(min)}`);
  };
  below("recall", "--min-recall", score.recall, t.minRecall);
  for (const c of score.perCategory) below(`${c.category} recall`, "--min-category-recall", c.recall, t.minCategoryRecall);
  below("precision", "--min-precision", score.precision, t.minPrecision);
  below("located", "--min-located", score.located, t.minLocated);
  const cf = score.cleanFlagged;
  if (t.maxCleanFlagged !== undefined && cf.value !== null && cf.value > t.maxCleanFlagged) {
    failures.push(`clean cases flagged ${pct(cf.value)} (${cf.hit}/${cf.total}) is above --max-clean-flagged ${pct(t.maxCleanFlagged)}`);
  }
  return failures;
}
